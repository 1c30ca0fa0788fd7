//! Where the procedure stands: mediators, the notice of rights, the agreement, judicial
//! confirmation and the follow-up visit.

use crate::api::cases::CaseView;

use crate::i18n::{use_locale, use_texts};
use domain::procedure::{Action, Visited};

use leptos::prelude::*;

/// Where the procedure stands: mediators, the notice of rights, the agreement, judicial
/// confirmation and the follow-up visit.
#[component]
pub(super) fn ProcedureCard(case: CaseView) -> impl IntoView {
    let locale = use_locale();
    let p = locale.procedure();
    let has_anything =
        !case.mediators.is_empty() || case.agreement.is_some() || case.rights_noticed;
    let mediators = case
        .mediators
        .iter()
        .map(|m| {
            let invited = if m.invited {
                format!(" · {}", locale.action(Action::Invite))
            } else {
                String::new()
            };
            format!(
                "{}（{} · {}{invited}）",
                m.name,
                locale.level(m.level),
                m.unit_name
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let confirmation = case.confirmation.as_deref().map(|c| match c {
        "applied" => p.applied,
        "confirmed" => p.confirmed,
        _ => p.refused_by_court,
    });
    let agreement = case.agreement.clone().map(|a| {
        let last_day = domain::procedure::confirmation_last_day(a.signed_on).to_string();
        view! {
            <dt>{p.agreement}</dt>
            <dd data-testid="agreement-terms">{a.terms.clone()}</dd>
            {a.amount_fen.map(|fen| view! { <dt>{use_texts().amount}</dt><dd>{domain::dispute::format_yuan(fen)}</dd> })}
            <dt>{p.signed_on}</dt><dd>{a.signed_on.to_string()}</dd>
            <dt>{p.perform_by}</dt><dd>{a.perform_by.to_string()}</dd>
            <dt>{p.confirmation}</dt>
            <dd data-testid="confirmation">{confirmation.map_or_else(|| format!("{}{last_day}", p.confirmation_last_day), str::to_owned)}</dd>
            <dt>{locale.action(Action::FollowUp)}</dt>
            <dd data-testid="visit-result">{match case.progress.followed_up {
                Visited::NotYet => p.follow_up_pending,
                Visited::Performed => p.followed_up,
                Visited::NotPerformed => p.followed_up_unperformed,
            }}</dd>
        }
    });
    has_anything.then(|| view! {
        <section class="card procedure">
            <dl class="facts">
                {(!mediators.is_empty()).then(|| view! { <dt>{p.mediators_on_case}</dt><dd data-testid="case-mediators">{mediators}</dd> })}
                {case.rights_noticed.then(|| view! { <dt>{locale.action(Action::NoticeOfRights)}</dt><dd>"✓"</dd> })}
                {agreement}
            </dl>
        </section>
    })
}
