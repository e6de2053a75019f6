//! The hardening findings, each tried as an attacker or an overloaded newsroom would, through
//! the real router (and services), on SQLite and PostgreSQL: anonymous extraction limited per
//! address; published evidence changed only by an approved verdict; the sign-in throttle
//! counting before hashing, behind a trusted proxy, cleared by a reset; no open redirect after
//! sign-in; CSV cells that are not formulas; public search over public text only; public JSON
//! without internal fields; tokens that expire, are revoked and die with a password reset; a
//! nonce CSP and rationales without images; the feed and CSV built once per change, and bounded
//! form fields; an import that refuses a tampered file.

use std::net::SocketAddr;

use app::domain::{Rating, Role, SourceKind, Stance};
use app::server::services::{self, Who, review::sources::SourceInput};
use axum::body::Body;
use claimtrail_tests::workflow::{RATIONALE_WORD, propose, publish};
use claimtrail_tests::{PASSWORD, TestApp, TestDb, form_body, on_both_databases};
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use sea_orm::{EntityTrait, QueryOrder};

const FORM: &str = "application/x-www-form-urlencoded";

/// A request as it reaches the server from `peer` (what `ConnectInfo` gives a real server).
fn from(mut req: Request<Body>, peer: &str) -> Request<Body> {
    let addr: SocketAddr = format!("{peer}:50000").parse().expect("address");
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(addr));
    req
}

fn extract_request(peer: &str, token: Option<&str>) -> Request<Body> {
    let mut b = Request::post("/api/v1/extract")
        .header(header::HOST, "localhost")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    from(
        b.body(Body::from(
            r#"{"body":"At least 12 people were killed on Monday, the police said."}"#,
        ))
        .expect("request"),
        peer,
    )
}

// 1. Any visitor could pin the CPUs with the anonymous extraction endpoint.
on_both_databases!(
    anonymous_extraction_is_limited_per_address_even_all_at_once,
    |db: TestDb| async move {
        let app = TestApp::configured(db, |s| s.extract_per_minute = 3).await;
        // Eight at once from one address: three pass, the others are told when to come back.
        let answers = send_all(
            &app,
            (0..8)
                .map(|_| extract_request("203.0.113.7", None))
                .collect(),
        )
        .await;
        let ok = answers
            .iter()
            .filter(|(s, _, _)| *s == StatusCode::OK)
            .count();
        let limited: Vec<_> = answers
            .iter()
            .filter(|(s, _, _)| *s == StatusCode::TOO_MANY_REQUESTS)
            .collect();
        assert_eq!(ok, 3, "the bucket holds three");
        assert_eq!(limited.len(), 5);
        for (_, headers, body) in &limited {
            let wait: u64 = headers
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .expect("Retry-After in seconds");
            assert!((1..=20).contains(&wait), "{wait}");
            assert!(body.contains("Too many extraction requests"), "{body}");
        }
        // Another address has its own bucket, and a token holder is not limited.
        let (status, _, _) = app.send(extract_request("198.51.100.9", None)).await;
        assert_eq!(status, StatusCode::OK);
        let token = app.token("rev@example.org", "extraction").await;
        for _ in 0..4 {
            let (status, _, body) = app.send(extract_request("203.0.113.7", Some(&token))).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    }
);

/// Sends the requests all at once, each on its own task; the answers in order.
async fn send_all(
    app: &TestApp,
    requests: Vec<Request<Body>>,
) -> Vec<(StatusCode, http::HeaderMap, String)> {
    use tower::ServiceExt;
    let handles: Vec<_> = requests
        .into_iter()
        .map(|req| {
            let router = app.router.clone();
            tokio::spawn(async move {
                let res = router.oneshot(req).await.expect("response");
                let status = res.status();
                let headers = res.headers().clone();
                let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .expect("body");
                (
                    status,
                    headers,
                    String::from_utf8_lossy(&bytes).into_owned(),
                )
            })
        })
        .collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("joined"));
    }
    out
}

