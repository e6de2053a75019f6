//! The claim workspace: everything about one claim a reviewer works with, and taking a claim
//! on ("assign to me").

use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use super::{comments, sources, verdicts};
use crate::domain::{ArticleRef, ClaimView, ClaimWorkspace, ReviewEvent, ReviewStatus};
use crate::server::entities::{article, claim};
use crate::server::services::accounts::users;
use crate::server::services::{ServiceError, Who, audit, claim_record, display_time};

/// The workspace of one claim.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn workspace<C: ConnectionTrait>(
    db: &C,
    claim_id: Uuid,
) -> Result<ClaimWorkspace, ServiceError> {
    let c = claim_record::view(db, claim_id).await?;
    let a = article::Entity::find_by_id(c.article_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The claim's article".into()))?;
    let assignee = match c.assignee_id {
        Some(id) => users::refs(db, [id]).await?.remove(&id),
        None => None,
    };
    let sources = sources::for_claim(db, claim_id).await?;
    let verdicts = verdicts::for_claim(db, claim_id).await?;
    let comments = comments::for_claim(db, claim_id).await?;
    let mut ids = vec![claim_id];
    ids.extend(sources::all_ids(db, claim_id).await?);
    ids.extend(verdicts.iter().map(|v| v.id));
    ids.extend(comments.iter().map(|c| c.id));
    // The article's ingestion is where the claim's history starts.
    ids.push(a.id);
    let history = audit::history(db, ids).await?;
    let provenance =
        crate::server::services::provenance::views::claim_provenance(db, claim_id, a.id, true)
            .await?;
    let public_path = if c.status.is_public() {
        claim::Entity::find_by_id(claim_id)
            .one(db)
            .await?
            .and_then(|m| m.slug)
            .map(|slug| format!("/claims/{slug}"))
    } else {
        None
    };
    Ok(ClaimWorkspace {
        article: ArticleRef {
            id: a.id,
            title: a.title,
            publisher: a.publisher,
            url: a.url,
            published_at: a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
            ingested_at: display_time(a.created_at),
        },
        claim: c,
        assignee,
        sources,
        verdicts,
        comments,
        history,
        provenance,
        public_path,
    })
}

/// Assigns a claim to `assignee` (or nobody). Taking a new claim on starts its review.
///
/// # Errors
/// `Invalid` for a dismissed or published claim; `Conflict` if it changed since `version`;
/// `NotFound`; `Db`.
pub async fn assign(
    db: &DatabaseConnection,
    claim_id: Uuid,
    version: i32,
    assignee: Option<Uuid>,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let current = claim_record::load(&txn, claim_id).await?;
    let status: ReviewStatus = current.status.parse()?;
    if matches!(status, ReviewStatus::Dismissed) {
        return Err(ServiceError::invalid(
            "This claim is dismissed; restore it before assigning it",
        ));
    }
    if let Some(id) = assignee
        && users::find_active(&txn, id).await?.is_none()
    {
        return Err(ServiceError::NotFound("That reviewer".into()));
    }
    let next = match (assignee, status.apply(ReviewEvent::StartReview)) {
        (Some(_), Ok(next)) => next,
        _ => status,
    };
    let names = users::refs(&txn, [current.assignee_id, assignee].into_iter().flatten()).await?;
    let name = |id: Option<Uuid>| id.and_then(|i| names.get(&i).map(|r| r.name.clone()));
    claim_record::write_versioned(&txn, claim_id, version, |u| {
        u.col_expr(claim::Column::AssigneeId, Expr::value(assignee))
            .col_expr(claim::Column::Status, Expr::value(next.as_str()))
    })
    .await?;
    audit::record(
        &txn,
        who,
        "claim.assign",
        "claim",
        claim_id,
        Some(json!({"assignee": name(current.assignee_id), "status": current.status})),
        Some(json!({"assignee": name(assignee), "status": next.as_str()})),
    )
    .await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, claim_id);
    claim_record::view(db, claim_id).await
}
