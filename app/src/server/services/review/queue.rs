//! The review queue: claims that wait for someone, filtered and ordered, a page at a time. Pages
//! are found by keyset (the last row of the previous page), never by offset, so every page
//! costs the same at a million claims: each status is read in index order
//! (`status, checkworthiness, id` or `status, id`) and the few statuses merged. Words are
//! looked up in the full-text index first.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

use crate::domain::{
    LinkState, MatchDecision, QueueFilter, QueueItem, QueuePage, QueueSort, ReviewStatus,
};
use crate::server::entities::{article, claim, claim_link, claim_match};
use crate::server::services::accounts::users;
use crate::server::services::{ServiceError, claim_record, display_time};

pub const PAGE_SIZE: u64 = 25;

/// Where a page starts: after this claim.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cursor {
    Checkworthiness(f64, Uuid),
    Oldest(Uuid),
}

impl Cursor {
    fn of(sort: QueueSort, c: &claim::Model) -> Self {
        match sort {
            QueueSort::Checkworthiness => Cursor::Checkworthiness(c.checkworthiness, c.id),
            QueueSort::Oldest => Cursor::Oldest(c.id),
        }
    }

    fn encode(self) -> String {
        match self {
            // Rust prints the shortest text that reads back as the same f64.
            Cursor::Checkworthiness(w, id) => format!("{w}_{id}"),
            Cursor::Oldest(id) => id.to_string(),
        }
    }

    fn decode(sort: QueueSort, s: &str) -> Result<Self, ServiceError> {
        let bad = crate::server::services::bad_page_link;
        match sort {
            QueueSort::Checkworthiness => {
                let (w, id) = s.split_once('_').ok_or_else(bad)?;
                let w: f64 = w.parse().map_err(|_| bad())?;
                let id = Uuid::parse_str(id).map_err(|_| bad())?;
                if !w.is_finite() {
                    return Err(bad());
                }
                Ok(Cursor::Checkworthiness(w, id))
            }
            QueueSort::Oldest => Uuid::parse_str(s).map(Cursor::Oldest).map_err(|_| bad()),
        }
    }

    fn condition(self) -> Condition {
        match self {
            Cursor::Checkworthiness(w, id) => Condition::any()
                .add(claim::Column::Checkworthiness.lt(w))
                .add(
                    Condition::all()
                        .add(claim::Column::Checkworthiness.eq(w))
                        .add(claim::Column::Id.gt(id)),
                ),
            Cursor::Oldest(id) => Condition::all().add(claim::Column::Id.gt(id)),
        }
    }
}

/// Whether the filter leaves the assignee open.
fn any_assignee(filter: &QueueFilter) -> bool {
    matches!(
        filter.assignee.as_deref().map(str::trim),
        None | Some("") | Some("any")
    )
}

/// The filter's conditions other than status and cursor.
fn filtered(
    mut q: Select<claim::Entity>,
    filter: &QueueFilter,
    viewer: Uuid,
    matched: Option<&[Uuid]>,
) -> Result<Select<claim::Entity>, ServiceError> {
    if let Some(k) = filter.kind {
        q = q.filter(claim::Column::Kind.eq(k.as_str()));
    }
    if let Some(a) = filter.article {
        q = q.filter(claim::Column::ArticleId.eq(a));
    }
    let assignee = filter.assignee.as_deref().map(str::trim);
    match assignee.filter(|_| !any_assignee(filter)) {
        None => {}
        Some("me") => q = q.filter(claim::Column::AssigneeId.eq(viewer)),
        Some("none") => q = q.filter(claim::Column::AssigneeId.is_null()),
        Some(id) => {
            let id = Uuid::parse_str(id)
                .map_err(|_| ServiceError::invalid("Choose the assignee from the list"))?;
            q = q.filter(claim::Column::AssigneeId.eq(id));
        }
    }
    if let Some(ids) = matched {
        q = q.filter(claim::Column::Id.is_in(ids.iter().copied()));
    }
    if filter.prior {
        q = q.filter(claim::Column::Id.in_subquery(likely_prior().into_query()));
    }
    if filter.grouped {
        // Correlated, so each row the keyset walk reads is checked in the links' index
        // (`from_claim_id` first) instead of the database gathering every link first.
        use sea_orm::sea_query::{Expr, ExprTrait, Query};
        let repeats = Query::select()
            .expr(Expr::val(1))
            .from(claim_link::Entity)
            .and_where(
                Expr::col((claim_link::Entity, claim_link::Column::FromClaimId))
                    .equals((claim::Entity, claim::Column::Id)),
            )
            .and_where(
                Expr::col((claim_link::Entity, claim_link::Column::Level))
                    .is_in(clustering_levels()),
            )
            .to_owned();
        q = q.filter(Expr::exists(repeats).not());
    }
    Ok(q)
}

