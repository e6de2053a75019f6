//! How the dashboard and the review queue hold up at a million claims. Seeds a SQLite database
//! (and, with `PGHOST` set, a PostgreSQL one) with generated articles, claims and verdicts, then
//! times each query the dashboard and the queue make.
//!
//! `cargo bench -p claimtrail-tests --bench scale` (CLAIMS=1000000 by default; CLAIMS=100000 for
//! a quick look). Prints a Markdown table for BENCHMARKS.md.

use std::time::{Duration, Instant};

use app::domain::{ClaimKind, QueueFilter, QueueSort, Rating, ReviewStatus, VerdictState};
use app::server::entities::{article, claim, user, verdict};
use app::server::services;
use chrono::Utc;
use claimtrail_tests::TestDb;
use sea_orm::{ConnectionTrait, EntityTrait, Set, TransactionTrait};
use uuid::Uuid;

const PER_ARTICLE: usize = 20;

/// A UUIDv7 for a row made at `at`, as the application would have made it then.
fn id_at(at: chrono::DateTime<Utc>) -> Uuid {
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from(at.timestamp()).unwrap_or(0),
        at.timestamp_subsec_nanos(),
    );
    Uuid::new_v7(ts)
}

async fn seed(db: &TestDb, claims: usize) -> Uuid {
    // A year of ingestion, evenly spread: 50,000 articles of 20 claims, one every ten minutes or so.
    let t0 = Utc::now() - chrono::Duration::days(365);
    let step = 365 * 86_400 / (claims / PER_ARTICLE).max(1) as i64;
    let reviewer = Uuid::now_v7();
    user::Entity::insert(user::ActiveModel {
        id: Set(reviewer),
        email: Set("seed@example.org".into()),
        display_name: Set("Seed Reviewer".into()),
        password_hash: Set("-".into()),
        role: Set("reviewer".into()),
        disabled: Set(false),
        created_at: Set(t0),
        updated_at: Set(t0),
    })
    .exec_without_returning(&db.conn)
    .await
    .expect("user");
    let statuses = [
        ReviewStatus::New,
        ReviewStatus::New,
        ReviewStatus::New,
        ReviewStatus::InReview,
        ReviewStatus::VerdictProposed,
        ReviewStatus::Published,
        ReviewStatus::Dismissed,
    ];
    let mut n = 0usize;
    let mut article_no = 0usize;
    while n < claims {
        let txn = db.conn.begin().await.expect("txn");
        for _ in 0..50 {
            if n >= claims {
                break;
            }
            article_no += 1;
            let at = t0 + chrono::Duration::seconds(article_no as i64 * step);
            let aid = id_at(at);
            article::Entity::insert(article::ActiveModel {
                id: Set(aid),
                title: Set(format!("Generated article {article_no}")),
                url: Set(None),
                publisher: Set(Some("Seed".into())),
                byline: Set(None),
                section: Set(None),
                published_at: Set(Some(at)),
                language: Set("en".into()),
                image_url: Set(None),
                body: Set(format!("Article {article_no}.")),
                body_sha256: Set(services::sha256_hex(
                    format!("article {article_no}").as_bytes(),
                )),
                ingested_by: Set(None),
                created_at: Set(at),
                updated_at: Set(at),
                version: Set(1),
            })
            .exec_without_returning(&txn)
            .await
            .expect("article");
            let mut rows = Vec::with_capacity(PER_ARTICLE);
            let mut verdicts = Vec::new();
            for i in 0..PER_ARTICLE.min(claims - n) {
                let id = id_at(at);
                let status = statuses[(n + i) % statuses.len()];
                // Kind and rating vary independently of the status (and of each other).
                let kind = ClaimKind::ALL[(n + i) / statuses.len() % ClaimKind::ALL.len()];
                let published = status == ReviewStatus::Published;
                rows.push(claim::ActiveModel {
                    id: Set(id),
                    article_id: Set(aid),
                    kind: Set(kind.as_str().into()),
                    quote: Set(format!("Claim {} of article {article_no}", i + 1)),
                    span_start: Set(0),
                    span_end: Set(1),
                    prefix: Set(String::new()),
                    suffix: Set(String::new()),
                    figures: Set(serde_json::json!([])),
                    claimant_id: Set(None),
                    target_id: Set(None),
                    hedged: Set(false),
                    checkworthiness: Set(((n + i) * 7919 % 1000) as f64 / 1000.0),
                    status: Set(status.as_str().into()),
                    assignee_id: Set(None),
                    version: Set(1),
                    created_at: Set(at),
                    updated_at: Set(at),
                    slug: Set(published.then(|| format!("claim-{id}"))),
                    short_id: Set(published.then(|| id.simple().to_string()[20..].to_owned())),
                    published_at: Set(published.then(|| at + chrono::Duration::hours(6))),
                    trace_version: Set(1),
                });
                if published || status == ReviewStatus::VerdictProposed {
                    verdicts.push(verdict::ActiveModel {
                        id: Set(id_at(at)),
                        claim_id: Set(id),
                        rating: Set(
                            Rating::ALL[(n + i) / (statuses.len() * ClaimKind::ALL.len())
                                % Rating::ALL.len()]
                            .as_str()
                            .into(),
                        ),
                        rating_value: Set(3),
                        rationale: Set("Generated.".into()),
                        state: Set(if published {
                            VerdictState::Approved
                        } else {
                            VerdictState::Proposed
                        }
                        .as_str()
                        .into()),
                        proposed_by: Set(reviewer),
                        decided_by: Set(None),
                        decision_note: Set(None),
                        decided_at: Set(None),
                        supersedes: Set(None),
                        created_at: Set(at),
                        updated_at: Set(at),
                        evidence: Set(None),
                        retracted_at: Set(None),
                        retracted_by: Set(None),
                        retraction_note: Set(None),
                    });
                }
            }
            n += rows.len();
            claim::Entity::insert_many(rows)
                .exec_without_returning(&txn)
                .await
                .expect("claims");
            if !verdicts.is_empty() {
                verdict::Entity::insert_many(verdicts)
                    .exec_without_returning(&txn)
                    .await
                    .expect("verdicts");
            }
        }
        txn.commit().await.expect("commit");
    }
    // What the server does every minute: fold the tallies the triggers kept.
    services::tallies::compact(&db.conn).await.expect("compact");
    db.conn
        .execute_unprepared("ANALYZE")
        .await
        .expect("analyze");
    reviewer
}

