//! Cross-article provenance, pure: no I/O, no database, deterministic. Articles are put into
//! stories (one real-world event each); within a story the claims that assert the same
//! proposition are linked into clusters (automatically when the evidence is strong, otherwise
//! as a suggestion for a reviewer), clusters are related (`updates`, `contradicts`, `denies`,
//! `cites`, `supports`), every cluster knows where it appeared first, each counted figure has a
//! ranked timeline, and attributions carry their chain of tellers.
//!
//! It is incremental: `Tracer::add_article` files one article into its story and links its
//! claims against candidates found through an index keyed by figures, actors and rare words, so
//! the cost of a new article grows with the claims it could match, not with all stored claims.
//! `Tracer::story` then derives the story's clusters, relations, figures and chains from the
//! links, which is what a database layer persists and rebuilds from.

mod article;
mod chains;
mod figures;
mod proposition;
mod relations;
mod report;
mod similarity;
mod story;
mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use article::{ArticleInput, ClaimInput, sentence_around};
pub use chains::{Chain, chain_of};
pub use figures::{FigurePoint, FigureSeries, Rank};
pub use proposition::{ClaimRef, Proposition, counts_people, tracked};
pub use relations::{Relation, RelationType};
pub use report::{Report, claim_id, report, trace, trace_articles, trace_articles_with};
pub use similarity::{AUTO_LINK, BEST_WEIGHT, Evidence, LinkLevel, SUGGEST_LINK, Vocabulary};
pub use story::{Assignment, JOIN_THRESHOLD, StoryIndex};

use crate::domain::ClaimKind;

/// Where a proposition stands in a story's time: publication date, arrival, headline first,
/// position in its article, index.
pub(crate) type OrderKey = (Option<NaiveDate>, usize, bool, usize, usize);

/// A link between two propositions: the later one (`from`) asserts what the earlier one (`to`)
/// does, with how sure that is and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub level: LinkLevel,
    pub evidence: Evidence,
}

/// What adding an article did: its story and the links its propositions made.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleOutcome {
    pub article: usize,
    pub assignment: Assignment,
    /// The article's propositions (indexes into `Tracer::propositions`).
    pub propositions: Vec<usize>,
    pub links: Vec<Link>,
}

/// A cluster: propositions asserting the same thing, and where it appeared first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: usize,
    pub kind: ClaimKind,
    /// Member propositions, earliest first.
    pub members: Vec<usize>,
    /// The earliest member: first by publication date, then arrival, headline, position.
    pub first: usize,
    pub appearances: Vec<Appearance>,
}

/// One appearance of a cluster's proposition: in which article, by which outlet, when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appearance {
    pub proposition: usize,
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<chrono::NaiveDateTime>,
}

/// Everything derived for one story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryTrace {
    pub story: usize,
    /// Its articles in publication order.
    pub articles: Vec<usize>,
    pub clusters: Vec<Cluster>,
    pub relations: Vec<Relation>,
    pub figures: Vec<FigureSeries>,
    pub chains: Vec<Chain>,
    /// Links a reviewer should confirm (not clustered).
    pub suggestions: Vec<Link>,
}

/// The tracer's tunable thresholds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// The linkage above which a claim joins a cluster without review.
    pub auto_link: f64,
    /// The linkage above which a link is suggested to a reviewer.
    pub suggest_link: f64,
    /// The TF-IDF cosine above which an article joins a story.
    pub story_join: f64,
    /// How much a cluster's best match counts against the mean of all its members when a
    /// claim is placed (1: the best match alone; 0: the mean alone).
    pub best_weight: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            auto_link: AUTO_LINK,
            suggest_link: SUGGEST_LINK,
            story_join: JOIN_THRESHOLD,
            best_weight: BEST_WEIGHT,
        }
    }
}

impl Params {
    /// The settings an evaluation tunes over (leave one event out).
    pub fn grid() -> Vec<Params> {
        let mut grid = Vec::new();
        for best_weight in [0.5, 0.75, 1.0] {
            for auto_link in [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6] {
                grid.push(Params {
                    auto_link,
                    suggest_link: (auto_link - 0.2_f64).max(0.1),
                    best_weight,
                    ..Params::default()
                });
            }
        }
        grid
    }
}

impl std::fmt::Display for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "auto {:.2} best {:.2}", self.auto_link, self.best_weight)
    }
}

/// The incremental tracer: articles in, stories and links kept.
#[derive(Clone, Debug, Default)]
pub struct Tracer {
    params: Params,
    /// Shared between copies (a filing copies the story's tracer and adds to the copy): an
    /// article and its propositions are never changed once added, only replaced whole.
    articles: Vec<Arc<ArticleInput>>,
    stories: story::StoryIndex,
    props: Vec<Arc<Proposition>>,
    prop_cluster: Vec<usize>,
    /// Cluster id → member propositions, in the order they joined.
    clusters: Vec<Vec<usize>>,
    vocab: HashMap<usize, Vocabulary>,
    /// Story → key → propositions: the candidates a new proposition is compared with.
    postings: HashMap<usize, rustc_hash::FxHashMap<String, Vec<usize>>>,
    links: Vec<Link>,
    /// By proposition: the tellers its sentence names, when two or more (read once, as the
    /// proposition is made: a story is derived again after every filing).
    chains: Vec<Option<Vec<String>>>,
    /// Propositions only, links dropped (`Tracer::drop_links`).
    unlinked: bool,
}

/// A cluster weighed for a new proposition: the linkage, the cluster, its member matched best
/// and their evidence.
type Weighed = (f64, usize, usize, Evidence);

/// A candidate key shared by more propositions than this is too common to find candidates by.
const MAX_POSTING: usize = 400;

/// A new proposition is weighed against at most this many members of each candidate cluster:
/// the earliest half and the latest half. A claim repeated by hundreds of outlets would otherwise
/// cost every later repetition a comparison with each earlier one (quadratic in the story's
/// size); a dozen outlets, as in any real story measured, are all compared.
const MEMBERS_WEIGHED: usize = 32;

/// A new proposition is weighed against at most this many candidate clusters: those sharing the
/// most (and the rarest) figures, actors and words with it.
const CLUSTERS_WEIGHED: usize = 48;

/// How many members of each of two clusters are weighed when they may be joined (the first
/// and the latest halves), which bounds a join's cost to this many squared comparisons.
const MERGE_MEMBERS_WEIGHED: usize = 8;

impl Tracer {
    pub fn new() -> Self {
        Self::default()
    }

    /// A tracer with other thresholds (for evaluation).
    pub fn with_params(params: Params) -> Self {
        Tracer {
            params,
            ..Self::default()
        }
    }

    /// Makes this tracer an unlinked one: its links, clusters and candidate index go, its
    /// articles, propositions and chains stay as they are. That is all a story derived from
    /// clusters the caller decided (`story_from_clusters`) reads, and such a tracer's articles
    /// can be replaced (`replace_article`); it takes no new article.
    pub fn drop_links(&mut self) {
        self.unlinked = true;
        self.links = Vec::new();
        self.clusters = Vec::new();
        self.postings = HashMap::new();
        self.prop_cluster.fill(usize::MAX);
        self.learn_sides_again();
    }

    /// Whether this tracer links its propositions (see `drop_links`).
    pub fn links_propositions(&self) -> bool {
        !self.unlinked
    }

    /// Replaces the article at `index` (its claims changed) in a tracer that links nothing:
    /// its propositions and chains are made again, the later articles' propositions move by
    /// the difference in number. Returns the range its propositions held before (the new ones
    /// start at the same place). What follows is what a tracer given the new article in the
    /// first place holds.
    ///
    /// # Panics
    /// On a tracer that links (its clusters and links would be left pointing at the old
    /// propositions), or an `index` it does not hold.
    pub fn replace_article(&mut self, index: usize, a: ArticleInput) -> std::ops::Range<usize> {
        assert!(
            self.unlinked,
            "only an unlinked tracer's articles are replaced"
        );
        assert!(index < self.articles.len(), "no article {index}");
        // Propositions are made article after article, so each article's are one run.
        let start = self.props.partition_point(|p| p.claim.article < index);
        let end = self.props.partition_point(|p| p.claim.article <= index);
        let new_props = proposition::propositions(index, &a);
        let chains: Vec<Option<Vec<String>>> = new_props
            .iter()
            .enumerate()
            .map(|(i, p)| chain_of(&a, p, start + i).map(|c| c.tellers))
            .collect();
        self.chains.splice(start..end, chains);
        self.props
            .splice(start..end, new_props.into_iter().map(Arc::new));
        self.prop_cluster.resize(self.props.len(), usize::MAX);
        self.articles[index] = Arc::new(a);
        // A replaced proposition's part of what the articles say of parties' countries cannot
        // be taken out: it is all learnt again.
        self.learn_sides_again();
        start..end
    }

    /// An unlinked tracer's vocabularies made again from every proposition, story by story:
    /// the countries the articles give parties, which deriving a story reads.
    fn learn_sides_again(&mut self) {
        self.vocab.clear();
        for i in 0..self.props.len() {
            let story = self.story_of_prop(i);
            self.vocab
                .entry(story)
                .or_default()
                .add_sides(&self.props[i]);
        }
    }

    pub fn articles(&self) -> &[Arc<ArticleInput>] {
        &self.articles
    }

    pub fn propositions(&self) -> &[Arc<Proposition>] {
        &self.props
    }

    /// The story an article is in (after any merges), by article index.
    pub fn story_of(&self, article: usize) -> usize {
        self.stories.story_of(article).unwrap_or(usize::MAX)
    }

    /// Whether a story was merged into another (it is then empty).
    pub fn is_merged(&self, story: usize) -> bool {
        self.stories
            .stories
            .get(story)
            .is_some_and(|s| s.merged_into.is_some())
    }

