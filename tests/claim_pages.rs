//! The pages of a claim carried by many outlets: one invented event reported ARTICLES times
//! (invented places, groups and figures; nothing from any real article) is ingested through
//! the real ingest path, the claim the most reports carry is fact-checked (a source, a
//! proposal, another person's approval), and each page that lists where it appeared is
//! fetched through the real router: its size, raw and gzip-compressed, and the median of five
//! reads after one untimed (in process, no network).
//!
//! `cargo bench -p claimtrail-tests --bench claim_pages` (ARTICLES=1000 by default, SQLite).
//! Prints a Markdown table for BENCHMARKS.md.

use std::io::Write;
use std::time::{Duration, Instant};

use app::domain::{Rating, Role};
use app::server::services::{self, Who, articles::intake::NewArticle, provenance};
use claimtrail_tests::generated::{Lcg, article, event};
use claimtrail_tests::{TestApp, workflow};

fn gzip_len(body: &str) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(body.as_bytes()).expect("gzip");
    e.finish().expect("gzip").len()
}

#[tokio::main]
async fn main() {
    let articles: usize = std::env::var("ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let app = TestApp::new().await;
    let db = &app.db;
    let mut r = Lcg::new(7);
    let e = event(&mut r, 0, 1);
    let started = Instant::now();
    let mut first = None;
    for i in 0..articles {
        let out = services::articles::intake::ingest(
            &db.conn,
            NewArticle {
                text: article(&mut r, &e, i, "carried"),
                ..NewArticle::default()
            },
            &Who::system("bench"),
        )
        .await
        .expect("ingest");
        first.get_or_insert(out.article_id);
    }
    let story = provenance::views::story_of_article(&db.conn, first.expect("an article"))
        .await
        .expect("story")
        .expect("filed");
    let page = provenance::views::story_page(&db.conn, &story.id.to_string())
        .await
        .expect("story page");
    let carried = page
        .clusters
        .iter()
        .max_by_key(|c| c.appearances.len())
        .expect("a cluster");
    eprintln!(
        "{articles} reports ingested in {:.1?}; the most carried claim is in {} of them",
        started.elapsed(),
        carried.appearances.len()
    );
    let reviewer = app.account("rita@example.org", Role::Reviewer).await;
    let editor = app.account("ed@example.org", Role::Editor).await;
    let slug = workflow::publish_claim(
        db,
        carried.representative,
        Rating::Mixed,
        &reviewer,
        &editor,
    )
    .await;
    let cookie = app.sign_in().await;
    let workspace = format!("/review/claims/{}", carried.representative);
    let views: [(&str, String, bool); 6] = [
        ("fact-check", format!("/claims/{slug}"), false),
        (
            "fact-check, every appearance",
            format!("/claims/{slug}?appearances=all"),
            false,
        ),
        ("fact-check JSON", format!("/claims/{slug}.json"), false),
        (
            "public story",
            format!("/stories/{}", page.story.slug),
            false,
        ),
        ("staff claim workspace", workspace.clone(), true),
        (
            "staff workspace, every appearance",
            format!("{workspace}?appearances=all"),
            true,
        ),
    ];
    println!(
        "| {:<34} | {:>10} | {:>8} | {:>11} |",
        "page", "bytes", "gzip", "median read"
    );
    println!(
        "| {:<34} | {:>10} | {:>8} | {:>11} |",
        "---", "---", "---", "---"
    );
    for (what, path, staff) in views {
        let who = staff.then_some(cookie.as_str());
        let (status, _, body) = app.get(&path, who).await;
        assert!(status.is_success(), "{path}: {status}");
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let _ = app.get(&path, who).await;
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "| {:<34} | {:>10} | {:>8} | {:>8.1} ms |",
            what,
            body.len(),
            gzip_len(&body),
            times[2].as_secs_f64() * 1000.0
        );
    }
}
