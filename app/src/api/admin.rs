//! The dashboard and the audit trail, for editors and admins.

use leptos::prelude::*;

use crate::domain::{AuditFilter, AuditPage, ChainCheck, Dashboard};
use crate::error::AppError;

/// The newsroom at a glance.
#[server]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    Ok(services::dashboard::dashboard(&auth::state()?.db).await?)
}

/// A page of the audit trail.
#[server]
pub async fn audit_trail(filter: AuditFilter) -> Result<AuditPage, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    Ok(services::audit::page(&auth::state()?.db, &filter, 50).await?)
}

/// Recomputes the audit hash chain; the check itself is recorded in the trail.
#[server]
pub async fn verify_audit_chain() -> Result<ChainCheck, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    let db = &auth::state()?.db;
    let report = services::audit::verify_chain(db)
        .await
        .map_err(services::ServiceError::from)?;
    let txn = services::begin_write(db)
        .await
        .map_err(services::ServiceError::from)?;
    services::audit::record(
        &txn,
        &Who::user(&user),
        "audit.verify",
        "audit",
        user.id,
        None,
        Some(serde_json::json!({"events": report.events, "first_broken": report.first_broken})),
    )
    .await
    .map_err(services::ServiceError::from)?;
    txn.commit().await.map_err(services::ServiceError::from)?;
    Ok(ChainCheck {
        events: report.events,
        first_broken: report.first_broken,
    })
}

/// Articles with their review progress.
#[server]
pub async fn article_progress() -> Result<Vec<crate::domain::ArticleProgress>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    Ok(services::maintenance::progress(&auth::state()?.db, 200).await?)
}

/// Extracts an article's claims again, keeping every claim someone worked on.
#[server]
pub async fn rerun_extraction(id: uuid::Uuid) -> Result<(u64, u64), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::maintenance::rerun_extraction(&auth::state()?.db, id, &Who::user(&user)).await?)
}

/// Deletes an article that has no published claim.
#[server]
pub async fn delete_article(id: uuid::Uuid) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::maintenance::delete_article(&auth::state()?.db, id, &Who::user(&user)).await?)
}