async fn published_page_text(app: &TestApp, slug: &str) -> String {
    let (status, _, html) = app.get(&format!("/claims/{slug}"), None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, json) = app.get(&format!("/claims/{slug}.json"), None).await;
    let (_, _, api) = app.get(&format!("/api/v1/claims/{slug}"), None).await;
    let (_, _, csv) = app.get("/claims.csv", None).await;
    let (_, _, feed) = app.get("/feeds/claimreview.json", None).await;
    [html, json, api, csv, feed].join("\n")
}

// 2. A reviewer alone could rewrite a published fact-check's evidence.
on_both_databases!(
    published_evidence_changes_only_with_an_approved_verdict,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let app = TestApp::on(db.clone()).await;
        let sources = services::review::sources::for_claim(&db.conn, p.claim.id)
            .await
            .expect("sources");
        let weighed = sources[0].clone();
        let copy_path = format!("/claims/{}/sources/{}", p.slug, weighed.id);
        let (_, _, original_copy) = app.get(&copy_path, None).await;
        assert!(
            original_copy.contains("The police reported 41 dead"),
            "{original_copy}"
        );
        // The reviewer forges the source: a new address and a new archived copy.
        services::review::sources::update(
            &db.conn,
            weighed.id,
            weighed.version,
            &SourceInput {
                url: "https://evil.example/".into(),
                title: weighed.title.clone(),
                publisher: weighed.publisher.clone(),
                published_on: weighed.published_on.clone(),
                excerpt: "forged excerpt".into(),
                stance: weighed.stance,
                kind: weighed.kind,
                archived_text: Some("A forged copy.".into()),
            },
            &p.reviewer,
        )
        .await
        .expect("the reviewer may still edit the draft evidence");
        // Readers see the evidence the editor approved, everywhere.
        let shown = published_page_text(&app, &p.slug).await;
        assert!(
            !shown.contains("evil.example"),
            "the forged address is not public"
        );
        assert!(!shown.contains("forged excerpt"));
        let (status, _, copy) = app.get(&copy_path, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            copy, original_copy,
            "the archived copy readers get is the one weighed"
        );
        // The change reaches readers only as a new verdict that another person approves.
        let (v, version) = propose(
            &db,
            p.claim.id,
            Rating::True,
            "Rechecked against the corrected source.",
            &p.reviewer,
        )
        .await;
        let refused =
            services::review::verdicts::approve(&db.conn, v.id, version, "", &p.reviewer).await;
        assert!(refused.is_err(), "the proposer cannot approve it");
        assert!(
            !published_page_text(&app, &p.slug)
                .await
                .contains("evil.example"),
            "a proposal alone changes nothing public"
        );
        services::review::verdicts::approve(&db.conn, v.id, version, "", &p.editor)
            .await
            .expect("the editor approves");
        let (_, _, json) = app.get(&format!("/claims/{}.json", p.slug), None).await;
        let page: serde_json::Value = serde_json::from_str(&json).expect("json");
        let urls: Vec<&str> = page["claim"]["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .filter_map(|s| s["url"].as_str())
            .collect();
        assert!(urls.contains(&"https://evil.example/"), "{urls:?}");
        let history = page["claim"]["history"].to_string();
        assert!(
            history.contains("Evidence changed") && history.contains("evil.example"),
            "the correction log says what changed: {history}"
        );
        let (_, _, copy) = app.get(&copy_path, None).await;
        assert!(
            copy.contains("A forged copy."),
            "now the approved copy is the new one"
        );
    }
);

fn login_request(email: &str, password: &str, next: &str, peer: &str) -> Request<Body> {
    from(
        Request::post(app::api::accounts::auth::Login::PATH)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, FORM)
            .body(Body::from(form_body(&[
                ("email", email),
                ("password", password),
                ("next", next),
            ])))
            .expect("request"),
        peer,
    )
}

