//! The review rules, pure and tested without a database: how a claim's status moves, the
//! two-person rule, which claims are public, and what a verdict must rest on. Services persist
//! what these rules decide; pages use the same rules to offer only what may be done.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Rating, ReviewStatus, VerdictState};

/// The two-person rule: whoever proposed a verdict never approves or rejects it; another
/// editor decides.
pub fn may_decide(proposer: Uuid, decider: Uuid) -> bool {
    proposer != decider
}

impl Rating {
    /// Whether a verdict with this rating must rest on at least one source: all but
    /// `Unproven`, which says the evidence is missing.
    pub fn needs_evidence(self) -> bool {
        self != Rating::Unproven
    }
}

impl VerdictState {
    /// The states of a verdict a public page stands on: the one in force, or the retracted one.
    pub const STANDING: &'static [VerdictState] =
        &[VerdictState::Approved, VerdictState::Retracted];

    /// Whether a public page stands on a verdict in this state.
    pub fn stands(self) -> bool {
        VerdictState::STANDING.contains(&self)
    }
}

/// Where a claim goes back to when its proposed verdict is rejected, from the states of its
/// earlier verdicts: published while one of them is approved, retracted if the only standing
/// one was retracted, otherwise back in review.
pub fn status_after_rejection(earlier: &[VerdictState]) -> ReviewStatus {
    if earlier.contains(&VerdictState::Approved) {
        ReviewStatus::Published
    } else if earlier.contains(&VerdictState::Retracted) {
        ReviewStatus::Retracted
    } else {
        ReviewStatus::InReview
    }
}

impl ReviewStatus {
    /// The statuses of claims that still wait for someone: the review queue.
    pub const AWAITING: &'static [ReviewStatus] = &[
        ReviewStatus::New,
        ReviewStatus::InReview,
        ReviewStatus::VerdictProposed,
    ];

    /// Whether a reviewer may still change the claim's text, kind, figures or actors.
    pub fn is_editable(self) -> bool {
        matches!(self, ReviewStatus::New | ReviewStatus::InReview)
    }

    /// The status a claim moves to when `event` happens, or why it cannot.
    ///
    /// # Errors
    /// `TransitionError` names the status and the refused event.
    pub fn apply(self, event: ReviewEvent) -> Result<ReviewStatus, TransitionError> {
        use ReviewEvent as E;
        use ReviewStatus as S;
        let next = match (self, event) {
            (S::New | S::InReview, E::StartReview) => S::InReview,
            (S::New | S::InReview, E::Dismiss) => S::Dismissed,
            (S::Dismissed, E::Restore) => S::New,
            (S::New | S::InReview, E::ProposeVerdict) => S::VerdictProposed,
            (S::VerdictProposed, E::RejectVerdict) => S::InReview,
            (S::VerdictProposed, E::ApproveVerdict) => S::Published,
            // A published claim can get a new verdict (which supersedes on approval) or be
            // retracted; a retracted one stays public with its notice until a new verdict.
            (S::Published | S::Retracted, E::ProposeVerdict) => S::VerdictProposed,
            (S::Published, E::Retract) => S::Retracted,
            (from, event) => return Err(TransitionError { from, event }),
        };
        Ok(next)
    }

    /// Whether a claim in this status keeps a public page once it has been published (has its
    /// public address): published, retracted (with its notice), or published with a newer
    /// verdict awaiting approval.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            ReviewStatus::Published | ReviewStatus::Retracted | ReviewStatus::VerdictProposed
        )
    }

    /// Whether evidence may be attached to the claim or corrected: anything but a dismissed claim.
    pub fn takes_evidence(self) -> bool {
        self != ReviewStatus::Dismissed
    }

    /// Whether a verdict may be proposed on the claim now.
    pub fn may_propose_verdict(self) -> bool {
        self.apply(ReviewEvent::ProposeVerdict).is_ok()
    }
}

/// Something that happens to a claim in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewEvent {
    StartReview,
    Dismiss,
    Restore,
    ProposeVerdict,
    RejectVerdict,
    ApproveVerdict,
    Retract,
}

/// A review event that the claim's current status does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a claim that is '{}' cannot take '{event:?}'", from.label())]
pub struct TransitionError {
    pub from: ReviewStatus,
    pub event: ReviewEvent,
}

impl TransitionError {
    /// What a reviewer or editor reads when a verdict step (proposing, deciding, retracting) is
    /// refused by the claim's status.
    pub fn verdict_refusal(&self) -> String {
        match (self.from, self.event) {
            (ReviewStatus::VerdictProposed, ReviewEvent::ProposeVerdict) => {
                "A verdict on this claim is already awaiting approval; an editor must decide on it first".to_owned()
            }
            (ReviewStatus::Dismissed, _) => "This claim is dismissed; restore it first".to_owned(),
            (s, ReviewEvent::Retract) => format!(
                "Only a published claim can be retracted; this one is '{}'",
                s.label()
            ),
            (s, _) => format!("This is not possible while the claim is '{}'", s.label()),
        }
    }
}

