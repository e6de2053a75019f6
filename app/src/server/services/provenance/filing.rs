//! Filing an article into its story at ingest, after the article and its claims are committed:
//! the candidate stories come from the term index, the tracer chooses among them (or starts a
//! new story), then links the article's claims to the story's earlier ones. The tracer's work
//! happens outside the write lock (and again inside it when another article was filed into the
//! story meanwhile, so concurrent articles' claims still meet); one short transaction stores
//! the membership (with its similarity and shared terms), the links (with their evidence and level), the chains of
//! tellers and the audit events. Also: linking a story again after articles moved or claims
//! were extracted again.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::loading::{self, Loaded, StoredArticle};
use super::{bump, terms};
use crate::domain::{LinkState, ReviewStatus, addresses};
use crate::provenance::{ArticleInput, Link, LinkLevel, Params, StoryIndex};
use crate::server::entities::{article, claim, claim_chain, claim_link, story, story_article};
use crate::server::services::{ServiceError, Who, audit, begin_write, find_in, now, random_hex};

/// An article as read to rebuild a candidate story: id, body, publisher, publication time.
type ArticleRow = (Uuid, String, Option<String>, Option<DateTime<Utc>>);

/// How many of a candidate story's latest articles the tracer compares a new article with.
const ARTICLES_PER_CANDIDATE: u64 = 12;

/// The story the tracer chose for an article, and other stories it showed to be the same event.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub story: Uuid,
    pub similarity: f64,
    pub shared: Vec<String>,
    /// Stored stories the article is as close to: one event, merged into `story`.
    pub merge: Vec<Uuid>,
}

/// Where an article was filed.
#[derive(Clone, Debug, PartialEq)]
pub struct Filed {
    pub story_id: Uuid,
    pub new_story: bool,
    pub similarity: f64,
    pub shared: Vec<String>,
    pub automatic: usize,
    pub suggested: usize,
    /// Stories merged into this one because the article showed they are one event.
    pub merged: Vec<Uuid>,
}

/// What `file_unfiled` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    /// Articles filed now.
    pub filed: usize,
    /// Articles whose filing failed again (each logged); they stay stored and unfiled.
    pub failed: usize,
}

/// Files the stored articles that are in no story: stored before provenance existed, or whose
/// filing failed or was cut short (the article and its claims commit before the filing, so a
/// crash between the two leaves it unfiled). Each goes to its story as a new article would;
/// one that fails is logged and the others still go. Run when a server starts and after a
/// command-line ingest. Two servers doing it at once file each article once: the second finds
/// it filed.
///
/// # Errors
/// `Db` when the articles cannot be listed.
pub async fn file_unfiled(db: &DatabaseConnection, who: &Who) -> Result<Backlog, ServiceError> {
    // The articles in no story, read by the database (one anti-join on the primary keys).
    let unfiled: Vec<Uuid> = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .filter(
            article::Column::Id.not_in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(story_article::Column::ArticleId)
                    .from(story_article::Entity)
                    .to_owned(),
            ),
        )
        .order_by_asc(article::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Backlog::default();
    for id in unfiled {
        match file_article(db, id, who).await {
            Ok(_) => out.filed += 1,
            // Filed meanwhile by another server: its row stands.
            Err(_)
                if story_article::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .is_some() => {}
            Err(e) => {
                tracing::error!(error = %e, article_id = %id, "filing the article into its story failed");
                out.failed += 1;
            }
        }
    }
    Ok(out)
}

/// Files a stored article into a story (the one it is about, or a new one) and links its
/// claims. An article already in a story is left there.
///
/// # Errors
/// `NotFound` for an unknown article; `Db`; `Internal` for a row that no longer parses.
pub async fn file_article(
    db: &DatabaseConnection,
    article_id: Uuid,
    who: &Who,
) -> Result<Filed, ServiceError> {
    if let Some(m) = story_article::Entity::find_by_id(article_id)
        .one(db)
        .await?
    {
        return Ok(Filed {
            story_id: m.story_id,
            new_story: false,
            similarity: m.similarity,
            shared: serde_json::from_value(m.shared_terms).unwrap_or_default(),
            automatic: 0,
            suggested: 0,
            merged: Vec::new(),
        });
    }
    let article = loading::read_articles(db, &[article_id])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    let candidates = terms::candidates(db, &article.input.body).await?;
    let chosen = choose_story(db, &candidates, &article.input).await?;
    file_into(db, chosen, article, who, "automatic").await
}

