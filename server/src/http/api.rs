//! The JSON API under `/api/v1`. Errors are `{"error": "..."}` with a fitting status.

use app::domain::{ExtractedClaim, IngestOutcome, Role};
use app::server::AppState;
use app::server::services::{self, ServiceError, Who, articles::intake::NewArticle};
use axum::Extension;
use axum::Json;
use axum::Router;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::AppendHeaders;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::sync::Arc;

pub fn router(extract_per_minute: u32) -> Router<AppState> {
    let limiter = Arc::new(ExtractLimiter::new(extract_per_minute));
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/extract", post(extract).layer(Extension(limiter)))
        .route("/articles", post(create_article).get(list_articles))
        .route("/claims", get(list_claims))
        .route("/claims/{slug}", get(get_claim))
        .route("/claims/{slug}/sources", get(claim_sources))
        .route("/verdicts", get(list_verdicts))
        .route("/stories/{slug}", get(get_story))
        .route("/matches", get(matches))
}

/// `GET /api/v1/stories/{slug}`: the public part of a story (once one of its claims is
/// published): clusters with their appearances, typed relations with their PROV-O term, figure
/// timelines and attribution chains.
pub async fn get_story(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<app::domain::PublicStory>, ApiError> {
    Ok(Json(
        services::provenance::views::public_story(&state.db, &slug, &state.site)
            .await
            .map_err(from_service)?,
    ))
}

/// The signed-in API user (bearer token) if their role includes `role`.
async fn bearer(
    state: &AppState,
    headers: &HeaderMap,
    role: Role,
) -> Result<app::domain::CurrentUser, ApiError> {
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
    let user = services::accounts::tokens::resolve(&state.db, token.trim())
        .await
        .map_err(from_service)?
        .ok_or_else(|| error(StatusCode::UNAUTHORIZED, "That token is unknown or revoked"))?;
    if !user.role.includes(role) {
        return Err(error(
            StatusCode::FORBIDDEN,
            "Your role does not allow this",
        ));
    }
    Ok(user)
}

/// Query of the list endpoints: the filter and the page size.
#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(flatten)]
    pub filter: app::domain::PublicFilter,
    pub limit: Option<u64>,
}

fn page_size(limit: Option<u64>) -> Result<u64, ApiError> {
    match limit.unwrap_or(20) {
        n @ 1..=100 => Ok(n),
        _ => Err(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "limit is between 1 and 100",
        )),
    }
}

/// `GET /api/v1/claims`: published claims, newest first; `q`, `rating`, `kind`, `actor`
/// filters; `after` (the previous page's `next`) and `limit` page through them.
pub async fn list_claims(
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<app::domain::PublicList>, ApiError> {
    let Query(q) = query.map_err(|e| error(StatusCode::UNPROCESSABLE_ENTITY, e.body_text()))?;
    let limit = page_size(q.limit)?;
    Ok(Json(
        services::publishing::listing::list(&state.db, &q.filter, limit)
            .await
            .map_err(from_service)?,
    ))
}

/// `GET /api/v1/claims/{slug}`: one published claim with its verdicts, sources and history.
pub async fn get_claim(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<app::domain::PublicClaim>, ApiError> {
    Ok(Json(
        services::publishing::fact_checks::page(&state.db, &slug, &state.site)
            .await
            .map_err(from_service)?,
    ))
}

/// `GET /api/v1/claims/{slug}/sources`: the sources a published claim's verdict weighed.
pub async fn claim_sources(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let p = services::publishing::fact_checks::page(&state.db, &slug, &state.site)
        .await
        .map_err(from_service)?;
    Ok(Json(json!({ "sources": p.sources })))
}

/// `GET /api/v1/verdicts`: the verdicts of published claims (in force, superseded and
/// retracted), newest claim first, paged like `/claims`.
pub async fn list_verdicts(
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query.map_err(|e| error(StatusCode::UNPROCESSABLE_ENTITY, e.body_text()))?;
    let limit = page_size(q.limit)?;
    let (rows, next) = services::publishing::listing::published(&state.db, &q.filter, limit)
        .await
        .map_err(from_service)?;
    let pages = services::publishing::fact_checks::pages(&state.db, rows, &state.site)
        .await
        .map_err(from_service)?;
    let mut verdicts = Vec::new();
    for p in &pages {
        for v in p.verdict.iter().chain(p.earlier.iter()) {
            verdicts.push(json!({
                "claim": p.slug,
                "rating": v.rating,
                "state": v.state,
                "rationale_html": v.rationale_html,
                "proposed_by": v.proposed_by.name,
                "decided_by": v.decided_by.as_ref().map(|d| &d.name),
                "decided_at": v.decided_at,
                "retracted_at": v.retracted_at,
                "retraction_note": v.retraction_note,
            }));
        }
    }
    Ok(Json(json!({ "verdicts": verdicts, "next": next })))
}

/// `GET /api/v1/articles` (bearer token of a reviewer or above): the newsroom's newest 200
/// articles with their claim counts.
pub async fn list_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    bearer(&state, &headers, Role::Reviewer).await?;
    let articles = services::articles::list(&state.db, 200)
        .await
        .map_err(from_service)?;
    Ok(Json(json!({ "articles": articles })))
}

/// The longest text `GET /api/v1/matches` ranks: a claim, not an article.
const MAX_MATCH_TEXT_CHARS: usize = 1000;

/// Query of `GET /api/v1/matches`.
#[derive(Deserialize)]
pub struct MatchQuery {
    pub text: String,
    /// YYYY-MM-DD of the claim, when known (the dated model is used only then).
    pub date: Option<chrono::NaiveDate>,
    pub top: Option<usize>,
}

/// `GET /api/v1/matches?text=…[&date=YYYY-MM-DD][&top=N]` (bearer token of a reviewer or
/// above): the known fact-checks, ours and imported, that best match a text, with why. The
/// token is required because each query costs CPU; the text is bounded to a claim's length.
pub async fn matches(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<MatchQuery>, QueryRejection>,
) -> Result<Json<app::domain::PriorChecks>, ApiError> {
    bearer(&state, &headers, Role::Reviewer).await?;
    let Query(q) = query.map_err(|e| error(StatusCode::UNPROCESSABLE_ENTITY, e.body_text()))?;
    if q.text.chars().count() > MAX_MATCH_TEXT_CHARS {
        return Err(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("text is at most {MAX_MATCH_TEXT_CHARS} characters"),
        ));
    }
    Ok(Json(
        services::matching::priors::for_text(
            &state.db,
            &state.matcher,
            &state.site.url,
            &q.text,
            q.date,
            q.top.unwrap_or(10),
        )
        .await
        .map_err(from_service)?,
    ))
}

