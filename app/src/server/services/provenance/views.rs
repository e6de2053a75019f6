//! What the pages show of a story, assembled from its derivation and its stored claims,
//! articles, verdicts and chains: the staff story page, the public story (only what is
//! public), and a claim's place in its story. The assembly is kept in memory per story under
//! the stamp of its claims and articles and the story's revision, so a page read costs one
//! query while nothing changed.
//!
//! What is public: a story has a public page once one of its claims is published. It shows
//! the clusters holding a published claim (each appearance by outlet, article title, address
//! and date; the words only of published claims), the relations between two such clusters,
//! the figure values those clusters' appearances report, and the chains of published claims.
//! Unpublished claims' words, review states, suggestions and the other articles stay staff-only.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use super::derivation::{self, Derived};
use super::find_story;
use super::loading::{self, Loaded, Stamp};
use crate::domain::{
    AppearanceView, ArticleRef, ChainView, ClaimProvenance, ClaimRelation, ClusterView,
    FactChecked, FigurePointView, FigureSeriesView, PublicStory, RelationView, ReviewStatus,
    StoryArticleView, StoryPage, StoryQuery, StoryRef, StoryScreen, SuggestionView, VerdictState,
};
use crate::server::Site;
use crate::server::entities::{claim, claim_chain, story, story_article};
use crate::server::services::accounts::users;
use crate::server::services::review::verdicts;
use crate::server::services::{ServiceError, display_time, find_in};

/// A story's views, assembled once per change.
#[derive(Clone, Debug)]
pub struct Assembled {
    pub page: StoryPage,
    /// `None` while no claim of the story is published.
    pub public: Option<PublicStory>,
    /// Claim → the clusters (indexes in `page.clusters`) its propositions are in.
    pub clusters_of_claim: HashMap<Uuid, Vec<usize>>,
}

type ViewKey = (Stamp, i32);

/// A story's kept views: the key they were built under, the views, the derivation they were
/// assembled from, what they show of the claims' review, and when they were last used.
struct Kept {
    key: ViewKey,
    views: Arc<Assembled>,
    derived: Arc<Derived>,
    basis: Arc<Basis>,
    /// How many times the views were patched since they were last assembled in full.
    patches: u32,
    used: u64,
}

/// What kept views show of the story's claims' review, read in one statement with them: each
/// stored claim's version (a dismissed one's too) and whether the views show it as public, the
/// sum of those versions, and a time no later than the latest change among them (as the
/// database writes it: the patch compares it there). A later change that only moved the
/// status of claims that are not public (an assignment, a proposal) patches the kept views
/// rather than assembling them again.
///
/// After a change to what the tracer reads (a filing, an edit), the views are assembled again
/// from the kept basis and the claims changed since it, read with the same sum check, rather
/// than from every claim of the story read again.
#[derive(Clone, Debug, Default)]
struct Basis {
    claims: HashMap<Uuid, Fact>,
    versions: i64,
    latest: Option<String>,
}

/// A claim as the views last read it.
#[derive(Clone, Debug)]
struct Fact {
    version: i32,
    status: ReviewStatus,
    public: bool,
    /// Its public address, when it is public.
    slug: Option<String>,
}

impl Fact {
    /// A claim's row as read: its status, short id, slug and version.
    fn read(
        status: &str,
        short_id: Option<&str>,
        slug: Option<String>,
        version: i32,
    ) -> Result<Fact, ServiceError> {
        let status: ReviewStatus = status.parse()?;
        let public = short_id.is_some() && status.is_public();
        Ok(Fact {
            version,
            status,
            public,
            slug: if public { slug } else { None },
        })
    }
}

/// A claim as the views read it from the database: id, status, short id, slug, version (its
/// words are the tracer's, which holds them as stored).
type ClaimRow = (Uuid, String, Option<String>, Option<String>, i32);

static VIEWS: LazyLock<Mutex<HashMap<Uuid, Kept>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Forgets a story's kept views and tracer: its next read derives both again from the database.
pub fn forget(story_id: Uuid) {
    VIEWS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .remove(&story_id);
    loading::forget(story_id);
}

/// How many times a story's kept views were patched since they were last assembled in full
/// (`None` when none are kept): the benchmark and tests read it to tell a patch from an
/// assembly.
pub fn patches_since_assembly(story_id: Uuid) -> Option<u32> {
    VIEWS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&story_id)
        .map(|k| k.patches)
}

/// The assembly gates of the stories being assembled now.
static ASSEMBLIES: loading::Gates = loading::Gates::new();