// 3. The sign-in throttle raced: parallel wrong passwords were all checked.
on_both_databases!(
    parallel_wrong_passwords_are_counted_before_any_is_checked,
    |db: TestDb| async move {
        let app = TestApp::on(db).await;
        // All from one address: its limit (30) refuses ten, unchecked, and of the thirty it
        // lets through, the account's limit from one address lets exactly five be checked,
        // whatever the order they arrive in.
        let answers = send_all(
            &app,
            (0..40)
                .map(|_| login_request("rev@example.org", "not the password", "/", "198.18.0.1"))
                .collect(),
        )
        .await;
        let checked = answers
            .iter()
            .filter(|(s, _, b)| {
                *s == StatusCode::UNPROCESSABLE_ENTITY && b.contains("do not match")
            })
            .count();
        let throttled = answers
            .iter()
            .filter(|(s, h, _)| {
                *s == StatusCode::TOO_MANY_REQUESTS && h.get(header::RETRY_AFTER).is_some()
            })
            .count();
        let summary: Vec<String> = answers
            .iter()
            .map(|(s, _, b)| format!("{s} {}", b.chars().take(80).collect::<String>()))
            .collect();
        assert_eq!(
            checked,
            usize::try_from(services::accounts::signin::PER_ACCOUNT_FROM_ADDRESS).expect("small"),
            "exactly the limit was checked: {summary:#?}"
        );
        assert_eq!(checked + throttled, 40, "the rest were refused unchecked");
    }
);

// A sign-in the hashing pool was too busy to check gives its attempt back: a busy server must
// not lock people out, while checked failures still count.
on_both_databases!(
    an_attempt_never_checked_does_not_count,
    |db: TestDb| async move {
        use services::accounts::signin;
        let begin = || signin::begin(&db.conn, "rev@example.org", "192.0.2.9");
        for _ in 0..=signin::PER_ACCOUNT_FROM_ADDRESS {
            let attempt = begin().await.expect("counted");
            signin::give_back(&db.conn, attempt)
                .await
                .expect("given back");
        }
        for _ in 0..signin::PER_ACCOUNT_FROM_ADDRESS {
            let attempt = begin().await.expect("counted");
            signin::settle(&db.conn, attempt, false)
                .await
                .expect("settled");
        }
        assert!(
            matches!(
                begin().await,
                Err(services::ServiceError::TooMany { retry_after, .. }) if retry_after > 0
            ),
            "checked failures count"
        );
    }
);

on_both_databases!(
    behind_a_trusted_proxy_each_client_has_its_own_address,
    |db: TestDb| async move {
        let app = TestApp::configured(db, |s| {
            s.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
        })
        .await;
        let through_proxy = |email: &str, password: &str, client: &str| {
            let mut req = login_request(email, password, "/", "10.0.0.2");
            req.headers_mut().insert(
                "x-forwarded-for",
                format!("203.0.113.50, {client}").parse().expect("header"),
            );
            req
        };
        // One client fails with many accounts until its address is throttled...
        for i in 0..services::accounts::signin::PER_ADDRESS {
            let (status, _, _) = app
                .send(through_proxy(
                    &format!("nobody{i}@example.org"),
                    "wrong password",
                    "198.51.100.1",
                ))
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let (status, _, _) = app
            .send(through_proxy("rev@example.org", PASSWORD, "198.51.100.1"))
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "that client waits");
        // ...while another client behind the same proxy signs in. (The first entry of the header
        // is the client's own claim; only the proxy's last entry counts.)
        let (status, headers, body) = app
            .send(through_proxy("rev@example.org", PASSWORD, "198.51.100.2"))
            .await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{status} {body}"
        );
        assert!(headers.get(header::SET_COOKIE).is_some());
    }
);

on_both_databases!(
    an_admin_password_reset_lifts_the_accounts_throttle,
    |db: TestDb| async move {
        let app = TestApp::on(db).await;
        let admin = app.account("admin@example.org", Role::Admin).await;
        for _ in 0..services::accounts::signin::PER_ACCOUNT_FROM_ADDRESS {
            app.send(login_request(
                "rev@example.org",
                "wrong password",
                "/",
                "192.0.2.3",
            ))
            .await;
        }
        let (status, _, _) = app
            .send(login_request("rev@example.org", PASSWORD, "/", "192.0.2.3"))
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        let rev = services::accounts::users::list(&app.db.conn)
            .await
            .expect("users")
            .into_iter()
            .find(|u| u.email == "rev@example.org")
            .expect("rev");
        services::accounts::users::reset_password(
            &app.db.conn,
            rev.id,
            "a brand new password",
            &admin,
        )
        .await
        .expect("reset");
        let (status, headers, body) = app
            .send(login_request(
                "rev@example.org",
                "a brand new password",
                "/",
                "192.0.2.3",
            ))
            .await;
        assert!(
            status.is_success() || status.is_redirection(),
            "{status} {body}"
        );
        assert!(headers.get(header::SET_COOKIE).is_some());
    }
);

