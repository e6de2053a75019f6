//! Static files from the built site, precompressed (brotli, gzip) and cached: hashed assets
//! forever, the rest for an hour. Anything else gets the application's 404 page.

use app::server::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

pub async fn serve(State(state): State<AppState>, req: Request<Body>) -> Response {
    let root = state.leptos_options.site_root.to_string();
    let path = req.uri().path().to_owned();
    let (parts, body) = req.into_parts();
    let probe = Request::from_parts(parts.clone(), Body::empty());
    let served = ServeDir::new(&root)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(probe)
        .await;
    match served {
        Ok(res) if res.status() != StatusCode::NOT_FOUND && !path.ends_with('/') => {
            let mut res = res.into_response();
            if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
                let cache = if is_hashed_asset(&path) {
                    "public, max-age=31536000, immutable"
                } else {
                    "public, max-age=3600"
                };
                res.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            }
            res
        }
        _ => {
            let handler = leptos_axum::file_and_error_handler(app::shell);
            handler(
                parts.uri.clone(),
                State(state),
                Request::from_parts(parts, body),
            )
            .await
            .into_response()
        }
    }
}

/// cargo-leptos names hashed files `name.HASH.ext` under `/pkg/`.
fn is_hashed_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        && path
            .rsplit('/')
            .next()
            .is_some_and(|f| f.split('.').count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn only_hashed_pkg_files_are_immutable() {
        assert!(is_hashed_asset("/pkg/claimtrail.a1b2c3.wasm"));
        assert!(!is_hashed_asset("/pkg/claimtrail.wasm"));
        assert!(!is_hashed_asset("/favicon.ico"));
    }
}