/// A story's kept views, if they were kept under `key`.
fn kept_under(story_id: Uuid, key: &ViewKey) -> Option<Arc<Assembled>> {
    let mut m = VIEWS.lock().ok()?;
    let k = m.get_mut(&story_id).filter(|k| k.key == *key)?;
    k.used = loading::tick();
    Some(k.views.clone())
}

/// Whether a story's views are kept (someone read its page lately, and it was not forgotten
/// since): only those are refreshed in the background.
pub fn is_kept(story_id: Uuid) -> bool {
    VIEWS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .contains_key(&story_id)
}

/// Whether any story's views are kept.
pub fn any_kept() -> bool {
    !VIEWS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .is_empty()
}

/// Whether the story's page would be read from memory now: its kept views were assembled from
/// what the database holds (the benchmark and tests read it to see a background refresh done).
///
/// # Errors
/// `Db`.
pub async fn ready<C: ConnectionTrait>(conn: &C, s: &story::Model) -> Result<bool, ServiceError> {
    let stamp = loading::stamp(conn, s.id).await?;
    Ok(kept_under(s.id, &(stamp, s.revision)).is_some())
}

/// Enough for every story a page of public claims touches (at most 100), so a listing never
/// evicts what it is about to read; past it the least recently used story goes.
const MAX_CACHED: usize = 256;

/// A story's assembled views: from memory while nothing they depend on changed.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn assembled<C: ConnectionTrait>(
    conn: &C,
    s: &story::Model,
) -> Result<Arc<Assembled>, ServiceError> {
    let (stamp, loaded) = loading::propositions(conn, s.id).await?;
    let key = (stamp, s.revision);
    if let Some(views) = kept_under(s.id, &key) {
        return Ok(views);
    }
    // One assembly per story at a time: readers that arrive while it runs (or while the
    // background refresh does it) wait for it, then find what it kept.
    let gate = ASSEMBLIES.of(s.id);
    let (_turn, key, loaded) = match gate.clone().try_lock_owned() {
        Ok(turn) => (turn, key, loaded),
        Err(_) => {
            let turn = gate.lock_owned().await;
            let (stamp, loaded) = loading::propositions(conn, s.id).await?;
            (turn, (stamp, s.revision), loaded)
        }
    };
    // The kept views while nothing changed; patched while only statuses of claims that are not
    // public changed; else assembled again, from the kept derivation while only what the
    // tracer does not read changed (a status, an assignment, a publication): the views show
    // those, the derivation (links, clusters, relations, figures) does not depend on them.
    let kept = VIEWS.lock().ok().and_then(|mut m| {
        m.get_mut(&s.id).map(|k| {
            k.used = loading::tick();
            (
                k.key.clone(),
                k.views.clone(),
                k.derived.clone(),
                k.basis.clone(),
                k.patches,
            )
        })
    });
    let (views, basis, derived, patches) = match kept {
        Some((k, views, _, _, _)) if k == key => return Ok(views),
        Some((k, views, derived, basis, patches)) if k.1 == key.1 && k.0.same_trace(&key.0) => {
            let again = read_again(conn, s.id, &basis).await?;
            let patch = again
                .as_ref()
                .and_then(|(next, changed)| patched(&views, &basis, next, changed));
            match (patch, again) {
                (Some(views), Some((next, _))) => (Arc::new(views), next, derived, patches + 1),
                (_, again) => {
                    let claims = again.map(|(next, _)| next);
                    let (views, basis) = assemble(conn, s, &loaded, &derived, claims, None).await?;
                    (Arc::new(views), basis, derived, 0)
                }
            }
        }
        other => {
            // The kept basis and links brought up to date where their sums allow it: only the
            // claims and links changed since are read.
            let (basis, derived) = match other {
                Some((_, _, derived, basis, _)) => (Some(basis), Some(derived)),
                None => (None, None),
            };
            let links = derived.as_ref().map(|d| &d.links);
            // The three reads at once: the claims' and chains' come back while the derivation
            // computes.
            let (claims, derived, chains) = tokio::try_join!(
                async {
                    match &basis {
                        Some(basis) => read_again(conn, s.id, basis).await,
                        None => Ok(None),
                    }
                },
                derivation::derive(conn, s.id, &loaded, links),
                read_chains(conn, s.id),
            )?;
            let derived = Arc::new(derived);
            let claims = claims.map(|(next, _)| next);
            let (views, basis) = assemble(conn, s, &loaded, &derived, claims, Some(chains)).await?;
            (Arc::new(views), basis, derived, 0)
        }
    };
    // Assembled views read the claims after the stamp did: its latest change is no later than
    // the latest they show, so the next patch looks at least that far back.
    let basis = if basis.latest.is_none() {
        Basis {
            latest: Some(key.0.latest_change().to_owned()).filter(|l| !l.is_empty()),
            ..basis
        }
    } else {
        basis
    };
    if let Ok(mut m) = VIEWS.lock() {
        if m.len() >= MAX_CACHED
            && !m.contains_key(&s.id)
            && let Some(oldest) = m.iter().min_by_key(|(_, v)| v.used).map(|(k, _)| *k)
        {
            m.remove(&oldest);
        }
        m.insert(
            s.id,
            Kept {
                key,
                views: views.clone(),
                derived,
                basis: Arc::new(basis),
                patches,
                used: loading::tick(),
            },
        );
    }
    Ok(views)
}