// 4. Open redirect after sign-in.
on_both_databases!(
    sign_in_sends_the_browser_only_to_this_site,
    |db: TestDb| async move {
        let app = TestApp::on(db).await;
        for (next, expected) in [
            ("/\t/evil.example", "/"),
            ("/\n/evil.example", "/"),
            ("/\\evil.example", "/"),
            ("//evil.example", "/"),
            ("/review?status=new", "/review?status=new"),
        ] {
            let (status, headers, body) = app
                .post_form(
                    app::api::accounts::auth::Login::PATH,
                    &[
                        ("email", "rev@example.org"),
                        ("password", PASSWORD),
                        ("next", next),
                    ],
                    "http://localhost",
                    None,
                )
                .await;
            assert!(status.is_redirection(), "{next:?}: {status} {body}");
            assert_eq!(
                headers.get(header::LOCATION).and_then(|v| v.to_str().ok()),
                Some(expected),
                "{next:?}"
            );
        }
    }
);

// 5. CSV formula injection.
on_both_databases!(csv_cells_are_never_formulas, |db: TestDb| async move {
    publish(&db).await;
    let app = TestApp::on(db.clone()).await;
    db.exec("UPDATE article SET title = '=HYPERLINK(\"https://evil.example\",\"x\")'")
        .await;
    // Text a reviewer or an article controls: the quote, the article's title and address.
    db.exec("UPDATE claim SET quote = '@SUM(1+1)'").await;
    // A tab in SQL: `char(9)` in SQLite, `chr(9)` in PostgreSQL.
    let tab = match db.backend() {
        sea_orm::DbBackend::Postgres => "chr(9)",
        _ => "char(9)",
    };
    db.exec(&format!("UPDATE article SET url = {tab} || '=1+2'"))
        .await;
    let (status, _, csv) = app.get("/claims.csv", None).await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let row = reader.records().next().expect("a row").expect("parses");
    let cell = |name: &str| {
        let i = headers.iter().position(|h| h == name).expect("column");
        row.get(i).expect("cell").to_owned()
    };
    assert_eq!(
        cell("article_title"),
        "'=HYPERLINK(\"https://evil.example\",\"x\")"
    );
    assert_eq!(cell("claim"), "'@SUM(1+1)");
    assert_eq!(cell("article_url"), "'\t=1+2");
    for c in row.iter() {
        assert!(
            !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "no cell is a formula: {c:?}"
        );
    }
});

