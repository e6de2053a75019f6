//! Putting articles into stories: an article joins the story whose articles share the most
//! distinctive names and words with it (TF-IDF cosine with its nearest articles, damped when
//! the dates are far apart), or starts a new story when none comes close enough; an article
//! that is close to two stories shows they are one event, and they are merged. Words alone are
//! not enough: the article must also share the names its nearest articles name (places,
//! groups, people), so two events of one genre in the same week, told in the same words of the
//! trade, stay apart.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::article::ArticleInput;
use super::text;

/// How close an article must be to a story to join it: the mean of its best and its three best
/// TF-IDF cosines with the story's articles, damped by the time between them. On the
/// development corpus every arrival order gives one story per event between 0.10 and 0.14;
/// 0.12 is the middle.
pub const JOIN_THRESHOLD: f64 = 0.12;

/// An article may come this many days after a story's latest article (or a week before its
/// earliest) at full weight; beyond that its similarity is damped by e^(−days/90). Articles
/// about one event cluster in time, and the vocabulary of two events (an explosion, a blame,
/// a denial) can be close while their dates are years apart.
const WINDOW_AFTER_DAYS: i64 = 30;
const WINDOW_BEFORE_DAYS: i64 = 7;
const DECAY_DAYS: f64 = 90.0;

/// An article's profile: the weight of each term (a word cut to five letters, so a country
/// and its demonym meet). Capitalised words (names, places) count twice.
pub type Profile = BTreeMap<String, f64>;

/// How many times an article names each name: a capitalised word inside a sentence (a place,
/// a group, a person), cut like the profile's terms.
pub type Names = BTreeMap<String, f64>;

/// Capitalised words that name no event: days, months and titles.
const GENERIC_NAMES: &[&str] = &[
    "monda", "tuesd", "wedne", "thurs", "frida", "satur", "sunda", "janua", "febru", "march",
    "april", "june", "july", "augus", "septe", "octob", "novem", "decem", "presi", "prime",
    "minis", "gener", "colon", "secre", "chief", "sir", "mrs",
];

/// Below this cosine of their names, two articles are not about one event, however many words
/// of the trade (officials, police, killed, denied) they share: the names an event's reports
/// repeat (its place, its group, its people) are what set it apart from another of its genre.
const NAME_MIN: f64 = 0.2;

/// An article's terms and names.
fn read(a: &ArticleInput) -> (Profile, Names) {
    let mut p = Profile::new();
    let mut names = Names::new();
    let body = a.body.as_str();
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
    let mut start = None;
    // Whether the word being read starts a sentence (or a line, or a quotation).
    let mut initial = true;
    let mut opens_sentence = true;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        if is_word(c) && i < body.len() {
            if start.is_none() {
                start = Some(i);
                initial = opens_sentence;
            }
            continue;
        }
        if let Some(s0) = start.take() {
            add_term(&mut p, &mut names, &body[s0..i], initial);
            opens_sentence = false;
        }
        if matches!(
            c,
            '.' | '!' | '?' | '\n' | '"' | '\u{201c}' | '\u{201d}' | ':' | ';'
        ) {
            opens_sentence = true;
        }
    }
    (p, names)
}

fn add_term(p: &mut Profile, names: &mut Names, raw: &str, initial: bool) {
    let w = raw.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let lower = text::fold(w);
    if lower.chars().count() < 3 || lower.chars().all(char::is_numeric) || text::is_stop(&lower) {
        return;
    }
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    let weight = if capital { 2.0 } else { 1.0 };
    let cut = lower.char_indices().nth(5).map_or(lower.len(), |(i, _)| i);
    let term = &lower[..cut];
    if capital && !initial && !GENERIC_NAMES.contains(&term) {
        add_to(names, term, 1.0);
    }
    add_to(p, term, weight);
}

