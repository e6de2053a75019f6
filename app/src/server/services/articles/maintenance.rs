//! Looking after articles: their review progress, extracting their claims again (after the
//! extractor improved) without touching anything a person worked on, and deleting an article
//! that never had a claim published. Both writes are audited with what they removed.

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::{ArticleProgress, ReviewStatus};
use crate::reading;
use crate::server::entities::{article, claim, comment, source, verdict};
use crate::server::services::{ServiceError, Who, audit, claim_record, now, search};

/// The newest articles with how far their review has come.
///
/// # Errors
/// `Db`.
pub async fn progress<C: ConnectionTrait>(
    db: &C,
    limit: u64,
) -> Result<Vec<ArticleProgress>, ServiceError> {
    let list = super::list(db, limit).await?;
    let ids: Vec<Uuid> = list.iter().map(|a| a.id).collect();
    let counts: Vec<(Uuid, String, i64)> = claim::Entity::find()
        .select_only()
        .column(claim::Column::ArticleId)
        .column(claim::Column::Status)
        .column_as(claim::Column::Id.count(), "n")
        .filter(claim::Column::ArticleId.is_in(ids))
        .group_by(claim::Column::ArticleId)
        .group_by(claim::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut by: HashMap<(Uuid, String), u64> = HashMap::new();
    for (a, s, n) in counts {
        by.insert((a, s), u64::try_from(n).unwrap_or(0));
    }
    let get = |a: Uuid, s: ReviewStatus| by.get(&(a, s.as_str().to_owned())).copied().unwrap_or(0);
    Ok(list
        .into_iter()
        .map(|summary| {
            let id = summary.id;
            ArticleProgress {
                awaiting: ReviewStatus::AWAITING.iter().map(|s| get(id, *s)).sum(),
                published: get(id, ReviewStatus::Published) + get(id, ReviewStatus::Retracted),
                dismissed: get(id, ReviewStatus::Dismissed),
                summary,
            }
        })
        .collect())
}

/// The claims among `claims` a person has worked on: anything but an untouched, unassigned new
/// claim with no source, verdict or comment. Three queries, however many claims.
async fn worked_on<C: ConnectionTrait>(
    db: &C,
    claims: &[claim::Model],
) -> Result<HashSet<Uuid>, ServiceError> {
    let mut worked: HashSet<Uuid> = claims
        .iter()
        .filter(|c| {
            c.status != ReviewStatus::New.as_str() || c.assignee_id.is_some() || c.version > 1
        })
        .map(|c| c.id)
        .collect();
    let ids = || claims.iter().map(|c| c.id);
    let with_source: Vec<Uuid> = source::Entity::find()
        .select_only()
        .column(source::Column::ClaimId)
        .filter(source::Column::ClaimId.is_in(ids()))
        .into_tuple()
        .all(db)
        .await?;
    let with_verdict: Vec<Uuid> = verdict::Entity::find()
        .select_only()
        .column(verdict::Column::ClaimId)
        .filter(verdict::Column::ClaimId.is_in(ids()))
        .into_tuple()
        .all(db)
        .await?;
    let with_comment: Vec<Uuid> = comment::Entity::find()
        .select_only()
        .column(comment::Column::ClaimId)
        .filter(comment::Column::ClaimId.is_in(ids()))
        .into_tuple()
        .all(db)
        .await?;
    worked.extend(with_source);
    worked.extend(with_verdict);
    worked.extend(with_comment);
    Ok(worked)
}

/// Extracts the article's claims again: untouched claims are replaced by what the extractor
/// finds now; claims anyone worked on stay as they are, and new claims overlapping them are
/// left out. Returns (removed, added).
///
/// # Errors
/// `NotFound`; `TooMany` when the extraction pool is full; `Db`.
pub async fn rerun_extraction(
    db: &DatabaseConnection,
    article_id: Uuid,
    who: &Who,
) -> Result<(u64, u64), ServiceError> {
    // Extraction first, in the bounded pool and outside the write transaction (an article's
    // text never changes, so what it finds still holds when the transaction starts).
    let body = article::Entity::find_by_id(article_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?
        .body;
    let found = crate::server::work::extraction()
        .run(move || reading::claims_of_stored_text(&body))
        .await?;
    let txn = crate::server::services::begin_write(db).await?;
    let a = article::Entity::find_by_id(article_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    let existing = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(article_id))
        .all(&txn)
        .await?;
    let worked = worked_on(&txn, &existing).await?;
    let mut kept: Vec<(i32, i32)> = Vec::new();
    let mut removed: Vec<serde_json::Value> = Vec::new();
    for c in existing {
        if worked.contains(&c.id) {
            kept.push((c.span_start, c.span_end));
        } else {
            removed.push(json!({"id": c.id, "kind": c.kind, "quote": c.quote}));
            search::remove(&txn, c.id).await?;
            claim::Entity::delete_by_id(c.id).exec(&txn).await?;
        }
    }
    let new: Vec<_> = found
        .into_iter()
        .filter(|c| {
            let (start, end) = (
                i32::try_from(c.span.start).unwrap_or(i32::MAX),
                i32::try_from(c.span.end).unwrap_or(i32::MAX),
            );
            !kept.iter().any(|(s, e)| start < *e && *s < end)
        })
        .collect();
    let ids = claim_record::insert_extracted(
        &txn,
        &claim_record::Article {
            id: article_id,
            title: &a.title,
            publisher: a.publisher.as_deref(),
        },
        &new,
        now(),
    )
    .await?;
    let added: Vec<serde_json::Value> = ids
        .iter()
        .zip(&new)
        .map(|(id, c)| json!({"id": id, "kind": c.kind.as_str(), "quote": c.quote}))
        .collect();
    let counts = (removed.len() as u64, added.len() as u64);
    audit::record(
        &txn,
        who,
        "article.reextract",
        "article",
        article_id,
        Some(json!({"removed": removed, "kept": kept.len()})),
        Some(json!({"added": added})),
    )
    .await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::article_changed(db, article_id);
    Ok(counts)
}

/// Deletes an article and its claims, if none of them was ever published.
///
/// # Errors
/// `Invalid` if a claim was published; `NotFound`; `Db`.
pub async fn delete_article(
    db: &DatabaseConnection,
    article_id: Uuid,
    who: &Who,
) -> Result<(), ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let a = article::Entity::find_by_id(article_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    let claims = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(article_id))
        .all(&txn)
        .await?;
    if claims.iter().any(|c| c.short_id.is_some()) {
        return Err(ServiceError::invalid(
            "This article has published fact-checks; it cannot be deleted (retract them instead)",
        ));
    }
    for c in &claims {
        search::remove(&txn, c.id).await?;
    }
    claim::Entity::delete_many()
        .filter(claim::Column::ArticleId.eq(article_id))
        .exec(&txn)
        .await?;
    article::Entity::delete_by_id(article_id).exec(&txn).await?;
    audit::record(
        &txn,
        who,
        "article.delete",
        "article",
        article_id,
        Some(json!({"title": a.title, "body_sha256": a.body_sha256, "claims": claims.len()})),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
