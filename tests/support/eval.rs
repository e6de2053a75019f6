//! Scores the extractor against hand-made expectations (`*.expected.json`, the format of
//! `shared/fixtures/articles`): per-kind precision, recall and F1, plus figure, claimant, target
//! and hedging accuracy on matched claims.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use app::domain::{ActorRef, ExtractedClaim};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Expectations {
    pub claims: Vec<ExpectedClaim>,
    #[serde(default)]
    pub not_claims: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ExpectedClaim {
    pub kind: String,
    pub quote_contains: String,
    #[serde(default)]
    pub figures: Vec<ExpectedFigure>,
    pub claimant: Option<Vec<String>>,
    pub target: Option<Vec<String>>,
    pub hedged: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct ExpectedFigure {
    pub value: f64,
    pub qualifier: String,
    pub category: String,
}

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
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// The score of one article.
#[derive(Debug, Default)]
pub struct Score {
    pub by_kind: BTreeMap<String, Counts>,
    pub figures: (u32, u32),
    pub claimants: (u32, u32),
    pub targets: (u32, u32),
    pub hedged: (u32, u32),
    /// Human-readable lines for every miss, to print when a threshold fails.
    pub misses: Vec<String>,
}

impl Score {
    pub fn all(&self) -> Counts {
        self.by_kind
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
            })
    }

    pub fn report(&self, name: &str) -> String {
        let mut s = format!(
            "{name}\n  {:<12} {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}\n",
            "kind", "tp", "fp", "fn", "P", "R", "F1"
        );
        for (k, c) in &self.by_kind {
            s += &format!(
                "  {k:<12} {:>5} {:>5} {:>5}  {:.2}  {:.2}  {:.2}\n",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        let a = self.all();
        s += &format!(
            "  {:<12} {:>5} {:>5} {:>5}  {:.2}  {:.2}  {:.2}\n",
            "ALL",
            a.tp,
            a.fp,
            a.fn_,
            a.precision(),
            a.recall(),
            a.f1()
        );
        for (label, (ok, n)) in [
            ("figures", self.figures),
            ("claimants", self.claimants),
            ("targets", self.targets),
            ("hedged", self.hedged),
        ] {
            s += &format!("  {label:<10} {ok}/{n}\n");
        }
        for m in &self.misses {
            s += &format!("  - {m}\n");
        }
        s
    }
}

fn actor_matches(actor: Option<&ActorRef>, names: &[String]) -> bool {
    actor.is_some_and(|a| {
        std::iter::once(&a.name)
            .chain(a.aliases.iter())
            .any(|n| names.iter().any(|e| e.eq_ignore_ascii_case(n)))
    })
}

/// Scores `claims` against `exp`.
pub fn score(claims: &[ExtractedClaim], exp: &Expectations) -> Score {
    let mut s = Score::default();
    let mut used = vec![false; claims.len()];
    for e in &exp.claims {
        let needle = e.quote_contains.to_lowercase();
        let found = claims.iter().enumerate().position(|(i, c)| {
            !used[i] && c.kind.as_str() == e.kind && c.quote.to_lowercase().contains(&needle)
        });
        let counts = s.by_kind.entry(e.kind.clone()).or_default();
        let Some(i) = found else {
            counts.fn_ += 1;
            let got = claims
                .iter()
                .find(|c| c.quote.to_lowercase().contains(&needle))
                .map_or("nothing".to_owned(), |c| c.kind.as_str().to_owned());
            s.misses.push(format!(
                "missed {} \"{}\" (got {got})",
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
                (g.value - f.value).abs() < 1e-9
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
                        .map(|g| format!("{} {} {}", g.qualifier, g.value, g.category))
                        .collect::<Vec<_>>()
                ));
            }
        }
        if let Some(names) = &e.claimant {
            s.claimants.1 += 1;
            if actor_matches(c.claimant.as_ref(), names) {
                s.claimants.0 += 1;
            } else {
                s.misses.push(format!(
                    "claimant {names:?} in \"{}\" (got {:?})",
                    e.quote_contains,
                    c.claimant.as_ref().map(|a| &a.name)
                ));
            }
        }
        if let Some(names) = &e.target {
            s.targets.1 += 1;
            if actor_matches(c.target.as_ref(), names) {
                s.targets.0 += 1;
            } else {
                s.misses.push(format!(
                    "target {names:?} in \"{}\" (got {:?})",
                    e.quote_contains,
                    c.target.as_ref().map(|a| &a.name)
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
            s.misses.push(format!(
                "extra {} \"{}\"{}",
                c.kind.as_str(),
                c.quote.chars().take(80).collect::<String>(),
                if listed {
                    " (listed as not a claim)"
                } else {
                    ""
                }
            ));
        }
    }
    s
}

/// Every `(article.txt, article.expected.json)` pair in `dirs`, each file name once.
pub fn annotated_articles(dirs: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut seen = std::collections::BTreeMap::new();
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

/// Loads expectations.
pub fn load(path: &Path) -> Expectations {
    let text = std::fs::read_to_string(path).expect("read expectations");
    serde_json::from_str(&text).expect("parse expectations")
}