/// The reading the extractor gave one half of a split claim (code points `[start, end)` of
/// the article): the longest claim it found inside that half, if any. Found in the whole
/// article, it sees the sentences around (a speaker named after the quotation).
pub fn reading_within(
    found: &[super::ExtractedClaim],
    start: usize,
    end: usize,
) -> Option<&super::ExtractedClaim> {
    found
        .iter()
        .filter(|c| c.span.start >= start && c.span.end <= end && c.span.start < c.span.end)
        .max_by_key(|c| (c.span.end - c.span.start, std::cmp::Reverse(c.span.start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_half_takes_the_longest_claim_found_inside_it() {
        let claim = |start: usize, end: usize| crate::domain::ExtractedClaim {
            kind: crate::domain::ClaimKind::Statement,
            quote: String::new(),
            span: crate::domain::Span { start, end },
            prefix: String::new(),
            suffix: String::new(),
            figures: vec![],
            claimant: None,
            target: None,
            hedged: false,
            checkworthiness: 0.5,
        };
        let found = [claim(0, 100), claim(10, 20), claim(12, 40), claim(50, 60)];
        // The whole sentence is not inside either half; the longest inside is.
        assert_eq!(
            reading_within(&found, 10, 45).map(|c| c.span.start),
            Some(12)
        );
        assert_eq!(
            reading_within(&found, 45, 100).map(|c| c.span.start),
            Some(50)
        );
        assert!(reading_within(&found, 61, 100).is_none());
    }

    #[test]
    fn review_transitions_follow_the_two_person_flow() {
        let s = ReviewStatus::New.apply(ReviewEvent::ProposeVerdict);
        assert_eq!(s, Ok(ReviewStatus::VerdictProposed));
        assert_eq!(
            ReviewStatus::VerdictProposed.apply(ReviewEvent::ApproveVerdict),
            Ok(ReviewStatus::Published)
        );
        assert!(
            ReviewStatus::New
                .apply(ReviewEvent::ApproveVerdict)
                .is_err()
        );
        assert!(
            ReviewStatus::Dismissed
                .apply(ReviewEvent::ProposeVerdict)
                .is_err()
        );
        assert_eq!(
            ReviewStatus::Published.apply(ReviewEvent::Retract),
            Ok(ReviewStatus::Retracted)
        );
        assert_eq!(
            ReviewStatus::Retracted.apply(ReviewEvent::ProposeVerdict),
            Ok(ReviewStatus::VerdictProposed)
        );
        assert!(ReviewStatus::Retracted.apply(ReviewEvent::Retract).is_err());
        assert!(!ReviewStatus::Retracted.is_editable());
    }

    #[test]
    fn the_proposer_never_decides() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert!(may_decide(a, b));
        assert!(!may_decide(a, a));
    }

    #[test]
    fn published_claims_stay_public_until_dismissed() {
        let public: Vec<ReviewStatus> = ReviewStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_public())
            .collect();
        assert_eq!(
            public,
            [
                ReviewStatus::VerdictProposed,
                ReviewStatus::Published,
                ReviewStatus::Retracted
            ]
        );
    }

    #[test]
    fn proposals_follow_the_transitions() {
        for s in ReviewStatus::ALL {
            assert_eq!(
                s.may_propose_verdict(),
                s.apply(ReviewEvent::ProposeVerdict).is_ok()
            );
        }
        assert!(ReviewStatus::Retracted.may_propose_verdict());
        assert!(!ReviewStatus::VerdictProposed.may_propose_verdict());
        assert!(!ReviewStatus::Dismissed.takes_evidence());
        assert!(ReviewStatus::Published.takes_evidence());
    }

    #[test]
    fn only_unproven_rests_on_no_evidence() {
        let without: Vec<Rating> = Rating::ALL
            .iter()
            .copied()
            .filter(|r| !r.needs_evidence())
            .collect();
        assert_eq!(without, [Rating::Unproven]);
    }

    #[test]
    fn a_rejection_returns_the_claim_to_where_it_stood() {
        use VerdictState as V;
        assert_eq!(status_after_rejection(&[]), ReviewStatus::InReview);
        assert_eq!(
            status_after_rejection(&[V::Retracted, V::Approved]),
            ReviewStatus::Published
        );
        assert_eq!(
            status_after_rejection(&[V::Retracted]),
            ReviewStatus::Retracted
        );
        assert!(V::Approved.stands() && V::Retracted.stands());
        assert!(!V::Superseded.stands() && !V::Proposed.stands());
    }

    #[test]
    fn refusals_say_what_to_do() {
        let refusal = from_apply;
        assert!(
            refusal(ReviewStatus::VerdictProposed, ReviewEvent::ProposeVerdict)
                .contains("already awaiting approval")
        );
        assert!(
            refusal(ReviewStatus::Dismissed, ReviewEvent::ApproveVerdict).contains("restore it")
        );
        assert!(refusal(ReviewStatus::New, ReviewEvent::Retract).contains("'New'"));
    }

    fn from_apply(from: ReviewStatus, event: ReviewEvent) -> String {
        from.apply(event)
            .err()
            .map(|e| e.verdict_refusal())
            .unwrap_or_default()
    }
}
