//! Outgoing webhooks: each unit may have DingTalk (钉钉) or WeCom (企业微信) group robots that
//! receive its notifications as markdown messages (docs/design.md "Notifications").
//!
//! A delivery is queued in the transaction of the change it reports (`enqueue`, called by
//! `notify::tell_units`), and sent afterwards by `deliver_due`: a robot that is down or slow
//! never blocks or loses a case. Failures are retried with exponential backoff and given up
//! after [`MAX_ATTEMPTS`], each attempt's error kept in the delivery log admins read.

use crate::db::Db;
use crate::error::ServerResult;
use crate::notifications::notice::Notice;
use app::api::robots::{DeliveryLine, Webhook};
use app::error::AppError;
use app::i18n::notices::headline;
use app::i18n::Locale;
use domain::problem::Problem;
use sqlx::{Any, Row, Transaction};
use std::time::Duration;

/// The robot formats understood.
pub const FORMATS: [&str; 2] = ["dingtalk", "wecom"];
pub const MAX_ATTEMPTS: i64 = 8;
const FIRST_RETRY_MS: i64 = 30_000;
const LONGEST_RETRY_MS: i64 = 3_600_000;
/// How long a sender holds a claimed delivery before another may try it.
const CLAIM_MS: i64 = 60_000;

/// The markdown a person reads in the group. A group is not a permitted reader: a sensitive
/// case's notice (`restricted`) names only its holder, in `detail`.
fn markdown(notice: &Notice<'_>, restricted: bool) -> (String, String) {
    let headline = headline(Locale::Zh, notice.kind);
    if restricted {
        return app::i18n::records::restricted_robot_message(
            headline,
            notice.detail.unwrap_or_default(),
        );
    }
    app::i18n::records::robot_message(headline, notice.case_number, notice.summary, notice.detail)
}

/// The JSON body each format expects (DingTalk: msgtype markdown with title and text; WeCom:
/// msgtype markdown with content).
pub fn payload(format: &str, notice: &Notice<'_>, restricted: bool) -> serde_json::Value {
    let (title, text) = markdown(notice, restricted);
    match format {
        "dingtalk" => serde_json::json!({
            "msgtype": "markdown",
            "markdown": { "title": title, "text": text },
        }),
        _ => serde_json::json!({
            "msgtype": "markdown",
            "markdown": { "content": text },
        }),
    }
}

