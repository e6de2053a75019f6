//! The reviewers' discussion of a claim.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::CommentView;
use crate::error::AppError;

/// Adds a comment to a claim's discussion.
#[server]
pub async fn add_comment(claim_id: Uuid, body: String) -> Result<CommentView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(
        services::review::comments::add(&auth::state()?.db, claim_id, &body, &Who::user(&user))
            .await?,
    )
}
