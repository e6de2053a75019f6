//! Curating claims from the article page. Each write names the version it was made against.

use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::domain::ClaimKind;
use crate::domain::ClaimView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn parse_kind(kind: &str) -> Result<ClaimKind, AppError> {
    kind.parse()
        .map_err(|_| AppError::invalid(format!("'{kind}' is not a claim kind")))
}

/// Corrects a claim's kind, claimant, target and hedging.
#[server]
pub async fn update_claim(
    id: Uuid,
    version: i32,
    kind: String,
    claimant: String,
    target: String,
    hedged: Option<String>,
) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who, review::curation::ClaimEdit};
    let user = auth::require(Role::Reviewer).await?;
    let edit = ClaimEdit {
        kind: parse_kind(&kind)?,
        claimant: Some(claimant),
        target: Some(target),
        hedged: hedged.is_some(),
    };
    Ok(
        services::review::curation::update(
            &auth::state()?.db,
            id,
            version,
            edit,
            &Who::user(&user),
        )
        .await?,
    )
}

/// Dismisses a claim that is not check-worthy; the reason is kept in the audit trail.
#[server]
pub async fn dismiss_claim(id: Uuid, version: i32, reason: String) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::review::curation::set_dismissed(
        &auth::state()?.db,
        id,
        version,
        true,
        &reason,
        &Who::user(&user),
    )
    .await?)
}

/// Brings a dismissed claim back into review.
#[server]
pub async fn restore_claim(id: Uuid, version: i32) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::review::curation::set_dismissed(
        &auth::state()?.db,
        id,
        version,
        false,
        "",
        &Who::user(&user),
    )
    .await?)
}

/// Adds a claim the extractor missed, from its exact words in the article.
#[server]
pub async fn add_claim(
    article_id: Uuid,
    quote: String,
    kind: String,
) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let kind = parse_kind(&kind)?;
    Ok(services::review::curation::add_from_quote(
        &auth::state()?.db,
        article_id,
        &quote,
        kind,
        &Who::user(&user),
    )
    .await?)
}

/// Replaces a claim's figures with the form's rows (`rows[N][value]`, `rows[N][qualifier]`,
/// `rows[N][category]`); a cleared row removes its figure.
#[server]
pub async fn set_claim_figures(
    id: Uuid,
    version: i32,
    #[server(default)] rows: Vec<crate::domain::FigureRow>,
) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::review::curation::set_figures(
        &auth::state()?.db,
        id,
        version,
        &rows,
        &Who::user(&user),
    )
    .await?)
}

/// Splits a claim in two before the given words.
#[server]
pub async fn split_claim(id: Uuid, version: i32, at: String) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let (first, _) =
        services::review::curation::split(&auth::state()?.db, id, version, &at, &Who::user(&user))
            .await?;
    Ok(first)
}

/// Merges a claim with the claim that follows it in the article.
#[server]
pub async fn merge_claim(id: Uuid, version: i32) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::review::curation::merge_with_next(
        &auth::state()?.db,
        id,
        version,
        &Who::user(&user),
    )
    .await?)
}
