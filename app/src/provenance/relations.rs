//! Typed relations between a story's clusters, each with the reason it was drawn:
//! - `updates`: a later count replaces an earlier one of the same thing ("22 killed" updates
//!   "19 killed");
//! - `contradicts`: incompatible accounts at the same time (a count another party keeps
//!   disputing, or that a report sets against another party's; a blame on one party against a
//!   blame on another; doubt cast on an account of the cause that blames nobody);
//! - `denies`: a denial answering the blame it rejects, or the count it disputes ("disputes this
//!   figure");
//! - `supports`: another party independently asserting the same account;
//! - `cites`: a report resting on another claim's statement.
//!
//! They export to W3C PROV-O where it has a term (`prov:wasRevisionOf`, `prov:wasQuotedFrom`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Cluster, OrderKey, Proposition, StoryView, text};
use crate::domain::ClaimKind;

/// How one cluster bears on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Updates,
    Contradicts,
    Denies,
    Cites,
    Supports,
}

impl RelationType {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationType::Updates => "updates",
            RelationType::Contradicts => "contradicts",
            RelationType::Denies => "denies",
            RelationType::Cites => "cites",
            RelationType::Supports => "supports",
        }
    }

    /// The W3C PROV-O property this relation is an instance of, where PROV has one.
    pub fn prov_term(self) -> Option<&'static str> {
        match self {
            RelationType::Updates => Some("prov:wasRevisionOf"),
            RelationType::Cites => Some("prov:wasQuotedFrom"),
            RelationType::Supports | RelationType::Contradicts | RelationType::Denies => None,
        }
    }
}

/// A relation `from` → `to` (cluster ids of one story) and why it was drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub from: usize,
    pub to: usize,
    #[serde(rename = "type")]
    pub kind: RelationType,
    pub reason: String,
}

/// Every relation of a story.
pub(crate) fn relate(v: &StoryView<'_>) -> Vec<Relation> {
    let mut out = Vec::new();
    counts(v, &mut out);
    counts_set_against(v, &mut out);
    levels(v, &mut out);
    masses(v, &mut out);
    accounts(v, &mut out);
    denials(v, &mut out);
    how_many_did_it(v, &mut out);
    who_did_it_named(v, &mut out);
    settled(v, &mut out);
    out.sort_by_key(|r| (r.from, r.to, r.kind));
    out.dedup_by_key(|r| (r.from, r.to, r.kind));
    out
}

fn parties(v: &StoryView<'_>, c: &Cluster, target: bool) -> BTreeSet<String> {
    held_by_most(v, c, |p| if target { &p.target } else { &p.claimant })
}

/// The parties a cluster's members blame, with the countries the story places them in ("the
/// Varnian group Northern Front"), so that an account blaming only "a Varnian rocket" meets
/// the one blaming the Northern Front.
fn placed_targets(v: &StoryView<'_>, c: &Cluster) -> BTreeSet<String> {
    let sets: Vec<BTreeSet<String>> = c
        .members
        .iter()
        .map(|&m| {
            let p = v.prop(m);
            let mut t = p.target.clone();
            if !t.is_empty() && !p.target_only_a_country {
                t.extend(v.target_sides(m));
            }
            t
        })
        .collect();
    most_of(sets.iter())
}

/// What most of a cluster's members hold of one field (its parties, their sides): one member
/// read wrongly (an outlet's name taken for the claimant) does not make two accounts share a
/// party.
fn held_by_most<'a>(
    v: &'a StoryView<'_>,
    c: &Cluster,
    of: impl Fn(&'a Proposition) -> &'a BTreeSet<String>,
) -> BTreeSet<String> {
    most_of(c.members.iter().map(|&m| of(v.prop(m))))
}

/// The items held by at least half of the sets that hold any.
fn most_of<'s>(sets: impl Iterator<Item = &'s BTreeSet<String>>) -> BTreeSet<String> {
    let mut held: std::collections::BTreeMap<&String, usize> = Default::default();
    let mut naming = 0;
    for names in sets {
        naming += usize::from(!names.is_empty());
        for x in names {
            *held.entry(x).or_insert(0) += 1;
        }
    }
    held.into_iter()
        .filter(|&(_, n)| 2 * n >= naming)
        .map(|(x, _)| x.clone())
        .collect()
}

/// Whether any member of a cluster names one of the party tokens: as its target, or in its
/// words (a party token is a name's first five letters, `text::party_cut`).
fn names_any(v: &StoryView<'_>, c: &Cluster, parties: &BTreeSet<String>) -> bool {
    c.members.iter().any(|&m| {
        let p = v.prop(m);
        !p.target.is_disjoint(parties)
            || p.stems
                .keys()
                .any(|s| parties.contains(&text::party_cut(s)))
    })
}

/// The words of a cluster's sentences cut as party tokens are ("Ostran" → "ostra"): what it
/// names, read from the words, not the stems, which cut a name shorter.
fn cut_words(v: &StoryView<'_>, c: &Cluster) -> BTreeSet<String> {
    c.members
        .iter()
        .flat_map(|&m| text::words(v.sentence(m)))
        .map(|w| text::party_cut(&w))
        .collect()
}

/// Whether most of a cluster's members speak of a party's ties to a group (membership,
/// allegiance) rather than of an act.
fn speaks_of_ties(v: &StoryView<'_>, c: &Cluster) -> bool {
    2 * c.members.iter().filter(|&&m| v.prop(m).ties).count() > c.members.len()
}

