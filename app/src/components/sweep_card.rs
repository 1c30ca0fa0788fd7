//! 本周排查 on the grid worker's home: this week's sweep report, sent from the phone like a
//! recorded dispute (offline too). It lists the disputes recorded on this phone this week to
//! link as the sweep's findings, or sends a zero report (零报告) when none is ticked as found.

use crate::clock::now_ms;
use crate::components::form_controls::bind;
use crate::device::replica::SweepSent;
use crate::device::state::use_sync_state;
use crate::device::Queued;
use crate::i18n::{use_locale, use_texts};
use domain::clock::Day;
use domain::weekly_sweep::{week_of, SweepReport};
use leptos::prelude::*;

#[component]
pub fn SweepCard(user_id: i64) -> impl IntoView {
    let t = use_texts();
    let s = use_locale().sweep();
    let state = use_sync_state();
    let week = week_of(Day::of_unix_ms(now_ms()));
    // Read after hydration: the server holds no device.
    let seen = RwSignal::new(None::<(SweepSent, Vec<(String, String)>)>);
    Effect::new(move |_| {
        state.revision.track();
        let replica = crate::device::replica(user_id);
        let this_week: Vec<(String, String)> = replica
            .cases
            .iter()
            // A report linked into another case (并案) is that case's dispute.
            .filter(|c| week_of(Day::of_unix_ms(c.recorded_at)) == week && c.status != "merged")
            .map(|c| (c.case_id.clone(), c.summary.clone()))
            .collect();
        seen.set(Some((replica.sweep_sent(week), this_week)));
    });
    let unticked = RwSignal::new(Vec::<String>::new());
    let note = RwSignal::new(String::new());
    let again = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let send = move |zero: bool| {
        let found = if zero {
            Vec::new()
        } else {
            seen.with_untracked(|s| {
                s.as_ref()
                    .map(|(_, cases)| {
                        cases
                            .iter()
                            .map(|(id, _)| id.clone())
                            .filter(|id| !unticked.with_untracked(|u| u.contains(id)))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        };
        let report = SweepReport {
            week,
            found,
            note: note.get_untracked().trim().to_owned(),
        };
        match crate::device::queue(user_id, Queued::Sweep(report), state) {
            Ok(_) => {
                note.set(String::new());
                again.set(false);
                failed.set(false);
            }
            Err(_) => failed.set(true),
        }
    };
    let ticked =
        move |ids: &[String]| unticked.with(|u| ids.iter().filter(|id| !u.contains(id)).count());
    view! {
        <section class="card sweep-card" aria-labelledby="sweep-card" data-testid="sweep-card">
            <h2 id="sweep-card">{s.card_title}</h2>
            <p class="muted">{s.week_of} {week.to_string()} " – " {week.plus(6).to_string()}</p>
            {move || seen.get().map(|(sent, cases)| {
                let open = sent == SweepSent::NotYet || again.get();
                let status = match sent {
                    SweepSent::Waiting => Some(view! { <p class="notice" role="status">{s.sent_waiting}</p> }),
                    SweepSent::Reported => Some(view! { <p class="notice" role="status">{s.sent_done}</p> }),
                    SweepSent::NotYet => None,
                };
                let any = !cases.is_empty();
                let ids: Vec<String> = cases.iter().map(|(id, _)| id.clone()).collect();
                view! {
                    {status}
                    {(!open).then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| again.set(true)>{s.again}</button>
                    })}
                    {open.then(|| view! {
                        <div class="form">
                            <p class="muted">{s.intro}</p>
                            <fieldset>
                                <legend>{s.found_label}</legend>
                                {if any {
                                    cases.into_iter().map(|(id, summary)| {
                                        let key = id.clone();
                                        view! {
                                            <label class="check">
                                                <input type="checkbox"
                                                    prop:checked=move || unticked.with(|u| !u.contains(&key))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        unticked.update(|u| {
                                                            u.retain(|x| *x != id);
                                                            if !on { u.push(id.clone()); }
                                                        });
                                                    }/>
                                                {summary}
                                            </label>
                                        }
                                    }).collect_view().into_any()
                                } else {
                                    view! { <p class="muted">{s.none_recorded}</p> }.into_any()
                                }}
                            </fieldset>
                            <label for="sweep-note">{s.note}</label>
                            <textarea id="sweep-note" rows=2 prop:value=move || note.get() on:input=bind(note)></textarea>
                            // A zero report says the sweep found nothing: offered once no
                            // dispute of the week is ticked as found.
                            {move || if ticked(&ids) > 0 {
                                view! { <button type="button" class="button primary" on:click=move |_| send(false)>{s.submit_found}</button> }
                            } else {
                                view! { <button type="button" class="button primary" on:click=move |_| send(true)>{s.submit_zero}</button> }
                            }}
                        </div>
                    })}
                }
            })}
            <Show when=move || failed.get()>
                <p class="error" role="alert">{t.problem_storage}</p>
            </Show>
        </section>
    }
}
