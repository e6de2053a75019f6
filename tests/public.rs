//! Published fact-checks, on SQLite and PostgreSQL: the public page read without JavaScript,
//! its ClaimReview markup checked against Google's fact-check rules, caching (ETag, 304,
//! invalidation on change), the canonical address, the JSON, card, feed, CSV and read API,
//! full-text search by a word of the rationale, and the export/import round trip.

use app::domain::Rating;
use app::server::services;
use claimtrail_tests::workflow::{RATIONALE_WORD, publish, publish_second};
use claimtrail_tests::{TestApp, TestDb, on_both_databases};
use http::{StatusCode, header};
use serde_json::Value;

/// Checks a ClaimReview against Google's fact-check markup: the required and recommended
/// properties, their types, and a rating inside its own scale.
fn check_claim_review(cr: &Value) {
    let s = |v: &Value, what: &str| -> String {
        v.as_str()
            .filter(|x| !x.trim().is_empty())
            .unwrap_or_else(|| panic!("{what} must be a non-empty string: {cr}"))
            .to_owned()
    };
    assert_eq!(cr["@context"], "https://schema.org");
    assert_eq!(cr["@type"], "ClaimReview");
    s(&cr["claimReviewed"], "claimReviewed");
    let url = s(&cr["url"], "url");
    assert!(
        url.starts_with("http://") || url.starts_with("https://"),
        "absolute url: {url}"
    );
    let date = s(&cr["datePublished"], "datePublished");
    assert!(
        chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").is_ok(),
        "ISO date: {date}"
    );
    assert_eq!(cr["author"]["@type"], "Organization");
    s(&cr["author"]["name"], "author.name");
    let r = &cr["reviewRating"];
    assert_eq!(r["@type"], "Rating");
    s(&r["alternateName"], "reviewRating.alternateName");
    let (value, best, worst) = (
        r["ratingValue"].as_i64(),
        r["bestRating"].as_i64(),
        r["worstRating"].as_i64(),
    );
    let (value, best, worst) = (
        value.expect("ratingValue"),
        best.expect("bestRating"),
        worst.expect("worstRating"),
    );
    assert!(
        worst < best && (worst..=best).contains(&value),
        "{value} within {worst}..={best}"
    );
    let item = &cr["itemReviewed"];
    assert_eq!(item["@type"], "Claim");
    assert!(item["author"]["@type"] == "Person" || item["author"]["@type"] == "Organization");
    s(&item["author"]["name"], "itemReviewed.author.name");
    s(&item["datePublished"], "itemReviewed.datePublished");
    let appearance = item["appearance"].as_array().expect("appearance is a list");
    assert!(!appearance.is_empty());
    for a in appearance.iter().chain([&item["firstAppearance"]]) {
        assert_eq!(a["@type"], "CreativeWork");
        assert!(s(&a["url"], "appearance.url").starts_with("http"));
    }
}

fn json_ld_of(page: &str) -> Value {
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD in the page");
    let rest = &page[start + "<script type=\"application/ld+json\">".len()..];
    let end = rest.find("</script>").expect("end of JSON-LD");
    serde_json::from_str(&rest[..end]).expect("JSON-LD parses")
}