/// Adds `weight` to `term`'s count, copying the term only the first time it is met.
fn add_to(counts: &mut BTreeMap<String, f64>, term: &str, weight: f64) {
    match counts.get_mut(term) {
        Some(n) => *n += weight,
        None => {
            counts.insert(term.to_owned(), weight);
        }
    }
}

/// The cosine of two articles' name counts; `None` when either names nothing (a text in lower
/// case, say), which then says nothing either way.
fn name_cosine(a: &Names, b: &Names) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let dot: f64 = a.iter().filter_map(|(t, x)| b.get(t).map(|y| x * y)).sum();
    let na: f64 = a.values().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.values().map(|x| x * x).sum::<f64>().sqrt();
    Some(dot / (na * nb))
}

/// A story: its articles and the dates they span. A story merged into another is empty.
#[derive(Clone, Debug, Default)]
pub struct StoryProfile {
    pub articles: Vec<usize>,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub merged_into: Option<usize>,
}

/// The stories so far, every article's profile and the document frequency of every term, kept
/// incrementally.
#[derive(Clone, Debug, Default)]
pub struct StoryIndex {
    pub stories: Vec<StoryProfile>,
    profiles: Vec<Profile>,
    /// By article: the names it names.
    names: Vec<Names>,
    dates: Vec<Option<NaiveDate>>,
    article_story: Vec<usize>,
    df: HashMap<String, u32>,
    /// Term → articles holding it, so a new article is compared only with articles it shares
    /// a term with.
    postings: HashMap<String, Vec<usize>>,
}

/// Where an article went and how sure the assignment is.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    pub story: usize,
    pub new_story: bool,
    /// The similarity with the chosen story (0 for a new story).
    pub similarity: f64,
    /// The most telling terms the article shares with its story.
    pub shared: Vec<String>,
    /// Stories this article showed to be about the same event, merged into `story`.
    pub merged: Vec<usize>,
}

/// A term held by more articles than this is too common to find candidates by.
const MAX_POSTING: usize = 2000;

