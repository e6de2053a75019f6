//! The public side that is not a Leptos page: a claim as JSON, the embeddable card, archived
//! copies of sources, the ClaimReview feed, the CSV export, and the cache in front of published
//! pages (ETag, `Cache-Control`, 304, and rendered pages kept in memory until the claim changes).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::domain::{PublicClaim, VerdictState};
use app::server::AppState;
use app::server::services::publishing::fact_checks::CopyHead;
use app::server::services::{self, ServiceError};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

fn not_found(e: ServiceError) -> Response {
    error_response(e.into())
}

fn error_response(e: app::error::AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND);
    (status, e.to_string()).into_response()
}

/// `/claims/{slug}.json`: the public claim as JSON, with its ClaimReview.
pub async fn claim_json(state: &AppState, slug: &str) -> Response {
    match services::publishing::fact_checks::page(&state.db, slug, &state.site).await {
        Ok(p) => {
            let review = p.claim_review.clone();
            let mut res = axum::Json(json!({ "claim": p, "claim_review": review })).into_response();
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            );
            res.headers_mut()
                .insert("access-control-allow-origin", HeaderValue::from_static("*"));
            res
        }
        Err(e) => not_found(e),
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The embeddable card's HTML: self-contained (inline styles, no script), so other sites can
/// frame it.
pub fn embed_html(p: &PublicClaim) -> String {
    let (rating, class) = match &p.verdict {
        Some(v) if v.state == VerdictState::Retracted => ("Retracted".to_owned(), "retracted"),
        Some(v) => (v.rating.label().to_owned(), v.rating.as_str()),
        None => ("Under review".to_owned(), "none"),
    };
    let colour = match class {
        "true" | "mostly_true" => "#11703a",
        "false" | "mostly_false" | "retracted" => "#a40e26",
        "mixed" | "misleading" => "#b54708",
        _ => "#4b5563",
    };
    let who = p
        .claim
        .claimant
        .clone()
        .unwrap_or_else(|| p.article.publisher.clone().unwrap_or_default());
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title><link rel="canonical" href="{url}"><style>body{{margin:0;font:15px/1.45 system-ui,sans-serif;color:#1b1f24;background:#fff}}.card{{border:1px solid #d0d7de;border-left:6px solid {colour};border-radius:8px;padding:12px 14px;max-width:560px}}.r{{font-weight:800;text-transform:uppercase;color:{colour};letter-spacing:.03em}}q{{display:block;margin:6px 0}}.m{{color:#57606a;font-size:13px}}a{{color:#0b5cad}}</style></head><body><div class="card"><div class="r">{rating}</div><q>{quote}</q><div class="m">{who}</div><div class="m"><a href="{url}" target="_blank" rel="noopener">Read the fact-check</a> · {org}</div></div></body></html>"#,
        title = escape(&format!("{rating}: {}", p.claim.quote)),
        url = escape(&p.url),
        colour = colour,
        rating = escape(&rating),
        quote = escape(&p.claim.quote),
        who = escape(&who),
        org = escape(&p.organisation),
    )
}

/// `/claims/{slug}/embed`: the card, which other sites may frame.
pub async fn embed(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match services::publishing::fact_checks::page(&state.db, &slug, &state.site).await {
        Ok(p) => {
            let mut res = axum::response::Html(embed_html(&p)).into_response();
            let h = res.headers_mut();
            // Framing is the point of this page: no frame-ancestors limit, no scripts at all.
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            res
        }
        Err(e) => not_found(e),
    }
}

/// An archived copy as plain text, headed by what it is a copy of and its SHA-256.
fn copy_response(head: &CopyHead, text: &str, cache: &'static str) -> Response {
    let head = format!(
        "Archived copy of: {}\nAddress: {}\nSHA-256: {}\nAccessed: {}\n\n",
        head.title, head.url, head.sha256, head.accessed_at
    );
    let mut res = (head + text).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// `/claims/{slug}/sources/{id}`: the archived copy of a source the verdict weighed, as text.
pub async fn archived_copy(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, uuid::Uuid)>,
) -> Response {
    match services::publishing::fact_checks::archived_copy(&state.db, &slug, id).await {
        Ok((head, text)) => copy_response(&head, &text, "public, max-age=300"),
        Err(e) => not_found(e),
    }
}

/// `/review/sources/{id}/copy`: the whole archived copy of any source, for reviewers (the
/// workspace shows the first lines).
pub async fn staff_archived_copy(
    State(state): State<AppState>,
    Path(id): Path<uuid::Uuid>,
    headers: HeaderMap,
) -> Response {
    if let Err(e) =
        app::server::auth::require_session(&state.db, &headers, app::domain::Role::Reviewer).await
    {
        return error_response(e);
    }
    match services::review::sources::archived_text(&state.db, id).await {
        Ok((source, text)) => copy_response(
            &CopyHead {
                title: source.title,
                url: source.url,
                sha256: source.archived_sha256.unwrap_or_default(),
                accessed_at: source.accessed_at,
            },
            &text,
            "private, no-store",
        ),
        Err(e) => not_found(e),
    }
}

/// Every published claim's page, newest first (for the feed and the CSV export), built 200 at a
/// time in a fixed number of queries per batch.
async fn all_published(state: &AppState) -> Result<Vec<PublicClaim>, ServiceError> {
    let mut out = Vec::new();
    let mut filter = app::domain::PublicFilter::default();
    loop {
        let (rows, next) =
            services::publishing::listing::published(&state.db, &filter, 200).await?;
        out.extend(services::publishing::fact_checks::pages(&state.db, rows, &state.site).await?);
        match next {
            Some(n) => filter.after = Some(n),
            None => return Ok(out),
        }
    }
}

/// The feed and the CSV export, built once per change of the data (not once per request) and
/// kept in memory: every build reads every published claim, so 256 readers at once would
/// otherwise start 256 builds. The data's revision is the audit trail's last sequence number
/// (every change writes an event in the same transaction), read on each request, so a change
/// made through any server shows at once; one build runs at a time, and requests arriving
/// during it wait for it and share it.
#[derive(Clone, Default)]
pub struct Exports {
    feed: Arc<tokio::sync::Mutex<Option<Built>>>,
    csv: Arc<tokio::sync::Mutex<Option<Built>>>,
}

/// A built export: the revision it was built at, its ETag and its bytes.
struct Built {
    revision: i64,
    etag: String,
    body: axum::body::Bytes,
}

/// The revision of everything the exports show: the audit trail's last sequence number.
async fn data_revision(state: &AppState) -> Result<i64, ServiceError> {
    use sea_orm::ConnectionTrait;
    let row = state
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            state.db.get_database_backend(),
            "SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_event",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "seq"))
        .transpose()?
        .unwrap_or(0))
}