on_both_databases!(
    a_published_claim_is_found_by_a_word_of_its_rationale,
    |db: TestDb| async move {
        let p = publish(&db).await;
        for words in [RATIONALE_WORD, "cross-check", "official counts"] {
            let filter = app::domain::PublicFilter {
                q: Some(words.into()),
                ..Default::default()
            };
            let found = services::publishing::listing::list(&db.conn, &filter, 10)
                .await
                .expect("search");
            assert_eq!(
                found
                    .items
                    .iter()
                    .map(|i| i.slug.clone())
                    .collect::<Vec<_>>(),
                vec![p.slug.clone()],
                "{words}"
            );
        }
        let filter = app::domain::PublicFilter {
            q: Some("zeppelin".into()),
            ..Default::default()
        };
        assert!(
            services::publishing::listing::list(&db.conn, &filter, 10)
                .await
                .expect("search")
                .items
                .is_empty()
        );
        // Staff search the same index from the queue, over unpublished claims too.
        let staff = app::domain::QueueFilter {
            q: Some(
                p.unpublished
                    .quote
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            ..Default::default()
        };
        let page = services::review::queue::page(&db.conn, &staff, p.reviewer.user_id.expect("id"))
            .await
            .expect("queue");
        assert!(page.items.iter().any(|i| i.claim.id == p.unpublished.id));
        // Filters by verdict and kind.
        let filter = app::domain::PublicFilter {
            rating: Some(Rating::False),
            ..Default::default()
        };
        assert!(
            services::publishing::listing::list(&db.conn, &filter, 10)
                .await
                .expect("list")
                .items
                .is_empty()
        );
        let filter = app::domain::PublicFilter {
            rating: Some(Rating::True),
            kind: Some(p.claim.kind),
            ..Default::default()
        };
        assert_eq!(
            services::publishing::listing::list(&db.conn, &filter, 10)
                .await
                .expect("list")
                .items
                .len(),
            1
        );
    }
);

on_both_databases!(
    the_public_page_reads_whole_and_carries_valid_claim_review,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let app = TestApp::on(db).await;
        let path = format!("/claims/{}", p.slug);
        let (status, headers, page) = app.get(&path, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for needed in [
            "41",                                          // the claim
            "True",                                        // the verdict badge
            &format!("<strong>{RATIONALE_WORD}</strong>"), // the rationale, rendered
            "Report at https://example.org/committee",     // the sources
            "Supporting the claim",
            "Context",
            "Gunmen Storm Concert Hall in Port Ardent", // where it appeared
            "Rita Reviewer",                            // who proposed
            "Eddie Editor",                             // who decided
            "Verdict published",                        // the history
            "rel=\"canonical\"",
            "og:title",
            "twitter:card",
        ] {
            assert!(page.contains(needed), "the page shows {needed}");
        }
        assert!(
            !page.contains("rev@example.org"),
            "no email address on a public page"
        );
        check_claim_review(&json_ld_of(&page));

        // Caching: a validator, a 304 for it, and a new one the moment the claim changes.
        let etag = headers
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .expect("ETag")
            .to_owned();
        assert!(
            headers
                .get(header::CACHE_CONTROL)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("public"))
        );
        let again = http::Request::get(&path)
            .header(header::HOST, "localhost")
            .header(header::IF_NONE_MATCH, &etag)
            .body(axum::body::Body::empty())
            .expect("req");
        let (status, _, body) = app.send(again).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        let (_, cached_headers, cached) = app.get(&path, None).await;
        assert_eq!(cached, page, "served from memory, byte for byte");
        assert_eq!(
            cached_headers
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok()),
            Some(etag.as_str())
        );
        let v = services::claim_record::view(&app.db.conn, p.claim.id)
            .await
            .expect("claim");
        services::review::verdicts::retract(
            &app.db.conn,
            p.claim.id,
            v.version,
            "A source was misread.",
            &p.editor,
        )
        .await
        .expect("retract");
        let again = http::Request::get(&path)
            .header(header::HOST, "localhost")
            .header(header::IF_NONE_MATCH, &etag)
            .body(axum::body::Body::empty())
            .expect("req");
        let (status, headers, page) = app.send(again).await;
        assert_eq!(status, StatusCode::OK, "the change invalidates at once");
        assert_ne!(
            headers.get(header::ETAG).and_then(|v| v.to_str().ok()),
            Some(etag.as_str())
        );
        assert!(
            page.contains("This fact-check was retracted")
                && page.contains("A source was misread.")
        );
        assert!(
            !page.contains("application/ld+json"),
            "a retracted fact-check carries no ClaimReview"
        );

        // The short id alone (or old words) redirects to the canonical address.
        let short = p.slug.rsplit('-').next().expect("short id");
        let (status, headers, _) = app.get(&format!("/claims/old-words-{short}"), None).await;
        assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(
            headers.get(header::LOCATION).and_then(|v| v.to_str().ok()),
            Some(path.as_str())
        );
        // Unknown and unpublished claims are not there.
        let (status, _, _) = app.get("/claims/nothing-here-0123456789", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            services::publishing::fact_checks::find(
                &app.db.conn,
                &format!("x-{}", p.unpublished.id.simple())
            )
            .await
            .is_err()
        );
    }
);

