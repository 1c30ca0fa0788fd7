//! The case's timeline: every event with who, when, which rule, and its particulars in words.

use crate::api::cases::{EventFact, TimelineEntry};
use crate::clock::now_ms;

use crate::i18n::use_locale;
use domain::clock::short_time;

use leptos::prelude::*;

#[component]
pub(super) fn TimelineRow(entry: TimelineEntry) -> impl IntoView {
    let locale = use_locale();
    let who = [entry.actor, entry.unit]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="timeline-entry" data-kind=entry.kind.code()>
            <span class="timeline-head">
                <strong>{crate::i18n::events::event_name(locale, entry.kind)}</strong>
                <span class="muted">{short_time(entry.at, now_ms())}</span>
            </span>
            {(!who.is_empty()).then(|| view! { <span class="muted">{who}</span> })}
            {entry.detail.map(|d| view! { <span class="timeline-detail">{d}</span> })}
            {(!entry.facts.is_empty()).then(|| view! {
                <span class="timeline-facts">{entry.facts.into_iter().map(|f| match f {
                    EventFact::Case(link) => view! {
                        <a class="timeline-fact case-number" href=format!("/cases/{}", link.id)>{link.number}</a>
                    }.into_any(),
                    f => view! { <span class="timeline-fact">{fact_text(locale, f)}</span> }.into_any(),
                }).collect_view()}</span>
            })}
        </li>
    }
}

/// One particular of an event, worded for the reader.
pub(super) fn fact_text(locale: crate::i18n::Locale, fact: EventFact) -> String {
    let p = locale.procedure();
    let t = locale.texts();
    match fact {
        EventFact::Mediator { name, level } => {
            format!("{}：{name}（{}）", p.mediator, locale.level(level))
        }
        EventFact::Method(m) => locale.notice_method(m).to_owned(),
        EventFact::Parties(names) => format!("{}：{}", p.parties_told, names.join("、")),
        EventFact::HeldOn(day) => format!("{}：{day}", p.session_day),
        EventFact::Place(place) => format!("{}：{place}", t.session_place),
        EventFact::Participants(names) => format!("{}：{}", p.participants, names.join("、")),
        EventFact::AmountFen(fen) => {
            format!("{}：{}", t.amount, domain::dispute::format_yuan(fen))
        }
        EventFact::SignedOn(day) => format!("{}：{day}", p.signed_on),
        EventFact::PerformBy(day) => format!("{}：{day}", p.perform_by),
        EventFact::LastDay(day) => format!("{}{day}", p.confirmation_last_day),
        EventFact::Court(court) => format!("{}：{court}", p.court),
        EventFact::Ruling(ruling) => format!("{}：{ruling}", p.ruling),
        EventFact::Confirmed(true) => p.confirmed.to_owned(),
        EventFact::Confirmed(false) => p.refused_by_court.to_owned(),
        EventFact::Performance(v) => format!("{}：{}", p.performance, locale.performance(v)),
        EventFact::Satisfaction(v) => format!("{}：{}", p.satisfaction, locale.satisfaction(v)),
        EventFact::From(unit) => format!("← {unit}"),
        EventFact::To(unit) => format!("→ {unit}"),
        EventFact::FinishBy(day) => format!("{}：{day}", p.hand_down_deadline),
        EventFact::AnswerBy(day) => format!("{}：{day}", p.respond_by_day),
        EventFact::Evaluated { month, outlook } => format!("{month} · {}", locale.outlook(outlook)),
        EventFact::Case(link) => link.number,
        EventFact::UnseenCase => locale.duplicates().unseen_case.to_owned(),
        EventFact::KeptAtWindow => t.kept_at_window.to_owned(),
        EventFact::Ground(g) => {
            format!("{}：{}", locale.backlog().ground, locale.clearing_ground(g))
        }
    }
}