/// The claims whose likely prior fact-check no reviewer dismissed.
fn likely_prior() -> Select<claim_match::Entity> {
    claim_match::Entity::find()
        .select_only()
        .column(claim_match::Column::ClaimId)
        .filter(claim_match::Column::Likely.eq(true))
        .filter(claim_match::Column::Status.ne(MatchDecision::Dismissed.as_str()))
}

fn clustering_levels() -> Vec<&'static str> {
    LinkState::ALL
        .iter()
        .filter(|l| l.clusters())
        .map(|l| l.as_str())
        .collect()
}

/// How many other claims each of `ids` is clustered with: the claims reached from it through
/// clustering links, proposition by proposition (a claim with a death toll and an injured count
/// is in two clusters; the claims of both count, each once). Bounded: at most `MAX_ROUNDS`
/// rounds of one query each, whatever the clusters' size.
async fn repeated_by<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, u32>, ServiceError> {
    use std::collections::{BTreeSet, HashMap};
    const MAX_ROUNDS: usize = 8;
    // (claim, proposition) → the start claims whose cluster holds it.
    let mut reached: HashMap<(Uuid, String), BTreeSet<Uuid>> = HashMap::new();
    let mut frontier: Vec<(Uuid, Option<String>, Uuid)> =
        ids.iter().map(|&id| (id, None, id)).collect();
    for _ in 0..MAX_ROUNDS {
        if frontier.is_empty() {
            break;
        }
        let claims: BTreeSet<Uuid> = frontier.iter().map(|(c, _, _)| *c).collect();
        let links = claim_link::Entity::find()
            .filter(claim_link::Column::Level.is_in(clustering_levels()))
            .filter(
                Condition::any()
                    .add(claim_link::Column::FromClaimId.is_in(claims.iter().copied()))
                    .add(claim_link::Column::ToClaimId.is_in(claims.iter().copied())),
            )
            .all(db)
            .await?;
        let mut next = Vec::new();
        for (claim, prop, start) in frontier {
            for l in &links {
                let ends = [
                    (l.from_claim_id, &l.from_prop, l.to_claim_id, &l.to_prop),
                    (l.to_claim_id, &l.to_prop, l.from_claim_id, &l.from_prop),
                ];
                for (here, here_prop, there, there_prop) in ends {
                    if here != claim || prop.as_ref().is_some_and(|p| p != here_prop) {
                        continue;
                    }
                    let starts = reached.entry((there, there_prop.clone())).or_default();
                    if starts.insert(start) {
                        next.push((there, Some(there_prop.clone()), start));
                    }
                }
            }
        }
        frontier = next;
    }
    let mut out: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    for ((claim, _), starts) in reached {
        for s in starts {
            if claim != s {
                out.entry(s).or_default().insert(claim);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|(k, v)| (k, u32::try_from(v.len()).unwrap_or(u32::MAX)))
        .collect())
}

fn ordered(q: Select<claim::Entity>, sort: QueueSort) -> Select<claim::Entity> {
    match sort {
        QueueSort::Checkworthiness => q
            .order_by_desc(claim::Column::Checkworthiness)
            .order_by_asc(claim::Column::Id),
        QueueSort::Oldest => q.order_by_asc(claim::Column::Id),
    }
}

/// One page of the queue as `viewer` sees it.
///
/// # Errors
/// `Invalid` for a malformed cursor or assignee; `Db`.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    filter: &QueueFilter,
    viewer: Uuid,
) -> Result<QueuePage, ServiceError> {
    let statuses: Vec<ReviewStatus> = match filter.status {
        Some(s) => vec![s],
        None => ReviewStatus::AWAITING.to_vec(),
    };
    let cursor = filter
        .after
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| Cursor::decode(filter.sort, s))
        .transpose()?;
    // Words are found by the full-text index (stemmed, over the claim, its actors, article,
    // rationales and sources), the same search the public pages use.
    let matched = match filter.q.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(words) if words.chars().count() > 200 => {
            return Err(ServiceError::invalid("Search for at most 200 characters"));
        }
        Some(words) => Some(
            crate::server::services::search::matching(
                db,
                crate::server::services::search::Scope::Staff,
                words,
                5000,
            )
            .await?,
        ),
        None => None,
    };
    let matched = matched.as_deref();
    let mut rows: Vec<claim::Model> = Vec::new();
    for status in &statuses {
        let mut q = filtered(claim::Entity::find(), filter, viewer, matched)?
            .filter(claim::Column::Status.eq(status.as_str()));
        if let Some(c) = cursor {
            q = q.filter(c.condition());
        }
        rows.extend(ordered(q, filter.sort).limit(PAGE_SIZE + 1).all(db).await?);
    }
    match filter.sort {
        QueueSort::Checkworthiness => rows.sort_by(|a, b| {
            b.checkworthiness
                .total_cmp(&a.checkworthiness)
                .then(a.id.cmp(&b.id))
        }),
        QueueSort::Oldest => rows.sort_by_key(|c| c.id),
    }
    let page_len = usize::try_from(PAGE_SIZE).unwrap_or(25);
    let next =
        (rows.len() > page_len).then(|| Cursor::of(filter.sort, &rows[page_len - 1]).encode());
    rows.truncate(page_len);
    // Counts by status and kind come from the tallies; a filter by article, assignee or words
    // narrows to few rows, which are counted.
    let counts = crate::server::services::tallies::claims(db).await?;
    let narrowed =
        filter.article.is_some() || matched.is_some() || !any_assignee(filter) || filter.prior;
    let total = if narrowed {
        filtered(claim::Entity::find(), filter, viewer, matched)?
            .filter(claim::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
            .count(db)
            .await?
    } else {
        counts.count(&statuses, filter.kind)
    };
    let waiting = counts.count(ReviewStatus::AWAITING, None);
    let article_ids: Vec<Uuid> = rows.iter().map(|c| c.article_id).collect();
    let titles: std::collections::HashMap<Uuid, String> = article::Entity::find()
        .filter(article::Column::Id.is_in(article_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.title))
        .collect();
    let assignees = users::refs(db, rows.iter().filter_map(|c| c.assignee_id)).await?;
    let waiting_since: Vec<String> = rows.iter().map(|c| display_time(c.created_at)).collect();
    let with_prior: std::collections::HashSet<Uuid> = likely_prior()
        .filter(claim_match::Column::ClaimId.is_in(rows.iter().map(|c| c.id)))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|c| c.id).collect();
    let repeated = repeated_by(db, &ids).await?;
    let views = claim_record::views(db, rows).await?;
    let items = views
        .into_iter()
        .zip(waiting_since)
        .map(|(claim, since)| QueueItem {
            article_title: titles.get(&claim.article_id).cloned().unwrap_or_default(),
            assignee: claim.assignee_id.and_then(|a| assignees.get(&a).cloned()),
            waiting_since: since,
            likely_prior: with_prior.contains(&claim.id),
            repeated_by: repeated.get(&claim.id).copied().unwrap_or(0),
            claim,
        })
        .collect();
    Ok(QueuePage {
        items,
        next,
        total,
        // Counting the folded queue would read every waiting claim; the tallied count is given.
        total_includes_repeats: filter.grouped && !narrowed,
        waiting,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_exactly() {
        let id = Uuid::now_v7();
        for w in [0.1 + 0.2, 1.0, 0.0, 0.723_456_789_012_345_6] {
            let c = Cursor::Checkworthiness(w, id);
            assert_eq!(
                Cursor::decode(QueueSort::Checkworthiness, &c.encode()).ok(),
                Some(c)
            );
        }
        let c = Cursor::Oldest(id);
        assert_eq!(Cursor::decode(QueueSort::Oldest, &c.encode()).ok(), Some(c));
        assert!(Cursor::decode(QueueSort::Checkworthiness, "nan_x").is_err());
    }
}