/// Whether a later count `b` is told by another party than the earlier count `a`: `b` names a
/// teller, and neither a teller nor a country it speaks for is one `a` is told by (a ministry
/// and the government of one country are one side, however differently outlets name them). A
/// count the outlets report untold is theirs: a named party giving another is a rival.
fn told_by_others(v: &StoryView<'_>, a: &Cluster, b: &Cluster) -> bool {
    let (pa, pb) = (parties(v, a, false), parties(v, b, false));
    let (sa, sb) = (
        held_by_most(v, a, |p| &p.side),
        held_by_most(v, b, |p| &p.side),
    );
    !pb.is_empty() && pa.is_disjoint(&pb) && sa.is_disjoint(&sb)
}

/// The count a cluster asserts: its category and the values of its first member.
fn count_of(v: &StoryView<'_>, c: &Cluster) -> Option<(String, Vec<f64>)> {
    let p = v.prop(c.first);
    p.count.clone().map(|cat| (cat, p.values()))
}

/// Counts of one category, in order of first appearance: each new value updates the latest
/// value before it, unless that value is still being reported by another party after the new
/// one appeared, in which case the two are competing counts and contradict each other. A
/// value that agrees with the latest one ("more than 60" after 64) is a restatement.
fn counts(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    let mut by_cat: std::collections::BTreeMap<String, Vec<&Cluster>> = Default::default();
    for c in v.clusters {
        if matches!(c.kind, ClaimKind::Casualty | ClaimKind::Arrest)
            && let Some((cat, _)) = count_of(v, c)
            && !c
                .members
                .iter()
                .all(|&m| v.prop(m).superseded || v.prop(m).part)
        {
            by_cat.entry(cat).or_default().push(c);
        }
    }
    for (cat, mut cs) in by_cat {
        let when = first_reported(v, &cs);
        cs.sort_by_key(|c| when[&c.id]);
        let mut line: Vec<&Cluster> = Vec::new();
        // A count of those still held after releases is not a total: it updates none, and a
        // later count of the held updates it.
        let net = |c: &Cluster| v.prop(c.first).net_of_releases;
        for b in cs {
            let Some(mut a) = line.last().copied() else {
                line.push(b);
                continue;
            };
            if net(b) && !net(a) {
                line.push(b);
                continue;
            }
            // A toll only rises: a count one report gave, from a party that gave none of the
            // line's recent steps, followed by a lower one told by others ("at least 40", a residents'
            // group said; then 31, the ministry), was a competing count, not a step of the
            // line. The lower one contradicts it, and goes on from the step before. (A count
            // many reports carried and then revised down is a revision: 500, then 471.)
            if rises(&cat)
                && a.members.len() == 1
                && line.len() >= 2
                && let (Some((_, va)), Some((_, vb))) = (count_of(v, a), count_of(v, b))
                && vb.last() < va.first()
                && !agrees(v, b, &va, &vb)
                && told_by_others(v, a, b)
                && line[line.len().saturating_sub(STEPS_COMPARED + 1)..line.len() - 1]
                    .iter()
                    .all(|x| told_by_others(v, a, x))
            {
                // The competing count is the one that contradicts (`figures::rank` reads it
                // so), whichever came first.
                out.push(Relation {
                    from: a.id,
                    to: b.id,
                    kind: RelationType::Contradicts,
                    reason: format!(
                        "{cat}: {} against {} told after it by different parties",
                        show(&va),
                        show(&vb)
                    ),
                });
                line.pop();
                let before = line.last().copied().unwrap_or(a);
                // Nor did the competing count update the step before it: it contradicted it.
                if let Some(r) = out.iter_mut().find(|r| {
                    r.from == a.id && r.to == before.id && r.kind == RelationType::Updates
                }) {
                    r.kind = RelationType::Contradicts;
                    r.reason = format!(
                        "{cat}: {} against {}, told by different parties",
                        show(&va),
                        count_of(v, before).map_or_else(String::new, |(_, x)| show(&x))
                    );
                }
                a = before;
            }
            let (Some((_, va)), Some((_, vb))) = (count_of(v, a), count_of(v, b)) else {
                continue;
            };
            if agrees(v, b, &va, &vb) {
                continue;
            }
            let b_first = v.order(b.first);
            let still_reported = a
                .members
                .iter()
                .any(|&m| v.order(m) > b_first && !v.prop(m).superseded);
            if still_reported && told_by_others(v, a, b) {
                out.push(Relation {
                    from: b.id,
                    to: a.id,
                    kind: RelationType::Contradicts,
                    reason: format!(
                        "{cat}: {} against {}, both reported by different parties",
                        show(&vb),
                        show(&va)
                    ),
                });
            } else {
                out.push(Relation {
                    from: b.id,
                    to: a.id,
                    kind: RelationType::Updates,
                    reason: format!("{cat}: {} replaces {}", show(&vb), show(&va)),
                });
                line.push(b);
            }
        }
    }
}

/// How many steps of a count's line before a competing count are asked whether its party gave
/// one of them: the recent ones, so a story of endless values stays linear.
const STEPS_COMPARED: usize = 8;

/// Counts that only rise as a story goes on: the dead and the hurt (the missing, the held and
/// the displaced also fall).
fn rises(category: &str) -> bool {
    matches!(category, "killed" | "injured")
}

