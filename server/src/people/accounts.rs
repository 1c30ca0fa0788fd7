//! Accounts an office runs (`app::api::accounts`; docs/security.md "Accounts"). Each change an
//! administrator makes is written to the audit log in the transaction that makes it, so the log
//! holds exactly what was done. Administrators manage only the users of their own subtree.

use crate::audit::{self, Entry};
use crate::db::{now_ms, Db};
use crate::error::ServerResult;
use crate::people::directory::{self, user_from_row, SUBTREE_CTE, USER_COLUMNS};
use crate::people::password::{self, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use app::api::accounts::{Account, AccountChange, AccountChanged};
use app::error::AppError;
use domain::audit::AuditAction;
use domain::problem::Problem;
use domain::session::SessionUser;
use rand::Rng;
use sqlx::{Any, Row, Transaction};

const ACCOUNT_COLUMNS: &str = "s.active, s.handles_sensitive";

fn account_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Account> {
    let user = user_from_row(row)?;
    Ok(Account {
        must_change_password: user.must_change_password,
        user,
        active: row.try_get::<i64, _>("active")? == 1,
        handles_sensitive: row.try_get::<i64, _>("handles_sensitive")? == 1,
    })
}

/// Every user of `root`'s subtree, disabled ones included, by unit.
pub async fn in_subtree(db: &Db, root: i64) -> sqlx::Result<Vec<Account>> {
    let rows = sqlx::query(&format!(
        "{SUBTREE_CTE} SELECT {USER_COLUMNS}, {ACCOUNT_COLUMNS}
         FROM users s JOIN units n ON n.id = s.unit_id
         WHERE s.unit_id IN (SELECT id FROM sub) ORDER BY s.unit_id, s.id"
    ))
    .bind(root)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(account_from_row).collect()
}

async fn account<'e, E>(executor: E, user_id: i64) -> sqlx::Result<Option<Account>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS}, {ACCOUNT_COLUMNS}
         FROM users s JOIN units n ON n.id = s.unit_id WHERE s.id = $1"
    ))
    .bind(user_id)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// Makes `change` to the account `user_id`, which must be in the administrator's subtree (a user
