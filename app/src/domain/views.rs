//! What crosses the wire between server and browser (never a database entity).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ClaimKind, Qualifier, ReviewStatus, Role};

/// A number a claim asserts, with how it is qualified and what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Whole numbers are written as JSON integers, so "137" reads back as 137, not 137.0.
    #[serde(with = "whole_number")]
    pub value: f64,
    pub qualifier: Qualifier,
    /// What is counted: `killed`, `injured`, `arrested`, `perpetrators`, a unit such as `hours`, or the counted noun.
    pub category: String,
    /// The words of the article the figure was read from.
    pub text: String,
}

mod whole_number {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        // Exact below 2^53, where every whole f64 is an integer that i64 holds.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(*v as i64)
        } else {
            s.serialize_f64(*v)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        f64::deserialize(d)
    }
}

/// An actor as a claim names it: who asserts it, or who is blamed or denied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A `[start, end)` range of Unicode code points in an article body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A claim as the extractor found it, before anything is stored: the stable JSON of
/// `claimtrail extract --json` and `POST /api/v1/extract`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    pub kind: ClaimKind,
    pub quote: String,
    pub span: Span,
    pub prefix: String,
    pub suffix: String,
    pub figures: Vec<Figure>,
    pub claimant: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub hedged: bool,
    pub checkworthiness: f64,
}

/// One line of the article list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: Uuid,
    pub title: String,
    pub publisher: Option<String>,
    pub published_at: Option<String>,
    pub claim_count: u64,
    pub ingested_at: String,
}

/// A claim as reviewers and readers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    pub id: Uuid,
    pub article_id: Uuid,
    pub kind: ClaimKind,
    pub quote: String,
    pub span: Span,
    pub prefix: String,
    pub suffix: String,
    pub figures: Vec<Figure>,
    pub claimant: Option<String>,
    pub target: Option<String>,
    pub hedged: bool,
    pub checkworthiness: f64,
    pub status: ReviewStatus,
    pub version: i32,
}

/// An article with its claims, for the article page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: Uuid,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub section: Option<String>,
    pub published_at: Option<String>,
    pub image_url: Option<String>,
    pub body: String,
    pub body_sha256: String,
    pub ingested_at: String,
    pub claims: Vec<ClaimView>,
}

/// What ingesting an article did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestOutcome {
    pub article_id: Uuid,
    /// True when the same body was already stored: nothing new was written.
    pub duplicate: bool,
    pub claim_count: u64,
}

/// The signed-in user as the pages see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}
