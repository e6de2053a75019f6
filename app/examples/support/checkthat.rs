//! Reading CheckThat! 2022 Task 2A English from `../shared/evaldata/claim-matching/`, for the
//! matcher's examples (training and benchmarking): the gzipped ClaimReview `DataFeed` of the
//! fact-checks, the `id<TAB>text` query files and the `query 0 vclaim 1` relevance files.
// Each example uses what it needs of this module.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use app::server::services::matching::import::ReviewRecord;
use app::server::services::matching::index::DocInput;
use app::server::services::matching::{rank, text};
use uuid::Uuid;

pub fn read_gz(path: &Path) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut out)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(out)
}

/// `id<TAB>text` lines, read as Python's csv module reads them (quotes honoured).
pub fn queries(path: &Path) -> Result<HashMap<String, String>, String> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = HashMap::new();
    for row in r.records() {
        let row = row.map_err(|e| format!("{}: {e}", path.display()))?;
        if let (Some(id), Some(t)) = (row.get(0), row.get(1)) {
            out.insert(id.to_owned(), t.to_owned());
        }
    }
    Ok(out)
}

/// `query 0 vclaim 1` lines.
pub fn qrels(path: &Path) -> Result<HashMap<String, HashSet<String>>, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for line in s.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() >= 3 {
            out.entry(t[0].to_owned())
                .or_default()
                .insert(t[2].to_owned());
        }
    }
    Ok(out)
}

/// The index input of the `n`-th fact-check of the feed (keys 1, 2, … in feed order).
pub fn doc_input(n: usize, r: &ReviewRecord) -> DocInput {
    DocInput {
        key: Uuid::from_u128(n as u128 + 1),
        ours: false,
        claim: r.claim_reviewed.clone(),
        title: r.title.clone().unwrap_or_default(),
        subtitle: r.description.clone().unwrap_or_default(),
        date: r
            .date_published
            .as_deref()
            .and_then(text::parse_review_date)
            .map(rank::day_number),
    }
}
