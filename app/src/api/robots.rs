//! DingTalk and WeCom group robots that repeat a unit's notifications, and their delivery log
//! (admin page).

use serde::{Deserialize, Serialize};

/// A group robot (DingTalk or WeCom) that receives a unit's notifications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Webhook {
    pub id: i64,
    pub unit_name: String,
    /// `dingtalk` or `wecom`.
    pub format: String,
    pub url: String,
}

/// One line of the webhook delivery log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryLine {
    pub id: i64,
    pub unit_name: String,
    pub format: String,
    pub kind: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

/// The admin's robots and their newest deliveries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhooksView {
    pub hooks: Vec<Webhook>,
    pub deliveries: Vec<DeliveryLine>,
}