/// The kept views of a story patched with the claims changed since they were assembled
/// (`changed`, read again into `next`), when every change is a status of a claim that is not
/// public (which the views show only as that status); `None` when the views must be assembled
/// again.
fn patched(views: &Assembled, basis: &Basis, next: &Basis, changed: &[Uuid]) -> Option<Assembled> {
    let mut statuses: HashMap<Uuid, ReviewStatus> = HashMap::new();
    for id in changed {
        let now = next.claims.get(id)?;
        // A claim the views never saw (a new one) is the tracer's to take in.
        let was = basis.claims.get(id)?;
        // A publication changes what readers see (verdicts, words, addresses): assembled again.
        if was.public || now.public {
            return None;
        }
        statuses.insert(*id, now.status);
    }
    let mut views = views.clone();
    for (id, status) in &statuses {
        for &ci in views.clusters_of_claim.get(id).into_iter().flatten() {
            for a in &mut views.page.clusters[ci].appearances {
                if a.claim_id == *id && a.status.is_some() {
                    a.status = Some(*status);
                }
            }
        }
    }
    for sg in &mut views.page.suggestions {
        for a in [&mut sg.from, &mut sg.to] {
            if let Some(status) = statuses.get(&a.claim_id)
                && a.status.is_some()
            {
                a.status = Some(*status);
            }
        }
    }
    Some(views)
}

/// The kept basis brought up to date with the claims changed since it, and which claims
/// changed; `None` when it cannot be (it has no time to look back from, or a change it cannot
/// see: the story's claims must be read whole).
///
/// The changed claims are those changed at or after the latest change the basis holds, read in
/// one statement with the sum of every claim's version. Versions only grow, so when the kept
/// versions, corrected by the changed claims', add up to that sum, no other claim changed:
/// a write the time filter missed (committed after a later one, or timed by another server's
/// clock), or a claim gone, makes the sums differ.
async fn read_again<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    basis: &Basis,
) -> Result<Option<(Basis, Vec<Uuid>)>, ServiceError> {
    let Some(since) = basis.latest.clone() else {
        return Ok(None);
    };
    let backend = conn.get_database_backend();
    let sql = super::ChangedSince {
        from: "claim c JOIN story_article sa ON sa.article_id = c.article_id",
        story: "sa.story_id",
        sums: &[
            (super::Sum::Total("c.version"), "total"),
            (super::Sum::Latest("c.updated_at"), "latest"),
        ],
        summed_only: "",
        columns: "c.id, c.status, c.short_id, c.slug, c.version",
        updated: "c.updated_at",
        order: "",
    }
    .sql(backend);
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [sea_orm::Value::from(story_id), sea_orm::Value::from(since)],
        ))
        .await?;
    let mut next = basis.clone();
    let mut changed = Vec::new();
    let mut total = None;
    for r in rows {
        total = Some(r.try_get::<i64>("", "total")?);
        next.latest = r.try_get("", "latest")?;
        let Some(id) = r.try_get::<Option<Uuid>>("", "id")? else {
            continue;
        };
        let version: i32 = r.try_get("", "version")?;
        let was = basis.claims.get(&id).map(|f| f.version);
        if was == Some(version) {
            continue;
        }
        if was.is_some_and(|was| version < was) {
            return Ok(None);
        }
        let fact = Fact::read(
            &r.try_get::<String>("", "status")?,
            r.try_get::<Option<String>>("", "short_id")?.as_deref(),
            r.try_get("", "slug")?,
            version,
        )?;
        next.versions += i64::from(version - was.unwrap_or(0));
        next.claims.insert(id, fact);
        changed.push(id);
    }
    if total != Some(next.versions) {
        return Ok(None);
    }
    Ok(Some((next, changed)))
}

