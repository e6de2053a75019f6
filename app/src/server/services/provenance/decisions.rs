//! Reviewers' and editors' decisions on a story's derived view, each in one transaction with
//! its audit event: confirming or rejecting a suggested link (a reviewer's), setting or
//! removing a relation between two clusters and ranking a figure value (an editor's). The
//! story's revision is bumped, so its view is derived again.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;
use uuid::Uuid;

use super::{bump, find_story};
use crate::domain::{LinkState, rank_as_str, rank_from_str, relation_from_str};
use crate::server::entities::{
    claim, claim_link, figure_rank_override, relation_override, story_article,
};
use crate::server::services::{ServiceError, Who, audit, begin_write, now};

/// Confirms (`confirm`) or rejects a suggested link. A confirmed link clusters the two claims;
/// a rejected one keeps them apart and is never suggested again.
///
/// # Errors
/// `NotFound`; `Conflict` if the link was decided or changed since `version`; `Db`.
pub async fn decide_link(
    db: &DatabaseConnection,
    link_id: Uuid,
    version: i32,
    confirm: bool,
    who: &Who,
) -> Result<LinkState, ServiceError> {
    let txn = begin_write(db).await?;
    let l = claim_link::Entity::find_by_id(link_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That suggestion".into()))?;
    let current: LinkState = l.level.parse()?;
    if current != LinkState::Suggested || l.version != version {
        return Err(ServiceError::Conflict(format!(
            "This suggestion was already decided (it is {current}); reload the page"
        )));
    }
    let next = if confirm {
        LinkState::Confirmed
    } else {
        LinkState::Rejected
    };
    let t = now();
    let res = claim_link::Entity::update_many()
        .col_expr(claim_link::Column::Level, Expr::value(next.as_str()))
        .col_expr(claim_link::Column::DecidedBy, Expr::value(who.user_id))
        .col_expr(claim_link::Column::DecidedAt, Expr::value(t))
        .col_expr(claim_link::Column::UpdatedAt, Expr::value(t))
        .col_expr(
            claim_link::Column::Version,
            Expr::col(claim_link::Column::Version).add(1),
        )
        .filter(claim_link::Column::Id.eq(link_id))
        .filter(claim_link::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(ServiceError::Conflict(
            "This suggestion was decided meanwhile; reload the page".into(),
        ));
    }
    bump(&txn, l.story_id, t).await?;
    audit::record(
        &txn,
        who,
        if confirm {
            "provenance.confirm"
        } else {
            "provenance.reject"
        },
        "claim_link",
        link_id,
        Some(json!({"level": current.as_str()})),
        Some(json!({
            "level": next.as_str(),
            "from": l.from_claim_id, "from_prop": l.from_prop,
            "to": l.to_claim_id, "to_prop": l.to_prop,
            "story": l.story_id,
        })),
    )
    .await?;
    txn.commit().await?;
    super::refresh::story_changed(db, l.story_id);
    Ok(next)
}

/// A cluster named by one member proposition: `{claim id}/{proposition}`.
fn parse_member(key: &str) -> Result<(Uuid, String), ServiceError> {
    let (claim, prop) = key
        .split_once('/')
        .ok_or_else(|| ServiceError::invalid(format!("'{key}' names no cluster")))?;
    let claim = Uuid::parse_str(claim.trim())
        .map_err(|_| ServiceError::invalid(format!("'{key}' names no cluster")))?;
    let prop = prop.trim();
    // A proposition is named `kind` or `kind:counted` (at most 64 characters where stored);
    // anything else is refused here, not by the database.
    let well_formed =
        !prop.is_empty() && prop.chars().count() <= 64 && !prop.chars().any(char::is_control);
    if !well_formed {
        return Err(ServiceError::invalid(format!(
            "'{}' names no proposition of the claim",
            key.chars().take(80).collect::<String>()
        )));
    }
    Ok((claim, prop.to_owned()))
}

/// Checks that a claim belongs to a story's articles.
async fn claim_in_story<C: ConnectionTrait>(
    conn: &C,
    claim_id: Uuid,
    story_id: Uuid,
) -> Result<(), ServiceError> {
    let c = claim::Entity::find_by_id(claim_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That claim".into()))?;
    let in_story = story_article::Entity::find_by_id(c.article_id)
        .one(conn)
        .await?
        .is_some_and(|m| m.story_id == story_id);
    if in_story {
        Ok(())
    } else {
        Err(ServiceError::invalid("That claim is not in this story"))
    }
}

/// Sets the relation between two clusters of a story (`relation` a relation type, or `none`
/// to remove what the tracer drew), named by a member each. The latest decision stands.
///
/// # Errors
/// `Invalid` for an unknown relation, a cluster not in the story or a cluster related to
/// itself; `NotFound`; `Db`.
pub async fn set_relation(
    db: &DatabaseConnection,
    story: &str,
    from: &str,
    to: &str,
    relation: &str,
    note: &str,
    who: &Who,
) -> Result<(), ServiceError> {
    let relation = relation.trim();
    if relation != "none" && relation_from_str(relation).is_none() {
        return Err(ServiceError::invalid(format!(
            "'{relation}' is not a relation (updates, contradicts, denies, cites, supports or none)"
        )));
    }
    let (from, to) = (parse_member(from)?, parse_member(to)?);
    if from == to {
        return Err(ServiceError::invalid(
            "A cluster cannot be related to itself",
        ));
    }
    let note: String = note.trim().chars().take(500).collect();
    let txn = begin_write(db).await?;
    let s = find_story(&txn, story).await?;
    claim_in_story(&txn, from.0, s.id).await?;
    claim_in_story(&txn, to.0, s.id).await?;
    let t = now();
    let id = Uuid::now_v7();
    relation_override::ActiveModel {
        id: Set(id),
        story_id: Set(s.id),
        from_claim_id: Set(from.0),
        from_prop: Set(from.1.clone()),
        to_claim_id: Set(to.0),
        to_prop: Set(to.1.clone()),
        relation: Set(relation.to_owned()),
        note: Set(note.clone()),
        decided_by: Set(who.user_id),
        created_at: Set(t),
    }
    .insert(&txn)
    .await?;
    bump(&txn, s.id, t).await?;
    audit::record(
        &txn,
        who,
        "provenance.relation",
        "story",
        s.id,
        None,
        Some(json!({
            "from": from.0, "from_prop": from.1, "to": to.0, "to_prop": to.1,
            "relation": relation, "note": note,
        })),
    )
    .await?;
    txn.commit().await?;
    super::refresh::story_changed(db, s.id);
    Ok(())
}

/// Ranks one reported value of a story's figure timeline (`preferred`, `normal` or
/// `deprecated`), named by its claim, category and value. Preferring a value ranks the one
/// preferred before as normal.
///
/// # Errors
/// `Invalid` for an unknown rank, a missing reason or a claim not in the story; `NotFound`;
/// `Db`.
#[allow(clippy::too_many_arguments)]
pub async fn rank_figure(
    db: &DatabaseConnection,
    story: &str,
    claim_id: Uuid,
    category: &str,
    value: f64,
    rank: &str,
    reason: &str,
    who: &Who,
) -> Result<(), ServiceError> {
    let rank = rank_from_str(rank.trim()).ok_or_else(|| {
        ServiceError::invalid(format!(
            "'{rank}' is not a rank (preferred, normal or deprecated)"
        ))
    })?;
    let reason: String = reason.trim().chars().take(500).collect();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "Say why the value is ranked so (superseded, retracted, disputed, official…)",
        ));
    }
    if !value.is_finite() {
        return Err(ServiceError::invalid("The value is not a number"));
    }
    let category = category.trim().to_owned();
    let txn = begin_write(db).await?;
    let s = find_story(&txn, story).await?;
    claim_in_story(&txn, claim_id, s.id).await?;
    let t = now();
    let before = figure_rank_override::Entity::find()
        .filter(figure_rank_override::Column::StoryId.eq(s.id))
        .filter(figure_rank_override::Column::ClaimId.eq(claim_id))
        .filter(figure_rank_override::Column::Category.eq(category.clone()))
        .filter(figure_rank_override::Column::Value.eq(value))
        .one(&txn)
        .await?;
    if let Some(b) = &before {
        figure_rank_override::Entity::delete_by_id(b.id)
            .exec(&txn)
            .await?;
    }
    figure_rank_override::ActiveModel {
        id: Set(Uuid::now_v7()),
        story_id: Set(s.id),
        claim_id: Set(claim_id),
        category: Set(category.clone()),
        value: Set(value),
        rank: Set(rank_as_str(rank).to_owned()),
        reason: Set(reason.clone()),
        decided_by: Set(who.user_id),
        created_at: Set(t),
    }
    .insert(&txn)
    .await?;
    bump(&txn, s.id, t).await?;
    audit::record(
        &txn,
        who,
        "provenance.rank",
        "story",
        s.id,
        before.map(|b| json!({"rank": b.rank, "reason": b.reason})),
        Some(json!({
            "claim": claim_id, "category": category, "value": value,
            "rank": rank_as_str(rank), "reason": reason,
        })),
    )
    .await?;
    txn.commit().await?;
    super::refresh::story_changed(db, s.id);
    Ok(())
}
