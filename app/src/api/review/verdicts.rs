//! Verdicts under the two-person rule: a reviewer proposes, another editor approves or rejects;
//! an editor retracts a published fact-check.

use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::api::parse;
use crate::domain::VerdictView;
use crate::error::AppError;

/// Proposes a verdict: a rating, a rationale in Markdown, resting on the claim's sources.
#[server]
pub async fn propose_verdict(
    claim_id: Uuid,
    version: i32,
    rating: String,
    rationale: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let rating = parse("rating", &rating)?;
    Ok(services::review::verdicts::propose(
        &auth::state()?.db,
        claim_id,
        version,
        rating,
        &rationale,
        &Who::user(&user),
    )
    .await?)
}

/// Approves a proposed verdict, publishing the claim. Editors only, never the proposer.
#[server]
pub async fn approve_verdict(
    id: Uuid,
    version: i32,
    note: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::review::verdicts::approve(
        &auth::state()?.db,
        id,
        version,
        &note,
        &Who::user(&user),
    )
    .await?)
}

/// Rejects a proposed verdict with a reason, sending the claim back. Editors only.
#[server]
pub async fn reject_verdict(
    id: Uuid,
    version: i32,
    reason: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::review::verdicts::reject(
        &auth::state()?.db,
        id,
        version,
        &reason,
        &Who::user(&user),
    )
    .await?)
}

/// Retracts a published fact-check with a reason readers will see. Editors only.
#[server]
pub async fn retract_claim(
    claim_id: Uuid,
    version: i32,
    reason: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::review::verdicts::retract(
        &auth::state()?.db,
        claim_id,
        version,
        &reason,
        &Who::user(&user),
    )
    .await?)
}
