//! A story's staff page cut to what one screen can carry. A story that runs for weeks gathers a
//! thousand articles, thousands of clusters and thousands of reported values; its page lists
//! them a page of clusters at a time, each cluster's first appearances (the claim's own page
//! lists every one), the changes of each count rather than every report of an unchanged value,
//! and the newest articles, suggestions and chains, each with its whole count and a way to
//! see the rest. Pure: the cached story is cut here, per request, without a database.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{FigurePointView, FigureSeriesView, Rank, StoryPage};

/// Clusters on one page.
pub const CLUSTERS_PER_PAGE: usize = 50;
/// A cluster's appearances listed on the story page; the claim's page lists them all.
pub const APPEARANCES_SHOWN: usize = 8;
/// Rows of a count's timeline shown unless every report is asked for: the changes of value
/// (with the preferred and editor-ranked reports), the latest kept when there are more.
pub const FIGURE_ROWS: usize = 40;
/// Articles on the timeline unless every one is asked for (the newest).
pub const ARTICLES_SHOWN: usize = 100;
/// Open suggestions shown at once (the earliest made first; deciding one brings the next).
pub const SUGGESTIONS_SHOWN: usize = 50;
/// Attribution chains shown unless every one is asked for.
pub const CHAINS_SHOWN: usize = 100;

/// What part of a story the page asks for (its query string).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryQuery {
    /// The page of clusters, from 1 (0 reads as 1; past the last, the last).
    pub page: usize,
    /// Claims that appeared once and relate to nothing are listed too.
    pub all: bool,
    /// Every report of every count, not only its changes.
    pub every_figure: bool,
    /// Every article and every chain.
    pub every_article: bool,
}

impl StoryQuery {
    /// The page's address with this query, `page` replaced (fragment not included).
    pub fn href(&self, page: usize) -> String {
        let mut parts = Vec::new();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if self.all {
            parts.push("all=1".to_owned());
        }
        if self.every_figure {
            parts.push("figures=all".to_owned());
        }
        if self.every_article {
            parts.push("articles=all".to_owned());
        }
        if parts.is_empty() {
            "?".to_owned()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The same query with every report of every count.
    pub fn with_every_figure(self) -> Self {
        StoryQuery {
            every_figure: true,
            ..self
        }
    }

    /// The same query with every article and chain.
    pub fn with_every_article(self) -> Self {
        StoryQuery {
            every_article: true,
            ..self
        }
    }
}

/// A cluster another part of the page refers to: its title and the page it is listed on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterRef {
    pub title: String,
    /// The page listing it (a related cluster is always listed).
    pub page: usize,
}

/// One screen of a story: `page` holds only what is shown, with every total beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryScreen {
    /// The shown part: this page's clusters (their first appearances), the relations touching
    /// them, each count's changes, the newest articles, the first suggestions and chains.
    pub page: StoryPage,
    /// The query as applied (the page within bounds).
    pub query: StoryQuery,
    /// Pages of clusters (at least 1).
    pub pages: usize,
    /// Clusters in the story, and those listed under this query.
    pub clusters_total: usize,
    pub clusters_listed: usize,
    /// Each shown cluster's appearances in all (the page lists the first few).
    pub appearances_total: Vec<usize>,
    /// Relations in the story (the page shows those touching its clusters).
    pub relations_total: usize,
    /// The clusters the shown relations name, by index.
    pub clusters_named: BTreeMap<usize, ClusterRef>,
    /// Each shown count's reports in all.
    pub figure_reports: Vec<usize>,
    pub articles_total: usize,
    pub suggestions_total: usize,
    pub chains_total: usize,
}

/// A cluster's title: its representative's words, or what it asserts.
pub fn cluster_title(quote: Option<&str>, prop: &str) -> String {
    quote.unwrap_or(prop).to_owned()
}

/// Whether two reports give the same value (and bounds and qualifier).
fn same_value(a: &FigurePointView, b: &FigurePointView) -> bool {
    a.value == b.value && a.low == b.low && a.high == b.high && a.qualifier == b.qualifier
}

