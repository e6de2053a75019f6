//! Finding a new article's candidate stories through an index, so filing it costs the same at
//! a hundred stories as at a hundred thousand claims: each story keeps the names it mentions
//! (capitalised words inside sentences: people, places, organisations, cut to five letters so
//! "Lebanon" meets "Lebanese"), and a new article's candidates are the stories sharing its
//! rarest names. The tracer then decides among them; this only keeps it from reading every
//! story.

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use uuid::Uuid;

use crate::server::entities::{article, story_article, story_term};
use crate::server::services::ServiceError;

/// A name held by more stories than this finds too many to be a clue (a weekday, a wire
/// service, a country in the news every week).
const MAX_STORIES_PER_TERM: i64 = 50;

/// How many candidate stories the tracer compares a new article with.
pub const CANDIDATES: usize = 6;

/// Capitalised words that are not names wherever they stand.
const NOT_NAMES: &[&str] = &[
    "the", "this", "that", "these", "those", "there", "their", "they", "then", "when", "what",
    "where", "which", "while", "with", "from", "after", "before", "about", "and", "but", "for",
    "his", "her", "its", "our", "you", "she", "him", "was", "were", "are", "has", "have", "had",
    "not", "all", "some", "one", "two", "three", "mr", "mrs", "ms", "dr", "said", "says", "also",
];

/// The terms of a text that find its story: names inside sentences, and the headline's.
pub fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let mut sentence_start = true;
        for raw in line.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let starts = sentence_start;
            sentence_start = raw.ends_with(['.', '!', '?', ':', '"', '\u{201d}']);
            let Some(first) = word.chars().next() else {
                continue;
            };
            // The headline (the first line) is capitalised throughout: every word there counts.
            if !first.is_uppercase() || (starts && n > 0) {
                continue;
            }
            let lower = word
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .to_lowercase();
            if lower.chars().filter(|c| c.is_alphabetic()).count() < 3
                || NOT_NAMES.contains(&lower.as_str())
            {
                continue;
            }
            out.insert(lower.chars().take(5).collect());
        }
    }
    out
}

/// The stories sharing the rarest names with `text`, most telling first.
///
/// # Errors
/// `Db`.
pub async fn candidates<C: ConnectionTrait>(
    conn: &C,
    text: &str,
) -> Result<Vec<Uuid>, ServiceError> {
    let terms: Vec<String> = terms(text).into_iter().collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut df: HashMap<String, i64> = HashMap::new();
    for batch in terms.chunks(300) {
        let rows: Vec<(String, i64)> = story_term::Entity::find()
            .select_only()
            .column(story_term::Column::Term)
            .column_as(story_term::Column::StoryId.count(), "n")
            .filter(story_term::Column::Term.is_in(batch.iter().cloned()))
            .group_by(story_term::Column::Term)
            .into_tuple()
            .all(conn)
            .await?;
        df.extend(rows);
    }
    let telling: Vec<String> = df
        .iter()
        .filter(|(_, n)| **n <= MAX_STORIES_PER_TERM)
        .map(|(t, _)| t.clone())
        .collect();
    let mut score: HashMap<Uuid, f64> = HashMap::new();
    for batch in telling.chunks(300) {
        let rows: Vec<(String, Uuid)> = story_term::Entity::find()
            .select_only()
            .column(story_term::Column::Term)
            .column(story_term::Column::StoryId)
            .filter(story_term::Column::Term.is_in(batch.iter().cloned()))
            .into_tuple()
            .all(conn)
            .await?;
        for (t, s) in rows {
            let n = Ord::max(df.get(&t).copied().unwrap_or(1), 1) as f64;
            *score.entry(s).or_insert(0.0) += 1.0 / n;
        }
    }
    let mut ranked: Vec<(f64, Uuid)> = score.into_iter().map(|(s, v)| (v, s)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    Ok(ranked
        .into_iter()
        .take(CANDIDATES)
        .map(|(_, s)| s)
        .collect())
}

/// Counts an article's terms into its story's.
///
/// # Errors
/// `Db`.
pub async fn add<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    text: &str,
) -> Result<(), ServiceError> {
    let rows: Vec<story_term::ActiveModel> = terms(text)
        .into_iter()
        .map(|term| story_term::ActiveModel {
            story_id: Set(story_id),
            term: Set(term),
            articles: Set(1),
        })
        .collect();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        story_term::Entity::insert_many(rows.by_ref().take(300))
            .on_conflict(
                OnConflict::columns([story_term::Column::StoryId, story_term::Column::Term])
                    .value(
                        story_term::Column::Articles,
                        Expr::col((story_term::Entity, story_term::Column::Articles)).add(1),
                    )
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Recounts a story's terms from its articles (after articles moved in or out).
///
/// # Errors
/// `Db`.
pub async fn recount<C: ConnectionTrait>(conn: &C, story_id: Uuid) -> Result<(), ServiceError> {
    story_term::Entity::delete_many()
        .filter(story_term::Column::StoryId.eq(story_id))
        .exec(conn)
        .await?;
    let ids: Vec<Uuid> = story_article::Entity::find()
        .select_only()
        .column(story_article::Column::ArticleId)
        .filter(story_article::Column::StoryId.eq(story_id))
        .into_tuple()
        .all(conn)
        .await?;
    let mut counts: HashMap<String, i32> = HashMap::new();
    for batch in ids.chunks(100) {
        let bodies: Vec<String> = article::Entity::find()
            .select_only()
            .column(article::Column::Body)
            .filter(article::Column::Id.is_in(batch.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        for b in bodies {
            for t in terms(&b) {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
    }
    let mut rows = counts
        .into_iter()
        .map(|(term, n)| story_term::ActiveModel {
            story_id: Set(story_id),
            term: Set(term),
            articles: Set(n),
        })
        .peekable();
    while rows.peek().is_some() {
        story_term::Entity::insert_many(rows.by_ref().take(300))
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::terms;

    #[test]
    fn names_inside_sentences_and_the_headline_count() {
        let t = terms(
            "Flood hits Varnia Port\n\nThe river rose in Kessel on Monday. Officials in Varnia said the Kessel dam held.",
        );
        for want in ["flood", "varni", "port", "kesse", "monda"] {
            assert!(t.contains(want), "{want} in {t:?}");
        }
        // Sentence-initial capitals outside the headline are not names.
        assert!(!t.contains("offic"), "{t:?}");
        assert!(!t.contains("the"), "{t:?}");
    }
}
