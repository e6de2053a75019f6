//! The review queue: one page of the claims waiting for someone.

use leptos::prelude::*;

use crate::domain::{QueueFilter, QueuePage};
use crate::error::AppError;

/// One page of the review queue.
#[server]
pub async fn review_queue(#[server(default)] filter: QueueFilter) -> Result<QueuePage, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::review::queue::page(&auth::state()?.db, &filter, user.id).await?)
}
