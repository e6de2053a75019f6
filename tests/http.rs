//! HTTP tests through the real router (tower's `oneshot`), with forms encoded as `<ActionForm>`
//! sends them. Pages, sign-in, CSRF defence, headers and the JSON API.

use app::server::services::{self, Who, articles::intake::NewArticle};
use axum::body::Body;
use claimtrail_tests::{TestApp, json_request};
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;

const DEMO_ARTICLE: &str = include_str!("fixtures/articles/port-ardent-demo-2026-05-15.txt");

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::new().await;
    let (status, _, body) = app.get("/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["database"]["backend"], "sqlite");
    assert_eq!(v["database"]["ok"], true);
}

#[tokio::test]
async fn pages_carry_security_headers_and_unknown_paths_are_404() {
    let app = TestApp::new().await;
    let (status, headers, body) = app.get("/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Sign in to the newsroom"),
        "anonymous visitors get the welcome"
    );
    for h in [
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
    ] {
        assert!(headers.contains_key(h), "missing {h}");
    }
    let (status, _, body) = app.get("/no/such/page", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Not found"));
}

#[tokio::test]
async fn articles_need_sign_in_and_show_highlighted_claims() {
    let app = TestApp::new().await;
    let out = services::articles::intake::ingest(
        &app.db.conn,
        NewArticle {
            text: DEMO_ARTICLE.into(),
            ..Default::default()
        },
        &Who::system("test"),
    )
    .await
    .expect("ingest");
    let path = format!("/articles/{}", out.article_id);
    let (status, _, body) = app.get(&path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("Please sign in"));
    assert!(
        !body.contains("killing at least 41"),
        "no article text for anonymous visitors"
    );

    let cookie = app.sign_in().await;
    let (status, _, body) = app.get(&path, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("claim-mark kind-casualty"));
    assert!(body.contains("claim-mark kind-denial"));
    assert!(body.contains("Dravian officials"));
    // The kind filter works as a plain link.
    let denials = services::articles::get(&app.db.conn, out.article_id)
        .await
        .expect("get")
        .claims
        .iter()
        .filter(|c| c.kind == app::domain::ClaimKind::Denial)
        .count();
    assert!(denials >= 1 && denials < out.claim_count as usize);
    let (_, _, filtered) = app.get(&format!("{path}?kind=denial"), Some(&cookie)).await;
    assert_eq!(
        filtered.matches("class=\"claim-card kind-").count(),
        denials
    );
    assert_eq!(
        filtered.matches("class=\"claim-card kind-denial").count(),
        denials
    );
    assert_eq!(
        body.matches("class=\"claim-card kind-").count(),
        out.claim_count as usize
    );
}

#[tokio::test]
async fn article_text_is_rendered_as_text_never_markup() {
    let app = TestApp::new().await;
    let text = "Police said <script>alert('x')</script> 12 people were killed.\n\n<img src=x onerror=alert(1)> More.";
    let out = services::articles::intake::ingest(
        &app.db.conn,
        NewArticle {
            title: Some("<i>t</i></title><script>alert(2)</script>".into()),
            text: text.into(),
            ..Default::default()
        },
        &Who::system("test"),
    )
    .await
    .expect("ingest");
    let cookie = app.sign_in().await;
    let (_, _, body) = app
        .get(&format!("/articles/{}", out.article_id), Some(&cookie))
        .await;
    assert!(body.contains("&lt;script&gt;alert"), "escaped");
    assert!(!body.contains("<script>alert('x')"));
    assert!(!body.contains("<img src=x"));
    assert!(!body.contains("<i>t</i>"));
    assert!(
        !body.contains("<script>alert(2)"),
        "the title must not break out of <title>"
    );
    assert!(body.contains("<title>&lt;i&gt;t&lt;/i&gt;&lt;/title&gt;&lt;script&gt;alert(2)"));
}

#[tokio::test]
async fn pasting_an_article_without_javascript_stores_it_and_opens_it() {
    let app = TestApp::new().await;
    let cookie = app.sign_in().await;
    let (status, headers, body) = app
        .post_form(
            app::api::articles::intake::IngestArticle::PATH,
            &[
                ("title", ""),
                ("url", "https://demo.example/port-ardent"),
                ("publisher", ""),
                ("text", DEMO_ARTICLE),
            ],
            "http://localhost",
            Some(&cookie),
        )
        .await;
    assert!(status.is_redirection(), "{status}: {body}");
    let location = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("location");
    assert!(location.starts_with("/articles/"), "{location}");
    assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 1);
    let (status, _, page) = app.get(location, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Gunmen Storm Concert Hall in Port Ardent"));
}