/// A count's timeline cut to its changes: a report is kept when it is the first, gives another
/// value than the report before it, is preferred, or was ranked by an editor. Beyond `limit`,
/// the first report, the preferred and editor-ranked ones and the latest changes are kept.
/// The order of the reports is kept.
pub fn fold_series(s: &FigureSeriesView, limit: usize) -> FigureSeriesView {
    let pinned = |p: &FigurePointView| p.rank == Rank::Preferred || p.overridden;
    let mut keep: Vec<usize> = (0..s.points.len())
        .filter(|&i| i == 0 || pinned(&s.points[i]) || !same_value(&s.points[i - 1], &s.points[i]))
        .collect();
    if keep.len() > limit {
        let must: BTreeSet<usize> = keep
            .iter()
            .copied()
            .filter(|&i| i == 0 || pinned(&s.points[i]))
            .collect();
        let room = limit.saturating_sub(must.len());
        let latest: Vec<usize> = keep
            .iter()
            .rev()
            .copied()
            .filter(|i| !must.contains(i))
            .take(room)
            .collect();
        let mut cut: BTreeSet<usize> = must;
        cut.extend(latest);
        keep = cut.into_iter().collect();
    }
    FigureSeriesView {
        category: s.category.clone(),
        points: keep.into_iter().map(|i| s.points[i].clone()).collect(),
    }
}