async fn public_search(app: &TestApp, word: &str) -> usize {
    let (status, _, body) = app.get(&format!("/api/v1/claims?q={word}"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    v["items"].as_array().expect("items").len()
}

// 6. Public search revealed internal text.
on_both_databases!(
    public_search_finds_only_public_text,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let app = TestApp::on(db.clone()).await;
        assert_eq!(
            public_search(&app, RATIONALE_WORD).await,
            1,
            "the published rationale"
        );
        // A rejected proposal with its note, a pending proposal, and a source no verdict weighed.
        let (v, version) = propose(
            &db,
            p.claim.id,
            Rating::Mixed,
            "A draft that mentions quetzalcoatlus.",
            &p.reviewer,
        )
        .await;
        services::review::verdicts::reject(
            &db.conn,
            v.id,
            version,
            "Weak: see ornithopter.",
            &p.editor,
        )
        .await
        .expect("reject");
        services::review::sources::add(
            &db.conn,
            p.claim.id,
            &SourceInput {
                url: "https://example.org/unweighed".into(),
                title: "Thylacine sightings".into(),
                publisher: None,
                published_on: None,
                excerpt: "unweighed words".into(),
                stance: Stance::Context,
                kind: SourceKind::News,
                archived_text: None,
            },
            &p.reviewer,
        )
        .await
        .expect("source");
        propose(
            &db,
            p.claim.id,
            Rating::False,
            "Pending words: pangolinesque.",
            &p.reviewer,
        )
        .await;
        for secret in [
            "quetzalcoatlus",
            "ornithopter",
            "thylacine",
            "pangolinesque",
        ] {
            assert_eq!(public_search(&app, secret).await, 0, "{secret} is internal");
            let staff =
                services::search::matching(&db.conn, services::search::Scope::Staff, secret, 10)
                    .await
                    .expect("staff search");
            assert_eq!(staff, vec![p.claim.id], "staff still find {secret}");
        }
        assert_eq!(public_search(&app, RATIONALE_WORD).await, 1, "still found");
    }
);

// 7. Public JSON carried internal fields.
on_both_databases!(
    public_views_carry_only_public_fields,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let app = TestApp::on(db.clone()).await;
        let (v, version) = propose(
            &db,
            p.claim.id,
            Rating::True,
            "Confirmed twice.",
            &p.reviewer,
        )
        .await;
        services::review::verdicts::approve(
            &db.conn,
            v.id,
            version,
            "Editor-only remark: zebrafinch.",
            &p.editor,
        )
        .await
        .expect("approve");
        let (_, _, json) = app.get(&format!("/claims/{}.json", p.slug), None).await;
        let (_, _, api) = app.get(&format!("/api/v1/claims/{}", p.slug), None).await;
        let (_, _, list) = app.get("/api/v1/claims", None).await;
        let (_, _, verdicts) = app.get("/api/v1/verdicts", None).await;
        let (_, _, html) = app.get(&format!("/claims/{}", p.slug), None).await;
        let staff_ids = [p.reviewer.user_id, p.editor.user_id]
            .into_iter()
            .flatten()
            .map(|id| id.to_string());
        for (what, text) in [
            ("page JSON", &json),
            ("API claim", &api),
            ("API list", &list),
            ("API verdicts", &verdicts),
            ("page with its hydration data", &html),
        ] {
            let internal: &[&str] = if what.starts_with("page with") {
                // HTML has `role="status"` of its own; its hydration data is checked by name.
                &[
                    "decision_note",
                    "assignee_id",
                    "checkworthiness",
                    "zebrafinch",
                ]
            } else {
                &[
                    "decision_note",
                    "assignee_id",
                    "\"status\"",
                    "\"version\"",
                    "checkworthiness",
                    "zebrafinch",
                ]
            };
            for field in internal {
                assert!(!text.contains(field), "{what} shows {field}");
            }
            for id in staff_ids.clone() {
                assert!(!text.contains(&id), "{what} shows a staff id");
            }
        }
        let page: serde_json::Value = serde_json::from_str(&api).expect("json");
        assert_eq!(page["verdict"]["decided_by"]["name"], "Eddie Editor");
    }
);

// 8. API tokens lived forever.
on_both_databases!(
    tokens_expire_are_revoked_and_end_with_a_reset,
    |db: TestDb| async move {
        let app = TestApp::on(db.clone()).await;
        let admin = app.account("admin@example.org", Role::Admin).await;
        let make = |name: &'static str| {
            let conn = db.conn.clone();
            async move {
                services::accounts::tokens::create(
                    &conn,
                    "rev@example.org",
                    name,
                    30,
                    &Who::system("test"),
                )
                .await
                .expect("token")
            }
        };
        let works = |token: String| token_works(&app, token);
        // The owner lists and revokes their token on the tokens page's server functions.
        let first = make("importer").await;
        assert!(works(first.clone()).await);
        let cookie = app.sign_in().await;
        let (status, _, body) = app
            .post(
                app::api::accounts::tokens::ListTokens::PATH,
                FORM,
                "",
                Some(&cookie),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let listed: Vec<app::domain::TokenView> = serde_json::from_str(&body).expect("tokens");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].state, app::domain::TokenState::Active);
        assert!(
            !body.contains(&first),
            "the token itself is never shown again"
        );
        let (status, _, body) = app
            .post(
                app::api::accounts::tokens::RevokeToken::PATH,
                FORM,
                form_body(&[("id", &listed[0].id.to_string())]),
                Some(&cookie),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(!works(first).await, "a revoked token stops working");
        // An expired token stops working.
        let second = make("expiring").await;
        assert!(works(second.clone()).await);
        db.exec("UPDATE api_token SET expires_at = created_at WHERE name = 'expiring'")
            .await;
        assert!(!works(second).await, "an expired token stops working");
        // A password reset revokes the account's tokens.
        let third = make("before reset").await;
        assert!(works(third.clone()).await);
        let rev = services::accounts::users::find_by_email(&db.conn, "rev@example.org")
            .await
            .expect("db")
            .expect("rev");
        services::accounts::users::reset_password(
            &db.conn,
            rev.id,
            "another long password",
            &admin,
        )
        .await
        .expect("reset");
        assert!(!works(third).await, "a reset ends the tokens");
        let states: Vec<_> = services::accounts::tokens::list(&db.conn, None)
            .await
            .expect("list")
            .into_iter()
            .map(|t| t.state)
            .collect();
        assert!(
            states.iter().all(|s| *s != app::domain::TokenState::Active),
            "{states:?}"
        );
    }
);