impl StoryIndex {
    /// Assigns an article (its index among all articles, given in arrival order) to a story.
    /// When it is close enough to several stories, they are one event: they are merged into
    /// the closest.
    pub fn assign(&mut self, article: usize, a: &ArticleInput, join: f64) -> Assignment {
        let (p, names) = read(a);
        for t in p.keys() {
            *self.df.entry(t.clone()).or_insert(0) += 1;
        }
        let date = a.published.map(|d| d.date());
        // Every article joins (a stored story, whose articles the database assigns): there is
        // one story, so nothing is compared and the story's size costs nothing.
        if join.is_infinite() && join < 0.0 && !self.stories.is_empty() {
            let to = Assignment {
                story: self.live_story(),
                new_story: false,
                similarity: 1.0,
                shared: Vec::new(),
                merged: Vec::new(),
            };
            return self.file(article, p, names, date, to);
        }
        let mut neighbours: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
        let candidates: BTreeSet<usize> = p
            .keys()
            .filter_map(|t| self.postings.get(t))
            .filter(|ps| ps.len() <= MAX_POSTING)
            .flatten()
            .copied()
            .collect();
        for other in candidates {
            let sim = self.cosine(&p, &self.profiles[other]);
            neighbours
                .entry(self.article_story[other])
                .or_default()
                .push((sim, other));
        }
        let mut scored: Vec<(f64, usize)> = neighbours
            .into_iter()
            .map(|(s, mut sims)| {
                sims.sort_by(|x, y| y.0.total_cmp(&x.0));
                let top: Vec<f64> = sims.iter().take(3).map(|x| x.0).collect();
                let mean = top.iter().sum::<f64>() / top.len() as f64;
                let mut score = (top[0] + mean) / 2.0 * self.time_factor(date, &self.stories[s]);
                let named = sims.iter().take(3).any(|&(_, o)| {
                    name_cosine(&names, &self.names[o]).is_none_or(|c| c >= NAME_MIN)
                });
                if !named {
                    score = 0.0;
                }
                (score, s)
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let joined: Vec<(f64, usize)> = scored.into_iter().filter(|(s, _)| *s >= join).collect();
        let (story, similarity, new_story) = match joined.first() {
            Some(&(sim, s)) => (s, sim, false),
            None => {
                self.stories.push(StoryProfile::default());
                (self.stories.len() - 1, 0.0, true)
            }
        };
        let merged: Vec<usize> = joined.iter().skip(1).map(|&(_, s)| s).collect();
        for &m in &merged {
            let moved = std::mem::take(&mut self.stories[m].articles);
            for &x in &moved {
                self.article_story[x] = story;
            }
            let (e, l) = (self.stories[m].earliest, self.stories[m].latest);
            self.stories[m] = StoryProfile {
                merged_into: Some(story),
                ..StoryProfile::default()
            };
            let s = &mut self.stories[story];
            s.articles.extend(moved);
            s.articles.sort_unstable();
            s.earliest = min_date(s.earliest, e);
            s.latest = max_date(s.latest, l);
        }
        let shared = if new_story {
            Vec::new()
        } else {
            let mut terms: BTreeMap<&String, f64> = BTreeMap::new();
            for &x in &self.stories[story].articles {
                for t in self.profiles[x].keys().filter(|t| p.contains_key(*t)) {
                    *terms.entry(t).or_insert(0.0) += 1.0;
                }
            }
            let mut ranked: Vec<(f64, &String)> = terms
                .into_iter()
                .map(|(t, n)| (n * self.idf(t), t))
                .collect();
            ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
            ranked.into_iter().take(8).map(|(_, t)| t.clone()).collect()
        };
        let to = Assignment {
            story,
            new_story,
            similarity,
            shared,
            merged,
        };
        self.file(article, p, names, date, to)
    }

    /// Records an article in a story known beforehand (`story`: the index's number for it, the
    /// stories before it made empty if need be), without comparing it with anything: an
    /// article the database already filed. Its terms count towards every later comparison.
    pub fn place(&mut self, article: usize, a: &ArticleInput, story: usize) {
        let (p, names) = read(a);
        for t in p.keys() {
            *self.df.entry(t.clone()).or_insert(0) += 1;
        }
        if self.stories.len() <= story {
            self.stories.resize_with(story + 1, StoryProfile::default);
        }
        let date = a.published.map(|d| d.date());
        let to = Assignment {
            story,
            new_story: false,
            similarity: 1.0,
            shared: Vec::new(),
            merged: Vec::new(),
        };
        self.file(article, p, names, date, to);
    }

    /// The story every article of a one-story index is in.
    fn live_story(&self) -> usize {
        self.stories
            .iter()
            .position(|s| s.merged_into.is_none())
            .unwrap_or(0)
    }

    /// Records an article in the story chosen for it.
    fn file(
        &mut self,
        article: usize,
        p: Profile,
        names: Names,
        date: Option<NaiveDate>,
        to: Assignment,
    ) -> Assignment {
        let story = to.story;
        let s = &mut self.stories[story];
        s.articles.push(article);
        s.earliest = min_date(s.earliest, date);
        s.latest = max_date(s.latest, date);
        for t in p.keys() {
            self.postings.entry(t.clone()).or_default().push(article);
        }
        self.profiles.push(p);
        self.names.push(names);
        self.dates.push(date);
        self.article_story.push(story);
        to
    }

    /// The story an article is in now (after any merges).
    pub fn story_of(&self, article: usize) -> Option<usize> {
        self.article_story.get(article).copied()
    }

    fn time_factor(&self, date: Option<NaiveDate>, s: &StoryProfile) -> f64 {
        let (Some(d), Some(lo), Some(hi)) = (date, s.earliest, s.latest) else {
            return 1.0;
        };
        let gap = ((lo - d).num_days() - WINDOW_BEFORE_DAYS)
            .max((d - hi).num_days() - WINDOW_AFTER_DAYS)
            .max(0);
        (-(gap as f64) / DECAY_DAYS).exp()
    }

    fn idf(&self, term: &str) -> f64 {
        let docs = self.profiles.len() as f64 + 1.0;
        let df = f64::from(self.df.get(term).copied().unwrap_or(0));
        ((1.0 + docs) / (1.0 + df)).ln() + 1.0
    }

    fn cosine(&self, a: &Profile, b: &Profile) -> f64 {
        let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
        for (t, w) in a {
            let idf2 = self.idf(t).powi(2);
            na += w * idf2;
            if let Some(v) = b.get(t) {
                dot += (w * v).sqrt() * idf2;
            }
        }
        for (t, v) in b {
            nb += v * self.idf(t).powi(2);
        }
        if na == 0.0 || nb == 0.0 {
            0.0
        } else {
            dot / (na.sqrt() * nb.sqrt())
        }
    }
}

fn min_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> ArticleInput {
        ArticleInput {
            body: body.to_owned(),
            ..ArticleInput::default()
        }
    }

    /// The story each text joins, given in this order.
    fn stories(texts: &[&str]) -> Vec<usize> {
        let mut idx = StoryIndex::default();
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| idx.assign(i, &article(t), JOIN_THRESHOLD).story)
            .collect()
    }