/// Files an article into `story` (`None`: a new story). `method` says who chose it.
pub(super) async fn file_into(
    db: &DatabaseConnection,
    chosen: Option<Choice>,
    article: StoredArticle,
    who: &Who,
    method: &str,
) -> Result<Filed, ServiceError> {
    let article_id = article.meta.id;
    let title = article.meta.title.clone();
    let body = article.input.body.clone();
    let (story_id, new_story, similarity, shared, merge) = match chosen {
        Some(c) => (c.story, false, c.similarity, c.shared, c.merge),
        None => (Uuid::now_v7(), true, 0.0, Vec::new(), Vec::new()),
    };
    // The tracer's work, outside the write lock.
    let mut work = prepare(db, (!new_story).then_some(story_id), &article).await?;

    let txn = begin_write(db).await?;
    let t = now();
    if new_story && method == "automatic" {
        // Two articles about an event nobody filed yet, filed at once, would each start a
        // story. New stories start one at a time (SQLite's write lock; on PostgreSQL an
        // advisory lock) and the term index is asked again under it: a story started meanwhile
        // that this article belongs to takes it instead.
        lock_new_stories(&txn).await?;
        let again = terms::candidates(&txn, &body).await?;
        if let Some(choice) = choose_story(&txn, &again, &article.input).await? {
            txn.rollback().await?;
            return Box::pin(file_into(db, Some(choice), article, who, method)).await;
        }
    }
    if new_story {
        let slug = format!("{}-{}", addresses::slug_words(&title), random_hex(5));
        story::ActiveModel {
            id: Set(story_id),
            slug: Set(slug),
            title: Set(title.clone()),
            revision: Set(1),
            merged_into: Set(None),
            created_at: Set(t),
            updated_at: Set(t),
        }
        .insert(&txn)
        .await?;
    } else {
        // The story's row is written first: from here until commit no other filing into this
        // story can write (SQLite's write lock; PostgreSQL's row lock), and what is read
        // next is what the others committed.
        bump(&txn, story_id, t).await?;
        story::Entity::find_by_id(story_id)
            .one(&txn)
            .await?
            .filter(|s| s.merged_into.is_none())
            .ok_or_else(|| {
                ServiceError::Conflict(
                    "The story was merged or removed meanwhile; file the article again".into(),
                )
            })?;
        // Another article filed into the story since the tracer read it: link against the
        // story as it is now, or the two articles' claims would never meet.
        let current = loading::stamp(&txn, story_id).await?;
        match &work.before {
            Some(before) if before.same_trace(&current) => {
                // Only what the tracer does not read changed meanwhile (a claim assigned, its
                // status moved): the links stand, but which of their claims someone works on
                // now is read again, so no link to such a claim is stored as automatic.
                if *before != current {
                    work.reviewed = reviewed_claims(
                        &txn,
                        reviewed_candidates(&work.loaded, &work.links, false).into_iter(),
                    )
                    .await?;
                }
            }
            _ => work = prepare(&txn, Some(story_id), &article).await?,
        }
    }
    let Prepared {
        loaded,
        links,
        chains,
        reviewed,
        ..
    } = work;
    let params = loading::story_params();
    story_article::ActiveModel {
        article_id: Set(article_id),
        story_id: Set(story_id),
        method: Set(if new_story {
            "new".to_owned()
        } else {
            method.to_owned()
        }),
        similarity: Set(similarity),
        shared_terms: Set(json!(shared)),
        decided_by: Set(if method == "editor" {
            who.user_id
        } else {
            None
        }),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(&txn)
    .await?;
    terms::add(&txn, story_id, &body).await?;
    let (automatic, suggested) =
        store_links(&txn, story_id, &loaded, &links, &reviewed, &params, t).await?;
    store_chains(&txn, &chains, t).await?;
    // Stories the article showed to be one event become one, unless an editor arranged them.
    let mut merged = Vec::new();
    for m in merge {
        if super::stories::merge_automatically(&txn, m, story_id, who).await? {
            merged.push(m);
        }
    }
    if !merged.is_empty() {
        terms::recount(&txn, story_id).await?;
        relink(&txn, story_id, who).await?;
    }
    audit::record(
        &txn,
        who,
        "provenance.assign",
        "article",
        article_id,
        None,
        Some(json!({
            "story": story_id,
            "method": if new_story { "new" } else { method },
            "similarity": (similarity * 1000.0).round() / 1000.0,
            "shared": shared,
        })),
    )
    .await?;
    if automatic + suggested > 0 {
        audit::record(
            &txn,
            who,
            "provenance.link",
            "story",
            story_id,
            None,
            Some(json!({"article": article_id, "automatic": automatic, "suggested": suggested})),
        )
        .await?;
    }
    let stamp_after = loading::stamp(&txn, story_id).await?;
    txn.commit().await?;
    // The tracer in hand is the story as committed: it was read again under the write lock
    // when another filing had changed the story meanwhile. A rebuild reads the articles in
    // arrival order; it makes this same tracer unless an article that arrived later was filed
    // first (two filings at once).
    let last = loaded.articles.iter().all(|a| a.id <= article_id);
    if last && merged.is_empty() {
        loading::remember(story_id, stamp_after, Arc::new(loaded));
    }
    super::refresh::story_changed(db, story_id);
    Ok(Filed {
        story_id,
        new_story,
        similarity,
        shared,
        automatic,
        suggested,
        merged,
    })
}

/// Holds, until the transaction ends, the right to start a story (PostgreSQL; SQLite's write
/// transaction already holds its one write lock).
async fn lock_new_stories<C: ConnectionTrait>(conn: &C) -> Result<(), ServiceError> {
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        conn.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [crate::server::services::lock_keys::NEW_STORY.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The tracer's work for filing an article: the story's tracer (as stored when it was read) with
/// the article added, the links and chains it made, and which linked claims were worked on.
struct Prepared {
    /// The story's stamp the tracer was read at (`None` for a new story).
    before: Option<loading::Stamp>,
    loaded: Loaded,
    links: Vec<Link>,
    chains: Vec<(Uuid, Vec<String>)>,
    reviewed: HashSet<Uuid>,
}

async fn prepare<C: ConnectionTrait>(
    conn: &C,
    story: Option<Uuid>,
    article: &StoredArticle,
) -> Result<Prepared, ServiceError> {
    let (before, mut loaded) = match story {
        None => (None, Loaded::new()),
        Some(id) => {
            let (stamp, l) = loading::tracer(conn, id).await?;
            (Some(stamp), (*l).clone())
        }
    };
    let outcome = loaded.add_stored(article.clone());
    let links = outcome.links;
    let chains = chains_of(&loaded, &outcome.propositions);
    let reviewed = reviewed_claims(
        conn,
        reviewed_candidates(&loaded, &links, false).into_iter(),
    )
    .await?;
    Ok(Prepared {
        before,
        loaded,
        links,
        chains,
        reviewed,
    })
}

/// Which story an article is about among the candidates: their latest articles are placed in
/// their stories, the new one is compared with them, and the closest story above the join
/// threshold takes it (none: a new story).
async fn choose_story<C: ConnectionTrait>(
    conn: &C,
    candidates: &[Uuid],
    input: &ArticleInput,
) -> Result<Option<Choice>, ServiceError> {
    if candidates.is_empty() {
        return Ok(None);
    }
    // Article → the candidate (by its place in `candidates`) that holds it.
    let group_of: HashMap<Uuid, usize> = candidates
        .iter()
        .enumerate()
        .map(|(group, &s)| (s, group))
        .collect();
    let mut story_of: HashMap<Uuid, usize> = HashMap::new();
    for (article, story) in latest_articles(conn, candidates).await? {
        if let Some(&group) = group_of.get(&story) {
            story_of.insert(article, group);
        }
    }
    let rows: Vec<ArticleRow> = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .column(article::Column::Body)
        .column(article::Column::Publisher)
        .column(article::Column::PublishedAt)
        .filter(article::Column::Id.is_in(story_of.keys().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut olds: Vec<(ArticleInput, usize)> = rows
        .into_iter()
        .filter_map(|(id, body, publisher, published)| {
            let group = *story_of.get(&id)?;
            Some((
                ArticleInput {
                    key: id.to_string(),
                    publisher,
                    published: published.map(|d| d.naive_utc()),
                    body,
                    headline_end: 0,
                    claims: Vec::new(),
                },
                group,
            ))
        })
        .collect();
    // A fixed order (the database returns them in any), so ties are broken the same way each time.
    olds.sort_by(|(a, _), (b, _)| (a.published, &a.key).cmp(&(b.published, &b.key)));
    // The candidates' articles stay in the stories the database gave them: only the new
    // article is compared, with each (bounded work, whatever the stories hold).
    let mut index = StoryIndex::default();
    for (i, (a, group)) in olds.iter().enumerate() {
        index.place(i, a, *group);
    }
    let outcome = index.assign(olds.len(), input, Params::default().story_join);
    if outcome.new_story {
        return Ok(None);
    }
    // The closest story takes the article; the others it is as close to are the same event.
    let story_at = |g: usize| candidates.get(g).copied();
    Ok(story_at(outcome.story).map(|story| Choice {
        story,
        similarity: outcome.similarity,
        shared: outcome.shared.clone(),
        merge: outcome.merged.iter().filter_map(|&g| story_at(g)).collect(),
    }))
}

/// The latest `ARTICLES_PER_CANDIDATE` articles of each of `stories`, as (article, story), in
/// one statement: each story's own ordered, limited read (its index's first rows), put
/// together with `UNION ALL`.
async fn latest_articles<C: ConnectionTrait>(
    conn: &C,
    stories: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, ServiceError> {
    use sea_orm::sea_query::{Alias, Asterisk, Query, UnionType};
    let of = |i: usize, story: Uuid| {
        Query::select()
            .column(Asterisk)
            .from_subquery(
                Query::select()
                    .columns([
                        story_article::Column::ArticleId,
                        story_article::Column::StoryId,
                    ])
                    .from(story_article::Entity)
                    .and_where(story_article::Column::StoryId.eq(story))
                    .order_by(story_article::Column::ArticleId, sea_orm::Order::Desc)
                    .limit(ARTICLES_PER_CANDIDATE)
                    .to_owned(),
                Alias::new(format!("candidate{i}")),
            )
            .to_owned()
    };
    let mut stories = stories.iter().enumerate();
    let Some((i, &first)) = stories.next() else {
        return Ok(Vec::new());
    };
    let mut q = of(i, first);
    for (i, &s) in stories {
        q.union(UnionType::All, of(i, s));
    }
    conn.query_all(&q)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<Uuid>("", "article_id")?,
                r.try_get::<Uuid>("", "story_id")?,
            ))
        })
        .collect()
}

/// The chains of tellers of an article's propositions, one per claim.
fn chains_of(loaded: &Loaded, props: &[usize]) -> Vec<(Uuid, Vec<String>)> {
    let mut out: Vec<(Uuid, Vec<String>)> = Vec::new();
    for &i in props {
        let claim = loaded.props[i].0;
        if out.iter().any(|(c, _)| *c == claim) {
            continue;
        }
        if let Some(ch) = loaded.tracer.chain(i) {
            out.push((claim, ch.tellers));
        }
    }
    out
}

/// The claims among `ids` someone already worked on (assigned, edited, reviewed): a link to
/// one is never made silently.
pub(super) async fn reviewed_claims<C: ConnectionTrait>(
    conn: &C,
    ids: impl Iterator<Item = Uuid>,
) -> Result<HashSet<Uuid>, ServiceError> {
    let ids: BTreeSet<Uuid> = ids.collect();
    let ids: Vec<Uuid> = ids.into_iter().collect();
    Ok(find_in::<claim::Entity, _>(conn, claim::Column::Id, &ids)
        .await?
        .into_iter()
        .filter(|c| {
            c.status != ReviewStatus::New.as_str() || c.assignee_id.is_some() || c.version > 1
        })
        .map(|c| c.id)
        .collect())
}

/// The claims whose review decides how links are stored: each link's target (and its source,
/// with `both_ends`), and every claim of the clusters a joining link brings together.
fn reviewed_candidates(loaded: &Loaded, links: &[Link], both_ends: bool) -> Vec<Uuid> {
    let mut out = Vec::new();
    for l in links {
        out.push(loaded.props[l.to].0);
        if both_ends {
            out.push(loaded.props[l.from].0);
        }
        if l.evidence.joins {
            out.extend(
                loaded
                    .tracer
                    .cluster_mates(l.from)
                    .iter()
                    .map(|&m| loaded.props[m].0),
            );
        }
    }
    out
}

/// How a tracer's link is stored: automatic when the tracer made it so and neither claim was
/// reviewed (nor, for a link joining two clusters, any claim of either), else suggested.
fn stored_level(l: &Link, loaded: &Loaded, reviewed: &HashSet<Uuid>) -> LinkState {
    let claim = |p: usize| loaded.props.get(p).map(|x| x.0);
    let touches_reviewed = [l.from, l.to]
        .into_iter()
        .chain(
            l.evidence
                .joins
                .then(|| loaded.tracer.cluster_mates(l.from).iter().copied())
                .into_iter()
                .flatten(),
        )
        .any(|p| claim(p).is_some_and(|c| reviewed.contains(&c)));
    if l.level == LinkLevel::Automatic && !touches_reviewed {
        LinkState::Automatic
    } else {
        LinkState::Suggested
    }
}

/// Stores the tracer's links between propositions as links between claims: automatic when the
/// evidence was strong and neither claim was reviewed (nor, for a link joining two clusters,
/// any claim of either), else suggested. Returns how many of
/// each were stored.
pub(super) async fn store_links<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    loaded: &Loaded,
    links: &[Link],
    reviewed: &HashSet<Uuid>,
    params: &Params,
    t: DateTime<Utc>,
) -> Result<(usize, usize), ServiceError> {
    let (mut automatic, mut suggested) = (0, 0);
    let mut rows = Vec::with_capacity(links.len());
    for l in links {
        let (Some(from), Some(to)) = (loaded.props.get(l.from), loaded.props.get(l.to)) else {
            continue;
        };
        if from.0 == to.0 {
            continue;
        }
        let created = match l.level {
            LinkLevel::Automatic => LinkState::Automatic,
            LinkLevel::Suggested => LinkState::Suggested,
        };
        let level = stored_level(l, loaded, reviewed);
        if level == LinkState::Automatic {
            automatic += 1;
        } else {
            suggested += 1;
        }
        rows.push(claim_link::ActiveModel {
            id: Set(Uuid::now_v7()),
            story_id: Set(story_id),
            from_claim_id: Set(from.0),
            from_prop: Set(from.1.clone()),
            to_claim_id: Set(to.0),
            to_prop: Set(to.1.clone()),
            level: Set(level.as_str().to_owned()),
            created_level: Set(created.as_str().to_owned()),
            thresholds: Set(
                json!({"auto_link": params.auto_link, "suggest_link": params.suggest_link}),
            ),
            score: Set((l.evidence.score * 1000.0).round() / 1000.0),
            evidence: Set(serde_json::to_value(&l.evidence)
                .map_err(|e| ServiceError::Internal(e.to_string()))?),
            decided_by: Set(None),
            decided_at: Set(None),
            version: Set(1),
            created_at: Set(t),
            updated_at: Set(t),
        });
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        claim_link::Entity::insert_many(rows.by_ref().take(200))
            .exec_without_returning(conn)
            .await?;
    }
    Ok((automatic, suggested))
}

async fn store_chains<C: ConnectionTrait>(
    conn: &C,
    chains: &[(Uuid, Vec<String>)],
    t: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if chains.is_empty() {
        return Ok(());
    }
    claim_chain::Entity::delete_many()
        .filter(claim_chain::Column::ClaimId.is_in(chains.iter().map(|(c, _)| *c)))
        .exec(conn)
        .await?;
    claim_chain::Entity::insert_many(chains.iter().map(|(c, tellers)| claim_chain::ActiveModel {
        claim_id: Set(*c),
        tellers: Set(json!(tellers)),
        created_at: Set(t),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Links a story's claims again from its stored articles (after articles moved in or out, or
/// claims were extracted again): the tracer re-reads the story, and every link it makes that
/// is not stored yet (in either direction, at any level, so a rejection stands) is stored.
/// Chains of claims that have none are stored too. Call it inside the write transaction that
/// changed the story. Returns how many links were added.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn relink<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    who: &Who,
) -> Result<usize, ServiceError> {
    let loaded = loading::load(conn, story_id).await?;
    let existing: HashSet<(Uuid, String, Uuid, String)> = claim_link::Entity::find()
        .filter(claim_link::Column::StoryId.eq(story_id))
        .all(conn)
        .await?
        .into_iter()
        .flat_map(|l| {
            [
                (
                    l.from_claim_id,
                    l.from_prop.clone(),
                    l.to_claim_id,
                    l.to_prop.clone(),
                ),
                (l.to_claim_id, l.to_prop, l.from_claim_id, l.from_prop),
            ]
        })
        .collect();
    let missing: Vec<Link> = loaded
        .tracer
        .links()
        .iter()
        .filter(|l| {
            let (f, to) = (&loaded.props[l.from], &loaded.props[l.to]);
            !existing.contains(&(f.0, f.1.clone(), to.0, to.1.clone()))
        })
        .cloned()
        .collect();
    let reviewed = reviewed_claims(
        conn,
        reviewed_candidates(&loaded, &missing, true).into_iter(),
    )
    .await?;
    let t = now();
    let params = loading::story_params();
    let (a, s) = store_links(conn, story_id, &loaded, &missing, &reviewed, &params, t).await?;
    let claims: Vec<Uuid> = loaded.claims.iter().flatten().copied().collect();
    let with_chain: HashSet<Uuid> =
        find_in::<claim_chain::Entity, _>(conn, claim_chain::Column::ClaimId, &claims)
            .await?
            .into_iter()
            .map(|c| c.claim_id)
            .collect();
    let all: Vec<usize> = (0..loaded.props.len()).collect();
    let chains: Vec<(Uuid, Vec<String>)> = chains_of(&loaded, &all)
        .into_iter()
        .filter(|(c, _)| !with_chain.contains(c))
        .collect();
    store_chains(conn, &chains, t).await?;
    if a + s > 0 {
        audit::record(
            conn,
            who,
            "provenance.link",
            "story",
            story_id,
            None,
            Some(json!({"relinked": true, "automatic": a, "suggested": s})),
        )
        .await?;
    }
    Ok(a + s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ClaimKind;
    use crate::provenance::{ArticleInput, ClaimInput};

    fn filed(loaded: &mut Loaded, key: &str, sentence: &str) -> Uuid {
        let body = format!("Dam report {key}\n\n{sentence}");
        let start = body.find(sentence).unwrap_or(0);
        let id = Uuid::now_v7();
        loaded.add(
            loading::ArticleMeta {
                id: Uuid::now_v7(),
                title: key.to_owned(),
                publisher: None,
                url: None,
                published_at: None,
                created_at: Utc::now(),
            },
            ArticleInput {
                key: key.to_owned(),
                publisher: None,
                published: None,
                headline_end: body.find('\n').unwrap_or(0),
                claims: vec![ClaimInput {
                    kind: ClaimKind::Statement,
                    quote: sentence.to_owned(),
                    start,
                    figures: Vec::new(),
                    claimant: None,
                    target: None,
                    hedged: false,
                }],
                body,
            },
            vec![id],
        );
        id
    }

    #[test]
    fn a_join_of_two_clusters_waits_for_a_reviewer_when_either_holds_a_reviewed_claim() {
        let mut loaded = Loaded::new();
        let gates = filed(
            &mut loaded,
            "a",
            "The operator opened the sluice gates at dawn.",
        );
        filed(
            &mut loaded,
            "b",
            "Water poured over the spillway near Ostra.",
        );
        filed(
            &mut loaded,
            "c",
            "The operator opened the sluice gates at dawn and water poured over the spillway \
             near Ostra.",
        );
        let join = loaded
            .tracer
            .links()
            .iter()
            .find(|l| l.evidence.joins)
            .expect("the third report joins the first two")
            .clone();
        assert!(
            ![join.from, join.to].contains(&0),
            "the reviewed claim is neither end"
        );
        assert_eq!(
            stored_level(&join, &loaded, &HashSet::new()),
            LinkState::Automatic
        );
        assert_eq!(
            stored_level(&join, &loaded, &HashSet::from([gates])),
            LinkState::Suggested,
            "a reviewed claim is never merged silently"
        );
    }
}