/// Whether the API takes a bearer token.
async fn token_works(app: &TestApp, token: String) -> bool {
    let req = Request::get("/api/v1/articles")
        .header(header::HOST, "localhost")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    app.send(req).await.0 == StatusCode::OK
}

fn script_nonces(html: &str) -> Vec<String> {
    html.match_indices("<script")
        .filter_map(|(i, _)| {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
            tag.find("nonce=\"").map(|n| {
                let rest = &tag[n + 7..];
                rest[..rest.find('"').unwrap_or(rest.len())].to_owned()
            })
        })
        .collect()
}

/// Every `<script>` that a browser would run carries a nonce (JSON-LD is data, not run).
fn every_script_has_a_nonce(html: &str) {
    for (i, _) in html.match_indices("<script") {
        let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
        assert!(
            tag.contains("nonce=\"") || tag.contains("application/ld+json"),
            "a script without the nonce: {tag}"
        );
    }
}

fn policy_nonce(headers: &http::HeaderMap) -> String {
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .expect("a CSP")
        .to_owned();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .expect("script-src")
        .to_owned();
    assert!(!script_src.contains("'unsafe-inline'"), "{csp}");
    assert!(!csp.contains("ws:"), "{csp}");
    assert!(
        !csp.contains("https:"),
        "no image or script from any https site: {csp}"
    );
    let start = script_src.find("'nonce-").expect("a nonce") + 7;
    script_src[start..start + script_src[start..].find('\'').expect("quoted")].to_owned()
}

// 9. The CSP allowed inline scripts and remote images; rationales could hold images.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripts_run_only_with_the_nonce_and_rationales_load_nothing() {
    let db = TestDb::sqlite().await;
    let p = publish(&db).await;
    let app = TestApp::on(db.clone()).await;
    let (v, version) = propose(
        &db,
        p.claim.id,
        Rating::True,
        "Confirmed. <img src=x onerror=alert(1)> ![pixel](https://tracker.example/p.gif)",
        &p.reviewer,
    )
    .await;
    services::review::verdicts::approve(&db.conn, v.id, version, "", &p.editor)
        .await
        .expect("approve");
    // A newsroom page loads the application: its bootstrap carries the response's nonce.
    let cookie = app.sign_in_as("rita@example.org", PASSWORD).await;
    let (_, h1, home) = app.get("/", Some(&cookie)).await;
    let n1 = policy_nonce(&h1);
    let scripts = script_nonces(&home);
    assert!(!scripts.is_empty(), "the page has its bootstrap script");
    every_script_has_a_nonce(&home);
    assert!(scripts.iter().all(|n| *n == n1), "{scripts:?} vs {n1}");
    let (_, h2, _) = app.get("/", Some(&cookie)).await;
    assert_ne!(policy_nonce(&h2), n1, "a nonce per response");
    // The published page, rendered and then served from memory: a reader's page, it runs no
    // script at all (its JSON-LD is data), and still carries the policy.
    for _ in 0..2 {
        let (status, headers, page) = app.get(&format!("/claims/{}", p.slug), None).await;
        assert_eq!(status, StatusCode::OK);
        policy_nonce(&headers);
        assert!(script_nonces(&page).is_empty(), "no script to run");
        every_script_has_a_nonce(&page);
        assert!(page.contains("Confirmed."));
        for bad in ["<img", "onerror", "tracker.example"] {
            assert!(!page.contains(bad), "{bad} reached the page");
        }
    }
    db.drop_database().await;
}

