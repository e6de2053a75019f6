//! Curating claims: correcting what the extractor read, dismissing and restoring, and adding a
//! claim it missed. Every write carries the version it was made against (optimistic locking: a
//! stale write is refused, never applied over someone else's) and is audited in its transaction.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::{ServiceError, Who, actors, articles, audit, display_time, now};
use crate::domain::{ActorRef, ClaimKind, ClaimView, ReviewEvent, ReviewStatus};
use crate::extract;
use crate::server::entities::{actor, article, audit_event, claim};

/// What a reviewer may correct on a claim.
#[derive(Clone, Debug)]
pub struct ClaimEdit {
    pub kind: ClaimKind,
    pub claimant: Option<String>,
    pub target: Option<String>,
    pub hedged: bool,
}

async fn load<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<claim::Model, ServiceError> {
    claim::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That claim".into()))
}

/// The message for a write made against an old version: who changed the claim, and when.
async fn stale<C: ConnectionTrait>(conn: &C, id: Uuid) -> ServiceError {
    let last = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.eq(id))
        .order_by_desc(audit_event::Column::Seq)
        .one(conn)
        .await
        .ok()
        .flatten();
    ServiceError::Conflict(match last {
        Some(e) => format!(
            "This claim was changed by {} at {} since you opened it; reload to see their edit, then make yours again.",
            e.actor_label,
            display_time(e.created_at)
        ),
        None => "This claim was changed since you opened it; reload to see the change, then make yours again.".into(),
    })
}

async fn actor_id<C: ConnectionTrait>(
    conn: &C,
    name: Option<&str>,
) -> Result<Option<Uuid>, ServiceError> {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => Ok(None),
        Some(n) if n.chars().count() > 200 => Err(ServiceError::invalid(
            "An actor's name is at most 200 characters",
        )),
        Some(n) => Ok(Some(
            actors::find_or_create(
                conn,
                &ActorRef {
                    name: n.to_owned(),
                    aliases: vec![],
                },
            )
            .await?,
        )),
    }
}

async fn snapshot<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
) -> Result<serde_json::Value, ServiceError> {
    let ids: Vec<Uuid> = [c.claimant_id, c.target_id].into_iter().flatten().collect();
    let names: std::collections::HashMap<Uuid, String> = actor::Entity::find()
        .filter(actor::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(json!({
        "kind": c.kind,
        "status": c.status,
        "claimant": c.claimant_id.and_then(|i| names.get(&i).cloned()),
        "target": c.target_id.and_then(|i| names.get(&i).cloned()),
        "hedged": c.hedged,
        "version": c.version,
    }))
}

/// Applies `set` to the claim only if it is still at `version`, bumping the version; returns the
/// new row.
async fn write_versioned<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    version: i32,
    set: impl FnOnce(sea_orm::UpdateMany<claim::Entity>) -> sea_orm::UpdateMany<claim::Entity>,
) -> Result<claim::Model, ServiceError> {
    let update = claim::Entity::update_many()
        .col_expr(
            claim::Column::Version,
            Expr::col(claim::Column::Version).add(1),
        )
        .col_expr(claim::Column::UpdatedAt, Expr::value(now()))
        .filter(claim::Column::Id.eq(id))
        .filter(claim::Column::Version.eq(version));
    let res = set(update).exec(conn).await?;
    if res.rows_affected == 0 {
        return Err(stale(conn, id).await);
    }
    load(conn, id).await
}

/// Corrects a claim's kind, actors and hedging.
///
/// # Errors
/// `NotFound`; `Invalid` if the claim is published or dismissed (it is no longer edited in
/// place); `Conflict` if it changed since `version`; `Db`.
pub async fn update(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    edit: ClaimEdit,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let txn = super::begin_write(db).await?;
    let current = load(&txn, id).await?;
    let status: ReviewStatus = current.status.parse()?;
    if !status.is_editable() {
        return Err(ServiceError::invalid(format!(
            "A claim that is '{}' cannot be edited; restore it or propose a new verdict instead.",
            status.label()
        )));
    }
    let before = snapshot(&txn, &current).await?;
    let claimant_id = actor_id(&txn, edit.claimant.as_deref()).await?;
    let target_id = actor_id(&txn, edit.target.as_deref()).await?;
    let updated = write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Kind, Expr::value(edit.kind.as_str()))
            .col_expr(claim::Column::ClaimantId, Expr::value(claimant_id))
            .col_expr(claim::Column::TargetId, Expr::value(target_id))
            .col_expr(claim::Column::Hedged, Expr::value(edit.hedged))
    })
    .await?;
    let after = snapshot(&txn, &updated).await?;
    audit::record(
        &txn,
        who,
        "claim.update",
        "claim",
        id,
        Some(before),
        Some(after),
    )
    .await?;
    txn.commit().await?;
    view(db, id).await
}

