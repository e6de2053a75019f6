//! The application state every request handler and server function can reach.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Whether cookies carry `Secure` (the site is served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// How the public site names and addresses itself.
    pub site: Site,
    /// The header a trusted reverse proxy puts the client's address in (`X-Forwarded-For`),
    /// if the server is deployed behind one; `None` uses the peer address.
    pub client_ip_header: Option<http::HeaderName>,
    /// How many anonymous extraction requests one address may make a minute (also the burst).
    pub extract_per_minute: u32,
    /// The index of known fact-checks, kept current from the database.
    pub matcher: crate::server::services::matching::Matcher,
}

/// The public site's address and publisher, for canonical links, ClaimReview and feeds.
#[derive(Clone, Debug)]
pub struct Site {
    /// Without a trailing slash, e.g. `https://factcheck.example.org`.
    pub url: String,
    /// The organisation that publishes the fact-checks.
    pub name: String,
}