    /// The evidence between every two propositions of a story of one kind (quadratic: for
    /// evaluation and diagnostics, not for the ingest path).
    pub fn similarities(&self, story: usize) -> Vec<(usize, usize, Evidence)> {
        let Some(vocab) = self.vocab.get(&story) else {
            return Vec::new();
        };
        let ids: Vec<usize> = (0..self.props.len())
            .filter(|&i| self.story_of_prop(i) == story)
            .collect();
        let mut out = Vec::new();
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                out.push((
                    a,
                    b,
                    similarity::compare(&self.props[a], &self.props[b], vocab),
                ));
            }
        }
        out
    }

    /// The propositions clustered with `prop` by the tracer's own links, itself included.
    pub fn cluster_mates(&self, prop: usize) -> &[usize] {
        self.prop_cluster
            .get(prop)
            .and_then(|&c| self.clusters.get(c))
            .map_or(&[], Vec::as_slice)
    }

    /// The chain of tellers of a proposition's claim, when its sentence names two or more.
    pub fn chain(&self, prop: usize) -> Option<Chain> {
        self.chains.get(prop)?.as_ref().map(|tellers| Chain {
            proposition: prop,
            tellers: tellers.clone(),
        })
    }

    /// Every link made so far, automatic and suggested.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// How many stories there are.
    pub fn story_count(&self) -> usize {
        self.stories.stories.len()
    }

    /// Files an article into its story and links its propositions to earlier ones. When the
    /// article merges stories, the merged story's claims are linked again from scratch.
    ///
    /// # Panics
    /// On a tracer whose links were dropped: it would link the article against nothing.
    pub fn add_article(&mut self, a: ArticleInput) -> ArticleOutcome {
        assert!(!self.unlinked, "an unlinked tracer takes no new article");
        let index = self.articles.len();
        let assignment = self.stories.assign(index, &a, self.params.story_join);
        let story = assignment.story;
        let new_props = proposition::propositions(index, &a);
        let first = self.props.len();
        self.chains.extend(
            new_props
                .iter()
                .enumerate()
                .map(|(i, p)| chain_of(&a, p, first + i).map(|c| c.tellers)),
        );
        self.articles.push(Arc::new(a));
        self.props.extend(new_props.into_iter().map(Arc::new));
        self.prop_cluster.resize(self.props.len(), usize::MAX);
        let ids: Vec<usize> = (first..self.props.len()).collect();
        let links = if assignment.merged.is_empty() {
            self.link(story, &ids)
        } else {
            self.relink(story, &assignment.merged);
            self.links
                .iter()
                .filter(|l| ids.contains(&l.from))
                .cloned()
                .collect()
        };
        ArticleOutcome {
            article: index,
            assignment,
            propositions: ids,
            links,
        }
    }

    /// Links new propositions of one story, in order, to the story's earlier ones.
    fn link(&mut self, story: usize, ids: &[usize]) -> Vec<Link> {
        let vocab = self.vocab.entry(story).or_default();
        for &id in ids {
            vocab.add(&self.props[id]);
        }
        let mut links = Vec::new();
        for &id in ids {
            let keys = Self::keys(&self.props[id]);
            let (cluster, link, also) = self.place(story, id, &keys);
            self.prop_cluster[id] = cluster;
            self.index(story, id, keys);
            links.extend(link);
            // A claim as like another cluster as its own may show the two are one: they are
            // joined when, taken as wholes, they are as alike as a claim must be to join.
            for other in also {
                links.extend(self.merge_if_alike(story, id, other));
            }
        }
        self.links.extend(links.iter().cloned());
        links
    }

    /// Links a story's claims again from scratch, after other stories were merged into it.
    fn relink(&mut self, story: usize, merged: &[usize]) {
        let gone: BTreeSet<usize> = merged.iter().copied().chain([story]).collect();
        self.postings.retain(|s, _| !gone.contains(s));
        for s in &gone {
            self.vocab.remove(s);
        }
        let mut ids: Vec<usize> = (0..self.props.len())
            .filter(|&i| self.story_of_prop(i) == story)
            .collect();
        ids.sort_by_key(|&i| self.order(i));
        let in_story: BTreeSet<usize> = ids.iter().copied().collect();
        for &i in &ids {
            if let Some(c) = self.clusters.get_mut(self.prop_cluster[i]) {
                c.clear();
            }
        }
        self.links.retain(|l| !in_story.contains(&l.from));
        self.link(story, &ids);
    }

    fn story_of_prop(&self, id: usize) -> usize {
        self.stories
            .story_of(self.props[id].claim.article)
            .unwrap_or(usize::MAX)
    }

    fn keys(p: &Proposition) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(c) = &p.count {
            keys.push(format!("n:{c}"));
        }
        for f in &p.figures {
            keys.push(format!("f:{}:{}", f.category, f.value));
        }
        keys.extend(p.target.iter().map(|t| format!("t:{t}")));
        keys.extend(p.claimant.iter().map(|t| format!("c:{t}")));
        keys.extend(p.stems.keys().map(|s| format!("w:{s}")));
        keys
    }

    fn index(&mut self, story: usize, id: usize, keys: Vec<String>) {
        let postings = self.postings.entry(story).or_default();
        for k in keys {
            postings.entry(k).or_default().push(id);
        }
    }

    /// Chooses the cluster for a new proposition: the one whose members are most like it
    /// (its best match and the mean of all its members, weighed by `Params::best_weight`, so one
    /// whose other members disagree), or a new one.
    fn place(
        &mut self,
        story: usize,
        id: usize,
        keys: &[String],
    ) -> (usize, Option<Link>, Vec<usize>) {
        let (best, alike) = self.weigh(story, id, keys);
        match best {
            Some((linkage, c, m, mut e)) if linkage >= self.params.auto_link => {
                e.score = linkage;
                // `weigh` passes over clusters of another kind on the strength of this.
                debug_assert!(
                    self.clusters[c]
                        .iter()
                        .all(|&q| self.props[q].kind == self.props[id].kind),
                    "a cluster holds one kind of claim"
                );
                self.clusters[c].push(id);
                let link = Link {
                    from: id,
                    to: m,
                    level: LinkLevel::Automatic,
                    evidence: e,
                };
                let alike = alike.into_iter().filter(|&o| o != c).collect();
                (c, Some(link), alike)
            }
            Some((linkage, _, m, mut e)) if linkage >= self.params.suggest_link => {
                e.score = linkage;
                let link = Link {
                    from: id,
                    to: m,
                    level: LinkLevel::Suggested,
                    evidence: e,
                };
                (self.new_cluster(id), Some(link), Vec::new())
            }
            _ => (self.new_cluster(id), None, Vec::new()),
        }
    }

    /// The best cluster for proposition `id` (its linkage, the cluster, the member matched
    /// best and the evidence) and the clusters as alike as a claim must be to join one.
    fn weigh(&self, story: usize, id: usize, keys: &[String]) -> (Option<Weighed>, Vec<usize>) {
        let p = &self.props[id];
        let Some(vocab) = self.vocab.get(&story) else {
            return (None, Vec::new());
        };
        // Each cluster's share of the keys, the rarer the key the more it counts; only the
        // clusters sharing the most are weighed, so the cost stays bounded as a story grows.
        let mut shared: rustc_hash::FxHashMap<usize, f64> = rustc_hash::FxHashMap::default();
        let postings = self.postings.get(&story);
        for k in keys {
            if let Some(ps) = postings.and_then(|ps| ps.get(k.as_str()))
                && ps.len() <= MAX_POSTING
            {
                let weight = 1.0 / ps.len() as f64;
                for &q in ps {
                    *shared.entry(self.prop_cluster[q]).or_insert(0.0) += weight;
                }
            }
        }
        let mut candidate_clusters: Vec<(f64, usize)> =
            shared.into_iter().map(|(c, w)| (w, c)).collect();
        if candidate_clusters.len() > CLUSTERS_WEIGHED {
            candidate_clusters.select_nth_unstable_by(CLUSTERS_WEIGHED - 1, |a, b| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
            });
            candidate_clusters.truncate(CLUSTERS_WEIGHED);
        }
        // In cluster order, as before, so ties between equal linkages fall the same way.
        let mut candidate_clusters: Vec<usize> =
            candidate_clusters.into_iter().map(|(_, c)| c).collect();
        candidate_clusters.sort_unstable();
        let mut best: Option<Weighed> = None;
        let mut alike = Vec::new();
        'clusters: for c in candidate_clusters {
            let all = &self.clusters[c];
            // A cluster's members are all of one kind (a link and a join need it), and a claim
            // of another kind scores 0 with every one of them: its linkage, 0, can neither link
            // nor, being no better than none, be chosen over a cluster that could.
            if all.first().is_none_or(|&m| self.props[m].kind != p.kind)
                && self.params.suggest_link > 0.0
            {
                continue;
            }
            let (head, tail) = if all.len() <= MEMBERS_WEIGHED {
                (&all[..], &all[..0])
            } else {
                let half = MEMBERS_WEIGHED / 2;
                (&all[..half], &all[all.len() - half..])
            };
            let weighed = head.len() + tail.len();
            let mut sum = 0.0;
            let mut top: Option<(usize, Evidence)> = None;
            for &m in head.iter().chain(tail) {
                let e = similarity::compare(p, &self.props[m], vocab);
                // One country's account never joins a cluster holding another country's
                // account of it, however like another member (an untold one) it is. (Ruling a
                // cluster out for any member that cannot be one with the claim, another count or
                // culprit, was tried: it split more true clusters than false ones, on all three
                // events of the corpus.)
                if e.rival_accounts() {
                    continue 'clusters;
                }
                sum += e.score;
                if top.as_ref().is_none_or(|(_, t)| e.score > t.score) {
                    top = Some((m, e));
                }
            }
            let Some((m, e)) = top else { continue };
            let mean = sum / weighed as f64;
            let linkage =
                self.params.best_weight * e.score + (1.0 - self.params.best_weight) * mean;
            if linkage >= self.params.auto_link {
                alike.push(c);
            }
            if best.as_ref().is_none_or(|b| linkage > b.0) {
                best = Some((linkage, c, m, e));
            }
        }
        (best, alike)
    }

    /// Joins cluster `other` and the cluster of the new proposition `id` when they are as
    /// alike as a claim must be to join one (the best pair between them and the mean of all
    /// pairs, weighed as `place` weighs, over at most `MERGE_MEMBERS_WEIGHED` members of each)
    /// and no pair of them is ruled out. The join is a link from `id` to its best match in
    /// `other`, marked `joins`, scored with the clusters' likeness. The earlier cluster keeps
    /// its place.
    fn merge_if_alike(&mut self, story: usize, id: usize, other: usize) -> Option<Link> {
        let own = self.prop_cluster[id];
        if own == other || self.clusters[other].is_empty() {
            return None;
        }
        let vocab = self.vocab.get(&story)?;
        let sample = |c: &Vec<usize>| -> Vec<usize> {
            let half = MERGE_MEMBERS_WEIGHED / 2;
            if c.len() <= MERGE_MEMBERS_WEIGHED {
                c.clone()
            } else {
                c[..half]
                    .iter()
                    .chain(&c[c.len() - half..])
                    .copied()
                    .collect()
            }
        };
        let (xs, ys) = (sample(&self.clusters[own]), sample(&self.clusters[other]));
        let (mut sum, mut best) = (0.0, 0.0_f64);
        for &x in &xs {
            for &y in &ys {
                let e = similarity::compare(&self.props[x], &self.props[y], vocab);
                // Two clusters holding claims that cannot be one (other counts, other
                // culprits) stay apart, however alike their best pair.
                if e.score == 0.0 && !e.conflicts.is_empty() {
                    return None;
                }
                sum += e.score;
                best = best.max(e.score);
            }
        }
        let mean = sum / (xs.len() * ys.len()).max(1) as f64;
        let linkage = self.params.best_weight * best + (1.0 - self.params.best_weight) * mean;
        if linkage < self.params.auto_link {
            return None;
        }
        let (to, mut e) = self.clusters[other]
            .iter()
            .map(|&y| {
                (
                    y,
                    similarity::compare(&self.props[id], &self.props[y], vocab),
                )
            })
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))?;
        e.score = linkage;
        e.joins = true;
        let (keep, gone) = (own.min(other), own.max(other));
        let moved = std::mem::take(&mut self.clusters[gone]);
        for &m in &moved {
            self.prop_cluster[m] = keep;
        }
        self.clusters[keep].extend(moved);
        Some(Link {
            from: id,
            to,
            level: LinkLevel::Automatic,
            evidence: e,
        })
    }

    fn new_cluster(&mut self, id: usize) -> usize {
        self.clusters.push(vec![id]);
        self.clusters.len() - 1
    }

    /// The order key of a proposition: publication date, arrival, headline first, position.
    /// Datelines are local times of unknown zones, so within a day arrival order decides.
    fn order(&self, id: usize) -> OrderKey {
        let p = &self.props[id];
        let a = &self.articles[p.claim.article];
        (
            a.published.map(|d| d.date()),
            p.claim.article,
            !p.headline,
            a.claims.get(p.claim.claim).map_or(0, |c| c.start),
            id,
        )
    }

    /// The story's articles in publication order.
    fn story_articles(&self, story: usize) -> Vec<usize> {
        let mut arts: Vec<usize> = (0..self.articles.len())
            .filter(|&i| self.story_of(i) == story)
            .collect();
        arts.sort_by_key(|&i| (self.articles[i].published.map(|d| d.date()), i));
        arts
    }

    /// Derives a story's clusters, relations, figure timelines and chains.
    pub fn story(&self, story: usize) -> StoryTrace {
        let in_story = |c: &&Vec<usize>| c.first().is_some_and(|&p| self.story_of_prop(p) == story);
        let own: Vec<Vec<usize>> = self.clusters.iter().filter(in_story).cloned().collect();
        self.derive(story, self.story_articles(story), own)
    }

    /// Derives a story from clusters the caller decided (a database's stored links, with
    /// reviewers' confirmations and rejections applied) instead of the tracer's own: every
    /// article the tracer holds is the story's, and each given cluster lists propositions
    /// (`Tracer::propositions` indexes); propositions in no cluster are left out. Relations,
    /// figure timelines and chains are derived from these clusters as `story` derives them.
    pub fn story_from_clusters(&self, clusters: Vec<Vec<usize>>) -> StoryTrace {
        let mut articles: Vec<usize> = (0..self.articles.len()).collect();
        articles.sort_by_key(|&i| (self.articles[i].published.map(|d| d.date()), i));
        let clusters = clusters
            .into_iter()
            .map(|c| c.into_iter().filter(|&p| p < self.props.len()).collect())
            .filter(|c: &Vec<usize>| !c.is_empty())
            .collect();
        self.derive(0, articles, clusters)
    }

    fn derive(&self, story: usize, articles: Vec<usize>, raw: Vec<Vec<usize>>) -> StoryTrace {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut members_of_story = BTreeSet::new();
        for mut members in raw {
            members_of_story.extend(members.iter().copied());
            members.sort_by_key(|&m| self.order(m));
            let first = members[0];
            let appearances = members
                .iter()
                .map(|&m| {
                    let a = &self.articles[self.props[m].claim.article];
                    Appearance {
                        proposition: m,
                        article: a.key.clone(),
                        outlet: a.publisher.clone(),
                        published: a.published,
                    }
                })
                .collect();
            clusters.push(Cluster {
                id: clusters.len(),
                kind: self.props[first].kind,
                members,
                first,
                appearances,
            });
        }
        clusters.sort_by_key(|c| self.order(c.first));
        for (i, c) in clusters.iter_mut().enumerate() {
            c.id = i;
        }
        let view = StoryView {
            tracer: self,
            clusters: &clusters,
        };
        let relations = relations::relate(&view);
        let figures = figures::track(&view, &relations);
        let chains = clusters
            .iter()
            .flat_map(|c| c.members.iter())
            .filter_map(|&m| self.chain(m))
            .collect();
        let suggestions = self
            .links
            .iter()
            .filter(|l| l.level == LinkLevel::Suggested)
            .filter(|l| members_of_story.contains(&l.from))
            .cloned()
            .collect();
        StoryTrace {
            story,
            articles,
            clusters,
            relations,
            figures,
            chains,
            suggestions,
        }
    }
}

