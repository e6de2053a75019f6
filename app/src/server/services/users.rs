//! Accounts: creating them with an argon2id password hash, and checking a sign-in.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::{ServiceError, Who, audit, now};
use crate::domain::{CurrentUser, Role};
use crate::server::entities::user;

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Normalises an email for lookup and uniqueness.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn view(u: &user::Model) -> Result<CurrentUser, ServiceError> {
    Ok(CurrentUser {
        id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        role: u
            .role
            .parse()
            .map_err(|e: crate::domain::UnknownValue| ServiceError::Internal(e.to_string()))?,
    })
}

/// Hashes a password with argon2id on a blocking thread (it takes tens of milliseconds by design).
///
/// # Errors
/// `Internal` if hashing failed or its thread panicked.
pub async fn hash_password(password: String) -> Result<String, ServiceError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hashing task: {e}")))?
}

async fn password_matches(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// Creates an account.
///
/// # Errors
/// `Invalid` for a malformed email, a short password or an empty name; `Conflict` if the email
/// is taken; `Db` otherwise.
pub async fn create_user(
    db: &DatabaseConnection,
    email: &str,
    display_name: &str,
    password: &str,
    role: Role,
    who: &Who,
) -> Result<CurrentUser, ServiceError> {
    let email = normalise_email(email);
    let at = email.find('@');
    if at.is_none_or(|i| i == 0 || i + 1 >= email.len()) || email.contains(char::is_whitespace) {
        return Err(ServiceError::invalid(format!(
            "'{email}' is not an email address"
        )));
    }
    let display_name = display_name.trim();
    if display_name.is_empty() {
        return Err(ServiceError::invalid("A display name is required"));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ServiceError::invalid(format!(
            "The password must have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    let hash = hash_password(password.to_owned()).await?;
    let txn = super::begin_write(db).await?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .count(&txn)
        .await?
        > 0
    {
        return Err(ServiceError::Conflict(format!(
            "An account for {email} already exists"
        )));
    }
    let t = now();
    let model = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.clone()),
        display_name: Set(display_name.to_owned()),
        password_hash: Set(hash),
        role: Set(role.as_str().to_owned()),
        disabled: Set(false),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(&txn)
    .await?;
    // The hash never enters the audit trail.
    audit::record(
        &txn,
        who,
        "user.create",
        "user",
        model.id,
        None,
        Some(json!({"email": email, "display_name": display_name, "role": role.as_str()})),
    )
    .await?;
    txn.commit().await?;
    view(&model)
}

/// Checks an email and password. Unknown emails cost the same time as wrong passwords, so the
/// answer does not reveal which accounts exist.
///
/// # Errors
/// `Invalid` with one message for every kind of refusal; `Db` if the database failed.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    email: &str,
    password: &str,
) -> Result<CurrentUser, ServiceError> {
    const REFUSED: &str = "That email and password do not match an active account.";
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?;
    let Some(u) = found else {
        // A hash of a throwaway value, so timing matches a real check.
        let _ = hash_password(password.to_owned()).await;
        return Err(ServiceError::invalid(REFUSED));
    };
    if !password_matches(password.to_owned(), u.password_hash.clone()).await || u.disabled {
        return Err(ServiceError::invalid(REFUSED));
    }
    view(&u)
}

/// The user with this id, if the account exists and is active.
///
/// # Errors
/// `Db` if the database failed.
pub async fn find_active<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<Option<CurrentUser>, ServiceError> {
    match user::Entity::find_by_id(id).one(db).await? {
        Some(u) if !u.disabled => view(&u).map(Some),
        _ => Ok(None),
    }
}

/// How many accounts exist.
///
/// # Errors
/// `Db` if the database failed.
pub async fn count<C: ConnectionTrait>(db: &C) -> Result<u64, ServiceError> {
    Ok(user::Entity::find().count(db).await?)
}
