//! A story's clusters, relations, figure timelines and chains, derived from what is stored:
//! clusters are the claims joined by automatic and confirmed links (a rejected pair is never
//! joined, whatever other links say); the pure tracer derives relations, first appearances,
//! figures and chains from those clusters; then editors' overrides of relations and figure
//! ranks are applied, the latest decision last.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};
use uuid::Uuid;

use super::loading::Loaded;
use crate::domain::{LinkState, rank_from_str, relation_from_str};
use crate::provenance::{Rank, Relation, StoryTrace};
use crate::server::entities::{claim_link, figure_rank_override, relation_override};
use crate::server::services::{ServiceError, find_in};

/// What a story's stored rows and its tracer give.
#[derive(Clone, Debug)]
pub struct Derived {
    pub trace: StoryTrace,
    /// Relations (from, to) an editor set.
    pub set_by_editor: BTreeSet<(usize, usize)>,
    /// Figure points (series, point) an editor ranked.
    pub ranked_by_editor: BTreeSet<(usize, usize)>,
    /// Suggested links whose two claims are not already clustered.
    pub suggestions: Vec<claim_link::Model>,
    /// Proposition → cluster index.
    pub cluster_of: HashMap<usize, usize>,
    /// The stored links it was derived from.
    pub links: Links,
}

/// A stored link as the clustering reads it: its id, level, the two propositions it joins
/// (claim and name), its version and when it was made (links are taken in that order).
#[derive(Clone, Debug)]
struct StoredLink {
    id: Uuid,
    level: LinkState,
    from: (Uuid, String),
    to: (Uuid, String),
    version: i32,
    created_at: DateTime<Utc>,
}

/// A story's stored links as a derivation read them: every link by the columns the clustering
/// needs, in the order they were made; the suggested ones whole (the page shows their
/// evidence); and what reading only the links changed since needs: the sum of their versions
/// and the latest change among them, as the database writes it.
#[derive(Clone, Debug, Default)]
pub struct Links {
    rows: Vec<StoredLink>,
    whole: HashMap<Uuid, claim_link::Model>,
    versions: i64,
    latest: Option<String>,
    /// Reads of only what changed since the links were last read whole.
    reads_since_whole: u32,
}

/// How many times in a row the kept links are brought up to date before they are read whole
/// again (see `read_links_again` on the one change its check cannot see).
const READS_BEFORE_WHOLE: u32 = 64;

/// Derives a story from its stored links and overrides and its tracer. Every link is read by
/// the columns the clustering needs; only suggestions, which the page shows with their evidence,
/// are read whole (a large story holds tens of thousands of links, and reading each one's
/// evidence and thresholds took most of the read).
///
/// `kept`: the links a derivation of the story read before; then only the links changed since
/// are read, when the sums allow it (`read_links_again`).
///
/// # Errors
/// `Db`; `Internal` for a stored value that no longer parses.
pub async fn derive<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    loaded: &Loaded,
    kept: Option<&Links>,
) -> Result<Derived, ServiceError> {
    let again = match kept {
        Some(kept) if kept.reads_since_whole < READS_BEFORE_WHOLE => {
            read_links_again(conn, story_id, kept).await?
        }
        _ => None,
    };
    let links = match again {
        Some(links) => links,
        None => read_links(conn, story_id).await?,
    };
    let relations = relation_override::Entity::find()
        .filter(relation_override::Column::StoryId.eq(story_id))
        .order_by_asc(relation_override::Column::CreatedAt)
        .order_by_asc(relation_override::Column::Id)
        .all(conn)
        .await?;
    let ranks = figure_rank_override::Entity::find()
        .filter(figure_rank_override::Column::StoryId.eq(story_id))
        .order_by_asc(figure_rank_override::Column::CreatedAt)
        .order_by_asc(figure_rank_override::Column::Id)
        .all(conn)
        .await?;
    derive_from(loaded, links, &relations, &ranks)
}