on_both_databases!(
    json_card_feed_csv_and_api_describe_the_same_claim,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let app = TestApp::on(db).await;
        let (status, _, body) = app.get(&format!("/claims/{}.json", p.slug), None).await;
        assert_eq!(status, StatusCode::OK);
        let json: Value = serde_json::from_str(&body).expect("json");
        assert_eq!(json["claim"]["slug"], p.slug.as_str());
        check_claim_review(&json["claim_review"]);

        let (status, headers, card) = app.get(&format!("/claims/{}/embed", p.slug), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(card.contains("Read the fact-check") && card.contains("True"));
        assert!(!card.contains("<script"), "the card runs nothing");
        let csp = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(csp.contains("frame-ancestors *"), "{csp}");
        assert!(
            headers.get("x-frame-options").is_none(),
            "other sites may frame the card"
        );
        let (_, headers, _) = app.get(&format!("/claims/{}", p.slug), None).await;
        assert_eq!(
            headers.get("x-frame-options").and_then(|v| v.to_str().ok()),
            Some("DENY"),
            "but not the page"
        );

        let (status, _, body) = app.get("/feeds/claimreview.json", None).await;
        assert_eq!(status, StatusCode::OK);
        let feed: Value = serde_json::from_str(&body).expect("feed");
        assert_eq!(feed["@type"], "DataFeed");
        let items = feed["dataFeedElement"].as_array().expect("items");
        assert_eq!(items.len(), 1);
        check_claim_review(&items[0]);

        let (status, headers, csv) = app.get("/claims.csv", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/csv"))
        );
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 2, "{csv}");
        assert!(rows[0].starts_with("url,claim,kind") && rows[1].contains(",true,approved,"));

        let (status, _, body) = app.get("/api/v1/claims?limit=5", None).await;
        assert_eq!(status, StatusCode::OK);
        let list: Value = serde_json::from_str(&body).expect("list");
        assert_eq!(list["items"][0]["slug"], p.slug.as_str());
        let (status, _, _) = app.get("/api/v1/claims?limit=500", None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, _, body) = app
            .get(&format!("/api/v1/claims/{}/sources", p.slug), None)
            .await;
        let sources: Value = serde_json::from_str(&body).expect("sources");
        let first = &sources["sources"][0];
        assert_eq!(first["stance"], "supports");
        let (status, headers, text) = app
            .get(
                &format!(
                    "/claims/{}/sources/{}",
                    p.slug,
                    first["id"].as_str().expect("id")
                ),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/plain"))
        );
        assert!(
            text.contains("The police reported 41 dead")
                && text.contains(first["archived_sha256"].as_str().expect("hash"))
        );
        let (_, _, body) = app.get("/api/v1/verdicts", None).await;
        let verdicts: Value = serde_json::from_str(&body).expect("verdicts");
        assert_eq!(verdicts["verdicts"][0]["rating"], "true");
        let (status, _, _) = app.get("/api/v1/articles", None).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "the newsroom's articles need a token"
        );

        let (_, _, body) = app.get("/api/v1/openapi.json", None).await;
        let spec: Value = serde_json::from_str(&body).expect("OpenAPI");
        assert_eq!(spec["openapi"], "3.1.0");
        for path in [
            "/extract",
            "/articles",
            "/claims",
            "/claims/{slug}",
            "/claims/{slug}/sources",
            "/verdicts",
            "/stories/{slug}",
            "/matches",
            "/openapi.json",
        ] {
            assert!(spec["paths"][path].is_object(), "{path} is described");
        }
    }
);

