//! Published fact-checks as anyone may see them: finding one by its public address (a readable
//! slug and a short id, fixed at its first publication by `claim_record`), its page, and what
//! the page's cache validator is computed from.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::domain::{
    ActorKind, ArticleRef, HistoryEntry, PublicClaim, PublicSource, ReviewStatus, VerdictState,
};
use crate::domain::{addresses, claimreview};
use crate::server::Site;
use crate::server::entities::{actor, article, audit_event, claim, source};
use crate::server::services::accounts::users;
use crate::server::services::review::{sources, verdicts};
use crate::server::services::{ServiceError, claim_record, display_time, provenance};

/// Whether a claim has a public page: it was published once (it has its address) and its status
/// keeps it public.
pub fn is_public(c: &claim::Model) -> bool {
    c.short_id.is_some()
        && c.status
            .parse::<ReviewStatus>()
            .is_ok_and(ReviewStatus::is_public)
}

/// The public claim a slug names. Any words before the short id find it, so an old or
/// shortened link still works; the caller redirects to `canonical` when it differs.
///
/// # Errors
/// `NotFound` for an unknown or unpublished claim; `Db`.
pub async fn find<C: ConnectionTrait>(conn: &C, slug: &str) -> Result<claim::Model, ServiceError> {
    let not_found = || ServiceError::NotFound("That fact-check".into());
    let short = addresses::short_id_of(slug).ok_or_else(not_found)?;
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
    let short = addresses::short_id_of(slug).ok_or_else(not_found)?;
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
    if !status
        .parse::<ReviewStatus>()
        .is_ok_and(ReviewStatus::is_public)
    {
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
    site: &Site,
) -> Result<PublicClaim, ServiceError> {
    let model = find(conn, slug).await?;
    pages(conn, vec![model], site)
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That fact-check".into()))
}

/// The events a reader sees: the article's ingestion, corrections to the claim, evidence
/// attached or withdrawn, and verdicts approved, superseded and retracted — with the names
/// people chose to show, never their email addresses. Discussion and rejected proposals stay
/// internal.
const PUBLIC_EVENTS: &[&str] = &[
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

/// The verdict a public page stands on: the one in force, or the retracted one (`all` is
/// newest first).
fn standing(all: &[crate::domain::VerdictView]) -> Option<&crate::domain::VerdictView> {
    all.iter().find(|v| v.state.stands())
}

/// The public pages of published claims, in the order given, in the same few queries however
/// many there are (the feed, the CSV export and the verdicts API build hundreds at once). Each
/// carries its ClaimReview, built here once for every output.
///
/// # Errors
/// `NotFound` if a claim's article is gone; `Db`; `Internal` for a row that no longer parses.
pub async fn pages<C: ConnectionTrait>(
    conn: &C,
    models: Vec<claim::Model>,
    site: &Site,
) -> Result<Vec<PublicClaim>, ServiceError> {
    use std::collections::{HashMap, HashSet};
    if models.is_empty() {
        return Ok(Vec::new());
    }
    let persons: HashSet<Uuid> = actor::Entity::find()
        .select_only()
        .column(actor::Column::Id)
        .filter(actor::Column::Id.is_in(models.iter().filter_map(|m| m.claimant_id)))
        .filter(actor::Column::Kind.eq(ActorKind::Person.as_str()))
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let articles: HashMap<Uuid, article::Model> = article::Entity::find()
        .filter(article::Column::Id.is_in(models.iter().map(|m| m.article_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let claim_ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let mut verdicts_of = verdicts::for_claims(conn, &claim_ids).await?;
    // Per claim: the verdict in force (or the retracted one), the superseded ones, and the
    // sources the verdict weighed.
    let mut parts = Vec::with_capacity(models.len());
    for m in &models {
        let all = verdicts_of.remove(&m.id).unwrap_or_default();
        let verdict = standing(&all).cloned();
        let weighed: Vec<Uuid> = verdict
            .as_ref()
            .map(|v| v.evidence.iter().map(|e| e.source_id).collect())
            .unwrap_or_default();
        parts.push((all, verdict, weighed));
    }
    // A removed source is still shown: it was weighed.
    let sources: HashMap<Uuid, source::Model> = source::Entity::find()
        .filter(source::Column::Id.is_in(parts.iter().flat_map(|(_, _, w)| w.iter().copied())))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    // The history of every page at once: the events of each claim, its article, its verdicts
    // and the sources weighed.
    let mut readers: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (i, (m, (all, _, weighed))) in models.iter().zip(&parts).enumerate() {
        let ids = [m.id, m.article_id]
            .into_iter()
            .chain(weighed.iter().copied())
            .chain(all.iter().map(|v| v.id));
        for id in ids {
            readers.entry(id).or_default().push(i);
        }
    }
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.is_in(readers.keys().copied()))
        .filter(audit_event::Column::Action.is_in(PUBLIC_EVENTS.iter().copied()))
        .order_by_asc(audit_event::Column::Seq)
        .all(conn)
        .await?;
    let names = users::refs(conn, events.iter().filter_map(|e| e.actor_id)).await?;
    let mut histories: Vec<Vec<HistoryEntry>> = vec![Vec::new(); models.len()];
    for e in &events {
        let entry = HistoryEntry {
            seq: e.seq,
            at: display_time(e.created_at),
            actor: e
                .actor_id
                .and_then(|id| names.get(&id).map(|r| r.name.clone()))
                .unwrap_or_else(|| "Claimtrail".to_owned()),
            summary: public_summary(e),
            action: e.action.clone(),
        };
        for i in readers.get(&e.entity_id).into_iter().flatten() {
            histories[*i].push(entry.clone());
        }
    }
    let views = claim_record::views(conn, models.clone()).await?;
    let ids: Vec<(Uuid, Uuid)> = models.iter().map(|m| (m.id, m.article_id)).collect();
    let mut provenance = provenance::views::public_provenance(conn, &ids).await?;
    let site_url = site.url.trim_end_matches('/');
    let mut out = Vec::with_capacity(models.len());
    for (((model, claim), (all, verdict, weighed)), history) in
        models.into_iter().zip(views).zip(parts).zip(histories)
    {
        let a = articles
            .get(&model.article_id)
            .ok_or_else(|| ServiceError::NotFound("The claim's article".into()))?;
        let mut shown: Vec<&source::Model> =
            weighed.iter().filter_map(|id| sources.get(id)).collect();
        shown.sort_by_key(|s| s.id);
        let sources = shown
            .into_iter()
            .map(|s| {
                Ok(PublicSource {
                    id: s.id,
                    stance: s.stance.parse()?,
                    kind: s.kind.parse()?,
                    archived_chars: s.archived_text.as_ref().map_or(0, |t| t.chars().count()),
                    archived_sha256: s.archived_sha256.clone(),
                    url: s.url.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    published_on: s.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
                    excerpt: s.excerpt.clone(),
                })
            })
            .collect::<Result<Vec<_>, ServiceError>>()?;
        let canonical = model.slug.clone().unwrap_or_default();
        let published_at = model.published_at.unwrap_or(model.updated_at);
        let mut page = PublicClaim {
            url: format!("{site_url}/claims/{canonical}"),
            slug: canonical,
            claim,
            claimant_is_person: model.claimant_id.is_some_and(|id| persons.contains(&id)),
            article: ArticleRef {
                id: a.id,
                title: a.title.clone(),
                publisher: a.publisher.clone(),
                url: a.url.clone(),
                published_at: a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
                ingested_at: display_time(a.created_at),
            },
            earlier: all
                .iter()
                .filter(|v| v.state == VerdictState::Superseded)
                .cloned()
                .collect(),
            verdict,
            sources,
            history,
            published_on: published_at.format("%Y-%m-%d").to_string(),
            modified_on: model.updated_at.format("%Y-%m-%d").to_string(),
            organisation: site.name.clone(),
            claim_review: None,
            provenance: provenance.remove(&model.id),
        };
        page.claim_review = claimreview::claim_review(&page, &site.name, &site.url);
        out.push(page);
    }
    Ok(out)
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
            crate::server::services::audit::describe(e.before.as_ref(), e.after.as_ref())
        ),
    }
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
    let all = verdicts::for_claim(conn, c.id).await?;
    let weighed =
        standing(&all).is_some_and(|v| v.evidence.iter().any(|e| e.source_id == source_id));
    if !weighed {
        return Err(ServiceError::NotFound("That source".into()));
    }
    sources::archived_text(conn, source_id).await
}
