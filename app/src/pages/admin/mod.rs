//! Administration: the jurisdiction tree and its users, with forms to add both. Each form shows
//! the server's verdict next to the field it concerns.

pub mod accounts;
mod categories;
pub(crate) mod forms;
mod robots;
mod rules;

use accounts::{AccountsSection, ChangeAccount};
use categories::CategoriesSection;
use forms::{field_error, last_success_id, unit_options, FieldError};
use robots::WebhooksSection;
use rules::RulesSection;

use crate::api::admin::AdminView;
use crate::api::home::UserSummary;
use crate::components::kept_note::{stamped, FetchedNote};
use crate::components::unit_card::{unit_kind_label, LoadError};
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::jurisdiction::{Unit, UnitKind, SECTORS};
use domain::session::Role;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// The admin page's sections' actions and resources. Made once by the page, outside any
/// `Suspend`: a resource created inside one does not hydrate (the client does not find its
/// data, and the page stops at the first such section).
#[derive(Clone, Copy)]
pub(crate) struct AdminState {
    save_category: ServerAction<categories::SaveCategory>,
    retire_category: ServerAction<categories::RetireCategory>,
    categories: Resource<Result<Vec<domain::dispute::Category>, AppError>>,
    rules: Resource<Result<crate::api::rules::RulesView, AppError>>,
    add_webhook: ServerAction<robots::AddWebhook>,
    webhooks: Resource<Result<crate::api::robots::WebhooksView, AppError>>,
    pool: crate::pages::mediator_pool::MediatorPool,
}

