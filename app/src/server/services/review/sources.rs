//! Evidence attached to a claim. Only http(s) addresses are accepted; a pasted excerpt or an
//! uploaded copy of the source is kept as its archived text with its SHA-256, so the evidence
//! outlives the link. A source is withdrawn, never deleted: verdicts keep what they weighed.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::{MAX_BODY_BYTES, ReviewStatus, SourceKind, SourceView, Stance, addresses};
use crate::server::entities::source;
use crate::server::services::accounts::users;
use crate::server::services::{ServiceError, Who, audit, claim_record, now, sha256_hex};

/// How much of an archived copy the workspace shows at a glance.
const PREVIEW_CHARS: usize = 600;

/// A source as a reviewer enters it.
#[derive(Clone, Debug)]
pub struct SourceInput {
    pub url: String,
    pub title: String,
    pub publisher: Option<String>,
    /// `YYYY-MM-DD`, or empty.
    pub published_on: Option<String>,
    pub excerpt: String,
    pub stance: Stance,
    pub kind: SourceKind,
    /// The source's text, pasted; empty keeps what is archived (or, on a new source, archives
    /// the excerpt).
    pub archived_text: Option<String>,
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn limit(field: &str, value: &str, max: usize) -> Result<(), ServiceError> {
    if value.chars().count() > max {
        Err(ServiceError::invalid(format!(
            "The {field} is at most {max} characters"
        )))
    } else {
        Ok(())
    }
}

struct Checked {
    url: String,
    title: String,
    publisher: Option<String>,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    excerpt: String,
    archived: Option<String>,
}

fn check(input: &SourceInput) -> Result<Checked, ServiceError> {
    let url = input.url.trim().to_owned();
    addresses::check_http_url("source's address", &url)?;
    limit("source's address", &url, 2000)?;
    let title = input.title.trim().to_owned();
    if title.is_empty() {
        return Err(ServiceError::invalid("Give the source a title"));
    }
    limit("title", &title, 300)?;
    let publisher = trimmed(input.publisher.as_deref());
    limit("publisher", publisher.as_deref().unwrap_or(""), 200)?;
    let published_at = match trimmed(input.published_on.as_deref()) {
        None => None,
        Some(d) => {
            let date = NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                ServiceError::invalid(format!("'{d}' is not a date: write it as YYYY-MM-DD"))
            })?;
            let at = date
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc())
                .ok_or_else(|| ServiceError::invalid("That date is out of range"))?;
            if at > now() + chrono::Duration::days(1) {
                return Err(ServiceError::invalid(
                    "The source's publication date is in the future",
                ));
            }
            Some(at)
        }
    };
    let excerpt = input.excerpt.trim().to_owned();
    limit("excerpt", &excerpt, 5000)?;
    let archived = trimmed(input.archived_text.as_deref());
    if archived.as_ref().is_some_and(|a| a.len() > MAX_BODY_BYTES) {
        return Err(ServiceError::invalid(format!(
            "The archived copy is larger than {} MB",
            MAX_BODY_BYTES / (1024 * 1024)
        )));
    }
    Ok(Checked {
        url,
        title,
        publisher,
        published_at,
        excerpt,
        archived,
    })
}

fn snapshot(s: &source::Model) -> serde_json::Value {
    json!({
        "claim": s.claim_id,
        "url": s.url,
        "title": s.title,
        "publisher": s.publisher,
        "published": s.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
        "excerpt": s.excerpt,
        "stance": s.stance,
        "kind": s.kind,
        "archived_sha256": s.archived_sha256,
        "removed": s.removed_at.is_some(),
    })
}

/// Keeps an archived copy by its SHA-256, once: copies are never changed or deleted, so the copy
/// a verdict weighed stays readable however the source is edited later.
///
/// # Errors
/// `Db`.
pub async fn keep_copy<C: ConnectionTrait>(
    conn: &C,
    sha256: &str,
    text: &str,
) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "INSERT INTO archived_copy (sha256, text, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (sha256) DO NOTHING"
        }
        _ => {
            "INSERT INTO archived_copy (sha256, text, created_at) VALUES (?, ?, ?) \
             ON CONFLICT (sha256) DO NOTHING"
        }
    };
    conn.execute_raw(sea_orm::Statement::from_sql_and_values(
        backend,
        sql,
        [
            sea_orm::Value::from(sha256),
            sea_orm::Value::from(text),
            sea_orm::Value::from(now()),
        ],
    ))
    .await?;
    Ok(())
}

