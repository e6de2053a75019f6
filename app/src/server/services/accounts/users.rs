//! Accounts: creating them with an argon2id password hash, and checking a sign-in.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::{CurrentUser, Role, UserRef, UserSummary};
use crate::server::entities::user;
use crate::server::services::{ServiceError, Who, audit, now};

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Normalises an email for lookup and uniqueness.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub(crate) fn view(u: &user::Model) -> Result<CurrentUser, ServiceError> {
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

/// Hashes a password with argon2id in the hashing pool (it takes tens of milliseconds and
/// 19 MiB by design, so only a few run at once).
///
/// # Errors
/// `TooMany` when the pool is full; `Internal` if hashing failed.
pub async fn hash_password(password: String) -> Result<String, ServiceError> {
    crate::server::work::hashing()
        .run(move || {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| ServiceError::Internal(format!("argon2: {e}")))
        })
        .await?
}

/// Whether `password` matches `hash`, checked in the hashing pool.
async fn password_matches(password: String, hash: String) -> Result<bool, ServiceError> {
    Ok(crate::server::work::hashing()
        .run(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await?)
}

/// Checks a new account's email and display name; returns them normalised.
///
/// # Errors
/// `Invalid` for a malformed email or an empty or overlong name.
pub fn check_identity(email: &str, display_name: &str) -> Result<(String, String), ServiceError> {
    let email = normalise_email(email);
    let at = email.find('@');
    if at.is_none_or(|i| i == 0 || i + 1 >= email.len())
        || email.contains(char::is_whitespace)
        || email.chars().count() > 254
    {
        return Err(ServiceError::invalid(format!(
            "'{email}' is not an email address"
        )));
    }
    let display_name = display_name.trim();
    if display_name.is_empty() {
        return Err(ServiceError::invalid("A display name is required"));
    }
    if display_name.chars().count() > 100 {
        return Err(ServiceError::invalid(
            "The display name must have at most 100 characters",
        ));
    }
    Ok((email, display_name.to_owned()))
}

/// Checks a new password's length.
///
/// # Errors
/// `Invalid` for a password that is too short.
pub fn check_password(password: &str) -> Result<(), ServiceError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ServiceError::invalid(format!(
            "The password must have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    Ok(())
}

/// Inserts a checked account in the caller's transaction and audits it.
///
/// # Errors
/// `Conflict` if the email is taken; `Db`.
pub async fn insert_account<C: ConnectionTrait>(
    txn: &C,
    id: Uuid,
    (email, display_name): (String, String),
    password_hash: String,
    role: Role,
    who: &Who,
) -> Result<user::Model, ServiceError> {
    if user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .count(txn)
        .await?
        > 0
    {
        return Err(ServiceError::Conflict(format!(
            "An account for {email} already exists"
        )));
    }
    let t = now();
    let model = user::ActiveModel {
        id: Set(id),
        email: Set(email.clone()),
        display_name: Set(display_name.clone()),
        password_hash: Set(password_hash),
        role: Set(role.as_str().to_owned()),
        disabled: Set(false),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(txn)
    .await?;
    // The hash never enters the audit trail.
    audit::record(
        txn,
        who,
        "user.create",
        "user",
        model.id,
        None,
        Some(json!({"email": email, "display_name": display_name, "role": role.as_str()})),
    )
    .await?;
    Ok(model)
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
    let identity = check_identity(email, display_name)?;
    check_password(password)?;
    let hash = hash_password(password.to_owned()).await?;
    let txn = crate::server::services::begin_write(db).await?;
    let model = insert_account(&txn, Uuid::now_v7(), identity, hash, role, who).await?;
    txn.commit().await?;
    view(&model)
}

/// Checks an email and password. Unknown emails cost the same time as wrong passwords, so the
/// answer does not reveal which accounts exist.
///
/// # Errors
/// `Invalid` with one message for every kind of refusal; `TooMany` when the hashing pool is
/// full; `Db` if the database failed.
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
        hash_password(password.to_owned()).await?;
        return Err(ServiceError::invalid(REFUSED));
    };
    if !password_matches(password.to_owned(), u.password_hash.clone()).await? || u.disabled {
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

/// The account with this email, active or not.
///
/// # Errors
/// `Db` if the database failed.
pub async fn find_by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<CurrentUser>, ServiceError> {
    match user::Entity::find()
        .filter(user::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?
    {
        Some(u) => view(&u).map(Some),
        None => Ok(None),
    }
}

/// How many accounts exist.
///
/// # Errors
/// `Db` if the database failed.
pub async fn count<C: ConnectionTrait>(db: &C) -> Result<u64, ServiceError> {
    Ok(user::Entity::find().count(db).await?)
}

/// Sets a new password (an admin resetting a forgotten one), ends the account's sessions,
/// revokes its API tokens and clears its sign-in throttle.
///
/// # Errors
/// `Invalid` for a short password; `NotFound`; `Db`.
pub async fn reset_password(
    db: &DatabaseConnection,
    id: Uuid,
    password: &str,
    who: &Who,
) -> Result<(), ServiceError> {
    check_password(password)?;
    let hash = hash_password(password.to_owned()).await?;
    let txn = crate::server::services::begin_write(db).await?;
    let current = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That account".into()))?;
    let email = current.email.clone();
    let mut model: user::ActiveModel = current.into();
    model.password_hash = Set(hash);
    model.updated_at = Set(now());
    model.update(&txn).await?;
    crate::server::entities::session::Entity::delete_many()
        .filter(crate::server::entities::session::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    // Whoever knew the old password may have made tokens with it: they stop working too.
    let tokens_revoked = super::tokens::revoke_all_of(&txn, id).await?;
    // The account's owner can sign in with the new password at once.
    super::signin::clear_account(&txn, &email).await?;
    // The password itself never enters the trail.
    audit::record(
        &txn,
        who,
        "user.reset_password",
        "user",
        id,
        None,
        Some(json!({"sessions_ended": true, "tokens_revoked": tokens_revoked})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Names for user ids, for the review screens. Unknown ids are left out.
///
/// # Errors
/// `Db` if the database failed.
pub async fn refs<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<std::collections::HashMap<Uuid, UserRef>, ServiceError> {
    let ids: Vec<Uuid> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.id,
                UserRef {
                    id: u.id,
                    name: u.display_name,
                },
            )
        })
        .collect())
}

fn summary(u: &user::Model) -> Result<UserSummary, ServiceError> {
    Ok(UserSummary {
        id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        role: u.role.parse()?,
        disabled: u.disabled,
        created_at: crate::server::services::display_time(u.created_at),
    })
}

/// Every account, admins first, then by name.
///
/// # Errors
/// `Db` if the database failed.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<UserSummary>, ServiceError> {
    let mut all = user::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(summary)
        .collect::<Result<Vec<_>, _>>()?;
    all.sort_by(|a, b| {
        b.role.cmp(&a.role).then_with(|| {
            a.display_name
                .to_lowercase()
                .cmp(&b.display_name.to_lowercase())
        })
    });
    Ok(all)
}

/// Changes an account's role or disables/enables it, keeping at least one active admin.
/// Disabling an account ends its sessions at once.
///
/// # Errors
/// `NotFound`; `Invalid` if the change would leave no active admin; `Db`.
pub async fn change(
    db: &DatabaseConnection,
    id: Uuid,
    role: Role,
    disabled: bool,
    who: &Who,
) -> Result<UserSummary, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let current = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That account".into()))?;
    let was_admin = current.role == Role::Admin.as_str() && !current.disabled;
    let stays_admin = role == Role::Admin && !disabled;
    if was_admin && !stays_admin {
        let other_admins = user::Entity::find()
            .filter(user::Column::Role.eq(Role::Admin.as_str()))
            .filter(user::Column::Disabled.eq(false))
            .filter(user::Column::Id.ne(id))
            .count(&txn)
            .await?;
        if other_admins == 0 {
            return Err(ServiceError::invalid(
                "This is the last active admin: make another account admin first",
            ));
        }
    }
    let before = json!({"role": current.role, "disabled": current.disabled});
    let mut model: user::ActiveModel = current.into();
    model.role = Set(role.as_str().to_owned());
    model.disabled = Set(disabled);
    model.updated_at = Set(now());
    let updated = model.update(&txn).await?;
    if disabled {
        crate::server::entities::session::Entity::delete_many()
            .filter(crate::server::entities::session::Column::UserId.eq(id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        who,
        "user.change",
        "user",
        id,
        Some(before),
        Some(json!({"role": updated.role, "disabled": updated.disabled})),
    )
    .await?;
    txn.commit().await?;
    summary(&updated)
}
