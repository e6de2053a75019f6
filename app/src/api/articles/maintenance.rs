//! Looking after articles, for editors: review progress, correcting an article's details,
//! extracting again, deleting.

use leptos::prelude::*;

use crate::error::AppError;

/// Articles with their review progress.
#[server]
pub async fn article_progress() -> Result<Vec<crate::domain::ArticleProgress>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    Ok(services::articles::maintenance::progress(&auth::state()?.db, 200).await?)
}

/// Corrects an article's details (title, publisher, address, byline, publication day),
/// against the version the editor saw; audited, and shown in the public history of the
/// article's published claims.
#[server]
pub async fn correct_article_details(
    id: uuid::Uuid,
    version: i32,
    details: crate::domain::DetailsForm,
) -> Result<bool, AppError> {
    use crate::domain::{Role, check_details, check_reason};
    use crate::server::auth;
    use crate::server::services::{self, Who, articles};
    let user = auth::require(Role::Editor).await?;
    let checked = check_details(&(&details).into(), true, articles::details::today())
        .map_err(AppError::Invalid)?;
    let reason = check_reason(&details.reason).map_err(AppError::Invalid)?;
    Ok(services::articles::details::correct(
        &auth::state()?.db,
        id,
        version,
        checked,
        reason,
        &Who::user(&user),
    )
    .await?)
}

/// Extracts an article's claims again, keeping every claim someone worked on.
#[server]
pub async fn rerun_extraction(id: uuid::Uuid) -> Result<(u64, u64), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    let st = auth::state()?;
    let counts =
        services::articles::maintenance::rerun_extraction(&st.db, id, &Who::user(&user)).await?;
    // New claims are matched against the known fact-checks like freshly ingested ones.
    services::matching::priors::after_ingest(&st.db, &st.matcher, id).await;
    let (removed, added) = counts;
    auth::back_with_notice(
        "/admin/articles",
        &[
            ("rerun", &id.to_string()),
            ("added", &added.to_string()),
            ("removed", &removed.to_string()),
        ],
    );
    Ok(counts)
}

/// Deletes an article that has no published claim.
#[server]
pub async fn delete_article(id: uuid::Uuid) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(
        services::articles::maintenance::delete_article(&auth::state()?.db, id, &Who::user(&user))
            .await?,
    )
}
