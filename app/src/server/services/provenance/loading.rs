//! A story's tracer, rebuilt from its stored articles (in arrival order) and their claims (claims as reviewers left
//! them: their kind, figures and actors; dismissed claims left out), with the map between the
//! tracer's propositions and the stored claims. Rebuilding a large story costs seconds, so the
//! tracer is kept in memory per story, under a stamp of what it was built from (its claims and
//! articles, and how often the claims changed in what the tracer reads): such a change, from
//! any server, gives a new stamp; an assignment or a status change does not. For the story's
//! page a change within its articles (an edit, a dismissal) is patched in: only the articles
//! whose claims changed are read again, into a tracer that holds propositions without links
//! (the page clusters by the stored links). A filing, which links against the whole story,
//! rebuilds a tracer that is stale or unlinked.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Statement};
use uuid::Uuid;

use super::prop_key;
use crate::domain::{ActorRef, ClaimKind, Figure, ReviewStatus};
use crate::provenance::{ArticleInput, ClaimInput, Params, Tracer};
use crate::server::entities::{actor, article, claim, story_article};
use crate::server::services::{ServiceError, find_in};

/// What a story's tracer and views were built from. For the tracer: the number of the story's
/// claims, the sum of their `trace_version`s (moved by every change to what the tracer reads
/// of one), their latest creation, the number of its articles and the latest move of one. For
/// the views besides: the sum of the claims' `version`s and their latest change of any kind
/// (a status or an assignment, which the views show but the tracer does not read). The sums
/// move with every committed write, even one timed before a write committed earlier.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    claims: i64,
    traced: i64,
    latest_claim: String,
    articles: i64,
    latest_move: String,
    versions: i64,
    latest_change: String,
}

impl Stamp {
    /// The latest change to one of the story's claims, as the database gives it as text.
    pub fn latest_change(&self) -> &str {
        &self.latest_change
    }

    /// Whether the story at `other` holds the articles it held at `self` (none moved in or
    /// out), whatever changed in their claims.
    pub fn same_articles(&self, other: &Stamp) -> bool {
        self.articles == other.articles && self.latest_move == other.latest_move
    }

    /// Whether a tracer built at `self` is still the one the story at `other` gives: nothing it
    /// reads changed, whatever else did.
    pub fn same_trace(&self, other: &Stamp) -> bool {
        self.claims == other.claims
            && self.traced == other.traced
            && self.latest_claim == other.latest_claim
            && self.articles == other.articles
            && self.latest_move == other.latest_move
    }
}

/// The details of an article the views show.
#[derive(Clone, Debug)]
pub struct ArticleMeta {
    pub id: Uuid,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A stored article as the tracer takes it: its details, its claims (dismissed ones left out)
/// in the tracer's order, and each claim's trace version.
#[derive(Clone, Debug)]
pub struct StoredArticle {
    pub meta: ArticleMeta,
    pub input: ArticleInput,
    pub claim_ids: Vec<Uuid>,
    pub versions: Vec<(Uuid, i32)>,
}

/// A story's tracer and how its propositions map to stored claims.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub tracer: Tracer,
    /// By tracer article index.
    pub articles: Vec<ArticleMeta>,
    /// By tracer article index: the claim ids in the order the tracer was given them.
    pub claims: Vec<Vec<Uuid>>,
    /// By proposition index: its claim and its name within the claim.
    pub props: Vec<(Uuid, String)>,
    /// (claim, proposition name) → proposition index.
    pub index: HashMap<(Uuid, String), usize>,
    /// The `trace_version` of each claim the tracer was given as stored (`add_stored`); an
    /// article added without them is read again at the next patch.
    pub versions: HashMap<Uuid, i32>,
}

/// The tracer's settings for one stored story: its articles are the story's because the
/// database says so (a reviewer may have moved them), so every article joins.
pub fn story_params() -> Params {
    Params {
        story_join: f64::NEG_INFINITY,
        ..Params::default()
    }
}

