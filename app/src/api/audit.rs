//! The audit trail and its chain check, for editors and admins.

use leptos::prelude::*;

use crate::domain::{AuditFilter, AuditPage, ChainCheck};
use crate::error::AppError;

/// A page of the audit trail.
#[server]
pub async fn audit_trail(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    Ok(services::audit::page(&auth::state()?.db, &filter, 50).await?)
}

/// What the newest chain check found, and when (UTC, to the second), shown after a check.
#[server]
pub async fn last_chain_check() -> Result<Option<(ChainCheck, String)>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    let last = services::audit::last_check(&auth::state()?.db)
        .await
        .map_err(services::ServiceError::from)?;
    Ok(last.map(|(c, at)| (c, at.format("%Y-%m-%d %H:%M:%S UTC").to_string())))
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
    auth::back_with_notice("/admin/audit", &[("verified", "1")]);
    Ok(ChainCheck {
        events: report.events,
        first_broken: report.first_broken,
    })
}
