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
