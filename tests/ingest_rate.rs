//! How many articles a second `claimtrail ingest` stores, as a newsroom would run it: the release
//! binary, a fresh database, a folder of short news reports. The reports are generated here
//! (invented events, places and figures; nothing from any real article): `ARTICLES` of them
//! (600 by default), `PER_EVENT` reports per event (six by default), an event a day.
//! `ARTICLES=1000 PER_EVENT=1000` files every report into one story, as a long-running event.
//!
//! `cargo build --release -p server && cargo bench -p claimtrail-tests --bench ingest_rate`
//! (`CLAIMTRAIL_BIN` names another binary; `INGEST_DIR` keeps the reports). With `CLAIMTRAIL_TEST_PG_URL` or `PGHOST` set,
//! PostgreSQL is measured too. Prints a Markdown table for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use claimtrail_tests::TestDb;
use claimtrail_tests::generated::{Lcg, article, event};

fn binary() -> PathBuf {
    if let Ok(b) = std::env::var("CLAIMTRAIL_BIN") {
        return PathBuf::from(b);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("release/claimtrail")
}

/// Writes the reports, one file each, and returns their paths and total size.
fn write_reports(dir: &Path, n: usize, per_event: usize) -> (Vec<PathBuf>, usize) {
    let mut r = Lcg::new(17);
    let mut paths = Vec::with_capacity(n);
    let mut bytes = 0;
    let mut e = event(&mut r, 0, 1);
    for i in 0..n {
        if i % per_event == 0 {
            e = event(&mut r, i / per_event, 1);
        }
        let text = article(&mut r, &e, i % per_event, "ingest");
        bytes += text.len();
        let p = dir.join(format!("report-{i:05}.txt"));
        std::fs::write(&p, text).expect("write a report");
        paths.push(p);
    }
    (paths, bytes)
}

fn run(label: &str, db: &TestDb, bin: &Path, key: &Path, reports: &[PathBuf], bytes: usize) {
    let t = Instant::now();
    let out = Command::new(bin)
        .arg("--database-url")
        .arg(&db.url)
        .arg("--audit-key-file")
        .arg(key)
        .arg("--log-level")
        .arg("warn")
        .arg("ingest")
        .args(reports)
        .output()
        .expect("run claimtrail ingest");
    let secs = t.elapsed().as_secs_f64();
    let summary = String::from_utf8_lossy(&out.stdout);
    let last = summary.lines().last().unwrap_or("").to_owned();
    assert!(
        out.status.success(),
        "claimtrail ingest failed: {last}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = reports.len();
    println!(
        "| {label} | {n} | {:.0} KB | {secs:.2} s | **{:.0} articles/s** | {last} |",
        bytes as f64 / 1e3,
        n as f64 / secs,
    );
}

#[tokio::main]
async fn main() {
    let n: usize = claimtrail_tests::setting("ARTICLES", 600);
    let per_event: usize = claimtrail_tests::setting("PER_EVENT", 6).max(1);
    let bin = binary();
    if !bin.exists() {
        eprintln!(
            "skipped: no release binary at {} (cargo build --release -p server, or set CLAIMTRAIL_BIN)",
            bin.display()
        );
        return;
    }
    // INGEST_DIR keeps the reports there, to run `claimtrail ingest` on them by hand.
    let kept = std::env::var("INGEST_DIR").ok().map(PathBuf::from);
    let dir = kept.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("claimtrail-ingest-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (reports, bytes) = write_reports(&dir, n, per_event);
    let key = dir.join("audit.key");
    println!("| database | articles | text | time | rate | outcome |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let sqlite = TestDb::sqlite().await;
    run("SQLite", &sqlite, &bin, &key, &reports, bytes);
    sqlite.drop_database().await;
    if claimtrail_tests::testdb::postgres_given() {
        let pg = TestDb::postgres().await;
        run("PostgreSQL", &pg, &bin, &key, &reports, bytes);
        pg.drop_database().await;
    }
    if kept.is_none() {
        std::fs::remove_dir_all(&dir).ok();
    }
}
