//! The claim's record, at the bottom of the services: loading a claim, writing it against the
//! version it was read at, the rows of new claims (with their search entries), its public
//! address, and the views pages show. Every service that touches a claim row goes through here.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{ServiceError, actors, audit, now, search};
use crate::domain::{ActorRef, ClaimView, ExtractedClaim, Figure, ReviewStatus, Span, addresses};
use crate::server::entities::{actor, claim, verdict};

/// A claim row.
///
/// # Errors
/// `NotFound`; `Db`.
pub(super) async fn load<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<claim::Model, ServiceError> {
    claim::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That claim".into()))
}

/// The refusal of a stale write to a claim, naming the last change to it or to its verdicts
/// (which move its status).
async fn stale<C: ConnectionTrait>(conn: &C, id: Uuid) -> ServiceError {
    let mut ids: Vec<Uuid> = verdict::Entity::find()
        .filter(verdict::Column::ClaimId.eq(id))
        .all(conn)
        .await
        .map(|vs| vs.into_iter().map(|v| v.id).collect())
        .unwrap_or_default();
    ids.push(id);
    audit::stale(conn, ids, "claim").await
}

/// Applies `set` to the claim only if it is still at `version`, bumping the version; returns the
/// new row. A write that changes what a story's tracer reads of the claim also bumps its
/// `trace_version`, so the tracer is rebuilt; any other write (an assignment, a status) leaves
/// the kept tracer standing.
///
/// # Errors
/// `Conflict` naming the change that made `version` stale; `NotFound`; `Db`.
pub(super) async fn write_versioned<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    version: i32,
    set: impl FnOnce(sea_orm::UpdateMany<claim::Entity>) -> sea_orm::UpdateMany<claim::Entity>,
) -> Result<claim::Model, ServiceError> {
    let before = load(conn, id).await?;
    if before.version != version {
        return Err(stale(conn, id).await);
    }
    let update = claim::Entity::update_many()
        .col_expr(
            claim::Column::Version,
            Expr::col(claim::Column::Version).add(1),
        )
        .col_expr(claim::Column::UpdatedAt, Expr::value(now()))
        .filter(claim::Column::Id.eq(id))
        .filter(claim::Column::Version.eq(version));
    let res = set(update).exec(conn).await?;
    if res.rows_affected == 0 {
        return Err(stale(conn, id).await);
    }
    // Versions move only here, one at a time: the row just replaced was `before`.
    let after = load(conn, id).await?;
    if !traced_fields_differ(&before, &after) {
        return Ok(after);
    }
    claim::Entity::update_many()
        .col_expr(
            claim::Column::TraceVersion,
            Expr::col(claim::Column::TraceVersion).add(1),
        )
        .filter(claim::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(claim::Model {
        trace_version: after.trace_version + 1,
        ..after
    })
}

/// Whether two versions of a claim differ in what a story's tracer reads of it: its kind,
/// words, span, figures, claimant, target and hedging, and whether it is dismissed (the tracer
/// leaves dismissed claims out).
pub fn traced_fields_differ(a: &claim::Model, b: &claim::Model) -> bool {
    let dismissed = |c: &claim::Model| c.status == ReviewStatus::Dismissed.as_str();
    a.kind != b.kind
        || a.quote != b.quote
        || a.span_start != b.span_start
        || a.span_end != b.span_end
        || a.figures != b.figures
        || a.claimant_id != b.claimant_id
        || a.target_id != b.target_id
        || a.hedged != b.hedged
        || dismissed(a) != dismissed(b)
}

/// A claim about to be stored: new, at version 1, unassigned.
pub(super) struct NewClaim<'a> {
    pub article_id: Uuid,
    pub kind: &'a str,
    pub quote: String,
    /// Code points `[start, end)` of the article body.
    pub span: (usize, usize),
    pub prefix: String,
    pub suffix: String,
    pub figures: serde_json::Value,
    pub claimant_id: Option<Uuid>,
    pub target_id: Option<Uuid>,
    pub hedged: bool,
    pub checkworthiness: f64,
}

