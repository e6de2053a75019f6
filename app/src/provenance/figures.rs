//! The figure tracker: for each counted thing in a story, every value reported (one point per
//! article and value), with its qualifier, range bounds, outlet, claimant and as-of date, ranked
//! as Wikidata ranks statements: the latest official figure preferred, values replaced by a
//! later one or disputed by another party deprecated with the reason, the rest normal.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::StoryView;
use super::relations::{Relation, RelationType};
use crate::domain::Qualifier;

/// Wikidata's statement ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rank {
    Preferred,
    Normal,
    Deprecated,
}

/// One reported value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigurePoint {
    pub proposition: usize,
    pub cluster: Option<usize>,
    pub value: f64,
    pub qualifier: Qualifier,
    /// The other end when the value is one end of a range ("between 200 and 300").
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub article: String,
    pub outlet: Option<String>,
    pub claimant: Option<String>,
    /// The article's publication date.
    pub as_of: Option<NaiveDate>,
    pub hedged: bool,
    pub rank: Rank,
    /// Why the point is ranked so ("latest official figure", "superseded by 22").
    pub reason: String,
}

/// The timeline of one counted thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureSeries {
    pub category: String,
    pub points: Vec<FigurePoint>,
}

/// Whether `later` only restates `earlier` less precisely: "about" within a tenth, "more
/// than" or "at least" a lower bound of it within a fifth, or a round number within 2% of a
/// precise one.
fn restates(later: &FigurePoint, earlier: &FigurePoint) -> bool {
    let (l, e) = (later.value, earlier.value);
    if l == e || e == 0.0 {
        return false;
    }
    let precise = |q: Qualifier| matches!(q, Qualifier::Exact | Qualifier::AtLeast);
    if !precise(earlier.qualifier) {
        return false;
    }
    match later.qualifier {
        Qualifier::About => (l - e).abs() <= e / 10.0,
        Qualifier::MoreThan | Qualifier::AtLeast => l < e && e - l <= e / 5.0,
        _ => super::proposition::rounds(l, e),
    }
}

/// The story's figure series, in publication order, ranked.
pub(crate) fn track(v: &StoryView<'_>, relations: &[Relation]) -> Vec<FigureSeries> {
    let cluster_of = v.cluster_of();
    let mut series: BTreeMap<String, Vec<FigurePoint>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut members: Vec<usize> = v.clusters.iter().flat_map(|c| c.members.clone()).collect();
    members.sort_by_key(|&m| v.order(m));
    for m in members {
        let p = v.prop(m);
        // Figures the article itself reports as earlier ones are left out of the timeline.
        // Nor is a headline's rounding of its body's count: the body's precise value stands.
        if p.superseded || p.rounded {
            continue;
        }
        let a = v.article_of(m);
        let claim = v.claim(m);
        for (fi, f) in p.figures.iter().enumerate() {
            // A figure the sentence reports as an earlier one is not a value of the count, also
            // when it is carried by a claim that is not the sentence's count (a blame for it);
            // nor is a part of the count ("seven children") or an increment ("three more"):
            // read when the proposition was made (`Proposition::in_series`).
            if !p.in_series.get(fi).copied().unwrap_or(false) {
                continue;
            }
            let key = (p.claim.article, f.category.clone(), f.value.to_bits());
            if !seen.insert(key) {
                continue;
            }
            // A range is two bounds of one count ("between 200 and 300"), not a count and its
            // part ("137, including three children") or its earlier value ("up from 31").
            let bounds: Vec<&crate::domain::Figure> = p
                .figures
                .iter()
                .filter(|g| {
                    g.category == f.category
                        && matches!(g.qualifier, Qualifier::AtLeast | Qualifier::AtMost)
                })
                .collect();
            let (low, high) = match bounds.as_slice() {
                [a, b] if a.qualifier != b.qualifier => {
                    (Some(a.value.min(b.value)), Some(a.value.max(b.value)))
                }
                _ => (None, None),
            };
            series
                .entry(f.category.clone())
                .or_default()
                .push(FigurePoint {
                    proposition: m,
                    cluster: cluster_of.get(&m).copied(),
                    value: f.value,
                    qualifier: f.qualifier,
                    low,
                    high,
                    article: a.key.clone(),
                    outlet: a.publisher.clone(),
                    claimant: claim
                        .and_then(|c| c.claimant.as_ref())
                        .map(|c| c.name.clone()),
                    as_of: a.published.map(|d| d.date()),
                    hedged: p.hedged,
                    rank: Rank::Normal,
                    reason: String::new(),
                });
        }
    }
    series
        .into_iter()
        .map(|(category, mut points)| {
            rank(v, &mut points, relations);
            FigureSeries { category, points }
        })
        .collect()
}

/// Ranks a series. The preferred value is the latest point that is a figure of its own: not
/// an end of a range, not hedged, not a competing count (one that contradicts the main line).
/// A latest point that only restates an earlier value less precisely ("more than 80" after
/// 87, "about 90" after 87, a headline's 90 after 91) gives way to that value. Points of
/// a value a later one updates are deprecated as superseded; points of competing or denied
/// counts as disputed; the rest are normal.
fn rank(v: &StoryView<'_>, points: &mut [FigurePoint], relations: &[Relation]) {
    let competing: BTreeSet<usize> = relations
        .iter()
        .filter(|r| r.kind == RelationType::Contradicts)
        .map(|r| r.from)
        .collect();
    let disputed: BTreeSet<usize> = relations
        .iter()
        .filter(|r| r.kind == RelationType::Denies)
        .map(|r| r.to)
        .chain(competing.iter().copied())
        .collect();
    let superseded: BTreeMap<usize, usize> = relations
        .iter()
        .filter(|r| r.kind == RelationType::Updates)
        .map(|r| (r.to, r.from))
        .collect();
    let eligible = |p: &FigurePoint| {
        p.low.is_none() && !p.hedged && !p.cluster.is_some_and(|c| competing.contains(&c))
    };
    let order = |p: &FigurePoint| v.order(p.proposition);
    let mut best = points
        .iter()
        .enumerate()
        .filter(|(_, p)| eligible(p))
        .max_by_key(|(_, p)| order(p))
        .map(|(i, _)| i);
    if let Some(b) = best {
        let latest = &points[b];
        let restated = points
            .iter()
            .enumerate()
            .filter(|(i, p)| *i != b && eligible(p) && restates(latest, p))
            .max_by_key(|(_, p)| order(p))
            .map(|(i, _)| i);
        best = restated.or(best);
    }
    let preferred = best.map(|b| points[b].value);
    for (i, p) in points.iter_mut().enumerate() {
        if Some(i) == best {
            p.rank = Rank::Preferred;
            p.reason = "latest figure of its own".to_owned();
        // Reasons are for readers: they name what happened, never internal cluster numbers.
        } else if p.cluster.is_some_and(|c| disputed.contains(&c)) {
            p.rank = Rank::Deprecated;
            p.reason = "disputed: another report contradicts or denies it".to_owned();
        } else if p.cluster.is_some_and(|c| superseded.contains_key(&c)) {
            p.rank = Rank::Deprecated;
            p.reason = "superseded by a later update".to_owned();
        } else if Some(p.value) == preferred {
            p.rank = Rank::Normal;
            p.reason = "restates the preferred value".to_owned();
        } else {
            p.rank = Rank::Normal;
            p.reason = "another reported value".to_owned();
        }
    }
}
