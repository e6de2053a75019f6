//! The JSON API under `/api/v1`. Errors are `{"error": "..."}` with a fitting status.

use app::domain::{ExtractedClaim, IngestOutcome, Role};
use app::server::AppState;
use app::server::services::{self, ServiceError, Who, articles::NewArticle};
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::post;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/extract", post(extract))
        .route("/articles", post(create_article))
}

type ApiError = (StatusCode, Json<Value>);

fn error(status: StatusCode, msg: impl Into<String>) -> ApiError {
    (status, Json(json!({ "error": msg.into() })))
}

fn from_service(e: ServiceError) -> ApiError {
    let app_error: app::error::AppError = e.into(); // logs internal causes, keeps the safe text
    let status =
        StatusCode::from_u16(app_error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    error(status, app_error.to_string())
}

fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(v)| v)
        .map_err(|e| error(e.status(), e.body_text()))
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
    body: Result<Json<ExtractRequest>, JsonRejection>,
) -> Result<Json<ExtractResponse>, ApiError> {
    let req = json_body(body)?;
    if req.body.len() > services::articles::MAX_BODY_BYTES {
        return Err(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The body is larger than 2 MB",
        ));
    }
    // Extraction is CPU-bound; keep it off the async workers.
    let claims = tokio::task::spawn_blocking(move || app::extract::extract_claims(&req.body))
        .await
        .map_err(|_| error(StatusCode::INTERNAL_SERVER_ERROR, "extraction failed"))?;
    Ok(Json(ExtractResponse { claims }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateArticle {
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub byline: Option<String>,
    pub section: Option<String>,
    /// RFC 3339, e.g. `2024-03-26T18:43:00Z`.
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub language: Option<String>,
    pub image_url: Option<String>,
    pub body: String,
}

/// `POST /api/v1/articles` (bearer token of a reviewer or above): stores an article and its
/// claims. 201 with the new article, or 200 pointing to the stored copy of the same text.
pub async fn create_article(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<CreateArticle>, JsonRejection>,
) -> Result<(StatusCode, Json<IngestOutcome>), ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            error(
                StatusCode::UNAUTHORIZED,
                "Send a bearer token: Authorization: Bearer ct_…",
            )
        })?;
    let user = services::tokens::resolve(&state.db, token.trim())
        .await
        .map_err(from_service)?
        .ok_or_else(|| error(StatusCode::UNAUTHORIZED, "That token is unknown or revoked"))?;
    if !user.role.includes(Role::Reviewer) {
        return Err(error(
            StatusCode::FORBIDDEN,
            "Your role does not allow this",
        ));
    }
    let req = json_body(body)?;
    let outcome = services::articles::ingest(
        &state.db,
        NewArticle {
            title: req.title,
            publisher: req.publisher,
            url: req.url,
            byline: req.byline,
            section: req.section,
            published_at: req.published_at,
            language: req.language,
            image_url: req.image_url,
            text: req.body,
        },
        &Who {
            user_id: Some(user.id),
            label: format!("{} (API)", user.email),
        },
    )
    .await
    .map_err(from_service)?;
    let status = if outcome.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(outcome)))
}
