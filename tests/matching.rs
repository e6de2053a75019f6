//! ClaimReview import and matching on both databases: the real files of
//! `../shared/evaldata/claimreview/` read in place (skipped with a message when absent), re-import
//! by review URL, text that must survive (right-to-left, percent-encoded URLs, missing dates),
//! and ranking against the imported fact-checks.

use std::path::PathBuf;

use app::server::services::Who;
use app::server::services::matching::{Matcher, rank::Query, reviews};
use claimtrail_tests::{TestDb, on_both_databases};

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
        let token = app::server::services::accounts::tokens::create(
            &app.db.conn,
            "rev@example.org",
            "matches test",
            30,
            &who(),
        )
        .await
        .expect("token");
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
