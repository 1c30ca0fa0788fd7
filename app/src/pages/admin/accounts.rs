//! 账号管理 on the admin page (each user with what an administrator may do to the account) and
//! the audit log page (`/admin/audit`), searched by person, action and date with the filters in
//! the address.

use super::forms::{field_error, unit_options, FieldError};
use crate::api::accounts::{Account, AccountChanged, AuditLine, AUDIT_PAGE};
use crate::components::kept_note::{stamped, FetchedNote};
use crate::components::unit_card::LoadError;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::audit::AuditAction;
use domain::clock::CstDateTime;
use domain::jurisdiction::Unit;
use domain::session::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What the change buttons send: `disable`, `enable`, `reset_password`, `end_sessions`,
/// `grant_sensitive`, `revoke_sensitive`, or `move` with `unit_id` and `role`.
#[server(endpoint = "admin/accounts/change")]
pub async fn change_account(
    user_id: i64,
    change: String,
    unit_id: Option<i64>,
    role: Option<String>,
) -> Result<AccountChanged, AppError> {
    use crate::api::accounts::AccountChange;
    use crate::api::backend::*;
    use domain::problem::Problem;
    let admin = require_user()?;
    let change = match change.as_str() {
        "disable" => AccountChange::Disable,
        "enable" => AccountChange::Enable,
        "reset_password" => AccountChange::ResetPassword,
        "end_sessions" => AccountChange::EndSessions,
        "grant_sensitive" => AccountChange::SensitivePermission { granted: true },
        "revoke_sensitive" => AccountChange::SensitivePermission { granted: false },
        "move" => AccountChange::Move {
            unit_id: unit_id.ok_or(AppError::invalid("unit_id", Problem::Required))?,
            role: role
                .as_deref()
                .and_then(Role::from_code)
                .ok_or(AppError::invalid("role", Problem::UnknownValue))?,
        },
        _ => return Err(AppError::invalid("change", Problem::UnknownValue)),
    };
    backend()?.change_account(&admin, user_id, change).await
}

#[server(endpoint = "admin/audit")]
pub async fn load_audit(
    person: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<AuditLine>, AppError> {
    use crate::api::backend::*;
    use domain::problem::Problem;
    let admin = require_user()?;
    let action = match action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(code) => Some(
            AuditAction::from_code(code)
                .ok_or(AppError::invalid("action", Problem::UnknownValue))?,
        ),
    };
    let filter = crate::api::accounts::AuditFilter {
        person,
        action,
        from,
        to,
    };
    backend()?.audit_log(&admin, filter).await
}