impl NewClaim<'_> {
    /// The row to insert.
    ///
    /// # Errors
    /// `Invalid` if the span does not fit the column (an article over 2^31 characters).
    pub(super) fn row(
        self,
        id: Uuid,
        t: DateTime<Utc>,
    ) -> Result<claim::ActiveModel, ServiceError> {
        Ok(claim::ActiveModel {
            id: Set(id),
            article_id: Set(self.article_id),
            kind: Set(self.kind.to_owned()),
            quote: Set(self.quote),
            span_start: Set(to_i32(self.span.0)?),
            span_end: Set(to_i32(self.span.1)?),
            prefix: Set(self.prefix),
            suffix: Set(self.suffix),
            figures: Set(self.figures),
            claimant_id: Set(self.claimant_id),
            target_id: Set(self.target_id),
            hedged: Set(self.hedged),
            checkworthiness: Set(self.checkworthiness),
            status: Set(ReviewStatus::New.as_str().to_owned()),
            assignee_id: Set(None),
            version: Set(1),
            created_at: Set(t),
            updated_at: Set(t),
            slug: Set(None),
            short_id: Set(None),
            published_at: Set(None),
            trace_version: Set(1),
        })
    }
}

fn to_i32(n: usize) -> Result<i32, ServiceError> {
    i32::try_from(n).map_err(|_| ServiceError::invalid("The article is too long"))
}

/// The article claims are extracted from, as their search entries name it.
pub(super) struct Article<'a> {
    pub id: Uuid,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
}

/// How many claim rows one insert carries: well under both databases' limits on bound values.
const ROWS_PER_INSERT: usize = 500;

/// Stores claims the extractor found in an article, their actors found or made, in a few
/// inserts, and puts them in the search index from what is in memory, in one batch. Returns
/// their ids, in order. Call it in the transaction that stores or re-reads the article.
///
/// # Errors
/// `Invalid` for an article too long for the span columns; `Db`; `Internal` if figures do not
/// serialise.
pub(super) async fn insert_extracted<C: ConnectionTrait>(
    conn: &C,
    article: &Article<'_>,
    claims: &[ExtractedClaim],
    t: DateTime<Utc>,
) -> Result<Vec<Uuid>, ServiceError> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = Vec::with_capacity(claims.len());
    let mut actors_of = Vec::with_capacity(claims.len());
    // Every party the claims name, found or made together, in the claims' order.
    let named: Vec<&ActorRef> = claims
        .iter()
        .flat_map(|c| [c.claimant.as_ref(), c.target.as_ref()])
        .flatten()
        .collect();
    let found = actors::find_or_create_all(conn, &named).await?;
    // The actors' names as stored (an existing actor keeps the name it was first seen by).
    let names: HashMap<Uuid, &str> = found.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let mut found = found.iter().map(|(id, _)| *id);
    for c in claims {
        let claimant_id = c.claimant.as_ref().and_then(|_| found.next());
        let target_id = c.target.as_ref().and_then(|_| found.next());
        let id = Uuid::now_v7();
        rows.push(
            NewClaim {
                article_id: article.id,
                kind: c.kind.as_str(),
                quote: c.quote.clone(),
                span: (c.span.start, c.span.end),
                prefix: c.prefix.clone(),
                suffix: c.suffix.clone(),
                figures: serde_json::to_value(&c.figures)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?,
                claimant_id,
                target_id,
                hedged: c.hedged,
                checkworthiness: c.checkworthiness,
            }
            .row(id, t)?,
        );
        actors_of.push((id, claimant_id, target_id));
    }
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        claim::Entity::insert_many(rows.by_ref().take(ROWS_PER_INSERT))
            .exec_without_returning(conn)
            .await?;
    }
    let entries: Vec<(Uuid, String)> = claims
        .iter()
        .zip(&actors_of)
        .map(|(c, (id, claimant, target))| {
            let mut actor_ids = vec![*claimant, *target];
            actor_ids.dedup();
            let actor_names = actor_ids
                .into_iter()
                .flatten()
                .filter_map(|a| names.get(&a).map(|n| (*n).to_owned()));
            let body = search::document_text(
                &c.quote,
                actor_names,
                Some((article.title, article.publisher)),
                std::iter::empty(),
            );
            (*id, body)
        })
        .collect();
    search::index_new(conn, &entries).await?;
    Ok(entries.into_iter().map(|(id, _)| id).collect())
}

