//! The admin's 调解员库 and 专家库: add people with their specialties (dispute categories),
//! level and the people they must withdraw for; retire and restore them.

use crate::components::check_list::CheckList;
use crate::components::unit_card::{unit_kind_label, LoadError};
use crate::device::state::use_sync_state;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use domain::jurisdiction::{Unit, UnitKind};
use domain::mediators::{Level, Mediator, MediatorKind};
use leptos::either::Either;
use leptos::prelude::*;

/// The pool's actions and list. Made by the page, outside any `Suspend`: a resource created
/// inside one does not hydrate (its data is not found on the client).
#[derive(Clone, Copy)]
pub struct MediatorPool {
    pub add: ServerAction<AddMediator>,
    pub toggle: ServerAction<SetMediatorActive>,
    pub list: Resource<Result<Vec<Mediator>, AppError>>,
}

impl MediatorPool {
    /// Called once by the page that shows the pool.
    pub fn for_page() -> MediatorPool {
        let add = ServerAction::<AddMediator>::new();
        let toggle = ServerAction::<SetMediatorActive>::new();
        let list = Resource::new(
            move || (add.version().get(), toggle.version().get()),
            |_| load_mediators(),
        );
        MediatorPool { add, toggle, list }
    }
}

#[component]
pub fn MediatorPoolSection(units: Vec<Unit>, pool: MediatorPool) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let p = locale.procedure();
    let MediatorPool {
        add,
        toggle,
        list: pool,
    } = pool;
    let value = add.value();
    let unit = RwSignal::new(units.first().map(|u| u.id.to_string()).unwrap_or_default());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(MediatorKind::Mediator.code().to_owned());
    let level = RwSignal::new(Level::Junior.code().to_owned());
    let specialties = RwSignal::new(Vec::<String>::new());
    let phone = RwSignal::new(String::new());
    let relations = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(AddMediator {
            unit_id: unit.get_untracked().parse().unwrap_or_default(),
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            level: level.get_untracked(),
            specialties: specialties.get_untracked().join(","),
            phone: phone.get_untracked(),
            relations: relations.get_untracked(),
        });
    };
    // Clear the form once the server took the entry.
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            name.set(String::new());
            phone.set(String::new());
            relations.set(String::new());
            specialties.set(Vec::new());
        }
    });
    let message = move || match value.get() {
        Some(Ok(_)) => Some(Either::Left(
            view! { <p class="notice" role="status">{p.pool_added}</p> },
        )),
        Some(Err(error)) => Some(Either::Right(
            view! { <p class="error" role="alert">{locale.error_message(&error)}</p> },
        )),
        None => None,
    };
    let categories = use_sync_state().categories;
    let units = units
        .into_iter()
        .filter(|u| u.kind != UnitKind::Grid)
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="pool-title">
            <h2 id="pool-title">{p.pool_title}</h2>
            <form class="form" on:submit=on_submit>
                <label for="pool-unit">{p.unit_label}</label>
                <select id="pool-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                    {units.iter().map(|u| {
                        let label = format!("{} · {}", u.name, unit_kind_label(u));
                        view! { <option value=u.id.to_string()>{label}</option> }
                    }).collect_view()}
                </select>
                <label for="pool-name">{p.person_name}</label>
                <input id="pool-name" type="text" maxlength="100" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="pool-kind">{p.person_kind}</label>
                <select id="pool-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {MediatorKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{locale.mediator_kind(k)}</option> }).collect_view()}
                </select>
                <label for="pool-level">{p.level_label}</label>
                <select id="pool-level" prop:value=move || level.get() on:change=move |ev| level.set(event_target_value(&ev))>
                    {Level::ALL.into_iter().map(|l| view! { <option value=l.code()>{locale.level(l)}</option> }).collect_view()}
                </select>
                {move || {
                    let options = categories.get().iter().filter(|c| !c.retired)
                        .map(|c| (c.code.clone(), locale.category(std::slice::from_ref(c), &c.code)))
                        .collect::<Vec<_>>();
                    view! { <CheckList legend=p.specialties options chosen=specialties/> }
                }}
                <label for="pool-phone">{t.party_phone}</label>
                <input id="pool-phone" type="tel" inputmode="tel" prop:value=move || phone.get()
                    on:input=move |ev| phone.set(event_target_value(&ev))/>
                <label for="pool-relations">{p.relations}</label>
                <textarea id="pool-relations" rows=3 prop:value=move || relations.get()
                    on:input=move |ev| relations.set(event_target_value(&ev))></textarea>
                {message}
                <button type="submit" class="button primary">{t.save}</button>
            </form>
            <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match pool.await {
                        Ok(list) => Either::Left(view! { <PoolList list toggle/> }),
                        Err(error) => Either::Right(view! { <LoadError error/> }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PoolList(list: Vec<Mediator>, toggle: ServerAction<SetMediatorActive>) -> impl IntoView {
    let locale = use_locale();
    let p = locale.procedure();
    view! {
        <ul class="pool-list">
            {list.into_iter().map(|m| {
                let (id, active) = (m.id, m.active);
                let line = format!("{} · {} · {} · {}", m.name, locale.mediator_kind(m.kind), locale.level(m.level), m.unit_name);
                view! {
                    <li class="pool-entry" class:retired=!active>
                        <span>{line}{(!active).then(|| format!(" （{}）", p.retired))}</span>
                        <button type="button" class="button"
                            on:click=move |_| { toggle.dispatch(SetMediatorActive { id, active: !active }); }>
                            {if active { p.retire } else { p.restore }}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The mediator and expert pools the admin keeps.
#[server(endpoint = "admin/mediators")]
pub async fn load_mediators() -> Result<Vec<domain::mediators::Mediator>, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.mediators(&user).await
}

/// Adds a pool entry. The form sends specialties as comma-joined category codes and the people
/// the mediator withdraws for one per line (`姓名` or `姓名 身份证号`).
#[server(endpoint = "admin/mediators/add")]
#[allow(clippy::too_many_arguments)]
pub async fn add_mediator(
    unit_id: i64,
    name: String,
    kind: String,
    level: String,
    specialties: String,
    phone: String,
    relations: String,
) -> Result<i64, AppError> {
    use crate::api::backend::*;
    use domain::mediators::{parse_relations, Level, MediatorKind, NewMediator};
    use domain::problem::Problem;
    let user = require_user()?;
    let new = NewMediator {
        unit_id,
        name,
        kind: MediatorKind::from_code(&kind)
            .ok_or(AppError::invalid("kind", Problem::UnknownValue))?,
        level: Level::from_code(&level).ok_or(AppError::invalid("level", Problem::UnknownValue))?,
        specialties: specialties
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        phone: Some(phone).filter(|p| !p.trim().is_empty()),
        id_number: None,
        relations: parse_relations(&relations),
    };
    backend()?.add_mediator(&user, new).await
}

/// Retires a pool entry, or brings it back.
#[server(endpoint = "admin/mediators/active")]
pub async fn set_mediator_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.set_mediator_active(&user, id, active).await
}
