//! Persistence of known fact-checks: the revision counter every server follows, imported
//! reviews written in batches (keyed by review URL, so a re-import updates), and what the
//! matching index reads of them and of our own published fact-checks.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use super::import::{Format, ReviewRecord};
use super::index::DocInput;
use super::rank::day_number;
use super::{ratings, text};
use crate::domain::ReviewStatus;
use crate::server::entities::{claim, imported_review};
use crate::server::services::{ServiceError, find_in, now};

/// The revision of the known fact-checks: it moves whenever one is imported, published or
/// retracted.
///
/// # Errors
/// `Db`.
pub async fn revision<C: ConnectionTrait>(conn: &C) -> Result<i64, ServiceError> {
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT revision FROM match_revision WHERE id = 1",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0))
}

/// Moves the revision on and returns the new one. In a transaction the counter row stays locked
/// until commit, so revisions are handed out in commit order and no server misses a write.
///
/// # Errors
/// `Db`.
pub async fn bump<C: ConnectionTrait>(conn: &C) -> Result<i64, ServiceError> {
    conn.execute_raw(Statement::from_string(
        conn.get_database_backend(),
        "UPDATE match_revision SET revision = revision + 1 WHERE id = 1",
    ))
    .await?;
    revision(conn).await
}

/// What one batch of records did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// The row a record becomes (id and import time are the caller's).
fn row_of(
    r: &ReviewRecord,
    format: Format,
    id: Uuid,
    revision: i64,
    imported_at: chrono::DateTime<chrono::Utc>,
) -> imported_review::Model {
    let rating = ratings::normalise(
        r.textual_rating.as_deref(),
        r.rating_value,
        r.best_rating,
        r.worst_rating,
    );
    imported_review::Model {
        id,
        review_url: r.url.clone(),
        claim_reviewed: r.claim_reviewed.clone(),
        title: r.title.clone(),
        description: r.description.clone(),
        claimant: r.claimant.clone(),
        claim_date: r.claim_date.clone(),
        date_published: r.date_published.clone(),
        published_on: r
            .date_published
            .as_deref()
            .and_then(text::parse_review_date),
        publisher_name: r.publisher_name.clone(),
        publisher_site: r.publisher_site.clone(),
        textual_rating: r.textual_rating.clone(),
        rating_value: r.rating_value,
        best_rating: r.best_rating,
        worst_rating: r.worst_rating,
        rating: rating.map(|x| x.as_str().to_owned()),
        language: r.language.clone(),
        format: format.as_str().to_owned(),
        revision,
        imported_at,
        updated_at: imported_at,
    }
}

/// Whether a stored review already says what a record says.
fn same(stored: &imported_review::Model, new: &imported_review::Model) -> bool {
    stored.claim_reviewed == new.claim_reviewed
        && stored.title == new.title
        && stored.description == new.description
        && stored.claimant == new.claimant
        && stored.claim_date == new.claim_date
        && stored.date_published == new.date_published
        && stored.publisher_name == new.publisher_name
        && stored.publisher_site == new.publisher_site
        && stored.textual_rating == new.textual_rating
        && stored.rating_value == new.rating_value
        && stored.best_rating == new.best_rating
        && stored.worst_rating == new.worst_rating
        && stored.rating == new.rating
        && stored.language == new.language
}

/// Rows per statement: 22 values each, under SQLite's and PostgreSQL's parameter limits.
pub const ROWS_PER_INSERT: usize = 400;