impl Loaded {
    pub fn new() -> Self {
        Loaded {
            tracer: Tracer::with_params(story_params()),
            ..Loaded::default()
        }
    }

    /// Replaces the claims of the article at tracer index `ai` (an unlinked tracer's: see
    /// `Tracer::replace_article`), giving what a tracer read with them in the first place holds.
    pub fn replace(
        &mut self,
        ai: usize,
        meta: ArticleMeta,
        input: ArticleInput,
        claim_ids: Vec<Uuid>,
    ) {
        let old = self.tracer.replace_article(ai, input);
        self.articles[ai] = meta;
        self.claims[ai] = claim_ids;
        let new_len = self.tracer.propositions().len() - (self.props.len() - old.len());
        let new_end = old.start + new_len;
        // The article's propositions are named again; the others keep their names and move.
        let mut named: Vec<(Uuid, String)> = Vec::with_capacity(new_len);
        let mut taken: std::collections::HashSet<(Uuid, String)> = std::collections::HashSet::new();
        for p in &self.tracer.propositions()[old.start..new_end] {
            let claim = self.claims[ai]
                .get(p.claim.claim)
                .copied()
                .unwrap_or_default();
            let key = prop_key(p, |k| taken.contains(&(claim, k.to_owned())));
            taken.insert((claim, key.clone()));
            named.push((claim, key));
        }
        self.props.splice(old, named);
        self.index = self
            .props
            .iter()
            .enumerate()
            .rev()
            .map(|(i, k)| (k.clone(), i))
            .collect();
    }

    /// Adds a stored article, knowing its claims' trace versions; returns what the tracer did
    /// with it.
    pub fn add_stored(&mut self, a: StoredArticle) -> crate::provenance::ArticleOutcome {
        self.versions.extend(a.versions);
        self.add(a.meta, a.input, a.claim_ids)
    }

    /// Adds an article with its claims (in the order of `claim_ids`); returns what the tracer
    /// did with it.
    pub fn add(
        &mut self,
        meta: ArticleMeta,
        input: ArticleInput,
        claim_ids: Vec<Uuid>,
    ) -> crate::provenance::ArticleOutcome {
        let outcome = self.tracer.add_article(input);
        self.articles.push(meta);
        self.claims.push(claim_ids);
        let props = self.tracer.propositions();
        for (i, p) in props.iter().enumerate().skip(self.props.len()) {
            let claim = self
                .claims
                .get(p.claim.article)
                .and_then(|c| c.get(p.claim.claim))
                .copied()
                .unwrap_or_default();
            let key = prop_key(p, |k| self.index.contains_key(&(claim, k.to_owned())));
            self.index.entry((claim, key.clone())).or_insert(i);
            self.props.push((claim, key));
        }
        outcome
    }

