//! The trace of a set of articles as one JSON document (what `claimtrail trace --json` prints
//! and `shared/corpus/score_trace.py` scores): claims, stories, clusters with their first
//! appearance, relations with their PROV-O term, figure timelines, chains, and the links with
//! their evidence.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{ArticleInput, LinkLevel, Params, Rank, Tracer};
use crate::domain::{ActorRef, ClaimKind, Figure, Qualifier};

/// The whole trace.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub stories: Vec<StoryOut>,
    pub claims: Vec<ClaimOut>,
    pub clusters: Vec<ClusterOut>,
    pub relations: Vec<RelationOut>,
    pub figures: Vec<SeriesOut>,
    pub chains: Vec<ChainOut>,
    pub links: Vec<LinkOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    /// Article keys in publication order.
    pub articles: Vec<String>,
    /// Why each article after the first joined: the terms it shared with the story.
    pub joined_by: Vec<Vec<String>>,
}

/// A claim as traced: one per claim and kind (a blame that also carries a death toll is two).
#[derive(Clone, Debug, Serialize)]
pub struct ClaimOut {
    pub id: String,
    pub file: String,
    pub story: String,
    /// The sentence (or headline) the claim stands in; the claim's own words when the sentence
    /// holds another claim with words of its own (two accounts in one sentence).
    pub quote: String,
    /// The extractor's own words for the claim.
    pub words: String,
    pub kind: ClaimKind,
    pub figures: Vec<Figure>,
    pub claimant: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub hedged: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClusterOut {
    pub id: String,
    pub story: String,
    pub kind: ClaimKind,
    pub members: Vec<String>,
    pub first: String,
    pub appearances: Vec<AppearanceOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AppearanceOut {
    pub claim: String,
    pub file: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RelationOut {
    pub from: String,
    pub to: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub prov: Option<&'static str>,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeriesOut {
    pub story: String,
    pub category: String,
    pub series: Vec<PointOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PointOut {
    pub claim: String,
    pub value: f64,
    pub qualifier: Qualifier,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub as_of: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub claimant: Option<String>,
    pub rank: Rank,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChainOut {
    pub claim: String,
    pub chain: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LinkOut {
    pub from: String,
    pub to: String,
    pub level: LinkLevel,
    pub score: f64,
    pub figures: Vec<String>,
    pub actors: Vec<String>,
    pub words: Vec<String>,
    pub conflicts: Vec<String>,
    /// One of the two claims is the headline of the other's article.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
}

/// Traces articles given in any order: they are filed in publication order (by dateline date;
/// the order given breaks ties, since datelines carry local times of unknown zones).
pub fn trace_articles(articles: Vec<ArticleInput>) -> Report {
    trace_articles_with(articles, &Params::default())
}

/// `trace_articles` with other thresholds.
pub fn trace_articles_with(articles: Vec<ArticleInput>, params: &Params) -> Report {
    let (tracer, joined) = trace(articles, params);
    report(&tracer, &joined)
}

/// The tracer after filing articles in publication order, and the terms each joining article
/// shared with its story.
pub fn trace(
    mut articles: Vec<ArticleInput>,
    params: &Params,
) -> (Tracer, BTreeMap<usize, Vec<Vec<String>>>) {
    // A stable sort keeps the given order within a day.
    articles.sort_by_key(|a| a.published.map(|d| d.date()));
    let mut tracer = Tracer::with_params(*params);
    let mut joined: BTreeMap<usize, Vec<Vec<String>>> = BTreeMap::new();
    for a in articles {
        let o = tracer.add_article(a);
        if !o.assignment.new_story {
            joined
                .entry(o.assignment.story)
                .or_default()
                .push(o.assignment.shared);
        }
    }
    (tracer, joined)
}

/// The id a report gives a proposition's claim: `a{article}c{claim}`, with the kind appended
/// when the proposition is of another kind than its claim (a blame's death toll).
pub fn claim_id(tracer: &Tracer, prop: usize) -> String {
    let p = &tracer.propositions()[prop];
    let own = tracer.articles()[p.claim.article]
        .claims
        .get(p.claim.claim)
        .map(|c| c.kind);
    if own == Some(p.kind) {
        format!("a{}c{}", p.claim.article + 1, p.claim.claim + 1)
    } else {
        format!(
            "a{}c{}{}",
            p.claim.article + 1,
            p.claim.claim + 1,
            &p.kind.as_str()[..2]
        )
    }
}

/// Whether a neighbouring claim of the article (claims come in text order) stands elsewhere in
/// the sentence of claim `i`: a sentence holding two accounts, each its own claim.
fn shares_sentence(a: &super::ArticleInput, i: usize) -> bool {
    let Some(c) = a.claims.get(i) else {
        return false;
    };
    let (from, to) = super::article::sentence_around(&a.body, c.start, c.start + c.quote.len());
    [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| a.claims.get(j))
        .any(|o| o.start != c.start && o.start >= from && o.start + o.quote.len() <= to)
}

/// The report of everything a tracer holds.
pub fn report(tracer: &Tracer, joined: &BTreeMap<usize, Vec<Vec<String>>>) -> Report {
    let mut out = Report {
        stories: Vec::new(),
        claims: Vec::new(),
        clusters: Vec::new(),
        relations: Vec::new(),
        figures: Vec::new(),
        chains: Vec::new(),
        links: Vec::new(),
    };
    let mut claims_seen = std::collections::BTreeSet::new();
    for (i, p) in tracer.propositions().iter().enumerate() {
        let id = claim_id(tracer, i);
        if !claims_seen.insert(id.clone()) {
            continue;
        }
        let a = &tracer.articles()[p.claim.article];
        let Some(c) = a.claims.get(p.claim.claim) else {
            continue;
        };
        let figures = if p.kind == c.kind {
            c.figures.clone()
        } else {
            p.figures.clone()
        };
        out.claims.push(ClaimOut {
            id,
            file: a.key.clone(),
            story: format!("s{}", tracer.story_of(p.claim.article) + 1),
            // The sentence, unless the claim is one of several accounts in it with its own
            // words: then those words, so each can be told apart.
            quote: if shares_sentence(a, p.claim.claim) {
                c.quote.clone()
            } else {
                a.body[p.sentence.0..p.sentence.1].to_owned()
            },
            words: c.quote.clone(),
            kind: p.kind,
            figures,
            claimant: c.claimant.clone(),
            target: c.target.clone(),
            hedged: c.hedged,
        });
    }
    for s in (0..tracer.story_count()).filter(|&s| !tracer.is_merged(s)) {
        let t = tracer.story(s);
        let sid = format!("s{}", s + 1);
        let cid = |c: usize| format!("{sid}k{}", c + 1);
        out.stories.push(StoryOut {
            id: sid.clone(),
            articles: t
                .articles
                .iter()
                .map(|&a| tracer.articles()[a].key.clone())
                .collect(),
            joined_by: joined.get(&s).cloned().unwrap_or_default(),
        });
        for c in &t.clusters {
            let mut members: Vec<String> = Vec::new();
            for &m in &c.members {
                let id = claim_id(tracer, m);
                if !members.contains(&id) {
                    members.push(id);
                }
            }
            out.clusters.push(ClusterOut {
                id: cid(c.id),
                story: sid.clone(),
                kind: c.kind,
                members,
                first: claim_id(tracer, c.first),
                appearances: c
                    .appearances
                    .iter()
                    .map(|a| AppearanceOut {
                        claim: claim_id(tracer, a.proposition),
                        file: a.article.clone(),
                        outlet: a.outlet.clone(),
                        published: a.published.map(|d| d.format("%Y-%m-%dT%H:%M").to_string()),
                    })
                    .collect(),
            });
        }
        for r in &t.relations {
            out.relations.push(RelationOut {
                from: cid(r.from),
                to: cid(r.to),
                kind: r.kind.as_str(),
                prov: r.kind.prov_term(),
                reason: r.reason.clone(),
            });
        }
        for f in &t.figures {
            out.figures.push(SeriesOut {
                story: sid.clone(),
                category: f.category.clone(),
                series: f
                    .points
                    .iter()
                    .map(|p| PointOut {
                        claim: claim_id(tracer, p.proposition),
                        value: p.value,
                        qualifier: p.qualifier,
                        low: p.low,
                        high: p.high,
                        as_of: p.as_of,
                        outlet: p.outlet.clone(),
                        claimant: p.claimant.clone(),
                        rank: p.rank,
                        reason: p.reason.clone(),
                    })
                    .collect(),
            });
        }
        for ch in &t.chains {
            let claim = claim_id(tracer, ch.proposition);
            if !out.chains.iter().any(|c: &ChainOut| c.claim == claim) {
                out.chains.push(ChainOut {
                    claim,
                    chain: ch.tellers.clone(),
                });
            }
        }
    }
    for l in tracer.links() {
        out.links.push(LinkOut {
            from: claim_id(tracer, l.from),
            to: claim_id(tracer, l.to),
            level: l.level,
            score: (l.evidence.score * 1000.0).round() / 1000.0,
            figures: l.evidence.figures.clone(),
            actors: l.evidence.actors.clone(),
            words: l.evidence.words.clone(),
            conflicts: l.evidence.conflicts.clone(),
            headline: l.evidence.headline,
        });
    }
    out
}