/// What the views need of each claim of the story: its words as the tracer holds them, and
/// its review as the basis holds it.
struct ClaimFacts<'a> {
    quote: &'a str,
    status: ReviewStatus,
    slug: Option<&'a str>,
    public: bool,
}

fn format_time(d: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
}

/// Every claim of the story as the views read it, in one query.
async fn read_whole<C: ConnectionTrait>(conn: &C, story_id: Uuid) -> Result<Basis, ServiceError> {
    let rows: Vec<ClaimRow> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .column(claim::Column::Status)
        .column(claim::Column::ShortId)
        .column(claim::Column::Slug)
        .column(claim::Column::Version)
        .filter(claim::Column::ArticleId.in_subquery(loading::story_articles(story_id)))
        .into_tuple()
        .all(conn)
        .await?;
    let mut basis = Basis::default();
    for (id, status, short_id, slug, version) in rows {
        basis.versions += i64::from(version);
        basis
            .claims
            .insert(id, Fact::read(&status, short_id.as_deref(), slug, version)?);
    }
    Ok(basis)
}

/// The story's attribution chains, in one query.
async fn read_chains<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
) -> Result<Vec<ChainView>, ServiceError> {
    Ok(claim_chain::Entity::find()
        .filter(
            claim_chain::Column::ClaimId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(claim::Column::Id)
                    .from(claim::Entity)
                    .and_where(
                        claim::Column::ArticleId.in_subquery(loading::story_articles(story_id)),
                    )
                    .to_owned(),
            ),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(|c| ChainView {
            claim_id: c.claim_id,
            tellers: serde_json::from_value(c.tellers).unwrap_or_default(),
        })
        .collect())
}