/// Answers with the export in `slot`, built by `build` if the data changed since.
async fn cached_export<F, Fut>(
    state: &AppState,
    slot: &tokio::sync::Mutex<Option<Built>>,
    request: &HeaderMap,
    headers: [(header::HeaderName, &'static str); 3],
    build: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Vec<u8>, ServiceError>>,
{
    let revision = match data_revision(state).await {
        Ok(r) => r,
        Err(e) => return not_found(e),
    };
    let mut held = slot.lock().await;
    let fresh = held.as_ref().is_some_and(|b| b.revision >= revision);
    if !fresh {
        match build().await {
            Ok(bytes) => {
                let h = services::sha256_hex(&bytes);
                *held = Some(Built {
                    revision,
                    etag: format!("\"{}\"", &h[..20]),
                    body: bytes.into(),
                });
            }
            Err(e) => return not_found(e),
        }
    }
    let Some(built) = held.as_ref() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let (etag, body) = (built.etag.clone(), built.body.clone());
    drop(held);
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut res = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (headers, body).into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&etag) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    res
}

/// `/feeds/claimreview.json`: every published fact-check as a schema.org DataFeed of
/// ClaimReview items.
pub async fn feed(
    State(state): State<AppState>,
    axum::Extension(exports): axum::Extension<Exports>,
    request: HeaderMap,
) -> Response {
    let build = || async {
        let claims = all_published(&state).await?;
        let items: Vec<_> = claims
            .iter()
            .filter_map(|p| p.claim_review.clone())
            .collect();
        serde_json::to_vec(&json!({
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "name": format!("{} fact-checks", state.site.name),
            "url": format!("{}/feeds/claimreview.json", state.site.url),
            "dateModified": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "dataFeedElement": items,
        }))
        .map_err(|e| ServiceError::Internal(format!("feed: {e}")))
    };
    cached_export(
        &state,
        &exports.feed,
        &request,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CONTENT_DISPOSITION, "inline"),
            (header::VARY, "Accept-Encoding"),
        ],
        build,
    )
    .await
}

/// `/claims.csv`: published claims with their verdicts, one row each.
pub async fn csv_export(
    State(state): State<AppState>,
    axum::Extension(exports): axum::Extension<Exports>,
    request: HeaderMap,
) -> Response {
    cached_export(
        &state,
        &exports.csv,
        &request,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"claimtrail-claims.csv\"",
            ),
            (header::VARY, "Accept-Encoding"),
        ],
        || async { csv_bytes(&all_published(&state).await?) },
    )
    .await
}

