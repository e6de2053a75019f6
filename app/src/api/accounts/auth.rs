//! Signing in and out.

use leptos::prelude::*;

use crate::domain::CurrentUser;
use crate::error::AppError;

/// The signed-in user, or `None` for an anonymous visitor.
#[server]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::server::auth::current_user().await
}

/// Checks the credentials (counting the attempt first, and refusing after repeated attempts for
/// the account or the address), starts a new session (a fresh id, so a planted cookie is
/// useless) and goes to `next` if it stays on this site, or the home page.
#[server]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::{auth, services};
    let st = auth::state()?;
    let address = auth::client_address();
    let attempt = services::accounts::signin::begin(&st.db, &email, &address).await?;
    let user = match services::accounts::users::authenticate(&st.db, &email, &password).await {
        Ok(user) => user,
        // The password was never checked: the attempt does not count.
        Err(e @ services::ServiceError::TooMany { .. }) => {
            services::accounts::signin::give_back(&st.db, attempt).await?;
            return Err(e.into());
        }
        Err(e) => {
            services::accounts::signin::settle(&st.db, attempt, false).await?;
            return Err(e.into());
        }
    };
    services::accounts::signin::settle(&st.db, attempt, true).await?;
    // End whatever session the browser brought, then start a new one.
    if let Some(parts) = use_context::<http::request::Parts>()
        && let Some(old) = auth::cookie_token(&parts.headers)
    {
        services::accounts::sessions::end(&st.db, &old).await?;
    }
    let token = services::accounts::sessions::create(&st.db, user.id).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(v) = http::HeaderValue::from_str(&auth::session_cookie(&token, st.secure_cookies)) {
        response.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect(&crate::domain::addresses::safe_next(next.as_deref()));
    Ok(())
}

/// Ends the session.
#[server]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, services};
    let st = auth::state()?;
    if let Some(parts) = use_context::<http::request::Parts>()
        && let Some(token) = auth::cookie_token(&parts.headers)
    {
        services::accounts::sessions::end(&st.db, &token).await?;
    }
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(v) = http::HeaderValue::from_str(&auth::expired_cookie(st.secure_cookies)) {
        response.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect("/");
    Ok(())
}
