//! Everything that runs only on the server: state, database, authentication, entities and services.

pub mod auth;
pub mod db;
pub mod documents;
pub mod entities;
pub mod markdown;
pub mod services;
pub mod state;
pub mod work;

pub use state::{AppState, Site};