/// The archived copy with this SHA-256, if one was kept.
///
/// # Errors
/// `Db`.
pub async fn copy_by_hash<C: ConnectionTrait>(
    conn: &C,
    sha256: &str,
) -> Result<Option<String>, ServiceError> {
    Ok(
        crate::server::entities::archived_copy::Entity::find_by_id(sha256.to_owned())
            .one(conn)
            .await?
            .map(|c| c.text),
    )
}

async fn load<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<source::Model, ServiceError> {
    source::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|s| s.removed_at.is_none())
        .ok_or_else(|| ServiceError::NotFound("That source".into()))
}

/// Sources can be attached to any claim that is not dismissed.
async fn ensure_claim_open<C: ConnectionTrait>(
    conn: &C,
    claim_id: Uuid,
) -> Result<(), ServiceError> {
    let c = claim_record::load(conn, claim_id).await?;
    let status: ReviewStatus = c.status.parse()?;
    if !status.takes_evidence() {
        return Err(ServiceError::invalid(
            "This claim is dismissed; restore it before adding evidence",
        ));
    }
    Ok(())
}

/// Attaches a source to a claim.
///
/// # Errors
/// `Invalid` naming the field at fault; `NotFound` for an unknown claim; `Db`.
pub async fn add(
    db: &DatabaseConnection,
    claim_id: Uuid,
    input: &SourceInput,
    who: &Who,
) -> Result<SourceView, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let model = add_in(&txn, claim_id, input, who).await?;
    txn.commit().await?;
    view_one(db, model.id).await
}

/// Attaches a source to a claim inside the caller's transaction (a confirmed prior fact-check
/// becomes evidence in the transaction that records the decision), with its audit event.
///
/// # Errors
/// As `add`.
pub async fn add_in<C: ConnectionTrait>(
    txn: &C,
    claim_id: Uuid,
    input: &SourceInput,
    who: &Who,
) -> Result<source::Model, ServiceError> {
    let c = check(input)?;
    ensure_claim_open(txn, claim_id).await?;
    // One source per address: the same form sent twice (a double click without JavaScript)
    // adds nothing the second time.
    let already = source::Entity::find()
        .filter(source::Column::ClaimId.eq(claim_id))
        .filter(source::Column::Url.eq(c.url.as_str()))
        .filter(source::Column::RemovedAt.is_null())
        .count(txn)
        .await?;
    if already > 0 {
        return Err(ServiceError::invalid(
            "That address is already one of this claim's sources: change that source instead",
        ));
    }
    let t = now();
    let archived = c
        .archived
        .or_else(|| (!c.excerpt.is_empty()).then(|| c.excerpt.clone()));
    let model = source::ActiveModel {
        id: Set(Uuid::now_v7()),
        claim_id: Set(claim_id),
        url: Set(c.url),
        title: Set(c.title),
        publisher: Set(c.publisher),
        published_at: Set(c.published_at),
        accessed_at: Set(t),
        excerpt: Set(c.excerpt),
        stance: Set(input.stance.as_str().to_owned()),
        kind: Set(input.kind.as_str().to_owned()),
        archived_sha256: Set(archived.as_ref().map(|a| sha256_hex(a.as_bytes()))),
        archived_text: Set(archived),
        added_by: Set(who.user_id),
        version: Set(1),
        created_at: Set(t),
        updated_at: Set(t),
        removed_at: Set(None),
        removed_by: Set(None),
    }
    .insert(txn)
    .await?;
    if let (Some(sha), Some(text)) = (&model.archived_sha256, &model.archived_text) {
        keep_copy(txn, sha, text).await?;
    }
    audit::record(
        txn,
        who,
        "source.add",
        "source",
        model.id,
        None,
        Some(snapshot(&model)),
    )
    .await?;
    crate::server::services::search::reindex(txn, claim_id).await?;
    Ok(model)
}