/// The story's views from its tracer and derivation; the claims' review from `claims` (the
/// kept basis brought up to date, `read_again`) when it knows every claim the tracer holds,
/// else read whole; its chains from `chains`, else read.
async fn assemble<C: ConnectionTrait>(
    conn: &C,
    s: &story::Model,
    loaded: &Loaded,
    derived: &Derived,
    claims: Option<Basis>,
    chains: Option<Vec<ChainView>>,
) -> Result<(Assembled, Basis), ServiceError> {
    let claim_ids: Vec<Uuid> = loaded.claims.iter().flatten().copied().collect();
    // Each claim's article (its tracer index) and words as the tracer holds them (a change to
    // them rebuilds it); only what the tracer does not read comes from the database, in one
    // query for the story.
    let mut traced: HashMap<Uuid, (usize, &str)> = HashMap::with_capacity(claim_ids.len());
    for (ai, (ids, article)) in loaded
        .claims
        .iter()
        .zip(loaded.tracer.articles())
        .enumerate()
    {
        for (id, c) in ids.iter().zip(&article.claims) {
            traced.insert(*id, (ai, c.quote.as_str()));
        }
    }
    // Every claim the tracer holds must be one the basis knows (an article moved in brings
    // claims changed long ago, which no time filter finds).
    let known = claims.filter(|b| claim_ids.iter().all(|id| b.claims.contains_key(id)));
    let basis = match known {
        Some(b) => b,
        None => read_whole(conn, s.id).await?,
    };
    let mut facts: HashMap<Uuid, ClaimFacts> = HashMap::with_capacity(claim_ids.len());
    for (id, f) in &basis.claims {
        // Dismissed claims are not the tracer's, nor the views'.
        let Some(&(_, quote)) = traced.get(id) else {
            continue;
        };
        facts.insert(
            *id,
            ClaimFacts {
                quote,
                status: f.status,
                slug: f.slug.as_deref(),
                public: f.public,
            },
        );
    }
    let published: Vec<Uuid> = facts
        .iter()
        .filter(|(_, f)| f.public)
        .map(|(id, _)| *id)
        .collect();
    let verdicts_of = verdicts::for_claims(conn, &published).await?;
    let checked: HashMap<Uuid, FactChecked> = published
        .iter()
        .filter_map(|id| {
            let v = verdicts_of
                .get(id)?
                .iter()
                .find(|v| v.state == VerdictState::Approved)?;
            Some((
                *id,
                FactChecked {
                    claim_id: *id,
                    rating: v.rating,
                    slug: facts.get(id)?.slug?.to_owned(),
                },
            ))
        })
        .collect();

    // Each claim's appearance, made where a view shows it: from its article's details, whose
    // dates are written once per article.
    let dates: Vec<(Option<String>, Option<String>)> = loaded
        .articles
        .iter()
        .map(|a| {
            (
                format_time(a.published_at),
                a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
            )
        })
        .collect();
    let appearance = |id: &Uuid| -> Option<AppearanceView> {
        let ai = traced.get(id)?.0;
        let a = loaded.articles.get(ai)?;
        let f = facts.get(id);
        Some(AppearanceView {
            claim_id: *id,
            article_id: a.id,
            article_title: a.title.clone(),
            outlet: a.publisher.clone(),
            url: a.url.clone(),
            published: dates[ai].0.clone(),
            published_on: dates[ai].1.clone(),
            quote: f.map(|f| f.quote.to_owned()),
            status: f.map(|f| f.status),
            slug: f.and_then(|f| f.slug.map(str::to_owned)),
        })
    };

    let trace = &derived.trace;
    let mut clusters = Vec::with_capacity(trace.clusters.len());
    let mut clusters_of_claim: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for c in &trace.clusters {
        let mut members: Vec<Uuid> = Vec::new();
        for &m in &c.members {
            let id = loaded.props[m].0;
            if !members.contains(&id) {
                members.push(id);
            }
        }
        for id in &members {
            clusters_of_claim.entry(*id).or_default().push(c.id);
        }
        let verdict = members.iter().find_map(|id| checked.get(id).cloned());
        let representative = verdict
            .as_ref()
            .map(|v| v.claim_id)
            .or_else(|| members.first().copied())
            .unwrap_or_default();
        clusters.push(ClusterView {
            index: c.id,
            key: format!("{}/{}", loaded.props[c.first].0, loaded.props[c.first].1),
            kind: c.kind,
            prop: loaded.props[c.first].1.clone(),
            representative,
            quote: facts.get(&representative).map(|f| f.quote.to_owned()),
            verdict,
            appearances: members.iter().filter_map(appearance).collect(),
        });
    }
    let relations: Vec<RelationView> = trace
        .relations
        .iter()
        .map(|r| RelationView {
            from: r.from,
            to: r.to,
            kind: r.kind,
            prov: r.kind.prov_term().map(str::to_owned),
            reason: r.reason.clone(),
            overridden: derived.set_by_editor.contains(&(r.from, r.to)),
        })
        .collect();
    let figures: Vec<FigureSeriesView> = trace
        .figures
        .iter()
        .enumerate()
        .map(|(si, f)| FigureSeriesView {
            category: f.category.clone(),
            points: f
                .points
                .iter()
                .enumerate()
                .map(|(pi, p)| {
                    let claim_id = loaded.props[p.proposition].0;
                    FigurePointView {
                        claim_id,
                        article_id: traced
                            .get(&claim_id)
                            .and_then(|&(ai, _)| loaded.articles.get(ai))
                            .map(|a| a.id)
                            .unwrap_or_default(),
                        cluster: derived.cluster_of.get(&p.proposition).copied(),
                        value: p.value,
                        qualifier: p.qualifier,
                        low: p.low,
                        high: p.high,
                        outlet: p.outlet.clone(),
                        claimant: p.claimant.clone(),
                        as_of: p.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
                        hedged: p.hedged,
                        rank: p.rank,
                        reason: p.reason.clone(),
                        overridden: derived.ranked_by_editor.contains(&(si, pi)),
                    }
                })
                .collect(),
        })
        .collect();
    // In the story's claim order, each claim's place looked up (scanning the list for it made
    // the sort quadratic in the story's claims).
    let place: HashMap<Uuid, usize> = claim_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let chains = match chains {
        Some(chains) => chains,
        None => read_chains(conn, s.id).await?,
    };
    // A dismissed claim's chain is left out with the claim.
    let mut chains: Vec<ChainView> = chains
        .into_iter()
        .filter(|c| place.contains_key(&c.claim_id))
        .collect();
    chains.sort_by_key(|c| place.get(&c.claim_id).copied());
    let suggestions: Vec<SuggestionView> = derived
        .suggestions
        .iter()
        .filter_map(|l| {
            Some(SuggestionView {
                id: l.id,
                version: l.version,
                from: appearance(&l.from_claim_id)?,
                to: appearance(&l.to_claim_id)?,
                prop: l.from_prop.clone(),
                evidence: serde_json::from_value(l.evidence.clone()).unwrap_or_default(),
            })
        })
        .collect();
    let members = story_article::Entity::find()
        .filter(story_article::Column::StoryId.eq(s.id))
        .all(conn)
        .await?;
    let names = users::refs(conn, members.iter().filter_map(|m| m.decided_by)).await?;
    let membership: HashMap<Uuid, story_article::Model> =
        members.into_iter().map(|m| (m.article_id, m)).collect();
    let mut articles: Vec<StoryArticleView> = loaded
        .articles
        .iter()
        .map(|a| {
            let m = membership.get(&a.id);
            StoryArticleView {
                article: ArticleRef {
                    id: a.id,
                    title: a.title.clone(),
                    publisher: a.publisher.clone(),
                    url: a.url.clone(),
                    published_at: a.published_at.map(|d| d.format("%Y-%m-%d").to_string()),
                    ingested_at: display_time(a.created_at),
                },
                method: m.map(|m| m.method.clone()).unwrap_or_default(),
                similarity: m.map_or(0.0, |m| m.similarity),
                shared_terms: m
                    .and_then(|m| serde_json::from_value(m.shared_terms.clone()).ok())
                    .unwrap_or_default(),
                decided_by: m
                    .and_then(|m| m.decided_by)
                    .and_then(|u| names.get(&u).map(|r| r.name.clone())),
                published: format_time(a.published_at),
            }
        })
        .collect();
    articles.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.article.ingested_at).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.article.ingested_at,
        ))
    });
    let story_ref = StoryRef {
        id: s.id,
        slug: s.slug.clone(),
        title: s.title.clone(),
    };
    let page = StoryPage {
        story: story_ref.clone(),
        revision: s.revision,
        public: !published.is_empty(),
        articles,
        clusters,
        relations,
        figures,
        chains,
        suggestions,
        other_stories: Vec::new(),
    };
    let public = page.public.then(|| public_view(&page, &facts));
    Ok((
        Assembled {
            page,
            public,
            clusters_of_claim,
        },
        basis,
    ))
}

