//! Scores the extractor against hand-made gold (`*.expected.json`, the format of `shared/corpus`
//! and `shared/fixtures/articles`) by the corpus's rule: a predicted claim matches an annotated
//! one when the kinds are equal and its quote holds `quote_contains` (ignoring case) or lies
//! within, or holds, the annotated sentence (for a headline claim, the headline line). Matching
//! is one-to-one and takes the largest assignment, so two annotated claims of one kind in one
//! sentence can be met by two predicted claims. Detection is the same rule with kinds ignored.
//! On matched claims it also checks figures (value, qualifier and category exact), claimant,
//! target and hedging.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use app::domain::{ActorRef, ExtractedClaim};
pub use app::extract::annotations::Annotations;

/// True positives, false positives and false negatives.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// `a / b`, and 1 when there is nothing to count.
pub fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// The score of one article, or the sum of several.
#[derive(Debug, Default, Clone)]
pub struct Score {
    /// Typed matching, per kind.
    pub by_kind: BTreeMap<String, Counts>,
    /// Matching with kinds ignored.
    pub detection: Counts,
    /// (right, annotated) on matched claims.
    pub figures: (u32, u32),
    pub claimants: (u32, u32),
    pub targets: (u32, u32),
    pub hedged: (u32, u32),
    /// Human-readable lines for every miss, to print when a threshold fails.
    pub misses: Vec<String>,
}

impl Score {
    /// Typed micro counts over every kind.
    pub fn typed(&self) -> Counts {
        let mut a = Counts::default();
        for c in self.by_kind.values() {
            a.add(*c);
        }
        a
    }

    /// Claimants and targets together.
    pub fn actors(&self) -> (u32, u32) {
        (
            self.claimants.0 + self.targets.0,
            self.claimants.1 + self.targets.1,
        )
    }

    /// Adds `o` into `self` (misses are not kept).
    pub fn add(&mut self, o: &Score) {
        for (k, c) in &o.by_kind {
            self.by_kind.entry(k.clone()).or_default().add(*c);
        }
        self.detection.add(o.detection);
        for (t, x) in [
            (&mut self.figures, o.figures),
            (&mut self.claimants, o.claimants),
            (&mut self.targets, o.targets),
            (&mut self.hedged, o.hedged),
        ] {
            t.0 += x.0;
            t.1 += x.1;
        }
    }