    /// The tracer article index of a stored article.
    pub fn article_index(&self, id: Uuid) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// The stamp of a story's stored articles and claims, in one query.
///
/// # Errors
/// `Db`.
pub async fn stamp<C: ConnectionTrait>(conn: &C, story_id: Uuid) -> Result<Stamp, ServiceError> {
    let backend = conn.get_database_backend();
    // One pass over the story's claims for every aggregate; the sums are cast to bigint so
    // both databases give a 64-bit integer whatever the column's width.
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "SELECT c.claims, c.traced, c.latest_claim, c.versions, c.latest_change, \
             (SELECT COUNT(*) FROM story_article WHERE story_id = $1) AS articles, \
             (SELECT MAX(updated_at)::text FROM story_article WHERE story_id = $1) AS latest_move \
             FROM (SELECT COUNT(*) AS claims, COALESCE(SUM(c.trace_version), 0)::bigint AS traced, \
             MAX(c.created_at)::text AS latest_claim, COALESCE(SUM(c.version), 0)::bigint AS versions, \
             MAX(c.updated_at)::text AS latest_change \
             FROM claim c JOIN story_article sa ON sa.article_id = c.article_id WHERE sa.story_id = $1) c"
        }
        _ => {
            "SELECT c.claims, c.traced, c.latest_claim, c.versions, c.latest_change, \
             (SELECT COUNT(*) FROM story_article WHERE story_id = ?1) AS articles, \
             (SELECT MAX(updated_at) FROM story_article WHERE story_id = ?1) AS latest_move \
             FROM (SELECT COUNT(*) AS claims, COALESCE(SUM(c.trace_version), 0) AS traced, \
             MAX(c.created_at) AS latest_claim, COALESCE(SUM(c.version), 0) AS versions, \
             MAX(c.updated_at) AS latest_change \
             FROM claim c JOIN story_article sa ON sa.article_id = c.article_id WHERE sa.story_id = ?1) c"
        }
    };
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [sea_orm::Value::from(story_id)],
        ))
        .await?
        .ok_or_else(|| ServiceError::Internal("the stamp query returned no row".into()))?;
    let text = |name: &str| -> Result<String, ServiceError> {
        Ok(row.try_get::<Option<String>>("", name)?.unwrap_or_default())
    };
    Ok(Stamp {
        claims: row.try_get("", "claims")?,
        traced: row.try_get("", "traced")?,
        latest_claim: text("latest_claim")?,
        articles: row.try_get("", "articles")?,
        latest_move: text("latest_move")?,
        versions: row.try_get("", "versions")?,
        latest_change: text("latest_change")?,
    })
}

/// A cached tracer, the stamp it was built from, and when it was last used.
type CachedTracer = (Stamp, Arc<Loaded>, u64);

/// The tracers of recently read stories, under the stamp they were built from. Keyed by story
/// id (uuids are unique across databases, so one process-wide cache serves every connection).
static TRACERS: LazyLock<Mutex<HashMap<Uuid, CachedTracer>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// How many stories' tracers are kept; past that the least recently used one goes.
const MAX_CACHED: usize = 256;

/// A process-wide clock for the caches' "least recently used".
pub fn tick() -> u64 {
    static CLOCK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    CLOCK.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A story's tracer, linked (what a filing links a new article against): from memory when
/// nothing it was built from changed, else rebuilt.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn tracer<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
) -> Result<(Stamp, Arc<Loaded>), ServiceError> {
    read(conn, story_id, true).await
}

/// A story's propositions as its page reads them: the kept tracer when nothing it was built
/// from changed; when only claims of its articles changed (an edit, a dismissal, claims
/// extracted again), the kept one with those articles read again, unlinked (the page clusters
/// by the stored links and reads no link of the tracer's); else rebuilt. An edit thus costs the
/// page the articles it touched, not the whole story linked again; the next filing, which needs
/// the links, rebuilds the tracer.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn propositions<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
) -> Result<(Stamp, Arc<Loaded>), ServiceError> {
    read(conn, story_id, false).await
}

async fn read<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    linked: bool,
) -> Result<(Stamp, Arc<Loaded>), ServiceError> {
    let stamp = stamp(conn, story_id).await?;
    if let Some(hit) = cached(story_id, &stamp, linked) {
        return Ok((stamp, hit));
    }
    // One rebuild per story at a time: readers that arrive while it runs wait for it and take
    // its result, instead of each reading the whole story again (a busy story's page after a
    // change would otherwise rebuild once per request in flight). The holder only reads.
    let gate = REBUILDS.of(story_id);
    let _turn = gate.lock().await;
    let stamp = self::stamp(conn, story_id).await?;
    if let Some(hit) = cached(story_id, &stamp, linked) {
        return Ok((stamp, hit));
    }
    // The kept tracer is taken out of the cache to be patched: held by no one else, it is
    // patched in place rather than copied.
    let kept = (!linked)
        .then(|| take_kept(story_id))
        .flatten()
        .filter(|(s, _)| s.same_articles(&stamp));
    let patched = match kept {
        Some((was, kept)) => patch(conn, story_id, kept, was.latest_change()).await?,
        None => None,
    };
    let loaded = match patched {
        Some(p) => Arc::new(p),
        None => Arc::new(load(conn, story_id).await?),
    };
    remember(story_id, stamp.clone(), loaded.clone());
    Ok((stamp, loaded))
}