    #[test]
    fn placed_articles_keep_their_stories_and_a_new_one_joins_the_closest() {
        let kessel = "Officials said 12 people were killed when the dam above Kessel in Varnia burst. Police in Kessel arrested two men.";
        let selwyn = "Officials said 30 people were killed when the bridge over the Amsel in Port Selwyn fell. Police in Port Selwyn arrested two men.";
        let mut idx = StoryIndex::default();
        // Placed in story 1 and story 0, in that order: nothing compared, nothing merged, even
        // the two placed in separate stories with the same text.
        idx.place(0, &article(kessel), 1);
        idx.place(1, &article(selwyn), 0);
        idx.place(2, &article(kessel), 2);
        assert_eq!(
            (0..3).map(|i| idx.story_of(i)).collect::<Vec<_>>(),
            vec![Some(1), Some(0), Some(2)]
        );
        let new = idx.assign(
            3,
            &article("Rescuers near Kessel said the toll from the Varnia dam burst rose; Kessel police questioned the two men."),
            JOIN_THRESHOLD,
        );
        assert!(!new.new_story);
        // The closest stories are 1 and 2 (the Kessel dam); one takes it, the other is the same
        // event; the bridge's story is neither.
        let mut joined = vec![new.story];
        joined.extend(&new.merged);
        joined.sort_unstable();
        assert_eq!(joined, vec![1, 2]);
    }

    #[test]
    fn two_events_told_in_the_same_words_are_told_apart_by_their_names() {
        let texts = [
            "Officials said 12 people were killed when the dam above Kessel in Varnia burst. Police in Kessel arrested two men, and Varnia denied an attack.",
            "Officials said 30 people were killed when the bridge over the Amsel in Port Selwyn fell. Police in Port Selwyn arrested two men, and Selwyn Council denied an attack.",
            "Rescuers in Kessel said the toll from the Varnia dam burst rose; Kessel police questioned the two men.",
        ];
        assert_eq!(stories(&texts), vec![0, 1, 0]);
    }

    #[test]
    fn articles_about_one_event_share_a_story_and_others_start_their_own() {
        let texts = [
            "Floods in Valdoria: the river Amsel burst its banks in Kettering, Valdoria, and rescuers evacuated residents of the flooded valley.",
            "A wildfire near Port Selwyn forced firefighters to close the coastal highway as the blaze spread through dry forest.",
            "Rescuers in Kettering said the Amsel flood in Valdoria is receding; residents of the valley return to flooded homes.",
            "Firefighters near Port Selwyn contained the forest blaze; the coastal highway reopened after the wildfire.",
        ];
        assert_eq!(stories(&texts), vec![0, 1, 0, 1]);
    }
}
