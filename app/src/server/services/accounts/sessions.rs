//! Server-side sessions. The browser holds a random token; the database holds only its SHA-256,
//! with idle and absolute expiry.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use uuid::Uuid;

use super::users;
use crate::domain::CurrentUser;
use crate::server::entities::session;
use crate::server::services::{ServiceError, now, random_hex, sha256_hex};

/// A session ends after this long without a request...
pub const IDLE: Duration = Duration::hours(12);
/// ...and in any case this long after sign-in.
pub const ABSOLUTE: Duration = Duration::days(7);

/// Starts a session for `user_id` and returns the token for the cookie.
///
/// # Errors
/// `Db` if the database failed.
pub async fn create<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<String, ServiceError> {
    let token = random_hex(32);
    let t = now();
    session::ActiveModel {
        token_hash: Set(sha256_hex(token.as_bytes())),
        user_id: Set(user_id),
        csrf_token: Set(random_hex(32)),
        created_at: Set(t),
        last_seen_at: Set(t),
        expires_at: Set(t + ABSOLUTE),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The signed-in user for a cookie token, if the session is live. Refreshes the idle clock at
/// most once a minute, so reads do not become writes.
///
/// # Errors
/// `Db` if the database failed.
pub async fn resolve<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<CurrentUser>, ServiceError> {
    let Some(s) = session::Entity::find_by_id(sha256_hex(token.as_bytes()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let t = now();
    if t >= s.expires_at || t - s.last_seen_at >= IDLE {
        session::Entity::delete_by_id(s.token_hash).exec(db).await?;
        return Ok(None);
    }
    let user = users::find_active(db, s.user_id).await?;
    if user.is_some() && t - s.last_seen_at >= Duration::minutes(1) {
        let mut active = s.into_active_model();
        active.last_seen_at = Set(t);
        active.update(db).await?;
    }
    Ok(user)
}

/// Ends a session.
///
/// # Errors
/// `Db` if the database failed.
pub async fn end<C: ConnectionTrait>(db: &C, token: &str) -> Result<(), ServiceError> {
    session::Entity::delete_by_id(sha256_hex(token.as_bytes()))
        .exec(db)
        .await?;
    Ok(())
}
