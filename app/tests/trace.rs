//! Cross-article provenance scored on the development corpus (`../shared/corpus`, read in place):
//! each event's articles are traced, the report is written to a temporary file and scored by the
//! corpus's own `score_trace.py` against `provenance.expected.json`. Claims come from the real
//! extractor, and separately from an oracle built from the sentence-level gold (each gold claim's
//! sentence, kind, figures, claimant and target), which separates the tracer's errors from the
//! extractor's. Skips with a message when the corpus or python3 is absent.
//!
//! The extractor is measured honestly too: for each event its claims come from a model trained
//! on the other two events' sentence-level gold (and ClaimBuster), never on the event it reads.
//!
//! `TRACE_OUT=dir` also writes each report and the scorer's full output there.

#[allow(dead_code)]
#[path = "../../tests/support/eval.rs"]
mod eval;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use app::domain::{ActorRef, ClaimKind, Figure, Qualifier};
use app::extract::learn;
use app::extract::model::Model;
use app::provenance::{ArticleInput, ClaimInput, Params, trace_articles_with};
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !dir.join("score_trace.py").is_file() {
        println!("skipped: {} is absent", dir.display());
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        println!("skipped: python3 is absent");
        return None;
    }
    Some(dir)
}

fn events(corpus: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("provenance.expected.json").is_file())
        .collect();
    v.sort();
    v
}

fn article_files(event: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(event)
        .expect("event folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    /// The extractor, with a model trained without the event it reads.
    Extractor,
    /// The extractor with the shipped model, which was trained on all three events.
    Shipped,
    Oracle,
}

/// For each event, the extraction model trained on the other events' gold and ClaimBuster.
fn held_out_model(event: &Path) -> &'static Model {
    static MODELS: OnceLock<BTreeMap<PathBuf, Model>> = OnceLock::new();
    let models = MODELS.get_or_init(|| {
        let corpus = event.parent().expect("corpus folder").to_path_buf();
        let cb = eval::claimbuster(&corpus.join("..")).unwrap_or_default();
        let sentences: Vec<(&str, bool)> = cb.iter().map(|(_, t, y)| (t.as_str(), *y)).collect();
        let evs = events(&corpus);
        let docs: Vec<(PathBuf, String, app::extract::annotations::Annotations)> =
            eval::annotated_articles(&evs)
                .into_iter()
                .map(|(txt, exp)| {
                    let text = std::fs::read_to_string(&txt).expect("article text");
                    (txt, text, eval::load(&exp))
                })
                .collect();
        evs.iter()
            .map(|held| {
                let train: Vec<learn::Article<'_>> = docs
                    .iter()
                    .filter(|(txt, _, _)| txt.parent() != Some(held.as_path()))
                    .map(|(_, text, gold)| learn::Article { text, gold })
                    .collect();
                (held.clone(), learn::train(&train, &sentences))
            })
            .collect()
    });
    models.get(event).expect("a model for every event")
}

fn key(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn articles(event: &Path, source: Source) -> Vec<ArticleInput> {
    article_files(event)
        .iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p).expect("article text");
            match source {
                Source::Extractor => {
                    ArticleInput::read_and_extract_with(&key(p), &raw, held_out_model(event))
                }
                Source::Shipped => ArticleInput::read_and_extract(&key(p), &raw),
                Source::Oracle => oracle(p, &raw),
            }
        })
        .collect()
}