impl AdminState {
    fn new() -> AdminState {
        let save_category = ServerAction::<categories::SaveCategory>::new();
        let retire_category = ServerAction::<categories::RetireCategory>::new();
        let categories = Resource::new(
            move || {
                (
                    save_category.version().get(),
                    retire_category.version().get(),
                )
            },
            |_| categories::load_categories(),
        );
        let add_webhook = ServerAction::<robots::AddWebhook>::new();
        let webhooks = Resource::new(
            move || add_webhook.version().get(),
            |_| robots::load_webhooks(),
        );
        AdminState {
            save_category,
            retire_category,
            categories,
            rules: Resource::new(|| (), |_| rules::load_rules_view()),
            add_webhook,
            webhooks,
            pool: crate::pages::mediator_pool::MediatorPool::for_page(),
        }
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let t = use_texts();
    let create_unit = ServerAction::<CreateUnit>::new();
    let create_user = ServerAction::<CreateUser>::new();
    let change_account = ServerAction::<ChangeAccount>::new();
    // Reload the tree only when something was really added: a refused form keeps what the
    // person typed, so they can correct the one field the error names.
    let added_unit = last_success_id(create_unit.value(), |u| u.id);
    let added_user = last_success_id(create_user.value(), |u| u.id);
    // An account changed (or a change refused) re-reads the list, so it shows what now holds.
    let changed = change_account.version();
    let state = AdminState::new();
    let overview = Resource::new_blocking(
        move || (added_unit.get(), added_user.get(), changed.get()),
        |_| stamped(load_admin()),
    );
    view! {
        <Title text=t.admin_title/>
        <h1 class="page-title">{t.admin_title}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    (Ok(view), at) => Either::Left(view! {
                        <FetchedNote at/>
                        <AdminSections view create_unit create_user change_account state/>
                    }),
                    (Err(error), _) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn AdminSections(
    view: AdminView,
    create_unit: ServerAction<CreateUnit>,
    create_user: ServerAction<CreateUser>,
    change_account: ServerAction<ChangeAccount>,
    state: AdminState,
) -> impl IntoView {
    let t = use_texts();
    let units: Vec<Unit> = view.units.iter().map(|(u, _)| u.clone()).collect();
    let units_for_hooks = units.clone();
    let online = crate::device::state::use_sync_state().online;
    // Offline every form is disabled at once (the page shows what it last fetched).
    view! {
        <fieldset class="offline-guard" disabled=move || !online.get()>
        <div class="admin-grid">
            <section class="card">
                <h2>{t.jurisdiction_tree}</h2>
                <ul class="tree">
                    {view.units.into_iter().map(|(unit, depth)| {
                        let kind = unit_kind_label(&unit);
                        view! {
                            <li class=format!("tree-row depth-{}", depth.min(8))>
                                <span class="unit-name">{unit.name}</span>
                                <span class="unit-meta">{kind}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{t.add_unit}</h2>
                <UnitForm action=create_unit units=units.clone()/>
            </section>
            <section class="card">
                <h2>{t.add_user}</h2>
                <UserForm action=create_user units/>
            </section>
            <AccountsSection accounts=view.accounts units=units_for_hooks.clone() change=change_account/>
            <CategoriesSection state/>
            <RulesSection state/>
            <WebhooksSection units=units_for_hooks.clone() state/>
            <crate::pages::mediator_pool::MediatorPoolSection units=units_for_hooks pool=state.pool/>
        </div>
        </fieldset>
    }
}

#[component]
fn UnitForm(action: ServerAction<CreateUnit>, units: Vec<Unit>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let value = action.value();
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.unit_added);
    let parents = unit_options(
        &units,
        |u| !UnitKind::child_kinds(Some(u.kind)).is_empty(),
        None,
    );
    view! {
        <ActionForm action attr:class="form">
            <label for="unit-parent">{t.parent_unit}</label>
            <select id="unit-parent" name="parent_id" required>
                {parents}
            </select>
            <FieldError message=field_error(value, Some("parent_id"))/>
            <label for="unit-kind">{t.unit_kind}</label>
            <select id="unit-kind" name="kind" required>
                {UnitKind::ALL.into_iter().filter(|k| *k != UnitKind::City).map(|k| {
                    view! { <option value=k.code()>{locale.unit_kind(k)}</option> }
                }).collect_view()}
            </select>
            <FieldError message=field_error(value, Some("kind"))/>
            <label for="unit-name">{t.unit_name}</label>
            <input id="unit-name" name="name" type="text" required maxlength="60"/>
            <FieldError message=field_error(value, Some("name"))/>
            <label for="unit-code">{t.division_code} " (" {t.optional} ")"</label>
            <input id="unit-code" name="code" type="text" inputmode="numeric" maxlength="12"/>
            <FieldError message=field_error(value, Some("code"))/>
            <label for="unit-category">{t.sector} " (" {t.optional} ")"</label>
            <select id="unit-category" name="category">
                <option value="">{t.choose}</option>
                {SECTORS.into_iter().map(|s| view! { <option value=s>{locale.sector(s)}</option> }).collect_view()}
            </select>
            <FieldError message=field_error(value, Some("category"))/>
            <FieldError message=field_error(value, None)/>
            {move || done().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <button type="submit" class="button primary" disabled=action.pending()>{t.save}</button>
        </ActionForm>
    }
}

#[component]
fn UserForm(action: ServerAction<CreateUser>, units: Vec<Unit>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let value = action.value();
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.user_added);
    view! {
        <ActionForm action attr:class="form">
            <label for="user-username">{t.username}</label>
            <input id="user-username" name="username" type="text" autocapitalize="none" required maxlength="32"/>
            <FieldError message=field_error(value, Some("username"))/>
            <label for="user-display-name">{t.display_name}</label>
            <input id="user-display-name" name="display_name" type="text" required maxlength="40"/>
            <FieldError message=field_error(value, Some("display_name"))/>
            <label for="user-role">{t.role}</label>
            <select id="user-role" name="role" required>
                {Role::ALL.into_iter().map(|r| view! { <option value=r.code()>{locale.role(r)}</option> }).collect_view()}
            </select>
            <FieldError message=field_error(value, Some("role"))/>
            <label for="user-unit">{t.unit}</label>
            <select id="user-unit" name="unit_id" required>
                {unit_options(&units, |_| true, None)}
            </select>
            <FieldError message=field_error(value, Some("unit_id"))/>
            <label for="user-password">{t.initial_password}</label>
            <input id="user-password" name="password" type="password" autocomplete="new-password" required minlength="8"/>
            <FieldError message=field_error(value, Some("password"))/>
            <FieldError message=field_error(value, None)/>
            {move || done().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            <button type="submit" class="button primary" disabled=action.pending()>{t.save}</button>
        </ActionForm>
    }
}

/// The page as a lazily loaded route: its code is a separate wasm chunk (see `shell.rs`).
pub struct AdminRoute;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for AdminRoute {
    fn data() -> Self {
        AdminRoute
    }

    fn view(_this: Self) -> AnyView {
        view! {
            <crate::components::desk_gate::DeskGate desk=domain::session::Desk::Administration>
                <AdminPage/>
            </crate::components::desk_gate::DeskGate>
        }
        .into_any()
    }
}

#[server(endpoint = "admin/overview")]
pub async fn load_admin() -> Result<AdminView, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.admin_view(&user).await
}

/// Empty optional form fields arrive as empty strings; they mean "not given".
#[cfg(feature = "ssr")]
fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[server(endpoint = "admin/units")]
pub async fn create_unit(
    parent_id: i64,
    kind: String,
    name: String,
    code: Option<String>,
    category: Option<String>,
) -> Result<Unit, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let unit = crate::api::admin::NewUnit {
        parent_id,
        kind,
        name: name.trim().to_owned(),
        code: blank_to_none(code),
        category: blank_to_none(category),
    };
    backend()?.create_unit(&user, unit).await
}

#[server(endpoint = "admin/users")]
pub async fn create_user(
    username: String,
    display_name: String,
    role: String,
    unit_id: i64,
    password: String,
) -> Result<UserSummary, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    let new = crate::api::admin::NewUser {
        username: username.trim().to_owned(),
        display_name: display_name.trim().to_owned(),
        role,
        unit_id,
        password,
    };
    backend()?.create_user(&user, new).await
}