#[tokio::test]
async fn anonymous_and_cross_site_writes_change_nothing() {
    let app = TestApp::new().await;
    // No session: refused.
    let (status, _, _) = app
        .post_form(
            app::api::articles::intake::IngestArticle::PATH,
            &[
                ("title", "t"),
                ("url", ""),
                ("publisher", ""),
                ("text", DEMO_ARTICLE),
            ],
            "http://localhost",
            None,
        )
        .await;
    assert!(!status.is_success() || status.is_redirection());
    // A real session, but the form was posted from another site: refused before it runs.
    let cookie = app.sign_in().await;
    let (status, _, body) = app
        .post_form(
            app::api::articles::intake::IngestArticle::PATH,
            &[
                ("title", "t"),
                ("url", ""),
                ("publisher", ""),
                ("text", DEMO_ARTICLE),
            ],
            "https://evil.example",
            Some(&cookie),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("another site"));
    assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 0);
}

#[tokio::test]
async fn extract_api_returns_stable_json_with_exact_spans() {
    let app = TestApp::new().await;
    let req = json_request(
        "/api/v1/extract",
        serde_json::json!({ "body": DEMO_ARTICLE }).to_string(),
        None,
    );
    let (status, _, body) = app.send(req).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let claims = v["claims"].as_array().expect("claims array");
    assert!(claims.len() >= 15);
    let chars: Vec<char> = DEMO_ARTICLE.chars().collect();
    for c in claims {
        let (s, e) = (
            c["span"]["start"].as_u64().expect("start") as usize,
            c["span"]["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            c["quote"].as_str().expect("quote")
        );
        for key in [
            "kind",
            "prefix",
            "suffix",
            "figures",
            "claimant",
            "target",
            "hedged",
            "checkworthiness",
        ] {
            assert!(c.get(key).is_some(), "missing {key}");
        }
    }
    let casualty = claims
        .iter()
        .find(|c| {
            c["quote"]
                .as_str()
                .is_some_and(|q| q.contains("killing at least 41"))
        })
        .expect("casualty");
    assert_eq!(
        casualty["figures"][0],
        serde_json::json!({"value": 41, "qualifier": "at_least", "category": "killed", "text": "at least 41 people"})
    );

    let bad = json_request("/api/v1/extract", "{\"body\": ", None);
    let (status, _, body) = app.send(bad).await;
    assert!(status.is_client_error(), "{status}");
    assert!(body.contains("error"));

    let big = json_request(
        "/api/v1/extract",
        serde_json::json!({ "body": "x".repeat(3 * 1024 * 1024) }).to_string(),
        None,
    );
    let (status, _, _) = app.send(big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_articles_api_needs_a_token_and_validates_its_input() {
    let app = TestApp::new().await;
    let token = app.token("rev@example.org", "test importer").await;
    let post = |auth: Option<String>, body: serde_json::Value| {
        json_request("/api/v1/articles", body.to_string(), auth.as_deref())
    };
    let article = serde_json::json!({"title": "Port Ardent", "url": "https://example.org/port-ardent", "published_at": "2026-05-15T18:20:00Z", "body": DEMO_ARTICLE});

    let (status, _, body) = app.send(post(None, article.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _, _) = app
        .send(post(Some("Bearer ct_forged".into()), article.clone()))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let bad_url = serde_json::json!({"title": "x", "url": "javascript:alert(1)", "body": "Some text that is long enough."});
    let (status, _, body) = app
        .send(post(Some(format!("Bearer {token}")), bad_url))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("http"), "{body}");
    let unknown_field = serde_json::json!({"title": "x", "bogus": 1, "body": "text"});
    let (status, _, _) = app
        .send(post(Some(format!("Bearer {token}")), unknown_field))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 0);

    let (status, _, body) = app
        .send(post(Some(format!("Bearer {token}")), article.clone()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["duplicate"], false);
    assert_eq!(v["filed"], true);
    assert!(v["claim_count"].as_u64().expect("count") >= 15);
    let (status, _, body) = app
        .send(post(Some(format!("Bearer {token}")), article))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"duplicate\":true"));
    assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 1);
    // The API caller is recorded once for the article and once for filing it into its story;
    // the duplicate adds nothing.
    for action in ["article.ingest", "provenance.assign"] {
        assert_eq!(
            app.db
                .scalar(&format!(
                    "SELECT COUNT(*) FROM audit_event WHERE actor_label = 'rev@example.org (API)' AND action = '{action}'"
                ))
                .await,
            1,
            "{action}"
        );
    }
}

