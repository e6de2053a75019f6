//! Ingesting an article: deduplicated by the SHA-256 of its text, with its claims extracted and
//! stored in the same transaction.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::{IngestOutcome, MAX_BODY_BYTES, MAX_TITLE_CHARS, addresses};
use crate::reading;
use crate::server::entities::{article, claim};
use crate::server::services::{ServiceError, Who, audit, claim_record, now, provenance};

/// An article as submitted, before checks.
#[derive(Clone, Debug, Default)]
pub struct NewArticle {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub section: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub language: Option<String>,
    pub image_url: Option<String>,
    /// The text as received: in the export layout or plain.
    pub text: String,
}

/// What reading the layout gave, owned (it is made on a blocking thread).
struct Composed {
    title: Option<String>,
    image_url: Option<String>,
    publisher: Option<String>,
    section: Option<String>,
    published_local: Option<chrono::NaiveDateTime>,
    url: Option<String>,
    body: String,
}

impl From<reading::Reading<'_>> for Composed {
    fn from(r: reading::Reading<'_>) -> Self {
        Composed {
            title: r.title,
            image_url: r.image_url,
            publisher: r.publisher,
            section: r.section,
            published_local: r.published_local,
            url: r.url,
            body: r.body,
        }
    }
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Stores an article and the claims extracted from it, or points to the stored copy of the
/// same text.
///
/// # Errors
/// `Invalid` for empty or oversized text, a missing title, a language that is not a language
/// tag, or a non-http(s) url; `TooMany` when
/// the extraction pool is full; `Db` if the database failed (nothing is then stored).
pub async fn ingest(
    db: &DatabaseConnection,
    new: NewArticle,
    who: &Who,
) -> Result<IngestOutcome, ServiceError> {
    if new.text.len() > MAX_BODY_BYTES {
        return Err(ServiceError::invalid(format!(
            "The article is {} KB; the limit is {} KB",
            new.text.len() / 1024,
            MAX_BODY_BYTES / 1024
        )));
    }
    if new.text.contains('\0') {
        return Err(ServiceError::invalid(
            "The text contains binary data (NUL bytes)",
        ));
    }
    // Layout → text: the header lines become details, the rest is the text claims index. Like
    // extraction, it runs in the bounded extraction pool, off the async workers.
    let text = new.text;
    let composed = crate::server::work::extraction()
        .run(move || Composed::from(reading::read(&text)))
        .await?;
    if composed.body.trim().is_empty() {
        return Err(ServiceError::invalid("The article has no text"));
    }
    let title = clean(new.title)
        .or(composed.title.clone())
        .ok_or_else(|| ServiceError::invalid("A title is required"))?;
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ServiceError::invalid(format!(
            "The title is longer than {MAX_TITLE_CHARS} characters"
        )));
    }
    // Typed names follow the rules a correction follows.
    for (field, typed) in [("publisher", &new.publisher), ("byline", &new.byline)] {
        crate::domain::check_name(field, typed.as_deref().unwrap_or_default())
            .map_err(ServiceError::invalid)?;
    }
    let language = crate::domain::check_language(new.language.as_deref().unwrap_or_default())
        .map_err(ServiceError::invalid)?;
    let url = clean(new.url);
    if let Some(u) = &url {
        addresses::check_http_url("article url", u)?;
    }
    // The header's address is used when none is given, if it is one.
    let url = url.or(composed
        .url
        .clone()
        .filter(|u| addresses::check_http_url("article url", u).is_ok()));
    let image_url = clean(new.image_url).or(composed.image_url.clone());
    if let Some(u) = &image_url {
        addresses::check_http_url("image url", u)?;
    }
    let body_sha256 = crate::server::services::sha256_hex(composed.body.as_bytes());
    // A stored copy of the same text is answered before the costly step.
    if let Some(outcome) = existing_copy(db, &body_sha256).await? {
        // A copy stored while filing failed is filed now.
        let filed = file(db, outcome.article_id, who).await;
        return Ok(IngestOutcome { filed, ..outcome });
    }
    // Text → claims is pure CPU work: done in the pool, before the transaction holds the
    // write lock.
    let body = composed.body.clone();
    let claims = crate::server::work::extraction()
        .run(move || reading::claims_of_stored_text(&body))
        .await?;
    let publisher = clean(new.publisher).or(composed.publisher.clone());
    let txn = crate::server::services::begin_write(db).await?;
    let t = now();
    let id = Uuid::now_v7();
    let published_at = new
        .published_at
        .or_else(|| composed.published_local.map(|d| d.and_utc()));
    let a = article::ActiveModel {
        id: Set(id),
        title: Set(title.clone()),
        publisher: Set(publisher.clone()),
        url: Set(url),
        byline: Set(clean(new.byline)),
        section: Set(clean(new.section).or(composed.section)),
        published_at: Set(published_at),
        language: Set(language.unwrap_or_else(|| "en".to_owned())),
        body: Set(composed.body.clone()),
        body_sha256: Set(body_sha256.clone()),
        image_url: Set(image_url),
        ingested_by: Set(who.user_id),
        created_at: Set(t),
        updated_at: Set(t),
        version: Set(1),
    };
    if let Err(e) = a.insert(&txn).await {
        // Two submissions of the same text at once: the loser of the race gets the winner's copy.
        if matches!(
            e.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) {
            txn.rollback().await?;
            return existing_copy(db, &body_sha256).await?.ok_or_else(|| {
                ServiceError::Internal("unique body hash violated, yet no row has it".into())
            });
        }
        return Err(e.into());
    }
    claim_record::insert_extracted(
        &txn,
        &claim_record::Article {
            id,
            title: &title,
            publisher: publisher.as_deref(),
        },
        &claims,
        t,
    )
    .await?;
    audit::record(
        &txn,
        who,
        "article.ingest",
        "article",
        id,
        None,
        Some(json!({"title": title, "body_sha256": body_sha256, "claims": claims.len()})),
    )
    .await?;
    txn.commit().await?;
    let filed = file(db, id, who).await;
    Ok(IngestOutcome {
        article_id: id,
        duplicate: false,
        claim_count: claims.len() as u64,
        filed,
    })
}

/// Files a stored article into its story and links its claims (a second, short transaction).
/// The article is stored whatever happens here: a failure is logged, and the article is filed
/// when it is submitted again or by `provenance::filing::file_unfiled` (a server does it as it
/// starts). Returns whether the article is in a story.
async fn file(db: &DatabaseConnection, article_id: Uuid, who: &Who) -> bool {
    match provenance::filing::file_article(db, article_id, who).await {
        Ok(_) => true,
        Err(e) => {
            tracing::error!(error = %e, %article_id, "filing the article into its story failed");
            false
        }
    }
}

/// The stored article with this body hash, as a duplicate outcome.
async fn existing_copy(
    db: &DatabaseConnection,
    body_sha256: &str,
) -> Result<Option<IngestOutcome>, ServiceError> {
    let Some(existing) = article::Entity::find()
        .filter(article::Column::BodySha256.eq(body_sha256))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let count = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(existing.id))
        .count(db)
        .await?;
    Ok(Some(IngestOutcome {
        article_id: existing.id,
        duplicate: true,
        claim_count: count,
        filed: true,
    }))
}
