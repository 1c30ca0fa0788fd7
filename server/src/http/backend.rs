//! The server's side of the contract the pages call through (`app::api::backend::Backend`).

use crate::db::Db;
use crate::error::ServerResult;
use crate::people::auth::{sessions, throttle};
use crate::people::catalogue;
use crate::people::directory;
use crate::people::password;
use app::api::admin::{AdminView, NewUnit, NewUser};
use app::api::backend::{Backend, OpenedSession};
use app::api::cases::CaseView;
use app::api::home::{HomeView, UserSummary};
use app::api::robots::WebhooksView;
use app::api::rules::RulesView;
use app::error::AppError;
use domain::dispute::Category;
use domain::jurisdiction::Unit;
use domain::notices::{InboxView, INBOX_PAGE};
use domain::session::{Desk, LoginError, SessionUser};
use sqlx::Row;
use std::time::Duration;

pub struct ServerBackend {
    pub db: Db,
    pub session_ttl: Duration,
    pub live: crate::notifications::live::Live,
    pub rules: crate::config::ActiveRules,
}

/// The administrator's pages and forms are for administrators only.
fn require_admin(user: &SessionUser) -> Result<(), AppError> {
    if user.opens(Desk::Administration) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

impl ServerBackend {
    /// The password checked against the stored hash (unknown users too, in the same time), and
    /// a session opened for the person it belongs to.
    async fn check_password(
        &self,
        username: &str,
        password: &str,
    ) -> Result<OpenedSession, LoginError> {
        let unavailable = |error: &dyn std::fmt::Display| {
            tracing::error!(%error, "sign-in failed on the server");
            LoginError::Unavailable
        };
        let row = sqlx::query(&format!(
            "SELECT {}, s.password_hash, s.active
             FROM users s JOIN units n ON n.id = s.unit_id WHERE s.username = $1",
            directory::USER_COLUMNS
        ))
        .bind(username)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(|e| unavailable(&e))?;
        let stored = row.as_ref().map(|r| r.get::<String, _>("password_hash"));
        let matches = password::verify(password.to_owned(), stored)
            .await
            .map_err(|e| unavailable(&e))?;
        let Some(row) = row.filter(|_| matches) else {
            return Err(LoginError::WrongCredentials);
        };
        // Only a person who knows the password learns that the account is disabled.
        if row.get::<i64, _>("active") != 1 {
            return Err(LoginError::Disabled);
        }
        let user = directory::user_from_row(&row).map_err(|e| unavailable(&e))?;
        let token = sessions::open(&self.db, user.id, self.session_ttl)
            .await
            .map_err(|e| unavailable(&e))?;
        tracing::info!(user = user.username, "signed in");
        Ok(OpenedSession {
            token,
            max_age_secs: self.session_ttl.as_secs() as i64,
            user,
        })
    }
}

#[async_trait::async_trait]
impl Backend for ServerBackend {
    async fn login(
        &self,
        username: &str,
        password: &str,
        address: Option<std::net::IpAddr>,
    ) -> Result<OpenedSession, AppError> {
        if username.is_empty() || password.is_empty() {
            return Err(AppError::Login(LoginError::MissingFields));
        }
        let attempt = throttle::Attempt::new(username, address);
        let now = crate::db::now_ms();
        let closed = attempt.closed_for(&self.db, now).await.map_err(|e| {
            tracing::error!(error = %e, "sign-in throttle unreadable");
            AppError::Login(LoginError::Unavailable)
        })?;
        if let Some(wait_ms) = closed {
            return Err(AppError::TooManyAttempts {
                retry_after_secs: domain::throttle::retry_after_secs(wait_ms),
            });
        }
        let opened = self.check_password(username, password).await;
        let noted = match &opened {
            Err(LoginError::WrongCredentials) => attempt.failed(&self.db, now).await,
            Ok(_) => attempt.succeeded(&self.db).await,
            Err(_) => Ok(()),
        };
        if let Err(error) = noted {
            tracing::error!(%error, "sign-in throttle not updated");
        }
        opened.map_err(AppError::Login)
    }

    async fn logout(&self, token: &str) -> Result<(), AppError> {
        answer(async move { Ok(sessions::close(&self.db, token).await?) }).await
    }

    async fn home(&self, user: &SessionUser) -> Result<HomeView, AppError> {
        answer(async move {
            let db = &self.db;
            let unit: Unit = directory::unit(db, user.unit_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let ancestors = directory::ancestors(db, unit.id).await?;
            let children = directory::children(db, unit.id).await?;
            let colleagues = directory::users_of_unit(db, unit.id)
                .await?
                .into_iter()
                .filter(|c| c.id != user.id)
                .collect();
            Ok(HomeView {
                unit,
                ancestors,
                children,
                colleagues,
            })
        })
        .await
    }

    async fn admin_view(&self, user: &SessionUser) -> Result<AdminView, AppError> {
        answer(async move {
            require_admin(user)?;
            let units = directory::subtree(&self.db, user.unit_id).await?;
            let accounts = crate::people::accounts::in_subtree(&self.db, user.unit_id).await?;
            Ok(AdminView { units, accounts })
        })
        .await
    }

    async fn create_unit(&self, user: &SessionUser, unit: NewUnit) -> Result<Unit, AppError> {
        answer(async move {
            require_admin(user)?;
            let created = directory::create_unit(&self.db, user.unit_id, unit).await?;
            tracing::info!(by = user.username, unit = created.name, "unit added");
            Ok(created)
        })
        .await
    }

    async fn case(&self, user: &SessionUser, id: &str) -> Result<CaseView, AppError> {
        answer(async move {
            Ok(
                crate::cases::view::load(&self.db, user, id, &self.rules.set.closing)
                    .await?
                    .ok_or(AppError::NotFound)?,
            )
        })
        .await
    }

    async fn rules_view(&self, user: &SessionUser) -> Result<RulesView, AppError> {
        answer(async move {
            require_admin(user)?;
            let set = &self.rules.set;
            let grids = directory::subtree(&self.db, user.unit_id)
                .await?
                .into_iter()
                .map(|(unit, _)| unit)
                .filter(|unit| unit.kind == domain::jurisdiction::UnitKind::Grid)
                .collect();
            Ok(RulesView {
                name: set.name.clone(),
                version: set.version.clone(),
                rules: set.rules.iter().map(domain::rules::Fired::from).collect(),
                text: self.rules.text.to_string(),
                grids,
            })
        })
        .await
    }

    async fn try_rules(
        &self,
        user: &SessionUser,
        grid_id: i64,
        facts: domain::dispute::DisputeFacts,
    ) -> Result<domain::rules::Explanation, AppError> {
        answer(async move {
            require_admin(user)?;
            crate::rules::api::explain_for(&self.db, &self.rules.set, user, Some(grid_id), &facts)
                .await
        })
        .await
    }

    async fn case_list(
        &self,
        user: &SessionUser,
        query: app::api::case_list::CaseQuery,
    ) -> Result<app::api::case_list::CaseListPage, AppError> {
        answer(async move {
            Ok(crate::cases::listing::list(&self.db, user, &query, crate::db::now_ms()).await?)
        })
        .await
    }

    async fn case_list_units(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<app::api::case_list::UnitOption>, AppError> {
        answer(async move { Ok(crate::cases::listing::unit_options(&self.db, user).await?) }).await
    }

    async fn dashboard(
        &self,
        user: &SessionUser,
        period: app::api::dashboard::Period,
    ) -> Result<app::api::dashboard::DashboardView, AppError> {
        answer(async move {
            if !user.opens(Desk::Figures) {
                return Err(AppError::Forbidden.into());
            }
            Ok(crate::stats::dashboard::view(&self.db, user, period, crate::db::now_ms()).await?)
        })
        .await
    }

    async fn monthly_report(
        &self,
        user: &SessionUser,
        period: app::api::dashboard::Period,
    ) -> Result<app::api::report::MonthlyReport, AppError> {
        answer(async move {
            if !user.opens(Desk::Figures) {
                return Err(AppError::Forbidden.into());
            }
            Ok(crate::stats::report::monthly(&self.db, user, period).await?)
        })
        .await
    }

    async fn work_list(
        &self,
        user: &SessionUser,
        filter: app::api::work::WorkFilter,
    ) -> Result<Vec<app::api::work::WorkItem>, AppError> {
        answer(async move {
            Ok(
                crate::casework::work_list::list(&self.db, user, &filter, crate::db::now_ms())
                    .await?,
            )
        })
        .await
    }

    async fn entrust_targets(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<app::api::cases::UnitChoice>, AppError> {
        answer(async move {
            if !user.opens(Desk::Entrusting) {
                return Err(AppError::Forbidden.into());
            }
            let ancestors = crate::people::directory::ancestors(&self.db, user.unit_id).await?;
            let Some(county) = ancestors
                .iter()
                .find(|u| u.kind == domain::jurisdiction::UnitKind::County)
            else {
                return Ok(Vec::new());
            };
            Ok(crate::people::directory::subtree(&self.db, county.id)
                .await?
                .into_iter()
                .filter(|(u, _)| u.kind.mediates())
                .map(|(u, _)| app::api::cases::UnitChoice {
                    id: u.id,
                    name: u.name,
                })
                .collect())
        })
        .await
    }

    async fn warnings(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<app::api::warnings::WarningView>, AppError> {
        answer(async move { Ok(crate::warnings::list(&self.db, user, crate::db::now_ms()).await?) })
            .await
    }

    async fn close_warning(&self, user: &SessionUser, id: i64, note: &str) -> Result<(), AppError> {
        crate::warnings::close(&self.db, user, id, note, crate::db::now_ms()).await
    }

    async fn sweep_board(
        &self,
        user: &SessionUser,
        day: domain::clock::Day,
    ) -> Result<app::api::weekly_sweep::SweepBoard, AppError> {
        answer(async move { Ok(crate::weekly_sweep::board(&self.db, user, day).await?) }).await
    }

    async fn acceptance(
        &self,
        user: &SessionUser,
    ) -> Result<app::api::work::AcceptanceFigures, AppError> {
        answer(async move {
            Ok(
                crate::casework::work_list::acceptance(&self.db, user.unit_id, crate::db::now_ms())
                    .await?,
            )
        })
        .await
    }

    async fn backlog_register(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<app::api::backlog::BacklogEntry>, AppError> {
        answer(async move {
            if !user.opens(Desk::BacklogRegister) {
                return Err(AppError::Forbidden.into());
            }
            Ok(
                crate::casework::backlog_register::list(&self.db, user, crate::db::now_ms())
                    .await?,
            )
        })
        .await
    }

    async fn mediators(
        &self,
        user: &SessionUser,
    ) -> Result<Vec<domain::mediators::Mediator>, AppError> {
        answer(async move {
            require_admin(user)?;
            Ok(crate::people::mediator_pool::in_subtree(&self.db, user.unit_id).await?)
        })
        .await
    }

    async fn add_mediator(
        &self,
        user: &SessionUser,
        new: domain::mediators::NewMediator,
    ) -> Result<i64, AppError> {
        answer(async move {
            require_admin(user)?;
            crate::people::mediator_pool::add(&self.db, user.unit_id, new).await
        })
        .await
    }

    async fn set_mediator_active(
        &self,
        user: &SessionUser,
        id: i64,
        active: bool,
    ) -> Result<(), AppError> {
        answer(async move {
            require_admin(user)?;
            crate::people::mediator_pool::set_active(&self.db, user.unit_id, id, active).await
        })
        .await
    }

    async fn webhooks(&self, user: &SessionUser) -> Result<WebhooksView, AppError> {
        answer(async move {
            require_admin(user)?;
            Ok(WebhooksView {
                hooks: crate::notifications::robots::list(&self.db, user.unit_id).await?,
                deliveries: crate::notifications::robots::log(&self.db, user.unit_id, 50).await?,
            })
        })
        .await
    }

    async fn add_webhook(
        &self,
        user: &SessionUser,
        unit_id: i64,
        format: &str,
        url: &str,
    ) -> Result<i64, AppError> {
        answer(async move {
            require_admin(user)?;
            let id =
                crate::notifications::robots::add(&self.db, user.unit_id, unit_id, format, url)
                    .await?;
            tracing::info!(by = user.username, unit_id, format, "webhook added");
            Ok(id)
        })
        .await
    }

    async fn inbox(&self, user: &SessionUser) -> Result<InboxView, AppError> {
        answer(async move {
            Ok(crate::notifications::inbox::inbox(&self.db, user.id, INBOX_PAGE).await?)
        })
        .await
    }

    async fn mark_inbox_read(&self, user: &SessionUser) -> Result<(), AppError> {
        answer(async move {
            crate::notifications::inbox::mark_read(&self.db, user.id, None).await?;
            self.live.wake(&[user.id]);
            Ok(())
        })
        .await
    }

    async fn categories(&self, user: &SessionUser) -> Result<Vec<Category>, AppError> {
        answer(async move {
            require_admin(user)?;
            Ok(catalogue::all(&self.db).await?)
        })
        .await
    }

    async fn save_category(
        &self,
        user: &SessionUser,
        category: Category,
    ) -> Result<Category, AppError> {
        answer(async move {
            require_admin(user)?;
            let saved = catalogue::save(&self.db, category).await?;
            tracing::info!(by = user.username, category = saved.code, "category saved");
            Ok(saved)
        })
        .await
    }

    async fn set_category_retired(
        &self,
        user: &SessionUser,
        code: &str,
        retired: bool,
    ) -> Result<(), AppError> {
        answer(async move {
            require_admin(user)?;
            catalogue::set_retired(&self.db, code, retired).await?;
            tracing::info!(
                by = user.username,
                category = code,
                retired,
                "category retired"
            );
            Ok(())
        })
        .await
    }

    async fn create_user(&self, user: &SessionUser, new: NewUser) -> Result<UserSummary, AppError> {
        answer(async move {
            require_admin(user)?;
            let created = directory::create_user(&self.db, user, new).await?;
            tracing::info!(by = user.username, user = created.username, "user added");
            Ok(created)
        })
        .await
    }

    async fn change_account(
        &self,
        user: &SessionUser,
        account_id: i64,
        change: app::api::accounts::AccountChange,
    ) -> Result<app::api::accounts::AccountChanged, AppError> {
        answer(async move {
            require_admin(user)?;
            crate::people::accounts::change(&self.db, user, account_id, change).await
        })
        .await
    }

    async fn audit_log(
        &self,
        user: &SessionUser,
        filter: app::api::accounts::AuditFilter,
    ) -> Result<Vec<app::api::accounts::AuditLine>, AppError> {
        answer(async move {
            require_admin(user)?;
            crate::audit_search::search(&self.db, user, &filter).await
        })
        .await
    }

    async fn change_password(
        &self,
        user: &SessionUser,
        current: String,
        new_password: String,
        repeat: String,
        keep_session: &str,
    ) -> Result<(), AppError> {
        answer(async move {
            crate::people::accounts::change_own_password(
                &self.db,
                user,
                current,
                new_password,
                repeat,
                keep_session,
            )
            .await
        })
        .await
    }
}

/// The pages' answer to a piece of server work: a refusal (`AppError`) as it is; an
/// infrastructure failure logged in full and worded "try again shortly" (503), never a 500.
async fn answer<T>(
    work: impl std::future::Future<Output = ServerResult<T>>,
) -> Result<T, AppError> {
    Ok(work.await?)
}
