//! What crosses the wire between server and browser (never a database entity).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ClaimKind, Qualifier, Rating, ReviewStatus, Role, SourceKind, Stance, VerdictState};

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
    pub assignee_id: Option<Uuid>,
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
    /// Why each dismissed claim was dismissed (claim id, the reason as given).
    #[serde(default)]
    pub dismissals: Vec<(Uuid, String)>,
    /// The publication day as `YYYY-MM-DD` (what the details form edits).
    #[serde(default)]
    pub published_on: Option<String>,
    /// The details' version: a correction names it.
    #[serde(default)]
    pub version: i32,
    /// Every correction of the details, oldest first.
    #[serde(default)]
    pub details_history: Vec<super::DetailsVersion>,
    /// The story it is filed in; `None` while it is in none (filing failed and is retried).
    #[serde(default)]
    pub story: Option<super::StoryRef>,
}

/// What ingesting an article did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestOutcome {
    pub article_id: Uuid,
    /// True when the same body was already stored: nothing new was written.
    pub duplicate: bool,
    pub claim_count: u64,
    /// True when the article is in a story. False when filing it failed: it is stored with its
    /// claims, and is filed when a server next starts or the same text is submitted again.
    #[serde(default = "yes")]
    pub filed: bool,
}

fn yes() -> bool {
    true
}

/// The signed-in user as the pages see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// A user as others see them in the review screens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRef {
    pub id: Uuid,
    pub name: String,
}

/// One piece of evidence attached to a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceView {
    pub id: Uuid,
    pub claim_id: Uuid,
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    /// `YYYY-MM-DD`.
    pub published_on: Option<String>,
    pub accessed_at: String,
    pub excerpt: String,
    pub stance: Stance,
    pub kind: SourceKind,
    /// The SHA-256 of the archived copy, if one was kept.
    pub archived_sha256: Option<String>,
    pub archived_chars: usize,
    /// The start of the archived copy, for a glance; the whole copy has its own page.
    pub archived_preview: Option<String>,
    pub added_by: Option<String>,
    pub version: i32,
}

/// A source as its form sends it (fields named `source[url]`, `source[title]`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceForm {
    pub url: String,
    pub title: String,
    pub publisher: String,
    /// `YYYY-MM-DD`, or empty.
    pub published_on: String,
    pub excerpt: String,
    pub stance: String,
    pub kind: String,
    /// The source's text, pasted; empty keeps the archived copy.
    pub archived_text: String,
}

/// A source as a verdict weighed it: a copy taken when the verdict was proposed, so later edits
/// to the source never change what a decision rested on, nor what a published fact-check shows
/// (its page reads this copy; the archived text is kept by its SHA-256). The fields after
/// `archived_sha256` were added later: verdicts proposed before lack them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub source_id: Uuid,
    pub url: String,
    pub title: String,
    pub stance: Stance,
    pub archived_sha256: Option<String>,
    #[serde(default)]
    pub kind: Option<SourceKind>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub published_on: Option<String>,
    #[serde(default)]
    pub excerpt: Option<String>,
    #[serde(default)]
    pub accessed_at: Option<String>,
    #[serde(default)]
    pub archived_chars: Option<usize>,
}

/// A verdict with its whole life: proposal, decision, supersession, retraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerdictView {
    pub id: Uuid,
    pub claim_id: Uuid,
    pub rating: Rating,
    /// The rationale as written (Markdown).
    pub rationale: String,
    /// The rationale rendered and sanitised: safe to insert as HTML.
    pub rationale_html: String,
    pub state: VerdictState,
    pub proposed_by: UserRef,
    pub proposed_at: String,
    pub decided_by: Option<UserRef>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    pub supersedes: Option<Uuid>,
    pub evidence: Vec<EvidenceRef>,
    pub retracted_at: Option<String>,
    pub retracted_by: Option<UserRef>,
    pub retraction_note: Option<String>,
}

/// A reviewers' discussion message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: Uuid,
    pub author: UserRef,
    pub body: String,
    pub created_at: String,
}

/// One line of a claim's history, from the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    /// What changed, in words ("rating: false → mostly false").
    pub summary: String,
}

/// Where a claim first appeared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub id: Uuid,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<String>,
    pub ingested_at: String,
}

/// Everything about one claim a reviewer works with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimWorkspace {
    pub claim: ClaimView,
    pub article: ArticleRef,
    pub assignee: Option<UserRef>,
    pub sources: Vec<SourceView>,
    /// Newest first.
    pub verdicts: Vec<VerdictView>,
    /// Oldest first.
    pub comments: Vec<CommentView>,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
    /// The claim's story, clusters, relations and chain, once its article is filed.
    pub provenance: Option<super::ClaimProvenance>,
    /// The public fact-check's address, once the claim is published.
    #[serde(default)]
    pub public_path: Option<String>,
}

/// How the review queue is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Most check-worthy first.
    #[default]
    Checkworthiness,
    /// Longest waiting first.
    Oldest,
}

/// What the review queue shows. Every field is optional, so the filter is a plain query string.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// One status; none means every status that waits for someone.
    pub status: Option<ReviewStatus>,
    pub kind: Option<ClaimKind>,
    pub article: Option<Uuid>,
    /// `me`, `none`, or a user id.
    pub assignee: Option<String>,
    /// Words the quote contains.
    pub q: Option<String>,
    pub sort: QueueSort,
    /// Only claims with a likely prior fact-check that no reviewer dismissed.
    pub prior: bool,
    /// One row per claim cluster: a claim that repeats an earlier one (linked automatically or
    /// confirmed by a reviewer) is folded into it, and the earlier one says how many repeat it.
    pub grouped: bool,
    /// The keyset cursor of the page to show: where the previous page ended.
    pub after: Option<String>,
}

/// One claim in the queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub claim: ClaimView,
    pub article_title: String,
    pub assignee: Option<UserRef>,
    pub waiting_since: String,
    /// A known fact-check likely checked this claim before (and no reviewer dismissed it).
    pub likely_prior: bool,
    /// How many other claims (in other reports) assert what this one does: its cluster.
    #[serde(default)]
    pub repeated_by: u32,
}

/// A page of the queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    /// How many claims match the filter.
    pub total: u64,
    /// `total` counts the repeats a grouped queue folds away (it is then the tallied count).
    #[serde(default)]
    pub total_includes_repeats: bool,
    /// How many claims wait for someone, whatever the filter.
    pub waiting: u64,
}

/// How long an invitation link works.
pub const INVITE_VALID_DAYS: i64 = 7;

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InviteState {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

impl InviteState {
    pub fn label(self) -> &'static str {
        match self {
            InviteState::Pending => "Pending",
            InviteState::Accepted => "Accepted",
            InviteState::Expired => "Expired",
            InviteState::Revoked => "Revoked",
        }
    }
}

/// An invitation as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteView {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub invited_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub state: InviteState,
}

/// A new invitation and its one-time link, shown to the admin once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCreated {
    pub invite: InviteView,
    pub link: String,
}

/// What the invitee sees before choosing a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteInfo {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub invited_by: String,
    pub expires_at: String,
}

/// An account as the user administration sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
}

/// Where an API token stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn label(self) -> &'static str {
        match self {
            TokenState::Active => "Active",
            TokenState::Expired => "Expired",
            TokenState::Revoked => "Revoked",
        }
    }
}

/// An API token as its owner and admins see it (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: Uuid,
    pub name: String,
    /// The owner's email.
    pub owner: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: String,
    pub state: TokenState,
}
