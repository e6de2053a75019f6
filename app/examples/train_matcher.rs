//! Trains the claim matcher's model from the CheckThat! 2022 Task 2A training queries and writes
//! `app/src/server/services/matching/model.json`; prints MAP@5 on the development splits.
//!
//! `cargo run -p app --release --features ssr --example train_matcher -- ../shared`
//!
//! Options: `--evaluate` scores the shipped model without writing; `--golden FILE` also compares
//! the shipped model's top five and probability with a reference file (JSON lines of
//! `query_id`, `top1_prob`, `top5` [[vclaim id, score], ...]).
//!
//! The fact-checks are read from the ClaimReview `DataFeed` (`vclaims-claimreview.json.gz`) by
//! the same parser `claimtrail claimreview import` uses. Deterministic: queries in id order,
//! Newton's method, so the same data gives the same bytes.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use app::server::services::matching::import;
use app::server::services::matching::index::Index;
use app::server::services::matching::rank::{self, FEATURES, LinearModel, MODELS, Models, Query};
use app::server::services::matching::train::{self, Example, NODATE_FEATURES};
use uuid::Uuid;

#[path = "support/checkthat.rs"]
mod checkthat;
use checkthat::{qrels, queries, read_gz};

const COMMAND: &str =
    "cargo run -p app --release --features ssr --example train_matcher -- ../shared";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_matcher: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The vclaim id of a Snopes review URL.
fn vclaim_id(url: &str) -> String {
    let slug = url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    format!("vclaim-sno-{slug}")
}

struct Data {
    index: Index,
    /// The vclaim id of each key.
    ids: HashMap<Uuid, String>,
    text: HashMap<String, String>,
    splits: Vec<(&'static str, HashMap<String, HashSet<String>>)>,
}

fn load(shared: &Path) -> Result<Data, String> {
    let dir = shared.join("evaldata/claim-matching");
    let feed = read_gz(&dir.join("vclaims-claimreview.json.gz"))?;
    let parsed = import::parse(&feed)?;
    let mut index = Index::default();
    let mut ids = HashMap::new();
    for (i, r) in parsed.records.iter().enumerate() {
        let doc = checkthat::doc_input(i, r);
        let key = doc.key;
        index.upsert(&doc);
        ids.insert(key, vclaim_id(&r.url));
    }
    let mut text = queries(&dir.join("CT2022-Task2A-EN-Train-Dev_Queries.tsv"))?;
    text.extend(queries(&dir.join("CT2022-Task2A-EN-Dev-Test_Queries.tsv"))?);
    let splits = vec![
        (
            "train",
            qrels(&dir.join("CT2022-Task2A-EN-Train_QRELs.tsv"))?,
        ),
        ("dev", qrels(&dir.join("CT2022-Task2A-EN-Dev_QRELs.tsv"))?),
        (
            "devtest",
            qrels(&dir.join("CT2022-Task2A-EN-Dev-Test_QRELs.tsv"))?,
        ),
    ];
    Ok(Data {
        index,
        ids,
        text,
        splits,
    })
}

/// The examples of a split, dated (signature dates kept) or not.
fn examples(data: &Data, split: &HashMap<String, HashSet<String>>, dated: bool) -> Vec<Example> {
    let mut qids: Vec<&String> = split.keys().collect();
    qids.sort();
    qids.iter()
        .filter_map(|q| {
            let mut query = Query::new(data.text.get(*q)?, None);
            if !dated {
                query.date = None;
            }
            let gold = &split[*q];
            Some(train::example(&data.index, &query, |c| {
                data.index
                    .doc(c.doc)
                    .and_then(|d| data.ids.get(&d.key))
                    .is_some_and(|id| gold.contains(id))
            }))
        })
        .collect()
}

/// MAP@5 of the end-to-end path (the dated model when the query has a date) on a split.
fn end_to_end(
    data: &Data,
    models: &Models,
    split: &HashMap<String, HashSet<String>>,
    dated: bool,
) -> f64 {
    let mut total = 0.0;
    for (q, gold) in split {
        let Some(t) = data.text.get(q) else { continue };
        let mut query = Query::new(t, None);
        if !dated {
            query.date = None;
        }
        let r = rank::rank(&data.index, models, &query, None);
        total += r
            .items
            .iter()
            .take(5)
            .position(|i| data.ids.get(&i.key).is_some_and(|id| gold.contains(id)))
            .map_or(0.0, |p| 1.0 / (p + 1) as f64);
    }
    total / split.len().max(1) as f64
}

fn golden(data: &Data, models: &Models, path: &Path) -> Result<(), String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (mut same_top5, mut n, mut max_score, mut max_p) = (0, 0, 0.0f64, 0.0f64);
    for line in s.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let qid = g["query_id"].as_str().unwrap_or_default();
        let Some(t) = data.text.get(qid) else {
            continue;
        };
        let r = rank::rank(&data.index, models, &Query::new(t, None), None);
        let ours: Vec<(String, f64)> = r
            .items
            .iter()
            .take(5)
            .map(|i| (data.ids.get(&i.key).cloned().unwrap_or_default(), i.score))
            .collect();
        let theirs: Vec<(String, f64)> = g["top5"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    p[0].as_str().unwrap_or_default().to_owned(),
                    p[1].as_f64().unwrap_or(0.0),
                )
            })
            .collect();
        n += 1;
        if ours.iter().map(|o| &o.0).eq(theirs.iter().map(|t| &t.0)) {
            same_top5 += 1;
        } else {
            println!("  {qid}: top 5 differ\n    rust   {ours:?}\n    python {theirs:?}");
        }
        for (o, t) in ours.iter().zip(&theirs) {
            if o.0 == t.0 {
                max_score = max_score.max((o.1 - t.1).abs());
            }
        }
        max_p = max_p.max((r.probability - g["top1_prob"].as_f64().unwrap_or(0.0)).abs());
    }
    println!(
        "golden: {same_top5}/{n} queries with the same top 5; largest score difference {max_score:.2e}, probability {max_p:.2e}"
    );
    Ok(())
}