claimtrail_tests::on_both_databases!(
    an_article_stored_but_not_filed_says_so_to_the_api_and_on_its_page,
    |db: claimtrail_tests::TestDb| async move {
        let app = TestApp::on(db).await;
        let token = app.token("rev@example.org", "test importer").await;
        let cookie = app.sign_in().await;
        let post = || {
            json_request(
                "/api/v1/articles",
                serde_json::json!({"title": "Port Ardent", "body": DEMO_ARTICLE}).to_string(),
                Some(&format!("Bearer {token}")),
            )
        };
        // Filing fails after the article is stored: the caller is told, and so is the reader
        // of the article's page.
        app.db.block_filing().await;
        let (status, _, body) = app.send(post()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(
            (v["duplicate"].as_bool(), v["filed"].as_bool()),
            (Some(false), Some(false))
        );
        assert!(
            v["claim_count"].as_u64().expect("count") > 0,
            "the claims are stored"
        );
        let id = v["article_id"].as_str().expect("id").to_owned();
        let (status, _, page) = app.get(&format!("/articles/{id}"), Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Not filed into a story yet"), "{page}");
        assert!(!page.contains("/review/stories/"));
        // "File it now" while filing still fails: the refusal is shown on the page, and the
        // article stays as it was.
        let page_path = format!("/articles/{id}");
        let form = [("article_id", id.as_str())];
        let path = app::api::provenance::FileArticle::PATH;
        let (_, html) = app.refused_from(&page_path, path, &form, &cookie).await;
        assert!(html.contains("Something went wrong on our side"), "{html}");
        assert!(html.contains("Not filed into a story yet"));
        // Once filing works, the same button files it, and the page names its story.
        app.db.unblock_filing().await;
        let (location, html) = app.submit_from(&page_path, path, &form, &cookie).await;
        assert!(location.starts_with(&page_path), "{location}");
        let story =
            services::provenance::views::story_of_article(&app.db.conn, id.parse().expect("uuid"))
                .await
                .expect("story")
                .expect("filed now");
        assert!(!html.contains("Not filed into a story yet"));
        assert!(
            html.contains(&format!("href=\"/review/stories/{}\"", story.id)),
            "the page links its story"
        );
        // The same text sent again is the stored copy, filed.
        let (status, _, body) = app.send(post()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(
            (v["duplicate"].as_bool(), v["filed"].as_bool()),
            (Some(true), Some(true))
        );
        assert_eq!(v["article_id"].as_str(), Some(id.as_str()));
    }
);

#[tokio::test]
async fn uploading_files_stores_html_as_text_and_refuses_bad_files_specifically() {
    let app = TestApp::new().await;
    let cookie = app.sign_in().await;
    let upload = |name: &str, content: &[u8]| {
        claimtrail_tests::upload_request(
            app::api::articles::intake::UploadArticle::PATH,
            "http://localhost/articles/new",
            &cookie,
            name,
            content,
            &[("url", "")],
        )
    };
    let page = "<html><head><title>Blast kills 4</title><script>steal()</script></head><body><nav>Home | World</nav>\
        <article><h1>Blast kills 4 at depot</h1><p>An explosion at a fuel depot on Monday killed at least four workers and injured nine others, the fire service said in a statement.</p>\
        <p>Investigators said they had not ruled out sabotage and that two men had been detained for questioning near the site on Monday evening.</p></article></body></html>";
    let (status, headers, body) = app.send(upload("depot.html", page.as_bytes())).await;
    assert!(status.is_redirection(), "{status} {body}");
    let location = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/articles/"), "{location}");
    let (_, _, article) = app.get(&location, Some(&cookie)).await;
    assert!(article.contains("killed at least four workers"));
    assert!(!article.contains("steal()"));
    assert!(article.contains("claim-mark kind-casualty"));

    // A PDF, binary data and invalid UTF-8 are refused with what is wrong, and store nothing.
    for (name, content, expected) in [
        ("report.pdf", b"%PDF-1.7 ...".to_vec(), "not supported"),
        ("notes.txt", b"abc\0def".to_vec(), "binary"),
        (
            "latin1.txt",
            vec![b'c', b'a', b'f', 0xe9, b' ', b'x'],
            "not UTF-8",
        ),
    ] {
        let (status, headers, _) = app.send(upload(name, &content)).await;
        assert!(status.is_redirection(), "{name}: {status}");
        let back = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("location")
            .to_owned();
        assert!(
            back.starts_with("http://localhost/articles/new") && back.contains("__err"),
            "{back}"
        );
        let path = back.trim_start_matches("http://localhost");
        let (_, _, page) = app.get(path, Some(&cookie)).await;
        assert!(
            page.contains(expected),
            "{name}: the page should say '{expected}'"
        );
    }
    assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 1);
}

#[tokio::test]
async fn details_typed_with_an_article_win_over_those_in_its_text() {
    let app = TestApp::new().await;
    let cookie = app.sign_in().await;
    let opened = |headers: &http::HeaderMap| {
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("location");
        location
            .trim_start_matches("/articles/")
            .split('?')
            .next()
            .and_then(|s| uuid::Uuid::parse_str(s).ok())
            .unwrap_or_else(|| panic!("an article's address: {location}"))
    };
    // Pasted, with a publication date.
    let (status, headers, body) = app
        .post_form(
            app::api::articles::intake::IngestArticle::PATH,
            &[
                ("title", ""),
                ("url", ""),
                ("publisher", ""),
                ("text", DEMO_ARTICLE),
                ("published_on", "2026-05-17"),
            ],
            "http://localhost",
            Some(&cookie),
        )
        .await;
    assert!(status.is_redirection(), "{status}: {body}");
    let pasted = services::articles::get(&app.db.conn, opened(&headers))
        .await
        .expect("article");
    assert_eq!(pasted.published_on.as_deref(), Some("2026-05-17"));

    // Uploaded with a header: a typed title and date win, the rest comes from the header.
    let file = "TITLE: Depot fire\nPUBLISHER: Wire One\nDATE: 2026-03-02\nURL: https://wire.example/depot\n\n\
                A fire at the fuel depot on Monday injured nine workers, the fire service said.\n\n\
                Two men were detained near the site on Monday evening, police said.\n";
    let upload = |fields: &[(&str, &str)]| {
        claimtrail_tests::upload_request(
            app::api::articles::intake::UploadArticle::PATH,
            "http://localhost/articles/new",
            &cookie,
            "depot.txt",
            file.as_bytes(),
            fields,
        )
    };
    // A date that is not one is refused and nothing is stored.
    let (status, headers, _) = app
        .send(upload(&[("url", ""), ("published_on", "yesterday")]))
        .await;
    assert!(status.is_redirection(), "{status}");
    let back = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(back.contains("__err"), "{back}");
    assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 1);
    let (status, headers, body) = app
        .send(upload(&[
            ("title", "Fuel depot fire injures nine"),
            ("url", ""),
            ("publisher", " "),
            ("published_on", "2026-03-03"),
        ]))
        .await;
    assert!(status.is_redirection(), "{status}: {body}");
    let uploaded = services::articles::get(&app.db.conn, opened(&headers))
        .await
        .expect("article");
    assert_eq!(uploaded.title, "Fuel depot fire injures nine");
    assert_eq!(uploaded.publisher.as_deref(), Some("Wire One"));
    assert_eq!(uploaded.published_on.as_deref(), Some("2026-03-03"));
    assert_eq!(uploaded.url.as_deref(), Some("https://wire.example/depot"));
    // The header's labels are not text to check; the headline stays (headlines make claims).
    assert!(
        uploaded.body.contains("A fire at the fuel depot")
            && !uploaded.body.contains("PUBLISHER:")
            && !uploaded.body.contains("https://wire.example"),
        "{}",
        uploaded.body
    );
}

/// Building a router while another one renders a page must never stall that page. Leptos marks
/// resources as "do not load" process-wide while it walks the app to list its routes, and a
/// resource first polled inside that window never resolves (leptos#4773); the router therefore
/// lists the routes once per process. Tests build many routers side by side, as this one does.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn building_routers_never_stalls_a_page_being_rendered() {
    let app = TestApp::new().await;
    let builder = tokio::spawn(async {
        for _ in 0..20 {
            let _ = TestApp::new().await;
        }
    });
    let mut n = 0;
    while !builder.is_finished() || n < 20 {
        let answer =
            tokio::time::timeout(std::time::Duration::from_secs(10), app.get("/admin", None)).await;
        let (status, _, _) = answer.expect("the page answered within 10 s");
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        n += 1;
    }
    builder.await.expect("routers built");
}