/// Every account of the administrator's subtree, each with its actions behind 管理.
#[component]
pub fn AccountsSection(
    accounts: Vec<Account>,
    units: Vec<Unit>,
    change: ServerAction<ChangeAccount>,
) -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let value = change.value();
    let one_time = move || match value.get() {
        Some(Ok(AccountChanged {
            one_time_password: Some(password),
            account,
            ..
        })) => Some((account.user.display_name, password)),
        _ => None,
    };
    // The server answers a change with the account as it now is: the row follows, no reload.
    let list = RwSignal::new(accounts);
    // Whose 调整单位或角色 form was sent last: its row shows what the server found wrong.
    let moving = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if let Some(Ok(changed)) = value.get() {
            list.update(|accounts| {
                if let Some(row) = accounts
                    .iter_mut()
                    .find(|a| a.user.id == changed.account.user.id)
                {
                    *row = changed.account.clone();
                }
            });
        }
    });
    // What the last change did, so the person sees it took.
    let done = move || match value.get() {
        Some(Ok(changed)) => Some(format!(
            "{} · {} · {}",
            changed.account.user.display_name,
            locale.audit_action(changed.action),
            a.done
        )),
        _ => None,
    };
    view! {
        <section class="card accounts" data-testid="accounts">
            <h2>{a.heading}</h2>
            <p class="muted">{a.intro} " " <a href="/admin/audit">{a.audit_title}</a></p>
            {move || one_time().map(|(name, password)| view! {
                <p class="notice" role="alert" data-testid="one-time-password">
                    {name} " · " {a.one_time_password}<strong class="one-time">{password}</strong>
                    <br/>{a.one_time_note}
                </p>
            })}
            {move || done().map(|d| view! { <p class="notice" role="status" data-testid="account-done">{d}</p> })}
            <FieldError message=field_error(value, None)/>
            <ul class="rows">
                // Keyed by what a change alters: the row changed is drawn anew, the others
                // (an open 管理 among them) stay as they are.
                <For
                    each=move || list.get()
                    key=|a| (a.user.id, a.active, a.handles_sensitive, a.must_change_password, a.user.unit_id, a.user.role)
                    let:account
                >
                    <AccountRow account units=units.clone() change moving/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn AccountRow(
    account: Account,
    units: Vec<Unit>,
    change: ServerAction<ChangeAccount>,
    moving: RwSignal<Option<i64>>,
) -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let t = use_texts();
    let id = account.user.id;
    let send = move |what: &'static str, confirm: Option<&'static str>| {
        move |_| {
            if let Some(message) = confirm {
                if !confirmed(message) {
                    return;
                }
            }
            change.dispatch(ChangeAccount {
                user_id: id,
                change: what.to_owned(),
                unit_id: None,
                role: None,
            });
        }
    };
    let user = account.user.clone();
    let row_id = format!("account-{}", user.username);
    let move_unit = format!("move-unit-{id}");
    let move_role = format!("move-role-{id}");
    let move_heading = format!("move-heading-{id}");
    let labelled_by = move_heading.clone();
    let value = change.value();
    let here = move || moving.get() == Some(id);
    let unit_error = field_error(value, Some("unit_id"));
    let role_error = field_error(value, Some("role"));
    view! {
        <li class="person-row account-row" class:inactive=!account.active id=row_id data-username=user.username.clone()>
            <span class="person-name">{user.display_name.clone()} " " <span class="muted">{user.username.clone()}</span></span>
            <span class="person-meta">{locale.role(user.role)} " · " {user.unit_name.clone()}</span>
            <span class="account-flags">
                {(!account.active).then(|| view! { <span class="badge muted-badge">{a.disabled}</span> })}
                {account.handles_sensitive.then(|| view! { <span class="badge sensitive-badge">{a.sensitive}</span> })}
                {account.must_change_password.then(|| view! { <span class="badge waiting-badge">{a.must_change}</span> })}
            </span>
            <details class="account-actions">
                <summary class="button">{a.manage}</summary>
                <div class="account-buttons">
                    {if account.active {
                        Either::Left(view! { <button type="button" class="button danger" on:click=send("disable", Some(a.confirm_disable))>{a.disable}</button> })
                    } else {
                        Either::Right(view! { <button type="button" class="button" on:click=send("enable", None)>{a.enable}</button> })
                    }}
                    <button type="button" class="button danger" on:click=send("end_sessions", Some(a.confirm_end_sessions))>{a.end_sessions}</button>
                    <button type="button" class="button danger" on:click=send("reset_password", Some(a.confirm_reset))>{a.reset_password}</button>
                    {if account.handles_sensitive {
                        Either::Left(view! { <button type="button" class="button" on:click=send("revoke_sensitive", None)>{a.revoke_sensitive}</button> })
                    } else {
                        Either::Right(view! { <button type="button" class="button" on:click=send("grant_sensitive", None)>{a.grant_sensitive}</button> })
                    }}
                </div>
                <ActionForm action=change attr:class="form move-form" attr:aria-labelledby=labelled_by>
                    <input type="hidden" name="user_id" value=id.to_string()/>
                    <input type="hidden" name="change" value="move"/>
                    <h3 class="actions-heading" id=move_heading>{a.move_user}</h3>
                    <label for=move_unit.clone()>{a.move_to_unit}</label>
                    <select id=move_unit name="unit_id" required>
                        <option value="">{t.choose}</option>
                        {unit_options(&units, |_| true, Some(user.unit_id))}
                    </select>
                    <FieldError message=move || unit_error().filter(|_| here())/>
                    <label for=move_role.clone()>{a.move_to_role}</label>
                    <select id=move_role name="role" required>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=r == user.role>{locale.role(r)}</option>
                        }).collect_view()}
                    </select>
                    <FieldError message=move || role_error().filter(|_| here())/>
                    // Set on the click, before the form is sent: the answer's field errors
                    // belong to this row.
                    <button type="submit" class="button" on:click=move |_| moving.set(Some(id))>{a.move_submit}</button>
                </ActionForm>
            </details>
        </li>
    }
}

