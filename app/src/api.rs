//! Server functions, grouped as the services they call (`accounts`, `articles`, `review`,
//! `publishing`, `provenance`, the dashboard and the audit trail): each checks access, then calls a service.

pub mod accounts;
pub mod articles;
pub mod audit;
pub mod dashboard;
pub mod matching;
pub mod provenance;
pub mod publishing;
pub mod review;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// A form field read as `T`, or an error naming what it should have been.
#[cfg(feature = "ssr")]
pub(crate) fn parse<T: std::str::FromStr>(what: &str, value: &str) -> Result<T, AppError> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(format!("'{value}' is not a valid {what}")))
}
