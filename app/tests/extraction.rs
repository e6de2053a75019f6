//! The extractor's evaluation on real reporting, leave-one-event-out: for each of the three
//! events of `../shared/corpus`, a model is trained on the other two and scored on it, so the
//! numbers forecast what the extractor does on events it has never seen. It prints per-kind
//! P/R/F1, typed micro and detection F1, figure and actor accuracy and the worst article for each
//! held-out event, next to the tuned (in-sample) numbers; then ClaimBuster's 5-fold
//! cross-validation. Run with `cargo test -p app --features ssr --test extraction -- --nocapture`
//! to see the tables. The data is read in place and never copied; without it the tests say so
//! and skip.

#[allow(dead_code)]
#[path = "../../tests/support/eval.rs"]
mod eval;

use std::path::{Path, PathBuf};

use app::extract::annotations::Annotations;
use app::extract::learn::{self, Article};
use app::extract::model::Model;
use app::extract::{extract_claims, extract_claims_with};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// One annotated article of the corpus.
struct Doc {
    name: String,
    text: String,
    gold: Annotations,
}

/// The corpus's events, each with its articles, in name order; `None` when it is absent.
fn corpus() -> Option<Vec<(String, Vec<Doc>)>> {
    let dir = shared().join("corpus");
    let mut events: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    events.sort();
    let out: Vec<(String, Vec<Doc>)> = events
        .iter()
        .map(|ev| {
            let docs = eval::annotated_articles(std::slice::from_ref(ev))
                .into_iter()
                .map(|(txt, exp)| Doc {
                    name: file_name(&txt),
                    text: std::fs::read_to_string(&txt).expect("article text"),
                    gold: eval::load(&exp),
                })
                .collect();
            (file_name(ev), docs)
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn articles<'a>(docs: impl Iterator<Item = &'a Doc>) -> Vec<Article<'a>> {
    docs.map(|d| Article {
        text: &d.text,
        gold: &d.gold,
    })
    .collect()
}

/// ClaimBuster's sentences as training pairs.
fn pairs(cb: &[(u64, String, bool)]) -> Vec<(&str, bool)> {
    cb.iter().map(|(_, t, y)| (t.as_str(), *y)).collect()
}

/// Scores `model` on `docs`: the sum, and the worst article's typed F1 with its name.
fn score_docs(docs: &[Doc], model: &Model, verbose: bool) -> (eval::Score, (f64, String)) {
    let mut total = eval::Score::default();
    let mut worst = (f64::INFINITY, String::new());
    for d in docs {
        let claims = extract_claims_with(&d.text, model);
        let s = eval::score(&claims, &d.gold, &d.text);
        let f1 = s.typed().f1();
        if f1 < worst.0 {
            worst = (f1, d.name.clone());
        }
        if verbose {
            println!("{} typed F1 {f1:.2}\n{}", d.name, s.misses());
        }
        total.add(&s);
    }
    (total, worst)
}

fn summary(label: &str, s: &eval::Score, worst: &(f64, String)) -> String {
    let t = s.typed();
    let d = s.detection;
    format!(
        "{label:<34} typed P {:.2} R {:.2} F1 {:.2} | detection F1 {:.2} | figures {}/{} | actors {}/{} ({:.0}%) | worst article {:.2} ({})",
        t.precision(),
        t.recall(),
        t.f1(),
        d.f1(),
        s.figures.0,
        s.figures.1,
        s.actors().0,
        s.actors().1,
        100.0 * eval::ratio(s.actors().0, s.actors().1),
        worst.0,
        worst.1
    )
}

#[test]
fn leave_one_event_out_on_real_reporting() {
    let Some(events) = corpus() else {
        println!("skipped: {} is absent", shared().join("corpus").display());
        return;
    };
    let cb = eval::claimbuster(&shared()).unwrap_or_default();
    let sentences = pairs(&cb);
    let verbose = std::env::var_os("EXTRACT_MISSES").is_some();

    let all: Vec<&Doc> = events.iter().flat_map(|(_, d)| d.iter()).collect();
    let tuned = learn::train(&articles(all.iter().copied()), &sentences);

    let mut failures = Vec::new();
    let mut lines = Vec::new();
    let mut held_total = eval::Score::default();
    for (held, docs) in &events {
        let train = articles(
            events
                .iter()
                .filter(|(e, _)| e != held)
                .flat_map(|(_, d)| d.iter()),
        );
        let m = learn::train(&train, &sentences);
        let (s, worst) = score_docs(docs, &m, verbose);
        let (t, tworst) = score_docs(docs, &tuned, false);
        println!("{}", s.report(&format!("HELD OUT: {held}")));
        println!("{}", t.report(&format!("TUNED (in-sample): {held}")));
        lines.push(summary(&format!("{held} held out"), &s, &worst));
        lines.push(summary(&format!("{held} tuned"), &t, &tworst));
        held_total.add(&s);
        // Floors just under today's numbers, so a regression fails (the goals are higher: typed
        // F1 0.85, figures 95 %, actors 80 %; see BENCHMARKS.md for where each stands).
        let checks = [
            ("typed F1", s.typed().f1(), 0.84),
            ("detection F1", s.detection.f1(), 0.88),
            ("figures", eval::ratio(s.figures.0, s.figures.1), 0.9),
            ("actors", eval::ratio(s.actors().0, s.actors().1), 0.78),
        ];
        for (what, got, floor) in checks {
            if got < floor {
                failures.push(format!("{held}: held-out {what} {got:.2} < {floor:.2}"));
            }
        }
    }
    println!("{}", held_total.report("HELD OUT: all three events"));
    println!("{}", lines.join("\n"));
    assert!(
        failures.is_empty(),
        "below the floor:\n{}",
        failures.join("\n")
    );
}

#[test]
fn claimbuster_five_fold_cross_validation() {
    let Some(cb) = eval::claimbuster(&shared()) else {
        println!("skipped: ClaimBuster's train.json is absent");
        return;
    };
    let events = corpus().unwrap_or_default();
    let news = articles(events.iter().flat_map(|(_, d)| d.iter()));
    let mut any = eval::Counts::default();
    let mut worthy_only = eval::Counts::default();
    for fold in 0..5 {
        let train: Vec<(&str, bool)> = cb
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, (_, t, y))| (t.as_str(), *y))
            .collect();
        let m = learn::train(&news, &train);
        for (_, text, label) in cb.iter().skip(fold).step_by(5) {
            let found = !extract_claims_with(text, &m).is_empty();
            let ex = learn::checkworthy_example(text, *label);
            let p = m.predict(&ex.0)[app::extract::model::CHECKWORTHY]
                >= m.thresholds[app::extract::model::CHECKWORTHY];
            for (c, got) in [(&mut any, found), (&mut worthy_only, p)] {
                match (got, *label) {
                    (true, true) => c.tp += 1,
                    (true, false) => c.fp += 1,
                    (false, true) => c.fn_ += 1,
                    (false, false) => {}
                }
            }
        }
    }
    println!(
        "ClaimBuster 5-fold: any claim found P {:.2} R {:.2} F1 {:.2}; check-worthiness alone P {:.2} R {:.2} F1 {:.2}",
        any.precision(),
        any.recall(),
        any.f1(),
        worthy_only.precision(),
        worthy_only.recall(),
        worthy_only.f1()
    );
    assert!(
        any.f1() >= 0.72,
        "ClaimBuster 5-fold F1 {:.2} < 0.72",
        any.f1()
    );
}

/// The shipped model on the synthetic fixtures and the shared fixture (both read in place).
#[test]
fn the_shipped_model_on_the_fixtures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("../tests/fixtures/articles"),
        shared().join("fixtures/articles"),
    ];
    let list = eval::annotated_articles(&dirs);
    assert!(list.len() >= 3, "the synthetic fixtures are missing");
    let mut total = eval::Score::default();
    for (txt, exp) in &list {
        let text = std::fs::read_to_string(txt).expect("article text");
        let gold = eval::load(exp);
        let claims = extract_claims(&text);
        let chars: Vec<char> = text.chars().collect();
        for c in &claims {
            let slice: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(slice, c.quote, "{}", txt.display());
            assert!((0.0..=1.0).contains(&c.checkworthiness));
        }
        let s = eval::score(&claims, &gold, &text);
        println!("{}{}", s.report(&file_name(txt)), s.misses());
        total.add(&s);
    }
    println!("{}", total.report("FIXTURES"));
    assert!(
        total.detection.f1() >= 0.5,
        "fixtures: detection F1 {:.2}",
        total.detection.f1()
    );
}