/// The public part of a story (see the module's note on what is public).
fn public_view(page: &StoryPage, facts: &HashMap<Uuid, ClaimFacts>) -> PublicStory {
    let is_public = |id: &Uuid| facts.get(id).is_some_and(|f| f.public);
    let mut renumber: BTreeMap<usize, usize> = BTreeMap::new();
    let mut clusters = Vec::new();
    for c in &page.clusters {
        if !c.appearances.iter().any(|a| is_public(&a.claim_id)) {
            continue;
        }
        let mut c = c.clone();
        renumber.insert(c.index, clusters.len());
        c.index = clusters.len();
        for a in &mut c.appearances {
            a.status = None;
            if !is_public(&a.claim_id) {
                a.quote = None;
                a.slug = None;
            }
        }
        if !is_public(&c.representative) {
            c.quote = None;
        }
        clusters.push(c);
    }
    let relations = page
        .relations
        .iter()
        .filter_map(|r| {
            Some(RelationView {
                from: *renumber.get(&r.from)?,
                to: *renumber.get(&r.to)?,
                ..r.clone()
            })
        })
        .collect();
    let figures = page
        .figures
        .iter()
        .filter_map(|f| {
            let points: Vec<FigurePointView> = f
                .points
                .iter()
                .filter_map(|p| {
                    let c = *renumber.get(&p.cluster?)?;
                    Some(FigurePointView {
                        cluster: Some(c),
                        ..p.clone()
                    })
                })
                .collect();
            (!points.is_empty()).then(|| FigureSeriesView {
                category: f.category.clone(),
                points,
            })
        })
        .collect();
    let chains = page
        .chains
        .iter()
        .filter(|c| is_public(&c.claim_id))
        .cloned()
        .collect();
    PublicStory {
        story: page.story.clone(),
        url: String::new(),
        clusters,
        relations,
        figures,
        chains,
        organisation: String::new(),
    }
}

/// The staff page of a story (by id or slug; a merged story gives the one it is part of).
///
/// # Errors
/// `NotFound`; `Db`; `Internal` for a row that no longer parses.
pub async fn story_page<C: ConnectionTrait>(
    conn: &C,
    id_or_slug: &str,
) -> Result<StoryPage, ServiceError> {
    let s = find_story(conn, id_or_slug).await?;
    let a = assembled(conn, &s).await?;
    let mut page = a.page.clone();
    own_fields(conn, &s, &mut page).await?;
    Ok(page)
}

/// One screen of a story's staff page (see `domain::window`): only the part `query` asks for
/// is copied out of the kept views, however large the story.
///
/// # Errors
/// As `story_page`.
pub async fn story_screen<C: ConnectionTrait>(
    conn: &C,
    id_or_slug: &str,
    query: StoryQuery,
) -> Result<StoryScreen, ServiceError> {
    let s = find_story(conn, id_or_slug).await?;
    let a = assembled(conn, &s).await?;
    let mut screen = crate::domain::window(&a.page, query);
    own_fields(conn, &s, &mut screen.page).await?;
    Ok(screen)
}

