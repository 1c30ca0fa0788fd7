//! 登记纠纷: the grid worker's form, phone first and usable with a thumb. Saving works with no
//! network: the dispute goes into this phone's outbox at once and syncs by itself. Each problem
//! is shown next to its field, in the person's language, by the same checks the server runs.

use crate::components::layout::use_session_user;
use crate::components::routed_because::RoutedBecause;
use crate::device::state::use_sync_state;
use crate::device::{Queued, StorageFull};
use crate::i18n::{use_locale, use_texts};
use domain::dispute::{PartyKind, PartyRole, Source};
use domain::jurisdiction::UnitKind;
use domain::problem::FieldProblem;
use draft::{Draft, PartyDraft};
use leptos::prelude::*;
use leptos_meta::Title;

pub(crate) mod draft;
pub(crate) mod set_aside;

/// What the last attempt to save said.
#[derive(Clone, Debug, PartialEq)]
enum Saved {
    /// Kept in the outbox: the new case's id.
    Stored(String),
    Invalid,
    StorageFull,
}

/// 登记纠纷 for whoever records disputes (`Desk::Registering`); anyone else is told so.
#[component]
pub fn RecordDesk() -> impl IntoView {
    view! {
        <crate::components::desk_gate::DeskGate desk=domain::session::Desk::Registering>
            <RecordPage/>
        </crate::components::desk_gate::DeskGate>
    }
}

