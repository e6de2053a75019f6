//! What the pages, the API and the export show of provenance across articles: stories, the
//! clusters of claims that assert one proposition (with where each appeared first), the typed
//! relations between clusters, figure timelines, chains of tellers and the links a reviewer
//! confirms or rejects. Derived by `services::provenance` from what is stored.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ArticleRef, ClaimKind, Qualifier, Rating, ReviewStatus, UnknownValue};
pub use crate::provenance::{Evidence, Rank, RelationType};

/// Where a stored link between two claims stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// The evidence was strong: clustered without review.
    Automatic,
    /// Weaker evidence, or a claim someone already reviewed: waiting for a reviewer.
    Suggested,
    /// A reviewer confirmed it: clustered.
    Confirmed,
    /// A reviewer rejected it: never clustered, never suggested again.
    Rejected,
}

impl LinkState {
    pub const ALL: &'static [LinkState] = &[
        LinkState::Automatic,
        LinkState::Suggested,
        LinkState::Confirmed,
        LinkState::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Automatic => "automatic",
            LinkState::Suggested => "suggested",
            LinkState::Confirmed => "confirmed",
            LinkState::Rejected => "rejected",
        }
    }

    /// Whether the two claims are clustered.
    pub fn clusters(self) -> bool {
        matches!(self, LinkState::Automatic | LinkState::Confirmed)
    }
}

impl fmt::Display for LinkState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LinkState {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LinkState::ALL
            .iter()
            .copied()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownValue {
                vocabulary: "LinkState",
                value: s.to_owned(),
            })
    }
}

/// The wire name of a relation type, and back.
pub fn relation_from_str(s: &str) -> Option<RelationType> {
    [
        RelationType::Updates,
        RelationType::Contradicts,
        RelationType::Denies,
        RelationType::Cites,
        RelationType::Supports,
    ]
    .into_iter()
    .find(|r| r.as_str() == s)
}

/// The wire name of a figure rank, and back.
pub fn rank_as_str(r: Rank) -> &'static str {
    match r {
        Rank::Preferred => "preferred",
        Rank::Normal => "normal",
        Rank::Deprecated => "deprecated",
    }
}

pub fn rank_from_str(s: &str) -> Option<Rank> {
    [Rank::Preferred, Rank::Normal, Rank::Deprecated]
        .into_iter()
        .find(|r| rank_as_str(*r) == s)
}

/// How a relation reads from one side: "updates" from its subject, "is updated by" from
/// its object.
pub fn relation_phrase(kind: RelationType, outgoing: bool) -> &'static str {
    match (kind, outgoing) {
        (RelationType::Updates, true) => "updates",
        (RelationType::Updates, false) => "is updated by",
        (RelationType::Contradicts, true) => "contradicts",
        (RelationType::Contradicts, false) => "is contradicted by",
        (RelationType::Denies, true) => "denies",
        (RelationType::Denies, false) => "is denied by",
        (RelationType::Cites, true) => "cites",
        (RelationType::Cites, false) => "is cited by",
        (RelationType::Supports, true) => "supports",
        (RelationType::Supports, false) => "is supported by",
    }
}

/// A story named for the pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryRef {
    /// Nil (and left out) on public pages, which address a story by its slug.
    #[serde(default, skip_serializing_if = "Uuid::is_nil")]
    pub id: Uuid,
    pub slug: String,
    pub title: String,
}

/// One line of the stories list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    pub story: StoryRef,
    pub articles: u64,
    /// Whether a claim in it is published (it then has a public page).
    pub public: bool,
    /// `YYYY-MM-DD` of its earliest and latest articles.
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub updated_at: String,
}

/// An article of a story and how it came to be in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryArticleView {
    pub article: ArticleRef,
    /// `new` (it started the story), `automatic` (it was close enough) or `editor`.
    pub method: String,
    pub similarity: f64,
    /// The terms it shared with the story when it joined.
    pub shared_terms: Vec<String>,
    /// Who moved it, for an editor's move.
    pub decided_by: Option<String>,
    /// `YYYY-MM-DD HH:MM` of its publication, when known.
    pub published: Option<String>,
}

