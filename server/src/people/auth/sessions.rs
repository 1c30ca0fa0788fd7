//! Server-side sessions. The browser holds a random token in an HttpOnly cookie; the database
//! holds only its SHA-256, the user and the expiry.

use crate::db::{now_ms, Db};
use crate::people::directory::{user_from_row, USER_COLUMNS};
use domain::session::SessionUser;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::time::Duration;

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Opens a session for `user_id` and returns its token (shown to the browser once).
pub async fn open(db: &Db, user_id: i64, ttl: Duration) -> sqlx::Result<String> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let now = now_ms();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + ttl.as_millis() as i64)
        .execute(&db.pool)
        .await?;
    Ok(token)
}

/// The user behind a token, if the session exists, has not expired and the user is active.
pub async fn lookup(db: &Db, token: &str) -> sqlx::Result<Option<SessionUser>> {
    // A token is 64 hex characters; anything else cannot be ours and needs no query.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS}
         FROM sessions t
         JOIN users s ON s.id = t.user_id
         JOIN units n ON n.id = s.unit_id
         WHERE t.token_hash = $1 AND t.expires_at > $2 AND s.active = 1"
    ))
    .bind(token_hash(token))
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| user_from_row(&row)).transpose()
}

pub async fn close(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired(db: &Db) -> sqlx::Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}
