//! ClaimReview import and matching on both databases: the real files of
//! `../shared/evaldata/claimreview/` read in place (skipped with a message when absent), re-import
//! by review URL, text that must survive (right-to-left, percent-encoded URLs, missing dates),
//! and ranking against the imported fact-checks.

use std::path::PathBuf;

use app::server::services::Who;
use app::server::services::matching::{Matcher, rank::Query, reviews};
use claimtrail_tests::{TestDb, on_both_databases};
use leptos::server_fn::ServerFn;

fn who() -> Who {
    Who::system("test")
}

fn no_progress(_: usize, _: usize) {}

/// The real ClaimReview samples, or `None` (with a message) when `../shared` is absent.
fn shared_files() -> Option<Vec<PathBuf>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/evaldata/claimreview");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("claimskg_extractor_samples"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    files.push(root.join("google_fct_api_arabic_misbar/claim_reviews.json"));
    files.iter().all(|f| f.is_file()).then_some(files)
}

on_both_databases!(
    real_feeds_import_and_reimport_updates_by_review_url,
    |db: TestDb| async move {
        let Some(files) = shared_files() else {
            eprintln!("skipped: ../shared/evaldata/claimreview is absent");
            return;
        };
        let matcher = Matcher::new();
        let mut stored = 0;
        let (mut mapped, mut unmapped) = (0, 0);
        for f in &files {
            let bytes = std::fs::read(f).expect("read");
            let s = reviews::import(&db.conn, &matcher, &bytes, &who(), &no_progress)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            eprintln!(
                "{}: {} {} read, {} new, {} updated, {} skipped; ratings {} mapped, {} unmapped",
                f.display(),
                s.format,
                s.read,
                s.new,
                s.updated,
                s.skipped.len(),
                s.rating_mapped,
                s.rating_unmapped
            );
            assert!(s.read > 0, "{}: nothing read", f.display());
            assert!(s.new > 0, "{}: nothing new", f.display());
            assert_eq!(
                s.read,
                s.new + s.updated + s.unchanged + s.skipped.len(),
                "{}: every review is accounted for",
                f.display()
            );
            assert!(s.skipped.iter().all(|k| !k.reason.is_empty()));
            for k in s.skipped.iter().take(2) {
                eprintln!("  skipped {}: {}", k.at, k.reason);
            }
            if stored == 0 {
                // A stored review's own claim finds it first (the first file is English; the
                // tokeniser is the English one the model was trained with).
                let page = reviews::list(&db.conn, &matcher, None, None)
                    .await
                    .expect("list");
                let probe = page
                    .items
                    .iter()
                    .find(|k| k.claim_reviewed.split_whitespace().count() >= 6)
                    .expect("a review with a claim of a few words");
                let answer = matcher
                    .rank(&db.conn, &Query::new(&probe.claim_reviewed, None), None, 1)
                    .await
                    .expect("rank");
                let top = answer.ranking.items.first().expect("a match");
                assert_eq!(top.key, probe.id, "{}", probe.claim_reviewed);
            }
            stored += s.new;
            mapped += s.rating_mapped;
            unmapped += s.rating_unmapped;
            // The same file again: everything is known, nothing is duplicated.
            let again = reviews::import(&db.conn, &matcher, &bytes, &who(), &no_progress)
                .await
                .expect("re-import");
            assert_eq!(again.new, 0, "{}: re-import duplicated", f.display());
            assert_eq!(
                again.updated + again.unchanged,
                s.new + s.updated + s.unchanged,
                "{}",
                f.display()
            );
        }
        // English verdict words map; the Arabic ones stay verbatim and unmapped.
        assert!(
            mapped > 0 && unmapped > 0,
            "{mapped} mapped, {unmapped} unmapped"
        );
        let page = reviews::list(&db.conn, &matcher, None, None)
            .await
            .expect("list");
        assert_eq!(page.total, stored as u64);
        assert!(page.items.iter().all(|k| !k.ours));
    }
);