claimtrail_tests::on_both_databases!(
    the_reviewers_day_has_no_dead_ends,
    |db: claimtrail_tests::TestDb| async move {
        // A claim taken to publication, then the pages a reviewer moves between.
        let p = claimtrail_tests::workflow::publish(&db).await;
        let app = TestApp::on(db).await;
        let cookie = app.sign_in().await;

        // Figures are corrected as rows (a number, how it counts, what is counted), without
        // JavaScript too; a blank row adds nothing.
        let (_, _, page) = app
            .get(&format!("/articles/{}", p.claim.article_id), Some(&cookie))
            .await;
        // A claim still waiting that overlaps no other (overlapping claims share one mark).
        let all = services::articles::get(&app.db.conn, p.claim.article_id)
            .await
            .expect("article")
            .claims;
        let target = all
            .iter()
            .find(|c| {
                c.id != p.claim.id
                    && c.status == app::domain::ReviewStatus::New
                    && all
                        .iter()
                        .filter(|o| o.id != c.id)
                        .all(|o| o.span.end <= c.span.start || o.span.start >= c.span.end)
            })
            .expect("a waiting claim of its own in the text")
            .clone();
        assert!(page.contains(&format!("href=\"#claim-{}\"", target.id)));
        assert!(page.contains(&format!("id=\"figure-{}-0-value\"", target.id)));
        let id = target.id.to_string();
        let version = target.version.to_string();
        let (status, _, body) = app
            .post_form(
                app::api::review::curation::SetClaimFigures::PATH,
                &[
                    ("id", &id),
                    ("version", &version),
                    ("rows[0][value]", "1,200"),
                    ("rows[0][qualifier]", "at_least"),
                    ("rows[0][category]", "injured"),
                    ("rows[1][value]", ""),
                    ("rows[1][qualifier]", "exact"),
                    ("rows[1][category]", ""),
                ],
                "http://localhost",
                Some(&cookie),
            )
            .await;
        assert!(status.is_redirection(), "{status} {body}");
        let now = services::claim_record::view(&app.db.conn, target.id)
            .await
            .expect("claim");
        assert_eq!(now.figures.len(), 1);
        assert_eq!(now.figures[0].text, "at least 1200 injured");

        // A claim dismissed with a reason.
        services::review::curation::set_dismissed(
            &app.db.conn,
            target.id,
            now.version,
            true,
            "an opinion, not a checkable claim",
            &p.reviewer,
        )
        .await
        .expect("dismiss");

        // The article page links each claim to its workspace, and says why a claim was
        // dismissed; the dismissed claim is marked as such in the text.
        let (status, _, page) = app
            .get(&format!("/articles/{}", p.claim.article_id), Some(&cookie))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&format!("href=\"/review/claims/{}\"", p.claim.id)));
        // (Leptos marks text boundaries with `<!>`.)
        assert!(
            page.replace("<!>", "")
                .contains("Dismissed: an opinion, not a checkable claim"),
            "the reason is shown"
        );
        let mark = page
            .find(&format!("href=\"#claim-{}\"", target.id))
            .unwrap_or_else(|| {
                panic!(
                    "the dismissed claim is marked in the text: {}",
                    page.replace("<!>", "")
                )
            });
        let start = page[..mark].rfind("<a").expect("its link");
        let end = mark + page[mark..].find('>').expect("its tag");
        assert!(
            page[start..end].contains("claim-mark dismissed"),
            "marked as dismissed: {}",
            &page[start..end]
        );

        // A published claim's workspace links to the public fact-check; an unpublished one's
        // does not.
        let (_, _, ws) = app
            .get(&format!("/review/claims/{}", p.claim.id), Some(&cookie))
            .await;
        assert!(
            ws.contains(&format!("href=\"/claims/{}\"", p.slug)),
            "public link"
        );
        assert!(ws.contains("<h1"), "the workspace has a heading");
        let (status, _, _) = app.get(&format!("/claims/{}", p.slug), None).await;
        assert_eq!(status, StatusCode::OK, "the link leads to the fact-check");
        let (_, _, other) = app
            .get(
                &format!("/review/claims/{}", p.unpublished.id),
                Some(&cookie),
            )
            .await;
        assert!(!other.contains("Read the published fact-check"));

        // Pasting the same text again says it opened the stored copy.
        let paste = |cookie: &str| {
            let body = claimtrail_tests::form_body(&[
                ("title", ""),
                ("url", ""),
                ("publisher", ""),
                ("text", DEMO_ARTICLE),
            ]);
            Request::post(app::api::articles::intake::IngestArticle::PATH)
                .header(header::HOST, "localhost")
                .header(header::ORIGIN, "http://localhost")
                .header(header::REFERER, "http://localhost/articles/new")
                .header(header::ACCEPT, "text/html")
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request")
        };
        let (status, headers, _) = app.send(paste(&cookie)).await;
        assert!(status.is_redirection());
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("location")
            .to_owned();
        assert_eq!(
            location,
            format!("/articles/{}?duplicate=1", p.claim.article_id)
        );
        let (_, _, page) = app.get(&location, Some(&cookie)).await;
        assert!(page.contains("This text was already stored"));
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM article").await, 1);
    }
);

