//! What the admin page's forms share: the server's verdict shown next to the field it concerns,
//! and the id of the last record a form created.

use crate::components::unit_card::unit_kind_label;
use crate::error::AppError;
use crate::i18n::use_locale;
use domain::jurisdiction::Unit;
use leptos::prelude::*;

/// The id of the last record an action created; unchanged by failed submissions.
pub(crate) fn last_success_id<T, S>(value: S, id: fn(&T) -> i64) -> Memo<Option<i64>>
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

/// The error of the last submission of a form, if it concerns `field`; `None` for the form as
/// a whole.
pub(crate) fn field_error<T, S>(
    value: S,
    field: Option<&'static str>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static
where
    S: Get<Value = Option<Result<T, AppError>>> + Clone + Send + Sync + 'static,
{
    let locale = use_locale();
    move || match value.get() {
        Some(Err(error)) if error.field() == field => Some(locale.error_message(&error)),
        _ => None,
    }
}

#[component]
pub(crate) fn FieldError(
    message: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    move || message().map(|m| view! { <p class="error field-error" role="alert">{m}</p> })
}

/// The units a select offers, `selected` (for example the unit a person is in now) chosen.
pub(crate) fn unit_options(
    units: &[Unit],
    filter: impl Fn(&Unit) -> bool,
    selected: Option<i64>,
) -> impl IntoView {
    units
        .iter()
        .filter(|u| filter(u))
        .map(|u| {
            let label = format!("{} · {}", u.name, unit_kind_label(u));
            view! { <option value=u.id.to_string() selected=selected == Some(u.id)>{label}</option> }
        })
        .collect_view()
}
