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
    Ok(services::users::list(&auth::state()?.db).await?)
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
    let made = services::users::create_user(
        db,
        &email,
        &display_name,
        &password,
        role,
        &Who::user(&admin),
    )
    .await?;
    services::users::list(db)
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
    Ok(services::users::change(
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
    Ok(
        services::users::reset_password(&auth::state()?.db, id, &password, &Who::user(&admin))
            .await?,
    )
}

/// Invites someone: returns a one-time link for them to choose their password. A form posted
/// without JavaScript is sent back to the users page with the link to show it there.
#[server]
pub async fn invite_user(
    email: String,
    display_name: String,
    role: String,
) -> Result<crate::domain::InviteCreated, AppError> {
    use crate::domain::{InviteCreated, Role};
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let admin = auth::require(Role::Admin).await?;
    let role: Role = role
        .parse()
        .map_err(|_| AppError::invalid(format!("'{role}' is not a role")))?;
    let st = auth::state()?;
    let (invite, token) =
        services::invites::create(&st.db, &email, &display_name, role, &Who::user(&admin)).await?;
    if auth::plain_form_post() {
        leptos_axum::redirect(&format!("/admin/users?invite={token}"));
    }
    Ok(InviteCreated {
        link: format!("{}{}", st.site.url, services::invites::path(&token)),
        invite,
    })
}

/// The latest invitations, pending ones first.
#[server]
pub async fn list_invites() -> Result<Vec<crate::domain::InviteView>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Admin).await?;
    Ok(services::invites::list(&auth::state()?.db, 50).await?)
}

/// Withdraws a pending invitation.
#[server]
pub async fn revoke_invite(id: Uuid) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let admin = auth::require(Role::Admin).await?;
    Ok(services::invites::revoke(&auth::state()?.db, id, &Who::user(&admin)).await?)
}

/// The absolute link for an invitation token, for the page that shows it after a form post
/// without JavaScript.
#[server]
pub async fn invite_link(token: String) -> Result<String, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Admin).await?;
    if !services::invites::is_token(&token) {
        return Err(AppError::invalid("That is not an invitation token"));
    }
    Ok(format!(
        "{}{}",
        auth::state()?.site.url,
        services::invites::path(&token)
    ))
}

/// What an invitation link invites to; anyone holding the link may ask.
#[server]
pub async fn invite_info(token: String) -> Result<crate::domain::InviteInfo, AppError> {
    use crate::server::{auth, services};
    Ok(services::invites::info(&auth::state()?.db, &token).await?)
}

/// Accepts an invitation: makes the account, signs it in and opens the review queue.
#[server]
pub async fn accept_invite(
    token: String,
    display_name: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::server::{auth, services};
    let st = auth::state()?;
    let user =
        services::invites::accept(&st.db, &token, &display_name, &password, &confirm).await?;
    let session = services::sessions::create(&st.db, user.id).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(v) = http::HeaderValue::from_str(&auth::session_cookie(&session, st.secure_cookies)) {
        response.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect("/review");
    Ok(())
}