on_both_databases!(
    right_to_left_text_encoded_urls_and_missing_dates_survive,
    |db: TestDb| async move {
        // Invented reviews (not from any publisher), in the Fact Check Tools API shape.
        let url = "https://example.org/%D8%AA%D8%AD%D9%82%D9%82/1";
        let feed = serde_json::json!({ "claims": [{
            "text": "ادعاء مختلق عن جسر جديد في مدينة خيالية",
            "claimant": "حساب مجهول",
            "claimReview": [{
                "publisher": { "name": "مدقق خيالي", "site": "example.org" },
                "url": url,
                "title": "عنوان تجريبي",
                "textualRating": "مضلل",
                "languageCode": "ar"
            }]
        }, {
            "text": "An invented claim that the moon bridge opened on Tuesday",
            "claimReview": [{
                "publisher": { "name": "Example Checks" },
                "url": "https://example.com/checks/moon-bridge",
                "reviewDate": "2026-01-02T00:00:00Z",
                "textualRating": "Pants on Fire"
            }]
        }]});
        let bytes = serde_json::to_vec(&feed).expect("json");
        let matcher = Matcher::new();
        let s = reviews::import(&db.conn, &matcher, &bytes, &who(), &no_progress)
            .await
            .expect("import");
        assert_eq!((s.new, s.rating_mapped, s.rating_unmapped), (2, 1, 1));
        let page = reviews::list(&db.conn, &matcher, None, None)
            .await
            .expect("list");
        let ar = page
            .items
            .iter()
            .find(|k| k.url == url)
            .expect("kept as given");
        assert_eq!(ar.claim_reviewed, "ادعاء مختلق عن جسر جديد في مدينة خيالية");
        assert_eq!(ar.textual_rating.as_deref(), Some("مضلل"));
        assert_eq!(ar.rating, None);
        assert_eq!(ar.date_published, None);
        let en = page
            .items
            .iter()
            .find(|k| k.url.ends_with("moon-bridge"))
            .expect("stored");
        assert_eq!(en.rating, Some(app::domain::Rating::False));
        assert_eq!(en.publisher.as_deref(), Some("Example Checks"));
        // Re-importing with a changed rating updates the row in place.
        let changed = String::from_utf8(bytes)
            .expect("utf-8")
            .replace("Pants on Fire", "Mostly True");
        let s = reviews::import(&db.conn, &matcher, changed.as_bytes(), &who(), &no_progress)
            .await
            .expect("re-import");
        assert_eq!((s.new, s.updated), (0, 1));
        let page = reviews::list(&db.conn, &matcher, None, None)
            .await
            .expect("list");
        assert_eq!(page.total, 2);
        let en = page
            .items
            .iter()
            .find(|k| k.url.ends_with("moon-bridge"))
            .expect("stored");
        assert_eq!(en.rating, Some(app::domain::Rating::MostlyTrue));
        // Matching finds the English one for a paraphrase.
        let answer = matcher
            .rank(
                &db.conn,
                &Query::new("did the moon bridge open on tuesday?", None),
                None,
                1,
            )
            .await
            .expect("rank");
        assert_eq!(answer.ranking.items.first().map(|i| i.key), Some(en.id));
        // And the Arabic one for Arabic words, spelt without its vowel marks or article.
        let answer = matcher
            .rank(
                &db.conn,
                &Query::new("جسر جديد في المدينة الخيالية؟", None),
                None,
                1,
            )
            .await
            .expect("rank");
        assert_eq!(answer.ranking.items.first().map(|i| i.key), Some(ar.id));
    }
);

