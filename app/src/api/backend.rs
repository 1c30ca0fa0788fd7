//! The contract between the pages and the server crate: the server functions in this folder
//! are thin adapters that find the signed-in user and call this trait, which the server
//! implements on its database (`server/src/http/backend.rs`). That keeps sqlx out of this crate
//! and lets each page's server functions sit beside the page's data types. Server-side only.

use super::admin::{AdminView, NewUnit, NewUser};
use super::backlog::BacklogEntry;
use super::cases::{CaseView, UnitChoice};
use super::home::{HomeView, UserSummary};
use super::robots::WebhooksView;
use super::rules::RulesView;
use super::work::{AcceptanceFigures, WorkFilter, WorkItem};
use crate::error::AppError;
use domain::dispute::Category;
use domain::jurisdiction::Unit;
use domain::notices::InboxView;
use domain::session::SessionUser;
use leptos::prelude::*;
/// A session the server has just opened.
pub struct OpenedSession {
    pub token: String,
    pub max_age_secs: i64,
    pub user: SessionUser,
}

/// What the request's session cookie turned out to be; the server's middleware puts it in
/// the request's extensions before any page or server function runs.
#[derive(Clone, Debug)]
pub enum AuthState {
    SignedIn(SessionUser),
    /// A cookie was sent but its session is unknown or past its expiry.
    Expired,
    Anonymous,
}

/// The address a request came from, put in the request's extensions by the server (the
/// connection's peer), for sign-in throttling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

#[async_trait::async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Signs in, unless sign-in is closed for this account or `address` after too many wrong
    /// passwords (`domain::throttle`).
    async fn login(
        &self,
        username: &str,
        password: &str,
        address: Option<std::net::IpAddr>,
    ) -> Result<OpenedSession, AppError>;
    async fn logout(&self, token: &str) -> Result<(), AppError>;
    async fn home(&self, user: &SessionUser) -> Result<HomeView, AppError>;
    async fn admin_view(&self, user: &SessionUser) -> Result<AdminView, AppError>;
    async fn create_unit(&self, user: &SessionUser, unit: NewUnit) -> Result<Unit, AppError>;
    async fn categories(&self, user: &SessionUser) -> Result<Vec<Category>, AppError>;
    async fn inbox(&self, user: &SessionUser) -> Result<InboxView, AppError>;
    async fn webhooks(&self, user: &SessionUser) -> Result<WebhooksView, AppError>;
    async fn rules_view(&self, user: &SessionUser) -> Result<RulesView, AppError>;
    async fn try_rules(
        &self,
        user: &SessionUser,
        grid_id: i64,
        facts: domain::dispute::DisputeFacts,
    ) -> Result<domain::rules::Explanation, AppError>;
    async fn add_webhook(
        &self,
        user: &SessionUser,
        unit_id: i64,
        format: &str,
        url: &str,
    ) -> Result<i64, AppError>;
    async fn case(&self, user: &SessionUser, id: &str) -> Result<CaseView, AppError>;
    /// 预警: the warnings of the reader's area, open first.
    async fn warnings(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<crate::api::warnings::WarningView>, AppError>;
    /// Closes a warning of the reader's area with a note.
    async fn close_warning(&self, user: &SessionUser, id: i64, note: &str) -> Result<(), AppError>;
    /// 每周排查: the grids of the reader's area and their reports for the week of `day`.
    async fn sweep_board(
        &self,
        user: &SessionUser,
        day: domain::clock::Day,
    ) -> Result<crate::api::weekly_sweep::SweepBoard, AppError>;
    async fn mark_inbox_read(&self, user: &SessionUser) -> Result<(), AppError>;
    async fn save_category(
        &self,
        user: &SessionUser,
        category: Category,
    ) -> Result<Category, AppError>;
    async fn set_category_retired(
        &self,
        user: &SessionUser,
        code: &str,
        retired: bool,
    ) -> Result<(), AppError>;
    async fn create_user(&self, user: &SessionUser, new: NewUser) -> Result<UserSummary, AppError>;
    /// An administrator's change to an account of their subtree, written to the audit log.
    async fn change_account(
        &self,
        user: &SessionUser,
        account_id: i64,
        change: crate::api::accounts::AccountChange,
    ) -> Result<crate::api::accounts::AccountChanged, AppError>;
    /// The audit log of an administrator's subtree.
    async fn audit_log(
        &self,
        user: &SessionUser,
        filter: crate::api::accounts::AuditFilter,
    ) -> Result<Vec<crate::api::accounts::AuditLine>, AppError>;
    /// The user's own new password; their other sessions (not `keep_session`) end.
    async fn change_password(
        &self,
        user: &SessionUser,
        current: String,
        new_password: String,
        repeat: String,
        keep_session: &str,
    ) -> Result<(), AppError>;
    /// The cases the user's unit holds, most urgent first.
    async fn work_list(
        &self,
        user: &SessionUser,
        filter: WorkFilter,
    ) -> Result<Vec<WorkItem>, AppError>;
    /// 案件查询: a page of the cases the user's unit and the units below it hold or held.
    async fn case_list(
        &self,
        user: &SessionUser,
        query: super::case_list::CaseQuery,
    ) -> Result<super::case_list::CaseListPage, AppError>;
    /// The units below the user's that 案件查询 may be narrowed to.
    async fn case_list_units(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<super::case_list::UnitOption>, AppError>;
    /// 统计: the figures of the user's unit and the units below it for a period.
    async fn dashboard(
        &self,
        user: &SessionUser,
        period: super::dashboard::Period,
    ) -> Result<super::dashboard::DashboardView, AppError>;
    /// 月报: the subtree's units and mediators for a period.
    async fn monthly_report(
        &self,
        user: &SessionUser,
        period: super::dashboard::Period,
    ) -> Result<super::report::MonthlyReport, AppError>;
    /// The mediation organisations a court user may entrust a case to (委托).
    async fn entrust_targets(&self, user: &SessionUser) -> Result<Vec<UnitChoice>, AppError>;
    /// The unit's 受理 and 不予受理 decisions this month.
    async fn acceptance(&self, user: &SessionUser) -> Result<AcceptanceFigures, AppError>;
    /// The backlog register of a supervisor's subtree.
    async fn backlog_register(&self, user: &SessionUser) -> Result<Vec<BacklogEntry>, AppError>;
    /// The mediator and expert pools of the admin's subtree.
    async fn mediators(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<domain::mediators::Mediator>, AppError>;
    async fn add_mediator(
        &self,
        user: &SessionUser,
        new: domain::mediators::NewMediator,
    ) -> Result<i64, AppError>;
    async fn set_mediator_active(
        &self,
        user: &SessionUser,
        id: i64,
        active: bool,
    ) -> Result<(), AppError>;
}

/// The shared backend handle that the server provides as context.
pub type SharedBackend = std::sync::Arc<dyn Backend>;

pub(crate) fn backend() -> Result<SharedBackend, AppError> {
    use_context::<SharedBackend>().ok_or(AppError::Internal)
}

pub(crate) fn auth_state() -> AuthState {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<AuthState>().cloned())
        .unwrap_or(AuthState::Anonymous)
}

pub(crate) fn require_user() -> Result<SessionUser, AppError> {
    match auth_state() {
        AuthState::SignedIn(user) => Ok(user),
        _ => Err(AppError::NotSignedIn),
    }
}
