//! sea-orm entities, one per table, in the shape sea-orm-cli generates. Domain behaviour lives in
//! `services`; entities never leave the server.

pub mod actor;
pub mod api_token;
pub mod article;
pub mod audit_event;
pub mod claim;
pub mod claim_match;
pub mod comment;
pub mod imported_review;
pub mod invite;
pub mod login_attempt;
pub mod session;
pub mod source;
pub mod user;
pub mod verdict;