/// The CSV export's bytes.
fn csv_bytes(claims: &[PublicClaim]) -> Result<Vec<u8>, ServiceError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header_row = [
        "url",
        "claim",
        "kind",
        "claimant",
        "target",
        "rating",
        "verdict_state",
        "approved_by",
        "approved_at",
        "sources",
        "article_title",
        "article_url",
        "article_published",
        "published",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for p in claims {
        let v = p.verdict.as_ref();
        rows.push(vec![
            p.url.clone(),
            p.claim.quote.clone(),
            p.claim.kind.as_str().to_owned(),
            p.claim.claimant.clone().unwrap_or_default(),
            p.claim.target.clone().unwrap_or_default(),
            v.map(|v| v.rating.as_str().to_owned()).unwrap_or_default(),
            v.map(|v| v.state.as_str().to_owned()).unwrap_or_default(),
            v.and_then(|v| v.decided_by.as_ref().map(|d| d.name.clone()))
                .unwrap_or_default(),
            v.and_then(|v| v.decided_at.clone()).unwrap_or_default(),
            p.sources
                .iter()
                .map(|s| s.url.clone())
                .collect::<Vec<_>>()
                .join(" "),
            p.article.title.clone(),
            p.article.url.clone().unwrap_or_default(),
            p.article.published_at.clone().unwrap_or_default(),
            p.published_on.clone(),
        ]);
    }
    let written = w.write_record(header_row).and_then(|()| {
        rows.iter()
            .try_for_each(|r| w.write_record(r.iter().map(|c| inert_cell(c).into_owned())))
    });
    written.map_err(|e| ServiceError::Internal(format!("CSV export: {e}")))?;
    w.into_inner()
        .map_err(|e| ServiceError::Internal(format!("CSV export: {e}")))
}

/// A CSV cell a spreadsheet will not run: one that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (a formula, or a formula behind whitespace) gets a leading apostrophe, as
/// OWASP advises; the csv writer quotes it when needed.
fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A rendered page: its ETag, headers and body.
type CachedPage = (String, HeaderMap, axum::body::Bytes);

/// Rendered published pages, by slug, with the revision they were rendered at.
#[derive(Clone, Default)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<String, CachedPage>>>,
    salt: Arc<String>,
}

const MAX_CACHED_PAGES: usize = 2000;

impl PageCache {
    pub fn new() -> Self {
        PageCache {
            pages: Arc::default(),
            // A new process (a new build) never answers 304 to a page an old one rendered.
            salt: Arc::new(services::random_hex(8)),
        }
    }

    fn etag(&self, revision: &str) -> String {
        let h = services::sha256_hex(format!("{}:{revision}", self.salt).as_bytes());
        format!("\"{}\"", &h[..20])
    }
}

const PUBLIC_CACHE: &str = "public, max-age=60, must-revalidate";

/// In front of `/claims/{slug}` and `/claims/{slug}.json`: anonymous requests for a published
/// page are answered from memory while the claim is unchanged (checked against the database on
/// every request, so a change shows at once), 304 when the browser already has it, and
/// redirected to the canonical slug. Signed-in staff get the page rendered fresh.
pub async fn claim_pages(
    State((state, cache)): State<(AppState, PageCache)>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let Some(rest) = path.strip_prefix("/claims/") else {
        return next.run(req).await;
    };
    if rest.is_empty() || rest.contains('/') || req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    if let Some(slug) = rest.strip_suffix(".json") {
        return claim_json(&state, slug).await;
    }
    let slug = rest.to_owned();
    if app::server::auth::cookie_token(req.headers()).is_some() || req.uri().query().is_some() {
        let mut res = next.run(req).await;
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        return res;
    }
    let revision = match services::publishing::fact_checks::revision(&state.db, &slug).await {
        Ok(r) => r,
        Err(_) => return next.run(req).await, // the page says what is wrong (404)
    };
    if let Some(canonical) = revision.canonical.as_deref().filter(|c| *c != slug) {
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, format!("/claims/{canonical}"))],
        )
            .into_response();
    }
    let etag = cache.etag(&revision.key);
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let validators = |h: &mut HeaderMap| {
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PUBLIC_CACHE),
        );
        h.insert(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Encoding"),
        );
    };
    if not_modified {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        validators(res.headers_mut());
        return res;
    }
    let hit = cache
        .pages
        .lock()
        .ok()
        .and_then(|m| m.get(&slug).filter(|(e, _, _)| *e == etag).cloned());
    if let Some((_, headers, body)) = hit {
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        return res;
    }
    // The page's scripts carry this request's nonce: the policy naming it is kept with the
    // cached page, so a copy served later still runs its own scripts.
    let policy = req
        .extensions()
        .get::<super::middleware::CspNonce>()
        .and_then(|n| HeaderValue::from_str(&super::middleware::csp(&n.0)).ok());
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 4 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    validators(&mut parts.headers);
    if let Some(p) = policy {
        parts.headers.insert(header::CONTENT_SECURITY_POLICY, p);
    }
    if let Ok(mut m) = cache.pages.lock() {
        if m.len() >= MAX_CACHED_PAGES {
            m.clear();
        }
        m.insert(slug, (etag.clone(), parts.headers.clone(), bytes.clone()));
    }
    Response::from_parts(parts, Body::from(bytes))
}
