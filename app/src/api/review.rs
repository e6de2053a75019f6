//! The reviewer workflow, as `services::review`: curating claims, the queue, the claim
//! workspace, sources, verdicts and comments. Every function checks the caller's role first;
//! every write names the version it was made against.

pub mod comments;
pub mod curation;
pub mod queue;
pub mod sources;
pub mod verdicts;
pub mod workspace;