// Without JavaScript a refused form is sent back to its page with the reason; it comes back
// filled in as it was typed, never with a password.
claimtrail_tests::on_both_databases!(
    a_form_refused_without_javascript_comes_back_as_it_was_typed,
    |db: claimtrail_tests::TestDb| async move {
        let app = TestApp::on(db).await;
        let cookie = app.sign_in().await;
        // An article whose address is not http: the text, title and address come back.
        let text =
            "Officials in Lowmere said 14 people were hurt when a footbridge gave way on Sunday.";
        let (at, html) = app
            .refused_from(
                "/articles/new",
                app::api::articles::intake::IngestArticle::PATH,
                &[
                    ("title", "Footbridge gives way"),
                    ("url", "ftp://files.example/bridge"),
                    ("publisher", "The Lowmere Ledger"),
                    ("text", text),
                ],
                &cookie,
            )
            .await;
        assert!(at.contains("__typed="), "{at}");
        assert!(html.contains("http"), "the reason is shown: {html}");
        for kept in [
            "value=\"Footbridge gives way\"",
            "value=\"ftp://files.example/bridge\"",
            "value=\"The Lowmere Ledger\"",
            &format!(">{text}</textarea>"),
        ] {
            assert!(html.contains(kept), "{kept} in {html}");
        }
        assert_eq!(
            app.db.scalar("SELECT COUNT(*) FROM article").await,
            0,
            "nothing was stored"
        );
        // A wrong password: the email comes back, the password nowhere.
        let (at, html) = app
            .refused_from(
                "/login",
                app::api::accounts::auth::Login::PATH,
                &[
                    ("email", "rev@example.org"),
                    ("password", "not the password at all"),
                    ("next", "/review"),
                ],
                "",
            )
            .await;
        assert!(html.contains("value=\"rev@example.org\""), "{html}");
        let carried =
            url::form_urlencoded::parse(&at.as_bytes()[at.find('?').expect("query") + 1..])
                .find(|(k, _)| k == app::domain::addresses::TYPED_KEY)
                .map(|(_, v)| app::domain::addresses::typed_from_address(&v))
                .expect("carried");
        assert!(carried.iter().any(|(k, _)| k == "email"), "{carried:?}");
        assert!(!carried.iter().any(|(k, _)| k == "password"), "{carried:?}");
        assert!(!html.contains("not the password at all"));
        // Without a refusal beside it, a link carrying typed values fills nothing in.
        let (path, query) = at.split_once('?').expect("query");
        let no_refusal: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                url::form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "__err"),
            )
            .finish();
        let (_, _, plain) = app.get(&format!("{path}?{no_refusal}"), None).await;
        assert!(plain.contains("id=\"email\""), "{plain}");
        assert!(!plain.contains("value=\"rev@example.org\""), "{plain}");
        // A verdict proposed without sources: the rating and the rationale come back, the
        // form open.
        let (_, claims) = claimtrail_tests::workflow::demo_article(&app.db, None).await;
        let claim = claims[0].id.to_string();
        let workspace = format!("/review/claims/{claim}");
        let rationale = "The council's own minutes give another count.";
        let (_, html) = app
            .refused_from(
                &workspace,
                app::api::review::verdicts::ProposeVerdict::PATH,
                &[
                    ("claim_id", claim.as_str()),
                    ("version", "1"),
                    ("rating", "false"),
                    ("rationale", rationale),
                ],
                &cookie,
            )
            .await;
        assert!(html.contains(&format!(">{rationale}</textarea>")), "{html}");
        assert!(html.contains("value=\"false\" selected"), "{html}");
        assert!(html.contains("<details open class=\"propose\">"), "{html}");
        // Another page's form is not filled in from this refusal.
        let (_, _, other) = app
            .get(
                &format!("/articles/new{}", &at[at.find('?').expect("query")..]),
                Some(&cookie),
            )
            .await;
        assert!(!other.contains("value=\"rev@example.org\""));
    }
);
