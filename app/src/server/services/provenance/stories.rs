//! Stories as editors manage them: the list, moving articles to another story (or a new one:
//! a split), merging a story into another, and renaming. Each is one transaction with its
//! audit event; the stories touched are linked again (links the tracer makes between claims
//! that now share a story are stored; a reviewer's decisions stand) and their revisions bumped.

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement,
};
use serde_json::json;
use uuid::Uuid;

use super::{bump, filing, find_story, terms};
use crate::domain::{LinkState, ReviewStatus, StoryRef, StorySummary, addresses};
use crate::server::entities::{
    article, claim, claim_link, figure_rank_override, relation_override, story, story_article,
    story_term,
};
use crate::server::services::{
    ServiceError, Who, audit, begin_write, display_time, now, random_hex,
};

/// Placeholders for `n` bound values in the backend's syntax.
fn placeholders(backend: sea_orm::DbBackend, n: usize) -> String {
    (1..=n)
        .map(|i| match backend {
            sea_orm::DbBackend::Postgres => format!("${i}"),
            _ => "?".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The stories with articles, most recently changed first (`public_only`: those with a
/// published claim).
///
/// # Errors
/// `Db`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    limit: u64,
    public_only: bool,
) -> Result<Vec<StorySummary>, ServiceError> {
    let backend = conn.get_database_backend();
    // Stories with a published claim, found from the few published claims.
    let public_sql = format!(
        "SELECT DISTINCT sa.story_id FROM claim c JOIN story_article sa ON sa.article_id = c.article_id \
         WHERE c.short_id IS NOT NULL AND c.status IN ({})",
        placeholders(backend, 3)
    );
    let public: BTreeSet<Uuid> = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            public_sql,
            [
                ReviewStatus::Published,
                ReviewStatus::Retracted,
                ReviewStatus::VerdictProposed,
            ]
            .map(|s| sea_orm::Value::from(s.as_str())),
        ))
        .await?
        .into_iter()
        .map(|r| r.try_get_by_index::<Uuid>(0))
        .collect::<Result<_, _>>()?;
    let mut q = story::Entity::find()
        .filter(story::Column::MergedInto.is_null())
        .order_by_desc(story::Column::UpdatedAt)
        .limit(limit);
    if public_only {
        q = q.filter(story::Column::Id.is_in(public.iter().copied()));
    }
    let stories = q.all(conn).await?;
    if stories.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = stories.iter().map(|s| s.id).collect();
    let sql = format!(
        "SELECT sa.story_id, COUNT(*) AS n, MIN(a.published_at) AS lo, MAX(a.published_at) AS hi \
         FROM story_article sa JOIN article a ON a.id = sa.article_id \
         WHERE sa.story_id IN ({}) GROUP BY sa.story_id",
        placeholders(backend, ids.len())
    );
    let mut stats: HashMap<Uuid, (i64, Option<String>, Option<String>)> = HashMap::new();
    for r in conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            ids.iter().map(|i| sea_orm::Value::from(*i)),
        ))
        .await?
    {
        let id: Uuid = r.try_get("", "story_id")?;
        let day = |col: &str| -> Result<Option<String>, sea_orm::DbErr> {
            let d: Option<chrono::DateTime<chrono::Utc>> = r.try_get("", col)?;
            Ok(d.map(|d| d.format("%Y-%m-%d").to_string()))
        };
        stats.insert(id, (r.try_get("", "n")?, day("lo")?, day("hi")?));
    }
    Ok(stories
        .into_iter()
        .filter_map(|s| {
            let (n, lo, hi) = stats.remove(&s.id)?;
            Some(StorySummary {
                public: public.contains(&s.id),
                story: StoryRef {
                    id: s.id,
                    slug: s.slug,
                    title: s.title,
                },
                articles: u64::try_from(n).unwrap_or(0),
                first_published: lo,
                last_published: hi,
                updated_at: display_time(s.updated_at),
            })
        })
        .collect())
}

async fn new_story<C: ConnectionTrait>(
    conn: &C,
    title: &str,
    t: chrono::DateTime<chrono::Utc>,
) -> Result<story::Model, ServiceError> {
    Ok(story::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(format!(
            "{}-{}",
            addresses::slug_words(title),
            random_hex(5)
        )),
        title: Set(title.to_owned()),
        revision: Set(1),
        merged_into: Set(None),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(conn)
    .await?)
}