/// A link row of a raw read: its clustering columns.
fn stored_link(r: &sea_orm::QueryResult) -> Result<StoredLink, ServiceError> {
    Ok(StoredLink {
        id: r.try_get("", "id")?,
        level: r.try_get::<String>("", "level")?.parse()?,
        from: (r.try_get("", "from_claim_id")?, r.try_get("", "from_prop")?),
        to: (r.try_get("", "to_claim_id")?, r.try_get("", "to_prop")?),
        version: r.try_get("", "version")?,
        created_at: r.try_get("", "created_at")?,
    })
}

/// The columns of a link the clustering reads.
const LINK_COLUMNS: &str = "l.id, l.level, l.from_claim_id, l.from_prop, l.to_claim_id, l.to_prop, l.version, l.created_at";

/// Every link of the story, with the latest change among them, in one statement; then the
/// suggested ones whole, by id, in batches under both databases' limits on bound values
/// (`find_in`).
async fn read_links<C: ConnectionTrait>(conn: &C, story_id: Uuid) -> Result<Links, ServiceError> {
    let backend = conn.get_database_backend();
    let latest = match backend {
        sea_orm::DbBackend::Postgres => "MAX(updated_at)::text",
        _ => "MAX(updated_at)",
    };
    let p = super::placeholder(backend, 1);
    let sql = format!(
        "SELECT {LINK_COLUMNS}, t.latest FROM claim_link l CROSS JOIN \
         (SELECT {latest} AS latest FROM claim_link WHERE story_id = {p}) t \
         WHERE l.story_id = {p} ORDER BY l.created_at, l.id"
    );
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [sea_orm::Value::from(story_id)],
        ))
        .await?;
    let mut links = Links::default();
    links.rows.reserve(rows.len());
    for r in &rows {
        if links.latest.is_none() {
            links.latest = r.try_get("", "latest")?;
        }
        let l = stored_link(r)?;
        links.versions += i64::from(l.version);
        links.rows.push(l);
    }
    read_suggested(conn, &mut links, None).await?;
    Ok(links)
}

/// Reads whole the suggested links `links` does not hold whole yet (or those of `changed`
/// only), and lets go of those no longer suggested.
async fn read_suggested<C: ConnectionTrait>(
    conn: &C,
    links: &mut Links,
    changed: Option<&HashSet<Uuid>>,
) -> Result<(), ServiceError> {
    let suggested: HashSet<Uuid> = links
        .rows
        .iter()
        .filter(|l| l.level == LinkState::Suggested)
        .map(|l| l.id)
        .collect();
    links.whole.retain(|id, _| suggested.contains(id));
    let wanted: Vec<Uuid> = links
        .rows
        .iter()
        .filter(|l| l.level == LinkState::Suggested)
        .filter(|l| !links.whole.contains_key(&l.id) || changed.is_some_and(|c| c.contains(&l.id)))
        .map(|l| l.id)
        .collect();
    for l in find_in::<claim_link::Entity, _>(conn, claim_link::Column::Id, &wanted).await? {
        links.whole.insert(l.id, l);
    }
    Ok(())
}