async fn dump(db: &TestDb) -> Vec<u8> {
    let mut out = Vec::new();
    server::dump::export(&db.conn, &mut out)
        .await
        .expect("export");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_and_import_round_trip_exactly_between_databases() {
    let sqlite = TestDb::sqlite().await;
    publish(&sqlite).await;
    // Two reports of one invented event: a story, its members, and links between their claims.
    for text in [
        "Bridge collapse in Orlen\nOrlen Gazette\n03/03/2031 09h00\nhttps://gazette.example/orlen-1\n\nRescuers in Orlen said at least 7 people were killed when the Tamsin bridge collapsed on Monday. Police in Orlen arrested two engineers near the Tamsin bridge.\n",
        "Tamsin bridge toll rises to 12\nValley Wire\n04/03/2031 10h00\nhttps://wire.example/orlen-2\n\nThe death toll from the Tamsin bridge collapse in Orlen rose to 12, officials said on Tuesday. Police in Orlen arrested two engineers near the Tamsin bridge.\n",
    ] {
        services::articles::intake::ingest(
            &sqlite.conn,
            app::server::services::articles::intake::NewArticle {
                text: text.into(),
                ..Default::default()
            },
            &app::server::services::Who::system("test"),
        )
        .await
        .expect("ingest");
    }
    let first = dump(&sqlite).await;
    let text = String::from_utf8_lossy(&first);
    for table in ["story", "story_article", "claim_link"] {
        assert!(
            text.contains(&format!("\"table\":\"{table}\"}}")),
            "the export carries {table}"
        );
    }
    // SQLite → PostgreSQL → SQLite: every hop gives the same bytes.
    let pg = TestDb::postgres().await;
    let rows = server::dump::import(&pg.conn, first.as_slice(), server::dump::Trust::Signed)
        .await
        .expect("import into PostgreSQL");
    assert!(rows > 30, "{rows} rows");
    let second = dump(&pg).await;
    assert!(first == second, "PostgreSQL's export equals SQLite's");
    let back = TestDb::sqlite().await;
    server::dump::import(&back.conn, second.as_slice(), server::dump::Trust::Signed)
        .await
        .expect("import into SQLite");
    assert!(dump(&back).await == first, "and back again");
    // The stories' term index is rebuilt, not carried.
    assert_eq!(
        pg.scalar("SELECT COUNT(*) FROM story_term").await,
        sqlite.scalar("SELECT COUNT(*) FROM story_term").await
    );
    // The restored trail still verifies, search works, and a second import is refused.
    let report = services::audit::verify_chain(&pg.conn)
        .await
        .expect("verify");
    assert_eq!(report.first_broken, None);
    assert_eq!(
        i64::try_from(report.events).expect("count"),
        sqlite.scalar("SELECT COUNT(*) FROM audit_event").await
    );
    let filter = app::domain::PublicFilter {
        q: Some(RATIONALE_WORD.into()),
        ..Default::default()
    };
    assert_eq!(
        services::publishing::listing::list(&pg.conn, &filter, 10)
            .await
            .expect("search")
            .items
            .len(),
        1
    );
    let again = server::dump::import(&pg.conn, first.as_slice(), server::dump::Trust::Signed).await;
    assert!(again.is_err_and(|e| e.to_string().contains("not empty")));
    // A file that is not an export changes nothing.
    let empty = TestDb::sqlite().await;
    assert!(
        server::dump::import(
            &empty.conn,
            b"{\"format\":\"other\"}\n".as_slice(),
            server::dump::Trust::Signed
        )
        .await
        .is_err()
    );
    let mut cut = first.clone();
    cut.truncate(first.len() / 2);
    assert!(
        server::dump::import(&empty.conn, cut.as_slice(), server::dump::Trust::Signed)
            .await
            .is_err(),
        "a cut file is refused"
    );
    assert_eq!(
        empty.scalar("SELECT COUNT(*) FROM article").await,
        0,
        "all or nothing"
    );
    // An export made before claims counted their traced changes (no `trace_version`) still
    // imports, unsigned since its rows differ from what was signed, every claim at 1.
    let older: Vec<String> = String::from_utf8(first.clone())
        .expect("utf-8")
        .lines()
        .filter(|l| !l.starts_with("{\"signature\""))
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("json");
            if v["table"] == "claim" {
                let row = v["row"].as_object_mut().expect("a row");
                assert!(row.remove("trace_version").is_some(), "exports carry it");
            }
            v.to_string()
        })
        .collect();
    let older = older.join("\n") + "\n";
    server::dump::import(&empty.conn, older.as_bytes(), server::dump::Trust::Unsigned)
        .await
        .expect("an older export imports");
    assert_eq!(
        empty.scalar("SELECT COUNT(*) FROM claim").await,
        sqlite.scalar("SELECT COUNT(*) FROM claim").await
    );
    assert_eq!(
        empty
            .scalar("SELECT COUNT(*) FROM claim WHERE trace_version <> 1")
            .await,
        0
    );
    for db in [sqlite, pg, back, empty] {
        db.drop_database().await;
    }
}

