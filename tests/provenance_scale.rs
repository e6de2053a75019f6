//! What provenance costs as the newsroom grows: filing a new article into its story (choosing
//! the story among those whose terms it shares, then linking its claims) with 100,000 claims
//! stored, and the story page of a story of 1,000 articles. Every article goes through the real
//! ingest path (extraction, storage, filing); the texts are generated here (invented places,
//! groups and figures; nothing from any real article), a thousand events of five articles each,
//! then one event reported a thousand times.
//!
//! `cargo bench -p claimtrail-tests --bench provenance_scale` (CLAIMS=100000 by default;
//! STORY_ARTICLES=1000; EVENT_DAYS=3 days between events). With `CLAIMTRAIL_TEST_PG_URL` or `PGHOST` set, PostgreSQL is measured
//! too. Prints a Markdown table for BENCHMARKS.md.

use std::time::{Duration, Instant};

use app::server::services::{
    self, Who,
    articles::intake::{NewArticle, ingest},
    provenance,
};
use claimtrail_tests::generated::{Lcg, article, event};
use claimtrail_tests::{TestDb, workflow};
use uuid::Uuid;

async fn file(db: &TestDb, text: String, who: &Who) -> (Uuid, Duration) {
    let t = Instant::now();
    let out = ingest(
        &db.conn,
        NewArticle {
            text,
            ..NewArticle::default()
        },
        who,
    )
    .await
    .expect("ingest");
    (out.article_id, t.elapsed())
}

/// How long until the background refresh of a story's views ends.
async fn refreshed(story: Uuid) -> Duration {
    let t = Instant::now();
    while provenance::refresh::pending(story) && t.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    t.elapsed()
}

/// Whether the story page would be read from memory now.
async fn ready(db: &TestDb, story: Uuid) -> bool {
    let s = provenance::find_story(&db.conn, &story.to_string())
        .await
        .expect("story");
    provenance::views::ready(&db.conn, &s).await.expect("ready")
}

/// How long the story page takes to read.
async fn timed_page(db: &TestDb, key: &str) -> Duration {
    let t = Instant::now();
    let _ = provenance::views::story_page(&db.conn, key)
        .await
        .expect("page");
    t.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or_default()
}

