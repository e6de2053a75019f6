//! Reviewers' discussion of a claim. Comments are plain text and are never edited or deleted:
//! they are part of how a decision was reached.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::{CommentView, UserRef};
use crate::server::entities::comment;
use crate::server::services::accounts::users;
use crate::server::services::{ServiceError, Who, audit, claim_record, display_time, now};

pub const MAX_COMMENT_CHARS: usize = 5000;

/// Adds a comment to a claim.
///
/// # Errors
/// `Invalid` for an empty or overlong comment; `NotFound`; `Db`.
pub async fn add(
    db: &DatabaseConnection,
    claim_id: Uuid,
    body: &str,
    who: &Who,
) -> Result<CommentView, ServiceError> {
    let author = who
        .user_id
        .ok_or_else(|| ServiceError::invalid("Comments are written by people"))?;
    let body = body.trim();
    if body.is_empty() {
        return Err(ServiceError::invalid("The comment is empty"));
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(ServiceError::invalid(format!(
            "A comment is at most {MAX_COMMENT_CHARS} characters"
        )));
    }
    let txn = crate::server::services::begin_write(db).await?;
    claim_record::load(&txn, claim_id).await?;
    let t = now();
    let model = comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        claim_id: Set(claim_id),
        author_id: Set(author),
        body: Set(body.to_owned()),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        who,
        "comment.add",
        "comment",
        model.id,
        None,
        Some(json!({"claim": claim_id, "body": body})),
    )
    .await?;
    txn.commit().await?;
    for_claim(db, claim_id)
        .await?
        .into_iter()
        .find(|c| c.id == model.id)
        .ok_or_else(|| ServiceError::Internal("comment vanished".into()))
}

/// A claim's comments, oldest first.
///
/// # Errors
/// `Db`.
pub async fn for_claim<C: ConnectionTrait>(
    db: &C,
    claim_id: Uuid,
) -> Result<Vec<CommentView>, ServiceError> {
    let rows = comment::Entity::find()
        .filter(comment::Column::ClaimId.eq(claim_id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    let names = users::refs(db, rows.iter().map(|c| c.author_id)).await?;
    Ok(rows
        .into_iter()
        .map(|c| CommentView {
            id: c.id,
            author: names.get(&c.author_id).cloned().unwrap_or(UserRef {
                id: c.author_id,
                name: "a former user".into(),
            }),
            body: c.body,
            created_at: display_time(c.created_at),
        })
        .collect())
}