on_both_databases!(
    a_batch_of_pages_equals_the_pages_one_by_one,
    |db: TestDb| async move {
        let p = publish(&db).await;
        publish_second(&db, &p).await;
        let (rows, _) = services::publishing::listing::published(&db.conn, &Default::default(), 20)
            .await
            .expect("published");
        let slugs: Vec<String> = rows.iter().filter_map(|c| c.slug.clone()).collect();
        assert_eq!(slugs.len(), 2);
        let site = &app::server::Site {
            url: "https://checks.example".into(),
            name: "Checks".into(),
        };
        let batch = services::publishing::fact_checks::pages(&db.conn, rows, site)
            .await
            .expect("batch");
        let mut one_by_one = Vec::new();
        for s in &slugs {
            one_by_one.push(
                services::publishing::fact_checks::page(&db.conn, s, site)
                    .await
                    .expect("page"),
            );
        }
        assert_eq!(batch, one_by_one);
        assert!(batch[1].sources.len() >= 2 && batch[0].history.len() >= 2);
        assert_ne!(
            batch[0].history, batch[1].history,
            "each page has its own history"
        );
    }
);

on_both_databases!(
    a_page_link_the_list_did_not_make_is_refused_not_read_as_the_first_page,
    |db: TestDb| async move {
        let p = publish(&db).await;
        publish_second(&db, &p).await;
        let (first, next) =
            services::publishing::listing::published(&db.conn, &Default::default(), 1)
                .await
                .expect("first page");
        let next = next.expect("a second page");
        let filter = app::domain::PublicFilter {
            after: Some(next.clone()),
            ..Default::default()
        };
        let (second, _) = services::publishing::listing::published(&db.conn, &filter, 1)
            .await
            .expect("second page");
        assert_eq!(second.len(), 1);
        assert_ne!(first[0].id, second[0].id, "the link leads on");
        let app = TestApp::on(db).await;
        let (status, _, _) = app.get(&format!("/claims?after={next}"), None).await;
        assert_eq!(status, StatusCode::OK);
        for path in [
            "/claims?after=abc",
            "/claims?after=12_not-an-id",
            "/api/v1/claims?after=zzz",
        ] {
            let (status, _, body) = app.get(path, None).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {body}");
            assert!(
                body.contains("That page link is not valid"),
                "{path}: {body}"
            );
        }
        let (status, _, _) = app.get("/claims?after=", None).await;
        assert_eq!(status, StatusCode::OK, "an empty mark is the first page");
    }
);

/// Posts a form as a browser without JavaScript does; returns whether the server sent the
/// browser back with an error in the address (a refusal) and the status.
async fn post_without_js(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    cookie: &str,
) -> (StatusCode, bool) {
    let req = http::Request::post(path)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::REFERER, "http://localhost/articles")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .body(axum::body::Body::from(claimtrail_tests::form_body(form)))
        .expect("request");
    let (status, headers, _) = app.send(req).await;
    let refused = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("__err="));
    (status, refused || status.is_client_error())
}