/// Threat levels in order of first appearance: each new level updates the one before it ("raised
/// to critical" updates "remains at severe"). A cluster's level is the one most of its members
/// give.
fn levels(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    let level = |c: &Cluster| {
        let mut n: std::collections::BTreeMap<&'static str, usize> = Default::default();
        for &m in &c.members {
            if let Some(l) = v.prop(m).level {
                *n.entry(l).or_insert(0) += 1;
            }
        }
        n.into_iter()
            .max_by_key(|&(l, k)| (k, std::cmp::Reverse(l)))
            .map(|(l, _)| l)
    };
    let mut told: Vec<(OrderKey, usize, &'static str)> = v
        .clusters
        .iter()
        .filter_map(|c| level(c).map(|l| (v.order(c.first), c.id, l)))
        .collect();
    told.sort_unstable();
    let mut latest: Option<(usize, &'static str)> = None;
    for (_, id, l) in told {
        if let Some((before, was)) = latest {
            if was == l {
                continue;
            }
            out.push(Relation {
                from: id,
                to: before,
                kind: RelationType::Updates,
                reason: format!("threat level: {l} replaces {was}"),
            });
        }
        latest = Some((id, l));
    }
}

/// A count whose sentence sets it against another value of the same count as an earlier one
/// ("100 to 300 killed, far fewer than the nearly 500 deaths first described"), when the two
/// are told by different parties, contradicts the cluster reporting that value: the report
/// itself puts one against the other. (The same party's earlier value is updated, which
/// `counts` draws.) Each value is looked up in a map of the story's single-valued counts.
fn counts_set_against(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    let counted = |c: &&Cluster| matches!(c.kind, ClaimKind::Casualty | ClaimKind::Arrest);
    let reporting = largest_counting(v, true);
    let mut drawn: BTreeSet<(usize, usize)> = out
        .iter()
        .flat_map(|r| [(r.from, r.to), (r.to, r.from)])
        .collect();
    for b in v.clusters.iter().filter(counted) {
        let Some((cat, vb)) = count_of(v, b) else {
            continue;
        };
        let against: BTreeSet<u64> = b
            .members
            .iter()
            .flat_map(|&m| v.prop(m).set_against.iter().map(|x| x.to_bits()))
            .collect();
        for x in against {
            let Some(&a) = reporting.get(&(cat.as_str(), x)) else {
                continue;
            };
            if a.id == b.id || drawn.contains(&(b.id, a.id)) || !told_by_others(v, a, b) {
                continue;
            }
            drawn.insert((b.id, a.id));
            drawn.insert((a.id, b.id));
            out.push(Relation {
                from: b.id,
                to: a.id,
                kind: RelationType::Contradicts,
                reason: format!(
                    "{cat}: {} set against {} in one report, told by different parties",
                    show(&vb),
                    f64::from_bits(x)
                ),
            });
        }
    }
}

/// The largest cluster counting each value of each count (the first of equals), read once:
/// (category, value bits) -> cluster. With `single_only`, only clusters reporting one value
/// (not a range).
fn largest_counting<'v>(
    v: &'v StoryView<'_>,
    single_only: bool,
) -> std::collections::HashMap<(&'v str, u64), &'v Cluster> {
    let mut out: std::collections::HashMap<(&str, u64), &Cluster> = Default::default();
    for c in v
        .clusters
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Casualty | ClaimKind::Arrest))
    {
        let p = v.prop(c.first);
        let Some(cat) = p.count.as_deref() else {
            continue;
        };
        let values = p.values();
        if single_only && values.len() != 1 {
            continue;
        }
        for x in values {
            let e = out.entry((cat, x.to_bits())).or_insert(c);
            if c.members.len() > e.members.len() {
                *e = c;
            }
        }
    }
    out
}

/// When each count of one category was first reported, for ordering them: its first member,
/// or, when an article reports it as an earlier figure ("earlier, the ministry had said 200")
/// beside a count it reports as current, just before that current count's first report. The
/// article says which came first even when it is the first to print the earlier one.
fn first_reported(
    v: &StoryView<'_>,
    cs: &[&Cluster],
) -> std::collections::BTreeMap<usize, (OrderKey, bool)> {
    let current = |c: &Cluster| {
        c.members
            .iter()
            .copied()
            .find(|&m| !v.prop(m).superseded)
            .unwrap_or(c.first)
    };
    let mut when: std::collections::BTreeMap<usize, (OrderKey, bool)> = cs
        .iter()
        .map(|c| (c.id, (v.order(current(c)), true)))
        .collect();
    // The articles reporting each count as current, and where that count was first reported.
    let mut current_in: std::collections::BTreeMap<usize, Vec<(OrderKey, bool)>> =
        Default::default();
    for c in cs {
        let at = when[&c.id];
        let articles: BTreeSet<usize> = c
            .members
            .iter()
            .filter(|&&m| !v.prop(m).superseded)
            .map(|&m| v.prop(m).claim.article)
            .collect();
        for a in articles {
            current_in.entry(a).or_default().push(at);
        }
    }
    for c in cs {
        for &m in c.members.iter().filter(|&&m| v.prop(m).superseded) {
            if let Some(&earliest) = current_in
                .get(&v.prop(m).claim.article)
                .and_then(|ats| ats.iter().filter(|&&at| at != when[&c.id]).min())
            {
                let before = (earliest.0, false);
                if before < when[&c.id] {
                    when.insert(c.id, before);
                }
            }
        }
    }
    when
}

