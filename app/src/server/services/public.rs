//! Published fact-checks as anyone may see them: the claim's public address (a readable slug
//! and a short id, fixed at its first publication), its page, and what the page's cache
//! validator is computed from.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::{ServiceError, articles, display_time, sources, users, verdicts};
use crate::domain::{
    ActorKind, ArticleRef, HistoryEntry, PublicClaim, PublicSource, ReviewStatus, VerdictState,
};
use crate::server::entities::{actor, article, audit_event, claim, source, verdict};

/// The statuses in which a claim has a public page: published, retracted (with its notice), or
/// published with a newer verdict awaiting approval.
pub fn is_public(c: &claim::Model) -> bool {
    c.short_id.is_some()
        && matches!(
            c.status.parse::<ReviewStatus>(),
            Ok(ReviewStatus::Published | ReviewStatus::Retracted | ReviewStatus::VerdictProposed)
        )
}

/// Up to eight words of the quote, lower case, joined by hyphens, at most 60 characters.
pub fn slug_words(quote: &str) -> String {
    let mut out = String::new();
    for word in quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
    {
        let w = word.to_lowercase();
        if out.len() + w.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    if out.is_empty() {
        "claim".to_owned()
    } else {
        out
    }
}

/// Gives a claim its public address and first publication date, once; later publications keep
/// them, so links never break. Call it in the approving transaction.
///
/// # Errors
/// `Db`.
pub async fn ensure_address<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    if c.short_id.is_some() {
        return Ok(());
    }
    // 10 hex digits: 2^40 ids; a clash is retried.
    let short_id = loop {
        let candidate = super::random_hex(5);
        let exists = claim::Entity::find()
            .filter(claim::Column::ShortId.eq(&candidate))
            .count(conn)
            .await?;
        if exists == 0 {
            break candidate;
        }
    };
    let slug = format!("{}-{short_id}", slug_words(&c.quote));
    claim::Entity::update_many()
        .col_expr(claim::Column::ShortId, Expr::value(short_id))
        .col_expr(claim::Column::Slug, Expr::value(slug))
        .col_expr(claim::Column::PublishedAt, Expr::value(at))
        .filter(claim::Column::Id.eq(c.id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The short id at the end of a slug ("…-3fa85f64c1" → "3fa85f64c1").
fn short_id_of(slug: &str) -> &str {
    slug.rsplit('-').next().unwrap_or(slug)
}

/// The public claim a slug names. Any words before the short id find it, so an old or
/// shortened link still works; the caller redirects to `canonical` when it differs.
///
/// # Errors
/// `NotFound` for an unknown or unpublished claim; `Db`.
pub async fn find<C: ConnectionTrait>(conn: &C, slug: &str) -> Result<claim::Model, ServiceError> {
    let not_found = || ServiceError::NotFound("That fact-check".into());
    let short = short_id_of(slug);
    if short.is_empty() || short.len() > 16 {
        return Err(not_found());
    }
    claim::Entity::find()
        .filter(claim::Column::ShortId.eq(short))
        .one(conn)
        .await?
        .filter(is_public)
        .ok_or_else(not_found)
}

/// What a published page depends on: the claim's version and the latest change
/// to its verdicts and sources. Any change to what the page shows changes it.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn revision<C: ConnectionTrait>(conn: &C, slug: &str) -> Result<Revision, ServiceError> {
    // One round trip: this runs on every request for a published page.
    let not_found = || ServiceError::NotFound("That fact-check".into());
    let short = short_id_of(slug);
    if short.is_empty() || short.len() > 16 {
        return Err(not_found());
    }
    let backend = conn.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "SELECT c.slug, c.status, c.version, \
             (SELECT MAX(v.updated_at)::text FROM verdict v WHERE v.claim_id = c.id) AS v, \
             (SELECT MAX(s.updated_at)::text FROM source s WHERE s.claim_id = c.id) AS s \
             FROM claim c WHERE c.short_id = $1"
        }
        _ => {
            "SELECT c.slug, c.status, c.version, \
             (SELECT MAX(v.updated_at) FROM verdict v WHERE v.claim_id = c.id) AS v, \
             (SELECT MAX(s.updated_at) FROM source s WHERE s.claim_id = c.id) AS s \
             FROM claim c WHERE c.short_id = ?"
        }
    };
    let row = conn
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            sql,
            [sea_orm::Value::from(short.to_owned())],
        ))
        .await?
        .ok_or_else(not_found)?;
    let status: String = row.try_get("", "status")?;
    if !matches!(
        status.parse::<ReviewStatus>(),
        Ok(ReviewStatus::Published | ReviewStatus::Retracted | ReviewStatus::VerdictProposed)
    ) {
        return Err(not_found());
    }
    let version: i32 = row.try_get("", "version")?;
    let latest_verdict: Option<String> = row.try_get("", "v")?;
    let latest_source: Option<String> = row.try_get("", "s")?;
    Ok(Revision {
        key: format!(
            "{short}:{version}:{}:{}",
            latest_verdict.unwrap_or_default(),
            latest_source.unwrap_or_default()
        ),
        canonical: row.try_get("", "slug")?,
    })
}