on_both_databases!(
    correcting_an_article_reaches_its_published_pages_and_their_history,
    |db: TestDb| async move {
        use leptos::server_fn::ServerFn;
        let p = publish(&db).await;
        let article_id = p.claim.article_id;
        let app = TestApp::on(db.clone()).await;
        let path = format!("/claims/{}", p.slug);
        let (_, headers, page) = app.get(&path, None).await;
        let etag = |h: &http::HeaderMap| {
            h.get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag_before = etag(&headers).expect("ETag");
        assert!(!page.contains("The Ardent Courier"));
        let before = services::articles::get(&db.conn, article_id)
            .await
            .expect("article");
        assert_eq!(before.version, 1);
        assert!(before.details_history.is_empty());

        let id = article_id.to_string();
        let form = |version: &'static str, day: &'static str| {
            vec![
                ("id", id.clone()),
                ("version", version.to_owned()),
                (
                    "details[title]",
                    "Concert hall attack: toll rises to 41".to_owned(),
                ),
                ("details[publisher]", "The Ardent Courier".to_owned()),
                ("details[url]", "https://courier.example/attack".to_owned()),
                ("details[byline]", "Mara Quill".to_owned()),
                ("details[published_on]", day.to_owned()),
                (
                    "details[reason]",
                    "the outlet's name was missing".to_owned(),
                ),
            ]
        };
        let send = |cookie: String, fields: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                post_without_js(
                    app,
                    app::api::articles::maintenance::CorrectArticleDetails::PATH,
                    &pairs,
                    &cookie,
                )
                .await
            }
        };
        let title_now = || async {
            services::articles::get(&db.conn, article_id)
                .await
                .expect("article")
                .title
        };
        // A reviewer may not correct the details; a bad date is refused; neither changes them.
        let rev = app
            .sign_in_as("rita@example.org", claimtrail_tests::PASSWORD)
            .await;
        let ed = app
            .sign_in_as("eddie@example.org", claimtrail_tests::PASSWORD)
            .await;
        let (_, refused) = send(rev, form("1", "2026-05-16")).await;
        assert!(refused, "a reviewer is refused");
        let (_, refused) = send(ed.clone(), form("1", "16/05/2026")).await;
        assert!(refused, "a date not written as YYYY-MM-DD is refused");
        assert_eq!(title_now().await, before.title, "nothing changed");
        let mut bad_address = form("1", "2026-05-16");
        bad_address[4].1 = "javascript:alert(1)".to_owned();
        let (_, refused) = send(ed.clone(), bad_address).await;
        assert!(refused, "an address that is not http(s) is refused");
        assert_eq!(title_now().await, before.title, "nothing changed");

        // The editor corrects them, without JavaScript.
        let (status, refused) = send(ed.clone(), form("1", "2026-05-16")).await;
        assert!(status.is_redirection() && !refused, "{status}");
        let after = services::articles::get(&db.conn, article_id)
            .await
            .expect("article");
        assert_eq!(after.title, "Concert hall attack: toll rises to 41");
        assert_eq!(after.publisher.as_deref(), Some("The Ardent Courier"));
        assert_eq!(after.byline.as_deref(), Some("Mara Quill"));
        assert_eq!(after.published_on.as_deref(), Some("2026-05-16"));
        assert_eq!(after.version, 2);
        assert_eq!(after.details_history.len(), 1);
        let change = &after.details_history[0];
        assert_eq!((change.version, change.by.as_str()), (2, "Eddie Editor"));
        assert!(
            change
                .changes
                .contains("publisher: Claimtrail Demo Wire → The Ardent Courier")
                && change
                    .changes
                    .contains("reason: the outlet's name was missing"),
            "{}",
            change.changes
        );

        // The same correction sent again against version 1 is stale: refused, saying who.
        let stale = services::articles::details::correct(
            &db.conn,
            article_id,
            1,
            app::domain::ArticleDetails {
                title: "Another title".into(),
                ..Default::default()
            },
            None,
            &p.reviewer,
        )
        .await
        .expect_err("stale");
        assert!(
            matches!(&stale, services::ServiceError::Conflict(m) if m.contains("Eddie Editor")),
            "{stale}"
        );
        assert_eq!(title_now().await, after.title);

        // The published page follows at once: a new validator, the new details, the
        // correction in its public history, and the ClaimReview's appearance.
        let (status, headers, page) = app.get(&path, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_ne!(etag(&headers).expect("ETag"), etag_before);
        for shown in [
            "Concert hall attack: toll rises to 41",
            "The Ardent Courier",
            "details were corrected",
            "name was missing",
        ] {
            assert!(page.contains(shown), "the public page shows {shown}");
        }
        let ld = json_ld_of(&page);
        assert!(
            ld.to_string().contains("https://courier.example/attack"),
            "the ClaimReview's appearance follows: {ld}"
        );
        // The story the article started shows its new outlet and takes its new title, at the
        // address it had.
        let story = services::provenance::views::story_of_article(&db.conn, article_id)
            .await
            .expect("story")
            .expect("the article is in a story");
        let sp = services::provenance::views::story_page(&db.conn, &story.slug)
            .await
            .expect("story page");
        let a = sp
            .articles
            .iter()
            .find(|a| a.article.id == article_id)
            .expect("in its story");
        assert_eq!(a.article.publisher.as_deref(), Some("The Ardent Courier"));
        assert_eq!(
            sp.story.title, "Concert hall attack: toll rises to 41",
            "the story named after the article follows its title (story {story:?}, revision {})",
            sp.revision
        );

        // Outside any story, the page's validator still follows the article's details.
        db.exec(&format!(
            "DELETE FROM story_article WHERE article_id = '{article_id}'"
        ))
        .await;
        let slug = p.slug.clone();
        let key = |db: TestDb| {
            let slug = slug.clone();
            async move {
                services::publishing::fact_checks::revision(&db.conn, &slug)
                    .await
                    .expect("revision")
                    .key
            }
        };
        let before_key = key(db.clone()).await;
        services::articles::details::correct(
            &db.conn,
            article_id,
            2,
            app::domain::ArticleDetails {
                title: "Concert hall attack: 41 dead".into(),
                ..Default::default()
            },
            None,
            &p.editor,
        )
        .await
        .expect("a second correction");
        assert_ne!(key(db.clone()).await, before_key);
        assert_eq!(
            services::audit::verify_chain(&db.conn)
                .await
                .expect("verify")
                .first_broken,
            None
        );
    }
);

