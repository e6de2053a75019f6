//! "Already fact-checked": what the pages and the API show of known fact-checks (ours and
//! imported) matched to a claim or a text, and of an import.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Rating;

/// A reviewer's decision on an offered prior fact-check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchDecision {
    Suggested,
    /// "Same claim": the fact-check is linked as prior work and attached as evidence.
    Confirmed,
    /// Not the same claim.
    Dismissed,
}

impl MatchDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchDecision::Suggested => "suggested",
            MatchDecision::Confirmed => "confirmed",
            MatchDecision::Dismissed => "dismissed",
        }
    }

    /// The stored name read back; unknown names read as a suggestion.
    pub fn parse(s: &str) -> Self {
        match s {
            "confirmed" => MatchDecision::Confirmed,
            "dismissed" => MatchDecision::Dismissed,
            _ => MatchDecision::Suggested,
        }
    }
}

/// A known fact-check as a match shows it: as published, with whose it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownFactCheck {
    pub id: Uuid,
    /// Published here (a claim of ours), or imported from another organisation.
    pub ours: bool,
    pub url: String,
    pub claim_reviewed: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// As published.
    pub date_published: Option<String>,
    /// The verdict in the publisher's words.
    pub textual_rating: Option<String>,
    /// On our scale, where the words or number map to it.
    pub rating: Option<Rating>,
    pub language: Option<String>,
}

/// One ranked fact-check, with why it matched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriorCheck {
    pub fact_check: KnownFactCheck,
    /// 1-based.
    pub rank: usize,
    /// The re-ranker's score.
    pub score: f64,
    /// The query's words the fact-check shares (after stemming).
    pub shared_words: Vec<String>,
    /// Days from the claim to the fact-check; negative when the fact-check came first.
    pub days_after: Option<i32>,
    /// How alike the wording is, 0 to 1 (character n-gram cosine).
    pub wording: f64,
    pub decision: MatchDecision,
}

/// The prior fact-checks offered for a claim or text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriorChecks {
    /// Best first; decided ones that fell out of the top are kept at the end.
    pub items: Vec<PriorCheck>,
    /// The calibrated probability that the first item is a correct prior fact-check.
    pub probability: f64,
    /// At or above the suggestion threshold: "possibly already fact-checked".
    pub likely: bool,
    /// At or above the strong-match threshold.
    pub strong: bool,
    /// How many fact-checks were searched.
    pub searched: usize,
}

/// An item of an import that was not read, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedItem {
    pub at: String,
    pub reason: String,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// The import's id (its audit event names it).
    #[serde(default)]
    pub id: Uuid,
    /// `jsonld`, `html`, `google_api` or `csv`.
    pub format: String,
    /// Reviews found in the file, skipped ones included.
    pub read: usize,
    pub new: usize,
    pub updated: usize,
    /// Already stored as given.
    pub unchanged: usize,
    pub skipped: Vec<SkippedItem>,
    /// Reviews whose rating maps to our scale / whose rating does not (kept verbatim).
    pub rating_mapped: usize,
    pub rating_unmapped: usize,
    /// Claims waiting for review that were matched again against the new fact-checks.
    #[serde(default)]
    pub rematched: usize,
    /// Skipped items beyond those listed (the audit record keeps the first few reasons).
    #[serde(default)]
    pub skipped_unlisted: usize,
}

/// A page of imported fact-checks for the staff list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownFactCheckPage {
    pub items: Vec<KnownFactCheck>,
    pub total: u64,
    /// The cursor of the next page (newest first).
    pub next: Option<String>,
}