    /// A table of the score: per-kind P/R/F1, typed micro, detection, figures and actors.
    pub fn report(&self, name: &str) -> String {
        let mut s = format!(
            "{name}\n  {:<12} {:>4} {:>4} {:>4}  {:>5} {:>5} {:>5}\n",
            "kind", "tp", "fp", "fn", "P", "R", "F1"
        );
        let line = |label: &str, c: &Counts| {
            format!(
                "  {label:<12} {:>4} {:>4} {:>4}  {:>5.2} {:>5.2} {:>5.2}\n",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (k, c) in &self.by_kind {
            s += &line(k, c);
        }
        s += &line("TYPED micro", &self.typed());
        s += &line("DETECTION", &self.detection);
        for (label, (ok, n)) in [
            ("figures", self.figures),
            ("claimants", self.claimants),
            ("targets", self.targets),
            ("actors", self.actors()),
            ("hedged", self.hedged),
        ] {
            s += &format!("  {label:<12} {ok}/{n} ({:.0}%)\n", 100.0 * ratio(ok, n));
        }
        s
    }

    /// The misses, one per line.
    pub fn misses(&self) -> String {
        self.misses.iter().map(|m| format!("  - {m}\n")).collect()
    }
}

fn norm(s: &str) -> String {
    let s = s.trim().replace('’', "'").to_lowercase();
    s.strip_prefix("the ").map(str::to_owned).unwrap_or(s)
}

/// Whether the predicted actor (its name or an alias) is one of the annotated alternatives.
pub fn actor_matches(actor: Option<&ActorRef>, names: &[String]) -> bool {
    actor.is_some_and(|a| {
        std::iter::once(&a.name)
            .chain(a.aliases.iter())
            .any(|n| names.iter().any(|e| norm(e) == norm(n)))
    })
}

/// The largest one-to-one matching between annotated claims (left) and predicted claims, given
/// which pairs may match; `edges[g]` lists the predicted claims annotated claim `g` accepts, best
/// first. Kuhn's augmenting paths: the sets are a few dozen claims.
fn assign(edges: &[Vec<usize>], n_pred: usize) -> Vec<Option<usize>> {
    fn augment(
        g: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &p in &edges[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            if owner[p].is_none_or(|o| augment(o, edges, seen, owner)) {
                owner[p] = Some(g);
                return true;
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; n_pred];
    for g in 0..edges.len() {
        let mut seen = vec![false; n_pred];
        augment(g, edges, &mut seen, &mut owner);
    }
    let mut out = vec![None; edges.len()];
    for (p, o) in owner.iter().enumerate() {
        if let Some(g) = o {
            out[*g] = Some(p);
        }
    }
    out
}

/// Which predicted claims each annotated claim accepts, best first (those holding the key phrase
/// before those that only share the sentence).
fn edges(
    claims: &[ExtractedClaim],
    exp: &Annotations,
    article: &str,
    typed: bool,
) -> Vec<Vec<usize>> {
    exp.claims
        .iter()
        .map(|e| {
            let needle = e.quote_contains.to_lowercase();
            let mut ok: Vec<(bool, usize)> = claims
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    (!typed || c.kind.as_str() == e.kind) && e.matches_quote(&c.quote, article)
                })
                .map(|(i, c)| (!c.quote.to_lowercase().contains(&needle), i))
                .collect();
            ok.sort();
            ok.into_iter().map(|(_, i)| i).collect()
        })
        .collect()
}

/// Scores `claims`, extracted from `article`, against `exp`.
pub fn score(claims: &[ExtractedClaim], exp: &Annotations, article: &str) -> Score {
    let mut s = Score::default();
    let typed = assign(&edges(claims, exp, article, true), claims.len());
    let detected = assign(&edges(claims, exp, article, false), claims.len());
    s.detection.tp = detected.iter().flatten().count() as u32;
    s.detection.fn_ = exp.claims.len() as u32 - s.detection.tp;
    s.detection.fp = claims.len() as u32 - s.detection.tp;
    let mut used = vec![false; claims.len()];
    for (e, found) in exp.claims.iter().zip(&typed) {
        let counts = s.by_kind.entry(e.kind.clone()).or_default();
        let Some(i) = *found else {
            counts.fn_ += 1;
            let got: Vec<&str> = claims
                .iter()
                .filter(|c| e.matches_quote(&c.quote, article))
                .map(|c| c.kind.as_str())
                .collect();
            s.misses.push(format!(
                "missed {} \"{}\" (got {got:?})",
                e.kind, e.quote_contains
            ));
            continue;
        };
        used[i] = true;
        counts.tp += 1;
        let c = &claims[i];
        for f in &e.figures {
            s.figures.1 += 1;
            let ok = c.figures.iter().any(|g| {
                (g.value - f.value).abs() < 1e-6
                    && g.qualifier.as_str() == f.qualifier
                    && g.category == f.category
            });
            if ok {
                s.figures.0 += 1;
            } else {
                s.misses.push(format!(
                    "figure {} {} {} in \"{}\" (got {:?})",
                    f.qualifier,
                    f.value,
                    f.category,
                    e.quote_contains,
                    c.figures
                        .iter()
                        .map(|g| format!("{} {} {}", g.qualifier.as_str(), g.value, g.category))
                        .collect::<Vec<_>>()
                ));
            }
        }
        for (label, names, got, tally) in [
            ("claimant", &e.claimant, &c.claimant, &mut s.claimants),
            ("target", &e.target, &c.target, &mut s.targets),
        ] {
            let Some(names) = names else { continue };
            tally.1 += 1;
            if actor_matches(got.as_ref(), names) {
                tally.0 += 1;
            } else {
                s.misses.push(format!(
                    "{label} {names:?} in {} \"{}\" (got {:?})",
                    e.kind,
                    e.quote_contains,
                    got.as_ref().map(|a| &a.name)
                ));
            }
        }
        if let Some(h) = e.hedged {
            s.hedged.1 += 1;
            if c.hedged == h {
                s.hedged.0 += 1;
            } else {
                s.misses
                    .push(format!("hedged={h} in \"{}\"", e.quote_contains));
            }
        }
    }
    for (i, c) in claims.iter().enumerate() {
        if !used[i] {
            s.by_kind.entry(c.kind.as_str().to_owned()).or_default().fp += 1;
            let listed = exp.not_claims.iter().any(|n| c.quote.contains(n.as_str()));
            let gold: Vec<&str> = exp
                .claims
                .iter()
                .filter(|e| e.matches_quote(&c.quote, article))
                .map(|e| e.kind.as_str())
                .collect();
            s.misses.push(format!(
                "extra {} \"{}\"{}",
                c.kind.as_str(),
                c.quote.chars().take(90).collect::<String>(),
                if listed {
                    " (listed as not a claim)".to_owned()
                } else {
                    format!(" (annotated {gold:?})")
                }
            ));
        }
    }
    s
}

/// Every `(article.txt, article.expected.json)` pair in `dirs`, each file name once, in order.
pub fn annotated_articles(dirs: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut seen = BTreeMap::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_owned();
            if let Some(stem) = name.strip_suffix(".expected.json") {
                let txt = p.with_file_name(format!("{stem}.txt"));
                if txt.exists() {
                    seen.entry(stem.to_owned()).or_insert((txt, p.clone()));
                }
            }
        }
    }
    seen.into_values().collect()
}

/// Loads an annotation file.
pub fn load(path: &Path) -> Annotations {
    let text = std::fs::read_to_string(path).expect("read expectations");
    Annotations::parse(&text).expect("parse expectations")
}

/// ClaimBuster's labelled sentences (`evaldata/claimbuster/train.json` under `shared`) as
/// (sentence id, text, check-worthy), in id order, the order the models are trained in; `None`
/// when absent.
pub fn claimbuster(shared: &Path) -> Option<Vec<(u64, String, bool)>> {
    #[derive(serde::Deserialize)]
    struct Row {
        sentence_id: u64,
        text: String,
        label: u8,
    }
    let path = shared.join("evaldata/claimbuster/train.json");
    let rows: Vec<Row> = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let mut out: Vec<(u64, String, bool)> = rows
        .into_iter()
        .map(|r| (r.sentence_id, r.text, r.label == 1))
        .collect();
    out.sort_by_key(|r| r.0);
    Some(out)
}
