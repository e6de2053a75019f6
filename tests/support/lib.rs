//! Test support shared by the suites: a fresh database per test on SQLite or PostgreSQL, the real
//! router over it, the browser tests' harness, and the annotated-article scorer.

pub mod app;
pub mod browser;
pub mod eval;
pub mod generated;
pub mod testdb;
pub mod workflow;

pub use app::{
    PASSWORD, TestApp, form_body, json_request, multipart_form, upload_request, urlencode,
};
pub use testdb::TestDb;

/// A benchmark's setting from the environment (`CLAIMS=100000`), or `default` when it is unset
/// or not a number.
pub fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs one async test body against a fresh SQLite database and a fresh PostgreSQL database.
/// The PostgreSQL leg needs `PGHOST` (as `pg_virtualenv` sets) or `CLAIMTRAIL_TEST_PG_URL`.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::TestDb::sqlite().await;
                ($body)(db.clone()).await;
                db.drop_database().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::TestDb::postgres().await;
                ($body)(db.clone()).await;
                db.drop_database().await;
            }
        }
    };
}