/// Whether a later count only restates the earlier one less precisely ("more than 60" after
/// 64; "nearly 90" after 87 is not, 90 is a figure of its own).
fn agrees(v: &StoryView<'_>, b: &Cluster, va: &[f64], vb: &[f64]) -> bool {
    use crate::domain::Qualifier::{AtLeast, FewerThan, MoreThan};
    let (Some(&a), [x]) = (va.last(), vb) else {
        return false;
    };
    let q = v.prop(b.first).figures.first().map(|f| f.qualifier);
    match q {
        Some(MoreThan | AtLeast) => *x < a,
        Some(FewerThan) => *x > a,
        _ => false,
    }
}

fn show(v: &[f64]) -> String {
    v.iter().map(f64::to_string).collect::<Vec<_>>().join("–")
}

/// Masses a story reports: what was stored, seized or used. Unlike a toll, one is a single
/// amount that does not grow as the story goes on.
const MASSES: &[&str] = &["tonnes", "kg"];

/// Two masses within this share of the larger are one told less precisely ("about 880" and
/// 900).
const MASS_ROUNDING: f64 = 0.05;

/// Masses of the same stuff (`text::substance`) given as different amounts are rival accounts:
/// a cluster giving another mass than the one most reports give contradicts the first cluster
/// giving that one ("some 1,400 tons of the chemical" against "900 tonnes" of it). A
/// cluster's mass is the one most of its members give. Each cluster's values are counted in
/// one pass; each cluster's mass is then weighed against every distinct mass given of its
/// stuff (a story gives a handful; a thousand distinct ones would be a million comparisons).
fn masses(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    use std::collections::BTreeMap;
    // Each cluster's mass of each category: the value most of its members give, what it is of,
    // and how many give it.
    struct Mass<'c> {
        cluster: &'c Cluster,
        category: &'c str,
        value: f64,
        of: BTreeSet<String>,
        given: usize,
    }
    let mut found: Vec<Mass<'_>> = Vec::new();
    for c in v.clusters {
        let mut by_cat: BTreeMap<&str, Vec<(f64, BTreeSet<String>)>> = BTreeMap::new();
        for &m in &c.members {
            let p = v.prop(m);
            for (f, &current) in p.figures.iter().zip(&p.in_series) {
                if !current || !MASSES.contains(&f.category.as_str()) {
                    continue;
                }
                let of = text::substance(v.sentence(m), &f.text);
                if !of.is_empty() {
                    by_cat
                        .entry(f.category.as_str())
                        .or_default()
                        .push((f.value, of));
                }
            }
        }
        for (category, values) in by_cat {
            let mut counts: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
            for (x, _) in &values {
                *counts.entry(x.to_bits()).or_insert(0) += 1;
            }
            // Members come earliest first: among equally many, the earliest value.
            let mut most: Option<(f64, usize)> = None;
            for &(x, _) in &values {
                let n = counts[&x.to_bits()];
                if most.is_none_or(|(_, m)| n > m) {
                    most = Some((x, n));
                }
            }
            let Some((value, given)) = most else {
                continue;
            };
            let of = values
                .iter()
                .filter(|(x, _)| *x == value)
                .flat_map(|(_, o)| o.iter().cloned())
                .collect();
            found.push(Mass {
                cluster: c,
                category,
                value,
                of,
                given,
            });
        }
    }
    // How many members give each value of each stuff, and the first cluster giving it:
    // (category, a stem of the stuff) → the value's bits → (members giving it, first cluster).
    type Support<'s> = BTreeMap<(&'s str, &'s str), BTreeMap<u64, (usize, &'s Cluster)>>;
    let mut support: Support<'_> = BTreeMap::new();
    for x in &found {
        for stem in &x.of {
            let e = support
                .entry((x.category, stem.as_str()))
                .or_default()
                .entry(x.value.to_bits())
                .or_insert((0, x.cluster));
            e.0 += x.given;
            if v.order(x.cluster.first) < v.order(e.1.first) {
                e.1 = x.cluster;
            }
        }
    }
    let close = |a: f64, b: f64| (a - b).abs() <= MASS_ROUNDING * a.abs().max(b.abs());
    for x in &found {
        let ways =
            x.of.iter()
                .filter_map(|stem| support.get(&(x.category, stem.as_str())))
                .flat_map(|values| values.iter());
        // How many give this mass, or one it rounds.
        let own: usize =
            x.of.iter()
                .filter_map(|stem| support.get(&(x.category, stem.as_str())))
                .map(|values| {
                    values
                        .iter()
                        .filter(|(bits, _)| close(f64::from_bits(**bits), x.value))
                        .map(|(_, (n, _))| *n)
                        .sum::<usize>()
                })
                .max()
                .unwrap_or(0);
        // The mass most reports of the stuff give, then the earliest given.
        let Some((main, (n, first))) = ways
            .filter(|(bits, _)| !close(f64::from_bits(**bits), x.value))
            .max_by_key(|(_, (n, c))| (*n, std::cmp::Reverse(v.order(c.first))))
        else {
            continue;
        };
        let later = v.order(x.cluster.first) > v.order(first.first);
        if *n > own || *n == own && later {
            out.push(Relation {
                from: x.cluster.id,
                to: first.id,
                kind: RelationType::Contradicts,
                reason: format!(
                    "{}: {} against {} of the same",
                    x.category,
                    show(&[x.value]),
                    show(&[f64::from_bits(*main)])
                ),
            });
        }
    }
}

