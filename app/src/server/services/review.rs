//! The review workflow: curating what the extractor found, the queue of claims waiting for
//! someone, the workspace of one claim, its evidence, its verdicts under the two-person rule
//! (the rule itself is `domain::may_decide`), and the reviewers' discussion.

pub mod comments;
pub mod curation;
pub mod queue;
pub mod sources;
pub mod verdicts;
pub mod workspace;
