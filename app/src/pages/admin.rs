//! Administration: the jurisdiction tree and its users, with forms to add both. Each form shows
//! the server's verdict next to the field it concerns.

use crate::api::{
    load_admin, load_categories, load_rules_view, load_webhooks, AddWebhook, AdminView, CreateUnit,
    CreateUser, RetireCategory, SaveCategory, TryRules,
};
use crate::components::unit_card::{unit_kind_label, LoadError, PersonRow};
use crate::dispute::Category;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use crate::jurisdiction::{Unit, UnitKind, SECTORS};
use crate::session::Role;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn AdminPage() -> impl IntoView {
    let t = use_texts();
    let create_unit = ServerAction::<CreateUnit>::new();
    let create_user = ServerAction::<CreateUser>::new();
    // Reload the tree only when something was really added: a refused form keeps what the
    // person typed, so they can correct the one field the error names.
    let added_unit = last_success_id(create_unit.value(), |u| u.id);
    let added_user = last_success_id(create_user.value(), |u| u.id);
    let overview = Resource::new_blocking(
        move || (added_unit.get(), added_user.get()),
        |_| load_admin(),
    );
    view! {
        <h1 class="page-title">{t.admin_title}</h1>
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(view) => Either::Left(view! { <AdminSections view create_unit create_user/> }),
                    Err(error) => Either::Right(view! { <LoadError error/> }),
                }
            })}
        </Transition>
    }
}

/// The id of the last record an action created; unchanged by failed submissions.
fn last_success_id<T, S>(value: S, id: fn(&T) -> i64) -> Memo<Option<i64>>
where
    T: Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&Option<i64>>| {
        let latest = value
            .get()
            .and_then(|result| result.ok())
            .map(|record| id(&record));
        latest.or_else(|| previous.copied().flatten())
    })
}