/// Writes a batch of records at `revision`: new URLs are inserted, changed ones updated in
/// place (keeping their id), unchanged ones left alone.
///
/// # Errors
/// `Db`.
pub async fn write_batch<C: ConnectionTrait>(
    conn: &C,
    records: &[ReviewRecord],
    format: Format,
    revision: i64,
) -> Result<Written, ServiceError> {
    let mut out = Written::default();
    let t = now();
    for chunk in records.chunks(ROWS_PER_INSERT) {
        let existing: HashMap<String, imported_review::Model> = imported_review::Entity::find()
            .filter(imported_review::Column::ReviewUrl.is_in(chunk.iter().map(|r| r.url.clone())))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| (m.review_url.clone(), m))
            .collect();
        let mut rows: Vec<imported_review::ActiveModel> = Vec::new();
        for r in chunk {
            match existing.get(&r.url) {
                None => {
                    rows.push(row_of(r, format, Uuid::now_v7(), revision, t).into());
                    out.new += 1;
                }
                Some(stored) => {
                    let mut row = row_of(r, format, stored.id, revision, stored.imported_at);
                    if same(stored, &row) {
                        out.unchanged += 1;
                    } else {
                        row.updated_at = t;
                        rows.push(row.into());
                        out.updated += 1;
                    }
                }
            }
        }
        if rows.is_empty() {
            continue;
        }
        // One statement for the chunk: new rows insert, changed ones replace their fields.
        imported_review::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(imported_review::Column::ReviewUrl)
                    .update_columns([
                        imported_review::Column::ClaimReviewed,
                        imported_review::Column::Title,
                        imported_review::Column::Description,
                        imported_review::Column::Claimant,
                        imported_review::Column::ClaimDate,
                        imported_review::Column::DatePublished,
                        imported_review::Column::PublishedOn,
                        imported_review::Column::PublisherName,
                        imported_review::Column::PublisherSite,
                        imported_review::Column::TextualRating,
                        imported_review::Column::RatingValue,
                        imported_review::Column::BestRating,
                        imported_review::Column::WorstRating,
                        imported_review::Column::Rating,
                        imported_review::Column::Language,
                        imported_review::Column::Format,
                        imported_review::Column::Revision,
                        imported_review::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(out)
}

/// The index's view of an imported review.
pub fn doc_of(m: &imported_review::Model) -> DocInput {
    DocInput {
        key: m.id,
        ours: false,
        claim: m.claim_reviewed.clone(),
        title: m.title.clone().unwrap_or_default(),
        subtitle: m.description.clone().unwrap_or_default(),
        date: m.published_on.map(day_number),
    }
}

/// How many rows one read of the index's source takes.
const PAGE: u64 = 5000;

/// Imported reviews written after `since`, a page at a time in (revision, id) order, handed to
/// `each` (so a million rows never sit in memory at once).
///
/// # Errors
/// `Db`.
pub async fn imported_since<C: ConnectionTrait>(
    conn: &C,
    since: i64,
    mut each: impl FnMut(Vec<imported_review::Model>),
) -> Result<(), ServiceError> {
    let mut after: Option<(i64, Uuid)> = None;
    loop {
        let mut q = imported_review::Entity::find()
            .filter(imported_review::Column::Revision.gt(since))
            .order_by_asc(imported_review::Column::Revision)
            .order_by_asc(imported_review::Column::Id)
            .limit(PAGE);
        if let Some((rev, id)) = after {
            q = q.filter(
                sea_orm::Condition::any()
                    .add(imported_review::Column::Revision.gt(rev))
                    .add(
                        sea_orm::Condition::all()
                            .add(imported_review::Column::Revision.eq(rev))
                            .add(imported_review::Column::Id.gt(id)),
                    ),
            );
        }
        let rows = q.all(conn).await?;
        let full = rows.len() as u64 == PAGE;
        after = rows.last().map(|r| (r.revision, r.id));
        each(rows);
        if !full {
            return Ok(());
        }
    }
}

/// Our own published fact-checks as the index reads them: the claim's words, published on the
/// day of its first publication.
///
/// # Errors
/// `Db`.
pub async fn own_published<C: ConnectionTrait>(conn: &C) -> Result<Vec<DocInput>, ServiceError> {
    let rows: Vec<(Uuid, String, Option<chrono::DateTime<chrono::Utc>>)> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .column(claim::Column::Quote)
        .column(claim::Column::PublishedAt)
        .filter(claim::Column::Status.eq(ReviewStatus::Published.as_str()))
        .order_by_asc(claim::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, quote, at)| DocInput {
            key: id,
            ours: true,
            claim: quote,
            title: String::new(),
            subtitle: String::new(),
            date: at.map(|t| day_number(t.date_naive())),
        })
        .collect())
}

/// Imported reviews by id.
///
/// # Errors
/// `Db`.
pub async fn reviews_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, imported_review::Model>, ServiceError> {
    Ok(
        find_in::<imported_review::Entity, _>(conn, imported_review::Column::Id, ids)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect(),
    )
}

/// How many imported reviews there are.
///
/// # Errors
/// `Db`.
pub async fn imported_count<C: ConnectionTrait>(conn: &C) -> Result<u64, ServiceError> {
    use sea_orm::PaginatorTrait;
    Ok(imported_review::Entity::find().count(conn).await?)
}
