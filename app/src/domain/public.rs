//! What anyone may see of a published fact-check: types of their own, holding public fields
//! only (never a status, a version, an assignee, a staff member's id or an editor's decision
//! note), for the page, its JSON, the API and the feed alike.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    ClaimKind, ClaimView, Figure, HistoryEntry, Rating, SourceKind, Stance, VerdictState,
    VerdictView,
};

/// The claim as readers see it: its words, kind, figures and actors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicClaimText {
    pub kind: ClaimKind,
    pub quote: String,
    /// The words just before and after the quote in its article.
    pub prefix: String,
    pub suffix: String,
    pub figures: Vec<Figure>,
    pub claimant: Option<String>,
    pub target: Option<String>,
    pub hedged: bool,
}

impl From<ClaimView> for PublicClaimText {
    fn from(c: ClaimView) -> Self {
        PublicClaimText {
            kind: c.kind,
            quote: c.quote,
            prefix: c.prefix,
            suffix: c.suffix,
            figures: c.figures,
            claimant: c.claimant,
            target: c.target,
            hedged: c.hedged,
        }
    }
}

/// Someone named on a public page: by the name they chose to show, nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPerson {
    pub name: String,
}

/// A verdict as readers see it: the rating, the rationale, who proposed and approved it and
/// when, and a retraction with its reason. The rationale is given rendered and sanitised only:
/// what the reviewer typed (an `<img onerror=…>` say) never reaches a reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicVerdict {
    pub rating: Rating,
    /// The rationale rendered from Markdown and sanitised: safe to insert as HTML.
    pub rationale_html: String,
    pub state: VerdictState,
    pub proposed_by: PublicPerson,
    pub decided_by: Option<PublicPerson>,
    pub decided_at: Option<String>,
    pub retracted_at: Option<String>,
    pub retraction_note: Option<String>,
}

impl From<&VerdictView> for PublicVerdict {
    fn from(v: &VerdictView) -> Self {
        PublicVerdict {
            rating: v.rating,
            rationale_html: v.rationale_html.clone(),
            state: v.state,
            proposed_by: PublicPerson {
                name: v.proposed_by.name.clone(),
            },
            decided_by: v.decided_by.as_ref().map(|d| PublicPerson {
                name: d.name.clone(),
            }),
            decided_at: v.decided_at.clone(),
            retracted_at: v.retracted_at.clone(),
            retraction_note: v.retraction_note.clone(),
        }
    }
}

/// Where a published claim appeared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicArticle {
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<String>,
}

/// A source a published verdict weighed, as the verdict weighed it (its copy taken at the
/// proposal; later edits of the source do not reach the public until an editor approves a
/// verdict weighing them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSource {
    pub id: Uuid,
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    pub published_on: Option<String>,
    pub excerpt: String,
    pub stance: Stance,
    pub kind: SourceKind,
    pub archived_sha256: Option<String>,
    pub archived_chars: usize,
}

/// The public page of a claim: the claim, its verdict, the evidence weighed, where it appeared
/// and what happened to it since.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicClaim {
    /// The canonical slug: readable words and the short id.
    pub slug: String,
    /// The canonical absolute address.
    pub url: String,
    pub claim: PublicClaimText,
    pub claimant_is_person: bool,
    pub article: PublicArticle,
    /// The verdict in force, or the retracted one.
    pub verdict: Option<PublicVerdict>,
    /// Earlier verdicts that a later one superseded, newest first.
    pub earlier: Vec<PublicVerdict>,
    pub sources: Vec<PublicSource>,
    pub history: Vec<HistoryEntry>,
    /// `YYYY-MM-DD` of the first publication.
    pub published_on: String,
    /// `YYYY-MM-DD` of the last change.
    pub modified_on: String,
    /// The organisation that publishes the fact-check (ClaimReview `author`, the page's site name).
    pub organisation: String,
    /// The fact-check as schema.org ClaimReview, built once by the service for the page, its
    /// JSON and the feed; `None` while no verdict is in force (a retracted fact-check carries
    /// no markup).
    pub claim_review: Option<serde_json::Value>,
    /// Where else the claim appeared (first appearance first) and how it relates to other
    /// published claims of its story: only what the public story shows.
    pub provenance: Option<super::ClaimProvenance>,
}

/// The filter of the published claims list; every field optional, as a query string.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicFilter {
    pub q: Option<String>,
    pub rating: Option<Rating>,
    pub kind: Option<ClaimKind>,
    /// An actor's name: claims by or about them.
    pub actor: Option<String>,
    pub after: Option<String>,
}

/// One published claim in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicListItem {
    pub slug: String,
    pub claim: PublicClaimText,
    pub rating: Option<Rating>,
    pub retracted: bool,
    pub published_on: String,
}

/// A page of published claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicList {
    pub items: Vec<PublicListItem>,
    pub next: Option<String>,
}