/// A verdict in force on a cluster's representative claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactChecked {
    pub claim_id: Uuid,
    pub rating: Rating,
    /// The public page's slug.
    pub slug: String,
}

/// One appearance of a proposition: a claim in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppearanceView {
    pub claim_id: Uuid,
    pub article_id: Uuid,
    pub article_title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD HH:MM` of the article's publication, when known.
    pub published: Option<String>,
    /// `YYYY-MM-DD` of the article's publication, for machine-readable markup.
    pub published_on: Option<String>,
    /// The claim's words; `None` on public pages for a claim that is not published.
    pub quote: Option<String>,
    /// The claim's review status; `None` (and left out) on public pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReviewStatus>,
    /// The claim's public page, when it has one.
    pub slug: Option<String>,
}

/// Claims asserting the same proposition, earliest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    /// Index in the story's clusters (relations refer to it).
    pub index: usize,
    /// A stable name: the first appearance's claim and proposition (`{claim}/{prop}`).
    pub key: String,
    pub kind: ClaimKind,
    /// What is asserted: the kind, and for a count what is counted (`casualty:killed`).
    pub prop: String,
    /// The claim verdicts attach to: the one with a verdict in force, else the first appearance.
    pub representative: Uuid,
    /// The representative's words (public pages: only when it is published).
    pub quote: Option<String>,
    pub verdict: Option<FactChecked>,
    /// Every appearance, the first appearance first.
    pub appearances: Vec<AppearanceView>,
}

impl ClusterView {
    pub fn first(&self) -> Option<&AppearanceView> {
        self.appearances.first()
    }

    /// The cluster with only its first `n` appearances (copied; the rest left out).
    pub fn with_first_appearances(&self, n: usize) -> ClusterView {
        ClusterView {
            index: self.index,
            key: self.key.clone(),
            kind: self.kind,
            prop: self.prop.clone(),
            representative: self.representative,
            quote: self.quote.clone(),
            verdict: self.verdict.clone(),
            appearances: self.appearances.iter().take(n).cloned().collect(),
        }
    }
}

/// A typed relation between two clusters of a story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationView {
    pub from: usize,
    pub to: usize,
    pub kind: RelationType,
    /// The W3C PROV-O term it exports as, where PROV has one.
    pub prov: Option<String>,
    pub reason: String,
    /// Set by an editor rather than drawn by the tracer.
    pub overridden: bool,
}

/// One reported value of a count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigurePointView {
    pub claim_id: Uuid,
    pub article_id: Uuid,
    /// The cluster the value's claim is in.
    pub cluster: Option<usize>,
    pub value: f64,
    pub qualifier: Qualifier,
    /// The range's bounds, when the value is one end of a range.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub outlet: Option<String>,
    pub claimant: Option<String>,
    /// `YYYY-MM-DD` the value was reported (the article's publication).
    pub as_of: Option<String>,
    pub hedged: bool,
    pub rank: Rank,
    pub reason: String,
    /// The rank was set by an editor.
    pub overridden: bool,
}

/// The timeline of one counted thing, in publication order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureSeriesView {
    pub category: String,
    pub points: Vec<FigurePointView>,
}

#[cfg(test)]
impl AppearanceView {
    /// The `n`th report of a claim, in an outlet of its own, undated (for tests).
    pub(crate) fn numbered(n: usize) -> Self {
        AppearanceView {
            claim_id: Uuid::from_u128(n as u128 + 1),
            article_id: Uuid::from_u128(1000 + n as u128),
            article_title: format!("Report {n}"),
            outlet: Some(format!("Outlet {n}")),
            url: None,
            published: None,
            published_on: None,
            quote: Some(format!("words {n}")),
            status: None,
            slug: None,
        }
    }
}

#[cfg(test)]
impl FigurePointView {
    /// A reported value with nothing else known about it (for tests).
    pub(crate) fn bare(value: f64, qualifier: Qualifier, rank: Rank) -> Self {
        FigurePointView {
            claim_id: Uuid::nil(),
            article_id: Uuid::nil(),
            cluster: None,
            value,
            qualifier,
            low: None,
            high: None,
            outlet: None,
            claimant: None,
            as_of: None,
            hedged: false,
            rank,
            reason: String::new(),
            overridden: false,
        }
    }
}

impl FigureSeriesView {
    /// The preferred point, if one is.
    pub fn preferred(&self) -> Option<&FigurePointView> {
        self.points.iter().find(|p| p.rank == Rank::Preferred)
    }
}

/// Who told whom: the tellers of a claim, outermost first, original source last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainView {
    pub claim_id: Uuid,
    pub tellers: Vec<String>,
}

/// A link waiting for a reviewer: the later claim, the earlier one, and why they may assert
/// the same proposition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub id: Uuid,
    pub version: i32,
    pub from: AppearanceView,
    pub to: AppearanceView,
    pub prop: String,
    pub evidence: Evidence,
}

/// A story as the staff page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryPage {
    pub story: StoryRef,
    pub revision: i32,
    pub public: bool,
    /// Its articles in publication order.
    pub articles: Vec<StoryArticleView>,
    /// Clusters in order of first appearance.
    pub clusters: Vec<ClusterView>,
    pub relations: Vec<RelationView>,
    pub figures: Vec<FigureSeriesView>,
    pub chains: Vec<ChainView>,
    pub suggestions: Vec<SuggestionView>,
    /// Other stories an article can be moved to or this one merged into (the most recent).
    pub other_stories: Vec<StoryRef>,
}

/// What anyone may see of a story with a published claim: the published claims' clusters
/// (appearances by outlet, title and date), the relations between them, and the values their
/// appearances report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicStory {
    pub story: StoryRef,
    /// The canonical absolute address.
    pub url: String,
    pub clusters: Vec<ClusterView>,
    pub relations: Vec<RelationView>,
    pub figures: Vec<FigureSeriesView>,
    pub chains: Vec<ChainView>,
    pub organisation: String,
}

/// A relation seen from one claim: the other cluster and which way it points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRelation {
    pub kind: RelationType,
    pub prov: Option<String>,
    /// This claim's cluster is the relation's subject (`from`).
    pub outgoing: bool,
    pub reason: String,
    /// The other cluster's representative: its words (public pages: only when published),
    /// its verdict and its claim.
    pub other_quote: Option<String>,
    pub other_claim: Uuid,
    pub other_verdict: Option<FactChecked>,
    pub other_slug: Option<String>,
}

/// How many appearances a claim's page (the public fact-check and the staff workspace) lists
/// before offering the whole list: a claim carried by hundreds of outlets keeps a page a phone
/// can load, and `?appearances=all` lists every one.
pub const APPEARANCES_LISTED: usize = 20;

/// Where a claim stands in its story: for the claim workspace and the public claim page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimProvenance {
    pub story: StoryRef,
    /// The clusters the claim's propositions are in (one, or one per count it carries).
    pub clusters: Vec<ClusterView>,
    pub relations: Vec<ClaimRelation>,
    pub chain: Option<Vec<String>>,
    /// Links of this claim waiting for a reviewer (staff only).
    pub suggestions: Vec<SuggestionView>,
    /// Whether the story has a public page.
    pub story_public: bool,
}

impl ClaimProvenance {
    /// The verdict of the claim's cluster when another claim carries it.
    pub fn fact_checked_elsewhere(&self, claim: Uuid) -> Option<&FactChecked> {
        self.clusters
            .iter()
            .filter_map(|c| c.verdict.as_ref())
            .find(|v| v.claim_id != claim)
    }

    /// The appearances a claim's page lists, first appearance first: every one when the
    /// reader asked for all (`every`), else the first [`APPEARANCES_LISTED`]; with how many
    /// there are in all.
    pub fn listed_appearances(&self, every: bool) -> (Vec<AppearanceView>, usize) {
        let mut all = self.appearances();
        let total = all.len();
        if !every {
            all.truncate(APPEARANCES_LISTED);
        }
        (all, total)
    }

    /// Every appearance of the claim's propositions, first appearance first, each article once
    /// (a headline and its article's sentence saying the same thing are one appearance: the
    /// first claim of the article is kept).
    pub fn appearances(&self) -> Vec<AppearanceView> {
        let mut all: Vec<AppearanceView> = self
            .clusters
            .iter()
            .flat_map(|c| c.appearances.iter().cloned())
            .collect();
        all.sort_by_key(|a| (a.published.is_none(), a.published.clone()));
        let mut seen = std::collections::BTreeSet::new();
        all.retain(|a| seen.insert(a.article_id));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for l in LinkState::ALL {
            assert_eq!(l.as_str().parse::<LinkState>(), Ok(*l));
        }
        assert!("maybe".parse::<LinkState>().is_err());
        for r in [Rank::Preferred, Rank::Normal, Rank::Deprecated] {
            assert_eq!(rank_from_str(rank_as_str(r)), Some(r));
        }
        assert_eq!(relation_from_str("denies"), Some(RelationType::Denies));
        assert_eq!(relation_from_str("none"), None);
    }

    /// A claim carrying two counts, reported by 30 outlets (the first 25 carry both, so they
    /// are in both clusters), listed newest report first.
    fn widely_carried() -> ClaimProvenance {
        let dated = |n: usize| AppearanceView {
            published: Some(format!("2024-03-{:02} 09:00", n + 1)),
            ..AppearanceView::numbered(n)
        };
        let cluster = |index: usize, reports: std::ops::Range<usize>| ClusterView {
            index,
            key: format!("k{index}"),
            kind: ClaimKind::Casualty,
            prop: format!("casualty:{index}"),
            representative: Uuid::from_u128(1),
            quote: None,
            verdict: None,
            appearances: reports.rev().map(dated).collect(),
        };
        ClaimProvenance {
            story: StoryRef {
                id: Uuid::nil(),
                slug: "a-story".into(),
                title: "A story".into(),
            },
            clusters: vec![cluster(0, 0..25), cluster(1, 5..30)],
            relations: Vec::new(),
            chain: None,
            suggestions: Vec::new(),
            story_public: true,
        }
    }

    #[test]
    fn a_widely_carried_claim_lists_its_first_appearances_and_counts_them_all() {
        let p = widely_carried();
        let (listed, total) = p.listed_appearances(false);
        assert_eq!(total, 30, "each report once, though it is in both clusters");
        assert_eq!(listed.len(), APPEARANCES_LISTED);
        // The earliest reports, the first appearance first.
        let expected: Vec<Uuid> = (0..APPEARANCES_LISTED)
            .map(|n| AppearanceView::numbered(n).claim_id)
            .collect();
        assert_eq!(
            listed.iter().map(|a| a.claim_id).collect::<Vec<_>>(),
            expected
        );
        let (every, total) = p.listed_appearances(true);
        assert_eq!((every.len(), total), (30, 30));
        assert_eq!(every[..APPEARANCES_LISTED], listed[..]);
        // Another claim of the first report (its headline) is no second appearance.
        let mut p = p;
        let headline = AppearanceView {
            claim_id: Uuid::from_u128(9999),
            ..p.clusters[0].appearances[24].clone()
        };
        p.clusters[1].appearances.push(headline);
        let (listed, total) = p.listed_appearances(true);
        assert_eq!(total, 30);
        assert_eq!(listed[0].claim_id, AppearanceView::numbered(0).claim_id);
    }
}
