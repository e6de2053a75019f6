//! The claimtrail binary's library: configuration, the HTTP router and its middleware, the
//! operator commands and the demo data. `main.rs` only parses and dispatches.

pub mod cli;
pub mod config;
pub mod demo;
pub mod dump;
pub mod http;
pub mod matching;
pub mod serve;

pub use http::{router, router_with_jobs};