on_both_databases!(
    the_arabic_fact_checkers_file_is_matched_in_arabic,
    |db: TestDb| async move {
        let Some(files) = shared_files() else {
            eprintln!("skipped: ../shared/evaldata/claimreview is absent");
            return;
        };
        let arabic = files
            .iter()
            .find(|f| f.extension().is_some_and(|x| x == "json"))
            .expect("the Google API file");
        let bytes = std::fs::read(arabic).expect("read");
        let matcher = Matcher::new();
        reviews::import(&db.conn, &matcher, &bytes, &who(), &no_progress)
            .await
            .expect("import");
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let page = reviews::list(&db.conn, &matcher, None, after.as_deref())
                .await
                .expect("list");
            all.extend(page.items);
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        // Every 15th review's claim, less its first two words, as a reader would paraphrase a
        // headline: the review itself (or one of the same text) comes first.
        let (mut tried, mut first) = (0, 0);
        for k in all.iter().step_by(15) {
            let words: Vec<&str> = k.claim_reviewed.split_whitespace().collect();
            if words.len() < 6 {
                continue;
            }
            tried += 1;
            let q = words[2..].join(" ");
            let answer = matcher
                .rank(&db.conn, &Query::new(&q, None), None, 0)
                .await
                .expect("rank");
            let top = answer.ranking.items.first().map(|i| i.key);
            // Several reviews can check the same claim: the same text counts as found.
            let same_text = all
                .iter()
                .filter(|o| o.claim_reviewed == k.claim_reviewed)
                .any(|o| Some(o.id) == top);
            if same_text {
                first += 1;
            }
        }
        assert!(tried >= 50, "{tried} Arabic reviews with six words or more");
        let share = f64::from(first) / f64::from(tried);
        eprintln!("Arabic reviews found first from their own words: {first}/{tried}");
        assert!(share >= 0.8, "{first}/{tried}");
    }
);

on_both_databases!(
    the_matches_api_ranks_imported_fact_checks_for_token_holders_only,
    |db: TestDb| async move {
        let app = claimtrail_tests::TestApp::on(db).await;
        // Invented reviews (not from any publisher) as a ClaimReview DataFeed.
        let feed = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [
                { "@type": "ClaimReview", "url": "https://example.com/checks/glass-tower",
                  "claimReviewed": "The glass tower in Lowmere was sold for one euro",
                  "datePublished": "2026-02-01",
                  "author": { "@type": "Organization", "name": "Example Checks" },
                  "reviewRating": { "@type": "Rating", "alternateName": "False" } },
                { "@type": "ClaimReview", "url": "https://example.com/checks/river-fish",
                  "claimReviewed": "Fish in the Lowmere river glow at night after the spill",
                  "datePublished": "2026-03-01",
                  "author": { "@type": "Organization", "name": "Example Checks" },
                  "reviewRating": { "@type": "Rating", "alternateName": "Misleading" } }
            ]
        });
        let bytes = serde_json::to_vec(&feed).expect("json");
        reviews::import(&app.db.conn, &Matcher::new(), &bytes, &who(), &no_progress)
            .await
            .expect("import");
        let token = app.token("rev@example.org", "matches test").await;
        let get = |path: String, auth: Option<&str>| {
            let mut b = http::Request::get(path).header(http::header::HOST, "localhost");
            if let Some(t) = auth {
                b = b.header(http::header::AUTHORIZATION, format!("Bearer {t}"));
            }
            b.body(axum::body::Body::empty()).expect("request")
        };
        let q = claimtrail_tests::urlencode("was the Lowmere glass tower sold for 1 euro?");
        // Anonymous callers are refused before any ranking work.
        let (status, _, _) = app
            .send(get(format!("/api/v1/matches?text={q}"), None))
            .await;
        assert_eq!(status, http::StatusCode::UNAUTHORIZED);
        let (status, _, body) = app
            .send(get(format!("/api/v1/matches?text={q}&top=2"), Some(&token)))
            .await;
        assert_eq!(status, http::StatusCode::OK, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        let items = v["items"].as_array().expect("items");
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0]["fact_check"]["url"],
            "https://example.com/checks/glass-tower"
        );
        assert_eq!(items[0]["fact_check"]["ours"], false);
        assert_eq!(items[0]["fact_check"]["textual_rating"], "False");
        assert!(
            items[0]["shared_words"]
                .as_array()
                .is_some_and(|w| !w.is_empty())
        );
        // Over-long text is refused.
        let long = "word ".repeat(300);
        let (status, _, _) = app
            .send(get(
                format!(
                    "/api/v1/matches?text={}",
                    claimtrail_tests::urlencode(&long)
                ),
                Some(&token),
            ))
            .await;
        assert_eq!(status, http::StatusCode::UNPROCESSABLE_ENTITY);
    }
);