/// The article with the claims of its sentence-level gold: the quote is the gold sentence (or
/// the headline), with the gold kind, figures, claimant, target and hedging.
fn oracle(path: &Path, raw: &str) -> ArticleInput {
    let mut a = ArticleInput::read(&key(path), raw);
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(path.with_extension("expected.json")).expect("gold file"),
    )
    .expect("gold json");
    let actor = |v: &Value| -> Option<ActorRef> {
        let names: Vec<String> = v
            .as_array()?
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect();
        let (name, aliases) = names.split_first()?;
        Some(ActorRef {
            name: name.clone(),
            aliases: aliases.to_vec(),
        })
    };
    let headline = a.headline().to_owned();
    let claims = gold["claims"].as_array().expect("claims");
    for c in claims {
        let sentence = c["sentence"]
            .as_str()
            .map_or_else(|| headline.clone(), str::to_owned);
        let start = if c["sentence"].is_null() {
            0
        } else {
            a.body.find(&sentence).unwrap_or(0)
        };
        let (quote, start) = own_part(c, claims, &sentence, start);
        let figures = c["figures"]
            .as_array()
            .map(|fs| {
                fs.iter()
                    .map(|f| {
                        let value = f["value"].as_f64().expect("value");
                        Figure {
                            value,
                            qualifier: f["qualifier"]
                                .as_str()
                                .and_then(|q| q.parse().ok())
                                .unwrap_or(Qualifier::Exact),
                            category: f["category"].as_str().unwrap_or_default().to_owned(),
                            text: written(&quote, value),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        a.claims.push(ClaimInput {
            kind: c["kind"]
                .as_str()
                .and_then(|k| k.parse().ok())
                .unwrap_or(ClaimKind::Statement),
            quote,
            start,
            figures,
            claimant: actor(&c["claimant"]),
            target: actor(&c["target"]),
            hedged: c["hedged"].as_bool().unwrap_or(false),
        });
    }
    a.claims.sort_by_key(|c| c.start);
    a
}

/// The part of its sentence a gold claim is quoted by. A sentence setting two parties' claims
/// of one kind against each other ("the front said 40 died, far above the police's count of 12")
/// holds two gold claims; quoted by the whole sentence, both would hold either's key phrase and
/// the scorer could not tell them apart. Each then gets the sentence from the end of the
/// previous one's key phrase (or the start) to the start of the next one's (or the end).
fn own_part(c: &Value, claims: &[Value], sentence: &str, start: usize) -> (String, usize) {
    let key = |c: &Value| c["quote_contains"].as_str().unwrap_or_default().to_owned();
    let mut keys: Vec<(usize, String)> = claims
        .iter()
        .filter(|o| o["sentence"] == c["sentence"] && o["kind"] == c["kind"])
        .filter_map(|o| {
            let k = key(o);
            sentence.find(&k).map(|at| (at, k))
        })
        .collect();
    if keys.len() < 2 {
        return (sentence.to_owned(), start);
    }
    keys.sort();
    let own = key(c);
    let Some(i) = keys.iter().position(|(_, k)| *k == own) else {
        return (sentence.to_owned(), start);
    };
    let from = if i == 0 {
        0
    } else {
        keys[i - 1].0 + keys[i - 1].1.len()
    };
    let to = keys.get(i + 1).map_or(sentence.len(), |(at, _)| *at);
    (sentence[from..to].to_owned(), start + from)
}

/// How a value is written in its sentence: the text the extractor reads for that value
/// ("Twenty-eight people", "three more men"), or else its digits.
fn written(sentence: &str, value: f64) -> String {
    if let Some(f) = app::extract::figures_in(sentence)
        .into_iter()
        .find(|f| f.value == value)
    {
        return f.text;
    }
    let digits = format!("{value}");
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    [grouped, digits]
        .into_iter()
        .find(|d| sentence.contains(d.as_str()))
        .unwrap_or_default()
}

/// Runs the scorer on a report; returns its JSON summary.
fn score(corpus: &Path, event: &Path, report: &app::provenance::Report, tag: &str) -> Value {
    let name = key(event);
    let pred = std::env::temp_dir().join(format!(
        "claimtrail-trace-{}-{name}-{tag}.json",
        std::process::id()
    ));
    std::fs::write(&pred, serde_json::to_string(report).expect("report json")).expect("write");
    let out = Command::new("python3")
        .arg(corpus.join("score_trace.py"))
        .arg(event.join("provenance.expected.json"))
        .arg(&pred)
        .output()
        .expect("run the scorer");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if let Ok(dir) = std::env::var("TRACE_OUT") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("TRACE_OUT folder");
        std::fs::copy(&pred, dir.join(format!("{name}-{tag}.json"))).expect("copy report");
        std::fs::write(dir.join(format!("{name}-{tag}.txt")), &stdout).expect("write score");
    }
    let _ = std::fs::remove_file(&pred);
    assert!(
        out.status.success(),
        "the scorer failed on {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or("{}")).expect("scorer summary")
}

/// The headline numbers of a summary.
#[derive(Clone, Copy, Debug, Default)]
struct Numbers {
    cluster_f1: f64,
    first: f64,
    relation_f1: f64,
    figure_recall: f64,
    figure_precision: f64,
    preferred_ok: bool,
    /// Attribution chains exactly right (the scorer's `chains.accuracy`).
    chains: f64,
    mapped: f64,
    gold_mentions: f64,
}

impl Numbers {
    fn of(s: &Value) -> Self {
        let pref = s["figures"]["preferred_is_latest"]
            .as_str()
            .unwrap_or("0/1");
        let (ok, n) = pref.split_once('/').unwrap_or(("0", "1"));
        Numbers {
            cluster_f1: s["clusters"]["pairwise_f1"].as_f64().unwrap_or(0.0),
            first: s["first"]["accuracy"].as_f64().unwrap_or(0.0),
            relation_f1: s["relations"]["f1"].as_f64().unwrap_or(0.0),
            figure_recall: s["figures"]["macro_recall"].as_f64().unwrap_or(0.0),
            figure_precision: s["figures"]["macro_precision"].as_f64().unwrap_or(0.0),
            preferred_ok: ok == n,
            chains: s["chains"]["accuracy"].as_f64().unwrap_or(0.0),
            mapped: s["mentions"]["mapped"].as_f64().unwrap_or(0.0),
            gold_mentions: s["mentions"]["gold"].as_f64().unwrap_or(0.0),
        }
    }

    /// One number to tune on: the mean of the four measures the issue sets targets for.
    fn objective(&self) -> f64 {
        (self.cluster_f1 + self.first + self.relation_f1 + self.figure_recall) / 4.0
    }

    fn line(&self, label: &str) -> String {
        format!(
            "{label:<46} mapped {:>3}/{:<3} cluster F1 {:.3}  first {:.3}  relation F1 {:.3}  figure R {:.3} P {:.3}  preferred {}  chains {:.3}",
            self.mapped,
            self.gold_mentions,
            self.cluster_f1,
            self.first,
            self.relation_f1,
            self.figure_recall,
            self.figure_precision,
            if self.preferred_ok { "ok" } else { "WRONG" },
            self.chains
        )
    }
}

fn run(corpus: &Path, event: &Path, source: Source, params: &Params, tag: &str) -> Numbers {
    if let Ok(dir) = std::env::var("TRACE_PAIRS") {
        // Diagnostics: the evidence between every two claims of a kind, for tuning.
        let (tracer, _) = app::provenance::trace(articles(event, source), params);
        let mut lines = String::new();
        for s in 0..tracer.story_count() {
            for (a, b, e) in tracer.similarities(s) {
                let row = serde_json::json!({
                    "a": app::provenance::claim_id(&tracer, a),
                    "b": app::provenance::claim_id(&tracer, b),
                    "score": e.score, "figures": e.figures, "actors": e.actors,
                    "words": e.words, "conflicts": e.conflicts,
                });
                lines.push_str(&row.to_string());
                lines.push('\n');
            }
        }
        std::fs::create_dir_all(&dir).expect("TRACE_PAIRS folder");
        std::fs::write(
            Path::new(&dir).join(format!("{}-{tag}.jsonl", key(event))),
            lines,
        )
        .expect("write pairs");
    }
    let report = trace_articles_with(articles(event, source), params);
    Numbers::of(&score(corpus, event, &report, tag))
}

/// Floors the current numbers meet on every event, so a change that makes them worse fails.
struct Floors {
    cluster_f1: f64,
    first: f64,
    relation_f1: f64,
    figure_recall: f64,
    figure_precision: f64,
    chains: f64,
}

fn check(n: &Numbers, f: &Floors, label: &str, failures: &mut Vec<String>) {
    for (what, got, floor) in [
        ("cluster F1", n.cluster_f1, f.cluster_f1),
        ("first appearance", n.first, f.first),
        ("relation F1", n.relation_f1, f.relation_f1),
        ("figure recall", n.figure_recall, f.figure_recall),
        ("figure precision", n.figure_precision, f.figure_precision),
        ("attribution chains", n.chains, f.chains),
    ] {
        if got < floor {
            failures.push(format!("{label}: {what} {got:.3} below {floor}"));
        }
    }
}

#[test]
fn oracle_claims_are_traced_above_the_floors_on_every_event() {
    let Some(corpus) = corpus() else { return };
    // Measured on 2026-12-03 at 0.697–0.830, 0.586–0.636, 0.476–0.778 and 0.969–1.0. The
    // defaults are chosen for extracted claims, which link more loosely; held out, the
    // oracle's own thresholds read 0.680–0.926 clustering (BENCHMARKS.md). Figure precision
    // (points of the event's own counts among those tracked) was added on 2026-12-04 (session
    // 31), measured at 0.833–1.0: a count the gold gives in words the extractor did not read
    // as one ("arrested the three") had no text, so nothing marked it as pointing back (read
    // since session 39: 0.889–1.0). Attribution chains were added on 2026-12-05 (session 34),
    // measured at 0.600–0.824 (0.600–1.0 since session 39). Clustering was raised to 0.80 on
    // 2026-12-06 (session 46), measured at 0.833–0.920 once the oracle quoted each of two
    // same-kind claims of one sentence by its own part.
    let floors = Floors {
        cluster_f1: 0.80,
        first: 0.55,
        relation_f1: 0.45,
        figure_recall: 0.95,
        figure_precision: 0.8,
        chains: 0.5,
    };
    let mut failures = Vec::new();
    for event in events(&corpus) {
        let n = run(
            &corpus,
            &event,
            Source::Oracle,
            &Params::default(),
            "oracle",
        );
        println!("{}", n.line(&format!("{} (oracle)", key(&event))));
        check(&n, &floors, &key(&event), &mut failures);
        if !n.preferred_ok {
            failures.push(format!(
                "{}: a preferred figure is not the latest",
                key(&event)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn extracted_claims_are_traced_above_the_floors_on_every_event() {
    let Some(corpus) = corpus() else { return };
    // Measured on 2026-12-03 (session 24) at 0.624–0.714, 0.379–0.545, 0.467–0.802 and
    // 0.969–1.0 with a model trained without the event: the extractor's kinds, actors and
    // missed claims (see the oracle test) cost most of the difference. First appearance was
    // lowered to 0.30 on 2026-12-04 (session 29): reading an age in apposition as no count let
    // two reports of one arrest meet, and the scorer then judges the arrest by that pair (its
    // best overlap) rather than by the cluster holding the earliest report. Figure precision was
    // added on 2026-12-04 (session 31), measured at 0.875–1.0; attribution chains on 2026-12-05
    // (session 34), measured at 0.600–0.706. Clustering was raised to 0.70 on 2026-12-06
    // (session 46), measured at 0.756–0.841.
    let floors = Floors {
        cluster_f1: 0.70,
        first: 0.30,
        relation_f1: 0.42,
        figure_recall: 0.95,
        figure_precision: 0.85,
        chains: 0.5,
    };
    let mut failures = Vec::new();
    for event in events(&corpus) {
        let n = run(
            &corpus,
            &event,
            Source::Extractor,
            &Params::default(),
            "extractor",
        );
        println!("{}", n.line(&format!("{} (extractor)", key(&event))));
        check(&n, &floors, &key(&event), &mut failures);
        // For comparison only: the shipped model has seen this event's gold.
        let shipped = run(
            &corpus,
            &event,
            Source::Shipped,
            &Params::default(),
            "shipped",
        );
        println!(
            "{}",
            shipped.line(&format!("{} (shipped model)", key(&event)))
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_makes_exactly_one_story_per_event_in_any_order() {
    let Some(corpus) = corpus() else { return };
    let mut all: Vec<(usize, ArticleInput)> = Vec::new();
    for (e, event) in events(&corpus).iter().enumerate() {
        for p in article_files(event) {
            let raw = std::fs::read_to_string(&p).expect("article text");
            all.push((e, ArticleInput::read(&key(&p), &raw)));
        }
    }
    let n_events = all.iter().map(|(e, _)| e + 1).max().unwrap_or(0);
    // Publication order, its reverse, and shuffles from a fixed linear congruential sequence.
    let mut orders: Vec<Vec<usize>> =
        vec![(0..all.len()).collect(), (0..all.len()).rev().collect()];
    let mut seed: u64 = 0x5eed;
    for _ in 0..40 {
        let mut o: Vec<usize> = (0..all.len()).collect();
        for i in (1..o.len()).rev() {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            o.swap(i, (seed >> 33) as usize % (i + 1));
        }
        orders.push(o);
    }
    for order in orders {
        let mut tracer = app::provenance::Tracer::new();
        for &i in &order {
            tracer.add_article(all[i].1.clone());
        }
        let mut by_story: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (arrival, &i) in order.iter().enumerate() {
            by_story
                .entry(tracer.story_of(arrival))
                .or_default()
                .push(all[i].0);
        }
        let story_events: Vec<Vec<usize>> = by_story.into_values().collect();
        let pure = story_events
            .iter()
            .all(|evs| evs.iter().all(|e| *e == evs[0]));
        assert!(
            story_events.len() == n_events && pure,
            "order {order:?}: stories hold events {story_events:?}"
        );
    }
}

/// Leave one event out: the tunable thresholds are chosen on two events (best mean of the four
/// measures) and the third is scored with them; held-out numbers are printed beside the tuned,
/// and the held-out clustering must stay above a floor (measured 0.687–0.935 with the oracle,
/// 0.624–0.704 with the held-out extractor in session 24).
#[test]
fn leave_one_event_out() {
    let Some(corpus) = corpus() else { return };
    let evs = events(&corpus);
    let grid = Params::grid();
    let mut failures = Vec::new();
    for source in [Source::Oracle, Source::Extractor] {
        let tag = format!("{source:?}").to_lowercase();
        // Score every event under every setting once.
        let table: Vec<Vec<Numbers>> = grid
            .iter()
            .enumerate()
            .map(|(g, p)| {
                evs.iter()
                    .map(|e| run(&corpus, e, source, p, &format!("{tag}-grid{g}")))
                    .collect()
            })
            .collect();
        // The setting best over all three events: what the shipped defaults are chosen by.
        let mean_all = |g: usize, f: fn(&Numbers) -> f64| {
            table[g].iter().map(f).sum::<f64>() / evs.len() as f64
        };
        for (g, p) in grid.iter().enumerate() {
            println!(
                "grid ({tag}, {p}): mean of the four measures {:.3}, cluster F1 {:.3}",
                mean_all(g, Numbers::objective),
                mean_all(g, |n| n.cluster_f1)
            );
        }
        for (held, event) in evs.iter().enumerate() {
            let tuned = (0..grid.len())
                .max_by(|&a, &b| {
                    let mean = |g: usize| {
                        (0..evs.len())
                            .filter(|&e| e != held)
                            .map(|e| table[g][e].objective())
                            .sum::<f64>()
                    };
                    mean(a).total_cmp(&mean(b)).then(b.cmp(&a))
                })
                .unwrap_or(0);
            let best_here = (0..grid.len())
                .max_by(|&a, &b| {
                    table[a][held]
                        .objective()
                        .total_cmp(&table[b][held].objective())
                        .then(b.cmp(&a))
                })
                .unwrap_or(0);
            println!(
                "{}",
                table[tuned][held].line(&format!(
                    "{} held out ({tag}, {})",
                    key(event),
                    grid[tuned]
                ))
            );
            println!(
                "{}",
                table[best_here][held].line(&format!(
                    "{} tuned on it ({tag}, {})",
                    key(event),
                    grid[best_here]
                ))
            );
            let floor = if source == Source::Oracle { 0.65 } else { 0.58 };
            if table[tuned][held].cluster_f1 < floor {
                failures.push(format!(
                    "{} held out ({tag}): cluster F1 {:.3} below {floor}",
                    key(event),
                    table[tuned][held].cluster_f1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
