//! A story's clusters, relations, figure timelines and chains, derived from what is stored:
//! clusters are the claims joined by automatic and confirmed links (a rejected pair is never
//! joined, whatever other links say); the pure tracer derives relations, first appearances,
//! figures and chains from those clusters; then editors' overrides of relations and figure
//! ranks are applied, the latest decision last.

use std::collections::{BTreeSet, HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
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
}

/// A stored link as the clustering reads it: its id, level and the two propositions it joins.
type LinkRow = (Uuid, String, Uuid, String, Uuid, String);

/// Derives a story from its stored links and overrides and its tracer. Every link is read by
/// the columns the clustering needs; only suggestions, which the page shows with their evidence,
/// are read whole (a large story holds tens of thousands of links, and reading each one's
/// evidence and thresholds took most of the read).
///
/// # Errors
/// `Db`; `Internal` for a stored value that no longer parses.
pub async fn derive<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    loaded: &Loaded,
) -> Result<Derived, ServiceError> {
    let links: Vec<LinkRow> = claim_link::Entity::find()
        .select_only()
        .column(claim_link::Column::Id)
        .column(claim_link::Column::Level)
        .column(claim_link::Column::FromClaimId)
        .column(claim_link::Column::FromProp)
        .column(claim_link::Column::ToClaimId)
        .column(claim_link::Column::ToProp)
        .filter(claim_link::Column::StoryId.eq(story_id))
        .order_by_asc(claim_link::Column::CreatedAt)
        .order_by_asc(claim_link::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    // The suggestions are those the first read found suggested (one snapshot decides which
    // links cluster and which are suggested), read whole by id, in batches under both
    // databases' limits on bound values (`find_in`).
    let suggested_ids: Vec<Uuid> = links
        .iter()
        .filter(|l| l.1 == LinkState::Suggested.as_str())
        .map(|l| l.0)
        .collect();
    let mut whole: HashMap<Uuid, claim_link::Model> =
        find_in::<claim_link::Entity, _>(conn, claim_link::Column::Id, &suggested_ids)
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
    let suggested = suggested_ids
        .iter()
        .filter_map(|id| whole.remove(id))
        .collect();
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
    derive_from(loaded, links, suggested, &relations, &ranks)
}

/// The derivation itself, on rows already read: `links` every link of the story, `suggested`
/// the whole rows of those `links` gives as suggested, in its order.
///
/// # Errors
/// `Internal` for a stored level that no longer parses.
pub fn derive_from(
    loaded: &Loaded,
    links: Vec<LinkRow>,
    suggested: Vec<claim_link::Model>,
    relations: &[relation_override::Model],
    ranks: &[figure_rank_override::Model],
) -> Result<Derived, ServiceError> {
    let prop = |claim: Uuid, key: &str| loaded.index.get(&(claim, key.to_owned())).copied();
    let mut resolved = Vec::with_capacity(links.len());
    for (_, level, from_claim, from_prop, to_claim, to_prop) in links {
        let state: LinkState = level.parse()?;
        if let (Some(a), Some(b)) = (prop(from_claim, &from_prop), prop(to_claim, &to_prop)) {
            resolved.push((state, a, b));
        }
    }
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