on_both_databases!(
    a_fact_check_published_here_becomes_known_to_a_running_matcher,
    |db: TestDb| async move {
        let matcher = Matcher::new();
        matcher.refresh(&db.conn).await.expect("refresh");
        assert!(matcher.is_empty().await, "nothing is known yet");
        // Approving the verdict moves the revision every server's matcher follows.
        claimtrail_tests::workflow::publish(&db).await;
        matcher.refresh(&db.conn).await.expect("refresh");
        assert_eq!(matcher.len().await, 1, "our published fact-check is known");
    }
);

on_both_databases!(
    prior_fact_checks_reach_the_workspace_the_queue_and_the_staff_list,
    |db: TestDb| async move {
        use app::domain::Role;
        use http::{StatusCode, header};
        let app = claimtrail_tests::TestApp::on(db).await;
        app.account("ed@example.org", Role::Editor).await;
        let reviewer = app.sign_in().await;
        let editor = app
            .sign_in_as("ed@example.org", claimtrail_tests::PASSWORD)
            .await;
        let out = app::server::services::articles::intake::ingest(
            &app.db.conn,
            app::server::services::articles::intake::NewArticle {
                text: include_str!("fixtures/articles/port-ardent-demo-2026-05-15.txt").into(),
                ..Default::default()
            },
            &who(),
        )
        .await
        .expect("ingest");
        let claims = app::server::services::articles::get(&app.db.conn, out.article_id)
            .await
            .expect("article")
            .claims;
        let arrests = claims
            .iter()
            .find(|c| c.quote.contains("nine suspects"))
            .expect("the arrests claim")
            .clone();

        // Invented fact-checks (no publisher's text): one checks the arrests claim.
        let feed = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [
                { "@type": "ClaimReview", "url": "https://checks.example/port-ardent-arrests",
                  "claimReviewed": "Nine suspects were arrested after the Port Ardent concert hall shooting, four of them accused of taking part",
                  "datePublished": "2026-05-18",
                  "author": { "@type": "Organization", "name": "Example Checks" },
                  "reviewRating": { "@type": "Rating", "alternateName": "Mostly true" } },
                { "@type": "ClaimReview", "url": "https://checks.example/lowmere-fish",
                  "claimReviewed": "Fish in the Lowmere river glow at night after the spill",
                  "datePublished": "2026-03-01",
                  "author": { "@type": "Organization", "name": "Example Checks" },
                  "reviewRating": { "@type": "Rating", "alternateName": "Misleading" } },
                { "@type": "ClaimReview", "claimReviewed": "A review without an address" }
            ]
        });
        // Around them, generated fact-checks on other topics, as any real collection has (a
        // handful of documents gives every word the same weight).
        let mut feed = feed;
        let elements = feed["dataFeedElement"].as_array_mut().expect("elements");
        let (subjects, claims, places) = (
            [
                "The mayor",
                "A minister",
                "The harbour board",
                "A senator",
                "The union",
                "A viral post",
                "The council",
                "A celebrity",
            ],
            [
                "banned bicycles",
                "doubled the water tax",
                "closed every library",
                "arrested the festival organisers",
                "cancelled the election",
                "staged the shooting at the market",
                "hired robots as teachers",
                "announced suspects in the fraud case",
            ],
            [
                "Lowmere",
                "Brackwater",
                "Eastholm",
                "Silverford",
                "Quillby",
                "Norrin",
                "Tamsworth",
                "Ovel",
            ],
        );
        for (i, subject) in subjects.iter().enumerate() {
            for (j, claim) in claims.iter().enumerate() {
                for (k, place) in places
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| (i + j + k) % 2 == 0)
                {
                    elements.push(serde_json::json!({
                        "@type": "ClaimReview",
                        "url": format!("https://checks.example/generated/{i}-{j}-{k}"),
                        "claimReviewed": format!("{subject} of {place} {claim}"),
                        "datePublished": "2026-01-10",
                        "author": { "@type": "Organization", "name": "Example Checks" },
                        "reviewRating": { "@type": "Rating", "alternateName": "False" }
                    }));
                }
            }
        }
        let generated = elements.len() - 3;
        let bytes = serde_json::to_vec(&feed).expect("json");
        let upload = |cookie: &str| {
            claimtrail_tests::upload_request(
                app::api::matching::ImportFactChecks::PATH,
                "http://localhost/review/fact-checks",
                cookie,
                "feed.json",
                &bytes,
                &[],
            )
        };
        // Reviewers read the list but do not import: refused, nothing stored.
        let (status, headers, _) = app.send(upload(&reviewer)).await;
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            status == StatusCode::FORBIDDEN || location.contains("__err="),
            "a reviewer's import is refused: {status} {location}"
        );
        assert_eq!(
            app.db.scalar("SELECT COUNT(*) FROM imported_review").await,
            0
        );
        let (status, headers, body) = app.send(upload(&editor)).await;
        assert!(status.is_redirection(), "{status} {body}");
        let location = headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("location")
            .to_owned();
        assert!(
            location.starts_with("/review/fact-checks?import="),
            "{location}"
        );
        let (status, _, page) = app.get(&location, Some(&reviewer)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains(&format!(
                "{} read (jsonld): {} new, 0 updated, 0 unchanged, 1 skipped",
                generated + 3,
                generated + 2
            )),
            "the import's summary is shown"
        );
        assert!(page.contains("Why items were skipped"));
        assert!(page.contains(&format!(
            "{} imported fact-checks, newest first",
            generated + 2
        )));
        let (_, _, found) = app
            .get(
                "/review/fact-checks?q=glowing+fish+Lowmere",
                Some(&reviewer),
            )
            .await;
        let first = found.find("https://checks.example/").expect("a match");
        assert!(found[first..].starts_with("https://checks.example/lowmere-fish"));

        // The import matched the waiting claims again: the queue's filter finds the arrests
        // claim, and only claims with a likely prior fact-check.
        let (_, _, queue) = app.get("/review?prior=1", Some(&reviewer)).await;
        assert!(
            queue.contains(&arrests.id.to_string()),
            "the arrests claim has a likely prior fact-check"
        );
        assert!(queue.contains("likely fact-checked before"));
        let listed = queue.matches("class=\"queue-item").count();
        assert!(
            listed >= 1 && listed < claims.len(),
            "{listed} of {}",
            claims.len()
        );

        // The workspace offers it, with its rating, publisher and why.
        let ws_path = format!("/review/claims/{}", arrests.id);
        let (status, _, ws) = app.get(&ws_path, Some(&reviewer)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(ws.contains("Possibly already fact-checked"));
        assert!(ws.contains("https://checks.example/port-ardent-arrests"));
        assert!(ws.contains("Mostly true") && ws.contains("Imported · Example Checks"));
        assert!(ws.contains("Same claim") && ws.contains("shares “nine”, “suspects”"));
        assert!(
            ws.contains("Strong match"),
            "a near-verbatim check is a strong match"
        );

        // "Same claim" attaches it as evidence, once, audited.
        let fact_check = {
            use app::server::entities::imported_review;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            imported_review::Entity::find()
                .filter(
                    imported_review::Column::ReviewUrl
                        .eq("https://checks.example/port-ardent-arrests"),
                )
                .one(&app.db.conn)
                .await
                .expect("query")
                .expect("the imported review")
                .id
        };
        let decide = |decision: &'static str| {
            let form = claimtrail_tests::form_body(&[
                ("claim_id", &arrests.id.to_string()),
                ("fact_check_id", &fact_check.to_string()),
                ("decision", decision),
            ]);
            app.post(
                app::api::matching::DecidePriorCheck::PATH,
                "application/x-www-form-urlencoded",
                form,
                Some(&reviewer),
            )
        };
        let (status, _, body) = decide("confirmed").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _, body) = decide("confirmed").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let sources = app::server::services::review::sources::for_claim(&app.db.conn, arrests.id)
            .await
            .expect("sources");
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].url, "https://checks.example/port-ardent-arrests");
        assert!(sources[0].excerpt.contains("Mostly true"));
        let (_, _, ws) = app.get(&ws_path, Some(&reviewer)).await;
        assert!(ws.contains("Confirmed: the same claim."));

        // "Not the same after all" withdraws that evidence and takes it off the filter.
        let (status, _, body) = decide("dismissed").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let sources = app::server::services::review::sources::for_claim(&app.db.conn, arrests.id)
            .await
            .expect("sources");
        assert!(
            sources.is_empty(),
            "the withdrawn source is no longer evidence"
        );
        let (_, _, queue) = app.get("/review?prior=1", Some(&reviewer)).await;
        assert!(!queue.contains(&arrests.id.to_string()));
        assert_eq!(
            app.db
                .scalar(
                    "SELECT COUNT(*) FROM audit_event WHERE action LIKE 'claim.prior_fact_check.%'"
                )
                .await,
            2
        );
        // A decision other than the two is refused with what to do.
        let (status, _, body) = decide("maybe").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
);

