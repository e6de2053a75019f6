//! Who is asking: the session cookie of the current request, resolved to a user, and the role
//! checks every server function starts with.

use http::HeaderMap;
use http::request::Parts;
use leptos::prelude::use_context;

use super::AppState;
use super::services::accounts::sessions;
use crate::domain::{CurrentUser, Role};
use crate::error::AppError;

pub const SESSION_COOKIE: &str = "ct_session";

/// The session token in a request's cookies.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The `Set-Cookie` value that starts a session: HttpOnly, SameSite=Lax, Secure when served over TLS.
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        sessions::ABSOLUTE.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends a session.
pub fn expired_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The application state, from the server function's context.
///
/// # Errors
/// `Internal` if the server was wired without it.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// The address the request came from, for throttling: the value of the trusted proxy's header
/// when the server is configured with one (`--client-ip-header`), else the peer's IP. Without
/// that setting forwarded headers are ignored, since anyone can write them; with it, the last
/// entry is taken, the one the proxy itself appended.
pub fn client_address() -> String {
    let header = use_context::<AppState>().and_then(|s| s.client_ip_header.clone());
    use_context::<Parts>()
        .and_then(|p| address_of(&p.headers, &p.extensions, header.as_ref()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The client address of a request (see `client_address`).
pub fn address_of(
    headers: &HeaderMap,
    extensions: &http::Extensions,
    trusted_header: Option<&http::HeaderName>,
) -> Option<String> {
    match trusted_header {
        Some(name) => headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
            .map(|v| v.chars().take(64).collect()),
        None => extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string()),
    }
}

/// Whether the request is a form sent from a page, which goes on to a page the server names:
/// posted without JavaScript (the browser asks for HTML, which is how Leptos itself decides to
/// send such a post back to its page), or sent by the page's form island, which says so in a
/// header and opens the page named in the answer's `Location`.
pub fn form_from_a_page() -> bool {
    use_context::<Parts>().is_some_and(|p| {
        p.headers
            .contains_key(crate::domain::addresses::FORM_HEADER)
            || p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}

/// For a form posted without JavaScript: sends the browser back to the page it came from with
/// `notice` in the address, so that page can say what was done (Leptos alone would return to the
/// page as it was, and the answer would be lost). A call from the page's wasm gets the answer
/// itself, so nothing is done then.
pub fn back_with_notice(fallback: &str, notice: &[(&str, &str)]) {
    if !form_from_a_page() {
        return;
    }
    let referer = use_context::<Parts>().and_then(|p| {
        p.headers
            .get(http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    leptos_axum::redirect(&crate::domain::addresses::back_with_notice(
        referer.as_deref(),
        fallback,
        notice,
    ));
}

/// The signed-in user of the current request, if any.
///
/// # Errors
/// `Internal` if the database failed.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let Some(parts) = use_context::<Parts>() else {
        return Ok(None);
    };
    let Some(token) = cookie_token(&parts.headers) else {
        return Ok(None);
    };
    let st = state()?;
    Ok(sessions::resolve(&st.db, &token).await?)
}

/// The signed-in user, if their role includes `role`.
///
/// # Errors
/// `Unauthenticated` for an anonymous visitor, `Forbidden` for a role below `role`.
pub async fn require(role: Role) -> Result<CurrentUser, AppError> {
    let parts = use_context::<Parts>().ok_or(AppError::Unauthenticated)?;
    require_session(&state()?.db, &parts.headers, role).await
}

/// The user a request's session cookie names, if their role includes `role`: `require` for
/// handlers outside Leptos.
///
/// # Errors
/// As `require`.
pub async fn require_session(
    db: &sea_orm::DatabaseConnection,
    headers: &HeaderMap,
    role: Role,
) -> Result<CurrentUser, AppError> {
    let token = cookie_token(headers).ok_or(AppError::Unauthenticated)?;
    let user = sessions::resolve(db, &token)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if user.role.includes(role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_among_other_cookies() {
        let mut h = HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            "a=1; ct_session=abc123; b=2".parse().expect("header"),
        );
        assert_eq!(cookie_token(&h).as_deref(), Some("abc123"));
        h.insert(
            http::header::COOKIE,
            "ct_sessionx=1".parse().expect("header"),
        );
        assert_eq!(cookie_token(&h), None);
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let c = session_cookie("t", true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!session_cookie("t", false).contains("Secure"));
    }
}