/// A story's kept tracer, whatever its stamp, taken out of the cache.
fn take_kept(story_id: Uuid) -> Option<(Stamp, Arc<Loaded>)> {
    TRACERS
        .lock()
        .ok()?
        .remove(&story_id)
        .map(|(s, l, _)| (s, l))
}

/// The kept propositions with the articles whose claims changed read again (`None` when an
/// article is not the kept one's, or so many changed that reading the story is as cheap).
/// Which changed is read from the claims changed since `since`, the latest change the kept
/// tracer's stamp saw (`changed_since`), or when the sums do not allow that, from every claim of
/// the story by id and trace version, compared with the kept ones article by article.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
async fn patch<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    kept: Arc<Loaded>,
    since: &str,
) -> Result<Option<Loaded>, ServiceError> {
    let place: HashMap<Uuid, usize> = kept
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let mut owner: HashMap<Uuid, usize> = HashMap::with_capacity(kept.versions.len());
    for (ai, ids) in kept.claims.iter().enumerate() {
        owner.extend(ids.iter().map(|&c| (c, ai)));
    }
    let changed = match changed_since(conn, story_id, &kept, &place, &owner, since).await? {
        Some(changed) => changed,
        None => match changed_by_reading_all(conn, story_id, &kept, &place, &owner).await? {
            Some(changed) => changed,
            None => return Ok(None),
        },
    };
    if changed.len() * 4 > kept.articles.len().max(4) {
        return Ok(None);
    }
    let ids: Vec<Uuid> = changed.iter().map(|&ai| kept.articles[ai].id).collect();
    let mut fresh = Vec::with_capacity(ids.len());
    for batch in ids.chunks(200) {
        fresh.extend(read_articles(conn, batch).await?);
    }
    let mut loaded = Arc::try_unwrap(kept).unwrap_or_else(|shared| (*shared).clone());
    // A linked tracer's links would point at the old propositions; one whose articles all
    // stand (what changed was a claim it leaves out) stays as it is, links and all.
    if loaded.tracer.links_propositions() && !fresh.is_empty() {
        loaded.tracer.drop_links();
    }
    for a in fresh {
        let Some(&ai) = place.get(&a.meta.id) else {
            return Ok(None);
        };
        loaded.versions.extend(a.versions);
        loaded.replace(ai, a.meta, a.input, a.claim_ids);
    }
    Ok(Some(loaded))
}