/// Gives a claim its public address and first publication date, once; later publications keep
/// them, so links never break. Call it in the approving transaction.
///
/// # Errors
/// `Db`.
pub(super) async fn fix_public_address<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if c.short_id.is_some() {
        return Ok(());
    }
    // 10 hex digits: 2^40 ids; a clash is retried.
    let short_id = loop {
        let candidate = super::random_hex(5);
        let exists = claim::Entity::find()
            .filter(claim::Column::ShortId.eq(&candidate))
            .count(conn)
            .await?;
        if exists == 0 {
            break candidate;
        }
    };
    let slug = format!("{}-{short_id}", addresses::slug_words(&c.quote));
    claim::Entity::update_many()
        .col_expr(claim::Column::ShortId, Expr::value(short_id))
        .col_expr(claim::Column::Slug, Expr::value(slug))
        .col_expr(claim::Column::PublishedAt, Expr::value(at))
        .filter(claim::Column::Id.eq(c.id))
        .exec(conn)
        .await?;
    Ok(())
}

/// One claim as the pages show it.
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn view<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<ClaimView, ServiceError> {
    let c = load(db, id).await?;
    views(db, vec![c])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That claim".into()))
}

/// Claims as the pages show them, with their actors' names read in one query.
///
/// # Errors
/// `Db`, or `Internal` for a row that no longer parses.
pub(super) async fn views<C: ConnectionTrait>(
    db: &C,
    claims: Vec<claim::Model>,
) -> Result<Vec<ClaimView>, ServiceError> {
    let actor_ids: Vec<Uuid> = claims
        .iter()
        .flat_map(|c| [c.claimant_id, c.target_id])
        .flatten()
        .collect();
    let names: HashMap<Uuid, String> = if actor_ids.is_empty() {
        HashMap::new()
    } else {
        actor::Entity::find()
            .filter(actor::Column::Id.is_in(actor_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect()
    };
    claims.into_iter().map(|c| view_of(c, &names)).collect()
}

fn view_of(c: claim::Model, names: &HashMap<Uuid, String>) -> Result<ClaimView, ServiceError> {
    let bad = |e: String| ServiceError::Internal(format!("claim {}: {e}", c.id));
    let figures: Vec<Figure> =
        serde_json::from_value(c.figures.clone()).map_err(|e| bad(e.to_string()))?;
    Ok(ClaimView {
        id: c.id,
        article_id: c.article_id,
        kind: c
            .kind
            .parse()
            .map_err(|e: crate::domain::UnknownValue| bad(e.to_string()))?,
        quote: c.quote,
        span: Span {
            start: usize::try_from(c.span_start).map_err(|e| bad(e.to_string()))?,
            end: usize::try_from(c.span_end).map_err(|e| bad(e.to_string()))?,
        },
        prefix: c.prefix,
        suffix: c.suffix,
        figures,
        claimant: c.claimant_id.and_then(|id| names.get(&id).cloned()),
        target: c.target_id.and_then(|id| names.get(&id).cloned()),
        hedged: c.hedged,
        checkworthiness: c.checkworthiness,
        status: c
            .status
            .parse()
            .map_err(|e: crate::domain::UnknownValue| bad(e.to_string()))?,
        assignee_id: c.assignee_id,
        version: c.version,
    })
}