#[component]
fn AdminSections(
    view: AdminView,
    create_unit: ServerAction<CreateUnit>,
    create_user: ServerAction<CreateUser>,
) -> impl IntoView {
    let t = use_texts();
    let units: Vec<Unit> = view.units.iter().map(|(u, _)| u.clone()).collect();
    let units_for_hooks = units.clone();
    view! {
        <div class="admin-grid">
            <section class="card">
                <h2>{t.jurisdiction_tree}</h2>
                <ul class="tree">
                    {view.units.into_iter().map(|(unit, depth)| {
                        let kind = unit_kind_label(&unit);
                        view! {
                            <li class="tree-row" style=format!("--depth:{depth}")>
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
            <section class="card">
                <h2>{t.users}</h2>
                <ul class="rows">
                    {view.users.into_iter().map(|person| view! { <PersonRow person/> }).collect_view()}
                </ul>
            </section>
            <CategoriesSection/>
            <RulesSection/>
            <WebhooksSection units=units_for_hooks.clone()/>
            <crate::pages::mediator_pool::MediatorPoolSection units=units_for_hooks/>
        </div>
    }
}

/// The error of the last submission of a form, if it concerns `field`; `None` for the form as
/// a whole.
fn field_error<T, S>(
    value: S,
    field: Option<&'static str>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static
where
    S: Get<Value = Option<Result<T, AppError>>> + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    let locale = use_locale();
    move || match value.get() {
        Some(Err(error)) if error.field() == field => Some(error.message(t, locale)),
        _ => None,
    }
}

#[component]
fn FieldError(message: impl Fn() -> Option<String> + Send + Sync + 'static) -> impl IntoView {
    move || message().map(|m| view! { <p class="error field-error" role="alert">{m}</p> })
}

fn unit_options(units: &[Unit], filter: impl Fn(&Unit) -> bool) -> impl IntoView {
    units
        .iter()
        .filter(|u| filter(u))
        .map(|u| {
            let label = format!("{}（{}）", u.name, unit_kind_label(u));
            view! { <option value=u.id.to_string()>{label}</option> }
        })
        .collect_view()
}

#[component]
fn UnitForm(action: ServerAction<CreateUnit>, units: Vec<Unit>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let value = action.value();
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.unit_added);
    let parents = unit_options(&units, |u| !UnitKind::child_kinds(Some(u.kind)).is_empty());
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
                {unit_options(&units, |_| true)}
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

/// The deployment's dispute categories: rename, add, retire and restore. Phones get the list
/// on their next sync.
#[component]
fn CategoriesSection() -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveCategory>::new();
    let retire = ServerAction::<RetireCategory>::new();
    let categories = Resource::new(
        move || (save.version().get(), retire.version().get()),
        |_| load_categories(),
    );
    let value = save.value();
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.category_saved);
    view! {
        <section class="card" aria-labelledby="categories-title">
            <h2 id="categories-title">{t.categories_title}</h2>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match categories.await {
                        Ok(list) => Either::Left(view! {
                            <ul class="rows categories">
                                {list.into_iter().map(|category| view! { <CategoryRow category retire/> }).collect_view()}
                            </ul>
                        }),
                        Err(error) => Either::Right(view! { <LoadError error/> }),
                    }
                })}
            </Transition>
            <FieldError message=field_error(retire.value(), None)/>
            <ActionForm action=save attr:class="form">
                <p class="muted">{t.category_hint}</p>
                <label for="category-code">{t.category_code}</label>
                <input id="category-code" name="code" type="text" autocapitalize="none" required maxlength="40"/>
                <FieldError message=field_error(value, Some("code"))/>
                <label for="category-name-zh">{t.category_name_zh}</label>
                <input id="category-name-zh" name="name_zh" type="text" required maxlength="40"/>
                <FieldError message=field_error(value, Some("name_zh"))/>
                <label for="category-name-en">{t.category_name_en}</label>
                <input id="category-name-en" name="name_en" type="text" required maxlength="40"/>
                <FieldError message=field_error(value, Some("name_en"))/>
                <FieldError message=field_error(value, None)/>
                {move || done().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                <button type="submit" class="button primary" disabled=save.pending()>{t.save}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn CategoryRow(category: Category, retire: ServerAction<RetireCategory>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let name = locale.category(std::slice::from_ref(&category), &category.code);
    let (label, retired_next) = if category.retired {
        (t.restore, "false")
    } else {
        (t.retire, "true")
    };
    let Category { code, retired, .. } = category;
    let (row_code, shown_code) = (code.clone(), code.clone());
    view! {
        <li class="category-row" class:retired=retired data-code=row_code>
            <span class="unit-name">{name}</span>
            <span class="unit-meta">
                {shown_code}
                {retired.then_some(" · ")}
                {retired.then_some(t.category_retired)}
            </span>
            <ActionForm action=retire attr:class="inline-form">
                <input type="hidden" name="code" value=code/>
                <input type="hidden" name="retired" value=retired_next/>
                <button type="submit" class="link-button">{label}</button>
            </ActionForm>
        </li>
    }
}

/// The active rule file: its rules in the order they are tried, the file as written, and a
/// form to try a case against it.
#[component]
fn RulesSection() -> impl IntoView {
    let t = use_texts();
    let view = Resource::new(|| (), |_| load_rules_view());
    view! {
        <section class="card" aria-labelledby="rules-title">
            <h2 id="rules-title">{t.rules_title}</h2>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match view.await {
                        Ok(rules) => Either::Left(view! { <RulesBody rules/> }),
                        Err(error) => Either::Right(view! { <LoadError error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RulesBody(rules: crate::api::RulesView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let attempt = ServerAction::<TryRules>::new();
    let value = attempt.value();
    view! {
        <p class="muted">{rules.name.clone()} " · " {rules.version.clone()}</p>
        <ol class="rules">
            {rules.rules.into_iter().map(|r| view! {
                <li data-rule=r.id.clone()><strong>{r.name}</strong><span class="muted">" — " {r.seed}</span></li>
            }).collect_view()}
        </ol>
        <details>
            <summary>{t.rules_file}</summary>
            <pre class="rule-file">{rules.text}</pre>
        </details>
        <h3>{t.rules_try}</h3>
        <ActionForm action=attempt attr:class="form">
            <label for="try-grid">{t.recorded_in}</label>
            <select id="try-grid" name="grid_id">
                {rules.grids.into_iter().map(|g| view! { <option value=g.id.to_string()>{g.name}</option> }).collect_view()}
            </select>
            <label for="try-category">{t.category}</label>
            <select id="try-category" name="category">
                {crate::dispute::DEFAULT_CATEGORIES.iter().map(|(code, _, _)| view! {
                    <option value=*code>{locale.category(&[], code)}</option>
                }).collect_view()}
            </select>
            <label for="try-amount">{t.amount}</label>
            <input id="try-amount" name="amount_yuan" type="text" inputmode="decimal"/>
            <FieldError message=field_error(value, Some("amount_yuan"))/>
            <label for="try-people">{t.people}</label>
            <input id="try-people" name="people_involved" type="number" value="2" min="1"/>
            <FieldError message=field_error(value, Some("people_involved"))/>
            <label class="check"><input type="checkbox" name="facts_clear"/>{t.facts_clear}</label>
            <label class="check"><input type="checkbox" name="petition_risk"/>{t.petition_risk}</label>
            <label class="check"><input type="checkbox" name="government_party"/>{t.government_party}</label>
            <FieldError message=field_error(value, None)/>
            <button type="submit" class="button primary">{t.rules_try_button}</button>
        </ActionForm>
        {move || value.get().and_then(Result::ok).map(|e| {
            let fired = e.fired.iter().map(|f| f.name.clone()).collect::<Vec<_>>().join(" → ");
            view! {
                <div class="notice" role="status" data-testid="rules-try-result">
                    <p><strong>{t.went_to}</strong>{e.holder.name.clone()} " — " {locale.channel(e.channel)}
                        {e.deadline.clone().map(|d| format!(" · {d}"))}</p>
                    <p>{t.because}{fired}</p>
                </div>
            }
        })}
    }
}

/// DingTalk and WeCom group robots per unit, and the delivery log.
#[component]
fn WebhooksSection(units: Vec<Unit>) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddWebhook>::new();
    let value = add.value();
    let hooks = Resource::new(move || add.version().get(), |_| load_webhooks());
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.webhook_added);
    view! {
        <section class="card" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">{t.webhooks_title}</h2>
            <ActionForm action=add attr:class="form">
                <label for="hook-unit">{t.unit}</label>
                <select id="hook-unit" name="unit_id">{unit_options(&units, |_| true)}</select>
                <FieldError message=field_error(value, Some("unit_id"))/>
                <label for="hook-format">{t.webhook_format}</label>
                <select id="hook-format" name="format">
                    <option value="dingtalk">{t.dingtalk}</option>
                    <option value="wecom">{t.wecom}</option>
                </select>
                <label for="hook-url">{t.webhook_url}</label>
                <input id="hook-url" name="url" type="text" inputmode="url" autocapitalize="none" maxlength="500"/>
                <FieldError message=field_error(value, Some("url"))/>
                <FieldError message=field_error(value, None)/>
                {move || done().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                <button type="submit" class="button primary">{t.save}</button>
            </ActionForm>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match hooks.await {
                        Ok(view) => Either::Left(view! {
                            <ul class="rows webhooks">
                                {view.hooks.into_iter().map(|h| view! {
                                    <li><span class="unit-name">{h.unit_name}</span><span class="unit-meta">{h.format} " · " {h.url}</span></li>
                                }).collect_view()}
                            </ul>
                            <h3>{t.delivery_log}</h3>
                            <ul class="rows deliveries">
                                {view.deliveries.into_iter().map(|d| {
                                    let shown = format!("{} · {}{}", d.status, d.attempts, t.attempts_suffix);
                                    view! {
                                        <li data-status=d.status>
                                            <span>{d.unit_name} " · " {d.format} " · " {d.kind}</span>
                                            <span class="unit-meta">{shown}{d.last_error.map(|e| format!(" · {e}"))}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }),
                        Err(error) => Either::Right(view! { <LoadError error/> }),
                    }
                })}
            </Transition>
        </section>
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
        view! { <AdminPage/> }.into_any()
    }
}