/// `GET /api/v1/openapi.json`: this API described as OpenAPI 3.1.
pub async fn openapi() -> ([(header::HeaderName, &'static str); 1], &'static str) {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}

/// An error answer: its status, extra headers (`Retry-After`) and JSON body. The headers are a
/// short list rather than a `HeaderMap`, which would make every handler's `Result` large.
type ApiError = (
    StatusCode,
    AppendHeaders<Vec<(header::HeaderName, http::HeaderValue)>>,
    Json<Value>,
);

fn error(status: StatusCode, msg: impl Into<String>) -> ApiError {
    (
        status,
        AppendHeaders(Vec::new()),
        Json(json!({ "error": msg.into() })),
    )
}

fn from_service(e: ServiceError) -> ApiError {
    let app_error: app::error::AppError = e.into(); // logs internal causes, keeps the safe text
    if let Some(seconds) = app_error.retry_after() {
        return too_many(seconds, &app_error.to_string());
    }
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

/// The per-address limit of anonymous extraction requests: a token bucket per address (GCRA,
/// lock-free per key, so it holds under concurrency), refilled `per_minute` times a minute and
/// holding as many. Each server process has its own.
pub struct ExtractLimiter {
    per_address: governor::DefaultKeyedRateLimiter<String>,
}

impl ExtractLimiter {
    pub fn new(per_minute: u32) -> Self {
        let n = std::num::NonZeroU32::new(per_minute).unwrap_or(std::num::NonZeroU32::MIN);
        ExtractLimiter {
            per_address: governor::RateLimiter::keyed(governor::Quota::per_minute(n)),
        }
    }

    /// Takes one request from `address`'s bucket, or says how many seconds until one is back.
    fn take(&self, address: &str) -> Result<(), u64> {
        use governor::clock::{Clock, DefaultClock};
        // Addresses seen once long ago are forgotten now and then, so the map stays small.
        if self.per_address.len() > 10_000 {
            self.per_address.retain_recent();
        }
        self.per_address
            .check_key(&address.to_owned())
            .map_err(|not_until| {
                not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    .max(1)
            })
    }
}

/// `POST /api/v1/extract`: the claims of a text as ingest would find them, stored nowhere.
/// Spans index `body` as sent. Anonymous callers are limited per address (429 with
/// `Retry-After` past the limit); a bearer token of a reviewer or above is not. Either way the
/// work runs in the bounded extraction pool (429 when it is full).
pub async fn extract(
    State(state): State<AppState>,
    Extension(limiter): Extension<Arc<ExtractLimiter>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    body: Result<Json<ExtractRequest>, JsonRejection>,
) -> Result<Json<ExtractResponse>, ApiError> {
    let signed_in = headers.contains_key(header::AUTHORIZATION)
        && bearer(&state, &headers, Role::Reviewer).await.is_ok();
    if !signed_in {
        let address =
            app::server::auth::address_of(&headers, &extensions, state.client_ip_header.as_ref())
                .unwrap_or_else(|| "unknown".to_owned());
        if let Err(wait) = limiter.take(&address) {
            return Err(too_many(
                wait,
                "Too many extraction requests from your address: wait a little, or use an API token",
            ));
        }
    }
    let req = json_body(body)?;
    if req.body.len() > app::domain::MAX_BODY_BYTES {
        return Err(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The body is larger than 2 MB",
        ));
    }
    let claims = app::server::work::extraction()
        .run(move || app::reading::claims_in(&req.body))
        .await
        .map_err(|busy| {
            too_many(
                busy.retry_after,
                "The server is busy extracting: try again shortly",
            )
        })?;
    Ok(Json(ExtractResponse { claims }))
}

fn too_many(seconds: u64, msg: &str) -> ApiError {
    (
        StatusCode::TOO_MANY_REQUESTS,
        AppendHeaders(vec![(
            header::RETRY_AFTER,
            http::HeaderValue::from(seconds),
        )]),
        Json(json!({ "error": msg, "retry_after": seconds })),
    )
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
    let user = bearer(&state, &headers, Role::Reviewer).await?;
    let req = json_body(body)?;
    let outcome = services::articles::intake::ingest(
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
    if !outcome.duplicate {
        services::matching::priors::after_ingest(&state.db, &state.matcher, outcome.article_id)
            .await;
    }
    let status = if outcome.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(outcome)))
}
