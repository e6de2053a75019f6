//! Invitations: an admin invites someone by a one-time link; the invitee opens it and chooses
//! a password.

use leptos::prelude::*;
use uuid::Uuid;

use crate::error::AppError;

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
    let (invite, token) = services::accounts::invites::create(
        &st.db,
        &email,
        &display_name,
        role,
        &Who::user(&admin),
    )
    .await?;
    if auth::form_from_a_page() {
        leptos_axum::redirect(&format!("/admin/users?invite={token}"));
    }
    Ok(InviteCreated {
        link: format!(
            "{}{}",
            st.site.url,
            services::accounts::invites::path(&token)
        ),
        invite,
    })
}

/// The latest invitations, pending ones first.
#[server]
pub async fn list_invites() -> Result<Vec<crate::domain::InviteView>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Admin).await?;
    Ok(services::accounts::invites::list(&auth::state()?.db, 50).await?)
}

/// Withdraws a pending invitation.
#[server]
pub async fn revoke_invite(id: Uuid) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let admin = auth::require(Role::Admin).await?;
    Ok(services::accounts::invites::revoke(&auth::state()?.db, id, &Who::user(&admin)).await?)
}

/// The absolute link for an invitation token, for the page that shows it after a form post
/// without JavaScript.
#[server]
pub async fn invite_link(token: String) -> Result<String, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Admin).await?;
    if !services::accounts::invites::is_token(&token) {
        return Err(AppError::invalid("That is not an invitation token"));
    }
    Ok(format!(
        "{}{}",
        auth::state()?.site.url,
        services::accounts::invites::path(&token)
    ))
}

/// What an invitation link invites to; anyone holding the link may ask.
#[server]
pub async fn invite_info(token: String) -> Result<crate::domain::InviteInfo, AppError> {
    use crate::server::{auth, services};
    Ok(services::accounts::invites::info(&auth::state()?.db, &token).await?)
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
        services::accounts::invites::accept(&st.db, &token, &display_name, &password, &confirm)
            .await?;
    let session = services::accounts::sessions::create(&st.db, user.id).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(v) = http::HeaderValue::from_str(&auth::session_cookie(&session, st.secure_cookies)) {
        response.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect("/review");
    Ok(())
}
