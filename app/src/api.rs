//! Server functions, by domain: each checks access, then calls a service.

pub mod admin;
pub mod articles;
pub mod auth;
pub mod claims;
pub mod public;
pub mod review;
pub mod users;