/// elsewhere is not found, as one that does not exist).
pub async fn change(
    db: &Db,
    admin: &SessionUser,
    user_id: i64,
    change: AccountChange,
) -> ServerResult<AccountChanged> {
    let target = account(&db.pool, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !directory::is_within(db, admin.unit_id, target.user.unit_id).await? {
        return Err(AppError::NotFound.into());
    }
    // An administrator who locked themselves out would need another to let them back in.
    if user_id == admin.id && !matches!(change, AccountChange::SensitivePermission { .. }) {
        return Err(AppError::invalid("user_id", Problem::OwnAccount).into());
    }
    // Hashing is slow: done before the transaction opens.
    let one_time = match change {
        AccountChange::ResetPassword => Some(one_time_password()),
        _ => None,
    };
    let one_time_hash = match &one_time {
        Some(p) => Some(password::hash(p.clone()).await?),
        None => None,
    };
    let now = now_ms();
    let mut tx = db.pool.begin().await?;
    let (action, detail) = match &change {
        AccountChange::Disable => {
            set(&mut tx, "active = 0", user_id).await?;
            end_sessions(&mut tx, user_id).await?;
            (AuditAction::UserDisabled, None)
        }
        AccountChange::Enable => {
            set(&mut tx, "active = 1", user_id).await?;
            (AuditAction::UserEnabled, None)
        }
        AccountChange::ResetPassword => {
            sqlx::query(
                "UPDATE users SET password_hash = $1, must_change_password = 1 WHERE id = $2",
            )
            .bind(one_time_hash.as_deref())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            end_sessions(&mut tx, user_id).await?;
            (AuditAction::PasswordReset, None)
        }
        AccountChange::EndSessions => {
            let ended = end_sessions(&mut tx, user_id).await?;
            (AuditAction::SessionsEnded, Some(ended.to_string()))
        }
        AccountChange::Move { unit_id, role } => {
            let unit = directory::unit(db, *unit_id)
                .await?
                .ok_or(AppError::invalid("unit_id", Problem::UnknownValue))?;
            if !directory::is_within(db, admin.unit_id, unit.id).await? {
                return Err(AppError::invalid("unit_id", Problem::UnknownValue).into());
            }
            if !role.fits_unit(unit.kind) {
                return Err(AppError::invalid("role", Problem::RoleDoesNotFitUnit).into());
            }
            sqlx::query("UPDATE users SET unit_id = $1, role = $2 WHERE id = $3")
                .bind(unit.id)
                .bind(role.code())
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            // Their devices hold the old unit's cases: a fresh sign-in pulls the new ones.
            end_sessions(&mut tx, user_id).await?;
            let from = format!("{} · {}", target.user.unit_name, target.user.role.code());
            let to = format!("{} · {}", unit.name, role.code());
            (AuditAction::UserMoved, Some(format!("{from} → {to}")))
        }
        AccountChange::SensitivePermission { granted } => {
            set(
                &mut tx,
                if *granted {
                    "handles_sensitive = 1"
                } else {
                    "handles_sensitive = 0"
                },
                user_id,
            )
            .await?;
            let action = if *granted {
                AuditAction::SensitiveGranted
            } else {
                AuditAction::SensitiveRevoked
            };
            (action, None)
        }
    };
    let entry = Entry {
        action,
        actor_id: Some(admin.id),
        user_id: Some(user_id),
        case_id: None,
        detail: detail.as_deref(),
    };
    audit::write(&mut *tx, &entry, now).await?;
    let account = account(&mut *tx, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    tracing::info!(
        by = admin.username,
        user = account.user.username,
        action = action.code(),
        "account changed"
    );
    Ok(AccountChanged {
        action,
        account,
        one_time_password: one_time,
    })
}

/// `assignment` is one of the fixed `column = value` strings above, never a person's input.
async fn set(
    tx: &mut Transaction<'static, Any>,
    assignment: &str,
    user_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(&format!("UPDATE users SET {assignment} WHERE id = $1"))
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Signs the user out everywhere; returns how many sessions were open.
async fn end_sessions(tx: &mut Transaction<'static, Any>, user_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Ten characters a person reads aloud over the phone without confusion (no 0/o, 1/l/i).
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut rng = rand::rngs::OsRng;
    (0..10)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// The password rules, checked before anything is hashed: long enough, not too long, not the
/// username, typed the same twice.
pub fn check_new_password(
    username: &str,
    new_password: &str,
    repeat: &str,
) -> Result<(), AppError> {
    let chars = new_password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid("new_password", Problem::TooShort));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AppError::invalid("new_password", Problem::TooLong));
    }
    if new_password.trim().eq_ignore_ascii_case(username) {
        return Err(AppError::invalid("new_password", Problem::SameAsUsername));
    }
    if new_password != repeat {
        return Err(AppError::invalid("repeat", Problem::Mismatch));
    }
    Ok(())
}

/// A user chooses a new password, proving they know the current one (or the one-time one).
/// Their other sessions end: a phone someone else holds is signed out.
pub async fn change_own_password(
    db: &Db,
    user: &SessionUser,
    current: String,
    new_password: String,
    repeat: String,
    keep_session: &str,
) -> ServerResult<()> {
    check_new_password(&user.username, &new_password, &repeat)?;
    let stored: Option<String> = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_optional(&db.pool)
        .await?
        .map(|row| row.try_get("password_hash"))
        .transpose()?;
    if !password::verify(current.clone(), stored).await? {
        return Err(AppError::invalid("current", Problem::Incorrect).into());
    }
    if current == new_password {
        return Err(AppError::invalid("new_password", Problem::SameAsBefore).into());
    }
    let hash = password::hash(new_password).await?;
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
        .bind(&hash)
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user.id)
        .bind(crate::people::auth::sessions::token_hash(keep_session))
        .execute(&mut *tx)
        .await?;
    let entry = Entry {
        action: AuditAction::PasswordChanged,
        actor_id: Some(user.id),
        user_id: Some(user.id),
        case_id: None,
        detail: None,
    };
    audit::write(&mut *tx, &entry, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_are_ten_unambiguous_characters() {
        let p = one_time_password();
        assert_eq!(p.chars().count(), 10);
        assert!(!p.contains(['0', 'o', '1', 'l', 'i']));
        assert_ne!(p, one_time_password());
    }

    #[test]
    fn password_rules_name_the_field_at_fault() {
        let field = |r: Result<(), AppError>| match r {
            Err(AppError::Invalid { field, problem }) => (field, problem),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(check_new_password("grid", "short", "short")),
            ("new_password".into(), Problem::TooShort)
        );
        assert_eq!(
            field(check_new_password("gridworker", "GridWorker", "GridWorker")),
            ("new_password".into(), Problem::SameAsUsername)
        );
        assert_eq!(
            field(check_new_password(
                "grid",
                "长一点的新密码2026",
                "长一点的新密码2027"
            )),
            ("repeat".into(), Problem::Mismatch)
        );
        assert!(check_new_password("grid", "长一点的新密码2026", "长一点的新密码2026").is_ok());
    }
}
