//! Server functions the pages call, and the data they return. Their bodies are thin adapters:
//! the work is done by the server crate through the [`backend::Backend`] trait, so this crate
//! never touches the database.

use crate::case_view::CaseView;
use crate::dispute::Category;
use crate::error::AppError;
use crate::inbox::InboxView;
use crate::jurisdiction::Unit;
use crate::session::SessionUser;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A unit with the counts the overview pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub unit: Unit,
    pub child_count: i64,
    pub user_count: i64,
    /// The names of the people working in the unit (a grid's grid worker, a committee's
    /// mediators), at most [`MEMBERS_SHOWN`].
    pub members: Vec<String>,
}

/// How many names a unit row shows before it only counts.
pub const MEMBERS_SHOWN: usize = 4;

/// A user as lists show them: the same public facts the signed-in user carries. No password
/// material ever leaves the server.
pub type UserSummary = SessionUser;

/// What a person's home page shows: where their unit sits in the tree, what is below it and who
/// works there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    pub unit: Unit,
    /// From the parent up to the root.
    pub ancestors: Vec<Unit>,
    pub children: Vec<UnitSummary>,
    pub colleagues: Vec<UserSummary>,
}

/// The administrator's view of the part of the tree they manage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminView {
    /// Depth-first, parents before children, with each unit's depth for indentation.
    pub units: Vec<(Unit, usize)>,
    pub users: Vec<UserSummary>,
}

/// A unit to add, as the admin form submits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUnit {
    pub parent_id: i64,
    pub kind: String,
    pub name: String,
    pub code: Option<String>,
    pub category: Option<String>,
}

/// A user to add, as the admin form submits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_id: i64,
    pub password: String,
}

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

/// The active rule file for the admin page: the rules in order, the file as written, and the
/// grids a case can be tried from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesView {
    pub name: String,
    pub version: String,
    pub rules: Vec<crate::rules::Fired>,
    pub text: String,
    pub grids: Vec<Unit>,
}

/// The name of the session cookie. HttpOnly: scripts never see it.
pub const SESSION_COOKIE: &str = "fq_session";

#[cfg(feature = "ssr")]
pub mod backend {
    //! The contract between the pages and the server crate.
    use super::*;
    use crate::session::LoginError;

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

    #[async_trait::async_trait]
    pub trait Backend: Send + Sync + 'static {
        async fn login(&self, username: &str, password: &str) -> Result<OpenedSession, LoginError>;
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
            facts: crate::dispute::DisputeFacts,
        ) -> Result<crate::rules::Explanation, AppError>;
        async fn add_webhook(
            &self,
            user: &SessionUser,
            unit_id: i64,
            format: &str,
            url: &str,
        ) -> Result<i64, AppError>;
        async fn case(&self, user: &SessionUser, id: &str) -> Result<CaseView, AppError>;
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
        async fn create_user(
            &self,
            user: &SessionUser,
            new: NewUser,
        ) -> Result<UserSummary, AppError>;
        /// The cases the user's unit holds, most urgent first.
        async fn work_list(
            &self,
            user: &SessionUser,
            filter: crate::work_list::WorkFilter,
        ) -> Result<Vec<crate::work_list::WorkItem>, AppError>;
        /// The mediation organisations a court user may entrust a case to (委托).
        async fn entrust_targets(
            &self,
            user: &SessionUser,
        ) -> Result<Vec<crate::case_view::UnitChoice>, AppError>;
        /// The unit's 受理 and 不予受理 decisions this month.
        async fn acceptance(
            &self,
            user: &SessionUser,
        ) -> Result<crate::work_list::AcceptanceFigures, AppError>;
        /// The backlog register of a supervisor's subtree.
        async fn backlog_register(
            &self,
            user: &SessionUser,
        ) -> Result<Vec<crate::backlog::BacklogEntry>, AppError>;
        /// The mediator and expert pools of the admin's subtree.
        async fn mediators(
            &self,
            user: &SessionUser,
        ) -> Result<Vec<crate::mediators::Mediator>, AppError>;
        async fn add_mediator(
            &self,
            user: &SessionUser,
            new: crate::mediators::NewMediator,
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

    pub(crate) fn session_token() -> Option<String> {
        let parts = use_context::<http::request::Parts>()?;
        let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .map(|(_, value)| value.to_owned())
    }

    /// `Set-Cookie` for a session: HttpOnly so scripts cannot read it, SameSite=Lax so another
    /// site cannot post with it.
    pub(crate) fn session_cookie(token: &str, max_age_secs: i64) -> String {
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}")
    }

    pub(crate) fn set_cookie(value: String) {
        if let (Some(resp), Ok(value)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(&value),
        ) {
            resp.append_header(http::header::SET_COOKIE, value);
        }
    }
}

