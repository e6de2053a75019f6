//! Published fact-checks as anyone may see them: finding one by its public address (a readable
//! slug and a short id, fixed at its first publication by `claim_record`), its page, and what
//! the page's cache validator is computed from.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::domain::{
    ActorKind, EvidenceRef, HistoryEntry, PublicArticle, PublicClaim, PublicSource, PublicVerdict,
    ReviewStatus, VerdictState, VerdictView,
};
use crate::domain::{addresses, claimreview};
use crate::server::Site;
use crate::server::entities::{actor, article, audit_event, claim, source};
use crate::server::services::accounts::users;
use crate::server::services::review::{sources, verdicts};
use crate::server::services::{ServiceError, claim_record, display_time, provenance};
use std::collections::HashMap;

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

/// What a published page depends on: the claim's version, the latest change to its verdicts
/// and sources, its story's revision and its article's details. Any change to what the page shows changes it.
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
             (SELECT MAX(s.updated_at)::text FROM source s WHERE s.claim_id = c.id) AS s, \
             (SELECT st.revision FROM story_article sa JOIN story st ON st.id = sa.story_id \
              WHERE sa.article_id = c.article_id) AS st, \
             (SELECT a.version FROM article a WHERE a.id = c.article_id) AS av \
             FROM claim c WHERE c.short_id = $1"
        }
        _ => {
            "SELECT c.slug, c.status, c.version, \
             (SELECT MAX(v.updated_at) FROM verdict v WHERE v.claim_id = c.id) AS v, \
             (SELECT MAX(s.updated_at) FROM source s WHERE s.claim_id = c.id) AS s, \
             (SELECT st.revision FROM story_article sa JOIN story st ON st.id = sa.story_id \
              WHERE sa.article_id = c.article_id) AS st, \
             (SELECT a.version FROM article a WHERE a.id = c.article_id) AS av \
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
    // The story's revision moves with every appearance, link, merge and editor's decision the
    // page's provenance (and its ClaimReview's appearances) shows.
    let story: Option<i32> = row.try_get("", "st")?;
    // The article's details (title, outlet, address, date) are on the page too.
    let article: Option<i32> = row.try_get("", "av")?;
    Ok(Revision {
        key: format!(
            "{short}:{version}:{}:{}:{}:{}",
            latest_verdict.unwrap_or_default(),
            latest_source.unwrap_or_default(),
            story.unwrap_or_default(),
            article.unwrap_or_default()
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

/// The events a reader sees: the article's ingestion, corrections to the claim, and verdicts
/// approved (with what changed in the evidence since the verdict they supersede) and
/// retracted — with the names people chose to show, never their email addresses. Work on the
/// evidence before an editor approved it, discussion and rejected proposals stay internal.
const PUBLIC_EVENTS: &[&str] = &[
    "article.ingest",
    "article.update",
    "claim.update",
    "claim.split",
    "claim.merge",
    "claim.set_figures",
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
/// carries its ClaimReview, built here once for every output. The evidence shown is the copy
/// the verdict weighed, never the sources as they stand now: a change to a source reaches
/// readers only with a new verdict, approved by an editor other than its proposer.
///
/// # Errors
/// `NotFound` if a claim's article is gone; `Db`; `Internal` for a row that no longer parses.
pub async fn pages<C: ConnectionTrait>(
    conn: &C,
    models: Vec<claim::Model>,
    site: &Site,
) -> Result<Vec<PublicClaim>, ServiceError> {
    use std::collections::HashSet;
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
    // Per claim: the verdict in force (or the retracted one), and every verdict.
    let mut parts = Vec::with_capacity(models.len());
    for m in &models {
        let all = verdicts_of.remove(&m.id).unwrap_or_default();
        let verdict = standing(&all).cloned();
        parts.push((all, verdict));
    }
    // Snapshots taken before they held every field are completed from the source row, when it
    // still is what the verdict weighed.
    let legacy: Vec<Uuid> = parts
        .iter()
        .filter_map(|(_, v)| v.as_ref())
        .flat_map(|v| v.evidence.iter())
        .filter(|e| e.excerpt.is_none())
        .map(|e| e.source_id)
        .collect();
    let live: HashMap<Uuid, source::Model> = if legacy.is_empty() {
        HashMap::new()
    } else {
        source::Entity::find()
            .filter(source::Column::Id.is_in(legacy))
            .all(conn)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect()
    };
    // The history of every page at once: the events of each claim, its article and its
    // verdicts.
    let mut readers: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (i, (m, (all, _))) in models.iter().zip(&parts).enumerate() {
        let ids = [m.id, m.article_id]
            .into_iter()
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
        for i in readers.get(&e.entity_id).into_iter().flatten() {
            histories[*i].push(HistoryEntry {
                seq: e.seq,
                at: display_time(e.created_at),
                actor: e
                    .actor_id
                    .and_then(|id| names.get(&id).map(|r| r.name.clone()))
                    .unwrap_or_else(|| "Claimtrail".to_owned()),
                summary: public_summary(e, &parts[*i].0),
                action: e.action.clone(),
            });
        }
    }
    let views = claim_record::views(conn, models.clone()).await?;
    let ids: Vec<(Uuid, Uuid)> = models.iter().map(|m| (m.id, m.article_id)).collect();
    let mut provenance = provenance::views::public_provenance(conn, &ids).await?;
    let site_url = site.url.trim_end_matches('/');
    let mut out = Vec::with_capacity(models.len());
    for (((model, claim), (all, verdict)), history) in
        models.into_iter().zip(views).zip(parts).zip(histories)
    {
        let a = articles
            .get(&model.article_id)
            .ok_or_else(|| ServiceError::NotFound("The claim's article".into()))?;
        let mut sources: Vec<PublicSource> = verdict
            .iter()
            .flat_map(|v| v.evidence.iter())
            .map(|e| public_source(e, live.get(&e.source_id)))
            .collect();
        sources.sort_by_key(|s| s.id);
        let canonical = model.slug.clone().unwrap_or_default();
        let published_at = model.published_at.unwrap_or(model.updated_at);
        let mut page = PublicClaim {
            url: format!("{site_url}/claims/{canonical}"),
            slug: canonical,
            claim: claim.into(),
            claimant_is_person: model.claimant_id.is_some_and(|id| persons.contains(&id)),
            article: PublicArticle {
                title: a.title.clone(),
                publisher: a.publisher.clone(),
                url: a.url.clone(),
                published_at: a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
            },
            earlier: all
                .iter()
                .filter(|v| v.state == VerdictState::Superseded)
                .map(PublicVerdict::from)
                .collect(),
            verdict: verdict.as_ref().map(PublicVerdict::from),
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

/// A weighed source as the verdict's copy records it. A copy from before snapshots held every
/// field takes the rest from the source row, but only while that row still has the address,
/// title and archived copy the verdict weighed.
fn public_source(e: &EvidenceRef, live: Option<&source::Model>) -> PublicSource {
    let same = live
        .filter(|s| s.url == e.url && s.title == e.title && s.archived_sha256 == e.archived_sha256);
    PublicSource {
        id: e.source_id,
        url: e.url.clone(),
        title: e.title.clone(),
        stance: e.stance,
        kind: e
            .kind
            .or_else(|| same.and_then(|s| s.kind.parse().ok()))
            .unwrap_or(crate::domain::SourceKind::Other),
        publisher: e
            .publisher
            .clone()
            .or_else(|| same.and_then(|s| s.publisher.clone())),
        published_on: e.published_on.clone().or_else(|| {
            same.and_then(|s| s.published_at.map(|d| d.format("%Y-%m-%d").to_string()))
        }),
        excerpt: e
            .excerpt
            .clone()
            .or_else(|| same.map(|s| s.excerpt.clone()))
            .unwrap_or_default(),
        archived_sha256: e.archived_sha256.clone(),
        archived_chars: e
            .archived_chars
            .or_else(|| same.and_then(|s| s.archived_text.as_ref().map(|t| t.chars().count())))
            .unwrap_or(0),
    }
}

/// What changed in the evidence between the verdict an approval superseded and the approved
/// one, in words: sources added, withdrawn, and corrected (with what was corrected).
fn evidence_changes(old: &[EvidenceRef], new: &[EvidenceRef]) -> String {
    let quoted = |t: &str| format!("“{t}”");
    let mut changes = Vec::new();
    for n in new {
        match old.iter().find(|o| o.source_id == n.source_id) {
            None => changes.push(format!("added {}", quoted(&n.title))),
            Some(o) => {
                let mut what = Vec::new();
                if o.url != n.url {
                    what.push(format!("address {} → {}", o.url, n.url));
                }
                if o.title != n.title {
                    what.push(format!("title {} → {}", quoted(&o.title), quoted(&n.title)));
                }
                if o.stance != n.stance {
                    what.push(format!(
                        "stance {} → {}",
                        o.stance.as_str(),
                        n.stance.as_str()
                    ));
                }
                if o.archived_sha256 != n.archived_sha256 {
                    what.push("archived copy replaced".to_owned());
                }
                if o.excerpt.is_some() && n.excerpt.is_some() && o.excerpt != n.excerpt {
                    what.push("excerpt".to_owned());
                }
                if !what.is_empty() {
                    changes.push(format!(
                        "corrected {} ({})",
                        quoted(&n.title),
                        what.join(", ")
                    ));
                }
            }
        }
    }
    for o in old {
        if !new.iter().any(|n| n.source_id == o.source_id) {
            changes.push(format!("withdrew {}", quoted(&o.title)));
        }
    }
    changes.join("; ")
}

fn public_summary(e: &audit_event::Model, verdicts: &[VerdictView]) -> String {
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
        "article.update" => {
            // The byline is not on public pages, so neither is its correction.
            let public = |v: Option<&serde_json::Value>| {
                v.cloned().map(|mut v| {
                    if let Some(o) = v.as_object_mut() {
                        o.remove("byline");
                    }
                    v
                })
            };
            let (before, after) = (public(e.before.as_ref()), public(e.after.as_ref()));
            format!(
                "The article's details were corrected: {}",
                crate::server::services::audit::describe_for_readers(
                    before.as_ref(),
                    after.as_ref()
                )
            )
        }
        "claim.split" => "The claim was split in two".to_owned(),
        "claim.merge" => "The claim was joined with the words that followed it".to_owned(),
        "verdict.approve" => {
            let rating = field("rating").replace('_', " ");
            let approved = verdicts.iter().find(|v| v.id == e.entity_id);
            let earlier = approved
                .and_then(|v| v.supersedes)
                .and_then(|id| verdicts.iter().find(|v| v.id == id));
            match (approved, earlier) {
                (Some(v), Some(old)) => {
                    let changes = evidence_changes(&old.evidence, &v.evidence);
                    if changes.is_empty() {
                        format!("Verdict published: {rating} (same evidence)")
                    } else {
                        format!("Verdict published: {rating}. Evidence changed: {changes}")
                    }
                }
                (Some(v), None) => format!(
                    "Verdict published: {rating}, weighing {} source{}",
                    v.evidence.len(),
                    if v.evidence.len() == 1 { "" } else { "s" }
                ),
                _ => format!("Verdict published: {rating}"),
            }
        }
        "verdict.retract" => format!("Fact-check retracted: {}", field("reason")),
        _ => format!(
            "Claim corrected: {}",
            crate::server::services::audit::describe_for_readers(
                e.before.as_ref(),
                e.after.as_ref()
            )
        ),
    }
}

/// The head of an archived copy served to readers: what it is a copy of.
#[derive(Clone, Debug)]
pub struct CopyHead {
    pub title: String,
    pub url: String,
    pub sha256: String,
    pub accessed_at: String,
}

/// The archived copy of a source a public claim's verdict weighed: the copy it weighed (found
/// by its SHA-256), whatever happened to the source since.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn archived_copy<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    source_id: Uuid,
) -> Result<(CopyHead, String), ServiceError> {
    let not_found = || ServiceError::NotFound("That source".into());
    let c = find(conn, slug).await?;
    let all = verdicts::for_claim(conn, c.id).await?;
    let e = standing(&all)
        .and_then(|v| v.evidence.iter().find(|e| e.source_id == source_id))
        .ok_or_else(not_found)?;
    let sha = e.archived_sha256.clone().ok_or_else(not_found)?;
    let text = match sources::copy_by_hash(conn, &sha).await? {
        Some(t) => t,
        // Kept before copies were kept by hash: the source's own copy, if still the same.
        None => source::Entity::find_by_id(source_id)
            .one(conn)
            .await?
            .filter(|s| s.archived_sha256.as_deref() == Some(sha.as_str()))
            .and_then(|s| s.archived_text)
            .ok_or_else(not_found)?,
    };
    Ok((
        CopyHead {
            title: e.title.clone(),
            url: e.url.clone(),
            sha256: sha,
            accessed_at: e.accessed_at.clone().unwrap_or_default(),
        },
        text,
    ))
}
