//! The active rule file on the admin page, and the 试算 form that tries a case against it.

use super::forms::{field_error, FieldError};
use crate::api::rules::RulesView;
use crate::components::unit_card::LoadError;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use leptos::either::Either;
use leptos::prelude::*;

/// The active rule file: its rules in the order they are tried, the file as written, and a
/// form to try a case against it.
#[component]
pub(super) fn RulesSection(state: super::AdminState) -> impl IntoView {
    let t = use_texts();
    let view = state.rules;
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
fn RulesBody(rules: crate::api::rules::RulesView) -> impl IntoView {
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
                {domain::dispute::BuiltInCategory::ALL.iter().map(|c| c.code()).map(|code| view! {
                    <option value=code>{locale.category(&[], code)}</option>
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

/// The active rule file (admin page).
#[server(endpoint = "admin/rules")]
pub async fn load_rules_view() -> Result<RulesView, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.rules_view(&user).await
}

/// Tries a case against the active rules from the admin page's form: what would happen and
/// which rules fire. Checkboxes arrive as `on` when ticked.
#[server(endpoint = "admin/rules/try")]
pub async fn try_rules(
    grid_id: i64,
    category: String,
    amount_yuan: String,
    people_involved: String,
    facts_clear: Option<String>,
    petition_risk: Option<String>,
    government_party: Option<String>,
) -> Result<domain::rules::Explanation, AppError> {
    use crate::api::backend::*;
    use domain::dispute::{parse_yuan, DisputeFacts, Party, PartyKind, PartyRole};
    use domain::problem::Problem;
    let user = require_user()?;
    let amount_fen = match amount_yuan.trim() {
        "" => None,
        text => Some(parse_yuan(text).ok_or(AppError::invalid("amount_yuan", Problem::BadFormat))?),
    };
    let people_involved = people_involved
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or(AppError::invalid("people_involved", Problem::BadFormat))?;
    let mut parties = vec![Party {
        name: "申请人".into(),
        role: PartyRole::Applicant,
        kind: PartyKind::Person,
        phone: None,
        id_number: None,
    }];
    if government_party.is_some() {
        parties.push(Party {
            name: "行政机关".into(),
            role: PartyRole::Respondent,
            kind: PartyKind::Government,
            phone: None,
            id_number: None,
        });
    }
    let facts = DisputeFacts {
        category,
        summary: "规则试算".into(),
        parties,
        amount_fen,
        people_involved,
        location: "试算".into(),
        gps: None,
        facts_clear: facts_clear.is_some(),
        sensitive: false,
        petition_risk: petition_risk.is_some(),
        resolved_on_spot: None,
        consent_to_transfer: false,
        source: domain::dispute::Source::GridPatrol,
    };
    backend()?.try_rules(&user, grid_id, facts).await
}
