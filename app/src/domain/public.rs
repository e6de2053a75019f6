//! What anyone may see of a published fact-check.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    ArticleRef, ClaimKind, ClaimView, HistoryEntry, Rating, SourceKind, Stance, VerdictView,
};

/// A source a published verdict weighed.
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
    pub claim: ClaimView,
    pub claimant_is_person: bool,
    pub article: ArticleRef,
    /// The verdict in force, or the retracted one.
    pub verdict: Option<VerdictView>,
    /// Earlier verdicts that a later one superseded, newest first.
    pub earlier: Vec<VerdictView>,
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
    pub claim: ClaimView,
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