/// Blames (attributions) and clearances (denials) of the same kind: one naming another party
/// as responsible contradicts the main one; another party blaming the same one supports it.
fn accounts(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    for kind in [ClaimKind::Attribution, ClaimKind::Denial] {
        // Each cluster with its targets and claimants, read once: (cluster, targets, claimants).
        let cs: Vec<(&Cluster, BTreeSet<String>, BTreeSet<String>)> = v
            .clusters
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| (c, placed_targets(v, c), parties(v, c, false)))
            .filter(|(_, t, _)| !t.is_empty())
            .collect();
        // Clusters by target, so each looks only at the accounts that share one of its targets.
        let mut by_target: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for (i, (_, t, _)) in cs.iter().enumerate() {
            for x in t {
                by_target.entry(x.as_str()).or_default().push(i);
            }
        }
        // What each account's targets say, read once: the candidates below are asked it for
        // every account.
        let unnamed_at: Vec<bool> = cs.iter().map(|(c, _, _)| unnamed(v, c)).collect();
        let deliberate_at: Vec<bool> = cs.iter().map(|(_, t, _)| only_deliberate(t)).collect();
        let party_at: Vec<bool> = cs.iter().map(|(_, t, _)| names_a_party(t)).collect();
        // The accounts repeated at least twice, largest first: the candidates to contradict.
        let mut repeated: Vec<usize> = (0..cs.len())
            .filter(|&i| cs[i].0.members.len() >= 2)
            .collect();
        repeated.sort_by_key(|&i| (std::cmp::Reverse(cs[i].0.members.len()), cs[i].0.id));
        for (bi, (b, tb, cb)) in cs.iter().enumerate() {
            // The largest other cluster with the same target, when b is smaller: b supports it.
            let same = tb
                .iter()
                .flat_map(|x| by_target.get(x.as_str()).into_iter().flatten())
                .copied()
                .filter(|&ai| ai != bi && same_party(&cs[ai].1, tb))
                .max_by_key(|&ai| (cs[ai].0.members.len(), std::cmp::Reverse(cs[ai].0.id)));
            // That a party had no ties to a group does not clear it of the act (while that it
            // belonged to the group backs the group's claim of the act).
            if let Some(ai) = same
                && cs[ai].0.members.len() > b.members.len()
                && !cb.is_empty()
                && cs[ai].2.is_disjoint(cb)
                && (kind != ClaimKind::Denial
                    || speaks_of_ties(v, cs[ai].0) == speaks_of_ties(v, b))
            {
                let a = cs[ai].0;
                out.push(Relation {
                    from: b.id,
                    to: a.id,
                    kind: RelationType::Supports,
                    reason: format!(
                        "another party ({}) names the same {}",
                        cb.iter().cloned().collect::<Vec<_>>().join(" "),
                        if kind == ClaimKind::Denial {
                            "party as not responsible"
                        } else {
                            "responsible party"
                        }
                    ),
                });
                // An account backing a larger one leaves the rival account to it: the larger
                // one is the account the rival contradicts.
                continue;
            }
            if kind != ClaimKind::Attribution || b.members.len() < 2 {
                continue;
            }
            // The largest account blaming someone else, from another party: they contradict.
            // That it was a deliberate act and who did it are no rivals ("it was a terror
            // attack", "hidden hands are behind it"); an accident and a culprit are.
            if unnamed_at[bi] {
                continue;
            }
            let other = repeated.iter().find(|&&ai| {
                let (a, ta, ca) = &cs[ai];
                a.id < b.id
                    && !unnamed_at[ai]
                    && ta.is_disjoint(tb)
                    && !(deliberate_at[ai] && party_at[bi])
                    && !(deliberate_at[bi] && party_at[ai])
                    && (ca.is_empty() || cb.is_empty() || ca.is_disjoint(cb))
            });
            if let Some(&ai) = other {
                let a = cs[ai].0;
                out.push(Relation {
                    from: b.id,
                    to: a.id,
                    kind: RelationType::Contradicts,
                    reason: "the two accounts blame different parties".to_owned(),
                });
            }
        }
    }
}

/// Whether a member's claim tells who did the act, or how: a blame, a denial, an event or a
/// statement. A count or an arrest in the same sentence only shares its words.
fn tells_of_the_deed(v: &StoryView<'_>, m: usize) -> bool {
    !matches!(
        v.prop(m).kind,
        ClaimKind::Casualty | ClaimKind::Arrest | ClaimKind::Warning
    )
}

/// How many of a cluster's members tell of the deed and say `says`.
fn saying(v: &StoryView<'_>, c: &Cluster, says: &impl Fn(&Proposition) -> bool) -> usize {
    c.members
        .iter()
        .filter(|&&m| tells_of_the_deed(v, m) && says(v.prop(m)))
        .count()
}

/// Of the clusters saying `says` and none saying `against`, the one that says it most wholly,
/// then the earliest: the account later reports answer.
fn first_account<'v>(
    v: &'v StoryView<'_>,
    says: impl Fn(&Proposition) -> bool,
    against: impl Fn(&Proposition) -> bool,
) -> Option<&'v Cluster> {
    v.clusters
        .iter()
        .filter(|c| saying(v, c, &says) > 0 && saying(v, c, &against) == 0)
        .min_by_key(|c| {
            let share = saying(v, c, &says) * 1000 / c.members.len();
            (std::cmp::Reverse(share), v.order(c.first), c.id)
        })
}

/// The clusters already related to cluster `c`, either way.
fn related_to(out: &[Relation], c: usize) -> BTreeSet<usize> {
    out.iter()
        .filter_map(|r| {
            (r.to == c)
                .then_some(r.from)
                .or((r.from == c).then_some(r.to))
        })
        .collect()
}

