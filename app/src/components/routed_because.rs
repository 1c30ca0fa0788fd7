//! The line under a routing (the record form's preview, the case page): the rule that placed
//! the case. A dispute taken in at a unit's window (一窗受理) that the rule would place lower is
//! kept there, and the line says so first: the rule's name alone ("…村（社区）人民调解") would
//! read as contradicting the unit shown as holder.

use crate::i18n::use_texts;
use leptos::prelude::*;

#[component]
pub fn RoutedBecause(rules: String, kept_at_window: bool) -> impl IntoView {
    let t = use_texts();
    match (kept_at_window, rules.is_empty()) {
        (true, _) => Some(
            view! {
                <p class="muted" data-testid="kept-at-window">
                    {t.because}{t.kept_at_window}
                    {(!rules.is_empty()).then(|| view! { {t.kept_over_rule_before}{rules}{t.kept_over_rule_after} })}
                </p>
            }
            .into_any(),
        ),
        (false, false) => Some(view! { <p class="muted">{t.because}{rules}</p> }.into_any()),
        (false, true) => None,
    }
}
