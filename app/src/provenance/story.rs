//! Putting articles into stories: an article joins the story whose articles share the most
//! distinctive names and words with it (TF-IDF cosine against the story's summed profile),
//! or starts a new story when none comes close enough.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::article::ArticleInput;
use super::text;

/// How close an article must be to a story to join it (cosine of TF-IDF profiles). Articles
/// about one event share its place, its actors and its words (0.25–0.6 in the development
/// corpus); articles about different events share only the vocabulary of news (below 0.1).
pub const JOIN_THRESHOLD: f64 = 0.18;

/// How many days after a story's latest article a new article may still join it without a
/// stronger match: a later article must clear `JOIN_THRESHOLD` twice over.
pub const STALE_AFTER_DAYS: i64 = 60;

/// An article's profile: the weight of each term. Capitalised words (names, places) count
/// twice, since they tell events apart better than common words do.
pub type Profile = BTreeMap<String, f64>;

/// The terms of an article.
pub fn profile(a: &ArticleInput) -> Profile {
    let mut p = Profile::new();
    let folded_stop = |w: &str| text::is_stop(&text::fold(w));
    for raw in a
        .body
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
    {
        let w = raw.trim_end_matches("'s").trim_end_matches("\u{2019}s");
        let lower = text::fold(w);
        if lower.chars().count() < 3 || lower.chars().all(char::is_numeric) || folded_stop(w) {
            continue;
        }
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let weight = if capital { 2.0 } else { 1.0 };
        *p.entry(text::stem(&lower)).or_insert(0.0) += weight;
    }
    p
}

/// A story's accumulated profile and the articles in it.
#[derive(Clone, Debug, Default)]
pub struct StoryProfile {
    pub articles: Vec<usize>,
    pub terms: Profile,
    pub latest: Option<NaiveDate>,
}

/// The stories so far and the document frequency of every term, kept incrementally.
#[derive(Clone, Debug, Default)]
pub struct StoryIndex {
    pub stories: Vec<StoryProfile>,
    df: HashMap<String, u32>,
    docs: u32,
    /// Term → stories holding it, so a new article is compared only with stories it shares a
    /// term with.
    postings: HashMap<String, BTreeSet<usize>>,
}

/// Where an article went and how sure the assignment is.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    pub story: usize,
    pub new_story: bool,
    /// The cosine with the chosen story (0 for a new story).
    pub similarity: f64,
    /// The most telling terms the article shares with its story.
    pub shared: Vec<String>,
}

impl StoryIndex {
    /// Assigns an article (by its index among all articles) to a story and records it there.
    pub fn assign(&mut self, article: usize, a: &ArticleInput, join: f64) -> Assignment {
        let p = profile(a);
        self.docs += 1;
        for t in p.keys() {
            *self.df.entry(t.clone()).or_insert(0) += 1;
        }
        let date = a.published.map(|d| d.date());
        let candidates: BTreeSet<usize> = p
            .keys()
            .filter_map(|t| self.postings.get(t))
            .flatten()
            .copied()
            .collect();
        let mut best: Option<(usize, f64)> = None;
        for s in candidates {
            let story = &self.stories[s];
            let mut sim = self.cosine(&p, &story.terms);
            if let (Some(d), Some(l)) = (date, story.latest)
                && (d - l).num_days() > STALE_AFTER_DAYS
            {
                sim /= 2.0;
            }
            if best.is_none_or(|(_, b)| sim > b) {
                best = Some((s, sim));
            }
        }
        let (story, similarity, new_story) = match best {
            Some((s, sim)) if sim >= join => (s, sim, false),
            _ => {
                self.stories.push(StoryProfile::default());
                (self.stories.len() - 1, 0.0, true)
            }
        };
        let shared = if new_story {
            Vec::new()
        } else {
            self.shared_terms(&p, &self.stories[story].terms)
        };
        let s = &mut self.stories[story];
        s.articles.push(article);
        if let Some(d) = date {
            s.latest = Some(s.latest.map_or(d, |l| l.max(d)));
        }
        for (t, w) in p {
            self.postings.entry(t.clone()).or_default().insert(story);
            *s.terms.entry(t).or_insert(0.0) += w;
        }
        Assignment {
            story,
            new_story,
            similarity,
            shared,
        }
    }

    fn idf(&self, term: &str) -> f64 {
        let df = f64::from(self.df.get(term).copied().unwrap_or(0));
        ((1.0 + f64::from(self.docs)) / (1.0 + df)).ln() + 1.0
    }

    fn cosine(&self, a: &Profile, b: &Profile) -> f64 {
        let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
        for (t, w) in a {
            let idf = self.idf(t);
            let x = w.sqrt() * idf;
            na += x * x;
            if let Some(v) = b.get(t) {
                dot += x * v.sqrt() * idf;
            }
        }
        for (t, v) in b {
            let y = v.sqrt() * self.idf(t);
            nb += y * y;
        }
        if na == 0.0 || nb == 0.0 {
            0.0
        } else {
            dot / (na.sqrt() * nb.sqrt())
        }
    }

    fn shared_terms(&self, a: &Profile, b: &Profile) -> Vec<String> {
        let mut shared: Vec<(f64, &String)> = a
            .iter()
            .filter(|(t, _)| b.contains_key(*t))
            .map(|(t, w)| (w.sqrt() * self.idf(t), t))
            .collect();
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
        shared.into_iter().take(8).map(|(_, t)| t.clone()).collect()
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

    #[test]
    fn articles_about_one_event_share_a_story_and_others_start_their_own() {
        let texts = [
            "Floods in Valdoria: the river Amsel burst its banks in Kettering, Valdoria, and rescuers evacuated residents of the flooded valley.",
            "A wildfire near Port Selwyn forced firefighters to close the coastal highway as the blaze spread through dry forest.",
            "Rescuers in Kettering said the Amsel flood in Valdoria is receding; residents of the valley return to flooded homes.",
            "Firefighters near Port Selwyn contained the forest blaze; the coastal highway reopened after the wildfire.",
        ];
        let mut idx = StoryIndex::default();
        let got: Vec<usize> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| idx.assign(i, &article(t), JOIN_THRESHOLD).story)
            .collect();
        assert_eq!(got, vec![0, 1, 0, 1]);
    }
}