async fn write_versioned<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    version: i32,
    set: impl FnOnce(sea_orm::UpdateMany<source::Entity>) -> sea_orm::UpdateMany<source::Entity>,
) -> Result<source::Model, ServiceError> {
    let update = source::Entity::update_many()
        .col_expr(
            source::Column::Version,
            Expr::col(source::Column::Version).add(1),
        )
        .col_expr(source::Column::UpdatedAt, Expr::value(now()))
        .filter(source::Column::Id.eq(id))
        .filter(source::Column::Version.eq(version));
    if set(update).exec(conn).await?.rows_affected == 0 {
        return Err(audit::stale(conn, vec![id], "source").await);
    }
    source::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That source".into()))
}

/// Corrects a source. An empty archived text keeps the archived copy.
///
/// # Errors
/// As `add`; `Conflict` if the source changed since `version`.
pub async fn update(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    input: &SourceInput,
    who: &Who,
) -> Result<SourceView, ServiceError> {
    let c = check(input)?;
    let txn = crate::server::services::begin_write(db).await?;
    let current = load(&txn, id).await?;
    ensure_claim_open(&txn, current.claim_id).await?;
    let before = snapshot(&current);
    let updated = write_versioned(&txn, id, version, |u| {
        let u = u
            .col_expr(source::Column::Url, Expr::value(c.url))
            .col_expr(source::Column::Title, Expr::value(c.title))
            .col_expr(source::Column::Publisher, Expr::value(c.publisher))
            .col_expr(source::Column::PublishedAt, Expr::value(c.published_at))
            .col_expr(source::Column::Excerpt, Expr::value(c.excerpt))
            .col_expr(source::Column::Stance, Expr::value(input.stance.as_str()))
            .col_expr(source::Column::Kind, Expr::value(input.kind.as_str()));
        match c.archived {
            Some(a) => u
                .col_expr(
                    source::Column::ArchivedSha256,
                    Expr::value(sha256_hex(a.as_bytes())),
                )
                .col_expr(source::Column::ArchivedText, Expr::value(a)),
            None => u,
        }
    })
    .await?;
    if let (Some(sha), Some(text)) = (&updated.archived_sha256, &updated.archived_text) {
        keep_copy(&txn, sha, text).await?;
    }
    audit::record(
        &txn,
        who,
        "source.update",
        "source",
        id,
        Some(before),
        Some(snapshot(&updated)),
    )
    .await?;
    crate::server::services::search::reindex(&txn, current.claim_id).await?;
    txn.commit().await?;
    view_one(db, id).await
}

/// Keeps `text` (an uploaded copy of the source) as the archived copy.
///
/// # Errors
/// `Invalid` for an empty or oversized copy; `Conflict`; `NotFound`; `Db`.
pub async fn archive(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    text: &str,
    who: &Who,
) -> Result<SourceView, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ServiceError::invalid("The uploaded copy has no text"));
    }
    if text.len() > MAX_BODY_BYTES {
        return Err(ServiceError::invalid(format!(
            "The archived copy is larger than {} MB",
            MAX_BODY_BYTES / (1024 * 1024)
        )));
    }
    let txn = crate::server::services::begin_write(db).await?;
    let current = load(&txn, id).await?;
    let before = snapshot(&current);
    let hash = sha256_hex(text.as_bytes());
    let updated = write_versioned(&txn, id, version, |u| {
        u.col_expr(source::Column::ArchivedText, Expr::value(text))
            .col_expr(source::Column::ArchivedSha256, Expr::value(hash))
    })
    .await?;
    if let (Some(sha), Some(text)) = (&updated.archived_sha256, &updated.archived_text) {
        keep_copy(&txn, sha, text).await?;
    }
    audit::record(
        &txn,
        who,
        "source.archive",
        "source",
        id,
        Some(before),
        Some(snapshot(&updated)),
    )
    .await?;
    txn.commit().await?;
    view_one(db, id).await
}

/// Withdraws a source from a claim. The row stays (verdicts and the audit trail refer to it).
///
/// # Errors
/// `Invalid` without a reason; `Conflict`; `NotFound`; `Db`.
pub async fn remove(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    reason: &str,
    who: &Who,
) -> Result<(), ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    remove_in(&txn, id, Some(version), reason, who).await?;
    txn.commit().await?;
    Ok(())
}