/// The story's own fields as just read, whatever the views were assembled from, and the other
/// stories its articles can be moved to.
async fn own_fields<C: ConnectionTrait>(
    conn: &C,
    s: &story::Model,
    page: &mut StoryPage,
) -> Result<(), ServiceError> {
    page.story = StoryRef {
        id: s.id,
        slug: s.slug.clone(),
        title: s.title.clone(),
    };
    page.revision = s.revision;
    page.other_stories = story::Entity::find()
        .filter(story::Column::Id.ne(s.id))
        .filter(story::Column::MergedInto.is_null())
        .order_by_desc(story::Column::UpdatedAt)
        .limit(50)
        .all(conn)
        .await?
        .into_iter()
        .map(|o| StoryRef {
            id: o.id,
            slug: o.slug,
            title: o.title,
        })
        .collect();
    Ok(())
}

/// The public page of a story, once one of its claims is published.
///
/// # Errors
/// `NotFound` for an unknown story or one with nothing published; `Db`.
pub async fn public_story<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    site: &Site,
) -> Result<PublicStory, ServiceError> {
    let s = find_story(conn, slug).await?;
    let a = assembled(conn, &s).await?;
    let mut p = a
        .public
        .clone()
        .ok_or_else(|| ServiceError::NotFound("That story".into()))?;
    p.story.title = s.title.clone();
    p.url = format!(
        "{}/stories/{}",
        site.url.trim_end_matches('/'),
        p.story.slug
    );
    p.organisation = site.name.clone();
    let mut ids = Surrogates::default();
    p.story.id = Uuid::nil();
    for c in &mut p.clusters {
        ids.cluster(c);
    }
    for r in &mut p.relations {
        r.reason = public_reason(&r.reason, r.overridden);
    }
    for f in &mut p.figures {
        for pt in &mut f.points {
            pt.claim_id = ids.of(pt.claim_id);
            pt.article_id = ids.of(pt.article_id);
            pt.reason = public_reason(&pt.reason, pt.overridden);
        }
    }
    for ch in &mut p.chains {
        ch.claim_id = ids.of(ch.claim_id);
    }
    Ok(p)
}

/// Readers never see the database's ids (of unpublished claims least of all: a v7 id even
/// tells when a claim was ingested), yet a public payload must still say which appearances
/// are the same claim. Each id is replaced by its position in the payload (1, 2, …, written
/// as a UUID so the types stay shared with the staff pages).
#[derive(Default)]
struct Surrogates(HashMap<Uuid, Uuid>);

impl Surrogates {
    fn of(&mut self, id: Uuid) -> Uuid {
        if id.is_nil() {
            return id;
        }
        let next = Uuid::from_u128(self.0.len() as u128 + 1);
        *self.0.entry(id).or_insert(next)
    }

    fn cluster(&mut self, c: &mut ClusterView) {
        c.representative = self.of(c.representative);
        c.key = c.index.to_string();
        if let Some(v) = &mut c.verdict {
            v.claim_id = self.of(v.claim_id);
        }
        for a in &mut c.appearances {
            a.claim_id = self.of(a.claim_id);
            a.article_id = self.of(a.article_id);
            a.status = None;
        }
    }
}

/// An editor's note on a relation or a rank is for the newsroom: readers see that an editor
/// decided, not the note.
fn public_reason(reason: &str, overridden: bool) -> String {
    if !overridden {
        return reason.to_owned();
    }
    match reason.split_once(": ") {
        Some((head, _)) if head.ends_with("by an editor") => head.to_owned(),
        _ => reason.to_owned(),
    }
}

/// A claim's public provenance as it leaves the server: ids replaced, editors' notes dropped.
fn scrub(mut p: ClaimProvenance, claim_id: Uuid) -> ClaimProvenance {
    let mut ids = Surrogates::default();
    // The claim itself is surrogate 1 in every payload, so a page can still tell its own
    // appearance from the others.
    ids.of(claim_id);
    p.story.id = Uuid::nil();
    for c in &mut p.clusters {
        ids.cluster(c);
    }
    for r in &mut p.relations {
        r.other_claim = ids.of(r.other_claim);
        if let Some(v) = &mut r.other_verdict {
            v.claim_id = ids.of(v.claim_id);
        }
        if r.reason.contains("by an editor: ") {
            r.reason = public_reason(&r.reason, true);
        }
    }
    p.suggestions.clear();
    p
}