/// The kept articles whose claims changed, from every claim of the story read by id and
/// trace version (`None` when a claim is in an article the kept tracer does not hold).
async fn changed_by_reading_all<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    kept: &Loaded,
    place: &HashMap<Uuid, usize>,
    owner: &HashMap<Uuid, usize>,
) -> Result<Option<BTreeSet<usize>>, ServiceError> {
    let rows: Vec<(Uuid, Uuid, i32)> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .column(claim::Column::ArticleId)
        .column(claim::Column::TraceVersion)
        .filter(claim::Column::ArticleId.in_subquery(story_articles(story_id)))
        .filter(claim::Column::Status.ne(ReviewStatus::Dismissed.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    // Per kept article: how many of its claims are still there with the version it was given.
    let mut unchanged = vec![0usize; kept.articles.len()];
    let mut changed = BTreeSet::new();
    for (id, article, version) in rows {
        let Some(&ai) = place.get(&article) else {
            return Ok(None);
        };
        if owner.get(&id) == Some(&ai) && kept.versions.get(&id) == Some(&version) {
            unchanged[ai] += 1;
        } else {
            changed.insert(ai);
        }
    }
    // A claim gone (dismissed, or no longer stored) leaves its article short of its count.
    for (ai, ids) in kept.claims.iter().enumerate() {
        if unchanged[ai] != ids.len() {
            changed.insert(ai);
        }
    }
    Ok(Some(changed))
}

/// The kept articles whose claims changed, from the claims changed at or after `since` (the
/// latest change the kept tracer's stamp saw), read in one statement with the count and the
/// sum of the trace versions of the claims the tracer holds (those not dismissed). `None` when
/// that cannot tell (the kept tracer lacks a claim's version, or the sums show a change the
/// time filter missed): every claim must be read.
///
/// Trace versions only grow, so when the kept claims, corrected by those changed since, count
/// and add up as the story's do, no other claim changed what the tracer reads: a change
/// committed after a later one (or timed by another server's slower clock) makes them differ.
async fn changed_since<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    kept: &Loaded,
    place: &HashMap<Uuid, usize>,
    owner: &HashMap<Uuid, usize>,
    since: &str,
) -> Result<Option<BTreeSet<usize>>, ServiceError> {
    if since.is_empty() || owner.keys().any(|c| !kept.versions.contains_key(c)) {
        return Ok(None);
    }
    let backend = conn.get_database_backend();
    let sql = super::ChangedSince {
        from: "claim c JOIN story_article sa ON sa.article_id = c.article_id",
        story: "sa.story_id",
        sums: &[
            (super::Sum::Count, "held"),
            (super::Sum::Total("c.trace_version"), "traced"),
        ],
        summed_only: &format!(" AND c.status <> {}", super::placeholder(backend, 3)),
        columns: "c.id, c.article_id, c.trace_version, c.status",
        updated: "c.updated_at",
        order: "",
    }
    .sql(backend);
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                sea_orm::Value::from(story_id),
                sea_orm::Value::from(since.to_owned()),
                sea_orm::Value::from(ReviewStatus::Dismissed.as_str()),
            ],
        ))
        .await?;
    let mut held = i64::try_from(owner.len()).unwrap_or(i64::MAX);
    // (`versions` may still hold claims the tracer left out since: only its claims count.)
    let mut traced: i64 = owner
        .keys()
        .filter_map(|c| kept.versions.get(c))
        .map(|&v| i64::from(v))
        .sum();
    let mut stored = None;
    let mut changed = BTreeSet::new();
    for r in &rows {
        stored = Some((
            r.try_get::<i64>("", "held")?,
            r.try_get::<i64>("", "traced")?,
        ));
        let Some(id) = r.try_get::<Option<Uuid>>("", "id")? else {
            continue;
        };
        let article: Uuid = r.try_get("", "article_id")?;
        let version: i32 = r.try_get("", "trace_version")?;
        let dismissed = r.try_get::<String>("", "status")? == ReviewStatus::Dismissed.as_str();
        let Some(&ai) = place.get(&article) else {
            return Ok(None);
        };
        match (owner.get(&id), kept.versions.get(&id)) {
            (Some(&was), Some(&v)) => {
                if dismissed {
                    held -= 1;
                    traced -= i64::from(v);
                    changed.insert(was);
                } else if v != version || was != ai {
                    traced += i64::from(version - v);
                    changed.insert(was);
                    changed.insert(ai);
                }
            }
            _ if dismissed => {}
            _ => {
                held += 1;
                traced += i64::from(version);
                changed.insert(ai);
            }
        }
    }
    Ok((stored == Some((held, traced))).then_some(changed))
}

/// The query of a story's article ids, to read its claims (or their rows elsewhere) in one
/// query rather than by batches of ids.
pub fn story_articles(story_id: Uuid) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(story_article::Column::ArticleId)
        .from(story_article::Entity)
        .and_where(story_article::Column::StoryId.eq(story_id))
        .to_owned()
}