/// [`remove`] inside the caller's transaction; `version` `None` withdraws the source as it
/// stands (a withdrawal the system makes on the reviewer's behalf, such as a prior fact-check
/// found not to be the same claim). A source already withdrawn stays as it is.
///
/// # Errors
/// As [`remove`].
pub async fn remove_in<C: ConnectionTrait>(
    txn: &C,
    id: Uuid,
    version: Option<i32>,
    reason: &str,
    who: &Who,
) -> Result<(), ServiceError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "Say why the source is removed; the reason is kept in its history",
        ));
    }
    limit("reason", reason, 500)?;
    let current = load(txn, id).await?;
    if version.is_none() && current.removed_at.is_some() {
        return Ok(());
    }
    let before = snapshot(&current);
    let t = now();
    let updated = write_versioned(txn, id, version.unwrap_or(current.version), |u| {
        u.col_expr(source::Column::RemovedAt, Expr::value(t))
            .col_expr(source::Column::RemovedBy, Expr::value(who.user_id))
    })
    .await?;
    let mut after = snapshot(&updated);
    after["reason"] = json!(reason);
    audit::record(
        txn,
        who,
        "source.remove",
        "source",
        id,
        Some(before),
        Some(after),
    )
    .await?;
    crate::server::services::search::reindex(txn, current.claim_id).await?;
    Ok(())
}

async fn view_one<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<SourceView, ServiceError> {
    let s = load(db, id).await?;
    views_of(db, vec![s])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That source".into()))
}

/// The claim's current sources, oldest first.
///
/// # Errors
/// `Db`, or `Internal` for a row that no longer parses.
pub async fn for_claim<C: ConnectionTrait>(
    db: &C,
    claim_id: Uuid,
) -> Result<Vec<SourceView>, ServiceError> {
    let rows = source::Entity::find()
        .filter(source::Column::ClaimId.eq(claim_id))
        .filter(source::Column::RemovedAt.is_null())
        .order_by_asc(source::Column::Id)
        .all(db)
        .await?;
    views_of(db, rows).await
}

/// The ids of every source the claim ever had, removed ones included (for its history).
///
/// # Errors
/// `Db`.
pub async fn all_ids<C: ConnectionTrait>(
    db: &C,
    claim_id: Uuid,
) -> Result<Vec<Uuid>, ServiceError> {
    Ok(source::Entity::find()
        .filter(source::Column::ClaimId.eq(claim_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

/// A source's archived copy, whole.
///
/// # Errors
/// `NotFound` if the source or its copy does not exist.
pub async fn archived_text<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
) -> Result<(SourceView, String), ServiceError> {
    let s = source::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That source".into()))?;
    let text = s
        .archived_text
        .clone()
        .ok_or_else(|| ServiceError::NotFound("An archived copy of that source".into()))?;
    let view = views_of(db, vec![s])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That source".into()))?;
    Ok((view, text))
}

async fn views_of<C: ConnectionTrait>(
    db: &C,
    rows: Vec<source::Model>,
) -> Result<Vec<SourceView>, ServiceError> {
    let names = users::refs(db, rows.iter().filter_map(|s| s.added_by)).await?;
    rows.into_iter()
        .map(|s| {
            Ok(SourceView {
                id: s.id,
                claim_id: s.claim_id,
                stance: s.stance.parse()?,
                kind: s.kind.parse()?,
                archived_chars: s.archived_text.as_ref().map_or(0, |a| a.chars().count()),
                archived_preview: s
                    .archived_text
                    .as_ref()
                    .map(|a| a.chars().take(PREVIEW_CHARS).collect()),
                archived_sha256: s.archived_sha256,
                url: s.url,
                title: s.title,
                publisher: s.publisher,
                published_on: s.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
                accessed_at: crate::server::services::display_time(s.accessed_at),
                excerpt: s.excerpt,
                added_by: s
                    .added_by
                    .and_then(|u| names.get(&u).map(|r| r.name.clone())),
                version: s.version,
            })
        })
        .collect()
}