/// The kept links brought up to date with the links changed since them; `None` when they cannot
/// be (no time to look back from, or a change the time filter missed: they must be read whole).
///
/// The changed links are those changed at or after the latest change the kept ones hold, read in
/// one statement with the sum of every link's version. A link is made, decided (its version
/// grows), moved with its article into or out of the story (marked changed: `carry_links`), or
/// deleted (dropped by a move, or with its claim). So when the kept versions, corrected by the
/// changed links', add up to that sum, nothing else changed: a link gone makes the story's sum
/// smaller, a change the time filter missed (committed after a later one, or timed by another
/// server's slower clock) makes it larger. Only both at once, exactly offsetting, would pass; a
/// link kept after it went is harmless while its claim stays out of the story (the
/// clustering passes over a link to a claim the tracer does not hold), and reading whole every
/// `READS_BEFORE_WHOLE` reads bounds how long a missed one could stay unseen.
async fn read_links_again<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    kept: &Links,
) -> Result<Option<Links>, ServiceError> {
    let Some(since) = kept.latest.clone() else {
        return Ok(None);
    };
    let backend = conn.get_database_backend();
    let sql = super::ChangedSince {
        from: "claim_link l",
        story: "l.story_id",
        sums: &[
            (super::Sum::Total("l.version"), "total"),
            (super::Sum::Latest("l.updated_at"), "latest"),
        ],
        summed_only: "",
        columns: LINK_COLUMNS,
        updated: "l.updated_at",
        order: "c.created_at, c.id",
    }
    .sql(backend);
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [sea_orm::Value::from(story_id), sea_orm::Value::from(since)],
        ))
        .await?;
    let place: HashMap<Uuid, usize> = kept
        .rows
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id, i))
        .collect();
    let mut next = kept.clone();
    next.reads_since_whole += 1;
    let mut total = None;
    let mut changed = HashSet::new();
    let mut added = false;
    for r in &rows {
        total = Some(r.try_get::<i64>("", "total")?);
        next.latest = r.try_get("", "latest")?;
        if r.try_get::<Option<Uuid>>("", "id")?.is_none() {
            continue;
        }
        let l = stored_link(r)?;
        match place.get(&l.id) {
            Some(&i) if next.rows[i].version == l.version => {}
            Some(&i) if next.rows[i].version > l.version => return Ok(None),
            Some(&i) => {
                next.versions += i64::from(l.version - next.rows[i].version);
                changed.insert(l.id);
                next.rows[i] = l;
            }
            None => {
                next.versions += i64::from(l.version);
                changed.insert(l.id);
                next.rows.push(l);
                added = true;
            }
        }
    }
    if total != Some(next.versions) {
        return Ok(None);
    }
    if added {
        // In the order a whole read gives: a link made meanwhile may share its time with a
        // kept one.
        next.rows.sort_by_key(|l| (l.created_at, l.id));
    }
    read_suggested(conn, &mut next, Some(&changed)).await?;
    Ok(Some(next))
}

