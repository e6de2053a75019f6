//! API bearer tokens: made for a user, shown once, stored as a SHA-256, checked on every API
//! write, and audited.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    Set,
};
use serde_json::json;
use uuid::Uuid;

use super::users;
use crate::domain::CurrentUser;
use crate::server::entities::{api_token, user};
use crate::server::services::{ServiceError, Who, audit, now, random_hex, sha256_hex};

/// Every token starts with this, so a leaked one is easy to recognise in logs and scanners.
pub const PREFIX: &str = "ct_";

/// Makes a token for the account with `email` and returns it; it is never shown again.
///
/// # Errors
/// `NotFound` for an unknown or disabled account; `Db` if the database failed.
pub async fn create(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    who: &Who,
) -> Result<String, ServiceError> {
    let owner = user::Entity::find()
        .filter(user::Column::Email.eq(users::normalise_email(email)))
        .one(db)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| ServiceError::NotFound(format!("An active account for {email}")))?;
    let token = format!("{PREFIX}{}", random_hex(32));
    let txn = crate::server::services::begin_write(db).await?;
    let id = Uuid::now_v7();
    api_token::ActiveModel {
        id: Set(id),
        user_id: Set(owner.id),
        name: Set(name.trim().to_owned()),
        token_hash: Set(sha256_hex(token.as_bytes())),
        created_at: Set(now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
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
        Some(json!({"user": owner.email, "name": name})),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The account a bearer token acts for, if the token is live and the account active.
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
    if row.revoked_at.is_some() {
        return Ok(None);
    }
    let owner = users::find_active(db, row.user_id).await?;
    if owner.is_some() {
        let mut active = row.into_active_model();
        active.last_used_at = Set(Some(now()));
        active.update(db).await?;
    }
    Ok(owner)
}
