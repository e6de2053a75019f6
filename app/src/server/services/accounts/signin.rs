//! Throttling of sign-ins, per account and per address. Every attempt is counted *before* its
//! password is checked, in one atomic statement per counter, so parallel attempts cannot all
//! slip under the limit (40 parallel wrong passwords were once all checked against a limit of
//! 5): an attempt counts as a failure until it succeeds. After `PER_ACCOUNT` attempts for one
//! email (or `PER_ADDRESS` from one address) within `WINDOW`, further attempts are refused
//! without checking the password until the window has passed. A successful sign-in clears the
//! account's count and gives its place back to the address; an admin's password reset clears
//! the account's count. The counters live in the database, so several servers share them.
//! Each attempt is also kept for a day in `login_attempt`, for investigation.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sea_orm::{DbBackend, Statement, Value};
use uuid::Uuid;

use crate::server::entities::login_attempt;
use crate::server::services::{ServiceError, now};

pub const WINDOW: Duration = Duration::minutes(15);
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 30;

/// A counted attempt, to be settled with `settle` once the password was checked.
#[derive(Clone, Debug)]
pub struct Attempt {
    email: String,
    address: String,
}

fn account_key(email: &str) -> String {
    format!(
        "account:{}",
        super::users::normalise_email(email)
            .chars()
            .take(254)
            .collect::<String>()
    )
}

fn address_key(address: &str) -> String {
    format!("address:{}", address.chars().take(64).collect::<String>())
}

/// Adds one to a counter (starting a new window if the last one has passed) and returns the
/// count in the current window and when that window started. One statement, so concurrent
/// attempts are serialised by the database (SQLite's write lock, PostgreSQL's row lock).
async fn bump<C: ConnectionTrait>(
    db: &C,
    key: &str,
    t: DateTime<Utc>,
) -> Result<(i64, DateTime<Utc>), ServiceError> {
    let backend = db.get_database_backend();
    let expired = t - WINDOW;
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO signin_counter (key, window_start, attempts) VALUES ($1, $2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               attempts = CASE WHEN signin_counter.window_start <= $3 THEN 1 ELSE signin_counter.attempts + 1 END, \
               window_start = CASE WHEN signin_counter.window_start <= $3 THEN $2 ELSE signin_counter.window_start END \
             RETURNING attempts, window_start"
        }
        _ => {
            "INSERT INTO signin_counter (key, window_start, attempts) VALUES (?1, ?2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
               attempts = CASE WHEN signin_counter.window_start <= ?3 THEN 1 ELSE signin_counter.attempts + 1 END, \
               window_start = CASE WHEN signin_counter.window_start <= ?3 THEN ?2 ELSE signin_counter.window_start END \
             RETURNING attempts, window_start"
        }
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [Value::from(key), Value::from(t), Value::from(expired)],
        ))
        .await?
        .ok_or_else(|| ServiceError::Internal("the sign-in counter returned no row".into()))?;
    let attempts: i32 = row.try_get("", "attempts")?;
    let start: DateTime<Utc> = row.try_get("", "window_start")?;
    Ok((i64::from(attempts), start))
}

/// Counts an attempt before its password is checked, refusing it when the account or the
/// address has had too many lately.
///
/// # Errors
/// `TooMany` saying when to try again (the answer carries `Retry-After`); `Db`.
pub async fn begin<C: ConnectionTrait>(
    db: &C,
    email: &str,
    address: &str,
) -> Result<Attempt, ServiceError> {
    let t = now();
    let (account, account_since) = bump(db, &account_key(email), t).await?;
    let (from_address, address_since) = bump(db, &address_key(address), t).await?;
    let over = |count: i64, limit: i64, since: DateTime<Utc>| {
        (count > limit).then(|| (since + WINDOW - t).num_seconds().max(1))
    };
    let wait = over(account, PER_ACCOUNT, account_since)
        .into_iter()
        .chain(over(from_address, PER_ADDRESS, address_since))
        .max();
    if let Some(seconds) = wait {
        record(db, email, address, false).await?;
        return Err(ServiceError::TooMany {
            message: format!(
                "Too many failed sign-ins. Wait {} minutes and try again, or ask an admin to reset the password.",
                (seconds + 59) / 60
            ),
            retry_after: u64::try_from(seconds).unwrap_or(1),
        });
    }
    Ok(Attempt {
        email: email.to_owned(),
        address: address.to_owned(),
    })
}

/// Settles a counted attempt: a success clears the account's count and gives the address its
/// place back; a failure stays counted. Either way the attempt is recorded.
///
/// # Errors
/// `Db`.
pub async fn settle<C: ConnectionTrait>(
    db: &C,
    attempt: Attempt,
    succeeded: bool,
) -> Result<(), ServiceError> {
    if succeeded {
        clear_account(db, &attempt.email).await?;
        take_back(db, &address_key(&attempt.address)).await?;
    }
    record(db, &attempt.email, &attempt.address, succeeded).await
}

/// Gives a counted attempt back whose password was never checked (the hashing pool was full
/// and the caller was told to retry): a busy server must not lock people out.
///
/// # Errors
/// `Db`.
pub async fn give_back<C: ConnectionTrait>(db: &C, attempt: Attempt) -> Result<(), ServiceError> {
    take_back(db, &account_key(&attempt.email)).await?;
    take_back(db, &address_key(&attempt.address)).await
}

/// Takes one attempt off a counter.
async fn take_back<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), ServiceError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE signin_counter SET attempts = attempts - 1 WHERE key = $1 AND attempts > 0"
        }
        _ => "UPDATE signin_counter SET attempts = attempts - 1 WHERE key = ?1 AND attempts > 0",
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [Value::from(key)],
    ))
    .await?;
    Ok(())
}

/// Forgets an account's failed attempts (a successful sign-in, an admin's password reset).
///
/// # Errors
/// `Db`.
pub async fn clear_account<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), ServiceError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM signin_counter WHERE key = $1",
        _ => "DELETE FROM signin_counter WHERE key = ?1",
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [Value::from(account_key(email))],
    ))
    .await?;
    Ok(())
}

/// Records an attempt, and forgets attempts and counters older than a day.
///
/// # Errors
/// `Db`.
async fn record<C: ConnectionTrait>(
    db: &C,
    email: &str,
    address: &str,
    succeeded: bool,
) -> Result<(), ServiceError> {
    let t = now();
    login_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(super::users::normalise_email(email)
            .chars()
            .take(255)
            .collect()),
        address: Set(address.chars().take(64).collect()),
        succeeded: Set(succeeded),
        created_at: Set(t),
    }
    .insert(db)
    .await?;
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::CreatedAt.lt(t - Duration::days(1)))
        .exec(db)
        .await?;
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM signin_counter WHERE window_start < $1",
        _ => "DELETE FROM signin_counter WHERE window_start < ?1",
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [Value::from(t - Duration::days(1))],
    ))
    .await?;
    Ok(())
}
