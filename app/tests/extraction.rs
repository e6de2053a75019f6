//! The extractor's evaluation on real reporting (baseline, before the learned model).

#[allow(dead_code)]
#[path = "../../tests/support/eval.rs"]
mod eval;

use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

#[test]
fn baseline() {
    let corpus = shared().join("corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        println!("skipped: {} is absent", corpus.display());
        return;
    };
    let mut events: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    events.sort();
    let mut all = eval::Score::default();
    for ev in &events {
        let mut total = eval::Score::default();
        for (txt, exp) in eval::annotated_articles(std::slice::from_ref(ev)) {
            let text = std::fs::read_to_string(&txt).expect("text");
            let gold = eval::load(&exp);
            let claims = app::extract::extract_claims(&text);
            let s = eval::score(&claims, &gold, &text);
            println!("{} typed F1 {:.2}\n{}", txt.display(), s.typed().f1(), s.misses());
            total.add(&s);
        }
        println!("{}", total.report(&ev.display().to_string()));
        all.add(&total);
    }
    println!("{}", all.report("ALL"));
}