async fn time<F, Fut, T>(runs: u32, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    f().await; // warm
    let start = Instant::now();
    for _ in 0..runs {
        f().await;
    }
    start.elapsed() / runs
}

async fn measure(db: &TestDb, name: &str, claims: usize) {
    let started = Instant::now();
    let viewer = seed(db, claims).await;
    eprintln!(
        "{name}: seeded {claims} claims in {:.0?}",
        started.elapsed()
    );
    let runs = 5;
    let dash = time(runs, || async {
        services::dashboard::dashboard(&db.conn)
            .await
            .expect("dashboard")
    })
    .await;
    let first = time(runs, || async {
        services::review::queue::page(&db.conn, &QueueFilter::default(), viewer)
            .await
            .expect("page")
    })
    .await;
    // A page deep in the queue: follow the cursor 40 pages in, then time the next page.
    let mut filter = QueueFilter {
        sort: QueueSort::Oldest,
        ..QueueFilter::default()
    };
    for _ in 0..40 {
        filter.after = services::review::queue::page(&db.conn, &filter, viewer)
            .await
            .expect("page")
            .next;
    }
    let deep = time(runs, || async {
        services::review::queue::page(&db.conn, &filter, viewer)
            .await
            .expect("page")
    })
    .await;
    let kind = QueueFilter {
        kind: Some(ClaimKind::Denial),
        ..QueueFilter::default()
    };
    let by_kind = time(runs, || async {
        services::review::queue::page(&db.conn, &kind, viewer)
            .await
            .expect("page")
    })
    .await;
    let public = time(runs, || async {
        services::publishing::listing::list(&db.conn, &app::domain::PublicFilter::default(), 20)
            .await
            .expect("list")
    })
    .await;
    let rated = app::domain::PublicFilter {
        rating: Some(Rating::False),
        ..app::domain::PublicFilter::default()
    };
    let public_rated = time(runs, || async {
        services::publishing::listing::list(&db.conn, &rated, 20)
            .await
            .expect("list")
    })
    .await;
    println!(
        "| {name} | {claims} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms |",
        dash.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        deep.as_secs_f64() * 1e3,
        by_kind.as_secs_f64() * 1e3,
        public.as_secs_f64() * 1e3,
        public_rated.as_secs_f64() * 1e3
    );
}

#[tokio::main]
async fn main() {
    let claims: usize = claimtrail_tests::setting("CLAIMS", 1_000_000);
    println!(
        "| database | claims | dashboard | queue, first page | queue, 41st page | queue, by kind | public list | public list, by rating |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let sqlite = TestDb::sqlite().await;
    measure(&sqlite, "SQLite", claims).await;
    // SCALE_KEEP=1 keeps the SQLite database for a look at query plans.
    if std::env::var("SCALE_KEEP").is_ok() {
        eprintln!("kept the SQLite database: {}", sqlite.url);
    } else {
        sqlite.drop_database().await;
    }
    if claimtrail_tests::testdb::postgres_given() {
        let pg = TestDb::postgres().await;
        measure(&pg, "PostgreSQL", claims).await;
        pg.drop_database().await;
    }
}