/// A story's clusters with access to the tracer's articles and propositions, for the rules that
/// relate clusters and rank figures.
pub(crate) struct StoryView<'a> {
    pub tracer: &'a Tracer,
    /// The story's clusters, each at the index of its id.
    pub clusters: &'a [Cluster],
}

impl StoryView<'_> {
    pub fn prop(&self, id: usize) -> &Proposition {
        &self.tracer.props[id]
    }

    pub fn article_of(&self, id: usize) -> &ArticleInput {
        &self.tracer.articles[self.tracer.props[id].claim.article]
    }

    pub fn sentence(&self, id: usize) -> &str {
        let p = self.prop(id);
        &self.article_of(id).body[p.sentence.0..p.sentence.1]
    }

    pub fn order(&self, id: usize) -> OrderKey {
        self.tracer.order(id)
    }

    /// The countries the story places a proposition's target in (`Vocabulary::target_sides`).
    pub fn target_sides(&self, id: usize) -> BTreeSet<String> {
        let p = self.prop(id);
        match self.tracer.vocab.get(&self.tracer.story_of_prop(id)) {
            Some(vocab) => vocab.target_sides(p),
            None => p.target_side.clone(),
        }
    }

    /// The claim a proposition comes from.
    pub fn claim(&self, id: usize) -> Option<&ClaimInput> {
        let p = self.prop(id);
        self.tracer.articles[p.claim.article]
            .claims
            .get(p.claim.claim)
    }

    /// The cluster holding each proposition.
    pub fn cluster_of(&self) -> BTreeMap<usize, usize> {
        self.clusters
            .iter()
            .flat_map(|c| c.members.iter().map(move |&m| (m, c.id)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActorRef, Figure, Qualifier};

    fn fig(value: f64, category: &str, text: &str) -> Figure {
        Figure {
            value,
            qualifier: Qualifier::Exact,
            category: category.to_owned(),
            text: text.to_owned(),
        }
    }

    fn actor(name: &str) -> Option<ActorRef> {
        Some(ActorRef {
            name: name.to_owned(),
            aliases: Vec::new(),
        })
    }

    /// An invented article: a headline, then one claim per sentence.
    fn article(
        key: &str,
        day: u32,
        sentences: &[(ClaimKind, &str, Vec<Figure>, &str)],
    ) -> ArticleInput {
        let mut body = format!("Dam collapse in Varnia, day {day}\n\n");
        let mut claims = Vec::new();
        for (kind, text, figures, claimant) in sentences {
            let start = body.len();
            body.push_str(text);
            body.push(' ');
            claims.push(ClaimInput {
                kind: *kind,
                quote: (*text).to_owned(),
                start,
                figures: figures.clone(),
                claimant: if claimant.is_empty() {
                    None
                } else {
                    actor(claimant)
                },
                target: None,
                hedged: false,
            });
        }
        ArticleInput {
            key: key.to_owned(),
            publisher: Some("Varnia Post".to_owned()),
            published: chrono::NaiveDate::from_ymd_opt(2030, 5, day)
                .and_then(|d| d.and_hms_opt(9, 0, 0)),
            headline_end: body.find('\n').unwrap_or(0),
            body,
            claims,
        }
    }

    /// An invented article holding one claim of `kind`, told by `claimant` (none when empty)
    /// about `target` (none when empty).
    fn told(
        key: &str,
        day: u32,
        kind: ClaimKind,
        text: &str,
        claimant: &str,
        target: &str,
    ) -> ArticleInput {
        let mut a = article(key, day, &[(kind, text, Vec::new(), claimant)]);
        a.claims[0].target = actor(target).filter(|_| !target.is_empty());
        a
    }

    /// Whether the story has a relation of `kind` from cluster `from` to cluster `to`.
    fn has_relation(
        s: &StoryTrace,
        from: Option<usize>,
        to: Option<usize>,
        kind: RelationType,
    ) -> bool {
        s.relations
            .iter()
            .any(|r| Some(r.from) == from && Some(r.to) == to && r.kind == kind)
    }

    /// The story of invented articles of one claim each (`told`'s arguments, in arrival order).
    fn story_told(claims: &[(&str, u32, ClaimKind, &str, &str, &str)]) -> StoryTrace {
        let mut t = Tracer::new();
        for &(key, day, kind, text, claimant, target) in claims {
            t.add_article(told(key, day, kind, text, claimant, target));
        }
        t.story(0)
    }

    /// Asserts that the story has (`want`) or has not a relation of `kind` from `from` to `to`.
    fn assert_relation(
        s: &StoryTrace,
        from: Option<usize>,
        to: Option<usize>,
        kind: RelationType,
        want: bool,
    ) {
        assert_eq!(
            has_relation(s, from, to, kind),
            want,
            "{kind:?} {from:?} → {to:?}: {:?}",
            s.relations
        );
    }

    /// The cluster that appears in the article `key`.
    fn cluster_appearing_in(s: &StoryTrace, key: &str) -> Option<usize> {
        s.clusters
            .iter()
            .find(|c| c.appearances.iter().any(|a| a.article == key))
            .map(|c| c.id)
    }

    /// The cluster whose first member reports the value `v`.
    fn cluster_first_reporting(t: &Tracer, s: &StoryTrace, v: f64) -> Option<usize> {
        s.clusters
            .iter()
            .find(|c| {
                t.propositions()[c.first]
                    .figures
                    .iter()
                    .any(|f| f.value == v)
            })
            .map(|c| c.id)
    }

    /// The cluster of each of the first claims of the given articles, in a story traced so far.
    fn clusters_of(t: &Tracer, articles: &[usize]) -> Vec<usize> {
        let of: BTreeMap<usize, usize> = t
            .story(0)
            .clusters
            .iter()
            .flat_map(|c| c.members.iter().map(move |&m| (m, c.id)))
            .collect();
        articles
            .iter()
            .map(|&a| {
                let p = t
                    .propositions()
                    .iter()
                    .position(|p| p.claim.article == a)
                    .expect("the article has a claim");
                of[&p]
            })
            .collect()
    }

    #[test]
    fn a_claim_like_two_clusters_joins_them_unless_they_cannot_be_one() {
        use ClaimKind::{Attribution, Statement};
        let said =
            |key: &str, day, kind, text: &str, target: &str| told(key, day, kind, text, "", target);
        let gates = "The operator opened the sluice gates at dawn.";
        let spill = "Water poured over the spillway near Ostra.";
        let both = "The operator opened the sluice gates at dawn and water poured over the \
                    spillway near Ostra.";
        let mut t = Tracer::new();
        t.add_article(said("a", 1, Statement, gates, ""));
        t.add_article(said("b", 1, Statement, spill, ""));
        let before = clusters_of(&t, &[0, 1]);
        assert_ne!(before[0], before[1], "two accounts, two clusters");
        t.add_article(said("c", 2, Statement, both, ""));
        let after = clusters_of(&t, &[0, 1, 2]);
        assert!(
            after[0] == after[1] && after[1] == after[2],
            "the claim telling both shows the two are one: {after:?}"
        );
        let joins: Vec<&Link> = t
            .links()
            .iter()
            .filter(|l| l.level == LinkLevel::Automatic)
            .collect();
        assert_eq!(
            joins.len(),
            2,
            "a link for the claim, one for the join: {joins:?}"
        );
        assert!(joins.iter().all(|l| !l.evidence.words.is_empty()));
        assert_eq!(joins.iter().filter(|l| l.evidence.joins).count(), 1);
        assert_eq!(t.cluster_mates(0).len(), 3);

        // Two blames of different culprits stay apart, whatever a third claim shares with both.
        let mut t = Tracer::new();
        t.add_article(said("a", 1, Attribution, gates, "Northern Front"));
        t.add_article(said("b", 1, Attribution, spill, "Ostra Brigade"));
        t.add_article(said("c", 2, Attribution, both, ""));
        let after = clusters_of(&t, &[0, 1]);
        assert_ne!(after[0], after[1], "{after:?}");
    }

    #[test]
    fn an_unlinked_tracer_with_an_article_replaced_derives_what_one_given_it_first_derives() {
        use ClaimKind::{Attribution, Casualty};
        let params = Params {
            story_join: f64::NEG_INFINITY,
            ..Params::default()
        };
        let killed = |v: f64| vec![fig(v, "killed", &format!("{v} people"))];
        let first = article(
            "a",
            1,
            &[(
                Casualty,
                "At least 12 people were killed when the dam failed, police said.",
                killed(12.0),
                "police",
            )],
        );
        let old = article(
            "b",
            2,
            &[(
                Casualty,
                "The toll rose to 19 people killed, police said.",
                killed(19.0),
                "police",
            )],
        );
        // The article's claims as a reviewer left them: a second count in the first claim, a
        // new claim blaming a party its sentence places in a country.
        let mut new = article(
            "b",
            2,
            &[
                (
                    Casualty,
                    "The toll rose to 21 people killed and 40 injured, police said.",
                    vec![fig(21.0, "killed", "21 people"), fig(40.0, "injured", "40")],
                    "police",
                ),
                (
                    Attribution,
                    "Officials said the Danish militant group Northern Front set the fire.",
                    Vec::new(),
                    "officials",
                ),
            ],
        );
        new.claims[1].target = actor("Northern Front");
        let mut last = article(
            "c",
            3,
            &[
                (
                    Casualty,
                    "The toll rose to 21 people killed, officials said.",
                    killed(21.0),
                    "officials",
                ),
                (
                    Attribution,
                    "The Northern Front set the fire, officials said.",
                    Vec::new(),
                    "officials",
                ),
            ],
        );
        last.claims[1].target = actor("Northern Front");
        let given = |mut t: Tracer, articles: [&ArticleInput; 3]| {
            for a in articles {
                t.add_article(a.clone());
            }
            t
        };
        let linked = given(Tracer::with_params(params), [&first, &new, &last]);
        let clusters: Vec<Vec<usize>> = linked
            .story(0)
            .clusters
            .iter()
            .map(|c| c.members.clone())
            .collect();
        let expected = linked.story_from_clusters(clusters.clone());
        let sides = |t: &Tracer| -> Vec<BTreeSet<String>> {
            let view = StoryView {
                tracer: t,
                clusters: &[],
            };
            (0..t.propositions().len())
                .map(|i| view.target_sides(i))
                .collect()
        };
        assert!(
            sides(&linked).iter().any(|s| !s.is_empty()),
            "the new claim gives its party a country, which the last article's claim reads"
        );
        // Its links dropped, a tracer given the new article in the first place; and one given
        // the old article, its links dropped, the article replaced.
        let mut fresh = given(Tracer::with_params(params), [&first, &new, &last]);
        fresh.drop_links();
        let mut replaced = given(Tracer::with_params(params), [&first, &old, &last]);
        replaced.drop_links();
        let before = replaced.propositions().len();
        assert_eq!(replaced.replace_article(1, new.clone()), 1..2);
        assert_ne!(replaced.propositions().len(), before);
        for (name, t) in [("fresh", &fresh), ("replaced", &replaced)] {
            assert!(t.links().is_empty() && !t.links_propositions(), "{name}");
            assert_eq!(
                format!("{:?}", t.propositions()),
                format!("{:?}", linked.propositions()),
                "{name}"
            );
            let n = linked.propositions().len();
            assert_eq!(
                (0..n).map(|i| t.chain(i)).collect::<Vec<_>>(),
                (0..n).map(|i| linked.chain(i)).collect::<Vec<_>>(),
                "{name}"
            );
            assert_eq!(sides(t), sides(&linked), "{name}");
            let mut got = t.story_from_clusters(clusters.clone());
            // An unlinked tracer suggests nothing; everything else is derived alike.
            got.suggestions.clone_from(&expected.suggestions);
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn one_country_s_account_never_joins_a_cluster_holding_another_country_s() {
        use ClaimKind::Attribution;
        let blame = |key: &str, day: u32, text: &str, claimant: &str| {
            told(key, day, Attribution, text, claimant, "fire")
        };
        let text = "A fire in the Kessel depot ignited the stored fuel, officials said.";
        let mut t = Tracer::new();
        t.add_article(blame("a", 1, text, "Danish ministry"));
        // Told by no one in particular, it joins either account.
        t.add_article(blame("b", 1, text, ""));
        t.add_article(blame("c", 2, text, "US officials"));
        let of = clusters_of(&t, &[0, 1, 2]);
        assert_eq!(of[0], of[1], "{of:?}");
        assert_ne!(
            of[2], of[0],
            "the bridge does not join a rival account: {of:?}"
        );
        // One country's tellers tell one account.
        t.add_article(blame("d", 3, text, "Danish police"));
        assert_eq!(clusters_of(&t, &[0, 3]), vec![of[0], of[0]]);
    }

    #[test]
    fn that_it_was_an_attack_or_others_unnamed_did_it_is_no_rival_account_but_an_accident_is() {
        use ClaimKind::Attribution;
        let blame = |key: &str, day: u32, text: &str, claimant: &str, target: &str| {
            told(key, day, Attribution, text, claimant, target)
        };
        let traced = |cause: &str, cause_text: &str| {
            let mut t = Tracer::new();
            t.add_article(blame("a", 1, cause_text, "Ostra police", cause));
            t.add_article(blame("b", 1, cause_text, "Ostra police", cause));
            let front =
                "The Northern Front was behind the blast at the Kessel depot, Nils Berg said.";
            t.add_article(blame("c", 2, front, "Nils Berg", "Northern Front"));
            t.add_article(blame("d", 3, front, "Nils Berg", "Northern Front"));
            t.story(0)
                .relations
                .iter()
                .any(|r| r.kind == RelationType::Contradicts)
        };
        assert!(!traced(
            "attack",
            "Ostra police said the blast at the Kessel depot was a terrorist attack."
        ));
        assert!(traced(
            "accident",
            "Ostra police said the blast at the Kessel depot was an accident."
        ));
        // Others, unnamed, may be the culprit another account names: no rival either.
        assert!(!traced(
            "wider network of accomplices",
            "Ostra police said a wider network of accomplices was behind the blast at the Kessel \
             depot."
        ));
    }

    #[test]
    fn a_claim_repeated_by_many_more_outlets_than_are_weighed_stays_one_cluster() {
        use ClaimKind::Casualty;
        let mut t = Tracer::new();
        let n = MEMBERS_WEIGHED * 3;
        for i in 0..n {
            t.add_article(article(
                &format!("outlet-{i}"),
                1 + (i as u32 % 5),
                &[(
                    Casualty,
                    "Rescuers in Varnia said 12 people were killed when the Kessel dam collapsed.",
                    vec![fig(12.0, "killed", "12 people")],
                    "rescuers",
                )],
            ));
        }
        let s = t.story(0);
        assert_eq!(t.story_count(), 1);
        assert_eq!(s.clusters.len(), 1, "one claim, one cluster");
        assert_eq!(s.clusters[0].members.len(), n);
    }

    #[test]
    fn a_stored_story_keeps_every_article_even_one_sharing_no_words() {
        use ClaimKind::Casualty;
        let mut t = Tracer::with_params(Params {
            story_join: f64::NEG_INFINITY,
            ..Params::default()
        });
        t.add_article(article(
            "a",
            1,
            &[(
                Casualty,
                "Rescuers said 12 people were killed.",
                vec![fig(12.0, "killed", "12 people")],
                "rescuers",
            )],
        ));
        let mut other = article("b", 2, &[]);
        other.body = "Quiet\n\nNothing whatsoever overlaps here.".to_owned();
        other.headline_end = 5;
        t.add_article(other);
        assert_eq!(
            t.story_of(0),
            t.story_of(1),
            "the database put both in the story"
        );
    }

    #[test]
    fn a_revised_toll_updates_and_a_rival_count_contradicts() {
        use ClaimKind::Casualty;
        let mut t = Tracer::new();
        t.add_article(article(
            "a",
            1,
            &[(
                Casualty,
                "Rescuers in Varnia said 12 people were killed when the Kessel dam collapsed.",
                vec![fig(12.0, "killed", "12 people")],
                "rescuers",
            )],
        ));
        t.add_article(article(
            "b",
            2,
            &[
                (Casualty, "Officials in Varnia said the Kessel dam collapse killed 15 people.", vec![fig(15.0, "killed", "15 people")], "officials"),
                (Casualty, "The Varnia Liberation Front said 40 people were killed by the Kessel dam collapse.", vec![fig(40.0, "killed", "40 people")], "Varnia Liberation Front"),
            ],
        ));
        t.add_article(article(
            "c",
            3,
            &[(
                Casualty,
                "The Kessel dam collapse killed 15 people, officials in Varnia said.",
                vec![fig(15.0, "killed", "15 people")],
                "officials",
            )],
        ));
        assert_eq!(t.story_count(), 1);
        let s = t.story(0);
        let by_value = |v: f64| cluster_first_reporting(&t, &s, v);
        let (c12, c15, c40) = (by_value(12.0), by_value(15.0), by_value(40.0));
        let c15_members = s
            .clusters
            .iter()
            .find(|c| Some(c.id) == c15)
            .map(|c| c.members.len());
        assert_eq!(
            c15_members,
            Some(2),
            "the two reports of 15 are one cluster"
        );
        let has = |from, to, kind| has_relation(&s, from, to, kind);
        assert!(has(c15, c12, RelationType::Updates), "{:?}", s.relations);
        assert!(
            has(c40, c15, RelationType::Contradicts),
            "{:?}",
            s.relations
        );
        let killed = s
            .figures
            .iter()
            .find(|f| f.category == "killed")
            .map(|f| &f.points);
        let preferred: Vec<f64> = killed
            .into_iter()
            .flatten()
            .filter(|p| p.rank == Rank::Preferred)
            .map(|p| p.value)
            .collect();
        assert_eq!(preferred, vec![15.0]);
        let first_of_15 = s
            .clusters
            .iter()
            .find(|c| Some(c.id) == c15)
            .map(|c| c.appearances[0].article.clone());
        assert_eq!(first_of_15.as_deref(), Some("b"));
    }

    #[test]
    fn a_count_beside_its_part_or_its_earlier_value_is_preferred_and_they_are_not_points() {
        use ClaimKind::Casualty;
        let toll = |key: &str, day: u32, text: &str, figures: Vec<Figure>| {
            article(key, day, &[(Casualty, text, figures, "police")])
        };
        let mut t = Tracer::new();
        t.add_article(toll(
            "a",
            1,
            "The Kessel dam collapse killed 12 people, police in Varnia said.",
            vec![fig(12.0, "killed", "12 people")],
        ));
        // A count and its part: no range of 3 to 19.
        t.add_article(toll(
            "b",
            2,
            "The toll of the Kessel dam collapse climbed to 19, including three children, \
             police in Varnia said.",
            vec![
                fig(19.0, "killed", "19"),
                fig(3.0, "killed", "three children"),
            ],
        ));
        let points = |t: &Tracer| -> Vec<(f64, Rank, Option<f64>)> {
            t.story(0)
                .figures
                .iter()
                .find(|f| f.category == "killed")
                .map(|f| f.points.iter().map(|p| (p.value, p.rank, p.low)).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            points(&t),
            vec![
                (12.0, Rank::Deprecated, None),
                (19.0, Rank::Preferred, None)
            ]
        );
        // A count and the value it rose from: the earlier value is no point of the timeline.
        t.add_article(toll(
            "c",
            3,
            "The toll of the Kessel dam collapse rose to 23, police in Varnia said, up from 19 \
             a day earlier.",
            vec![fig(23.0, "killed", "23"), fig(19.0, "killed", "19")],
        ));
        let after = points(&t);
        assert_eq!(
            after.last(),
            Some(&(23.0, Rank::Preferred, None)),
            "{after:?}"
        );
        assert_eq!(after.iter().filter(|p| p.0 == 19.0).count(), 1, "{after:?}");
        // Those of the hurt who died since are a part of the new toll, no point of it.
        t.add_article(toll(
            "d",
            4,
            "The toll of the Kessel dam collapse rose to 27 after four of the injured died in \
             hospital, police in Varnia said.",
            vec![
                fig(27.0, "killed", "27"),
                fig(4.0, "killed", "four of the injured"),
            ],
        ));
        let after = points(&t);
        assert_eq!(
            after.last(),
            Some(&(27.0, Rank::Preferred, None)),
            "{after:?}"
        );
        assert!(after.iter().all(|p| p.0 != 4.0), "{after:?}");
    }

    /// A tracer holding one report per (key, day, count, teller) of the dead of one dam collapse.
    fn toll_reports(reports: &[(&str, u32, f64, &str)]) -> Tracer {
        let mut t = Tracer::new();
        for &(key, day, n, teller) in reports {
            let text =
                format!("The {teller} said {n} people were killed when the Kessel dam collapsed.");
            t.add_article(article(
                key,
                day,
                &[(
                    ClaimKind::Casualty,
                    &text,
                    vec![fig(n, "killed", &format!("{n} people"))],
                    teller,
                )],
            ));
        }
        t
    }

    #[test]
    fn a_lower_toll_after_another_party_s_count_contradicts_it_and_goes_on_from_the_step_before() {
        use RelationType::{Contradicts, Updates};
        let t = toll_reports(&[
            ("a", 1, 12.0, "health ministry"),
            ("b", 2, 19.0, "health ministry"),
            ("c", 3, 40.0, "residents' group"),
            ("d", 4, 31.0, "health ministry"),
        ]);
        let s = t.story(0);
        let by = |v: f64| cluster_first_reporting(&t, &s, v);
        let has = |from, to, kind| has_relation(&s, from, to, kind);
        assert!(has(by(19.0), by(12.0), Updates), "{:?}", s.relations);
        assert!(has(by(40.0), by(19.0), Contradicts), "{:?}", s.relations);
        assert!(!has(by(40.0), by(19.0), Updates), "{:?}", s.relations);
        assert!(has(by(40.0), by(31.0), Contradicts), "{:?}", s.relations);
        assert!(has(by(31.0), by(19.0), Updates), "{:?}", s.relations);
        // The competing count is ranked down; the ministry's latest is preferred.
        let preferred: Vec<f64> = s
            .figures
            .iter()
            .find(|f| f.category == "killed")
            .into_iter()
            .flat_map(|f| &f.points)
            .filter(|p| p.rank == Rank::Preferred)
            .map(|p| p.value)
            .collect();
        assert_eq!(preferred, vec![31.0]);
        // The same party lowering its own count revises it.
        let t = toll_reports(&[
            ("a", 1, 12.0, "health ministry"),
            ("b", 2, 19.0, "health ministry"),
            ("c", 3, 17.0, "health ministry"),
        ]);
        let s = t.story(0);
        let by = |v: f64| cluster_first_reporting(&t, &s, v);
        assert!(
            has_relation(&s, by(17.0), by(19.0), Updates),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn an_arrest_told_with_its_place_in_the_tally_repeats_the_report_of_one_more_arrest() {
        use ClaimKind::Arrest;
        let mut t = Tracer::new();
        t.add_article(article(
            "another",
            3,
            &[(
                Arrest,
                "Ostra police arrest another man over the dam collapse.",
                Vec::new(),
                "Ostra police",
            )],
        ));
        t.add_article(article(
            "tenth",
            3,
            &[(
                Arrest,
                "Ostra police arrested a man over the dam collapse on Friday, the tenth person taken into custody.",
                vec![fig(10.0, "arrested", "tenth person")],
                "Ostra police",
            )],
        ));
        let s = t.story(0);
        // One cluster holds both reports of the arrest.
        assert!(
            s.clusters.iter().any(|c| {
                let at = |key: &str| c.appearances.iter().any(|a| a.article == key);
                at("another") && at("tenth")
            }),
            "{:?}",
            s.clusters
        );
        // And the tally is still a point of the arrested count.
        assert!(
            s.figures
                .iter()
                .any(|f| f.category == "arrested" && f.points.iter().any(|p| p.value == 10.0)),
            "{:?}",
            s.figures
        );
    }

    #[test]
    fn an_arrest_told_beside_a_toll_counts_none_of_the_dead() {
        let text = "Police arrested the dam's engineer on Friday, two days after its collapse killed 27 people.";
        let mut a = article(
            "a",
            1,
            &[(
                ClaimKind::Arrest,
                text,
                vec![fig(27.0, "killed", "27 people")],
                "police",
            )],
        );
        let mut toll = a.claims[0].clone();
        toll.kind = ClaimKind::Casualty;
        a.claims.push(toll);
        let mut t = Tracer::new();
        t.add_article(a);
        let props = t.propositions();
        assert!(
            props
                .iter()
                .filter(|p| p.kind == ClaimKind::Arrest)
                .all(|p| p.count.is_none()),
            "{props:?}"
        );
        assert!(
            props
                .iter()
                .any(|p| p.kind == ClaimKind::Casualty && p.count.as_deref() == Some("killed")),
            "{props:?}"
        );
    }

    #[test]
    fn a_count_an_article_calls_earlier_is_updated_by_the_one_it_reports_now() {
        use ClaimKind::Casualty;
        let killed = |n: f64, text: &str| vec![fig(n, "killed", text)];
        let mut t = Tracer::new();
        t.add_article(article(
            "a",
            1,
            &[(
                Casualty,
                "Officials in Varnia said 30 people were killed when the Kessel dam collapsed.",
                killed(30.0, "30 people"),
                "officials",
            )],
        ));
        // The 12 is printed first here, a day after the 30, but the article says it came before.
        t.add_article(article(
            "b",
            2,
            &[
                (Casualty, "Officials in Varnia now say 30 people were killed when the Kessel dam collapsed.", killed(30.0, "30 people"), "officials"),
                (Casualty, "Earlier, officials in Varnia had said 12 people were killed when the Kessel dam collapsed.", killed(12.0, "12 people"), "officials"),
            ],
        ));
        t.add_article(article(
            "c",
            3,
            &[(
                Casualty,
                "Officials in Varnia said 12 people were killed when the Kessel dam collapsed.",
                killed(12.0, "12 people"),
                "officials",
            )],
        ));
        let s = t.story(0);
        let by_value = |v: f64| cluster_first_reporting(&t, &s, v);
        let (c12, c30) = (by_value(12.0), by_value(30.0));
        let updates: Vec<(Option<usize>, Option<usize>)> = s
            .relations
            .iter()
            .filter(|r| r.kind == RelationType::Updates)
            .map(|r| (Some(r.from), Some(r.to)))
            .collect();
        assert_eq!(updates, vec![(c30, c12)], "{:?}", s.relations);
    }

    /// The relations between the clusters first reporting 12 and 30 killed in a story of
    /// articles each reporting one toll: (key, day, sentence, value, teller).
    fn toll_relations(reports: &[(&str, u32, &str, f64, &str)]) -> Vec<RelationType> {
        let mut t = Tracer::new();
        for &(key, day, text, n, teller) in reports {
            let figures = vec![fig(n, "killed", &format!("{n} people"))];
            t.add_article(article(
                key,
                day,
                &[(ClaimKind::Casualty, text, figures, teller)],
            ));
        }
        let s = t.story(0);
        let (c12, c30) = (
            cluster_first_reporting(&t, &s, 12.0),
            cluster_first_reporting(&t, &s, 30.0),
        );
        s.relations
            .iter()
            .filter(|r| Some(r.from) == c30 && Some(r.to) == c12)
            .map(|r| r.kind)
            .collect()
    }

    #[test]
    fn a_count_revised_by_its_own_side_under_another_name_updates() {
        // The 30 is told mostly as the Northern Front's, but every teller of it with a country
        // is Danish, as is the ministry that gave the 12: one side revising its count.
        let relations = toll_relations(&[
            (
                "a",
                1,
                "The Danish health ministry said 12 people were killed when the Kessel dam collapsed.",
                12.0,
                "Danish health ministry",
            ),
            (
                "b",
                2,
                "The Northern Front said 30 people were killed when the Kessel dam collapsed.",
                30.0,
                "Northern Front",
            ),
            (
                "c",
                2,
                "The Northern Front said the Kessel dam collapse killed 30 people.",
                30.0,
                "Northern Front",
            ),
            (
                "d",
                2,
                "The Danish ministry said 30 people were killed by the Kessel dam collapse.",
                30.0,
                "Danish ministry",
            ),
            (
                "e",
                3,
                "The Danish health ministry said 12 people were killed when the Kessel dam collapsed.",
                12.0,
                "Danish health ministry",
            ),
        ]);
        assert_eq!(relations, vec![RelationType::Updates]);
    }

    #[test]
    fn a_named_party_s_count_against_an_untold_one_still_reported_contradicts_it() {
        let untold = |key, day| {
            (
                key,
                day,
                "The Kessel dam collapse killed 12 people.",
                12.0,
                "",
            )
        };
        let front = (
            "b",
            2,
            "The Northern Front said 30 people were killed when the Kessel dam collapsed.",
            30.0,
            "Northern Front",
        );
        let rival = toll_relations(&[untold("a", 1), front, untold("c", 3)]);
        assert_eq!(rival, vec![RelationType::Contradicts]);
        // Once no report keeps the 12, the named party's 30 is the count that replaced it.
        let revised = toll_relations(&[untold("a", 1), front]);
        assert_eq!(revised, vec![RelationType::Updates]);
    }

    #[test]
    fn a_raised_threat_level_updates_the_one_before_and_is_not_joined_to_it() {
        use ClaimKind::Warning;
        let mut t = Tracer::new();
        for (key, day, text) in [
            (
                "a",
                1,
                "Officials said the threat level remains at substantial.",
            ),
            (
                "b",
                2,
                "The national threat level has been raised from substantial to severe.",
            ),
            (
                "c",
                3,
                "The threat level was raised to severe on Tuesday, officials said.",
            ),
        ] {
            t.add_article(told(key, day, Warning, text, "officials", ""));
        }
        // Spoken of without its step, the level is the one its article names.
        t.add_article(article(
            "d",
            4,
            &[
                (
                    Warning,
                    "The threat level now stands at severe.",
                    Vec::new(),
                    "officials",
                ),
                (
                    Warning,
                    "Officials said the threat level means an attack remains at least likely.",
                    Vec::new(),
                    "officials",
                ),
            ],
        ));
        let s = t.story(0);
        let (a, b, c) = (
            cluster_appearing_in(&s, "a"),
            cluster_appearing_in(&s, "b"),
            cluster_appearing_in(&s, "c"),
        );
        assert_ne!(a, b, "{:?}", s.clusters);
        assert_eq!(b, c, "{:?}", s.clusters);
        assert!(
            has_relation(&s, b, a, RelationType::Updates),
            "{:?}",
            s.relations
        );
        assert!(
            !has_relation(&s, a, b, RelationType::Updates),
            "{:?}",
            s.relations
        );
        // Not the cluster of "remains at substantial", whose words it shares.
        let d = s
            .clusters
            .iter()
            .filter(|c| c.appearances.iter().any(|x| x.article == "d"))
            .map(|c| c.id)
            .collect::<Vec<_>>();
        assert_eq!(d, vec![b.expect("a cluster")], "{:?}", s.clusters);
    }

    #[test]
    fn a_toll_told_beside_a_raised_threat_level_is_no_step_of_the_level() {
        use ClaimKind::{Casualty, Warning};
        let mut t = Tracer::new();
        t.add_article(article(
            "a",
            1,
            &[(
                Casualty,
                "The blast killed 12 people, officials said.",
                vec![fig(12.0, "killed", "12 people")],
                "officials",
            )],
        ));
        t.add_article(told(
            "b",
            2,
            Warning,
            "Officials said the threat level remains at severe.",
            "officials",
            "",
        ));
        // The sentence read twice, as the extractor reads it: the toll, and the level.
        let raised =
            "The threat level was raised to critical after the blast that killed 12 people.";
        t.add_article(article(
            "c",
            3,
            &[
                (
                    Casualty,
                    raised,
                    vec![fig(12.0, "killed", "12 people")],
                    "officials",
                ),
                (Warning, raised, Vec::new(), "officials"),
            ],
        ));
        let s = t.story(0);
        let of_kind = |key: &str, kind: ClaimKind| {
            s.clusters
                .iter()
                .find(|c| c.kind == kind && c.appearances.iter().any(|x| x.article == key))
                .map(|c| c.id)
        };
        let (toll, severe, critical) = (
            of_kind("a", Casualty),
            of_kind("b", Warning),
            of_kind("c", Warning),
        );
        assert_eq!(toll, of_kind("c", Casualty), "{:?}", s.clusters);
        assert!(
            has_relation(&s, critical, severe, RelationType::Updates),
            "{:?}",
            s.relations
        );
        // The toll, told first, is no step of the level that "severe" would then replace.
        assert!(
            s.relations
                .iter()
                .all(|r| Some(r.from) != toll && Some(r.to) != toll),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn a_count_set_against_another_party_s_earlier_one_in_its_sentence_contradicts_it() {
        use ClaimKind::Casualty;
        // Read as two claims, one per account (as the extractor splits such a sentence), the
        // earlier count is still set against the estimate.
        let trace_split = |estimate: &str, teller: &str, split: bool| {
            let mut t = Tracer::new();
            for (key, day) in [("a", 1), ("b", 2)] {
                t.add_article(article(
                    key,
                    day,
                    &[(
                        Casualty,
                        "The Varnia health ministry said 500 people were killed at the dam.",
                        vec![fig(500.0, "killed", "500 people")],
                        "Varnia health ministry",
                    )],
                ));
            }
            // The ministry's own later 400 is the count the estimate follows in time: the 500
            // it is set against is earlier still.
            t.add_article(article(
                "c",
                3,
                &[(
                    Casualty,
                    "The Varnia health ministry now says 400 people were killed at the dam.",
                    vec![fig(400.0, "killed", "400 people")],
                    "Varnia health ministry",
                )],
            ));
            let mut d = article(
                "d",
                4,
                &[(
                    Casualty,
                    estimate,
                    vec![
                        fig(100.0, "killed", "100 to 300 people killed"),
                        fig(300.0, "killed", "100 to 300 people killed"),
                        fig(500.0, "killed", "500 deaths"),
                    ],
                    teller,
                )],
            );
            if split {
                let whole = d.claims.remove(0);
                let cut = estimate.find(", far").expect("two accounts");
                let second = estimate.find("the 500").expect("the earlier count");
                let mut first = whole.clone();
                first.quote = estimate[..cut].to_owned();
                first.figures.truncate(2);
                let mut earlier = whole.clone();
                earlier.quote = estimate[second..].to_owned();
                earlier.start += second;
                earlier.figures.drain(..2);
                earlier.claimant = actor("ministry");
                d.claims = vec![first, earlier];
            }
            t.add_article(d);
            let s = t.story(0);
            let of = |v: f64| cluster_first_reporting(&t, &s, v);
            let (range, five_hundred) = (of(100.0), of(500.0));
            has_relation(&s, range, five_hundred, RelationType::Contradicts)
        };
        let trace = |estimate: &str, teller: &str| trace_split(estimate, teller, false);
        let estimate = "Ostra intelligence estimated 100 to 300 people killed at the dam, far fewer \
                        than the 500 deaths that the ministry originally described.";
        assert!(trace(estimate, "Ostra intelligence"));
        assert!(trace_split(estimate, "Ostra intelligence", true));
        // Told by the ministry itself, its earlier 500 is its own count revised, not a rival.
        assert!(!trace(
            &estimate.replace("Ostra intelligence", "The Varnia health ministry"),
            "Varnia health ministry"
        ));
    }

    #[test]
    fn rival_accounts_contradict_though_one_report_misreads_a_teller() {
        use ClaimKind::Attribution;
        let blame = |key: &str, day: u32, text: &str, claimant: &str, target: &str| {
            told(key, day, Attribution, text, claimant, target)
        };
        let mut t = Tracer::new();
        let rebels =
            "Rebels in Varnia said a drone strike by the Varnian army destroyed the Kessel dam.";
        let army = "The Varnian army said a mortar fired by rebels destroyed the Kessel dam.";
        t.add_article(blame("a", 1, rebels, "Rebels", "Varnian army"));
        t.add_article(blame("b", 2, rebels, "Rebels", "Varnian army"));
        t.add_article(blame("c", 2, army, "Varnian army", "rebel mortar"));
        t.add_article(blame("d", 3, army, "Varnian army", "rebel mortar"));
        // An outlet whose teller was read wrongly: the army's account, told by "rebels".
        t.add_article(blame("e", 3, army, "Rebels", "rebel mortar"));
        let s = t.story(0);
        assert_eq!(s.clusters.len(), 2, "{:?}", s.clusters);
        assert!(
            s.relations
                .iter()
                .any(|r| r.kind == RelationType::Contradicts),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn a_teller_titled_earlier_in_its_article_speaks_for_its_force_later() {
        use ClaimKind::{Casualty, Event};
        let told = |title: &str| {
            let mut t = Tracer::new();
            let mut a = article(
                "a",
                1,
                &[
                    (Event, title, vec![], ""),
                    (
                        Casualty,
                        "Ostra Police have confirmed that children were among the dead.",
                        vec![],
                        "Ostra Police",
                    ),
                    (
                        Casualty,
                        "Asked about the ages of the victims at the dam, Berg said he had no \
                         details to hand but confirmed that there were children among the dead.",
                        vec![],
                        "Berg",
                    ),
                ],
            );
            // As the extractor names a teller: in full, with the short name as an alias.
            a.claims[2].claimant = Some(ActorRef {
                name: "Nils Berg".to_owned(),
                aliases: vec!["Berg".to_owned()],
            });
            t.add_article(a);
            let s = t.story(0);
            s.clusters.iter().any(|c| c.members.len() == 2)
        };
        assert!(told(
            "Ostra Police chief constable Nils Berg opened the press conference at the dam."
        ));
        // Nothing ties Berg to the police: two tellers, two claims.
        assert!(!told("Nils Berg opened the press conference at the dam."));
    }

    #[test]
    fn a_denial_of_ties_answers_the_accusation_of_those_ties_not_the_blame_for_the_act() {
        use ClaimKind::{Attribution, Denial};
        let claim = told;
        let mut t = Tracer::new();
        t.add_article(claim(
            "act",
            1,
            Attribution,
            "Police said Jon Lind carried out the Kessel dam attack.",
            "Police",
            "Jon Lind",
        ));
        t.add_article(claim(
            "ties",
            2,
            Attribution,
            "Varnia police said Jon Lind and his brother belonged to the Northern Front.",
            "Varnia police",
            "Northern Front",
        ));
        t.add_article(claim(
            "denial",
            3,
            Denial,
            "His father said Jon Lind was not a member of the Northern Front.",
            "father",
            "Jon Lind",
        ));
        let s = t.story(0);
        let at = |key| cluster_appearing_in(&s, key);
        assert!(
            has_relation(&s, at("denial"), at("ties"), RelationType::Denies),
            "{:?}",
            s.relations
        );
        assert!(!has_relation(
            &s,
            at("denial"),
            at("act"),
            RelationType::Denies
        ));
    }

    #[test]
    fn a_denial_of_a_reported_figure_answers_that_count_not_the_blame() {
        use ClaimKind::{Attribution, Casualty, Denial};
        let toll = "The Ostra health ministry said 40 people were killed at the Kessel dam.";
        let blame = "The Ostra health ministry said a Varnian strike destroyed the Kessel dam.";
        let mut t = Tracer::new();
        let mut a = article(
            "blame",
            1,
            &[
                (
                    Casualty,
                    toll,
                    vec![fig(40.0, "killed", "40 people")],
                    "Ostra health ministry",
                ),
                (Attribution, blame, Vec::new(), "Ostra health ministry"),
            ],
        );
        a.claims[1].target = actor("Varnia");
        t.add_article(a);
        // The accused party's denials name itself as the party they clear, as the extractor
        // reads them.
        let mut b = told(
            "act",
            2,
            Denial,
            "Varnia denied striking the Kessel dam.",
            "Varnia",
            "Varnia",
        );
        b.claims[0].target = actor("Varnia");
        t.add_article(b);
        let mut c = article(
            "figure",
            2,
            &[
                (
                    Casualty,
                    toll,
                    vec![fig(40.0, "killed", "40 people")],
                    "Ostra health ministry",
                ),
                (Denial, "Varnia disputes this figure.", Vec::new(), "Varnia"),
            ],
        );
        c.claims[1].target = actor("Varnia");
        t.add_article(c);
        let s = t.story(0);
        // The cluster holding the claim whose sentence says `quote`.
        let of = |quote: &str| {
            s.clusters
                .iter()
                .find(|c| {
                    c.members.iter().any(|&m| {
                        let p = &t.propositions()[m];
                        t.articles()[p.claim.article].body[p.sentence.0..p.sentence.1]
                            .contains(quote)
                    })
                })
                .map(|c| c.id)
        };
        let (count, blamed, act, figure) = (
            of("40 people"),
            of("Varnian strike"),
            of("denied striking"),
            of("disputes this figure"),
        );
        assert!(
            act.is_some() && figure.is_some() && act != figure,
            "{:?}",
            s.clusters
        );
        let has = |from, to, kind| has_relation(&s, from, to, kind);
        assert!(
            has(figure, count, RelationType::Denies),
            "{:?}",
            s.relations
        );
        assert!(
            !has(figure, blamed, RelationType::Denies),
            "{:?}",
            s.relations
        );
        assert!(has(act, blamed, RelationType::Denies), "{:?}", s.relations);
    }

    #[test]
    fn doubt_cast_on_an_account_in_its_own_sentence_contradicts_that_account() {
        use ClaimKind::{Arrest, Attribution, Denial};
        let arrest = "Police arrested two workers at the Kessel dam.";
        let both = "While Minister Lars Holm called the collapse an attack, officials in Ostra \
                    have cast doubt on that claim.";
        let mut t = Tracer::new();
        let mut a = article(
            "a",
            1,
            &[
                (Arrest, arrest, Vec::new(), "Police"),
                (Attribution, both, Vec::new(), "Lars Holm"),
            ],
        );
        a.claims[1].target = actor("attack");
        // The same sentence carries the doubt, told by others and clearing nobody.
        let mut doubt = a.claims[1].clone();
        doubt.kind = Denial;
        doubt.claimant = actor("officials in Ostra");
        doubt.target = None;
        a.claims.push(doubt);
        t.add_article(a);
        let s = t.story(0);
        let of = |kind: ClaimKind| {
            s.clusters
                .iter()
                .find(|c| t.propositions()[c.first].kind == kind)
                .map(|c| c.id)
        };
        let (arrested, account, doubt) = (of(Arrest), of(Attribution), of(Denial));
        assert!(doubt.is_some() && account.is_some(), "{:?}", s.clusters);
        assert_relation(&s, doubt, account, RelationType::Contradicts, true);
        // Not the claim of the sentence before, and no accusation answered.
        assert_relation(&s, doubt, arrested, RelationType::Denies, false);
        assert_relation(&s, doubt, account, RelationType::Denies, false);
    }

    #[test]
    fn a_denial_of_ties_does_not_back_a_denial_of_the_act() {
        use ClaimKind::Denial;
        let deny = |key: &str, day: u32, text: &str, claimant: &str| {
            told(key, day, Denial, text, claimant, "Jon Lind")
        };
        let act = "The father of Jon Lind insisted his son was innocent of the Kessel dam attack.";
        let ties = "A cousin said Jon Lind was not a member of the Northern Front.";
        let mut t = Tracer::new();
        t.add_article(deny("a", 1, act, "father"));
        t.add_article(deny("b", 2, act, "father"));
        t.add_article(deny("c", 3, ties, "cousin"));
        let s = t.story(0);
        assert_eq!(s.clusters.len(), 2, "{:?}", s.clusters);
        assert!(
            !s.relations.iter().any(|r| r.kind == RelationType::Supports),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn an_independent_denial_backs_the_accused_party_s_denial_and_leaves_it_the_answer() {
        use ClaimKind::{Attribution, Denial};
        let claim = |key: &str, day: u32, kind: ClaimKind, text: &str, claimant: &str| {
            told(key, day, kind, text, claimant, "Swedish army")
        };
        let blame = "Rebels said the Swedish army blew up the Kessel dam.";
        let denial = "The Swedish army denied any role in the Kessel dam collapse.";
        let finding = "Danish intelligence found nothing showing the Swedish army was behind it.";
        let mut t = Tracer::new();
        t.add_article(claim("a", 1, Attribution, blame, "Rebels"));
        t.add_article(claim("b", 1, Attribution, blame, "Rebels"));
        t.add_article(claim("c", 2, Denial, denial, "Swedish army"));
        t.add_article(claim("d", 2, Denial, denial, "Swedish army"));
        t.add_article(claim("e", 3, Denial, finding, "Danish intelligence"));
        let s = t.story(0);
        assert_eq!(s.clusters.len(), 3, "{:?}", s.clusters);
        let of = |article: &str| cluster_appearing_in(&s, article);
        let (blame, army, danes) = (of("a"), of("c"), of("e"));
        let has = |from, to, kind| has_relation(&s, from, to, kind);
        assert!(has(army, blame, RelationType::Denies), "{:?}", s.relations);
        assert!(
            has(danes, army, RelationType::Supports),
            "{:?}",
            s.relations
        );
        assert!(
            !has(danes, blame, RelationType::Denies),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn a_finding_blaming_a_country_s_rocket_backs_the_account_blaming_its_group() {
        use ClaimKind::Attribution;
        let claim = |key: &str, day: u32, text: &str, claimant: &str, target: &str| {
            told(key, day, Attribution, text, claimant, target)
        };
        let blame = "Varnian officials said the Swedish army blew up the Kessel dam.";
        let account =
            "The Swedish army said the Danish militant group Northern Front broke the Kessel dam.";
        // The finding names no group, only the country whose rocket it was.
        let finding = "Norwegian investigators said a misfired Danish rocket broke the Kessel dam.";
        let mut t = Tracer::new();
        for (key, day) in [("a", 1), ("b", 1)] {
            t.add_article(claim(key, day, blame, "Varnian officials", "Swedish army"));
        }
        for (key, day) in [("c", 2), ("d", 2), ("e", 2)] {
            t.add_article(claim(key, day, account, "Swedish army", "Northern Front"));
        }
        for (key, day) in [("f", 3), ("g", 3)] {
            let by = "Norwegian investigators";
            t.add_article(claim(key, day, finding, by, "a Danish rocket"));
        }
        let s = t.story(0);
        assert_eq!(s.clusters.len(), 3, "{:?}", s.clusters);
        let of = |article: &str| cluster_appearing_in(&s, article);
        let (blame, account, finding) = (of("a"), of("c"), of("f"));
        let has = |from, to, kind| has_relation(&s, from, to, kind);
        assert!(
            has(account, blame, RelationType::Contradicts),
            "{:?}",
            s.relations
        );
        // The story places the Front in Denmark: the finding backs the account blaming it, and
        // leaves the rival blame to that account.
        assert!(
            has(finding, account, RelationType::Supports),
            "{:?}",
            s.relations
        );
        assert!(
            !has(finding, blame, RelationType::Contradicts),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn only_a_kind_of_cause_in_common_backs_no_account_naming_a_party() {
        use ClaimKind::Attribution;
        let claim = |key: &str, day: u32, text: &str, claimant: &str, target: &str| {
            told(key, day, Attribution, text, claimant, target)
        };
        let network = "Ostra police said a wider terrorist network was behind the bombing of the \
                       Kessel depot.";
        let mut t = Tracer::new();
        for (key, day) in [("a", 1), ("b", 1)] {
            t.add_article(claim(
                key,
                day,
                network,
                "Ostra police",
                "wider terrorist network",
            ));
        }
        // Another teller's words about the attack blame no one the network account blames.
        t.add_article(claim(
            "c",
            2,
            "The government will send soldiers to guard stations after the attack, a minister \
             said.",
            "government",
            "attack",
        ));
        // Another teller naming a network backs the account.
        t.add_article(claim(
            "d",
            3,
            "The bomber was helped by a network, Nils Berg said.",
            "Nils Berg",
            "network",
        ));
        let s = t.story(0);
        let of = |article: &str| cluster_appearing_in(&s, article);
        let (account, measures, helped) = (of("a"), of("c"), of("d"));
        assert_eq!(account, of("b"), "{:?}", s.clusters);
        assert!(account != measures && account != helped, "{:?}", s.clusters);
        assert!(
            !has_relation(&s, measures, account, RelationType::Supports),
            "{:?}",
            s.relations
        );
        assert!(
            has_relation(&s, helped, account, RelationType::Supports),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn others_in_it_update_one_acting_alone_and_the_claiming_group_s_squad_contradicts_it() {
        use ClaimKind::{Attribution, Event, Statement};
        let mut t = Tracer::new();
        t.add_article(told(
            "lone",
            1,
            Event,
            "Ostra police said the bombing of the Kessel depot was carried out by one man.",
            "Ostra police",
            "",
        ));
        t.add_article(told(
            "squad",
            2,
            Attribution,
            "The Northern Front said a squad of its fighters bombed the Kessel depot.",
            "Northern Front",
            "Northern Front",
        ));
        t.add_article(told(
            "asked",
            2,
            Statement,
            "Detectives are trying to establish whether he acted alone or with helpers.",
            "detectives",
            "",
        ));
        t.add_article(told(
            "network",
            3,
            Attribution,
            "The bomber was part of a wider terrorist network, Ostra police now say.",
            "Ostra police",
            "wider terrorist network",
        ));
        let s = t.story(0);
        let of = |article: &str| cluster_appearing_in(&s, article);
        let (lone, squad, asked, network) = (of("lone"), of("squad"), of("asked"), of("network"));
        assert!(
            lone != squad && lone != asked && lone != network,
            "{:?}",
            s.clusters
        );
        assert!(
            has_relation(&s, network, lone, RelationType::Updates),
            "{:?}",
            s.relations
        );
        assert!(
            has_relation(&s, squad, lone, RelationType::Contradicts),
            "{:?}",
            s.relations
        );
        assert!(
            !s.relations
                .iter()
                .any(|r| Some(r.from) == asked || Some(r.to) == asked),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn naming_who_did_it_updates_that_his_identity_was_known() {
        use ClaimKind::{Casualty, Statement};
        let mut t = Tracer::new();
        t.add_article(told(
            "known",
            1,
            Statement,
            "Ostra police said they know the identity of the bomber but would not name him yet.",
            "Ostra police",
            "",
        ));
        t.add_article(told(
            "named",
            2,
            Statement,
            "The bomber of the Kessel depot was named by Ostra police as Nils Berg, 22.",
            "Ostra police",
            "",
        ));
        // A victim named is no answer to who did it.
        t.add_article(told(
            "victim",
            2,
            Casualty,
            "The first of the dead at the Kessel depot has been named as Ola Nordmann.",
            "relatives",
            "",
        ));
        let s = t.story(0);
        let of = |article: &str| cluster_appearing_in(&s, article);
        let (known, named, victim) = (of("known"), of("named"), of("victim"));
        assert!(known != named && known != victim, "{:?}", s.clusters);
        assert!(
            has_relation(&s, named, known, RelationType::Updates),
            "{:?}",
            s.relations
        );
        assert!(
            !s.relations
                .iter()
                .any(|r| Some(r.from) == victim && Some(r.to) == known),
            "{:?}",
            s.relations
        );
    }

    #[test]
    fn clearing_the_man_named_as_the_bomber_answers_the_naming_not_the_teller_s_own_blame() {
        use ClaimKind::{Attribution, Denial, Statement};
        let s = story_told(&[
            (
                "named",
                1,
                Statement,
                "The bomber of the Kessel depot was named by Ostra police as Nils Berg, 22.",
                "Ostra police",
                "",
            ),
            // The father's own account, read as a blame on his son: no accusation he answers.
            (
                "own",
                2,
                Attribution,
                "Nils Berg's father said foreign agents were behind the Kessel depot bombing.",
                "Nils Berg's father",
                "Nils Berg",
            ),
            (
                "denial",
                2,
                Denial,
                "Nils Berg's father insisted that his son Nils Berg is innocent of the bombing.",
                "Nils Berg's father",
                "Nils Berg",
            ),
        ]);
        let at = |key| cluster_appearing_in(&s, key);
        let (named, own, denial) = (at("named"), at("own"), at("denial"));
        assert!(named != own && own != denial, "{:?}", s.clusters);
        assert_relation(&s, denial, named, RelationType::Denies, true);
        assert_relation(&s, denial, own, RelationType::Denies, false);
        // A naming of someone else is not what clearing Nils Berg answers.
        let s = story_told(&[
            (
                "named",
                1,
                Statement,
                "The bomber of the Kessel depot was named by Ostra police as Jon Hale, 31.",
                "Ostra police",
                "",
            ),
            (
                "denial",
                2,
                Denial,
                "Nils Berg's father insisted that his son is innocent of the Kessel depot bombing.",
                "Nils Berg's father",
                "Nils Berg",
            ),
        ]);
        let (named, denial) = (
            cluster_appearing_in(&s, "named"),
            cluster_appearing_in(&s, "denial"),
        );
        assert!(named.is_some() && denial.is_some(), "{:?}", s.clusters);
        assert_relation(&s, denial, named, RelationType::Denies, false);
    }

    #[test]
    fn another_mass_of_the_same_stuff_contradicts_the_one_most_reports_give() {
        use ClaimKind::{Attribution, Event, Statement};
        let mut t = Tracer::new();
        let mass = |key: &str, day: u32, kind, text: &str, n: f64, words: &str| {
            article(key, day, &[(kind, text, vec![fig(n, "tonnes", words)], "")])
        };
        t.add_article(mass(
            "first",
            1,
            Statement,
            "Ostra's premier said 900 tonnes of sodium chlorate had been kept at the Kessel depot.",
            900.0,
            "900 tonnes",
        ));
        t.add_article(mass(
            "again",
            2,
            Event,
            "The depot's 900 metric tons of sodium chlorate were seized from a ship in 2029.",
            900.0,
            "900 metric tons",
        ));
        t.add_article(mass(
            "rounded",
            3,
            Event,
            "About 890 tonnes of sodium chlorate sat in one warehouse beside the grain silos.",
            890.0,
            "About 890 tonnes",
        ));
        t.add_article(mass(
            "other",
            3,
            Attribution,
            "It is believed that some 1,400 tons of sodium chlorate caused the Kessel blast.",
            1400.0,
            "some 1,400 tons",
        ));
        // Another stuff: no rival of the chlorate's mass.
        t.add_article(mass(
            "tnt",
            4,
            Event,
            "Engineers put the Kessel blast at the force of 300 tonnes of TNT.",
            300.0,
            "300 tonnes",
        ));
        let s = t.story(0);
        let at = |key| cluster_appearing_in(&s, key);
        let contradicts = |from| {
            s.relations
                .iter()
                .filter(|r| Some(r.from) == from && r.kind == RelationType::Contradicts)
                .map(|r| r.to)
                .collect::<Vec<_>>()
        };
        assert_ne!(at("other"), at("first"), "{:?}", s.clusters);
        assert_eq!(
            contradicts(at("other")),
            vec![at("first").expect("the first mass's cluster")],
            "{:?}",
            s.relations
        );
        for key in ["first", "again", "rounded", "tnt"] {
            assert!(contradicts(at(key)).is_empty(), "{key}: {:?}", s.relations);
        }
    }

    #[test]
    fn a_teller_s_later_denial_settles_what_it_first_could_not_say() {
        use ClaimKind::{Attribution, Denial, Statement};
        let s = story_told(&[
            (
                "unsure",
                1,
                Statement,
                "Ostran army spokesman Lars Holm said he could not yet confirm whether an Ostran drone hit the Kessel depot.",
                "Lars Holm",
                "",
            ),
            // Another teller's blame answers no uncertainty of the army's.
            (
                "blame",
                2,
                Attribution,
                "Varnian officials blamed an Ostran drone strike for the Kessel depot fire.",
                "Varnian officials",
                "Ostran drone",
            ),
            (
                "denial",
                3,
                Denial,
                "Ostran army spokesman Lars Holm said the army did not strike the Kessel depot.",
                "Lars Holm",
                "Ostran army",
            ),
        ]);
        let at = |key| cluster_appearing_in(&s, key);
        let (unsure, blame, denial) = (at("unsure"), at("blame"), at("denial"));
        assert!(unsure != blame && unsure != denial, "{:?}", s.clusters);
        assert_relation(&s, denial, unsure, RelationType::Updates, true);
        assert_relation(&s, blame, unsure, RelationType::Updates, false);
    }

    #[test]
    fn a_count_of_those_still_held_after_releases_updates_no_total() {
        use ClaimKind::Arrest;
        let mut t = Tracer::new();
        let count = |key: &str, day: u32, text: &str, n: f64, words: &str| {
            article(
                key,
                day,
                &[(Arrest, text, vec![fig(n, "arrested", words)], "police")],
            )
        };
        t.add_article(count(
            "ten",
            1,
            "Police in Varnia have arrested ten people over the Kessel depot bombing.",
            10.0,
            "ten people",
        ));
        t.add_article(count(
            "eight",
            2,
            "Eight men are in custody now after two women were released without charge, police in Varnia said.",
            8.0,
            "Eight men",
        ));
        t.add_article(count(
            "fourteen",
            3,
            "Fourteen people are now in custody over the Kessel depot bombing, police in Varnia said.",
            14.0,
            "Fourteen people",
        ));
        let s = t.story(0);
        let of = |article: &str| cluster_appearing_in(&s, article);
        let (ten, eight, fourteen) = (of("ten"), of("eight"), of("fourteen"));
        assert!(
            ten != eight && eight != fourteen && ten != fourteen,
            "{:?}",
            s.clusters
        );
        assert!(
            !s.relations
                .iter()
                .any(|r| Some(r.from) == eight && Some(r.to) == ten),
            "{:?}",
            s.relations
        );
        assert!(
            has_relation(&s, fourteen, eight, RelationType::Updates),
            "{:?}",
            s.relations
        );
        let values: Vec<f64> = s
            .figures
            .iter()
            .filter(|f| f.category == "arrested")
            .flat_map(|f| &f.points)
            .map(|p| p.value)
            .collect();
        assert_eq!(values, vec![10.0, 14.0], "{:?}", s.figures);
    }

    #[test]
    fn the_figure_tracker_keeps_only_values_of_the_event_s_own_counts() {
        use ClaimKind::{Arrest, Attribution, Casualty};
        let mut t = Tracer::new();
        t.add_article(article(
            "a",
            1,
            &[(
                Casualty,
                "Rescuers in Varnia said 12 people were killed when the Kessel dam collapsed.",
                vec![fig(12.0, "killed", "12 people")],
                "rescuers",
            )],
        ));
        t.add_article(article(
            "b",
            2,
            &[
                (
                    Casualty,
                    "Officials said 15 people were killed when the Kessel dam collapsed.",
                    vec![fig(15.0, "killed", "15 people")],
                    "officials",
                ),
                // A war's running total, another town's toll: other scopes.
                (
                    Casualty,
                    "Since the war broke out, 3,000 people have been killed in Varnia.",
                    vec![fig(3000.0, "killed", "3,000 people")],
                    "",
                ),
                (
                    Casualty,
                    "Officials said 27 people were killed in Ostra on the same day.",
                    vec![fig(27.0, "killed", "27 people")],
                    "officials",
                ),
                // A sub-count, and a blame carrying a figure the article calls earlier.
                (
                    Casualty,
                    "Four people are said to be in critical condition.",
                    vec![fig(4.0, "injured", "Four people")],
                    "",
                ),
                (
                    Attribution,
                    "Earlier, officials blamed a bomb for the collapse that killed 10 people.",
                    vec![fig(10.0, "killed", "10 people")],
                    "officials",
                ),
                (
                    Arrest,
                    "Nine people have been arrested over the collapse.",
                    vec![fig(9.0, "arrested", "Nine people")],
                    "",
                ),
                // A part of those held, and an increment.
                (
                    Arrest,
                    "Two sons of the engineer are among those detained.",
                    vec![fig(2.0, "arrested", "Two sons")],
                    "",
                ),
                (
                    Arrest,
                    "Three more people were arrested on Tuesday.",
                    vec![fig(3.0, "arrested", "Three more people")],
                    "",
                ),
                // "More" after a count adds another count: a whole, not an increment.
                (
                    Casualty,
                    "The collapse killed 15 and injured 40 more in the valley.",
                    vec![fig(15.0, "killed", "15"), fig(40.0, "injured", "40 more")],
                    "",
                ),
            ],
        ));
        t.add_article(article(
            "c",
            3,
            &[(
                Casualty,
                // The whole a part is taken from is a value of the count.
                "The collapse killed 15 people, many of whom were asleep, officials in Varnia said.",
                vec![fig(15.0, "killed", "15 people")],
                "officials",
            )],
        ));
        // A current estimate beside the count it calls an earlier one: the estimate stays.
        t.add_article(article(
            "d",
            4,
            &[(
                Casualty,
                "Investigators estimate 20 to 30 people were killed, far below the 100 deaths that rescuers originally reported.",
                vec![
                    fig(20.0, "killed", "20"),
                    fig(30.0, "killed", "30 people"),
                    fig(100.0, "killed", "100 deaths"),
                ],
                "investigators",
            )],
        ));
        let s = t.story(0);
        let series = |category: &str| -> Vec<(String, f64)> {
            s.figures
                .iter()
                .filter(|f| f.category == category)
                .flat_map(|f| &f.points)
                .map(|p| (p.article.clone(), p.value))
                .collect()
        };
        let point = |a: &str, v: f64| (a.to_owned(), v);
        assert_eq!(
            series("killed"),
            vec![
                point("a", 12.0),
                point("b", 15.0),
                point("c", 15.0),
                point("d", 20.0),
                point("d", 30.0)
            ]
        );
        assert_eq!(series("arrested"), vec![point("b", 9.0)]);
        assert_eq!(series("injured"), vec![point("b", 40.0)]);
    }

    #[test]
    fn a_headline_rounding_its_body_s_count_is_no_value_of_its_own() {
        use ClaimKind::Casualty;
        // An article whose headline is a claim: `article` with the headline replaced.
        let headlined = |key: &str, day: u32, headline: &str, h_fig: Figure, body: &str, b_fig| {
            let mut a = article(key, day, &[(Casualty, body, vec![b_fig], "rescuers")]);
            let old = a.headline_end;
            a.body = format!("{headline}{}", &a.body[old..]);
            a.headline_end = headline.len();
            let shift = headline.len() as isize - old as isize;
            for c in &mut a.claims {
                c.start = (c.start as isize + shift) as usize;
            }
            a.claims.insert(
                0,
                ClaimInput {
                    kind: Casualty,
                    quote: headline.to_owned(),
                    start: 0,
                    figures: vec![h_fig],
                    claimant: None,
                    target: None,
                    hedged: false,
                },
            );
            a
        };
        let mut t = Tracer::new();
        t.add_article(headlined(
            "a",
            1,
            "130 killed as Kessel dam collapses",
            fig(130.0, "killed", "130"),
            "Rescuers said a total of 129 people were killed when the Kessel dam collapsed.",
            fig(129.0, "killed", "129 people"),
        ));
        // A headline farther from its body's count than rounding goes is a value of its own.
        t.add_article(headlined(
            "b",
            2,
            "140 killed as Kessel dam collapses",
            fig(140.0, "killed", "140"),
            "Rescuers said 133 people were killed when the Kessel dam collapsed.",
            fig(133.0, "killed", "133 people"),
        ));
        let s = t.story(0);
        let killed: Vec<(String, f64)> = s
            .figures
            .iter()
            .filter(|f| f.category == "killed")
            .flat_map(|f| &f.points)
            .map(|p| (p.article.clone(), p.value))
            .collect();
        let point = |a: &str, v: f64| (a.to_owned(), v);
        assert_eq!(
            killed,
            vec![point("a", 129.0), point("b", 140.0), point("b", 133.0)]
        );
        // The rounded headline is still a claim of the story, in a cluster of its own.
        let headline = t
            .propositions()
            .iter()
            .position(|p| p.headline && p.claim.article == 0)
            .expect("the headline's proposition");
        assert!(t.propositions()[headline].rounded);
        assert!(s.clusters.iter().any(|c| c.members.contains(&headline)));
    }

    #[test]
    fn a_part_of_a_count_neither_updates_nor_contradicts_it() {
        use ClaimKind::Casualty;
        let mut t = Tracer::new();
        t.add_article(article(
            "a",
            1,
            &[(
                Casualty,
                "Officials said 40 people were injured when the Kessel dam collapsed.",
                vec![fig(40.0, "injured", "40 people")],
                "officials",
            )],
        ));
        t.add_article(article(
            "b",
            2,
            &[(
                Casualty,
                "Six people are said to be in critical condition after the Kessel dam collapsed.",
                vec![fig(6.0, "injured", "Six people")],
                "officials",
            )],
        ));
        let s = t.story(0);
        let part = cluster_appearing_in(&s, "b");
        assert!(part.is_some() && part != cluster_appearing_in(&s, "a"));
        assert!(
            s.relations
                .iter()
                .all(|r| Some(r.from) != part && Some(r.to) != part),
            "{:?}",
            s.relations
        );
    }
}
