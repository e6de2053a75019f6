//! Correcting an article's details after ingest: title, publisher, address, byline and
//! publication day. A correction names the version it was made against (a stale one is
//! refused, never applied over someone else's), is audited with what it changed and why, and
//! reaches everything that shows the details: the search index, the story (its appearances,
//! first appearance and figure timeline, and its title when it is named after the article) and every published page of the article's claims,
//! whose public history lists it as a correction.

use chrono::{NaiveDate, NaiveTime};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::domain::{ArticleDetails, DetailsVersion, changed_fields};
use crate::server::entities::{article, audit_event, claim, story, story_article};
use crate::server::services::accounts::users;
use crate::server::services::{ServiceError, Who, audit, display_time, now, search};

/// The details of a stored article, as a correction compares them.
pub fn details_of(a: &article::Model) -> ArticleDetails {
    ArticleDetails {
        title: a.title.clone(),
        publisher: a.publisher.clone(),
        url: a.url.clone(),
        byline: a.byline.clone(),
        published_on: a.published_at.map(|d| d.date_naive()),
    }
}

/// What the audit trail keeps of a correction: the changed fields' old and new values.
fn snapshot(
    changes: &[(&'static str, Option<String>, Option<String>)],
    version: i32,
) -> (Value, Map<String, Value>) {
    let mut before = Map::new();
    let mut after = Map::new();
    for (field, old, new) in changes {
        before.insert((*field).to_owned(), json!(old));
        after.insert((*field).to_owned(), json!(new));
    }
    before.insert("version".into(), json!(version));
    after.insert("version".into(), json!(version + 1));
    (Value::Object(before), after)
}

/// Corrects an article's details. Nothing changes (and nothing is recorded) when the details
/// are already those.
///
/// # Errors
/// `NotFound`; `Conflict` if the details were corrected since `version` (saying by whom and
/// what); `Db` (nothing is then changed).
pub async fn correct(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    details: ArticleDetails,
    reason: Option<String>,
    who: &Who,
) -> Result<bool, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let current = article::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    if current.version != version {
        return Err(audit::stale(&txn, vec![id], "article").await);
    }
    let changes = changed_fields(&details_of(&current), &details);
    if changes.is_empty() {
        return Ok(false);
    }
    // The same day keeps the time the article gave; another day is that day's start.
    let published_at = match (details.published_on, current.published_at) {
        (Some(day), Some(at)) if at.date_naive() == day => Some(at),
        (Some(day), _) => Some(day.and_time(NaiveTime::MIN).and_utc()),
        (None, _) => None,
    };
    let t = now();
    let res = article::Entity::update_many()
        .col_expr(article::Column::Title, Expr::value(details.title.clone()))
        .col_expr(
            article::Column::Publisher,
            Expr::value(details.publisher.clone()),
        )
        .col_expr(article::Column::Url, Expr::value(details.url.clone()))
        .col_expr(article::Column::Byline, Expr::value(details.byline.clone()))
        .col_expr(article::Column::PublishedAt, Expr::value(published_at))
        .col_expr(article::Column::Version, Expr::value(version + 1))
        .col_expr(article::Column::UpdatedAt, Expr::value(t))
        .filter(article::Column::Id.eq(id))
        .filter(article::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(audit::stale(&txn, vec![id], "article").await);
    }
    let (before, mut after) = snapshot(&changes, version);
    if let Some(r) = &reason {
        after.insert("reason".into(), json!(r));
    }
    audit::record(
        &txn,
        who,
        "article.update",
        "article",
        id,
        Some(before),
        Some(Value::Object(after)),
    )
    .await?;
    // The claims' search entries carry the article's title and publisher.
    let claim_ids: Vec<Uuid> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .filter(claim::Column::ArticleId.eq(id))
        .into_tuple()
        .all(&txn)
        .await?;
    for c in claim_ids {
        search::reindex(&txn, c).await?;
    }
    // The story shows the article's outlet and date (its appearances, first appearance and
    // figure timeline): its cached views are derived again, and its pages' validators move.
    if let Some(filed) = story_article::Entity::find_by_id(id).one(&txn).await? {
        // A story named after this article's title (its first article's, when it was started)
        // takes the corrected title; its address stays, so links keep working.
        story::Entity::update_many()
            .col_expr(story::Column::Title, Expr::value(details.title.clone()))
            .filter(story::Column::Id.eq(filed.story_id))
            .filter(story::Column::Title.eq(current.title.clone()))
            .exec(&txn)
            .await?;
        story_article::Entity::update_many()
            .col_expr(story_article::Column::UpdatedAt, Expr::value(t))
            .filter(story_article::Column::ArticleId.eq(id))
            .exec(&txn)
            .await?;
        story::Entity::update_many()
            .col_expr(
                story::Column::Revision,
                Expr::col(story::Column::Revision).add(1),
            )
            .col_expr(story::Column::UpdatedAt, Expr::value(t))
            .filter(story::Column::Id.eq(filed.story_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Every correction of an article's details, oldest first: when, by whom, and what changed.
///
/// # Errors
/// `Db`.
pub async fn versions<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Vec<DetailsVersion>, ServiceError> {
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.eq(id))
        .filter(audit_event::Column::Action.eq("article.update"))
        .order_by_asc(audit_event::Column::Seq)
        .all(conn)
        .await?;
    let names = users::refs(conn, events.iter().filter_map(|e| e.actor_id)).await?;
    Ok(events
        .into_iter()
        .map(|e| DetailsVersion {
            version: e
                .after
                .as_ref()
                .and_then(|a| a["version"].as_i64())
                .and_then(|v| i32::try_from(v).ok())
                .unwrap_or_default(),
            at: display_time(e.created_at),
            by: e
                .actor_id
                .and_then(|a| names.get(&a).map(|r| r.name.clone()))
                .unwrap_or_else(|| e.actor_label.clone()),
            changes: audit::describe_for_readers(e.before.as_ref(), e.after.as_ref()),
        })
        .collect())
}

/// Today, for checking a typed publication day.
pub fn today() -> NaiveDate {
    now().date_naive()
}