#[component]
pub fn RecordPage() -> impl IntoView {
    let t = use_texts();
    let user = use_session_user();
    let user_id = user.as_ref().map(|u| u.id).unwrap_or_default();
    // A grid worker records what their rounds found; any other unit what came to its window
    // (一窗受理), saying how it came.
    let at_grid = user.as_ref().is_none_or(|u| u.unit_kind == UnitKind::Grid);
    let state = use_sync_state();
    let draft = RwSignal::new(Draft::new(at_grid));
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(None::<Saved>);
    // The id of a refused record being corrected, if any.
    let fixing = RwSignal::new(None::<String>);
    let restored = RwSignal::new(false);
    keep_draft_while_typing(user_id, draft, restored, Draft::new(at_grid));
    // Once a save was refused for its fields, the errors follow the typing: a corrected field's
    // error goes as soon as it is right, and one the person breaks shows at once.
    Effect::new(move |_| {
        let current = draft.get();
        if !problems.with_untracked(|p| p.is_empty()) {
            let now = current.to_facts().err().unwrap_or_default();
            if now.is_empty() && saved.get_untracked() == Some(Saved::Invalid) {
                saved.set(None);
            }
            problems.set(now);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.get_untracked().to_facts() {
            Err(found) => {
                problems.set(found);
                saved.set(Some(Saved::Invalid));
                #[cfg(feature = "hydrate")]
                request_animation_frame(focus_first_error);
            }
            Ok(facts) => {
                problems.set(Vec::new());
                let record = Queued::Record {
                    facts,
                    replacing: fixing.get_untracked(),
                };
                let outcome = match crate::device::queue(user_id, record, state) {
                    Ok(case_id) => {
                        draft.set(Draft::new(at_grid));
                        fixing.set(None);
                        restored.set(false);
                        Saved::Stored(case_id)
                    }
                    Err(StorageFull) => Saved::StorageFull,
                };
                let stored = matches!(outcome, Saved::Stored(_));
                saved.set(Some(outcome));
                // The confirmation is at the top, where the next dispute starts.
                #[cfg(feature = "hydrate")]
                if stored {
                    if let Some(window) = web_sys::window() {
                        window.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = stored;
            }
        }
    };

    view! {
        <Title text=t.record_title/>
        <h1 class="page-title">{t.record_title}</h1>
        {move || match saved.get() {
            Some(Saved::Stored(case_id)) => Some(view! { <SavedCase user_id case_id/> }),
            _ => None,
        }}
        <Show when=move || restored.get()>
            <p class="notice draft-restored" role="status">
                {t.draft_restored}
                <button type="button" class="link-button" on:click=move |_| { draft.set(Draft::new(at_grid)); restored.set(false); }>{t.draft_clear}</button>
            </p>
        </Show>
        <set_aside::SetAside user_id draft fixing/>
        <Show when=move || fixing.get().is_some()>
            <p class="notice">{t.correcting}</p>
        </Show>
        <form class="form record-form" on:submit=on_submit novalidate>
            <p class="muted form-hint"><span class="required-mark" aria-hidden="true">"*"</span>{t.required_hint}</p>
            <section class="card">
                {(!at_grid).then(|| view! {
                    <Field label=t.source field="source" problems required=true>
                        <select
                            id="source"
                            prop:value=move || draft.with(|d| d.source.code())
                            on:change=move |ev| {
                                let picked = Source::from_code(&event_target_value(&ev));
                                draft.update(|d| d.source = picked.unwrap_or(Source::Visit));
                            }
                        >
                            {Source::AT_A_WINDOW.into_iter().map(|s| view! {
                                <option value=s.code()>{use_locale().source(s)}</option>
                            }).collect_view()}
                        </select>
                    </Field>
                })}
                <Field label=t.category field="category" problems required=true>
                    <select
                        id="category"
                        prop:value=move || draft.with(|d| d.category.clone())
                        on:change=move |ev| draft.update(|d| d.category = event_target_value(&ev))
                    >
                        <option value="">{t.choose}</option>
                        <For
                            each=move || state.categories.with(|all| all.iter().filter(|c| !c.retired).cloned().collect::<Vec<_>>())
                            key=|c| (c.code.clone(), c.name_zh.clone(), c.name_en.clone())
                            let:category
                        >
                            <option value=category.code.clone()>{use_locale().category(std::slice::from_ref(&category), &category.code)}</option>
                        </For>
                    </select>
                </Field>
                <Field label=t.summary field="summary" problems required=true>
                    <TextArea id="summary" rows=4 draft get=|d| d.summary.clone() set=|d, v| d.summary = v/>
                </Field>
            </section>
            <section class="card">
                <h2>{t.parties}</h2>
                <FieldError field="parties" problems/>
                <For each=move || draft.with(|d| d.parties.iter().map(|p| p.key).collect::<Vec<_>>()) key=|k| *k let:key>
                    <PartyFields key draft problems/>
                </For>
                <button type="button" class="button" on:click=move |_| draft.update(Draft::add_party)>{t.add_party}</button>
            </section>
            <section class="card">
                <Field label=t.amount field="amount_fen" problems>
                    <TextInput id="amount_fen" inputmode="decimal" placeholder=t.optional_hint draft get=|d| d.amount_yuan.clone() set=|d, v| d.amount_yuan = v/>
                </Field>
                <Field label=t.people field="people_involved" problems required=true>
                    <TextInput id="people_involved" input_type="number" inputmode="numeric" draft get=|d| d.people_involved.clone() set=|d, v| d.people_involved = v/>
                </Field>
                <Field label=t.location field="location" problems required=true>
                    <TextInput id="location" draft get=|d| d.location.clone() set=|d, v| d.location = v/>
                </Field>
                <GpsButton draft/>
            </section>
            <section class="card">
                <h2>{t.flags}</h2>
                <Flag label=t.facts_clear draft get=|d| d.facts_clear set=|d, v| d.facts_clear = v/>
                <Flag label=t.sensitive draft get=|d| d.sensitive set=|d, v| d.sensitive = v/>
                <Flag label=t.petition_risk draft get=|d| d.petition_risk set=|d, v| d.petition_risk = v/>
                <Flag label=t.consent draft get=|d| d.consent_to_transfer set=|d, v| d.consent_to_transfer = v/>
                <Flag label=t.on_spot draft get=|d| d.resolved_on_spot set=|d, v| d.resolved_on_spot = v/>
                <Show when=move || draft.with(|d| d.resolved_on_spot)>
                    <Field label=t.on_spot_result field="resolved_on_spot" problems required=true>
                        <TextArea id="resolved_on_spot" rows=3 draft get=|d| d.on_spot_result.clone() set=|d, v| d.on_spot_result = v/>
                    </Field>
                </Show>
            </section>
            <RoutingPreview draft/>
            {move || saved.get().and_then(|s| match s {
                Saved::Stored(_) => None,
                Saved::Invalid => Some(view! { <p class="error" role="alert">{t.fix_errors}</p> }.into_any()),
                Saved::StorageFull => Some(view! { <p class="error" role="alert">{t.problem_storage}</p> }.into_any()),
            })}
            <button type="submit" class="button primary sticky-save">{t.save_record}</button>
        </form>
    }
}

/// Keeps the draft on the device as the person types, and brings back one a reload or a crash
/// left (once, after hydration); saving or clearing the form forgets it.
fn keep_draft_while_typing(
    user_id: i64,
    draft: RwSignal<Draft>,
    restored: RwSignal<bool>,
    fresh: Draft,
) {
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let current = draft.get();
        if !started.get_value() {
            started.set_value(true);
            let left = crate::device::kept_draft(user_id)
                .and_then(|json| serde_json::from_str::<Draft>(&json).ok())
                .filter(|d| *d != fresh);
            if let Some(left) = left {
                restored.set(true);
                draft.set(left);
                return;
            }
        }
        let json = (current != fresh)
            .then(|| serde_json::to_string(&current).ok())
            .flatten();
        crate::device::keep_draft(user_id, json.as_deref());
    });
}

/// What the person just saved: the case waiting on this phone, where the rules will send it,
/// its number once synced, and a link to it.
#[component]
fn SavedCase(user_id: i64, case_id: String) -> impl IntoView {
    let t = use_texts();
    let state = use_sync_state();
    let href = format!("/cases/{case_id}");
    let case = Memo::new(move |_| {
        state.revision.track();
        crate::device::replica(user_id)
            .cases
            .into_iter()
            .find(|c| c.case_id == case_id)
    });
    view! {
        <section class="card saved-case" role="status" data-testid="saved-case">
            // Said again once the server has it: the confirmation stays on screen, and a clerk
            // at a window reads it to the person in front of them.
            <p class="notice">
                {move || match case.get().and_then(|c| c.number) {
                    Some(_) => t.saved_synced,
                    None => t.saved_offline,
                }}
            </p>
            {move || case.get().map(|c| {
                let number = c.number.clone().unwrap_or_else(|| t.number_after_sync.to_owned());
                let goes = c.holder_name.clone().or(c.expected_holder.clone());
                view! {
                    <p class="case-summary">{c.summary.clone()}</p>
                    <p class="case-meta">
                        {t.case_number_label} <span class="case-number">{number}</span>
                        {goes.map(|h| view! { " · " {t.went_to} <strong>{h}</strong> })}
                    </p>
                }
            })}
            <a class="button" href=href.clone()>{t.view_case}</a>
        </section>
    }
}

/// Brings the first field at fault into view and puts the cursor in it: on a phone the summary
/// of errors is far below the field, under the save button.
#[cfg(feature = "hydrate")]
fn focus_first_error() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(error)) = document.query_selector(".record-form .field-error") else {
        return;
    };
    let field = std::iter::successors(error.previous_element_sibling(), |e| {
        e.previous_element_sibling()
    })
    .find(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
    .or_else(|| {
        error
            .parent_element()
            .and_then(|p| p.query_selector("input, select, textarea").ok().flatten())
    });
    let target = field.unwrap_or(error);
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    target.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(input) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = input.focus();
    }
}