/// A published page's revision: what its cache validator is made of, and its canonical slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    pub key: String,
    pub canonical: Option<String>,
}

/// The public page of a claim.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn page<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    site_url: &str,
) -> Result<PublicClaim, ServiceError> {
    let model = find(conn, slug).await?;
    let canonical = model.slug.clone().unwrap_or_default();
    let claimant_is_person = match model.claimant_id {
        Some(id) => actor::Entity::find_by_id(id)
            .one(conn)
            .await?
            .is_some_and(|a| a.kind == ActorKind::Person.as_str()),
        None => false,
    };
    let published_at = model.published_at.unwrap_or(model.updated_at);
    let modified_at = model.updated_at;
    let claim = articles::claim_views(conn, vec![model.clone()])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That fact-check".into()))?;
    let a = article::Entity::find_by_id(model.article_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The claim's article".into()))?;
    let all_verdicts = verdicts::for_claim(conn, model.id).await?;
    // The verdict in force, or the retracted one; earlier approved verdicts it superseded.
    let verdict = all_verdicts
        .iter()
        .find(|v| matches!(v.state, VerdictState::Approved | VerdictState::Retracted))
        .cloned();
    let earlier: Vec<_> = all_verdicts
        .iter()
        .filter(|v| v.state == VerdictState::Superseded)
        .cloned()
        .collect();
    // The sources the verdict weighed, as they are now (a removed one is still shown: it was weighed).
    let weighed: Vec<Uuid> = verdict
        .as_ref()
        .map(|v| v.evidence.iter().map(|e| e.source_id).collect())
        .unwrap_or_default();
    let rows = source::Entity::find()
        .filter(source::Column::Id.is_in(weighed.clone()))
        .order_by_asc(source::Column::Id)
        .all(conn)
        .await?;
    let sources = rows
        .into_iter()
        .map(|s| {
            Ok(PublicSource {
                id: s.id,
                stance: s.stance.parse()?,
                kind: s.kind.parse()?,
                archived_chars: s.archived_text.as_ref().map_or(0, |t| t.chars().count()),
                archived_sha256: s.archived_sha256,
                url: s.url,
                title: s.title,
                publisher: s.publisher,
                published_on: s.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
                excerpt: s.excerpt,
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    let history = public_history(conn, model.id, &all_verdicts, &weighed, a.id).await?;
    Ok(PublicClaim {
        url: format!("{}/claims/{canonical}", site_url.trim_end_matches('/')),
        slug: canonical,
        claim,
        claimant_is_person,
        article: ArticleRef {
            id: a.id,
            title: a.title,
            publisher: a.publisher,
            url: a.url,
            published_at: a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
            ingested_at: display_time(a.created_at),
        },
        verdict,
        earlier,
        sources,
        history,
        published_on: published_at.format("%Y-%m-%d").to_string(),
        modified_on: modified_at.format("%Y-%m-%d").to_string(),
    })
}

/// The events a reader sees: the article's ingestion, corrections to the claim, evidence
/// attached or withdrawn, and verdicts approved, superseded and retracted — with the names
/// people chose to show, never their email addresses. Discussion and rejected proposals stay
/// internal.
async fn public_history<C: ConnectionTrait>(
    conn: &C,
    claim_id: Uuid,
    verdicts: &[crate::domain::VerdictView],
    sources: &[Uuid],
    article_id: Uuid,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    const SHOWN: &[&str] = &[
        "article.ingest",
        "claim.update",
        "claim.split",
        "claim.merge",
        "claim.set_figures",
        "source.add",
        "source.update",
        "source.remove",
        "verdict.approve",
        "verdict.retract",
    ];
    let mut ids = vec![claim_id, article_id];
    ids.extend(sources);
    ids.extend(verdicts.iter().map(|v| v.id));
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.is_in(ids))
        .filter(audit_event::Column::Action.is_in(SHOWN.iter().copied()))
        .order_by_asc(audit_event::Column::Seq)
        .all(conn)
        .await?;
    let names = users::refs(conn, events.iter().filter_map(|e| e.actor_id)).await?;
    Ok(events
        .into_iter()
        .map(|e| HistoryEntry {
            seq: e.seq,
            at: display_time(e.created_at),
            actor: e
                .actor_id
                .and_then(|id| names.get(&id).map(|r| r.name.clone()))
                .unwrap_or_else(|| "Claimtrail".to_owned()),
            summary: public_summary(&e),
            action: e.action,
        })
        .collect())
}

fn public_summary(e: &audit_event::Model) -> String {
    let field = |k: &str| {
        e.after
            .as_ref()
            .and_then(|a| a.get(k))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    match e.action.as_str() {
        "article.ingest" => "The article was collected and its claims extracted".to_owned(),
        "verdict.approve" => format!("Verdict published: {}", field("rating").replace('_', " ")),
        "verdict.retract" => format!("Fact-check retracted: {}", field("reason")),
        "source.add" => format!("Evidence attached: {}", field("title")),
        "source.remove" => format!("Evidence withdrawn: {}", field("reason")),
        "source.update" => format!("Evidence corrected: {}", field("title")),
        _ => format!(
            "Claim corrected: {}",
            super::audit::describe(e.before.as_ref(), e.after.as_ref())
        ),
    }
}

/// Published claims, newest publication first, a page at a time (keyset on publication time
/// and id), optionally narrowed to the claims `matching` found.
///
/// # Errors
/// `Db`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &crate::domain::PublicFilter,
    limit: u64,
) -> Result<crate::domain::PublicList, ServiceError> {
    use crate::domain::{PublicList, PublicListItem};
    let mut q = claim::Entity::find()
        .filter(claim::Column::ShortId.is_not_null())
        .filter(claim::Column::Status.is_in([
            ReviewStatus::Published.as_str(),
            ReviewStatus::Retracted.as_str(),
            ReviewStatus::VerdictProposed.as_str(),
        ]));
    if let Some(k) = filter.kind {
        q = q.filter(claim::Column::Kind.eq(k.as_str()));
    }
    if let Some(words) = filter.q.as_deref().filter(|w| !w.trim().is_empty()) {
        let ids = super::search::matching(conn, words, 1000).await?;
        q = q.filter(claim::Column::Id.is_in(ids));
    }
    if let Some(name) = filter.actor.as_deref().filter(|w| !w.trim().is_empty()) {
        let ids: Vec<Uuid> = actor::Entity::find()
            .filter(actor::Column::Name.eq(name.trim()))
            .all(conn)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        q = q.filter(
            sea_orm::Condition::any()
                .add(claim::Column::ClaimantId.is_in(ids.clone()))
                .add(claim::Column::TargetId.is_in(ids)),
        );
    }
    if let Some(r) = filter.rating {
        let with_rating: Vec<Uuid> = verdict::Entity::find()
            .select_only()
            .column(verdict::Column::ClaimId)
            .filter(verdict::Column::State.eq(VerdictState::Approved.as_str()))
            .filter(verdict::Column::Rating.eq(r.as_str()))
            .into_tuple()
            .all(conn)
            .await?;
        q = q.filter(claim::Column::Id.is_in(with_rating));
    }
    if let Some((at, id)) = filter.after.as_deref().and_then(decode_cursor) {
        q = q.filter(
            sea_orm::Condition::any()
                .add(claim::Column::PublishedAt.lt(at))
                .add(
                    sea_orm::Condition::all()
                        .add(claim::Column::PublishedAt.eq(at))
                        .add(claim::Column::Id.lt(id)),
                ),
        );
    }
    let mut rows = q
        .order_by_desc(claim::Column::PublishedAt)
        .order_by_desc(claim::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = (rows.len() as u64 > limit).then(|| {
        let last = &rows[usize::try_from(limit).unwrap_or(0).saturating_sub(1)];
        encode_cursor(last.published_at.unwrap_or(last.updated_at), last.id)
    });
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
    let standing: std::collections::HashMap<Uuid, verdict::Model> = verdict::Entity::find()
        .filter(verdict::Column::ClaimId.is_in(ids))
        .filter(verdict::Column::State.is_in([
            VerdictState::Approved.as_str(),
            VerdictState::Retracted.as_str(),
        ]))
        .order_by_asc(verdict::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.claim_id, v))
        .collect();
    let slugs: Vec<(Uuid, String, Option<chrono::DateTime<chrono::Utc>>)> = rows
        .iter()
        .map(|c| (c.id, c.slug.clone().unwrap_or_default(), c.published_at))
        .collect();
    let views = articles::claim_views(conn, rows).await?;
    let items = views
        .into_iter()
        .zip(slugs)
        .map(|(claim, (id, slug, at))| {
            let v = standing.get(&id);
            Ok(PublicListItem {
                slug,
                rating: v.map(|v| v.rating.parse()).transpose()?,
                retracted: v.is_some_and(|v| v.state == VerdictState::Retracted.as_str()),
                published_on: at
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                claim,
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    Ok(PublicList { items, next })
}

fn encode_cursor(at: chrono::DateTime<chrono::Utc>, id: Uuid) -> String {
    format!("{}_{id}", at.timestamp_micros())
}

fn decode_cursor(s: &str) -> Option<(chrono::DateTime<chrono::Utc>, Uuid)> {
    let (t, id) = s.split_once('_')?;
    Some((
        chrono::DateTime::from_timestamp_micros(t.parse().ok()?)?,
        Uuid::parse_str(id).ok()?,
    ))
}

/// A source's archived copy, if the source was weighed by a public claim's verdict.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn archived_copy<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    source_id: Uuid,
) -> Result<(crate::domain::SourceView, String), ServiceError> {
    // Only a copy the public claim's verdict weighed is public: read that verdict's evidence,
    // not the whole page.
    let c = find(conn, slug).await?;
    let weighed = verdicts::for_claim(conn, c.id)
        .await?
        .into_iter()
        .find(|v| matches!(v.state, VerdictState::Approved | VerdictState::Retracted))
        .is_some_and(|v| v.evidence.iter().any(|e| e.source_id == source_id));
    if !weighed {
        return Err(ServiceError::NotFound("That source".into()));
    }
    sources::archived_text(conn, source_id).await
}
