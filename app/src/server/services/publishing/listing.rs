//! The list of published fact-checks: newest publication first, filtered by verdict, kind,
//! actor and words, a page at a time by keyset (publication time and id).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::fact_checks::is_public;
use crate::domain::VerdictState;
use crate::server::entities::{actor, claim, verdict};
use crate::server::services::{ServiceError, claim_record};

/// The rows of published claims, newest publication first, a page at a time (keyset on
/// publication time and id), narrowed by the filter; and the cursor of the next page.
///
/// # Errors
/// `Invalid` for a page link this list did not make; `Db`.
pub async fn published<C: ConnectionTrait>(
    conn: &C,
    filter: &crate::domain::PublicFilter,
    limit: u64,
) -> Result<(Vec<claim::Model>, Option<String>), ServiceError> {
    // Every claim published once has its date and stays public (published, retracted, or with
    // a newer verdict awaiting approval), so the date alone selects them, read newest first
    // straight from its index; the status is checked on the rows read.
    let mut q = claim::Entity::find().filter(claim::Column::PublishedAt.is_not_null());
    if let Some(k) = filter.kind {
        q = q.filter(claim::Column::Kind.eq(k.as_str()));
    }
    if let Some(words) = filter.q.as_deref().filter(|w| !w.trim().is_empty()) {
        let ids = crate::server::services::search::matching(
            conn,
            crate::server::services::search::Scope::Public,
            words,
            1000,
        )
        .await?;
        q = q.filter(claim::Column::Id.is_in(ids));
    }
    if let Some(name) = filter.actor.as_deref().filter(|w| !w.trim().is_empty()) {
        let ids: Vec<Uuid> = actor::Entity::find()
            .filter(actor::Column::Name.eq(name.trim()))
            .all(conn)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        q = q.filter(
            sea_orm::Condition::any()
                .add(claim::Column::ClaimantId.is_in(ids.clone()))
                .add(claim::Column::TargetId.is_in(ids)),
        );
    }
    if let Some(r) = filter.rating {
        // Correlated, so the database walks the publication-date index newest first and checks
        // each claim in `(state, rating, claim_id)`, stopping after a page; an `IN` list made
        // SQLite fetch and sort every claim with that rating.
        use sea_orm::sea_query::ExprTrait;
        let with_rating = sea_orm::sea_query::Query::select()
            .expr(Expr::val(1))
            .from(verdict::Entity)
            .and_where(
                Expr::col((verdict::Entity, verdict::Column::ClaimId))
                    .equals((claim::Entity, claim::Column::Id)),
            )
            .and_where(
                Expr::col((verdict::Entity, verdict::Column::State))
                    .eq(VerdictState::Approved.as_str()),
            )
            .and_where(Expr::col((verdict::Entity, verdict::Column::Rating)).eq(r.as_str()))
            .to_owned();
        q = q.filter(Expr::exists(with_rating));
    }
    // A mark this list did not make is refused, as the review queue refuses one: quietly
    // showing the first page under a "next page" link would read as if it were the next page.
    let after = filter
        .after
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| decode_cursor(s).ok_or_else(crate::server::services::bad_page_link))
        .transpose()?;
    if let Some((at, id)) = after {
        q = q.filter(
            sea_orm::Condition::any()
                .add(claim::Column::PublishedAt.lt(at))
                .add(
                    sea_orm::Condition::all()
                        .add(claim::Column::PublishedAt.eq(at))
                        .add(claim::Column::Id.lt(id)),
                ),
        );
    }
    let mut rows = q
        .order_by_desc(claim::Column::PublishedAt)
        .order_by_desc(claim::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = (rows.len() as u64 > limit).then(|| {
        let last = &rows[usize::try_from(limit).unwrap_or(0).saturating_sub(1)];
        encode_cursor(last.published_at.unwrap_or(last.updated_at), last.id)
    });
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    rows.retain(is_public);
    Ok((rows, next))
}

/// Published claims for the list pages, with their verdicts' ratings.
///
/// # Errors
/// `Db`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &crate::domain::PublicFilter,
    limit: u64,
) -> Result<crate::domain::PublicList, ServiceError> {
    use crate::domain::{PublicList, PublicListItem};
    let (rows, next) = published(conn, filter, limit).await?;
    let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
    let standing: std::collections::HashMap<Uuid, verdict::Model> = verdict::Entity::find()
        .filter(verdict::Column::ClaimId.is_in(ids))
        .filter(verdict::Column::State.is_in(VerdictState::STANDING.iter().map(|s| s.as_str())))
        .order_by_asc(verdict::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.claim_id, v))
        .collect();
    let slugs: Vec<(Uuid, String, Option<chrono::DateTime<chrono::Utc>>)> = rows
        .iter()
        .map(|c| (c.id, c.slug.clone().unwrap_or_default(), c.published_at))
        .collect();
    let views = claim_record::views(conn, rows).await?;
    let items = views
        .into_iter()
        .zip(slugs)
        .map(|(claim, (id, slug, at))| {
            let v = standing.get(&id);
            Ok(PublicListItem {
                slug,
                rating: v.map(|v| v.rating.parse()).transpose()?,
                retracted: v.is_some_and(|v| v.state == VerdictState::Retracted.as_str()),
                published_on: at
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                claim: claim.into(),
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    Ok(PublicList { items, next })
}

fn encode_cursor(at: chrono::DateTime<chrono::Utc>, id: Uuid) -> String {
    format!("{}_{id}", at.timestamp_micros())
}

fn decode_cursor(s: &str) -> Option<(chrono::DateTime<chrono::Utc>, Uuid)> {
    let (t, id) = s.split_once('_')?;
    Some((
        chrono::DateTime::from_timestamp_micros(t.parse().ok()?)?,
        Uuid::parse_str(id).ok()?,
    ))
}
