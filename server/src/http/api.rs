//! The JSON API under `/api/v1`.

use app::domain::ExtractedClaim;
use app::server::AppState;
use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new().route("/extract", post(extract))
}

#[derive(Deserialize)]
pub struct ExtractRequest {
    /// The article text: plain, or in the news-export layout.
    pub body: String,
}

#[derive(Serialize)]
pub struct ExtractResponse {
    pub claims: Vec<ExtractedClaim>,
}

/// `POST /api/v1/extract`: the claims of a text, stored nowhere. Spans index `body` as sent.
pub async fn extract(
    body: Result<Json<ExtractRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<ExtractResponse>, (StatusCode, Json<serde_json::Value>)> {
    let Json(req) = body.map_err(|e| {
        (
            e.status(),
            Json(serde_json::json!({ "error": e.body_text() })),
        )
    })?;
    if req.body.len() > app::server::services::articles::MAX_BODY_BYTES {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            Json(serde_json::json!({ "error": "The body is larger than 2 MB" })),
        ));
    }
    // Extraction is CPU-bound; keep it off the async workers.
    let claims = tokio::task::spawn_blocking(move || app::extract::extract_claims(&req.body))
        .await
        .map_err(|_| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(serde_json::json!({ "error": "extraction failed" })),
            )
        })?;
    Ok(Json(ExtractResponse { claims }))
}