/// One gate per story, for work on a story that one caller does while the others wait for its
/// result. An entry lives as long as someone holds or waits for its gate; dead entries are
/// swept as the map grows.
pub struct Gates(LazyLock<Mutex<HashMap<Uuid, std::sync::Weak<tokio::sync::Mutex<()>>>>>);

impl Gates {
    pub const fn new() -> Self {
        Gates(LazyLock::new(|| Mutex::new(HashMap::new())))
    }

    /// The story's gate.
    pub fn of(&self, story_id: Uuid) -> Arc<tokio::sync::Mutex<()>> {
        let mut gates = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(g) = gates.get(&story_id).and_then(std::sync::Weak::upgrade) {
            return g;
        }
        if gates.len() >= MAX_CACHED {
            gates.retain(|_, g| g.strong_count() > 0);
        }
        let g = Arc::new(tokio::sync::Mutex::new(()));
        gates.insert(story_id, Arc::downgrade(&g));
        g
    }
}

impl Default for Gates {
    fn default() -> Self {
        Gates::new()
    }
}

/// The rebuild gates of the stories being rebuilt now.
static REBUILDS: Gates = Gates::new();

/// Forgets one story's kept tracer, so its next read rebuilds it (the benchmark measures the
/// cold cost with it; tests start readers cold). Only that story's: tests of other stories run
/// alongside in the same process and rely on theirs.
pub fn forget(story_id: Uuid) {
    TRACERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .remove(&story_id);
}

fn cached(story_id: Uuid, stamp: &Stamp, linked: bool) -> Option<Arc<Loaded>> {
    TRACERS
        .lock()
        .ok()?
        .get_mut(&story_id)
        .filter(|(s, l, _)| s.same_trace(stamp) && (l.tracer.links_propositions() || !linked))
        .map(|(_, l, used)| {
            *used = tick();
            l.clone()
        })
}

/// Keeps a story's tracer for the stamp it was built from.
pub fn remember(story_id: Uuid, stamp: Stamp, loaded: Arc<Loaded>) {
    if let Ok(mut m) = TRACERS.lock() {
        if m.len() >= MAX_CACHED
            && !m.contains_key(&story_id)
            && let Some(oldest) = m.iter().min_by_key(|(_, v)| v.2).map(|(k, _)| *k)
        {
            m.remove(&oldest);
        }
        m.insert(story_id, (stamp, loaded, tick()));
    }
}

/// Rebuilds a story's tracer from the database: its articles in arrival order (the order
/// ingest linked them in, so the links it makes again are the ones stored), each with its
/// claims in text order.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn load<C: ConnectionTrait>(conn: &C, story_id: Uuid) -> Result<Loaded, ServiceError> {
    let mut ids: Vec<Uuid> = story_article::Entity::find()
        .filter(story_article::Column::StoryId.eq(story_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.article_id)
        .collect();
    // Arrival order (article ids are time-ordered UUIDs), the order ingest linked them in: the
    // links made again are the ones stored, and a filing, which adds its article last to the
    // tracer it holds, leaves a tracer a rebuild would make, so it stays cached. The tracer
    // itself orders appearances by publication day, then arrival.
    ids.sort_unstable();
    let mut loaded = Loaded::new();
    // Batches keep each query's bound values well under both databases' limits.
    for batch in ids.chunks(200) {
        for a in read_articles(conn, batch).await? {
            loaded.add_stored(a);
        }
    }
    Ok(loaded)
}

