//! Trains the extractor's model from the shared data and writes `app/src/extract/model.bin`:
//! the claim kinds from every annotated article of `<shared>/corpus/*/` and check-worthiness
//! from `<shared>/evaldata/claimbuster/train.json`.
//!
//! `cargo run -p app --release --features ssr --example train_extractor -- ../shared`
//!
//! Deterministic: files are read in name order, ClaimBuster in sentence-id order, and training
//! shuffles with a fixed seed, so the same data gives the same bytes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use app::extract::annotations::Annotations;
use app::extract::learn::{self, Article};

const COMMAND: &str =
    "cargo run -p app --release --features ssr --example train_extractor -- ../shared";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_extractor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn sorted_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    Ok(v)
}

fn run() -> Result<(), String> {
    let shared = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("name the shared data folder, e.g. ../shared")?,
    );
    let mut docs: Vec<(String, Annotations)> = Vec::new();
    for event in sorted_dir(&shared.join("corpus"))?
        .into_iter()
        .filter(|p| p.is_dir())
    {
        for gold in sorted_dir(&event)?
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        {
            let name = gold.to_string_lossy().into_owned();
            // Articles only: the event's cross-article gold has no text of its own.
            let txt = PathBuf::from(name.replace(".expected.json", ".txt"));
            if !txt.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&txt)
                .map_err(|e| format!("reading {}: {e}", txt.display()))?;
            let json = std::fs::read_to_string(&gold)
                .map_err(|e| format!("reading {}: {e}", gold.display()))?;
            let ann = Annotations::parse(&json).map_err(|e| format!("{name}: {e}"))?;
            docs.push((text, ann));
        }
    }
    if docs.is_empty() {
        return Err(format!(
            "no annotated articles under {}",
            shared.join("corpus").display()
        ));
    }
    #[derive(serde::Deserialize)]
    struct Row {
        sentence_id: u64,
        text: String,
        label: u8,
    }
    let cb_path = shared.join("evaldata/claimbuster/train.json");
    let cb_text = std::fs::read_to_string(&cb_path)
        .map_err(|e| format!("reading {}: {e}", cb_path.display()))?;
    let mut rows: Vec<Row> =
        serde_json::from_str(&cb_text).map_err(|e| format!("{}: {e}", cb_path.display()))?;
    rows.sort_by_key(|r| r.sentence_id);
    let sentences: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| (r.text.as_str(), r.label == 1))
        .collect();

    let articles: Vec<Article<'_>> = docs
        .iter()
        .map(|(text, gold)| Article { text, gold })
        .collect();
    let model = learn::train(&articles, &sentences);
    let header = format!(
        "Generated: do not edit. Made by `{COMMAND}`\nfrom {} annotated articles ({} claims) and {} ClaimBuster sentences.",
        articles.len(),
        docs.iter().map(|(_, g)| g.claims.len()).sum::<usize>(),
        sentences.len()
    );
    let bytes = model.to_bytes(&header);
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/extract/model.bin");
    std::fs::write(&out, &bytes).map_err(|e| format!("writing {}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}