/// The story an article is in, if it was filed.
///
/// # Errors
/// `Db`.
pub async fn story_of_article<C: ConnectionTrait>(
    conn: &C,
    article_id: Uuid,
) -> Result<Option<story::Model>, ServiceError> {
    let Some(m) = story_article::Entity::find_by_id(article_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(find_story(conn, &m.story_id.to_string()).await?))
}

/// A claim's place in its story: its clusters, their relations, its chain, and (`staff`) the
/// suggestions that involve it. On public pages (`staff` false) only what the public story
/// shows. `None` when the claim's article is in no story.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn claim_provenance<C: ConnectionTrait>(
    conn: &C,
    claim_id: Uuid,
    article_id: Uuid,
    staff: bool,
) -> Result<Option<ClaimProvenance>, ServiceError> {
    let Some(s) = story_of_article(conn, article_id).await? else {
        return Ok(None);
    };
    let a = assembled(conn, &s).await?;
    Ok(provenance_in(&a, claim_id, staff))
}

/// A claim's place in an assembled story (see `claim_provenance`).
pub fn provenance_in(a: &Assembled, claim_id: Uuid, staff: bool) -> Option<ClaimProvenance> {
    let page = &a.page;
    let (clusters, relations, chains): (&[ClusterView], &[RelationView], &[ChainView]) = if staff {
        (&page.clusters, &page.relations, &page.chains)
    } else {
        let p = a.public.as_ref()?;
        (&p.clusters, &p.relations, &p.chains)
    };
    let mine: BTreeSet<usize> = clusters
        .iter()
        .filter(|c| c.appearances.iter().any(|x| x.claim_id == claim_id))
        .map(|c| c.index)
        .collect();
    if mine.is_empty() && !staff {
        return None;
    }
    let relations = relations
        .iter()
        .filter_map(|r| {
            let (outgoing, other) = if mine.contains(&r.from) {
                (true, r.to)
            } else if mine.contains(&r.to) {
                (false, r.from)
            } else {
                return None;
            };
            let o = clusters.get(other)?;
            Some(ClaimRelation {
                kind: r.kind,
                prov: r.prov.clone(),
                outgoing,
                reason: r.reason.clone(),
                other_quote: o.quote.clone(),
                other_claim: o.representative,
                other_verdict: o.verdict.clone(),
                other_slug: o
                    .appearances
                    .iter()
                    .find(|x| x.claim_id == o.representative)
                    .and_then(|x| x.slug.clone()),
            })
        })
        .collect();
    Some(ClaimProvenance {
        story: page.story.clone(),
        clusters: mine
            .iter()
            .filter_map(|&i| clusters.get(i).cloned())
            .collect(),
        relations,
        chain: chains
            .iter()
            .find(|c| c.claim_id == claim_id)
            .map(|c| c.tellers.clone()),
        suggestions: if staff {
            page.suggestions
                .iter()
                .filter(|s| s.from.claim_id == claim_id || s.to.claim_id == claim_id)
                .cloned()
                .collect()
        } else {
            Vec::new()
        },
        story_public: page.public,
    })
}

/// The public provenance of published claims (their article's story read once per story), by
/// claim: for the public pages, their JSON and the feed.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn public_provenance<C: ConnectionTrait>(
    conn: &C,
    claims: &[(Uuid, Uuid)],
) -> Result<HashMap<Uuid, ClaimProvenance>, ServiceError> {
    let mut out = HashMap::new();
    if claims.is_empty() {
        return Ok(out);
    }
    let articles: BTreeSet<Uuid> = claims.iter().map(|(_, a)| *a).collect();
    let articles: Vec<Uuid> = articles.into_iter().collect();
    let story_of: HashMap<Uuid, Uuid> =
        find_in::<story_article::Entity, _>(conn, story_article::Column::ArticleId, &articles)
            .await?
            .into_iter()
            .map(|m| (m.article_id, m.story_id))
            .collect();
    let mut stories: HashMap<Uuid, Arc<Assembled>> = HashMap::new();
    for (claim, article) in claims {
        let Some(&sid) = story_of.get(article) else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(e) = stories.entry(sid) {
            let s = find_story(conn, &sid.to_string()).await?;
            e.insert(assembled(conn, &s).await?);
        }
        if let Some(p) = stories
            .get(&sid)
            .and_then(|a| provenance_in(a, *claim, false))
        {
            out.insert(*claim, scrub(p, *claim));
        }
    }
    Ok(out)
}