/// Asks the person to confirm a step that signs someone out or locks them out.
fn confirmed(message: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(message).ok())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        !message.is_empty()
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let lines = Resource::new(
        move || (param("person"), param("action"), param("from"), param("to")),
        |(person, action, from, to)| {
            stamped(load_audit(Some(person), Some(action), Some(from), Some(to)))
        },
    );
    let online = crate::device::state::use_sync_state().online;
    view! {
        <Title text=a.audit_title/>
        <h1 class="page-title">{a.audit_title}</h1>
        <p class="muted">{a.audit_intro}</p>
        <form class="card form audit-filter" method="get" action="/admin/audit">
            <fieldset class="offline-guard" disabled=move || !online.get()>
            <label for="audit-person">{a.audit_person}</label>
            <input id="audit-person" name="person" type="search" prop:value=move || param("person")/>
            <label for="audit-action">{a.audit_action}</label>
            <select id="audit-action" name="action">
                <option value="" selected=move || param("action").is_empty()>{a.audit_any_action}</option>
                {AuditAction::ALL.into_iter().map(|action| view! {
                    <option value=action.code() selected=move || param("action") == action.code()>{locale.audit_action(action)}</option>
                }).collect_view()}
            </select>
            <label for="audit-from">{a.audit_from}</label>
            <input id="audit-from" name="from" type="date" prop:value=move || param("from")/>
            <label for="audit-to">{a.audit_to}</label>
            <input id="audit-to" name="to" type="date" prop:value=move || param("to")/>
            <button type="submit" class="button primary">{a.audit_search}</button>
            </fieldset>
        </form>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match lines.await {
                    (Ok(lines), at) => Either::Left(view! { <FetchedNote at/> <AuditTable lines/> }),
                    (Err(error), _) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn AuditTable(lines: Vec<AuditLine>) -> impl IntoView {
    let locale = use_locale();
    let a = locale.accounts();
    if lines.is_empty() {
        return Either::Left(
            view! { <p class="card muted" data-testid="audit-empty">{a.audit_empty}</p> },
        );
    }
    let full = lines.len() as i64 >= AUDIT_PAGE;
    Either::Right(view! {
        <div class="card table-wrap">
            <table class="audit" data-testid="audit-table">
                <thead><tr>
                    <th scope="col">{a.audit_when}</th>
                    <th scope="col">{a.audit_actor}</th>
                    <th scope="col">{a.audit_action}</th>
                    <th scope="col">{a.audit_subject}</th>
                    <th scope="col">{a.audit_case}</th>
                    <th scope="col">{a.audit_detail}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|line| {
                        let at = CstDateTime::from_unix_ms(line.at);
                        let when = format!("{:04}-{:02}-{:02} {:02}:{:02}", at.year, at.month, at.day, at.hour, at.minute);
                        let detail = line.detail.as_deref().map(|d| match line.action {
                            AuditAction::SessionsEnded => locale.pick("结束的登录数：", "Sessions ended: ").to_owned() + d,
                            _ => locale.read_via(d).map(str::to_owned).unwrap_or_else(|| d.to_owned()),
                        });
                        let case = match (&line.case_number, line.action) {
                            (Some(n), _) => n.clone(),
                            (None, AuditAction::SensitiveCaseRead | AuditAction::PersonalDataRead) => a.audit_unseen_case.to_owned(),
                            (None, _) => String::new(),
                        };
                        let (no_subject, no_case, no_detail) = (line.subject.is_none(), case.is_empty(), detail.is_none());
                        view! {
                            // Each cell names its column: on a phone a line is a card of labelled
                            // facts, not a row to scroll sideways.
                            <tr data-action=line.action.code()>
                                <td data-label=a.audit_when>{when}</td>
                                <td data-label=a.audit_actor>{line.actor.unwrap_or_else(|| a.audit_server.to_owned())}</td>
                                <td data-label=a.audit_action>{locale.audit_action(line.action)}</td>
                                <td data-label=a.audit_subject class:blank=no_subject>{line.subject.unwrap_or_default()}</td>
                                <td data-label=a.audit_case class="case-number" class:blank=no_case>{case}</td>
                                <td data-label=a.audit_detail class:blank=no_detail>{detail.unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {full.then(|| view! { <p class="muted">{a.audit_limit}</p> })}
        </div>
    })
}

/// The audit page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct AuditRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for AuditRoute {
    fn data() -> Self {
        AuditRoute
    }

    fn view(_this: Self) -> AnyView {
        view! {
            <crate::components::desk_gate::DeskGate desk=domain::session::Desk::Administration>
                <AuditPage/>
            </crate::components::desk_gate::DeskGate>
        }
        .into_any()
    }
}