/// Queues the notice for every active robot of `unit_id`, in the caller's transaction.
pub async fn enqueue(
    tx: &mut Transaction<'static, Any>,
    unit_id: i64,
    notice: &Notice<'_>,
    restricted: bool,
) -> sqlx::Result<()> {
    let hooks = sqlx::query("SELECT id, format FROM webhooks WHERE unit_id = $1 AND active = 1")
        .bind(unit_id)
        .fetch_all(&mut **tx)
        .await?;
    for hook in hooks {
        let (id, format): (i64, String) = (hook.try_get("id")?, hook.try_get("format")?);
        sqlx::query(
            "INSERT INTO webhook_deliveries (webhook_id, case_id, kind, payload, status, attempts, next_attempt_at, created_at)
             VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)",
        )
        .bind(id)
        .bind(notice.case())
        .bind(notice.kind.code())
        .bind(payload(&format, notice, restricted).to_string())
        .bind(notice.at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What one delivery round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most an hour.
pub fn backoff_ms(attempts: i64) -> i64 {
    (FIRST_RETRY_MS << (attempts - 1).clamp(0, 20)).min(LONGEST_RETRY_MS)
}

/// Sends every delivery due at `now` (tests pass their own clock).
pub async fn deliver_due(db: &Db, client: &reqwest::Client, now: i64) -> sqlx::Result<Delivered> {
    let due = sqlx::query(
        "SELECT d.id, d.payload, d.attempts, d.next_attempt_at, w.url
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= $1
         ORDER BY d.id LIMIT 100",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut report = Delivered::default();
    for row in due {
        let id: i64 = row.try_get("id")?;
        let attempts: i64 = row.try_get("attempts")?;
        // Claim it, so a second instance does not send it too.
        let claimed = sqlx::query(
            "UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3 AND status = 'pending'",
        )
        .bind(now + CLAIM_MS)
        .bind(id)
        .bind(row.try_get::<i64, _>("next_attempt_at")?)
        .execute(&db.pool)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            continue;
        }
        let url: String = row.try_get("url")?;
        let body: String = row.try_get("payload")?;
        let attempts = attempts + 1;
        match send(client, &url, body).await {
            Ok(()) => {
                sqlx::query(
                    "UPDATE webhook_deliveries SET status = 'delivered', attempts = $1, delivered_at = $2, last_error = NULL WHERE id = $3",
                )
                .bind(attempts)
                .bind(now)
                .bind(id)
                .execute(&db.pool)
                .await?;
                report.delivered += 1;
            }
            Err(error) => {
                let gave_up = attempts >= MAX_ATTEMPTS;
                sqlx::query(
                    "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4 WHERE id = $5",
                )
                .bind(if gave_up { "failed" } else { "pending" })
                .bind(attempts)
                .bind(now + backoff_ms(attempts))
                .bind(error.chars().take(500).collect::<String>())
                .bind(id)
                .execute(&db.pool)
                .await?;
                if gave_up {
                    report.failed += 1;
                } else {
                    report.retrying += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Why a robot could not be reached, as the delivery log keeps it: a robot that took the
/// connection and never answered is named so, not just "error sending request".
fn network_error(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        format!("network: the robot did not answer in time (timed out): {error}")
    } else if error.is_connect() {
        format!("network: could not connect: {error}")
    } else {
        format!("network: {error}")
    }
}

/// One POST. Both robots answer HTTP 200 with `{"errcode":0}` when they took the message.
async fn send(client: &reqwest::Client, url: &str, body: String) -> Result<(), String> {
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| network_error(&e))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !status.is_success() {
        return Err(format!(
            "HTTP {status}: {}",
            text.chars().take(200).collect::<String>()
        ));
    }
    match serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("errcode").and_then(|c| c.as_i64()))
    {
        Some(0) | None => Ok(()),
        Some(code) => Err(format!("robot refused (errcode {code}): {text}")),
    }
}

/// Sends due deliveries every `every` until the server stops.
pub fn spawn(db: Db, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = deliver_due(&db, &client, crate::db::now_ms()).await {
                tracing::warn!(%error, "webhook delivery round failed; retrying next tick");
            }
        }
    })
}

/// Adds a robot to a unit in the admin's part of the tree.
pub async fn add(
    db: &Db,
    admin_root: i64,
    unit_id: i64,
    format: &str,
    url: &str,
) -> ServerResult<i64> {
    if !FORMATS.contains(&format) {
        return Err(AppError::invalid("format", Problem::UnknownValue).into());
    }
    let url = url.trim();
    if url.is_empty() {
        return Err(AppError::invalid("url", Problem::Required).into());
    }
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.len() > 500
        || url.contains(char::is_whitespace)
    {
        return Err(AppError::invalid("url", Problem::BadFormat).into());
    }
    if !crate::people::directory::is_within(db, admin_root, unit_id).await? {
        return Err(AppError::invalid("unit_id", Problem::UnknownValue).into());
    }
    let row = sqlx::query(
        "INSERT INTO webhooks (unit_id, format, url, active, created_at) VALUES ($1, $2, $3, 1, $4) RETURNING id",
    )
    .bind(unit_id)
    .bind(format)
    .bind(url)
    .bind(crate::db::now_ms())
    .fetch_one(&db.pool)
    .await?;
    Ok(row.try_get("id")?)
}

/// The robots of the admin's part of the tree.
pub async fn list(db: &Db, admin_root: i64) -> sqlx::Result<Vec<Webhook>> {
    let rows = sqlx::query(&format!(
        "{} SELECT w.id, u.name AS unit_name, w.format, w.url FROM webhooks w
         JOIN units u ON u.id = w.unit_id WHERE w.unit_id IN (SELECT id FROM sub) AND w.active = 1 ORDER BY w.id",
        crate::people::directory::SUBTREE_CTE
    ))
    .bind(admin_root)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Webhook {
                id: r.try_get("id")?,
                unit_name: r.try_get("unit_name")?,
                format: r.try_get("format")?,
                url: r.try_get("url")?,
            })
        })
        .collect()
}

/// The newest deliveries of the admin's part of the tree.
pub async fn log(db: &Db, admin_root: i64, limit: i64) -> sqlx::Result<Vec<DeliveryLine>> {
    let rows = sqlx::query(&format!(
        "{} SELECT d.id, u.name AS unit_name, w.format, d.kind, d.status, d.attempts, d.last_error, d.created_at
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN units u ON u.id = w.unit_id
         WHERE w.unit_id IN (SELECT id FROM sub) ORDER BY d.id DESC LIMIT $2",
        crate::people::directory::SUBTREE_CTE
    ))
    .bind(admin_root)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DeliveryLine {
                id: r.try_get("id")?,
                unit_name: r.try_get("unit_name")?,
                format: r.try_get("format")?,
                kind: r.try_get("kind")?,
                status: r.try_get("status")?,
                attempts: r.try_get("attempts")?,
                last_error: r.try_get("last_error")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}
