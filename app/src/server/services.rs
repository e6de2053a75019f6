//! The only code that touches sea-orm. Each service takes a connection (or a transaction),
//! persists what the domain decided, and writes its audit event in the same transaction.

pub mod accounts;
pub mod actors;
pub mod articles;
pub mod audit;
pub mod claim_record;
pub mod dashboard;
pub mod matching;
pub mod provenance;
pub mod publishing;
pub mod review;
pub mod search;
pub mod tallies;

/// PostgreSQL advisory lock keys, one per purpose, all here: a key used for two purposes makes
/// them wait on each other (a session-level lock held for hours would stall every transaction
/// asking for the same key).
pub mod lock_keys {
    /// Appending to the audit chain (transaction-level).
    pub const AUDIT_CHAIN: i64 = 727_274;
    /// The one server folding the tallies (session-level, held while it folds).
    pub const TALLY_FOLDER: i64 = 727_275;
    /// Servers starting on one database take turns migrating (session-level, briefly).
    pub const STARTUP: i64 = 727_276;
    /// Starting a new story (transaction-level).
    pub const NEW_STORY: i64 = 727_277;
}

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::DbErr;

use crate::error::AppError;

/// The current time at the precision both databases store (microseconds), so a value read back
/// equals the value written, which the audit hash chain relies on.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a deferred transaction that reads first and writes later fails with "database is
/// locked" when another writer got in between, instead of waiting its turn.
///
/// # Errors
/// `DbErr` if the transaction could not start.
pub async fn begin_write(
    db: &sea_orm::DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// How many values one `IN (…)` list binds: well under both databases' limits on bound values.
const IN_LIST: usize = 500;

/// The rows of `E` whose `column` holds one of `values`, read in batches (a large story or
/// match list holds more ids than one statement may bind).
///
/// # Errors
/// `DbErr`.
pub async fn find_in<E, C>(
    conn: &C,
    column: E::Column,
    values: &[uuid::Uuid],
) -> Result<Vec<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut out = Vec::with_capacity(values.len());
    for batch in values.chunks(IN_LIST) {
        out.extend(
            E::find()
                .filter(column.is_in(batch.iter().copied()))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// What a service call can fail with. Database details stay in the logs.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the role does not allow this")]
    Forbidden,
    /// The role allows it, but a rule forbids it here (approving one's own verdict).
    #[error("{0}")]
    Refused(String),
    /// Refused for now, with a message saying why and when to come back (seconds).
    #[error("{message}")]
    TooMany { message: String, retry_after: u64 },
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("internal error: {0}")]
    Internal(String),
}

/// A stored value that no longer names a known kind, status or role is corrupt data: internal.
impl From<crate::domain::UnknownValue> for ServiceError {
    fn from(e: crate::domain::UnknownValue) -> Self {
        ServiceError::Internal(e.to_string())
    }
}

/// A web address that is refused is the user's to correct.
impl From<crate::domain::addresses::AddressError> for ServiceError {
    fn from(e: crate::domain::addresses::AddressError) -> Self {
        ServiceError::Invalid(e.to_string())
    }
}

/// A full work pool: the caller is told to come back.
impl From<crate::server::work::Busy> for ServiceError {
    fn from(b: crate::server::work::Busy) -> Self {
        ServiceError::TooMany {
            message: format!(
                "The server is busy just now: try again in {} seconds.",
                b.retry_after
            ),
            retry_after: b.retry_after,
        }
    }
}

impl ServiceError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        ServiceError::Invalid(msg.into())
    }
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Invalid(m) => AppError::Invalid(m),
            ServiceError::NotFound(m) => AppError::NotFound(m),
            ServiceError::Conflict(m) => AppError::Conflict(m),
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::Refused(m) => AppError::Refused(m),
            ServiceError::TooMany {
                message,
                retry_after,
            } => {
                tracing::info!(%message, retry_after, "refused for now");
                AppError::TooMany {
                    message,
                    retry_after,
                }
            }
            ServiceError::Db(e) => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
            ServiceError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                AppError::Internal
            }
        }
    }
}

/// Who did something, for the audit trail: a user, or the system itself (demo data, the CLI).
#[derive(Clone, Debug)]
pub struct Who {
    pub user_id: Option<uuid::Uuid>,
    pub label: String,
}

impl Who {
    pub fn system(label: &str) -> Self {
        Who {
            user_id: None,
            label: label.to_owned(),
        }
    }

    pub fn user(u: &crate::domain::CurrentUser) -> Self {
        Who {
            user_id: Some(u.id),
            label: u.email.clone(),
        }
    }
}

/// The refusal of a list's page link (`?after=`) that the list did not make.
pub fn bad_page_link() -> ServiceError {
    ServiceError::invalid("That page link is not valid; start from the first page")
}

/// The SHA-256 of `data` as lower-case hex: article bodies, and the only form in which session
/// and API tokens are stored.
pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(data))
}

/// `bytes` random bytes from the operating system, as hex: session and API tokens.
pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// Formats a timestamp for the pages: ISO 8601 in UTC, to the minute.
pub fn display_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}
