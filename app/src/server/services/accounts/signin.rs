//! Throttling of failed sign-ins, per account and per address: after `PER_ACCOUNT` failures for
//! one email (or `PER_ADDRESS` from one address) within `WINDOW`, further attempts are refused
//! without checking the password until the window has passed. A successful sign-in clears the
//! account's count. Attempts are kept for a day, for the throttle and for investigation.

use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::server::entities::login_attempt;
use crate::server::services::{ServiceError, now};

pub const WINDOW: Duration = Duration::minutes(15);
pub const PER_ACCOUNT: u64 = 5;
pub const PER_ADDRESS: u64 = 30;

/// Refuses the attempt if the account or the address has failed too often lately.
///
/// # Errors
/// `Invalid` saying when to try again; `Db`.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    email: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let since = now() - WINDOW;
    let email = super::users::normalise_email(email);
    let last_success = login_attempt::Entity::find()
        .filter(login_attempt::Column::Email.eq(&email))
        .filter(login_attempt::Column::Succeeded.eq(true))
        .filter(login_attempt::Column::CreatedAt.gte(since))
        .order_by_desc(login_attempt::Column::CreatedAt)
        .one(db)
        .await?
        .map_or(since, |a| a.created_at);
    let account_failures = failures(db, login_attempt::Column::Email, &email, last_success).await?;
    let address_failures = failures(db, login_attempt::Column::Address, address, since).await?;
    if account_failures >= PER_ACCOUNT || address_failures >= PER_ADDRESS {
        return Err(ServiceError::invalid(format!(
            "Too many failed sign-ins. Wait {} minutes and try again, or ask an admin to reset the password.",
            WINDOW.num_minutes()
        )));
    }
    Ok(())
}

async fn failures<C: ConnectionTrait>(
    db: &C,
    column: login_attempt::Column,
    value: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<u64, ServiceError> {
    Ok(login_attempt::Entity::find()
        .filter(column.eq(value))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::CreatedAt.gt(since))
        .count(db)
        .await?)
}

/// Records an attempt, and forgets attempts older than a day.
///
/// # Errors
/// `Db`.
pub async fn record<C: ConnectionTrait>(
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
    Ok(())
}