// 10. The feed and the CSV were built on every request; form fields were read whole.
on_both_databases!(
    feed_and_csv_are_built_once_per_change,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let app = TestApp::on(db.clone()).await;
        for (path, rating) in [
            ("/feeds/claimreview.json", Rating::False),
            ("/claims.csv", Rating::Mixed),
        ] {
            let (status, headers, first) = app.get(path, None).await;
            assert_eq!(status, StatusCode::OK);
            let etag = headers
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .expect("an ETag")
                .to_owned();
            let (_, again, second) = app.get(path, None).await;
            assert_eq!(first, second, "{path} is the same build");
            assert_eq!(
                again.get(header::ETAG).and_then(|v| v.to_str().ok()),
                Some(etag.as_str())
            );
            let req = Request::get(path)
                .header(header::HOST, "localhost")
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .expect("request");
            assert_eq!(app.send(req).await.0, StatusCode::NOT_MODIFIED);
            // A change shows at once.
            let (v, version) = propose(&db, p.claim.id, rating, "Recounted.", &p.reviewer).await;
            services::review::verdicts::approve(&db.conn, v.id, version, "", &p.editor)
                .await
                .expect("approve");
            let (_, changed, body) = app.get(path, None).await;
            assert_ne!(
                changed.get(header::ETAG).and_then(|v| v.to_str().ok()),
                Some(etag.as_str())
            );
            assert!(
                body.contains(rating.as_str()) || body.contains(rating.label()),
                "{path} shows the change"
            );
        }
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn form_fields_and_bodies_are_bounded_as_they_arrive() {
    let app = TestApp::new().await;
    let cookie = app.sign_in().await;
    let boundary = "XBOUNDARY";
    let big = "u".repeat(200 * 1024);
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\n{big}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nSome words.\r\n--{boundary}--\r\n"
    );
    let (status, _, answer) = app
        .post(
            app::api::articles::intake::UploadArticle::PATH,
            &format!("multipart/form-data; boundary={boundary}"),
            body,
            Some(&cookie),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer.contains("longer than 16 KB"), "{answer}");
    // A body past the request limit is refused before it is read whole, server functions too.
    let text = "x".repeat(9 * 1024 * 1024);
    let body = form_body(&[
        ("title", "t"),
        ("url", ""),
        ("publisher", ""),
        ("text", &text),
    ]);
    let req = Request::post(app::api::articles::intake::IngestArticle::PATH)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, FORM)
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::COOKIE, &cookie)
        .body(Body::from(body))
        .expect("request");
    assert_eq!(app.send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    app.db.clone().drop_database().await;
}

// 12. An upload without a multipart boundary panicked in server_fn's codec (anyone could send
// one: the body is read before the sign-in check), and a form with a malformed or missing
// field answered 500 as if the server had failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_are_the_senders_mistake_not_a_server_failure() {
    let app = TestApp::new().await;
    let cookie = app.sign_in().await;
    for path in [
        app::api::articles::intake::UploadArticle::PATH,
        app::api::review::sources::UploadSourceCopy::PATH,
        app::api::matching::ImportFactChecks::PATH,
    ] {
        for (content_type, cookie) in [
            (FORM, None),
            ("multipart/form-data", None),
            ("multipart/form-data", Some(cookie.as_str())),
            ("text/plain; boundary=x", Some(cookie.as_str())),
        ] {
            let (status, _, answer) = app.post(path, content_type, "x=1", cookie).await;
            assert_eq!(
                status,
                StatusCode::BAD_REQUEST,
                "{path} {content_type}: {answer}"
            );
            assert!(answer.contains("multipart/form-data"), "{answer}");
        }
    }
    // A claim id that is no id, a version that is no number, a field left out.
    let path = app::api::review::workspace::AssignClaim::PATH;
    for body in [
        "id=abc&version=1&to=me",
        "id=0190a4c2-0000-7000-8000-000000000000&version=99999999999999999999&to=me",
        "version=1&to=me",
    ] {
        for cookie in [None, Some(cookie.as_str())] {
            let (status, _, answer) = app.post(path, FORM, body, cookie).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
            assert!(answer.contains("arrived incomplete"), "{answer}");
        }
    }
    app.db.clone().drop_database().await;
}

