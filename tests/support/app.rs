//! The real router over a test database, and requests as browsers and API clients send them.

use app::domain::Role;
use app::server::AppState;
use app::server::services::{self, Who};
use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

use crate::TestDb;

/// The password of every account the test support creates.
pub const PASSWORD: &str = "a long enough password";

/// The real router over a fresh database, with one reviewer account (`rev@example.org`).
pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
}

impl TestApp {
    /// On a fresh SQLite database.
    pub async fn new() -> Self {
        Self::on(TestDb::sqlite().await).await
    }

    /// On the given database.
    pub async fn on(db: TestDb) -> Self {
        Self::configured(db, |_| {}).await
    }

    /// On the given database, with the server's settings changed by `configure`.
    pub async fn configured(db: TestDb, configure: impl FnOnce(&mut AppState)) -> Self {
        let mut state = AppState {
            leptos_options: server::serve::leptos_options(
                "target/site",
                "127.0.0.1:3000".parse().expect("addr"),
            ),
            db: db.conn.clone(),
            secure_cookies: false,
            site: app::server::Site {
                url: "http://localhost".into(),
                name: "Claimtrail Test Desk".into(),
            },
            client_ip_header: None,
            extract_per_minute: 30,
            matcher: app::server::services::matching::Matcher::new(),
        };
        configure(&mut state);
        services::accounts::users::create_user(
            &db.conn,
            "rev@example.org",
            "Rev",
            PASSWORD,
            Role::Reviewer,
            &Who::system("test"),
        )
        .await
        .expect("user");
        TestApp {
            router: server::router(state),
            db,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    pub async fn get(
        &self,
        path: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, http::HeaderMap, String) {
        let mut b = Request::get(path).header(header::HOST, "localhost");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).expect("request")).await
    }

    /// A form post as a browser without JavaScript makes it.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        origin: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, http::HeaderMap, String) {
        let body = form_body(form);
        let mut b = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).expect("request")).await
    }

    /// A form on `page` posted without JavaScript (with its `Referer`), and the page the browser
    /// is sent back to: the redirect's `Location` and that page's HTML.
    pub async fn submit_from(
        &self,
        page: &str,
        path: &str,
        form: &[(&str, &str)],
        cookie: &str,
    ) -> (String, String) {
        let (location, html) = self.post_from(page, path, form, cookie).await;
        assert!(!location.contains("__err"), "{path} failed: {location}");
        (location, html)
    }

    /// A form on `page` posted without JavaScript that the server refuses: the page the browser
    /// is sent back to, which must carry the refusal (`__err`), and its HTML.
    pub async fn refused_from(
        &self,
        page: &str,
        path: &str,
        form: &[(&str, &str)],
        cookie: &str,
    ) -> (String, String) {
        let (location, html) = self.post_from(page, path, form, cookie).await;
        assert!(
            location.contains("__err="),
            "{path} was not refused: {location}"
        );
        (location, html)
    }

    async fn post_from(
        &self,
        page: &str,
        path: &str,
        form: &[(&str, &str)],
        cookie: &str,
    ) -> (String, String) {
        let req = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::REFERER, format!("http://localhost{page}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie)
            .body(Body::from(form_body(form)))
            .expect("request");
        let (status, headers, body) = self.send(req).await;
        assert!(status.is_redirection(), "{path}: {status}: {body}");
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("a Location")
            .to_owned();
        let (status, _, html) = self.get(&location, Some(cookie)).await;
        assert_eq!(status, StatusCode::OK, "{location}");
        (location, html)
    }

    /// Signs in as the reviewer; returns the `name=value` of the session cookie.
    pub async fn sign_in(&self) -> String {
        self.sign_in_as("rev@example.org", PASSWORD).await
    }

    /// Signs in; returns the `name=value` of the session cookie.
    pub async fn sign_in_as(&self, email: &str, password: &str) -> String {
        let (status, headers, body) = self
            .post_form(
                app::api::accounts::auth::Login::PATH,
                &[("email", email), ("password", password), ("next", "/")],
                "http://localhost",
                None,
            )
            .await;
        assert!(
            status.is_redirection() || status.is_success(),
            "{status}: {body}"
        );
        let cookie = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("ct_session="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        cookie.split(';').next().expect("pair").to_owned()
    }
}

/// A JSON request to the API, as an HTTP client sends it (no cookies, optional bearer token).
pub fn json_request(path: &str, body: impl Into<String>, auth: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path)
        .header(header::HOST, "localhost")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(a) = auth {
        b = b.header(header::AUTHORIZATION, a);
    }
    b.body(Body::from(body.into())).expect("request")
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl TestApp {
    /// A same-site POST as a script or API client sends it (no `Accept: text/html`), so a
    /// server function answers with its own status instead of redirecting.
    pub async fn post(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<Body>,
        cookie: Option<&str>,
    ) -> (StatusCode, http::HeaderMap, String) {
        let mut b = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, content_type);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(body.into()).expect("request")).await
    }

    /// Creates an account with `PASSWORD`.
    pub async fn account(&self, email: &str, role: Role) -> Who {
        let u = services::accounts::users::create_user(
            &self.db.conn,
            email,
            email,
            PASSWORD,
            role,
            &Who::system("test"),
        )
        .await
        .expect("account");
        Who::user(&u)
    }

    /// A 30-day API token of the account `email`, named `name`.
    pub async fn token(&self, email: &str, name: &str) -> String {
        services::accounts::tokens::create(&self.db.conn, email, name, 30, &Who::system("test"))
            .await
            .expect("token")
    }
}

/// A form body encoded as a browser encodes it.
pub fn form_body(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A signed-in browser's upload of `file_name` with `fields` to the server function at `path`,
/// from the page at `referer`, as a plain multipart form without JavaScript.
pub fn upload_request(
    path: &str,
    referer: &str,
    cookie: &str,
    file_name: &str,
    content: &[u8],
    fields: &[(&str, &str)],
) -> Request<Body> {
    let (ct, body) = multipart_form(file_name, content, fields);
    Request::post(path)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::REFERER, referer)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(body))
        .expect("request")
}

/// A multipart form as a browser sends it for `<input type=file name=file>`: the file, then
/// the text fields. Returns the content type (with its boundary) and the body.
pub fn multipart_form(
    file_name: &str,
    content: &[u8],
    fields: &[(&str, &str)],
) -> (String, Vec<u8>) {
    let boundary = "----claimtrailtestboundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend_from_slice(content);
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