/// The first problem of `field`, in words, shown under it.
#[component]
fn FieldError(field: &'static str, problems: RwSignal<Vec<FieldProblem>>) -> impl IntoView {
    let locale = use_locale();
    move || {
        problems.with(|all| all.iter().find(|p| p.field == field).map(|p| locale.field_problem(field, p.problem)))
            .map(|text| view! { <p class="error field-error" role="alert" data-field=field>{text}</p> })
    }
}

/// The mark after a required field's label: a star to the eye, the word to a screen reader.
#[component]
fn RequiredMark() -> impl IntoView {
    let t = use_texts();
    view! {
        <span class="required-mark" aria-hidden="true">"*"</span>
        <span class="sr-only">{t.required_sr}</span>
    }
}

#[component]
fn Field(
    label: &'static str,
    field: &'static str,
    problems: RwSignal<Vec<FieldProblem>>,
    #[prop(optional)] required: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=field>{label}{required.then(|| view! { <RequiredMark/> })}</label>
            {children()}
            <FieldError field problems/>
        </div>
    }
}

/// A one-line text field bound to one field of the draft.
#[component]
fn TextInput(
    id: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
) -> impl IntoView {
    view! {
        <input
            id=id
            type=input_type
            inputmode=inputmode
            placeholder=placeholder
            prop:value=move || draft.with(get)
            on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
        />
    }
}