/// Stored articles (at most a few hundred ids), in id order, each as the tracer takes it.
///
/// # Errors
/// `Db`; `Internal` for a row that no longer parses.
pub async fn read_articles<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> Result<Vec<StoredArticle>, ServiceError> {
    let mut articles = article::Entity::find()
        .filter(article::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?;
    articles.sort_by_key(|a| a.id);
    let mut claims_of: HashMap<Uuid, Vec<claim::Model>> = HashMap::new();
    for c in claim::Entity::find()
        .filter(claim::Column::ArticleId.is_in(ids.iter().copied()))
        .filter(claim::Column::Status.ne(ReviewStatus::Dismissed.as_str()))
        .all(conn)
        .await?
    {
        claims_of.entry(c.article_id).or_default().push(c);
    }
    let actors = actors_of(conn, claims_of.values().flatten()).await?;
    let mut out = Vec::with_capacity(articles.len());
    for a in articles {
        let claims = claims_of.remove(&a.id).unwrap_or_default();
        let versions = claims.iter().map(|c| (c.id, c.trace_version)).collect();
        let (meta, input, claim_ids) = article_input(a, claims, &actors)?;
        out.push(StoredArticle {
            meta,
            input,
            claim_ids,
            versions,
        });
    }
    Ok(out)
}

/// The actors claims name, with their aliases.
///
/// # Errors
/// `Db`.
pub async fn actors_of<'a, C: ConnectionTrait>(
    conn: &C,
    claims: impl Iterator<Item = &'a claim::Model>,
) -> Result<HashMap<Uuid, ActorRef>, ServiceError> {
    let ids: std::collections::BTreeSet<Uuid> = claims
        .flat_map(|c| [c.claimant_id, c.target_id])
        .flatten()
        .collect();
    let ids: Vec<Uuid> = ids.into_iter().collect();
    Ok(find_in::<actor::Entity, _>(conn, actor::Column::Id, &ids)
        .await?
        .into_iter()
        .map(|a| {
            let aliases: Vec<String> = serde_json::from_value(a.aliases).unwrap_or_default();
            (
                a.id,
                ActorRef {
                    name: a.name,
                    aliases,
                },
            )
        })
        .collect())
}

/// The actors an article's claims name, as the article names them: each with the aliases
/// whose every word the article holds. An actor's stored aliases gather every name any article
/// gave it ("Police" is also each city's police), so a long-lived actor's grow with the
/// newsroom's history; the tracer reads a claim's actor as the extractor gave it, from its own
/// article, and taking them all would make a story's rebuild cost grow with every other story
/// (and read other cities' names as this party's). Each actor is read once per article.
struct NamesUsed<'a> {
    body: &'a str,
    /// The article's words, lowercased, once an actor with aliases asks.
    words: Option<std::collections::HashSet<String>>,
    seen: HashMap<Uuid, ActorRef>,
}

impl<'a> NamesUsed<'a> {
    fn new(body: &'a str) -> Self {
        NamesUsed {
            body,
            words: None,
            seen: HashMap::new(),
        }
    }

    fn of(&mut self, id: Uuid, actor: &ActorRef) -> ActorRef {
        if let Some(a) = self.seen.get(&id) {
            return a.clone();
        }
        let mut kept = ActorRef {
            name: actor.name.clone(),
            aliases: Vec::new(),
        };
        if !actor.aliases.is_empty() {
            let body = self.body;
            let words = self.words.get_or_insert_with(|| words_of(body).collect());
            let mut word = String::new();
            kept.aliases = actor
                .aliases
                .iter()
                .filter(|alias| {
                    alias.split(|c: char| !c.is_alphanumeric()).all(|w| {
                        word.clear();
                        word.extend(w.chars().flat_map(char::to_lowercase));
                        w.is_empty() || words.contains(&word)
                    })
                })
                .cloned()
                .collect();
        }
        self.seen.insert(id, kept.clone());
        kept
    }
}