async fn measure(db: &TestDb, label: &str, claims: usize, story_articles: usize, days_apart: i64) {
    let who = Who::system("bench");
    let mut r = Lcg::new(0x5eed_cafe);
    let started = Instant::now();
    // A thousand events of five reports each, until the claims are stored.
    let mut events = Vec::new();
    let mut stored = 0usize;
    while stored < claims {
        let e = event(&mut r, events.len(), days_apart);
        for i in 0..5 {
            let text = article(&mut r, &e, i, &format!("e{}", events.len()));
            let (id, _) = file(db, text, &who).await;
            stored += services::articles::get(&db.conn, id)
                .await
                .expect("article")
                .claims
                .len();
        }
        events.push(e);
    }
    let stored_claims = db.scalar("SELECT COUNT(*) FROM claim").await;
    let stories = db
        .scalar("SELECT COUNT(*) FROM story WHERE merged_into IS NULL")
        .await;
    eprintln!(
        "{label}: {} articles, {stored_claims} claims, {stories} stories in {:.0?}",
        events.len() * 5,
        started.elapsed()
    );
    // A new report of an earlier event, forty times: the whole ingest (extraction, storing,
    // filing), and the extraction alone, so the rest is what storing and filing cost.
    let mut whole = Vec::new();
    let mut extraction = Vec::new();
    let mut joined = 0;
    for k in 0..40 {
        let n = (k * 97) % events.len();
        let text = article(&mut r, &events[n], 5 + k, &format!("late{k}"));
        let t = Instant::now();
        let _ = app::extract::extract_claims(&text);
        extraction.push(t.elapsed());
        let (id, took) = file(db, text, &who).await;
        whole.push(took);
        let story = provenance::views::story_of_article(&db.conn, id)
            .await
            .expect("story")
            .expect("filed");
        if provenance::views::story_page(&db.conn, &story.id.to_string())
            .await
            .expect("page")
            .articles
            .len()
            > 1
        {
            joined += 1;
        }
    }
    let ingest_median = percentile(&mut whole, 0.5);
    let ingest_p95 = percentile(&mut whole, 0.95);
    let extract_median = percentile(&mut extraction, 0.5);
    // One event reported a thousand times, then its story page.
    let big = event(&mut r, events.len() + 1, days_apart);
    let t = Instant::now();
    let mut first = None;
    let mut late = Vec::new();
    for i in 0..story_articles {
        let (id, took) = file(db, article(&mut r, &big, i, "big"), &who).await;
        first.get_or_insert(id);
        if i + 10 >= story_articles {
            late.push(took);
        }
    }
    let seeded_big = t.elapsed();
    let story = provenance::views::story_of_article(&db.conn, first.expect("an article"))
        .await
        .expect("story")
        .expect("filed");
    let key = story.id.to_string();
    let page = provenance::views::story_page(&db.conn, &key)
        .await
        .expect("page");
    let mut renders = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let _ = provenance::views::story_page(&db.conn, &key)
            .await
            .expect("page");
        renders.push(t.elapsed());
    }
    // After a filing the story's views are derived again from the stored links: five filings,
    // each followed by one read, the median kept.
    let mut after_filing = Vec::new();
    let mut after_change = Duration::ZERO;
    for i in 0..5 {
        let (_, took) = file(db, article(&mut r, &big, story_articles + i, "big"), &who).await;
        if i == 0 {
            after_change = took;
        }
        after_filing.push(timed_page(db, &key).await);
    }
    // The same, with the reader coming once the background refresh the filing started has
    // ended: five filings, how long each refresh took to end after the filing returned, and
    // the read after it.
    let mut refreshed_after_filing = Vec::new();
    let mut refresh_took = Vec::new();
    for i in 0..5 {
        file(
            db,
            article(&mut r, &big, story_articles + 10 + i, "big"),
            &who,
        )
        .await;
        refresh_took.push(refreshed(story.id).await);
        refreshed_after_filing.push(timed_page(db, &key).await);
    }
    // A reviewer takes a claim on: its status and assignee change, nothing the tracer reads.
    // Five claims, each taken and the page read after it, the median kept.
    let reviewer = services::accounts::users::create_user(
        &db.conn,
        &format!("reviewer-{label}@example.org"),
        "Reviewer",
        claimtrail_tests::PASSWORD,
        app::domain::Role::Reviewer,
        &who,
    )
    .await
    .expect("reviewer");
    let mut after_assignment = Vec::new();
    let mut taken_ones: Vec<Uuid> = page.clusters.iter().map(|c| c.representative).collect();
    taken_ones.sort_unstable();
    taken_ones.dedup();
    for &taken in taken_ones.iter().take(5) {
        let v = services::claim_record::view(&db.conn, taken)
            .await
            .expect("claim");
        services::review::workspace::assign(&db.conn, taken, v.version, Some(reviewer.id), &who)
            .await
            .expect("assign");
        after_assignment.push(timed_page(db, &key).await);
    }
    // A reviewer corrects a claim's hedging, which the tracer reads: five claims, each
    // corrected and the page read after it, the median kept. The page reads the corrected
    // claim's article again; the next filing, which links against the whole story, reads it
    // whole (timed alone after the five).
    let mut after_edit = Vec::new();
    for &edited in taken_ones.iter().skip(5).take(5) {
        workflow::toggle_hedging(db, edited, &who).await;
        after_edit.push(timed_page(db, &key).await);
    }
    // And with the reader coming once the edit's refresh has ended.
    let mut refreshed_after_edit = Vec::new();
    for &edited in taken_ones.iter().skip(10).take(5) {
        workflow::toggle_hedging(db, edited, &who).await;
        // The edit's story is looked up in the background: wait for the views to be current.
        let t = Instant::now();
        while !ready(db, story.id).await && t.elapsed() < Duration::from_secs(60) {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        refreshed(story.id).await;
        refreshed_after_edit.push(timed_page(db, &key).await);
    }
    let (_, filing_after_edit) =
        file(db, article(&mut r, &big, story_articles + 20, "big"), &who).await;
    provenance::loading::forget(story.id);
    let t = Instant::now();
    let _ = provenance::views::story_page(&db.conn, &key)
        .await
        .expect("page");
    let cold = t.elapsed();
    eprintln!(
        "{label}: {} of 40 late reports joined their event's story; the big story holds {} articles and {} clusters, seeded in {:.0?}",
        joined,
        page.articles.len(),
        page.clusters.len(),
        seeded_big
    );
    println!(
        "| {label} | {stored_claims} | {} (p95 {}) | {} | {} | {} | {} | {} | {} (refresh ended {} after) | {} | {} | {} | {} | {} |",
        ms(ingest_median),
        ms(ingest_p95),
        ms(extract_median),
        ms(percentile(&mut late, 0.5)),
        ms(after_change),
        ms(percentile(&mut renders, 0.5)),
        ms(percentile(&mut after_filing, 0.5)),
        ms(percentile(&mut refreshed_after_filing, 0.5)),
        ms(percentile(&mut refresh_took, 0.5)),
        ms(percentile(&mut after_assignment, 0.5)),
        ms(percentile(&mut after_edit, 0.5)),
        ms(percentile(&mut refreshed_after_edit, 0.5)),
        ms(filing_after_edit),
        ms(cold),
    );
}

#[tokio::main]
async fn main() {
    let claims: usize = claimtrail_tests::setting("CLAIMS", 100_000);
    let story_articles: usize = claimtrail_tests::setting("STORY_ARTICLES", 1_000);
    // Events this many days apart: a busy newsroom's pace, so the stories are told apart by
    // their names, not by their dates.
    let days_apart: i64 = claimtrail_tests::setting("EVENT_DAYS", 3);
    println!(
        "| database | claims stored | ingest of a new report (median) | extraction alone | ingest into the {story_articles}-article story | one more after the page was read | story page, cached | story page read at once after a filing (median of 5) | story page read once the filing's background refresh ended (median of 5) | story page after an assignment (median of 5) | story page read at once after an edit (median of 5) | story page read once the edit's refresh ended (median of 5) | ingest after the edits | story page, tracer read from the database |"
    );
    println!(
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    let sqlite = TestDb::sqlite().await;
    measure(&sqlite, "SQLite", claims, story_articles, days_apart).await;
    sqlite.drop_database().await;
    if claimtrail_tests::testdb::postgres_given() {
        let pg = TestDb::postgres().await;
        measure(&pg, "PostgreSQL", claims, story_articles, days_apart).await;
        pg.drop_database().await;
    }
}
