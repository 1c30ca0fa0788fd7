//! The case's entry in the backlog register (积案库) and a supervisor's three steps on it:
//! naming the responsible leader (包案), this month's evaluation, clearing (销号).

use super::sender::Sender;
use crate::clock::now_ms;
use crate::components::form_controls::{bind, choice};
use crate::i18n::use_locale;
use domain::backlog::{
    BacklogView, Clearing, ClearingGround, Evaluation, LeaderAssignment, Outlook,
};
use domain::clock::short_time;
use domain::procedure::Action;
use domain::sync::OpBody;
use leptos::prelude::*;

/// Where the case stands in the register: listed since, leader, last evaluation, cleared.
#[component]
pub(super) fn BacklogCard(backlog: BacklogView) -> impl IntoView {
    let locale = use_locale();
    let b = locale.backlog();
    let now = now_ms();
    let evaluated = match (backlog.last_evaluated, backlog.evaluated_this_month) {
        (Some(month), true) => month.to_string(),
        (Some(month), false) => format!("{month} · {}", b.evaluation_due),
        (None, _) => format!("{} · {}", b.never_evaluated, b.evaluation_due),
    };
    view! {
        <section class="card backlog" data-testid="backlog">
            <h2>{b.title}</h2>
            <dl class="facts">
                <dt>{b.listed_on}</dt><dd>{short_time(backlog.listed_at, now)}</dd>
                <dt>{b.leader}</dt>
                <dd data-testid="backlog-leader">{backlog.leader.unwrap_or_else(|| b.no_leader.to_owned())}</dd>
                <dt>{b.last_evaluated}</dt><dd data-testid="backlog-evaluated">{evaluated}</dd>
                {backlog.cleared_at.map(|at| view! {
                    <dt>{b.cleared}</dt><dd data-testid="backlog-cleared">{short_time(at, now)}</dd>
                })}
            </dl>
        </section>
    }
}

#[component]
pub(super) fn LeaderForm(send: Sender) -> impl IntoView {
    let locale = use_locale();
    let b = locale.backlog();
    let leader = RwSignal::new(String::new());
    let post = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (name, title) = (leader.get_untracked(), post.get_untracked());
        if send.missing(b.leader_name, &name) || send.missing(b.leader_post, &title) {
            return;
        }
        send.send(OpBody::AssignLeader(LeaderAssignment {
            leader: name.trim().to_owned(),
            post: title.trim().to_owned(),
        }));
    };
    view! {
        <form class="form" on:submit=on_submit>
            <label for="backlog-leader">{b.leader_name}</label>
            <input id="backlog-leader" type="text" prop:value=move || leader.get() on:input=bind(leader)/>
            <label for="backlog-post">{b.leader_post}</label>
            <input id="backlog-post" type="text" prop:value=move || post.get() on:input=bind(post)/>
            <button type="submit" class="button primary">{locale.action(Action::AssignLeader)}</button>
        </form>
    }
}

#[component]
pub(super) fn EvaluationForm(send: Sender) -> impl IntoView {
    let locale = use_locale();
    let b = locale.backlog();
    let outlook = RwSignal::new(Outlook::Progressing);
    let notes = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = notes.get_untracked();
        if send.missing(b.evaluation_notes, &text) {
            return;
        }
        send.send(OpBody::EvaluateBacklog(Evaluation {
            outlook: outlook.get_untracked(),
            notes: text.trim().to_owned(),
        }));
    };
    let options = Outlook::ALL.map(|o| (o, locale.outlook(o))).to_vec();
    view! {
        <form class="form" on:submit=on_submit>
            {choice("backlog-outlook", b.outlook, options, outlook)}
            <label for="backlog-notes">{b.evaluation_notes}</label>
            <textarea id="backlog-notes" rows=3 prop:value=move || notes.get() on:input=bind(notes)></textarea>
            <button type="submit" class="button primary">{locale.action(Action::EvaluateBacklog)}</button>
        </form>
    }
}

#[component]
pub(super) fn ClearingForm(send: Sender) -> impl IntoView {
    let locale = use_locale();
    let b = locale.backlog();
    let ground = RwSignal::new(ClearingGround::Resolved);
    let reason = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        if send.missing(b.clear_reason, &text) {
            return;
        }
        send.send(OpBody::ClearBacklog(Clearing {
            ground: ground.get_untracked(),
            reason: text.trim().to_owned(),
        }));
    };
    let options = ClearingGround::ALL
        .map(|g| (g, locale.clearing_ground(g)))
        .to_vec();
    view! {
        <form class="form" on:submit=on_submit>
            {choice("backlog-ground", b.ground, options, ground)}
            <label for="backlog-reason">{b.clear_reason}</label>
            <textarea id="backlog-reason" rows=3 prop:value=move || reason.get() on:input=bind(reason)></textarea>
            <button type="submit" class="button primary">{locale.action(Action::ClearBacklog)}</button>
        </form>
    }
}