/// A multi-line text field bound to one field of the draft.
#[component]
fn TextArea(
    id: &'static str,
    rows: u32,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
) -> impl IntoView {
    view! {
        <textarea
            id=id
            rows=rows.to_string()
            prop:value=move || draft.with(get)
            on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
        ></textarea>
    }
}

#[component]
fn Flag(
    label: &'static str,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> bool,
    set: fn(&mut Draft, bool),
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || draft.with(get)
                on:change=move |ev| draft.update(|d| set(d, event_target_checked(&ev)))
            />
            <span>{label}</span>
        </label>
    }
}

#[component]
fn PartyFields(
    key: u32,
    draft: RwSignal<Draft>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let index = move || draft.with(|d| d.parties.iter().position(|p| p.key == key).unwrap_or(0));
    let read = move |f: fn(&PartyDraft) -> String| {
        move || {
            draft.with(|d| {
                d.parties
                    .iter()
                    .find(|p| p.key == key)
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let write = move |f: fn(&mut PartyDraft, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            draft.update(|d| {
                if let Some(p) = d.parties.iter_mut().find(|p| p.key == key) {
                    f(p, value)
                }
            })
        }
    };
    let problem = move |leaf: &'static str| {
        move || {
            let path = format!("parties[{}].{leaf}", index());
            let text = problems.with(|all| {
                all.iter()
                    .find(|p| p.field == path)
                    .map(|p| locale.field_problem(&path, p.problem))
            });
            text.map(|text| view! { <p class="error field-error" role="alert" data-field=path>{text}</p> })
        }
    };
    let id = move |leaf: &str| format!("party-{key}-{leaf}");
    view! {
        <fieldset class="party">
            <legend>{move || format!("{} {}", t.parties, index() + 1)}</legend>
            <label for=id("name")>{t.party_name}<RequiredMark/></label>
            <input id=id("name") type="text" prop:value=read(|p| p.name.clone()) on:input=write(|p, v| p.name = v)/>
            {problem("name")}
            <label for=id("role")>{t.party_role}</label>
            <select
                id=id("role")
                prop:value=read(|p| role_code(p.role).to_owned())
                on:change=write(|p, v| p.role = role_from_code(&v))
            >
                {[PartyRole::Applicant, PartyRole::Respondent, PartyRole::Other].into_iter().map(|r| view! {
                    <option value=role_code(r)>{locale.party_role(r)}</option>
                }).collect_view()}
            </select>
            <label for=id("kind")>{t.party_kind}</label>
            <select
                id=id("kind")
                prop:value=read(|p| kind_code(p.kind).to_owned())
                on:change=write(|p, v| p.kind = kind_from_code(&v))
            >
                {[PartyKind::Person, PartyKind::Organisation, PartyKind::Government].into_iter().map(|k| view! {
                    <option value=kind_code(k)>{locale.party_kind(k)}</option>
                }).collect_view()}
            </select>
            <label for=id("phone")>{t.party_phone} " (" {t.optional_hint} ")"</label>
            <input id=id("phone") type="tel" inputmode="tel" prop:value=read(|p| p.phone.clone()) on:input=write(|p, v| p.phone = v)/>
            {problem("phone")}
            <label for=id("id")>{t.party_id} " (" {t.optional_hint} ")"</label>
            <input id=id("id") type="text" autocapitalize="characters" prop:value=read(|p| p.id_number.clone()) on:input=write(|p, v| p.id_number = v)/>
            {problem("id_number")}
            <button
                type="button"
                class="link-button remove-party"
                on:click=move |_| draft.update(|d| d.parties.retain(|p| p.key != key))
            >
                {t.remove_party}
            </button>
        </fieldset>
    }
}

fn kind_code(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Person => "person",
        PartyKind::Organisation => "organisation",
        PartyKind::Government => "government",
    }
}

fn kind_from_code(code: &str) -> PartyKind {
    match code {
        "organisation" => PartyKind::Organisation,
        "government" => PartyKind::Government,
        _ => PartyKind::Person,
    }
}

fn role_code(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Applicant => "applicant",
        PartyRole::Respondent => "respondent",
        PartyRole::Other => "other",
    }
}

