//! API bearer tokens: made for a user, shown once, stored as a SHA-256, checked on every API
//! call, and audited. Every token expires (`DEFAULT_DAYS` unless told otherwise, at most
//! `MAX_DAYS`), can be revoked by its owner or an admin, and is revoked when an admin resets
//! the owner's password.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::users;
use crate::domain::{CurrentUser, TokenState, TokenView};
use crate::server::entities::{api_token, user};
use crate::server::services::{
    ServiceError, Who, audit, display_time, now, random_hex, sha256_hex,
};

/// Every token starts with this, so a leaked one is easy to recognise in logs and scanners.
pub const PREFIX: &str = "ct_";
/// How long a token works unless its maker says otherwise.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest a token may work.
pub const MAX_DAYS: i64 = 366;

/// Makes a token for the account with `email`, working for `days`, and returns it; it is never
/// shown again.
///
/// # Errors
/// `NotFound` for an unknown or disabled account; `Invalid` for a lifetime out of range; `Db`.
pub async fn create(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    days: i64,
    who: &Who,
) -> Result<String, ServiceError> {
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(ServiceError::invalid(format!(
            "A token works for 1 to {MAX_DAYS} days"
        )));
    }
    let owner = user::Entity::find()
        .filter(user::Column::Email.eq(users::normalise_email(email)))
        .one(db)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| ServiceError::NotFound(format!("An active account for {email}")))?;
    let token = format!("{PREFIX}{}", random_hex(32));
    let txn = crate::server::services::begin_write(db).await?;
    let id = Uuid::now_v7();
    let t = now();
    let expires_at = t + Duration::days(days);
    api_token::ActiveModel {
        id: Set(id),
        user_id: Set(owner.id),
        name: Set(name.trim().chars().take(100).collect()),
        token_hash: Set(sha256_hex(token.as_bytes())),
        created_at: Set(t),
        last_used_at: Set(None),
        revoked_at: Set(None),
        expires_at: Set(Some(expires_at)),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        who,
        "token.create",
        "api_token",
        id,
        None,
        Some(json!({"user": owner.email, "name": name, "expires_at": display_time(expires_at)})),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The account a bearer token acts for, if the token is live (not revoked, not expired) and the
/// account active.
///
/// # Errors
/// `Db` if the database failed.
pub async fn resolve(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<CurrentUser>, ServiceError> {
    if !token.starts_with(PREFIX) || token.len() > 128 {
        return Ok(None);
    }
    let Some(row) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(sha256_hex(token.as_bytes())))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let t = now();
    // A token made before tokens expired has none: it is treated as made to expire after
    // the default lifetime.
    let expires_at = row
        .expires_at
        .unwrap_or(row.created_at + Duration::days(DEFAULT_DAYS));
    if row.revoked_at.is_some() || t >= expires_at {
        return Ok(None);
    }
    let owner = users::find_active(db, row.user_id).await?;
    // The last use is kept to the minute, so a busy client does not write on every call.
    if owner.is_some()
        && row
            .last_used_at
            .is_none_or(|u| t - u >= Duration::minutes(1))
    {
        let mut active = row.into_active_model();
        active.last_used_at = Set(Some(t));
        active.update(db).await?;
    }
    Ok(owner)
}

fn state(row: &api_token::Model, t: chrono::DateTime<chrono::Utc>) -> TokenState {
    let expires_at = row
        .expires_at
        .unwrap_or(row.created_at + Duration::days(DEFAULT_DAYS));
    if row.revoked_at.is_some() {
        TokenState::Revoked
    } else if t >= expires_at {
        TokenState::Expired
    } else {
        TokenState::Active
    }
}

/// The tokens of one account (`Some(user)`) or of everyone (`None`), newest first.
///
/// # Errors
/// `Db`.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    owner: Option<Uuid>,
) -> Result<Vec<TokenView>, ServiceError> {
    let mut q = api_token::Entity::find().order_by_desc(api_token::Column::Id);
    if let Some(id) = owner {
        q = q.filter(api_token::Column::UserId.eq(id));
    }
    let rows = q.all(db).await?;
    let owners: std::collections::HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let t = now();
    Ok(rows
        .iter()
        .map(|r| TokenView {
            id: r.id,
            name: r.name.clone(),
            owner: owners.get(&r.user_id).cloned().unwrap_or_default(),
            created_at: display_time(r.created_at),
            last_used_at: r.last_used_at.map(display_time),
            expires_at: display_time(
                r.expires_at
                    .unwrap_or(r.created_at + Duration::days(DEFAULT_DAYS)),
            ),
            state: state(r, t),
        })
        .collect())
}

/// Revokes a token. `owner` limits it to that account's tokens (a user revoking their own);
/// `None` is an admin, who may revoke any.
///
/// # Errors
/// `NotFound` for an unknown token or one of another account; `Db`.
pub async fn revoke(
    db: &DatabaseConnection,
    id: Uuid,
    owner: Option<Uuid>,
    who: &Who,
) -> Result<(), ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let row = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|r| owner.is_none_or(|o| o == r.user_id))
        .ok_or_else(|| ServiceError::NotFound("That token".into()))?;
    if row.revoked_at.is_none() {
        let t = now();
        let mut active = row.clone().into_active_model();
        active.revoked_at = Set(Some(t));
        active.update(&txn).await?;
        audit::record(
            &txn,
            who,
            "token.revoke",
            "api_token",
            id,
            None,
            Some(json!({"name": row.name})),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Revokes every live token of an account, in the caller's transaction; returns how many.
///
/// # Errors
/// `Db`.
pub async fn revoke_all_of<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<u64, ServiceError> {
    Ok(api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(now()))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}
