//! Provenance across articles, persisted: which story each article is in (and why), links
//! between claims with their evidence and level, reviewers' confirmations and rejections,
//! editors' moves, merges and overrides, and each claim's chain of tellers. The pure
//! `crate::provenance` decides; this persists what it decided and derives a story's clusters,
//! relations, first appearances and figure timelines from the stored rows (the database is the
//! truth; the derived view is cached per story, keyed on what it was derived from).
//!
//! - `filing`: a new article's story and its claims' links, at ingest.
//! - `loading`: a story's tracer, rebuilt from its stored articles and claims.
//! - `derivation`: the story's clusters (from stored links), relations and figures, with
//!   reviewers' and editors' decisions applied.
//! - `views`: the staff story page, the public story, a claim's place in its story.
//! - `refresh`: a watched story's views assembled again in the background after a change.
//! - `decisions`: confirming or rejecting a link, overriding a relation or a figure's rank.
//! - `stories`: the list, moving articles, merging and renaming stories.
//! - `terms`: the terms that find a new article's candidate stories.

pub mod decisions;
pub mod derivation;
pub mod filing;
pub mod loading;
pub mod refresh;
pub mod stories;
pub mod terms;
pub mod views;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::ServiceError;
use crate::provenance::Proposition;
use crate::server::entities::story;

/// The name of a proposition within its claim: its kind, and for a count what it counts
/// (`casualty:killed`). A claim asserts one proposition, or one per count it carries; a part
/// told beside its whole ("900 injured, 80 of them critical") is the count's name with
/// `:part` (`taken` says whether a name is already another proposition's of the claim).
/// Names are stored in links and decisions, so a name once given never changes.
pub fn prop_key(p: &Proposition, taken: impl Fn(&str) -> bool) -> String {
    let key = match &p.count {
        Some(c) => format!("{}:{c}", p.kind.as_str()),
        None => p.kind.as_str().to_owned(),
    };
    if p.part && taken(&key) {
        format!("{key}:part")
    } else {
        key
    }
}

/// Bumps a story's revision (what its derived view is cached by) and its `updated_at`.
///
/// # Errors
/// `Db`.
pub(crate) async fn bump<C: ConnectionTrait>(
    conn: &C,
    story_id: Uuid,
    t: DateTime<Utc>,
) -> Result<(), ServiceError> {
    story::Entity::update_many()
        .col_expr(
            story::Column::Revision,
            Expr::col(story::Column::Revision).add(1),
        )
        .col_expr(story::Column::UpdatedAt, Expr::value(t))
        .filter(story::Column::Id.eq(story_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A story row, following merges to the story it now is.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn find_story<C: ConnectionTrait>(
    conn: &C,
    id_or_slug: &str,
) -> Result<story::Model, ServiceError> {
    let not_found = || ServiceError::NotFound("That story".into());
    let mut s = match Uuid::parse_str(id_or_slug) {
        Ok(id) => story::Entity::find_by_id(id).one(conn).await?,
        Err(_) => {
            story::Entity::find()
                .filter(story::Column::Slug.eq(id_or_slug))
                .one(conn)
                .await?
        }
    }
    .ok_or_else(not_found)?;
    // A merged story answers with the one it was merged into (a short chain at most).
    for _ in 0..8 {
        let Some(next) = s.merged_into else {
            return Ok(s);
        };
        s = story::Entity::find_by_id(next)
            .one(conn)
            .await?
            .ok_or_else(not_found)?;
    }
    Ok(s)
}

/// A bound value's placeholder, numbered, in the backend's syntax.
fn placeholder(backend: sea_orm::DbBackend, n: usize) -> String {
    match backend {
        sea_orm::DbBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    }
}

/// A sum over a story's rows (`ChangedSince::sums`), cast where the backend needs it to read
/// as `i64` or text.
#[derive(Clone, Copy)]
enum Sum<'a> {
    /// `SUM` of a column (0 over no rows).
    Total(&'a str),
    /// The number of rows.
    Count,
    /// The latest time of a column, as text.
    Latest(&'a str),
}

/// One statement reading a story's sums (`t.<alias>` on every row) beside the rows changed at
/// or after a time (`c.*`, none when nothing changed): the sums prove whether the changed rows
/// are all that changed (a caller keeps the sums of what it read before and compares them,
/// corrected by the changed rows). The story id is bound first, the time second; `summed_only`
/// may use more bound values (from the third).
struct ChangedSince<'a> {
    /// The rows' table(s), aliased as the other fields name them.
    from: &'a str,
    /// The column holding the story id.
    story: &'a str,
    sums: &'a [(Sum<'a>, &'a str)],
    /// A further condition on the summed rows, "" for none.
    summed_only: &'a str,
    /// The columns read of each changed row.
    columns: &'a str,
    /// The column of each row's last change.
    updated: &'a str,
    /// How the changed rows are ordered (by `c.`-columns), "" for any order.
    order: &'a str,
}

impl ChangedSince<'_> {
    fn sql(&self, backend: sea_orm::DbBackend) -> String {
        let pg = backend == sea_orm::DbBackend::Postgres;
        let (mut sums, mut read) = (Vec::new(), Vec::new());
        for (sum, alias) in self.sums {
            sums.push(match (sum, pg) {
                (Sum::Total(col), true) => format!("COALESCE(SUM({col}), 0)::bigint AS {alias}"),
                (Sum::Total(col), false) => format!("COALESCE(SUM({col}), 0) AS {alias}"),
                (Sum::Count, _) => format!("COUNT(*) AS {alias}"),
                (Sum::Latest(col), true) => format!("MAX({col})::text AS {alias}"),
                (Sum::Latest(col), false) => format!("MAX({col}) AS {alias}"),
            });
            read.push(format!("t.{alias}"));
        }
        let (sums, read) = (sums.join(", "), read.join(", "));
        let story = placeholder(backend, 1);
        let since = if pg { "$2::timestamptz" } else { "?2" };
        let order = if self.order.is_empty() {
            String::new()
        } else {
            format!(" ORDER BY {}", self.order)
        };
        format!(
            "SELECT {read}, c.* FROM (SELECT {sums} FROM {from} WHERE {key} = {story}{only}) t \
             LEFT JOIN (SELECT {columns} FROM {from} WHERE {key} = {story} AND {updated} >= {since}) c \
             ON 1 = 1{order}",
            from = self.from,
            key = self.story,
            only = self.summed_only,
            columns = self.columns,
            updated = self.updated,
        )
    }
}