/// The signed-in user, or `None`. Pages use it to choose what to show.
#[server(endpoint = "session/current")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use backend::*;
    Ok(match auth_state() {
        AuthState::SignedIn(user) => Some(user),
        _ => None,
    })
}

/// Signs in and sets the session cookie; the page then goes to the person's home.
#[server(endpoint = "session/login")]
pub async fn login(username: String, password: String) -> Result<SessionUser, AppError> {
    use backend::*;
    let opened = backend()?
        .login(username.trim(), &password)
        .await
        .map_err(AppError::Login)?;
    set_cookie(session_cookie(&opened.token, opened.max_age_secs));
    Ok(opened.user)
}

/// Ends the session on the server and clears the cookie.
#[server(endpoint = "session/logout")]
pub async fn logout() -> Result<(), AppError> {
    use backend::*;
    if let Some(token) = session_token() {
        backend()?.logout(&token).await?;
    }
    set_cookie(session_cookie("", 0));
    leptos_axum::redirect("/login?signed_out=1");
    Ok(())
}

#[server(endpoint = "home")]
pub async fn load_home() -> Result<HomeView, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.home(&user).await
}

#[server(endpoint = "admin/overview")]
pub async fn load_admin() -> Result<AdminView, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.admin_view(&user).await
}

/// Empty optional form fields arrive as empty strings; they mean "not given".
#[cfg(feature = "ssr")]
fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[server(endpoint = "admin/units")]
pub async fn create_unit(
    parent_id: i64,
    kind: String,
    name: String,
    code: Option<String>,
    category: Option<String>,
) -> Result<Unit, AppError> {
    use backend::*;
    let user = require_user()?;
    let unit = NewUnit {
        parent_id,
        kind,
        name: name.trim().to_owned(),
        code: blank_to_none(code),
        category: blank_to_none(category),
    };
    backend()?.create_unit(&user, unit).await
}

#[server(endpoint = "admin/users")]
pub async fn create_user(
    username: String,
    display_name: String,
    role: String,
    unit_id: i64,
    password: String,
) -> Result<UserSummary, AppError> {
    use backend::*;
    let user = require_user()?;
    let new = NewUser {
        username: username.trim().to_owned(),
        display_name: display_name.trim().to_owned(),
        role,
        unit_id,
        password,
    };
    backend()?.create_user(&user, new).await
}

/// The deployment's dispute categories, retired ones included (admin page).
#[server(endpoint = "admin/categories")]
pub async fn load_categories() -> Result<Vec<Category>, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.categories(&user).await
}

/// Adds a category or renames one; its code never changes.
#[server(endpoint = "admin/categories/save")]
pub async fn save_category(
    code: String,
    name_zh: String,
    name_en: String,
) -> Result<Category, AppError> {
    use backend::*;
    let user = require_user()?;
    let category = Category {
        code,
        name_zh,
        name_en,
        retired: false,
    };
    backend()?.save_category(&user, category).await
}

/// Retires a category (no longer offered for new records) or brings it back.
#[server(endpoint = "admin/categories/retire")]
pub async fn retire_category(code: String, retired: bool) -> Result<(), AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.set_category_retired(&user, &code, retired).await
}

/// The signed-in user's notifications, newest first, with the unread count.
#[server(endpoint = "inbox")]
pub async fn load_inbox() -> Result<InboxView, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.inbox(&user).await
}

/// Marks every notification of the signed-in user read.
#[server(endpoint = "inbox/read-all")]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.mark_inbox_read(&user).await
}