/// One who acted alone, or several: the clusters saying others were in it ("a wider network",
/// "he was not acting alone") answer the first saying he acted alone (`first_account`). A later
/// finding of others updates it (the investigation's account moved on); the account of the
/// party that claimed the act contradicts it (a rival account, not a revision). A cluster
/// already related to the lone account is left as it is.
fn how_many_did_it(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    use text::Perpetrators::{One, Several};
    let one = |p: &Proposition| p.perpetrators == Some(One);
    let several = |p: &Proposition| p.perpetrators == Some(Several);
    let Some(lone) = first_account(v, one, several) else {
        return;
    };
    let related = related_to(out, lone.id);
    // The parties that claimed the act themselves ("the group claimed responsibility").
    let claimers: BTreeSet<&String> = v
        .clusters
        .iter()
        .filter(|c| c.kind == ClaimKind::Attribution)
        .flat_map(|c| c.members.iter().map(|&m| v.prop(m)))
        .filter(|p| !p.claimant.is_disjoint(&p.target))
        .flat_map(|p| p.claimant.iter())
        .collect();
    for c in v.clusters.iter().filter(|c| {
        saying(v, c, &several) > 0
            && saying(v, c, &one) == 0
            && !related.contains(&c.id)
            && c.id != lone.id
    }) {
        // The claiming party's own account: its teller blames itself, or the party blamed is
        // one that claimed the act.
        let own_claim = c.members.iter().any(|&m| {
            let p = v.prop(m);
            (!p.claimant.is_empty() && !p.claimant.is_disjoint(&p.target))
                || p.target.iter().any(|t| claimers.contains(t))
        });
        let later = v.order(c.first) > v.order(lone.first);
        let kind = if own_claim {
            RelationType::Contradicts
        } else if later {
            RelationType::Updates
        } else {
            continue;
        };
        out.push(Relation {
            from: c.id,
            to: lone.id,
            kind,
            reason: if own_claim {
                "the party claiming the act tells of several, against one acting alone".to_owned()
            } else {
                "a later report of others in it, after one said to act alone".to_owned()
            },
        });
    }
}

/// Who did it, known and then named: a later cluster naming him ("named as the suspected
/// bomber", "his identity has been confirmed") updates the first saying only that his identity
/// is known (`text::identity`).
fn who_did_it_named(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    let Some(unnamed) = first_account(v, identity_known, identity_named) else {
        return;
    };
    let related = related_to(out, unnamed.id);
    for c in v.clusters.iter().filter(|c| {
        saying(v, c, &identity_named) > 0
            && saying(v, c, &identity_known) == 0
            && !related.contains(&c.id)
            && c.id != unnamed.id
            && v.order(c.first) > v.order(unnamed.first)
    }) {
        out.push(Relation {
            from: c.id,
            to: unnamed.id,
            kind: RelationType::Updates,
            reason: "names who did it, after his identity was said to be known".to_owned(),
        });
    }
}

/// A teller who first could not tell ("we cannot yet confirm it was an Ostran strike",
/// `text::undecided`: at least half of a cluster of statements) and later did: the first later
/// blame or denial told by the same teller (or its country), about a party the uncertainty
/// named, updates it.
fn settled(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    let tellers = |c: &Cluster| -> BTreeSet<String> {
        c.members
            .iter()
            .flat_map(|&m| {
                let p = v.prop(m);
                p.claimant.iter().chain(&p.side).cloned()
            })
            .collect()
    };
    let undecided: Vec<&Cluster> = v
        .clusters
        .iter()
        .filter(|c| {
            c.kind == ClaimKind::Statement
                && 2 * c.members.iter().filter(|&&m| v.prop(m).undecided).count() >= c.members.len()
        })
        .collect();
    if undecided.is_empty() {
        return;
    }
    let accounts: Vec<(&Cluster, BTreeSet<String>, BTreeSet<String>)> = v
        .clusters
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Attribution | ClaimKind::Denial))
        .map(|c| (c, tellers(c), parties(v, c, true)))
        .filter(|(_, told, named)| !told.is_empty() && !named.is_empty())
        .collect();
    for u in undecided {
        let told = tellers(u);
        let words = cut_words(v, u);
        let related = related_to(out, u.id);
        let later = accounts
            .iter()
            .filter(|(a, by, named)| {
                v.order(a.first) > v.order(u.first)
                    && !by.is_disjoint(&told)
                    && !related.contains(&a.id)
                    && !named.is_disjoint(&words)
            })
            .min_by_key(|(a, _, _)| (v.order(a.first), a.id));
        if let Some((a, _, _)) = later {
            out.push(Relation {
                from: a.id,
                to: u.id,
                kind: RelationType::Updates,
                reason: "tells what its teller first could not".to_owned(),
            });
        }
    }
}

/// Whether a claim tells who did it is known, not yet his name (`text::identity`). Who someone
/// is is asserted (a statement, or the blame naming him), not an occurrence; a sentence also
/// telling how many did it is read for that (`how_many_did_it`).
fn identity_known(p: &Proposition) -> bool {
    tells_identity(p) && p.identity == Some(text::Identity::Known)
}

/// Whether a claim names who did it (`identity_known`).
fn identity_named(p: &Proposition) -> bool {
    tells_identity(p) && p.identity == Some(text::Identity::Named)
}