fn role_from_code(code: &str) -> PartyRole {
    match code {
        "applicant" => PartyRole::Applicant,
        "respondent" => PartyRole::Respondent,
        _ => PartyRole::Other,
    }
}

/// Takes the phone's position when the person asks (and allows it); optional, the place name
/// is enough.
#[component]
fn GpsButton(draft: RwSignal<Draft>) -> impl IntoView {
    let t = use_texts();
    let failed = RwSignal::new(false);
    let on_click = move |_| {
        failed.set(false);
        #[cfg(feature = "hydrate")]
        locate(draft, failed);
    };
    view! {
        <div class="gps">
            <button type="button" class="button" on:click=on_click>{t.gps_button}</button>
            {move || draft.with(|d| d.gps).map(|g| view! {
                <p class="muted">{t.gps_got} " " {format!("{:.0}", g.accuracy_m)}</p>
            })}
            <Show when=move || failed.get()>
                <p class="muted">{t.gps_failed}</p>
            </Show>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn locate(draft: RwSignal<Draft>, failed: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        failed.set(true);
        return;
    };
    let ok = Closure::once_into_js(move |position: web_sys::Position| {
        let c = position.coords();
        draft.update(|d| {
            d.gps = Some(domain::dispute::GpsFix {
                latitude: c.latitude(),
                longitude: c.longitude(),
                accuracy_m: c.accuracy(),
            })
        });
    });
    let err = Closure::once_into_js(move |_: web_sys::PositionError| failed.set(true));
    let options = web_sys::PositionOptions::new();
    options.set_timeout(15_000);
    options.set_maximum_age(60_000);
    if geo
        .get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &options,
        )
        .is_err()
    {
        failed.set(true);
    }
}

/// "Will go to 〈unit〉 — 〈channel〉 — because 〈rule〉": the rule engine run on the phone against
/// the rules and tree of its last sync, offline too. The server routes authoritatively on
/// intake, by its current rules.
#[component]
fn RoutingPreview(draft: RwSignal<Draft>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let state = use_sync_state();
    let preview = Memo::new(move |_| {
        let facts = draft.with(Draft::routing_facts)?;
        state.routing.with(|routing| {
            let routing = routing.as_ref()?;
            let today = domain::clock::Day::of_unix_ms(crate::clock::now_ms());
            let decision =
                domain::rules::decide(&facts, &routing.tree, &routing.rules, today).ok()?;
            Some(decision)
        })
    });
    let known = move || state.routing.with(Option::is_some);
    view! {
        <Show when=known>
            <section class="card routing-preview" aria-live="polite" data-testid="routing-preview">
                {move || match preview.get() {
                    Some(decision) => {
                        let rule = decision.fired.last().map(|f| f.name.clone()).unwrap_or_default();
                        let deadline = decision.deadline.map(|d| format!(" · {} {d}", t.deadline));
                        view! {
                            <p>
                                <strong>{t.will_go_to}</strong>
                                <span class="preview-unit">{decision.holder.name.clone()}</span>
                                " — " {locale.channel(decision.channel)} {deadline}
                            </p>
                            <RoutedBecause rules=rule kept_at_window=decision.kept_at_window/>
                        }.into_any()
                    }
                    None => view! { <p class="muted">{t.preview_waiting}</p> }.into_any(),
                }}
            </section>
        </Show>
    }
}