on_both_databases!(
    our_claimreview_feed_imports_back_losslessly,
    |db: TestDb| async move {
        claimtrail_tests::workflow::publish(&db).await;
        let app = claimtrail_tests::TestApp::on(db).await;
        let (status, _, feed) = app.get("/feeds/claimreview.json", None).await;
        assert_eq!(status, http::StatusCode::OK);
        let sent: serde_json::Value = serde_json::from_str(&feed).expect("json");
        let element = &sent["dataFeedElement"][0];
        assert_eq!(element["@type"], "ClaimReview");

        // Another newsroom's Claimtrail imports it.
        let other = TestDb::sqlite().await;
        let matcher = Matcher::new();
        let summary = reviews::import(&other.conn, &matcher, feed.as_bytes(), &who(), &no_progress)
            .await
            .expect("import");
        assert_eq!((summary.new, summary.skipped.len()), (1, 0), "{summary:?}");
        assert_eq!(
            summary.rating_mapped, 1,
            "our rating maps back to our scale"
        );
        let got = reviews::list(&other.conn, &matcher, None, None)
            .await
            .expect("list")
            .items
            .remove(0);
        assert_eq!(got.url, element["url"].as_str().expect("url"));
        assert_eq!(
            got.claim_reviewed,
            element["claimReviewed"].as_str().expect("claimReviewed")
        );
        assert_eq!(
            got.publisher.as_deref(),
            element["author"]["name"].as_str(),
            "the publisher is ours, by name"
        );
        assert_eq!(
            got.date_published.as_deref(),
            element["datePublished"].as_str()
        );
        assert_eq!(
            got.textual_rating.as_deref(),
            element["reviewRating"]["alternateName"].as_str()
        );
        assert_eq!(got.rating, Some(app::domain::Rating::True));
        assert!(!got.ours, "imported, never shown as the importer's own");
        // The same feed again changes nothing.
        let again = reviews::import(&other.conn, &matcher, feed.as_bytes(), &who(), &no_progress)
            .await
            .expect("import again");
        assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 1));
        other.drop_database().await;
    }
);

