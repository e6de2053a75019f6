//! What the admin dashboard shows.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ClaimKind, Rating, ReviewStatus};

/// One reviewer's proposals per week, oldest week first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerThroughput {
    pub name: String,
    pub weeks: Vec<u64>,
}

/// The newsroom at a glance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub by_status: Vec<(ReviewStatus, u64)>,
    /// Claims waiting for someone.
    pub backlog: u64,
    pub published_this_week: u64,
    pub backlog_median_hours: Option<f64>,
    pub backlog_p90_hours: Option<f64>,
    /// From ingestion to first publication, over the latest thousand publications of the
    /// last 90 days.
    pub median_hours_to_publish: Option<f64>,
    /// Verdicts in force, by rating.
    pub verdicts: Vec<(Rating, u64)>,
    /// Claims not dismissed, by kind.
    pub kinds: Vec<(ClaimKind, u64)>,
    pub throughput: Vec<ReviewerThroughput>,
    pub weeks: usize,
    /// Proposals of the last weeks that editors rejected, of those decided.
    pub rejected: u64,
    pub decided: u64,
    /// Cohen's kappa over pairs of ratings of one claim by two people, and how many pairs.
    pub kappa: Option<f64>,
    pub kappa_pairs: u64,
}

/// An article with how far its review has come.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleProgress {
    pub summary: super::ArticleSummary,
    /// Claims waiting for someone.
    pub awaiting: u64,
    /// Published or retracted (public).
    pub published: u64,
    pub dismissed: u64,
}

/// One event of the audit trail, as the audit view lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    pub summary: String,
}

/// The audit view's filter; every field optional, as a query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Part of the actor's label (email, or "demo", "cli …").
    pub actor: Option<String>,
    /// `claim`, `source`, `verdict`, `user`, …
    pub entity: Option<String>,
    /// An action's prefix: `verdict` or `verdict.approve`.
    pub action: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Show events before this sequence number (the next page).
    pub before: Option<i64>,
}

/// A page of the audit trail, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub next: Option<i64>,
}

/// What verifying the audit chain found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCheck {
    pub events: u64,
    pub first_broken: Option<i64>,
}