/// Dismisses a claim (not check-worthy, or not a claim) or restores a dismissed one.
///
/// # Errors
/// `NotFound`; `Invalid` if the status does not allow it; `Conflict` if it changed since
/// `version`; `Db`.
pub async fn set_dismissed(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    dismiss: bool,
    reason: &str,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let txn = super::begin_write(db).await?;
    let current = load(&txn, id).await?;
    let status: ReviewStatus = current.status.parse()?;
    let event = if dismiss {
        ReviewEvent::Dismiss
    } else {
        ReviewEvent::Restore
    };
    let next = status
        .apply(event)
        .map_err(|e| ServiceError::invalid(e.to_string()))?;
    let before = snapshot(&txn, &current).await?;
    let updated = write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Status, Expr::value(next.as_str()))
    })
    .await?;
    let mut after = snapshot(&txn, &updated).await?;
    after["reason"] = json!(reason.trim());
    let action = if dismiss {
        "claim.dismiss"
    } else {
        "claim.restore"
    };
    audit::record(&txn, who, action, "claim", id, Some(before), Some(after)).await?;
    txn.commit().await?;
    view(db, id).await
}

/// Adds a claim the extractor missed, from its exact words in the article. The words must
/// occur once in the text (or include enough of it to be unique).
///
/// # Errors
/// `NotFound` for an unknown article; `Invalid` if the words are empty, absent or ambiguous;
/// `Db`.
pub async fn add_from_quote(
    db: &DatabaseConnection,
    article_id: Uuid,
    quote: &str,
    kind: ClaimKind,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let quote = quote.trim();
    if quote.chars().count() < 3 {
        return Err(ServiceError::invalid(
            "Select or paste the claim's words (at least a few characters)",
        ));
    }
    let a = article::Entity::find_by_id(article_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    let mut matches = a.body.match_indices(quote);
    let Some((byte_start, _)) = matches.next() else {
        return Err(ServiceError::invalid(
            "Those words are not in the article's text; copy them exactly",
        ));
    };
    let more = matches.count();
    if more > 0 {
        return Err(ServiceError::invalid(format!(
            "Those words appear {} times in the article; include more of the sentence so they are unique",
            more + 1
        )));
    }
    let byte_end = byte_start + quote.len();
    let start = a.body[..byte_start].chars().count();
    let end = start + quote.chars().count();
    let prefix: String = {
        let before: Vec<char> = a.body[..byte_start].chars().collect();
        before[before.len().saturating_sub(extract::CONTEXT_CHARS)..]
            .iter()
            .collect()
    };
    let suffix: String = a.body[byte_end..]
        .chars()
        .take(extract::CONTEXT_CHARS)
        .collect();
    // Let the extractor read what it can from the words: figures, actors, hedging.
    let read = extract::extract_claims(quote).into_iter().next();
    let txn = super::begin_write(db).await?;
    let claimant_id = match read.as_ref().and_then(|r| r.claimant.as_ref()) {
        Some(a) => Some(actors::find_or_create(&txn, a).await?),
        None => None,
    };
    let target_id = match read.as_ref().and_then(|r| r.target.as_ref()) {
        Some(a) => Some(actors::find_or_create(&txn, a).await?),
        None => None,
    };
    let t = now();
    let id = Uuid::now_v7();
    claim::ActiveModel {
        id: Set(id),
        article_id: Set(article_id),
        kind: Set(kind.as_str().to_owned()),
        quote: Set(quote.to_owned()),
        span_start: Set(
            i32::try_from(start).map_err(|_| ServiceError::invalid("The article is too long"))?
        ),
        span_end: Set(
            i32::try_from(end).map_err(|_| ServiceError::invalid("The article is too long"))?
        ),
        prefix: Set(prefix),
        suffix: Set(suffix),
        figures: Set(serde_json::to_value(
            read.as_ref().map(|r| r.figures.clone()).unwrap_or_default(),
        )
        .map_err(|e| ServiceError::Internal(e.to_string()))?),
        claimant_id: Set(claimant_id),
        target_id: Set(target_id),
        hedged: Set(read.as_ref().is_some_and(|r| r.hedged)),
        checkworthiness: Set(read.as_ref().map_or(0.5, |r| r.checkworthiness)),
        status: Set(ReviewStatus::New.as_str().to_owned()),
        assignee_id: Set(None),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, who, "claim.add", "claim", id, None, Some(json!({"article": article_id, "kind": kind.as_str(), "quote": quote, "span": [start, end]}))).await?;
    txn.commit().await?;
    view(db, id).await
}

/// One claim as the pages show it.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn view(db: &DatabaseConnection, id: Uuid) -> Result<ClaimView, ServiceError> {
    let c = load(db, id).await?;
    articles::claim_views(db, vec![c])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That claim".into()))
}