fn tells_identity(p: &Proposition) -> bool {
    matches!(p.kind, ClaimKind::Statement | ClaimKind::Attribution) && p.perpetrators.is_none()
}

/// Whether two accounts' targets name one party: a party token in common, or nothing but the
/// kind of cause in both ("it was an attack"). A kind of cause alone in common is no party in
/// common when either names one: "a wider terrorist network" and "the government's measures
/// after the attack" blame no one alike.
fn same_party(ta: &BTreeSet<String>, tb: &BTreeSet<String>) -> bool {
    let cause = |t: &String| text::names_a_cause(t) || text::names_a_weapon(t);
    ta.intersection(tb).any(|t| !cause(t)) || (ta.iter().all(cause) && tb.iter().all(cause))
}

/// Whether most of the members of a cluster that name a target blame others, unnamed ("a wider
/// network"): no rival of an account naming the culprit (`text::names_no_one_in_particular`).
fn unnamed(v: &StoryView<'_>, c: &Cluster) -> bool {
    let naming: Vec<bool> = c
        .members
        .iter()
        .map(|&m| v.prop(m))
        .filter(|p| !p.target.is_empty())
        .map(|p| p.target_unnamed)
        .collect();
    !naming.is_empty() && 2 * naming.iter().filter(|&&u| u).count() > naming.len()
}

/// Whether an account's targets say only that it was a deliberate act ("attac", "bomb"), not
/// who did it.
fn only_deliberate(targets: &BTreeSet<String>) -> bool {
    targets.iter().all(|t| text::names_a_deliberate_act(t))
}

/// Whether an account's targets name a culprit and no kind of cause ("an accident", "a fire
/// caused by negligence" name one).
fn names_a_party(targets: &BTreeSet<String>) -> bool {
    !targets.iter().any(|t| text::names_a_cause(t))
        && targets.iter().any(|t| !text::names_a_weapon(t))
}

/// Words by which a denial points back at the claim just before it ("disputes this figure").
const BACK_REFERENCES: &[&str] = &[
    "this", "that", "these", "those", "such", "report", "claim", "claims",
];

/// A denial answers the most repeated blame of the party it clears (told by someone else), or
/// when no one blames that party by name, the report naming who did it; a denial that names
/// nobody but points back ("this figure", "the report") answers the claim just before it.
fn denials(v: &StoryView<'_>, out: &mut Vec<Relation>) {
    let cluster_of = v.cluster_of();
    // The blames by the parties they name, read once.
    let mut blames: std::collections::BTreeMap<String, Vec<&Cluster>> = Default::default();
    for a in v
        .clusters
        .iter()
        .filter(|c| c.kind == ClaimKind::Attribution)
    {
        for t in parties(v, a, true) {
            blames.entry(t).or_default().push(a);
        }
    }
    let ties_accusations: Vec<&Cluster> = v
        .clusters
        .iter()
        .filter(|c| c.kind == ClaimKind::Attribution && speaks_of_ties(v, c))
        // Ties are to the party the claim names ("belonged to the Front"), not to anything
        // ("members of the army" guarding sites after the attack).
        .filter(|c| {
            c.members
                .iter()
                .any(|&m| text::ties_to(v.sentence(m), &v.prop(m).target))
        })
        .collect();
    // Each article's clustered propositions, for the claim just before a denial.
    let mut by_article: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for c in v.clusters {
        for &q in &c.members {
            by_article
                .entry(v.prop(q).claim.article)
                .or_default()
                .push(q);
        }
    }
    // For denials of a figure they name.
    let counting = largest_counting(v, false);
    // A denial that backs another party's denial (an independent finding that the accused did
    // not do it) leaves the answering to the denial it backs.
    // The first report naming who did it (`who_did_it_named`).
    let naming = first_account(v, identity_named, identity_known);
    let naming_words = naming.map(|a| cut_words(v, a)).unwrap_or_default();
    let backing: BTreeSet<usize> = out
        .iter()
        .filter(|r| r.kind == RelationType::Supports)
        .map(|r| r.from)
        .collect();
    for d in v
        .clusters
        .iter()
        .filter(|c| c.kind == ClaimKind::Denial && !backing.contains(&c.id))
    {
        if let Some((a, reason)) = disputed_count(v, d, &counting, &by_article, &cluster_of) {
            out.push(Relation {
                from: d.id,
                to: a,
                kind: RelationType::Denies,
                reason,
            });
            continue;
        }
        let td = parties(v, d, true);
        // A denial of ties ("he was not a member of the Front") answers the accusation of those
        // ties that names the same party ("he and Lind belonged to the Front"), before any
        // blame for the act.
        let of_ties = speaks_of_ties(v, d)
            .then(|| {
                ties_accusations
                    .iter()
                    .copied()
                    .filter(|a| names_any(v, a, &td))
                    .max_by_key(|a| (a.members.len(), std::cmp::Reverse(a.id)))
            })
            .flatten();
        let named = td.iter().cloned().collect::<Vec<_>>().join(" ");
        // No one denies a blame they tell themselves: a father saying foreign agents did it,
        // read as blaming his son, is no accusation his own denial answers.
        let tellers: BTreeSet<&String> = d
            .members
            .iter()
            .flat_map(|&m| &v.prop(m).claimant)
            .collect();
        let answered = of_ties
            .map(|a| (a, format!("denies the ties it claims of {named}")))
            .or_else(|| {
                td.iter()
                    .flat_map(|t| blames.get(t).into_iter().flatten())
                    .copied()
                    .filter(|a| !parties(v, a, false).iter().any(|t| tellers.contains(t)))
                    .max_by_key(|a| (a.members.len(), std::cmp::Reverse(a.id)))
                    .map(|a| (a, format!("clears {named} of the blame")))
            })
            .or_else(|| {
                // Clearing a person of the act when no one blames him by name answers the
                // report naming him as the one who did it ("named as the suspected bomber"),
                // when that came first.
                naming
                    .filter(|a| {
                        !td.is_empty()
                            && !speaks_of_ties(v, d)
                            && !v.prop(d.first).target_only_a_country
                            && v.order(a.first) < v.order(d.first)
                            && !naming_words.is_disjoint(&td)
                    })
                    .map(|a| (a, format!("denies that {named} did it, as he was named")))
            });
        if let Some((a, reason)) = answered {
            out.push(Relation {
                from: d.id,
                to: a.id,
                kind: RelationType::Denies,
                reason,
            });
            continue;
        }
        if !td.is_empty() {
            continue;
        }
        // Back references: the claim it points back at is the nearest one told by another,
        // in its own sentence ("While Holm called it an attack, officials have cast doubt on
        // that claim") or else just before it, in the same article.
        let m = d.first;
        let words = text::words(v.sentence(m));
        if !words.iter().any(|w| BACK_REFERENCES.contains(&w.as_str())) {
            continue;
        }
        let answerable = |o: &Proposition| o.kind != ClaimKind::Denial;
        let by_another = |o: &Proposition| !o.claimant.iter().any(|t| tellers.contains(t));
        let at = v.prop(m).sentence.0;
        let pointed = article_mates(v, &by_article, m)
            .filter(|&q| {
                let o = v.prop(q);
                o.sentence.0 == at && answerable(o) && by_another(o)
            })
            .min()
            .or_else(|| claim_before(v, &by_article, m, answerable));
        if let Some(q) = pointed
            && let Some(&c) = cluster_of.get(&q)
        {
            // Doubt cast on an account of the cause that blames nobody ("an attack", "an
            // accident") answers no accusation: it is another account against it.
            let of_a_cause = v.clusters.get(c).is_some_and(|a| {
                let blamed = parties(v, a, true);
                a.kind == ClaimKind::Attribution
                    && !blamed.is_empty()
                    && blamed.iter().all(|t| text::names_a_cause(t))
            });
            out.push(if of_a_cause {
                Relation {
                    from: d.id,
                    to: c,
                    kind: RelationType::Contradicts,
                    reason: "doubts the account of the cause it points back at".to_owned(),
                }
            } else {
                Relation {
                    from: d.id,
                    to: c,
                    kind: RelationType::Denies,
                    reason: "rejects the claim just before it".to_owned(),
                }
            });
        }
    }
}

