//! How fast the claim matcher answers as the known fact-checks grow, and how fast they import.
//!
//! `cargo run -p app --release --features ssr --example bench_matcher -- ../shared [--max N]`
//!
//! The index starts from the 14,231 real fact-checks of CheckThat! 2022 Task 2A (read from the
//! ClaimReview DataFeed in `../shared/evaldata/claim-matching/`, by the importer's parser) and is
//! padded to 15,000, 100,000 and 1,000,000 (or `--max`) with generated fact-checks: word
//! sequences drawn from the real claims' own words at their own frequencies (a fixed seed), so
//! posting lists grow as a real collection's do. At each size the 199 development queries are
//! answered as the claim workspace asks (rank, then explain the first three): p50, p95 and max
//! per query, the time to build the index and the process's resident memory. Then 100,000
//! generated ClaimReviews (a JSON-LD DataFeed) are imported through the import service into a
//! fresh SQLite database, and timed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use app::server::services::matching::index::{DocInput, Index};
use app::server::services::matching::rank::{self, MODELS, Query};
use app::server::services::matching::{Matcher, import, reviews};
use uuid::Uuid;

#[path = "support/checkthat.rs"]
mod checkthat;
use checkthat::{qrels, read_gz};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_matcher: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A small deterministic generator (xorshift64*), so every run draws the same fact-checks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// A generated claim: 8 to 24 words drawn from `words` (repeated by frequency).
fn generated_claim(rng: &mut Rng, words: &[String]) -> String {
    let n = 8 + rng.below(17);
    (0..n)
        .map(|_| words[rng.below(words.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().map_or("../shared", String::as_str));
    let max: usize = args
        .iter()
        .position(|a| a == "--max")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(1_000_000), |v| {
            v.parse().map_err(|_| "--max N".to_owned())
        })?;
    let dir = shared.join("evaldata/claim-matching");
    let feed = read_gz(&dir.join("vclaims-claimreview.json.gz"))?;
    let parsed = import::parse(&feed)?;
    let queries: Vec<String> = {
        let wanted = qrels(&dir.join("CT2022-Task2A-EN-Dev_QRELs.tsv"))?;
        let all = checkthat::queries(&dir.join("CT2022-Task2A-EN-Train-Dev_Queries.tsv"))?;
        let mut ids: Vec<&String> = wanted.keys().collect();
        ids.sort();
        ids.iter().filter_map(|id| all.get(*id).cloned()).collect()
    };
    let models = MODELS.as_ref().map_err(Clone::clone)?;
    // The real claims' words, each as often as it occurs.
    let words: Vec<String> = parsed
        .records
        .iter()
        .flat_map(|r| {
            r.claim_reviewed
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    println!(
        "{} real fact-checks, {} development queries, {} words to draw from",
        parsed.records.len(),
        queries.len(),
        words.len()
    );
    println!("| fact-checks | build s | RSS MB | p50 ms | p95 ms | max ms |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    let mut index = Index::default();
    let start = Instant::now();
    let mut n = 0usize;
    for (i, r) in parsed.records.iter().enumerate() {
        n += 1;
        index.upsert(&checkthat::doc_input(i, r));
    }
    let mut built = start.elapsed();
    for size in [15_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|s| *s <= max.max(15_000))
    {
        let start = Instant::now();
        while n < size {
            n += 1;
            let claim = generated_claim(&mut rng, &words);
            index.upsert(&DocInput {
                key: Uuid::from_u128(n as u128),
                ours: false,
                title: String::new(),
                subtitle: String::new(),
                date: Some(17_000 + i32::try_from(rng.below(3000)).unwrap_or(0)),
                claim,
            });
        }
        built += start.elapsed();
        let mut times = Vec::with_capacity(queries.len());
        for q in &queries {
            let t = Instant::now();
            let query = Query::new(q, None);
            let r = rank::rank(&index, models, &query, None);
            for item in r.items.iter().take(3) {
                std::hint::black_box(rank::why(&index, &query, item));
            }
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "| {size} | {:.1} | {:.0} | {} | {} | {} |",
            built.as_secs_f64(),
            rss_mb(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
        );
    }
    drop(index);
    import_speed(&mut rng, &words)
}

/// Imports 100,000 generated ClaimReviews into a fresh SQLite database through the service.
fn import_speed(rng: &mut Rng, words: &[String]) -> Result<(), String> {
    const N: usize = 100_000;
    let elements: Vec<serde_json::Value> = (0..N)
        .map(|i| {
            serde_json::json!({
                "@type": "ClaimReview",
                "url": format!("https://checks.example/generated/{i}"),
                "claimReviewed": generated_claim(rng, words),
                "datePublished": "2026-01-10",
                "author": { "@type": "Organization", "name": "Generated Checks" },
                "reviewRating": { "@type": "Rating", "alternateName": if i % 2 == 0 { "False" } else { "Mostly true" } }
            })
        })
        .collect();
    let bytes = serde_json::to_vec(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": elements,
    }))
    .map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!("claimtrail-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("import.db").display());
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let result = rt.block_on(async {
        app::server::services::audit::anchor::load([7; 32]).map_err(|e| e.to_string())?;
        let db = app::server::db::connect_and_migrate(&url)
            .await
            .map_err(|e| e.to_string())?;
        let matcher = Matcher::new();
        let who = app::server::services::Who::system("bench");
        let mut lines = Vec::new();
        for round in ["first import", "the same file again"] {
            let t = Instant::now();
            let s = reviews::import(&db, &matcher, &bytes, &who, &|_, _| {})
                .await
                .map_err(|e| e.to_string())?;
            lines.push(format!(
                "{round}: {N} ClaimReviews ({} MB) in {:.1} s: {} new, {} unchanged",
                bytes.len() / (1024 * 1024),
                t.elapsed().as_secs_f64(),
                s.new,
                s.unchanged
            ));
        }
        let t = Instant::now();
        matcher.refresh(&db).await.map_err(|e| e.to_string())?;
        lines.push(format!(
            "a server's matcher loads them from the database in {:.1} s",
            t.elapsed().as_secs_f64()
        ));
        Ok::<_, String>(lines)
    });
    let _ = std::fs::remove_dir_all(&dir);
    for l in result? {
        println!("{l}");
    }
    Ok(())
}
