//! Importing other organisations' fact-checks, and the staff list of them. An import is one
//! transaction (all or nothing) at one new revision, with one audit event; every server's
//! matcher then reads the changed rows.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

use super::engine::Matcher;
use super::import::{self, ReviewRecord};
use super::rank::Query;
use super::{priors, ratings, store};
use crate::domain::{ImportSummary, KnownFactCheck, KnownFactCheckPage, SkippedItem};
use crate::server::entities::{audit_event, imported_review};
use crate::server::services::{ServiceError, Who, audit};

/// Records written per batch between progress reports.
const BATCH: usize = 2000;

/// How many claims waiting for review are matched again after an import (the newest first):
/// bounded, so an import costs the same however long the queue is.
pub const REMATCH_LIMIT: u64 = 2000;

/// The biggest file an import reads (a 100,000-review feed is about 60 MB).
pub const MAX_IMPORT_BYTES: usize = 512 * 1024 * 1024;

fn has_rating(r: &ReviewRecord) -> bool {
    r.textual_rating.is_some() || r.rating_value.is_some()
}

/// Imports a file of fact-checks (any shape `import::parse` reads). `progress` hears
/// (written, total) after each batch.
///
/// # Errors
/// `Invalid` naming what is wrong with the file; `Db`.
pub async fn import(
    db: &DatabaseConnection,
    matcher: &Matcher,
    bytes: &[u8],
    who: &Who,
    progress: &(dyn Fn(usize, usize) + Send + Sync),
) -> Result<ImportSummary, ServiceError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ServiceError::invalid(format!(
            "The file is larger than {} MB",
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let parsed = import::parse(bytes).map_err(ServiceError::Invalid)?;
    let mapped = parsed
        .records
        .iter()
        .filter(|r| {
            ratings::normalise(
                r.textual_rating.as_deref(),
                r.rating_value,
                r.best_rating,
                r.worst_rating,
            )
            .is_some()
        })
        .count();
    let rated = parsed.records.iter().filter(|r| has_rating(r)).count();
    let total = parsed.records.len();
    let txn = crate::server::services::begin_write(db).await?;
    let revision = store::bump(&txn).await?;
    let mut written = store::Written::default();
    for (i, batch) in parsed.records.chunks(BATCH).enumerate() {
        let w = store::write_batch(&txn, batch, parsed.format, revision).await?;
        written.new += w.new;
        written.updated += w.updated;
        written.unchanged += w.unchanged;
        progress((i * BATCH + batch.len()).min(total), total);
    }
    let skipped: Vec<SkippedItem> = parsed
        .skipped
        .into_iter()
        .map(|s| SkippedItem {
            at: s.at,
            reason: s.reason,
        })
        .collect();
    let mut summary = ImportSummary {
        id: Uuid::now_v7(),
        format: parsed.format.as_str().to_owned(),
        read: total + skipped.len(),
        new: written.new,
        updated: written.updated,
        unchanged: written.unchanged,
        skipped_unlisted: 0,
        skipped,
        rating_mapped: mapped,
        rating_unmapped: rated - mapped,
        rematched: 0,
    };
    // The audit record is the import's summary (the first reasons for skipping only), which the
    // staff page shows again after an upload.
    let mut recorded = summary.clone();
    recorded.skipped_unlisted = recorded.skipped.len().saturating_sub(AUDITED_REASONS);
    recorded.skipped.truncate(AUDITED_REASONS);
    let mut after =
        serde_json::to_value(&recorded).map_err(|e| ServiceError::Internal(e.to_string()))?;
    after["revision"] = json!(revision);
    audit::record(
        &txn,
        who,
        IMPORT_ACTION,
        IMPORT_ENTITY,
        summary.id,
        None,
        Some(after),
    )
    .await?;
    txn.commit().await?;
    // Every server's matcher reads the new revision at its next query; waiting claims are
    // matched again here (which builds this process's index only if there are any).
    summary.rematched = if written.new + written.updated > 0 {
        priors::rematch_waiting(db, matcher, REMATCH_LIMIT).await?
    } else {
        0
    };
    Ok(summary)
}

/// How many reasons for skipping an import's audit record keeps.
const AUDITED_REASONS: usize = 50;
const IMPORT_ACTION: &str = "claimreview.import";
const IMPORT_ENTITY: &str = "claimreview_import";

/// An import's summary as its audit record keeps it.
///
/// # Errors
/// `NotFound` for an unknown import; `Db`.
pub async fn summary_of<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<ImportSummary, ServiceError> {
    let event = audit_event::Entity::find()
        .filter(audit_event::Column::EntityType.eq(IMPORT_ENTITY))
        .filter(audit_event::Column::EntityId.eq(id))
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That import".into()))?;
    event
        .after
        .and_then(|a| serde_json::from_value(a).ok())
        .ok_or_else(|| ServiceError::NotFound("That import's summary".into()))
}

/// An imported review as the pages show it.
pub fn known_of(m: &imported_review::Model) -> KnownFactCheck {
    KnownFactCheck {
        id: m.id,
        ours: false,
        url: m.review_url.clone(),
        claim_reviewed: m.claim_reviewed.clone(),
        title: m.title.clone(),
        publisher: m
            .publisher_name
            .clone()
            .or_else(|| m.publisher_site.clone()),
        date_published: m.date_published.clone(),
        textual_rating: m.textual_rating.clone(),
        rating: m.rating.as_deref().and_then(|r| r.parse().ok()),
        language: m.language.clone(),
    }
}

/// A page size for the staff list.
pub const PAGE_SIZE: u64 = 50;

/// Imported fact-checks for the staff list: newest first a page at a time, or, with words,
/// the best matches for them (the same ranking claims get, without dates).
///
/// # Errors
/// `Invalid` for a malformed cursor or over-long words; `Db`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    matcher: &Matcher,
    words: Option<&str>,
    after: Option<&str>,
) -> Result<KnownFactCheckPage, ServiceError> {
    let total = imported_review::Entity::find().count(conn).await?;
    if let Some(words) = words.map(str::trim).filter(|w| !w.is_empty()) {
        if words.chars().count() > 1000 {
            return Err(ServiceError::invalid("Search for at most 1,000 characters"));
        }
        let answer = matcher
            .rank(conn, &Query::new(words, None), None, 0)
            .await?;
        let ids: Vec<Uuid> = answer
            .ranking
            .items
            .iter()
            .filter(|i| !i.ours)
            .take(usize::try_from(PAGE_SIZE).unwrap_or(50))
            .map(|i| i.key)
            .collect();
        let mut found = store::reviews_by_id(conn, &ids).await?;
        let items = ids
            .iter()
            .filter_map(|id| found.remove(id))
            .map(|m| known_of(&m))
            .collect();
        return Ok(KnownFactCheckPage {
            items,
            total,
            next: None,
        });
    }
    let mut q = imported_review::Entity::find()
        .order_by_desc(imported_review::Column::Id)
        .limit(PAGE_SIZE + 1);
    if let Some(a) = after.map(str::trim).filter(|a| !a.is_empty()) {
        let id = Uuid::parse_str(a).map_err(|_| {
            ServiceError::invalid("That page link is not valid; start from the first page")
        })?;
        q = q.filter(imported_review::Column::Id.lt(id));
    }
    let mut rows = q.all(conn).await?;
    let page = usize::try_from(PAGE_SIZE).unwrap_or(50);
    let next = (rows.len() > page).then(|| rows[page - 1].id.to_string());
    rows.truncate(page);
    Ok(KnownFactCheckPage {
        items: rows.iter().map(known_of).collect(),
        total,
        next,
    })
}

/// The review URLs of imported fact-checks by id (for `claimtrail match`).
///
/// # Errors
/// `Db`.
pub async fn urls<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, ServiceError> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Uuid, String)> = imported_review::Entity::find()
            .select_only()
            .column(imported_review::Column::Id)
            .column(imported_review::Column::ReviewUrl)
            .filter(imported_review::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}
