//! Accounts and roles, for admins.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::UserSummary;
use crate::error::AppError;

/// Every account.
#[server]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Admin).await?;
    Ok(services::accounts::users::list(&auth::state()?.db).await?)
}

/// Creates an account with a first password, which its owner should change.
#[server]
pub async fn create_user(
    email: String,
    display_name: String,
    role: String,
    password: String,
) -> Result<UserSummary, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let admin = auth::require(Role::Admin).await?;
    let role: Role = role
        .parse()
        .map_err(|_| AppError::invalid(format!("'{role}' is not a role")))?;
    let db = &auth::state()?.db;
    let made = services::accounts::users::create_user(
        db,
        &email,
        &display_name,
        &password,
        role,
        &Who::user(&admin),
    )
    .await?;
    auth::back_with_notice("/admin/users", &[("created", &made.id.to_string())]);
    services::accounts::users::list(db)
        .await?
        .into_iter()
        .find(|u| u.id == made.id)
        .ok_or(AppError::Internal)
}

/// Changes an account's role and whether it is disabled. The last active admin stays.
#[server]
pub async fn change_user(
    id: Uuid,
    role: String,
    disabled: Option<String>,
) -> Result<UserSummary, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let admin = auth::require(Role::Admin).await?;
    let role: Role = role
        .parse()
        .map_err(|_| AppError::invalid(format!("'{role}' is not a role")))?;
    Ok(services::accounts::users::change(
        &auth::state()?.db,
        id,
        role,
        disabled.is_some(),
        &Who::user(&admin),
    )
    .await?)
}

/// Sets a new password for an account and signs it out everywhere.
#[server]
pub async fn reset_password(id: Uuid, password: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let admin = auth::require(Role::Admin).await?;
    services::accounts::users::reset_password(
        &auth::state()?.db,
        id,
        &password,
        &Who::user(&admin),
    )
    .await?;
    auth::back_with_notice("/admin/users", &[("reset", &id.to_string())]);
    Ok(())
}
