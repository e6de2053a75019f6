//! The HTTP surface: the Leptos pages and server functions, the JSON API, health, static files,
//! and the middleware every response passes through.

mod api;
mod health;
mod middleware;
mod public;
mod static_files;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use app::server::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The largest request body accepted. Form encoding can triple a 2 MB article, so this leaves
/// room for it; services still enforce the 2 MB text limit with a specific message.
pub const MAX_REQUEST_BYTES: usize = 8 * 1024 * 1024;

/// What this server's background jobs are doing, for `/healthz`.
#[derive(Clone, Default)]
pub struct Jobs {
    /// Whether this server is the one folding the dashboard's tallies.
    pub folding: Arc<AtomicBool>,
}

/// The application's page routes, listed once per process. Listing them renders the app with
/// resource loading switched off process-wide (a global flag in Leptos), so a page rendering on
/// another thread at that moment would wait forever for its data (leptos#4773). Servers build
/// one router, but tests build many side by side.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as one router (without background jobs: tests).
pub fn router(state: AppState) -> Router {
    router_with_jobs(state, Jobs::default())
}

/// The whole application as one router, reporting `jobs` in `/healthz`.
pub fn router_with_jobs(state: AppState, jobs: Jobs) -> Router {
    let routes = page_routes();
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let secure = state.secure_cookies;
    let pages = public::PageCache::new();
    let exports = public::Exports::default();
    Router::new()
        .route(
            "/healthz",
            get(health::healthz).layer(axum::Extension(jobs)),
        )
        .nest("/api/v1", api::router(state.extract_per_minute))
        .route(
            "/claims.csv",
            get(public::csv_export).layer(axum::Extension(exports.clone())),
        )
        .route(
            "/feeds/claimreview.json",
            get(public::feed).layer(axum::Extension(exports)),
        )
        .route("/claims/{slug}/embed", get(public::embed))
        .route("/claims/{slug}/sources/{id}", get(public::archived_copy))
        .route(
            "/review/sources/{id}/copy",
            get(public::staff_archived_copy),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                // The response's CSP nonce (see middleware::security_headers), so the scripts
                // Leptos writes carry the one the header names.
                if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>()
                    && let Some(n) = parts.extensions.get::<middleware::CspNonce>()
                {
                    provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
                }
            },
            move || shell(shell_options.clone()),
        )
        .fallback(static_files::serve)
        .layer(axum::middleware::from_fn(middleware::pages_for_readers))
        .layer(axum::middleware::from_fn_with_state(
            (state.clone(), pages),
            public::claim_pages,
        ))
        .layer(axum::middleware::from_fn(middleware::uploads_are_multipart))
        .layer(axum::middleware::from_fn(
            middleware::refused_forms_keep_what_was_typed,
        ))
        .layer(axum::middleware::from_fn(middleware::server_fn_status))
        .layer(axum::middleware::from_fn(middleware::csrf_origin_check))
        .layer(axum::middleware::from_fn(move |req, next| {
            middleware::security_headers(secure, req, next)
        }))
        .layer(CompressionLayer::new())
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        // Every body, server functions' and multipart uploads' included (DefaultBodyLimit only
        // binds axum's own extractors): longer ones are refused with 413 as they arrive.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_REQUEST_BYTES,
        ))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        // Spans name the path without its query, and without invitation tokens.
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &http::Request<axum::body::Body>| {
                tracing::debug_span!(
                    "request",
                    method = %req.method(),
                    path = %middleware::loggable_path(req.uri().path()),
                )
            },
        ))
        .with_state(state)
}
