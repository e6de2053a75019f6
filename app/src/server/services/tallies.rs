//! The counters the database keeps by trigger (migration 000009): claims by status and kind,
//! the waiting claims by the hour they were ingested, verdicts by state and rating. Each table
//! holds delta rows; a read sums them, so it is exact at any moment, and [`compact`] folds
//! them into one row per key so the sums stay small.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::{ServiceError, begin_write};
use crate::domain::{ClaimKind, Rating, ReviewStatus, VerdictState};

/// How many claims there are of each status and kind.
#[derive(Clone, Debug, Default)]
pub struct ClaimCounts(HashMap<(ReviewStatus, ClaimKind), u64>);

impl ClaimCounts {
    /// Claims whose status is one of `statuses` and, if given, of `kind`.
    pub fn count(&self, statuses: &[ReviewStatus], kind: Option<ClaimKind>) -> u64 {
        self.0
            .iter()
            .filter(|((s, k), _)| statuses.contains(s) && kind.is_none_or(|want| *k == want))
            .map(|(_, n)| n)
            .sum()
    }

    pub fn status(&self, status: ReviewStatus) -> u64 {
        self.count(&[status], None)
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

async fn sums<C: ConnectionTrait>(
    db: &C,
    sql: &str,
) -> Result<Vec<sea_orm::QueryResult>, ServiceError> {
    Ok(db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?)
}

/// Claims by status and kind, as of this moment (in the caller's transaction, if any).
///
/// # Errors
/// `Db`; `Internal` for a status or kind the application no longer knows.
pub async fn claims<C: ConnectionTrait>(db: &C) -> Result<ClaimCounts, ServiceError> {
    let rows = sums(
        db,
        "SELECT status, kind, CAST(SUM(n) AS BIGINT) AS n FROM claim_tally GROUP BY status, kind",
    )
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        let status: String = r.try_get("", "status")?;
        let kind: String = r.try_get("", "kind")?;
        let n: i64 = r.try_get("", "n")?;
        out.insert((status.parse()?, kind.parse()?), count(n));
    }
    Ok(ClaimCounts(out))
}

/// The waiting claims (new, in review, verdict proposed) by the hour they were ingested, in
/// hours since the epoch, oldest first; hours with none are left out.
///
/// # Errors
/// `Db`.
pub async fn backlog_hours<C: ConnectionTrait>(db: &C) -> Result<Vec<(i64, u64)>, ServiceError> {
    let rows = sums(
        db,
        "SELECT hour, CAST(SUM(n) AS BIGINT) AS n FROM backlog_tally GROUP BY hour \
         HAVING SUM(n) > 0 ORDER BY hour",
    )
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("", "hour")?, count(r.try_get("", "n")?))))
        .collect()
}

/// Verdicts by state and rating.
///
/// # Errors
/// `Db`; `Internal` for a state or rating the application no longer knows.
pub async fn verdicts<C: ConnectionTrait>(
    db: &C,
) -> Result<HashMap<(VerdictState, Rating), u64>, ServiceError> {
    let rows = sums(
        db,
        "SELECT state, rating, CAST(SUM(n) AS BIGINT) AS n FROM verdict_tally GROUP BY state, rating",
    )
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        let state: String = r.try_get("", "state")?;
        let rating: String = r.try_get("", "rating")?;
        out.insert(
            (state.parse()?, rating.parse()?),
            count(r.try_get("", "n")?),
        );
    }
    Ok(out)
}

const TABLES: [(&str, &str); 3] = [
    ("claim_tally", "status, kind"),
    ("backlog_tally", "hour"),
    ("verdict_tally", "state, rating"),
];

/// Folds each tally into one row per key (dropping keys that sum to zero). Safe to run at
/// any time and from several processes: on PostgreSQL each fold is one statement that only
/// moves committed rows; on SQLite it runs under the write lock.
///
/// # Errors
/// `Db`.
pub async fn compact(db: &DatabaseConnection) -> Result<(), ServiceError> {
    let backend = db.get_database_backend();
    let txn = begin_write(db).await?;
    for (table, keys) in TABLES {
        if backend == DbBackend::Postgres {
            txn.execute_raw(Statement::from_string(
                backend,
                format!(
                    "WITH gone AS (DELETE FROM {table} RETURNING {keys}, n) \
                     INSERT INTO {table} ({keys}, n) SELECT {keys}, SUM(n) FROM gone \
                     GROUP BY {keys} HAVING SUM(n) <> 0"
                ),
            ))
            .await?;
            continue;
        }
        // SQLite: the write lock is held from the transaction's start, so no row can arrive
        // between reading the highest id and deleting up to it.
        let last: Option<i64> = txn
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT MAX(id) AS id FROM {table}"),
            ))
            .await?
            .and_then(|r| r.try_get("", "id").ok());
        let Some(last) = last else { continue };
        for sql in [
            format!(
                "INSERT INTO {table} ({keys}, n) SELECT {keys}, SUM(n) FROM {table} \
                 WHERE id <= {last} GROUP BY {keys} HAVING SUM(n) <> 0"
            ),
            format!("DELETE FROM {table} WHERE id <= {last}"),
        ] {
            txn.execute_raw(Statement::from_string(backend, sql))
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The PostgreSQL advisory lock that elects the one server folding the tallies.
const FOLDER_LOCK: i64 = crate::server::services::lock_keys::TALLY_FOLDER;

/// Folds the tallies every `every`, on one server only when several share a PostgreSQL
/// database: the server holding a session-level advisory lock (on a connection it keeps) folds;
/// the others try to take the lock at each tick, so one takes over when the folder stops.
/// `folding` says whether this server folds now (shown by `/healthz`). SQLite has one server.
pub async fn run_folding(
    db: DatabaseConnection,
    every: std::time::Duration,
    folding: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use std::sync::atomic::Ordering;
    let mut every = tokio::time::interval(every);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The connection that holds the lock, while this server folds.
    let mut holder: Option<sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Postgres>> = None;
    loop {
        every.tick().await;
        if db.get_database_backend() == DbBackend::Postgres {
            holder = match holder.take() {
                // Still ours while the connection answers (a lost connection lost the lock).
                Some(mut conn) => {
                    match sea_orm::sqlx::query("SELECT 1").execute(&mut *conn).await {
                        Ok(_) => Some(conn),
                        Err(e) => {
                            tracing::warn!(error = %e, "lost the tally folding lock's connection");
                            // Closed, never handed back to the pool still holding the lock.
                            let _ = conn.close().await;
                            None
                        }
                    }
                }
                None => try_lead(&db).await,
            };
            folding.store(holder.is_some(), Ordering::Release);
            if holder.is_none() {
                continue;
            }
        } else {
            folding.store(true, Ordering::Release);
        }
        if let Err(e) = compact(&db).await {
            tracing::warn!(error = %e, "could not compact the dashboard tallies");
        }
    }
}

/// Takes the folding lock on a connection of its own, if no other server holds it.
async fn try_lead(
    db: &DatabaseConnection,
) -> Option<sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Postgres>> {
    let mut conn = match db.get_postgres_connection_pool().acquire().await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "no connection to take the tally folding lock");
            return None;
        }
    };
    let taken: Result<bool, _> = sea_orm::sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(FOLDER_LOCK)
        .fetch_one(&mut *conn)
        .await;
    match taken {
        Ok(true) => {
            tracing::info!("this server folds the dashboard tallies");
            // Kept out of the pool for good: the lock lives as long as this connection.
            Some(conn)
        }
        Ok(false) => None,
        Err(e) => {
            tracing::warn!(error = %e, "could not try the tally folding lock");
            None
        }
    }
}
