//! Middleware: security headers on every response, the CSRF check on every state-changing
//! request, and readers' pages sent without the data only hydration reads.

use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a readers' page may weigh (they weigh kilobytes); past it the page is refused with
/// 500 rather than held in memory.
const MAX_READER_PAGE: usize = 16 * 1024 * 1024;

/// Readers' pages (`domain::addresses::is_reader_page`) load no wasm, so the resources Leptos
/// serialises after `</html>` for hydration would be read by nobody: a published claim's page
/// would carry its whole content twice. They are cut off here, before compression and before
/// the published-page cache keeps the page.
pub async fn pages_for_readers(req: Request<Body>, next: Next) -> Response {
    let reader = matches!(*req.method(), Method::GET | Method::HEAD)
        && app::domain::addresses::is_reader_page(
            req.uri().path(),
            app::server::auth::cookie_token(req.headers()).is_some(),
        );
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !reader || !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_READER_PAGE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    const END: &[u8] = b"</html>";
    let cut = bytes
        .windows(END.len())
        .rposition(|w| w == END)
        .map_or(bytes.len(), |i| i + END.len());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..cut)))
}

/// The nonce of one response's scripts: made for each request, given to Leptos (which puts it on
/// every script it writes: the hydration bootstrap and streamed resources) and named in the
/// response's Content Security Policy.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The Content Security Policy of a page whose scripts carry `nonce`. Scripts run only from our
/// origin (the wasm bundle's JavaScript) or with the nonce (Leptos's inline bootstrap), so a
/// script injected into a page does not run; `'wasm-unsafe-eval'` lets the browser compile the
/// wasm bundle. Images come from our origin only (rationales may not load tracking pixels;
/// their Markdown keeps no images anyway), and the page talks to our origin only.
pub fn csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

pub async fn security_headers(secure: bool, mut req: Request<Body>, next: Next) -> Response {
    // Pages whose address or content carries an invitation token: never cached, and never sent
    // on in a Referer to another site. This site still gets one, so a form on the page that it
    // refuses, posted without JavaScript, comes back to the page with the reason.
    let secret = {
        let path = req.uri().path();
        path.starts_with("/invite/") || path == "/admin/users"
    };
    let nonce = app::server::services::random_hex(16);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if secret {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    }
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &'static str| {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    };
    // A response that chose its own policy (the embeddable card, a cached page with the nonce
    // it was rendered with) keeps it.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(v) = HeaderValue::from_str(&csp(&nonce))
    {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    set(h, "x-content-type-options", "nosniff");
    // A page that chose its own framing policy (the embeddable card) keeps it.
    let frameable = h
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("frame-ancestors *"));
    if !frameable {
        set(h, "x-frame-options", "DENY");
    }
    set(h, "referrer-policy", "strict-origin-when-cross-origin");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    if secure {
        set(
            h,
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
    res
}

/// Refuses a state-changing request that a browser sent from another site. Browsers send
/// `Origin` (and `Sec-Fetch-Site`) on every POST; a cross-site one is refused. A request with a
/// session cookie but neither header is refused too (no modern browser sends that). Requests
/// without cookies (API clients with bearer tokens) carry no ambient authority to abuse.
pub async fn csrf_origin_check(req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let has_session = app::server::auth::cookie_token(headers).is_some();
    let verdict = match (origin, fetch_site) {
        (Some(o), _) => match (host, origin_host(o)) {
            (Some(h), Some(oh)) if h.eq_ignore_ascii_case(oh) => Ok(()),
            _ => Err("this request came from another site"),
        },
        (None, Some("cross-site")) => Err("this request came from another site"),
        (None, Some(_)) => Ok(()),
        (None, None) if has_session => Err("this request carries no origin"),
        (None, None) => Ok(()),
    };
    match verdict {
        Ok(()) => next.run(req).await,
        Err(why) => {
            tracing::warn!(origin = ?origin, host = ?host, "refused a cross-site request");
            (
                StatusCode::FORBIDDEN,
                format!("Refused: {why}. Reload the page and try again."),
            )
                .into_response()
        }
    }
}

/// Refuses, with 400, a request to an upload (a server function that reads
/// `multipart/form-data`) whose body is not multipart with a boundary. server_fn's multipart
/// codec panics on such a request before the function (or its sign-in check) runs.
pub async fn uploads_are_multipart(req: Request<Body>, next: Next) -> Response {
    use leptos::server_fn::ServerFn;
    const UPLOADS: [&str; 3] = [
        app::api::articles::intake::UploadArticle::PATH,
        app::api::review::sources::UploadSourceCopy::PATH,
        app::api::matching::ImportFactChecks::PATH,
    ];
    if req.method() == Method::POST && UPLOADS.contains(&req.uri().path()) {
        let boundary = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| multer::parse_boundary(ct).ok());
        if boundary.is_none() {
            return (
                StatusCode::BAD_REQUEST,
                "An upload is sent as multipart/form-data (a form with a file); reload the page and try again.",
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// Sends what was typed back with a refused form. A form posted without JavaScript that its
/// server function refuses is sent back to its page with the refusal in the address
/// (`__err`); this adds the form's fields (`__typed`, never a password or a token, at most
/// `MAX_TYPED_CHARS`; see `domain::addresses::typed_for_address`), so the page shows the form
/// as it was filled in, next to the reason. Only plain forms (`x-www-form-urlencoded`) to
/// server functions are read: their bodies are already held whole by the function itself.
pub async fn refused_forms_keep_what_was_typed(req: Request<Body>, next: Next) -> Response {
    let is_form = req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && !req.uri().path().starts_with("/api/v1/")
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    // The body limit is enforced around this layer: a longer body ends in an error here.
    let Ok(form) = axum::body::to_bytes(body, super::MAX_REQUEST_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.").into_response();
    };
    let mut res = next
        .run(Request::from_parts(parts, Body::from(form.clone())))
        .await;
    if !res.status().is_redirection() {
        return res;
    }
    let refused_to = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.contains("__err="))
        .map(str::to_owned);
    if let Some(location) = refused_to
        && let Some(typed) = app::domain::addresses::typed_for_address(&form)
        && let Ok(with_typed) = HeaderValue::from_str(&format!(
            "{location}{}{}={typed}",
            if location.contains('?') { "&" } else { "?" },
            app::domain::addresses::TYPED_KEY
        ))
    {
        res.headers_mut().insert(header::LOCATION, with_typed);
    }
    res
}

/// Gives a failed server function the status of its error. Leptos answers every error with
/// 500; API clients, caches and the role tests need 401 for "sign in", 403 for "not your
/// role", 404, 409 and 422. Only 500 answers are read (they are small); the body stays as is.
pub async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    let is_server_fn =
        req.uri().path().starts_with("/api/") && !req.uri().path().starts_with("/api/v1/");
    let res = next.run(req).await;
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(err.status())
    {
        parts.status = status;
        if let Some(seconds) = err.retry_after() {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// "https://example.org:8443" → "example.org:8443".
fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin.split_once("://")?.1;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// A path fit for the logs: an invitation link's token is left out.
pub fn loggable_path(path: &str) -> &str {
    if path.starts_with("/invite/") {
        "/invite/…"
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::origin_host;

    #[test]
    fn origin_host_keeps_the_port() {
        assert_eq!(origin_host("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(origin_host("null"), None);
    }
}
