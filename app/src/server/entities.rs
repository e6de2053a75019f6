//! sea-orm entities, one per table, in the shape sea-orm-cli generates. Domain behaviour lives in
//! `services`; entities never leave the server.

pub mod actor;
pub mod api_token;
pub mod archived_copy;
pub mod article;
pub mod audit_event;
pub mod claim;
pub mod comment;
pub mod invite;
pub mod login_attempt;
pub mod session;
pub mod source;
pub mod user;
pub mod verdict;