/// The derivation itself, on links already read.
///
/// # Errors
/// `Internal` for a stored value that no longer parses.
pub fn derive_from(
    loaded: &Loaded,
    links: Links,
    relations: &[relation_override::Model],
    ranks: &[figure_rank_override::Model],
) -> Result<Derived, ServiceError> {
    let prop = |claim: Uuid, key: &str| loaded.index.get(&(claim, key.to_owned())).copied();
    let mut resolved = Vec::with_capacity(links.rows.len());
    for l in &links.rows {
        if let (Some(a), Some(b)) = (prop(l.from.0, &l.from.1), prop(l.to.0, &l.to.1)) {
            resolved.push((l.level, a, b));
        }
    }
    let suggested: Vec<claim_link::Model> = links
        .rows
        .iter()
        .filter(|l| l.level == LinkState::Suggested)
        .filter_map(|l| links.whole.get(&l.id).cloned())
        .collect();
    let mut clusters = Clusters::new(loaded.props.len());
    for (state, a, b) in &resolved {
        if *state == LinkState::Rejected {
            clusters.forbid(*a, *b);
        }
    }
    // Reviewers' confirmations first: an automatic link never overrules them.
    for wanted in [LinkState::Confirmed, LinkState::Automatic] {
        for (state, a, b) in &resolved {
            if *state == wanted {
                clusters.join(*a, *b);
            }
        }
    }
    let members = clusters.members();
    let mut trace = loaded.tracer.story_from_clusters(members);
    let cluster_of: HashMap<usize, usize> = trace
        .clusters
        .iter()
        .flat_map(|c| c.members.iter().map(move |&m| (m, c.id)))
        .collect();
    // Suggested links whose two claims are not already clustered, in the order they were made.
    let suggestions = suggested
        .into_iter()
        .filter(|l| {
            match (
                prop(l.from_claim_id, &l.from_prop),
                prop(l.to_claim_id, &l.to_prop),
            ) {
                (Some(a), Some(b)) => cluster_of.get(&a) != cluster_of.get(&b),
                _ => false,
            }
        })
        .collect();
    let mut set_by_editor = BTreeSet::new();
    for o in relations {
        let (Some(a), Some(b)) = (
            prop(o.from_claim_id, &o.from_prop),
            prop(o.to_claim_id, &o.to_prop),
        ) else {
            continue;
        };
        let (Some(&ca), Some(&cb)) = (cluster_of.get(&a), cluster_of.get(&b)) else {
            continue;
        };
        if ca == cb {
            continue;
        }
        trace
            .relations
            .retain(|r| !((r.from == ca && r.to == cb) || (r.from == cb && r.to == ca)));
        set_by_editor.retain(|&(f, t)| !((f == ca && t == cb) || (f == cb && t == ca)));
        if let Some(kind) = relation_from_str(&o.relation) {
            let note = o.note.trim();
            trace.relations.push(Relation {
                from: ca,
                to: cb,
                kind,
                reason: if note.is_empty() {
                    "set by an editor".to_owned()
                } else {
                    format!("set by an editor: {note}")
                },
            });
            set_by_editor.insert((ca, cb));
        }
    }
    trace.relations.sort_by_key(|r| (r.from, r.to, r.kind));
    let mut ranked_by_editor = BTreeSet::new();
    for o in ranks {
        let Some(rank) = rank_from_str(&o.rank) else {
            continue;
        };
        for (si, series) in trace.figures.iter_mut().enumerate() {
            if series.category != o.category {
                continue;
            }
            let hit = series.points.iter().position(|p| {
                p.value == o.value
                    && loaded.props.get(p.proposition).map(|x| x.0) == Some(o.claim_id)
            });
            let Some(pi) = hit else { continue };
            if rank == Rank::Preferred {
                for (i, p) in series.points.iter_mut().enumerate() {
                    if i != pi && p.rank == Rank::Preferred {
                        p.rank = Rank::Normal;
                        p.reason = "an editor preferred another value".to_owned();
                        ranked_by_editor.insert((si, i));
                    }
                }
            }
            let p = &mut series.points[pi];
            p.rank = rank;
            let reason = o.reason.trim();
            p.reason = if reason.is_empty() {
                "ranked by an editor".to_owned()
            } else {
                format!("ranked by an editor: {reason}")
            };
            ranked_by_editor.insert((si, pi));
        }
    }
    Ok(Derived {
        trace,
        set_by_editor,
        ranked_by_editor,
        suggestions,
        cluster_of,
        links,
    })
}

/// Union-find over propositions that never joins two sets holding a forbidden pair.
struct Clusters {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
    forbidden: HashMap<usize, HashSet<usize>>,
}

impl Clusters {
    fn new(n: usize) -> Self {
        Clusters {
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
            forbidden: HashMap::new(),
        }
    }

    fn forbid(&mut self, a: usize, b: usize) {
        self.forbidden.entry(a).or_default().insert(b);
        self.forbidden.entry(b).or_default().insert(a);
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (small, large) = if self.members[ra].len() < self.members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let clash = self.members[small].clone().into_iter().any(|x| {
            self.forbidden
                .get(&x)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .any(|y| self.find(y) == large)
        });
        if clash {
            return;
        }
        self.parent[small] = large;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[large].extend(moved);
    }

    fn members(mut self) -> Vec<Vec<usize>> {
        let roots: Vec<usize> = (0..self.parent.len())
            .filter(|&i| self.find(i) == i)
            .collect();
        roots
            .into_iter()
            .map(|r| std::mem::take(&mut self.members[r]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Clusters;

    #[test]
    fn a_rejected_pair_is_never_joined() {
        let mut c = Clusters::new(4);
        c.forbid(0, 3);
        c.join(0, 1);
        c.join(2, 3);
        c.join(1, 2);
        c.join(1, 0);
        let mut m: Vec<Vec<usize>> = c
            .members()
            .into_iter()
            .map(|mut v| {
                v.sort_unstable();
                v
            })
            .collect();
        m.sort();
        assert_eq!(m, vec![vec![0, 1], vec![2, 3]]);
    }
}