/// A text's words (runs of letters and digits), lowercased.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// An article and its claims as the tracer takes them. Claims' code-point spans become byte
/// offsets of the body.
///
/// # Errors
/// `Internal` for a claim whose kind or figures no longer parse.
pub fn article_input(
    a: article::Model,
    mut claims: Vec<claim::Model>,
    actors: &HashMap<Uuid, ActorRef>,
) -> Result<(ArticleMeta, ArticleInput, Vec<Uuid>), ServiceError> {
    claims.sort_by_key(|c| (c.span_start, c.id));
    let bytes = byte_offsets(
        &a.body,
        claims
            .iter()
            .map(|c| usize::try_from(c.span_start).unwrap_or(0)),
    );
    let mut inputs = Vec::with_capacity(claims.len());
    let mut ids = Vec::with_capacity(claims.len());
    let mut used = NamesUsed::new(&a.body);
    for (c, start) in claims.iter().zip(bytes) {
        let bad = |e: String| ServiceError::Internal(format!("claim {}: {e}", c.id));
        let kind: ClaimKind = c
            .kind
            .parse()
            .map_err(|e: crate::domain::UnknownValue| bad(e.to_string()))?;
        let figures: Vec<Figure> =
            serde_json::from_value(c.figures.clone()).map_err(|e| bad(e.to_string()))?;
        inputs.push(ClaimInput {
            kind,
            quote: c.quote.clone(),
            start,
            figures,
            claimant: c
                .claimant_id
                .and_then(|id| Some(used.of(id, actors.get(&id)?))),
            target: c
                .target_id
                .and_then(|id| Some(used.of(id, actors.get(&id)?))),
            hedged: c.hedged,
        });
        ids.push(c.id);
    }
    // Ingest stores the headline as the body's first paragraph.
    let headline_end = if a.body.starts_with(&a.title)
        && a.body[a.title.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == '\n')
    {
        a.title.len()
    } else {
        0
    };
    let meta = ArticleMeta {
        id: a.id,
        title: a.title.clone(),
        publisher: a.publisher.clone(),
        url: a.url.clone(),
        published_at: a.published_at,
        created_at: a.created_at,
    };
    let input = ArticleInput {
        key: a.id.to_string(),
        publisher: a.publisher,
        published: a.published_at.map(|d| d.naive_utc()),
        body: a.body,
        headline_end,
        claims: inputs,
    };
    Ok((meta, input, ids))
}

/// Byte offsets in `text` of code-point positions given in ascending order.
fn byte_offsets(text: &str, chars: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let mut at = 0usize;
    let mut byte = it.next().unwrap_or(text.len());
    for c in chars {
        while at < c {
            match it.next() {
                Some(b) => byte = b,
                None => break,
            }
            at += 1;
        }
        out.push(byte);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{NamesUsed, byte_offsets};
    use crate::domain::ActorRef;
    use uuid::Uuid;

    #[test]
    fn an_actor_is_read_with_the_aliases_its_article_uses() {
        let police = ActorRef {
            name: "Police".into(),
            aliases: vec![
                "Ostra Police".into(),
                "Velm police force".into(),
                "the father-of-four".into(),
                "Kappa-Nine Unit".into(),
            ],
        };
        let mut used = NamesUsed::new(
            "OSTRA POLICE said the Kappa-Nine unit arrived; the father-of-four was held.",
        );
        let id = Uuid::nil();
        assert_eq!(
            used.of(id, &police).aliases,
            ["Ostra Police", "the father-of-four", "Kappa-Nine Unit"]
        );
        // Read once per article: the same actor again gives the same.
        assert_eq!(used.of(id, &police), used.of(id, &police));
        let mut elsewhere = NamesUsed::new("Police in Velm said nothing.");
        assert!(elsewhere.of(id, &police).aliases.is_empty());
    }

    #[test]
    fn code_points_become_byte_offsets() {
        assert_eq!(
            byte_offsets("aé—b", [0, 1, 2, 3, 4].into_iter()),
            vec![0, 1, 3, 6, 7]
        );
        assert_eq!(byte_offsets("abc", [5].into_iter()), vec![3]);
    }
}