/// The count a denial of a reported figure answers ("Ostra disputes this figure"), when most
/// of its members dispute one: the count of the value it names, else the count reported just
/// before one of its members in that member's article. Such a denial names its teller as its
/// target (nobody else is cleared), so it must not be read as clearing its teller of a blame.
fn disputed_count(
    v: &StoryView<'_>,
    d: &Cluster,
    counting: &std::collections::HashMap<(&str, u64), &Cluster>,
    by_article: &std::collections::BTreeMap<usize, Vec<usize>>,
    cluster_of: &std::collections::BTreeMap<usize, usize>,
) -> Option<(usize, String)> {
    if 2 * d
        .members
        .iter()
        .filter(|&&m| v.prop(m).disputes_tally)
        .count()
        <= d.members.len()
    {
        return None;
    }
    // A value the denial names ("disputes the 40 dead"): the largest cluster counting it.
    if let Some(a) = d
        .members
        .iter()
        .flat_map(|&m| v.prop(m).figures.iter())
        .filter_map(|f| counting.get(&(f.category.as_str(), f.value.to_bits())))
        .max_by_key(|c| (c.members.len(), std::cmp::Reverse(c.id)))
    {
        return Some((a.id, "disputes the figure it reports".to_owned()));
    }
    // Else the count just before it ("471 were killed. Ostra disputes this figure.").
    d.members.iter().find_map(|&m| {
        let q = claim_before(v, by_article, m, |o| o.count.is_some())?;
        let c = *cluster_of.get(&q)?;
        Some((c, "disputes the figure reported just before it".to_owned()))
    })
}

/// The clustered proposition nearest before `m` in its article (`by_article`) that `wanted`
/// accepts: what a claim pointing back ("this figure", "the report") points at.
fn claim_before(
    v: &StoryView<'_>,
    by_article: &std::collections::BTreeMap<usize, Vec<usize>>,
    m: usize,
    wanted: impl Fn(&Proposition) -> bool,
) -> Option<usize> {
    let at = v.prop(m).sentence.0;
    article_mates(v, by_article, m)
        .filter(|&q| v.prop(q).sentence.0 < at && wanted(v.prop(q)))
        .max_by_key(|&q| (v.prop(q).sentence.0, std::cmp::Reverse(q)))
}

/// The other clustered propositions of `m`'s article.
fn article_mates<'a>(
    v: &StoryView<'_>,
    by_article: &'a std::collections::BTreeMap<usize, Vec<usize>>,
    m: usize,
) -> impl Iterator<Item = usize> + 'a {
    by_article
        .get(&v.prop(m).claim.article)
        .into_iter()
        .flatten()
        .copied()
        .filter(move |&q| q != m)
}
