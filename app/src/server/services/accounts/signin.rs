//! Throttling of sign-ins, per account, per account from one address, and per address. Every
//! attempt is counted *before* its password is checked, in one atomic statement per counter, so
//! parallel attempts cannot all slip under the limit (40 parallel wrong passwords were once all
//! checked against a limit of 5): an attempt counts as a failure until it succeeds.
//!
//! Within `WINDOW`, one address may try one account `PER_ACCOUNT_FROM_ADDRESS` times, and try
//! `PER_ADDRESS` times in all; an account may be tried `PER_ACCOUNT` times from all addresses
//! together. Further attempts are refused without checking the password until the window has
//! passed. The per-account-and-address limit is the one a guesser meets: it locks the guesser
//! out, not the account's owner signing in from elsewhere (a lock on the account alone, from any
//! address, let anyone who knew a staff address keep that person locked out). The account's own
//! limit, five times higher, still stops a guesser spread over many addresses. An attempt
//! refused by one limit is not counted against the next (addresses, then the account from this
//! address, then the account), so a guesser refused at their own address uses up nothing of the
//! owner's.
//!
//! A successful sign-in clears the account's count and this address's count for it, and gives
//! its place back to the address; an admin's password reset clears every count for the
//! account. The counters live in the database, so several servers share them. Each attempt is
//! also kept for a day in `login_attempt`, for investigation.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sea_orm::{DbBackend, Statement, Value};
use uuid::Uuid;

use crate::server::entities::login_attempt;
use crate::server::services::{ServiceError, now};

pub const WINDOW: Duration = Duration::minutes(15);
pub const PER_ACCOUNT_FROM_ADDRESS: i64 = 5;
pub const PER_ACCOUNT: i64 = 5 * PER_ACCOUNT_FROM_ADDRESS;
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

/// The counter of one account's attempts from one address: the account's key, then a digest
/// of the address (so the key fits its 300 characters whatever the email's length), so an
/// account's counters all begin with its own key.
fn account_from_address_key(email: &str, address: &str) -> String {
    let address: String = address.chars().take(64).collect();
    let digest = crate::server::services::sha256_hex(address.as_bytes());
    format!("{} from:{}", account_key(email), &digest[..16])
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

/// Counts an attempt before its password is checked, refusing it when the address, the account
/// from this address, or the account has had too many lately.
///
/// # Errors
/// `TooMany` saying which limit and when to try again (the answer carries `Retry-After`); `Db`.
pub async fn begin<C: ConnectionTrait>(
    db: &C,
    email: &str,
    address: &str,
) -> Result<Attempt, ServiceError> {
    let t = now();
    let limits = [
        (address_key(address), PER_ADDRESS, Refusal::Address),
        (
            account_from_address_key(email, address),
            PER_ACCOUNT_FROM_ADDRESS,
            Refusal::Account,
        ),
        (account_key(email), PER_ACCOUNT, Refusal::Account),
    ];
    for (key, limit, refusal) in &limits {
        let (count, since) = bump(db, key, t).await?;
        if count > *limit {
            // Refused here: what this attempt counted so far stays counted (it was an attempt
            // from that address), and the later counters are left alone.
            record(db, email, address, false).await?;
            let seconds = (since + WINDOW - t).num_seconds().max(1);
            return Err(ServiceError::TooMany {
                message: refusal.message((seconds + 59) / 60),
                retry_after: u64::try_from(seconds).unwrap_or(1),
            });
        }
    }
    Ok(Attempt {
        email: email.to_owned(),
        address: address.to_owned(),
    })
}

/// Which limit refused a sign-in, for the person reading the refusal.
#[derive(Clone, Copy)]
enum Refusal {
    Address,
    Account,
}

impl Refusal {
    fn message(self, minutes: i64) -> String {
        match self {
            // Someone else on the same network may have caused it: an admin's reset of this
            // person's password would not help.
            Refusal::Address => format!(
                "Too many sign-in attempts from your network. Wait {minutes} minutes and try again."
            ),
            Refusal::Account => format!(
                "Too many failed sign-ins to this account. Wait {minutes} minutes and try again, or ask an admin to reset the password."
            ),
        }
    }
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
        forget(db, &account_key(&attempt.email)).await?;
        forget(
            db,
            &account_from_address_key(&attempt.email, &attempt.address),
        )
        .await?;
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
    take_back(
        db,
        &account_from_address_key(&attempt.email, &attempt.address),
    )
    .await?;
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

/// Forgets an account's failed attempts from every address (an admin's password reset).
///
/// # Errors
/// `Db`.
pub async fn clear_account<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), ServiceError> {
    let key = account_key(email);
    let from_addresses = format!("{key} from:");
    let backend = db.get_database_backend();
    // Compared by its beginning with `substr`, not `LIKE`: an email may hold `_` or `%`.
    let sql = match backend {
        DbBackend::Postgres => {
            "DELETE FROM signin_counter WHERE key = $1 OR substr(key, 1, $2) = $3"
        }
        _ => "DELETE FROM signin_counter WHERE key = ?1 OR substr(key, 1, ?2) = ?3",
    };
    let prefix_chars = i32::try_from(from_addresses.chars().count()).unwrap_or(i32::MAX);
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            Value::from(key),
            Value::from(prefix_chars),
            Value::from(from_addresses),
        ],
    ))
    .await?;
    Ok(())
}

/// Forgets one counter.
async fn forget<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), ServiceError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM signin_counter WHERE key = $1",
        _ => "DELETE FROM signin_counter WHERE key = ?1",
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [Value::from(key)],
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