/// The screen `q` asks for of `page` (the whole story as derived).
pub fn window(page: &StoryPage, q: StoryQuery) -> StoryScreen {
    let related: BTreeSet<usize> = page.relations.iter().flat_map(|r| [r.from, r.to]).collect();
    // The clusters listed under this query, in the story's order (first appearance first).
    let listed: Vec<usize> = page
        .clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            q.all || c.appearances.len() > 1 || c.verdict.is_some() || related.contains(&c.index)
        })
        .map(|(i, _)| i)
        .collect();
    let pages = listed.len().div_ceil(CLUSTERS_PER_PAGE).max(1);
    let current = q.page.clamp(1, pages);
    let query = StoryQuery { page: current, ..q };
    // Cluster index → its position in the story, and the page listing it.
    let listed_at: BTreeMap<usize, usize> = listed
        .iter()
        .map(|&i| (page.clusters[i].index, i))
        .collect();
    let page_of: BTreeMap<usize, usize> = listed
        .iter()
        .enumerate()
        .map(|(n, &i)| (page.clusters[i].index, n / CLUSTERS_PER_PAGE + 1))
        .collect();
    let shown_positions: Vec<usize> = listed
        .iter()
        .copied()
        .skip((current - 1) * CLUSTERS_PER_PAGE)
        .take(CLUSTERS_PER_PAGE)
        .collect();
    let mut appearances_total = Vec::with_capacity(shown_positions.len());
    let clusters: Vec<_> = shown_positions
        .iter()
        .map(|&i| {
            let c = &page.clusters[i];
            appearances_total.push(c.appearances.len());
            c.with_first_appearances(APPEARANCES_SHOWN)
        })
        .collect();
    let on_page: BTreeSet<usize> = clusters.iter().map(|c| c.index).collect();
    let relations: Vec<_> = page
        .relations
        .iter()
        .filter(|r| on_page.contains(&r.from) || on_page.contains(&r.to))
        .cloned()
        .collect();
    // Every end of a relation is listed (related clusters always are), so each has its page.
    let clusters_named = relations
        .iter()
        .flat_map(|r| [r.from, r.to])
        .filter_map(|i| {
            let (&position, &page_no) = (listed_at.get(&i)?, page_of.get(&i)?);
            let c = &page.clusters[position];
            Some((
                i,
                ClusterRef {
                    title: cluster_title(c.quote.as_deref(), &c.prop),
                    page: page_no,
                },
            ))
        })
        .collect();
    let (figures, figure_reports): (Vec<_>, Vec<_>) = page
        .figures
        .iter()
        .map(|s| {
            let shown = if q.every_figure {
                s.clone()
            } else {
                fold_series(s, FIGURE_ROWS)
            };
            (shown, s.points.len())
        })
        .unzip();
    let from = if q.every_article {
        0
    } else {
        page.articles.len().saturating_sub(ARTICLES_SHOWN)
    };
    let articles = page.articles[from..].to_vec();
    let chains = if q.every_article {
        page.chains.clone()
    } else {
        page.chains.iter().take(CHAINS_SHOWN).cloned().collect()
    };
    StoryScreen {
        page: StoryPage {
            story: page.story.clone(),
            revision: page.revision,
            public: page.public,
            articles,
            clusters,
            relations,
            figures,
            chains,
            suggestions: page
                .suggestions
                .iter()
                .take(SUGGESTIONS_SHOWN)
                .cloned()
                .collect(),
            other_stories: page.other_stories.clone(),
        },
        query,
        pages,
        clusters_total: page.clusters.len(),
        clusters_listed: listed.len(),
        appearances_total,
        relations_total: page.relations.len(),
        clusters_named,
        figure_reports,
        articles_total: page.articles.len(),
        suggestions_total: page.suggestions.len(),
        chains_total: page.chains.len(),
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::domain::{
        AppearanceView, ArticleRef, ChainView, ClaimKind, ClusterView, Qualifier, RelationType,
        RelationView, StoryArticleView, StoryRef,
    };

    fn cluster(index: usize, appearances: usize) -> ClusterView {
        ClusterView {
            index,
            key: format!("k{index}"),
            kind: ClaimKind::Event,
            prop: "event".to_owned(),
            representative: Uuid::from_u128(index as u128 + 1),
            quote: Some(format!("claim {index}")),
            verdict: None,
            appearances: (0..appearances).map(AppearanceView::numbered).collect(),
        }
    }

    fn point(value: f64, rank: Rank, overridden: bool) -> FigurePointView {
        FigurePointView {
            overridden,
            ..FigurePointView::bare(value, Qualifier::Exact, rank)
        }
    }

    fn series(values: &[f64]) -> FigureSeriesView {
        FigureSeriesView {
            category: "killed".to_owned(),
            points: values
                .iter()
                .map(|&v| point(v, Rank::Normal, false))
                .collect(),
        }
    }

    fn relation(from: usize, to: usize) -> RelationView {
        RelationView {
            from,
            to,
            kind: RelationType::Updates,
            prov: None,
            reason: String::new(),
            overridden: false,
        }
    }

    /// A story of `repeated` clusters that appeared in three articles each, then `once`
    /// that appeared once (the first of them related to cluster 0), and `articles` articles.
    fn story(repeated: usize, once: usize, articles: usize) -> StoryPage {
        let mut clusters: Vec<ClusterView> = (0..repeated).map(|i| cluster(i, 3)).collect();
        clusters.extend((repeated..repeated + once).map(|i| cluster(i, 1)));
        StoryPage {
            story: StoryRef {
                id: Uuid::nil(),
                slug: "s".to_owned(),
                title: "A story".to_owned(),
            },
            revision: 1,
            public: false,
            articles: (0..articles)
                .map(|n| StoryArticleView {
                    article: ArticleRef {
                        id: Uuid::from_u128(n as u128),
                        title: format!("Report {n}"),
                        publisher: None,
                        url: None,
                        published_at: None,
                        ingested_at: String::new(),
                    },
                    method: "automatic".to_owned(),
                    similarity: 0.5,
                    shared_terms: Vec::new(),
                    decided_by: None,
                    published: None,
                })
                .collect(),
            clusters,
            relations: vec![relation(repeated, 0), relation(1, 2), relation(60, 61)],
            figures: Vec::new(),
            chains: (0..articles)
                .map(|n| ChainView {
                    claim_id: Uuid::from_u128(n as u128),
                    tellers: vec!["A".to_owned(), "B".to_owned()],
                })
                .collect(),
            suggestions: Vec::new(),
            other_stories: Vec::new(),
        }
    }

    #[test]
    fn a_long_story_is_shown_a_page_of_clusters_at_a_time_with_every_total() {
        // 120 repeated clusters, 10 that appeared once (one of them related, so listed).
        let page = story(120, 10, 3);
        let first = window(&page, StoryQuery::default());
        assert_eq!(first.query.page, 1, "no page asked: the first");
        assert_eq!((first.clusters_total, first.clusters_listed), (130, 121));
        assert_eq!(first.pages, 3);
        let indexes: Vec<usize> = first.page.clusters.iter().map(|c| c.index).collect();
        assert_eq!(indexes, (0..50).collect::<Vec<_>>());
        // The relations touching this page's clusters, each end named with the page listing it.
        let rel: Vec<(usize, usize)> = first
            .page
            .relations
            .iter()
            .map(|r| (r.from, r.to))
            .collect();
        assert_eq!(rel, vec![(120, 0), (1, 2)]);
        assert_eq!(first.relations_total, 3);
        assert_eq!(first.clusters_named[&0].page, 1);
        assert_eq!(
            first.clusters_named[&120].page, 3,
            "the related one is listed last"
        );
        assert_eq!(first.clusters_named[&120].title, "claim 120");

        let second = window(
            &page,
            StoryQuery {
                page: 2,
                ..StoryQuery::default()
            },
        );
        let indexes: Vec<usize> = second.page.clusters.iter().map(|c| c.index).collect();
        assert_eq!(indexes, (50..100).collect::<Vec<_>>());
        let rel: Vec<(usize, usize)> = second
            .page
            .relations
            .iter()
            .map(|r| (r.from, r.to))
            .collect();
        assert_eq!(rel, vec![(60, 61)]);

        // Past the last page: the last; the third page holds the rest and the related single.
        let last = window(
            &page,
            StoryQuery {
                page: 9,
                ..StoryQuery::default()
            },
        );
        assert_eq!(last.query.page, 3);
        assert_eq!(last.page.clusters.len(), 21);
        // Asking for every claim lists the other nine too.
        let all = window(
            &page,
            StoryQuery {
                all: true,
                ..StoryQuery::default()
            },
        );
        assert_eq!((all.clusters_listed, all.pages), (130, 3));
    }

    #[test]
    fn a_cluster_lists_its_first_appearances_and_counts_them_all() {
        let mut page = story(2, 0, 1);
        page.clusters[0] = cluster(0, 30);
        let s = window(&page, StoryQuery::default());
        assert_eq!(s.page.clusters[0].appearances.len(), APPEARANCES_SHOWN);
        assert_eq!(
            s.page.clusters[0].appearances[0],
            page.clusters[0].appearances[0]
        );
        assert_eq!(s.appearances_total, vec![30, 3]);
        assert_eq!(s.page.clusters[1].appearances.len(), 3);
    }

    #[test]
    fn the_newest_articles_and_first_chains_are_shown_unless_every_one_is_asked_for() {
        let page = story(1, 0, 250);
        let s = window(&page, StoryQuery::default());
        assert_eq!(s.articles_total, 250);
        assert_eq!(s.page.articles.len(), ARTICLES_SHOWN);
        assert_eq!(
            s.page.articles[0].article.title, "Report 150",
            "the newest are kept"
        );
        assert_eq!((s.chains_total, s.page.chains.len()), (250, CHAINS_SHOWN));
        let every = window(&page, StoryQuery::default().with_every_article());
        assert_eq!(
            (every.page.articles.len(), every.page.chains.len()),
            (250, 250)
        );
    }

    #[test]
    fn a_count_is_shown_by_its_changes_with_its_preferred_and_ranked_reports() {
        let mut s = series(&[19.0, 19.0, 22.0, 22.0, 22.0, 19.0, 22.0, 22.0]);
        s.points[4].overridden = true;
        s.points[7].rank = Rank::Preferred;
        let f = fold_series(&s, FIGURE_ROWS);
        let values: Vec<f64> = f.points.iter().map(|p| p.value).collect();
        // First, a change, the ranked one, a change back, a change, the preferred.
        assert_eq!(values, vec![19.0, 22.0, 22.0, 19.0, 22.0, 22.0]);
        assert!(f.points[2].overridden && f.points[5].rank == Rank::Preferred);
        // A qualifier or bound that changes is a change.
        let mut q = series(&[50.0, 50.0]);
        q.points[1].qualifier = Qualifier::AtLeast;
        assert_eq!(fold_series(&q, FIGURE_ROWS).points.len(), 2);
    }

    #[test]
    fn beyond_its_limit_a_count_keeps_its_first_its_preferred_and_its_latest_changes() {
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let mut s = series(&values);
        s.points[10].rank = Rank::Preferred;
        let f = fold_series(&s, 5);
        let kept: Vec<f64> = f.points.iter().map(|p| p.value).collect();
        assert_eq!(kept, vec![0.0, 10.0, 97.0, 98.0, 99.0]);
        // Within the limit, nothing is cut; a series of one value keeps its first report.
        assert_eq!(fold_series(&s, 100).points.len(), 100);
        assert_eq!(fold_series(&series(&[7.0; 30]), 5).points.len(), 1);
    }

    #[test]
    fn every_report_of_a_count_is_shown_when_asked_for() {
        let mut page = story(1, 0, 1);
        page.figures = vec![series(&[5.0; 12])];
        let folded = window(&page, StoryQuery::default());
        assert_eq!(
            (
                folded.page.figures[0].points.len(),
                folded.figure_reports[0]
            ),
            (1, 12)
        );
        let every = window(&page, StoryQuery::default().with_every_figure());
        assert_eq!(every.page.figures[0].points.len(), 12);
    }

    #[test]
    fn a_query_is_written_back_as_the_address_it_came_from() {
        let q = StoryQuery::default();
        assert_eq!(q.href(1), "?");
        assert_eq!(q.href(3), "?page=3");
        let q = StoryQuery {
            page: 2,
            all: true,
            every_figure: true,
            every_article: true,
        };
        assert_eq!(q.href(2), "?page=2&all=1&figures=all&articles=all");
    }
}
