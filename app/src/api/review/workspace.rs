//! The claim workspace: everything about one claim, and taking it on.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::{ClaimView, ClaimWorkspace};
use crate::error::AppError;

/// Everything about one claim, for its workspace.
#[server]
pub async fn get_claim_workspace(id: Uuid) -> Result<ClaimWorkspace, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    Ok(services::review::workspace::workspace(&auth::state()?.db, id).await?)
}

/// Takes a claim on (`to` = `me`) or gives it back (`to` = `none`).
#[server]
pub async fn assign_claim(id: Uuid, version: i32, to: String) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let assignee = match to.as_str() {
        "me" => Some(user.id),
        "none" => None,
        _ => {
            return Err(AppError::invalid(
                "Assign the claim to yourself or to nobody",
            ));
        }
    };
    let claim = services::review::workspace::assign(
        &auth::state()?.db,
        id,
        version,
        assignee,
        &Who::user(&user),
    )
    .await?;
    if assignee.is_some() {
        auth::back_with_notice("/review", &[("assigned", &id.to_string())]);
    }
    Ok(claim)
}