fn report(data: &Data, models: &Models) {
    for (name, split) in &data.splits {
        println!(
            "{name:8} MAP@5 dated {:.4}   no-date {:.4}   ({} queries)",
            end_to_end(data, models, split, true),
            end_to_end(data, models, split, false),
            split.len()
        );
    }
}

fn json_model(m: &LinearModel) -> serde_json::Value {
    serde_json::json!({
        "features": m.features,
        "weights": m.weights,
        "calibrator": m.calibrator,
    })
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().ok_or(format!("usage: {COMMAND}"))?);
    let evaluate = args.iter().any(|a| a == "--evaluate");
    let golden_file = args
        .iter()
        .position(|a| a == "--golden")
        .and_then(|i| args.get(i + 1));
    let started = std::time::Instant::now();
    let data = load(&shared)?;
    println!(
        "{} fact-checks indexed in {:.1} s",
        data.index.len(),
        started.elapsed().as_secs_f64()
    );
    let shipped = MODELS.as_ref().map_err(Clone::clone)?;
    if let Some(path) = golden_file {
        golden(&data, shipped, Path::new(path))?;
    }
    if evaluate {
        println!("shipped model ({}):", shipped.generated_by);
        report(&data, shipped);
        return Ok(());
    }
    let train_split = &data.splits[0].1;
    let dated = train::fit(&examples(&data, train_split, true), &FEATURES);
    let nodate = train::fit(&examples(&data, train_split, false), &NODATE_FEATURES);
    for (name, m) in [("dated", &dated), ("no-date", &nodate)] {
        println!("{name} model:");
        for (f, w) in m.features.iter().zip(&m.weights) {
            println!("  {f:16} {w:+.6}");
        }
        let [c1, c2, c0] = m.calibrator;
        println!("  top-1 calibrator: p = sigmoid({c1:.6}*s1 + {c2:.6}*(s1-s2) + {c0:.6})");
    }
    let models = Models {
        generated_by: COMMAND.to_owned(),
        dated,
        nodate,
    };
    report(&data, &models);
    let out = serde_json::json!({
        "generated_by": COMMAND,
        "dated": json_model(&models.dated),
        "nodate": json_model(&models.nodate),
    });
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server/services/matching/model.json");
    let body = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())? + "\n";
    std::fs::write(&path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "wrote {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