on_both_databases!(
    a_new_user_imports_real_feeds_and_sees_a_prior_fact_check_offered,
    |db: TestDb| async move {
        use app::domain::Role;
        use http::{StatusCode, header};
        let Some(files) = shared_files() else {
            eprintln!("skipped: ../shared/evaldata/claimreview is absent");
            return;
        };
        let app = claimtrail_tests::TestApp::on(db).await;
        app.account("ed@example.org", Role::Editor).await;
        let editor = app
            .sign_in_as("ed@example.org", claimtrail_tests::PASSWORD)
            .await;
        let reviewer = app.sign_in().await;
        // The editor imports every file through the staff page's upload form.
        for f in &files {
            let name = f.file_name().and_then(|n| n.to_str()).expect("name");
            let req = claimtrail_tests::upload_request(
                app::api::matching::ImportFactChecks::PATH,
                "http://localhost/review/fact-checks",
                &editor,
                name,
                &std::fs::read(f).expect("read"),
                &[],
            );
            let (status, headers, _) = app.send(req).await;
            let location = headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            assert!(
                status.is_redirection() && location.contains("?import="),
                "{name}: {status} {location}"
            );
        }
        // English reviews of a claim a sentence can carry, with a rating on our scale.
        let matcher = Matcher::new();
        let mut known = Vec::new();
        let mut after = None;
        loop {
            let page = reviews::list(&app.db.conn, &matcher, None, after.as_deref())
                .await
                .expect("list");
            known.extend(page.items);
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        let mut candidates: Vec<_> = known
            .into_iter()
            .filter(|k| k.rating.is_some() && k.claim_reviewed.is_ascii())
            .filter(|k| {
                let n = k.claim_reviewed.split_whitespace().count();
                (10..=30).contains(&n) && !k.claim_reviewed.contains(['"', '\n', '“', '”'])
            })
            .collect();
        candidates.sort_by(|a, b| a.url.cmp(&b.url));
        candidates.dedup_by(|a, b| a.claim_reviewed == b.claim_reviewed);
        let picked: Vec<_> = candidates.into_iter().step_by(7).take(5).collect();
        assert_eq!(picked.len(), 5, "enough real reviews to try");

        // A reviewer pastes an article that repeats each claim, and sees it offered.
        let mut offered = 0;
        for (n, k) in picked.iter().enumerate() {
            let claim = k.claim_reviewed.trim().trim_end_matches('.');
            let text = format!(
                "Council hears from residents\n\nA spokesperson told reporters on Monday that {claim}. The remarks were repeated at a council meeting later that week, where several members asked for the figures behind them (article {n})."
            );
            let (status, headers, body) = app
                .post_form(
                    app::api::articles::intake::IngestArticle::PATH,
                    &[
                        ("title", ""),
                        ("url", ""),
                        ("publisher", ""),
                        ("text", &text),
                    ],
                    "http://localhost",
                    Some(&reviewer),
                )
                .await;
            assert!(status.is_redirection(), "{status} {body}");
            let article = headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| l.strip_prefix("/articles/"))
                .and_then(|id| uuid::Uuid::parse_str(id).ok())
                .expect("the new article");
            let claims = app::server::services::articles::get(&app.db.conn, article)
                .await
                .expect("article")
                .claims;
            let Some(c) = claims
                .iter()
                .find(|c| c.quote.contains(&claim[..claim.len() / 2]))
            else {
                eprintln!("not extracted as a claim: {claim}");
                continue;
            };
            let (status, _, ws) = app
                .get(&format!("/review/claims/{}", c.id), Some(&reviewer))
                .await;
            assert_eq!(status, StatusCode::OK);
            let label = k.rating.expect("rated").label();
            if ws.contains(&k.url) && ws.contains(label) && ws.contains("Same claim") {
                offered += 1;
                let (_, _, queue) = app.get("/review?prior=1", Some(&reviewer)).await;
                assert!(
                    queue.contains(&c.id.to_string()),
                    "a claim matched at ingest is in the queue's filter"
                );
            } else {
                eprintln!("not offered: {claim} ({})", k.url);
            }
        }
        assert!(offered >= 4, "{offered} of 5 real fact-checks offered");
    }
);