/// One case the signed-in user may see, for its page.
#[server(endpoint = "case")]
pub async fn load_case(id: String) -> Result<CaseView, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.case(&user, id.trim()).await
}

/// 办案: the cases the user's unit holds, filtered (`work_list::Stage`, `Due` codes; an empty
/// category means every category).
#[server(endpoint = "work")]
pub async fn load_work_list(
    stage: String,
    category: String,
    due: String,
) -> Result<Vec<crate::work_list::WorkItem>, AppError> {
    use crate::work_list::{Due, Stage, WorkFilter};
    use backend::*;
    let user = require_user()?;
    let filter = WorkFilter {
        stage: Stage::from_code(&stage),
        category: Some(category.trim().to_owned()).filter(|c| !c.is_empty()),
        due: Due::from_code(&due),
    };
    backend()?.work_list(&user, filter).await
}

/// 委托调解: the mediation organisations of the court's county.
#[server(endpoint = "entrust/targets")]
pub async fn load_entrust_targets() -> Result<Vec<crate::case_view::UnitChoice>, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.entrust_targets(&user).await
}

/// 受理率: the unit's decisions this month.
#[server(endpoint = "work/acceptance")]
pub async fn load_acceptance() -> Result<crate::work_list::AcceptanceFigures, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.acceptance(&user).await
}

/// 积案库: the backlog cases a supervisor keeps, not yet cleared.
#[server(endpoint = "backlog")]
pub async fn load_backlog() -> Result<Vec<crate::backlog::BacklogEntry>, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.backlog_register(&user).await
}

/// The mediator and expert pools the admin keeps.
#[server(endpoint = "admin/mediators")]
pub async fn load_mediators() -> Result<Vec<crate::mediators::Mediator>, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.mediators(&user).await
}

/// Adds a pool entry. The form sends specialties as comma-joined category codes and the people
/// the mediator withdraws for one per line (`姓名` or `姓名 身份证号`).
#[server(endpoint = "admin/mediators/add")]
#[allow(clippy::too_many_arguments)]
pub async fn add_mediator(
    unit_id: i64,
    name: String,
    kind: String,
    level: String,
    specialties: String,
    phone: String,
    relations: String,
) -> Result<i64, AppError> {
    use crate::error::Problem;
    use crate::mediators::{parse_relations, Level, MediatorKind, NewMediator};
    use backend::*;
    let user = require_user()?;
    let new = NewMediator {
        unit_id,
        name,
        kind: MediatorKind::from_code(&kind)
            .ok_or(AppError::invalid("kind", Problem::UnknownValue))?,
        level: Level::from_code(&level).ok_or(AppError::invalid("level", Problem::UnknownValue))?,
        specialties: specialties
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        phone: Some(phone).filter(|p| !p.trim().is_empty()),
        id_number: None,
        relations: parse_relations(&relations),
    };
    backend()?.add_mediator(&user, new).await
}

/// Retires a pool entry, or brings it back.
#[server(endpoint = "admin/mediators/active")]
pub async fn set_mediator_active(id: i64, active: bool) -> Result<(), AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.set_mediator_active(&user, id, active).await
}

/// The admin's group robots and the delivery log.
#[server(endpoint = "admin/webhooks")]
pub async fn load_webhooks() -> Result<WebhooksView, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.webhooks(&user).await
}

/// Adds a DingTalk or WeCom group robot to a unit.
#[server(endpoint = "admin/webhooks/add")]
pub async fn add_webhook(unit_id: i64, format: String, url: String) -> Result<i64, AppError> {
    use backend::*;
    let user = require_user()?;
    backend()?.add_webhook(&user, unit_id, &format, &url).await
}

/// The active rule file (admin page).
#[server(endpoint = "admin/rules")]
pub async fn load_rules_view() -> Result<RulesView, AppError> {
    use backend::*;
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
) -> Result<crate::rules::Explanation, AppError> {
    use crate::dispute::{parse_yuan, DisputeFacts, Party, PartyKind, PartyRole};
    use crate::error::Problem;
    use backend::*;
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
    };
    backend()?.try_rules(&user, grid_id, facts).await
}
