//! The newsroom's articles: listing them and reading one with its claims; ingesting one
//! (`intake`), correcting their details (`details`) and looking after them (`maintenance`:
//! review progress, extracting again, deleting).

pub mod details;
pub mod intake;
pub mod maintenance;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{ServiceError, claim_record, display_time};
use crate::domain::{ArticleSummary, ArticleView};
use crate::server::entities::{article, audit_event, claim};

/// The columns the article list reads: id, title, publisher, published, ingested.
type SummaryRow = (
    Uuid,
    String,
    Option<String>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
);

/// The newest articles with their claim counts, in two queries whatever the page size.
///
/// # Errors
/// `Db` if the database failed.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    limit: u64,
) -> Result<Vec<ArticleSummary>, ServiceError> {
    let rows: Vec<SummaryRow> = article::Entity::find()
        .select_only()
        .columns([
            article::Column::Id,
            article::Column::Title,
            article::Column::Publisher,
            article::Column::PublishedAt,
            article::Column::CreatedAt,
        ])
        .order_by_desc(article::Column::CreatedAt)
        .order_by_desc(article::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let counts: HashMap<Uuid, i64> = claim::Entity::find()
        .select_only()
        .column(claim::Column::ArticleId)
        .column_as(claim::Column::Id.count(), "n")
        .filter(claim::Column::ArticleId.is_in(ids))
        .group_by(claim::Column::ArticleId)
        .into_tuple::<(Uuid, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(
            |(id, title, publisher, published_at, created_at)| ArticleSummary {
                id,
                title,
                publisher,
                published_at: published_at.map(display_time),
                claim_count: counts.get(&id).copied().unwrap_or(0).max(0) as u64,
                ingested_at: display_time(created_at),
            },
        )
        .collect())
}

/// One article with its claims in text order.
///
/// # Errors
/// `NotFound` if there is no such article; `Db` if the database failed.
pub async fn get<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<ArticleView, ServiceError> {
    let a = article::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    let claims = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(id))
        .order_by_asc(claim::Column::SpanStart)
        .all(db)
        .await?;
    let claims = claim_record::views(db, claims).await?;
    // The reason of each dismissed claim's latest dismissal, from the audit trail.
    let dismissed: Vec<Uuid> = claims
        .iter()
        .filter(|c| c.status == crate::domain::ReviewStatus::Dismissed)
        .map(|c| c.id)
        .collect();
    let mut dismissals: Vec<(Uuid, String)> = Vec::new();
    if !dismissed.is_empty() {
        let events = audit_event::Entity::find()
            .filter(audit_event::Column::EntityId.is_in(dismissed))
            .filter(audit_event::Column::Action.eq("claim.dismiss"))
            .order_by_desc(audit_event::Column::Seq)
            .all(db)
            .await?;
        for e in events {
            if dismissals.iter().any(|(id, _)| *id == e.entity_id) {
                continue;
            }
            let reason = e
                .after
                .as_ref()
                .and_then(|a| a["reason"].as_str())
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .unwrap_or("no reason given");
            dismissals.push((e.entity_id, reason.to_owned()));
        }
    }
    let details_history = details::versions(db, id).await?;
    let story = super::provenance::views::story_of_article(db, id)
        .await?
        .map(|s| crate::domain::StoryRef {
            id: s.id,
            slug: s.slug,
            title: s.title,
        });
    Ok(ArticleView {
        story,
        published_on: a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
        version: a.version,
        details_history,
        id: a.id,
        title: a.title,
        publisher: a.publisher,
        url: a.url,
        byline: a.byline,
        section: a.section,
        published_at: a.published_at.map(display_time),
        image_url: a.image_url,
        body: a.body,
        body_sha256: a.body_sha256,
        ingested_at: display_time(a.created_at),
        claims,
        dismissals,
    })
}
