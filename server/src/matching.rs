//! The matching commands: `claimtrail claimreview import FILE|-` (a progress bar and a summary)
//! and `claimtrail match QUERIES.tsv [--top N]` (the evaluation and batch interface).

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use app::server::db;
use app::server::services::Who;
use app::server::services::matching::rank::Query;
use app::server::services::matching::{Matcher, reviews};

fn read_input(file: &Path) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    }
    Ok(bytes)
}

/// How many skip reasons the summary lists before it only counts.
const REASONS_SHOWN: usize = 20;

/// `claimtrail claimreview import FILE|-`.
///
/// # Errors
/// The file cannot be read or is in no known shape; the database failed.
pub async fn import(url: &str, file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = read_input(file)?;
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let matcher = Matcher::new();
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} reviews {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let who = Who::system("cli claimreview import");
    let summary = reviews::import(&conn, &matcher, &bytes, &who, &progress)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    println!(
        "{}: {} read, {} new, {} updated, {} unchanged, {} skipped",
        summary.format,
        summary.read,
        summary.new,
        summary.updated,
        summary.unchanged,
        summary.skipped.len()
    );
    println!(
        "ratings: {} mapped to our scale, {} kept verbatim only",
        summary.rating_mapped, summary.rating_unmapped
    );
    if summary.rematched > 0 {
        println!(
            "{} claims waiting for review were matched again",
            summary.rematched
        );
    }
    for s in summary.skipped.iter().take(REASONS_SHOWN) {
        println!("  skipped {}: {}", s.at, s.reason);
    }
    if summary.skipped.len() > REASONS_SHOWN {
        println!(
            "  … and {} more skipped",
            summary.skipped.len() - REASONS_SHOWN
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The `id<TAB>text` lines of a queries file, read as CSV with tab separators (quoted fields
/// honoured, as the CheckThat! files are written). A first line naming the columns is skipped.
fn queries(bytes: &[u8]) -> anyhow::Result<Vec<(String, String)>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("reading query line {}", i + 1))?;
        let (Some(id), Some(text)) = (row.get(0), row.get(1)) else {
            continue;
        };
        let id = id.trim();
        if i == 0 && matches!(id, "id" | "tweet_id" | "query_id") {
            continue;
        }
        if !id.is_empty() {
            out.push((id.to_owned(), text.to_owned()));
        }
    }
    Ok(out)
}

/// `claimtrail match QUERIES.tsv [--top N]`: for each query, its best `top` known fact-checks
/// as `id<TAB>rank<TAB>review url<TAB>score`. A query dated by a tweet signature is ranked by
/// the dated model, any other by the no-date model.
///
/// # Errors
/// The file cannot be read; the database failed.
pub async fn rank_queries(url: &str, file: &Path, top: usize) -> anyhow::Result<ExitCode> {
    let bytes = read_input(file)?;
    let queries = queries(&bytes)?;
    let conn = db::connect_and_migrate(url)
        .await
        .context("opening the database")?;
    let matcher = Matcher::new();
    matcher
        .refresh(&conn)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if matcher.len().await == 0 {
        eprintln!(
            "No fact-checks are known yet: import some with `claimtrail claimreview import`."
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (id, text) in &queries {
        let answer = matcher
            .rank(&conn, &Query::new(text, None), None, 0)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let best: Vec<_> = answer.ranking.items.iter().take(top).collect();
        let imported: Vec<uuid::Uuid> = best.iter().filter(|i| !i.ours).map(|i| i.key).collect();
        let urls = reviews::urls(&conn, &imported)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        for (rank, item) in best.iter().enumerate() {
            // Our own fact-checks are named by their claim id (they have no review URL until
            // the site's address is known).
            let address = urls
                .get(&item.key)
                .cloned()
                .unwrap_or_else(|| format!("claim:{}", item.key));
            writeln!(out, "{id}\t{}\t{address}\t{:.6}", rank + 1, item.score)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::queries;

    #[test]
    fn query_files_honour_quotes_and_skip_a_header() {
        let q = queries(b"tweet_id\ttweet\nq1\t\"He said \"\"no\"\"\"\nq2\tplain text\n")
            .unwrap_or_default();
        assert_eq!(
            q,
            [
                ("q1".to_owned(), "He said \"no\"".to_owned()),
                ("q2".to_owned(), "plain text".to_owned())
            ]
        );
    }
}
