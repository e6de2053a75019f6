//! sea-orm entities, one per table, in the shape sea-orm-cli generates. Domain behaviour lives in
//! `services`; entities never leave the server.

pub mod actor;
pub mod api_token;
pub mod archived_copy;
pub mod article;
pub mod audit_event;
pub mod claim;
pub mod claim_chain;
pub mod claim_link;
pub mod claim_match;
pub mod comment;
pub mod figure_rank_override;
pub mod imported_review;
pub mod invite;
pub mod login_attempt;
pub mod relation_override;
pub mod session;
pub mod source;
pub mod story;
pub mod story_article;
pub mod story_term;
pub mod user;
pub mod verdict;

/// The version a row read from a dump made before its version column existed starts at (a
/// serde default for such columns).
fn first_version() -> i32 {
    1
}
