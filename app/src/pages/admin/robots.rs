//! DingTalk and WeCom group robots per unit on the admin page, and their delivery log.

use super::forms::{field_error, unit_options, FieldError};
use crate::api::robots::WebhooksView;
use crate::components::unit_card::LoadError;
use crate::error::AppError;
use crate::i18n::use_texts;
use domain::jurisdiction::Unit;
use leptos::either::Either;
use leptos::prelude::*;

/// DingTalk and WeCom group robots per unit, and the delivery log.
#[component]
pub(super) fn WebhooksSection(units: Vec<Unit>, state: super::AdminState) -> impl IntoView {
    let t = use_texts();
    let (add, hooks) = (state.add_webhook, state.webhooks);
    let value = add.value();
    let done = move || matches!(value.get(), Some(Ok(_))).then_some(t.webhook_added);
    view! {
        <section class="card" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">{t.webhooks_title}</h2>
            <ActionForm action=add attr:class="form">
                <label for="hook-unit">{t.unit}</label>
                <select id="hook-unit" name="unit_id">{unit_options(&units, |_| true, None)}</select>
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

/// The admin's group robots and the delivery log.
#[server(endpoint = "admin/webhooks")]
pub async fn load_webhooks() -> Result<WebhooksView, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.webhooks(&user).await
}

/// Adds a DingTalk or WeCom group robot to a unit.
#[server(endpoint = "admin/webhooks/add")]
pub async fn add_webhook(unit_id: i64, format: String, url: String) -> Result<i64, AppError> {
    use crate::api::backend::*;
    let user = require_user()?;
    backend()?.add_webhook(&user, unit_id, &format, &url).await
}