on_both_databases!(
    readers_pages_carry_no_wasm_and_the_newsrooms_do,
    |db: TestDb| async move {
        let p = publish(&db).await;
        let story = services::provenance::views::story_of_article(&db.conn, p.claim.article_id)
            .await
            .expect("story")
            .expect("the article is in a story");
        let app = TestApp::on(db).await;
        let loads_wasm = |page: &str| {
            page.contains("modulepreload")
                || page.contains(".wasm")
                || page.contains("<script type=\"module\"")
                || page.contains("__RESOLVED_RESOURCES")
        };
        let reader_pages = [
            "/".to_owned(),
            "/claims".to_owned(),
            "/claims?q=toll".to_owned(),
            format!("/claims/{}", p.slug),
            format!("/stories/{}", story.slug),
        ];
        for path in &reader_pages {
            let (status, _, page) = app.get(path, None).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(!loads_wasm(&page), "{path} loads no wasm");
            assert!(
                page.trim_end().ends_with("</html>"),
                "{path} ends with the document"
            );
        }
        // Signed in, the readers' pages stay pages; the newsroom's load the application.
        let cookie = app
            .sign_in_as("rita@example.org", claimtrail_tests::PASSWORD)
            .await;
        for path in &reader_pages[1..] {
            let (_, _, page) = app.get(path, Some(&cookie)).await;
            assert!(!loads_wasm(&page), "{path} loads no wasm for staff either");
        }
        for path in ["/", "/review", "/review/stories"] {
            let (status, _, page) = app.get(path, Some(&cookie)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(loads_wasm(&page), "{path} hydrates");
        }
    }
);