// 11. Import trusted the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_refuses_a_file_changed_after_export() {
    let db = TestDb::sqlite().await;
    publish(&db).await;
    let mut out = Vec::new();
    server::dump::export(&db.conn, &mut out)
        .await
        .expect("export");
    let text = String::from_utf8(out.clone()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    let signature = *lines.last().expect("signature line");
    assert!(signature.starts_with("{\"signature\":"), "{signature}");
    let import = |bytes: Vec<u8>| async move {
        let fresh = TestDb::sqlite().await;
        let r =
            server::dump::import(&fresh.conn, bytes.as_slice(), server::dump::Trust::Signed).await;
        let users = fresh.scalar("SELECT COUNT(*) FROM \"user\"").await;
        fresh.drop_database().await;
        (r, users)
    };
    // The untouched file restores.
    let (ok, _) = import(out.clone()).await;
    assert!(ok.is_ok(), "{ok:?}");
    // An admin slipped in (an account row and a matching, correctly chained audit event).
    let user_line = lines
        .iter()
        .find(|l| l.contains("\"table\":\"user\""))
        .expect("a user row");
    let mut admin: serde_json::Value = serde_json::from_str(user_line).expect("json");
    admin["row"]["id"] = serde_json::json!(uuid::Uuid::now_v7());
    admin["row"]["email"] = serde_json::json!("intruder@evil.example");
    admin["row"]["role"] = serde_json::json!("admin");
    let mut forged: Vec<String> = lines[..lines.len() - 1]
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    forged.insert(2, admin.to_string());
    forged.push(signature.to_owned());
    let (refused, users) = import((forged.join("\n") + "\n").into_bytes()).await;
    let why = refused.expect_err("refused").to_string();
    assert!(why.contains("signature does not hold"), "{why}");
    assert_eq!(users, 0, "nothing was imported");
    // A file without its signature is refused too.
    let unsigned = lines[..lines.len() - 1].join("\n") + "\n";
    let (refused, _) = import(unsigned.into_bytes()).await;
    assert!(
        refused.is_err_and(|e| e.to_string().contains("not signed")),
        "an unsigned file is refused"
    );
    // The trail rewritten whole in the database, every hash recomputed so the chain links:
    // the anchors, made with a key the database does not hold, give it away.
    let mut prev = services::audit::GENESIS.to_owned();
    let events = app::server::entities::audit_event::Entity::find()
        .order_by_asc(app::server::entities::audit_event::Column::Seq)
        .all(&db.conn)
        .await
        .expect("events");
    for mut e in events {
        e.actor_label = "someone else".into();
        e.prev_hash = prev.clone();
        e.hash = services::audit::hash_event(&e);
        prev = e.hash.clone();
        let mut active: app::server::entities::audit_event::ActiveModel = e.into();
        active.actor_label = sea_orm::ActiveValue::Set("someone else".into());
        active.prev_hash = sea_orm::ActiveValue::Set(active.prev_hash.clone().unwrap());
        active.hash = sea_orm::ActiveValue::Set(active.hash.clone().unwrap());
        sea_orm::ActiveModelTrait::update(active, &db.conn)
            .await
            .expect("rewrite");
    }
    assert_eq!(
        services::audit::verify_links(&db.conn)
            .await
            .expect("links")
            .first_broken,
        None,
        "the rewritten chain links up"
    );
    let report = services::audit::verify_chain(&db.conn)
        .await
        .expect("verify");
    assert_eq!(report.first_broken, Some(1));
    assert!(
        report
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("audit key")),
        "{report:?}"
    );
    db.drop_database().await;
}