/// The claims of some articles.
async fn claims_of<C: ConnectionTrait>(
    conn: &C,
    articles: &[Uuid],
) -> Result<BTreeSet<Uuid>, ServiceError> {
    let mut out = BTreeSet::new();
    for batch in articles.chunks(200) {
        let ids: Vec<Uuid> = claim::Entity::find()
            .select_only()
            .column(claim::Column::Id)
            .filter(claim::Column::ArticleId.is_in(batch.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(ids);
    }
    Ok(out)
}

/// Moves articles of a story to another story, or to a new one (`to` = `new`: a split).
/// Links between a moved claim and one left behind are dropped unless a reviewer decided
/// them (a decision stands if the claims meet again); links among the moved claims move with
/// them. Returns the story they are now in.
///
/// # Errors
/// `Invalid` for no articles, an article not in the story, or a move into the same story;
/// `NotFound`; `Db`.
pub async fn move_articles(
    db: &DatabaseConnection,
    from: &str,
    articles: &[Uuid],
    to: &str,
    who: &Who,
) -> Result<StoryRef, ServiceError> {
    // The same article named twice is moved once.
    let mut unique: Vec<Uuid> = Vec::with_capacity(articles.len());
    for a in articles {
        if !unique.contains(a) {
            unique.push(*a);
        }
    }
    let articles = unique.as_slice();
    if articles.is_empty() {
        return Err(ServiceError::invalid("Choose the articles to move"));
    }
    let txn = begin_write(db).await?;
    let source = find_story(&txn, from).await?;
    let members: Vec<story_article::Model> = story_article::Entity::find()
        .filter(story_article::Column::ArticleId.is_in(articles.iter().copied()))
        .all(&txn)
        .await?;
    if members.len() != articles.len() || members.iter().any(|m| m.story_id != source.id) {
        return Err(ServiceError::invalid(
            "Some of those articles are not in this story",
        ));
    }
    let t = now();
    let target = if to.trim() == "new" {
        let first = article::Entity::find_by_id(articles[0])
            .one(&txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
        new_story(&txn, &first.title, t).await?
    } else {
        find_story(&txn, to.trim()).await?
    };
    if target.id == source.id {
        return Err(ServiceError::invalid(
            "The articles are already in that story",
        ));
    }
    // Only from the story they were checked in: an article another editor moved meanwhile is
    // not taken from its new story.
    let updated = story_article::Entity::update_many()
        .col_expr(story_article::Column::StoryId, Expr::value(target.id))
        .col_expr(story_article::Column::Method, Expr::value("editor"))
        .col_expr(story_article::Column::DecidedBy, Expr::value(who.user_id))
        .col_expr(story_article::Column::UpdatedAt, Expr::value(t))
        .filter(story_article::Column::ArticleId.is_in(articles.iter().copied()))
        .filter(story_article::Column::StoryId.eq(source.id))
        .exec(&txn)
        .await?;
    if updated.rows_affected != articles.len() as u64 {
        return Err(ServiceError::Conflict(
            "Some of those articles were moved by someone else meanwhile: reload the story".into(),
        ));
    }
    let moved = claims_of(&txn, articles).await?;
    carry_links(&txn, source.id, target.id, &moved, t).await?;
    terms::recount(&txn, source.id).await?;
    terms::recount(&txn, target.id).await?;
    let added = filing::relink(&txn, target.id, who).await?;
    bump(&txn, source.id, t).await?;
    bump(&txn, target.id, t).await?;
    audit::record(
        &txn,
        who,
        "provenance.move",
        "story",
        target.id,
        Some(json!({"story": source.id})),
        Some(json!({"story": target.id, "articles": articles, "links_added": added})),
    )
    .await?;
    txn.commit().await?;
    super::refresh::story_changed(db, source.id);
    super::refresh::story_changed(db, target.id);
    Ok(StoryRef {
        id: target.id,
        slug: target.slug,
        title: target.title,
    })
}

/// After claims moved from one story to another: links among them move along, undecided
/// links to claims left behind are dropped, decided ones stay where they were. A link moved is
/// marked changed at `t`, so a reader of the target that reads only the links changed since
/// its last read sees it.
async fn carry_links<C: ConnectionTrait>(
    conn: &C,
    source: Uuid,
    target: Uuid,
    moved: &BTreeSet<Uuid>,
    t: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    let links = claim_link::Entity::find()
        .filter(claim_link::Column::StoryId.eq(source))
        .all(conn)
        .await?;
    let mut along = Vec::new();
    let mut dropped = Vec::new();
    for l in links {
        let (f, t) = (
            moved.contains(&l.from_claim_id),
            moved.contains(&l.to_claim_id),
        );
        if f && t {
            along.push(l.id);
        } else if f || t {
            let decided = l
                .level
                .parse::<LinkState>()
                .is_ok_and(|s| matches!(s, LinkState::Confirmed | LinkState::Rejected));
            if !decided {
                dropped.push(l.id);
            }
        }
    }
    for batch in along.chunks(500) {
        claim_link::Entity::update_many()
            .col_expr(claim_link::Column::StoryId, Expr::value(target))
            .col_expr(claim_link::Column::UpdatedAt, Expr::value(t))
            .filter(claim_link::Column::Id.is_in(batch.iter().copied()))
            .exec(conn)
            .await?;
    }
    for batch in dropped.chunks(500) {
        claim_link::Entity::delete_many()
            .filter(claim_link::Column::Id.is_in(batch.iter().copied()))
            .exec(conn)
            .await?;
    }
    let moved: Vec<Uuid> = moved.iter().copied().collect();
    for batch in moved.chunks(500) {
        figure_rank_override::Entity::update_many()
            .col_expr(figure_rank_override::Column::StoryId, Expr::value(target))
            .filter(figure_rank_override::Column::ClaimId.is_in(batch.iter().copied()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Merges a story into another: its articles, links and decisions move there, and its address
/// answers with the other's page.
///
/// # Errors
/// `Invalid` for a story merged into itself; `NotFound`; `Db`.
pub async fn merge(
    db: &DatabaseConnection,
    story: &str,
    into: &str,
    who: &Who,
) -> Result<StoryRef, ServiceError> {
    let txn = begin_write(db).await?;
    let source = find_story(&txn, story).await?;
    let target = find_story(&txn, into).await?;
    if source.id == target.id {
        return Err(ServiceError::invalid(
            "A story cannot be merged into itself",
        ));
    }
    let moved = merge_into(&txn, &source, &target).await?;
    terms::recount(&txn, target.id).await?;
    let added = filing::relink(&txn, target.id, who).await?;
    audit::record(
        &txn,
        who,
        "provenance.merge",
        "story",
        target.id,
        Some(json!({"story": source.id, "slug": source.slug})),
        Some(json!({"story": target.id, "articles": moved, "links_added": added, "by": "editor"})),
    )
    .await?;
    txn.commit().await?;
    super::refresh::story_changed(db, target.id);
    Ok(StoryRef {
        id: target.id,
        slug: target.slug,
        title: target.title,
    })
}

/// Merges `source` into `target` when a new article showed they are one event, unless an
/// editor placed an article in either (their arrangement stands). Returns whether it merged.
/// The caller links the merged story again.
///
/// # Errors
/// `NotFound`; `Db`.
pub(super) async fn merge_automatically<C: ConnectionTrait>(
    conn: &C,
    source: Uuid,
    target: Uuid,
    who: &Who,
) -> Result<bool, ServiceError> {
    let arranged = story_article::Entity::find()
        .filter(story_article::Column::StoryId.is_in([source, target]))
        .filter(story_article::Column::Method.eq("editor"))
        .one(conn)
        .await?
        .is_some();
    let s = find_story(conn, &source.to_string()).await?;
    let t = find_story(conn, &target.to_string()).await?;
    if arranged || s.id == t.id {
        return Ok(false);
    }
    let moved = merge_into(conn, &s, &t).await?;
    audit::record(
        conn,
        who,
        "provenance.merge",
        "story",
        t.id,
        Some(json!({"story": s.id, "slug": s.slug})),
        Some(json!({"story": t.id, "articles": moved, "by": "automatic"})),
    )
    .await?;
    Ok(true)
}

/// Moves everything of `source` into `target` and marks `source` merged; returns how many
/// articles moved. Terms and links are the caller's to redo.
async fn merge_into<C: ConnectionTrait>(
    conn: &C,
    source: &story::Model,
    target: &story::Model,
) -> Result<usize, ServiceError> {
    let t = now();
    // Both stories must still stand on their own when the merge writes: one statement locks the
    // two rows (in index order, so two merges of the same pair cannot deadlock) and the second
    // of two concurrent merges A→B and B→A finds one of them merged and is refused, instead of
    // leaving a cycle of merged stories.
    let standing = story::Entity::update_many()
        .col_expr(
            story::Column::Revision,
            Expr::col(story::Column::Revision).add(1),
        )
        .filter(story::Column::Id.is_in([source.id, target.id]))
        .filter(story::Column::MergedInto.is_null())
        .exec(conn)
        .await?;
    if standing.rows_affected != 2 {
        return Err(ServiceError::Conflict(
            "One of these stories was merged into another meanwhile; reload the page".into(),
        ));
    }
    let articles: Vec<Uuid> = story_article::Entity::find()
        .select_only()
        .column(story_article::Column::ArticleId)
        .filter(story_article::Column::StoryId.eq(source.id))
        .into_tuple()
        .all(conn)
        .await?;
    story_article::Entity::update_many()
        .col_expr(story_article::Column::StoryId, Expr::value(target.id))
        .col_expr(story_article::Column::UpdatedAt, Expr::value(t))
        .filter(story_article::Column::StoryId.eq(source.id))
        .exec(conn)
        .await?;
    // Marked changed, as a link moved with an article is (`carry_links`).
    claim_link::Entity::update_many()
        .col_expr(claim_link::Column::StoryId, Expr::value(target.id))
        .col_expr(claim_link::Column::UpdatedAt, Expr::value(t))
        .filter(claim_link::Column::StoryId.eq(source.id))
        .exec(conn)
        .await?;
    figure_rank_override::Entity::update_many()
        .col_expr(
            figure_rank_override::Column::StoryId,
            Expr::value(target.id),
        )
        .filter(figure_rank_override::Column::StoryId.eq(source.id))
        .exec(conn)
        .await?;
    relation_override::Entity::update_many()
        .col_expr(relation_override::Column::StoryId, Expr::value(target.id))
        .filter(relation_override::Column::StoryId.eq(source.id))
        .exec(conn)
        .await?;
    story::Entity::update_many()
        .col_expr(story::Column::MergedInto, Expr::value(target.id))
        .col_expr(story::Column::UpdatedAt, Expr::value(t))
        .col_expr(
            story::Column::Revision,
            Expr::col(story::Column::Revision).add(1),
        )
        .filter(story::Column::Id.eq(source.id))
        .exec(conn)
        .await?;
    story_term::Entity::delete_many()
        .filter(story_term::Column::StoryId.eq(source.id))
        .exec(conn)
        .await?;
    bump(conn, target.id, t).await?;
    Ok(articles.len())
}

/// Renames a story (its address stays). `seen` is the title the editor renamed from: when the
/// story has been renamed since (by another editor, or by a correction of the article it is
/// named after), the rename is refused rather than silently replacing that title.
///
/// # Errors
/// `Invalid` for an empty or over-long title; `NotFound`; `Conflict` when the title is no
/// longer `seen`; `Db`.
pub async fn rename(
    db: &DatabaseConnection,
    story: &str,
    seen: Option<&str>,
    title: &str,
    who: &Who,
) -> Result<StoryRef, ServiceError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 300 {
        return Err(ServiceError::invalid(
            "A story's title is between 1 and 300 characters",
        ));
    }
    let txn = begin_write(db).await?;
    let s = find_story(&txn, story).await?;
    let t = now();
    let mut update = story::Entity::update_many()
        .col_expr(story::Column::Title, Expr::value(title))
        .filter(story::Column::Id.eq(s.id));
    if let Some(seen) = seen {
        update = update.filter(story::Column::Title.eq(seen));
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        return Err(audit::stale(&txn, vec![s.id], "story").await);
    }
    bump(&txn, s.id, t).await?;
    audit::record(
        &txn,
        who,
        "provenance.rename",
        "story",
        s.id,
        Some(json!({"title": s.title})),
        Some(json!({"title": title})),
    )
    .await?;
    txn.commit().await?;
    super::refresh::story_changed(db, s.id);
    Ok(StoryRef {
        id: s.id,
        slug: s.slug,
        title: title.to_owned(),
    })
}
