//! The newsroom at a glance: what waits, how long, what was published, how reviewers agree.
//! Counts come from the tallies the database keeps by trigger; everything else is a bounded,
//! indexed read (a week's publications, the latest thousand, the last weeks' verdicts), so the
//! page stays fast at a million claims.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::accounts::users;
use super::{ServiceError, now, tallies};
use crate::domain::{ClaimKind, Dashboard, Rating, ReviewStatus, ReviewerThroughput, VerdictState};
use crate::server::entities::{claim, verdict};

/// How many weeks of throughput the dashboard shows.
pub const WEEKS: usize = 4;

fn hours(d: Duration) -> f64 {
    d.num_seconds() as f64 / 3600.0
}

/// The value at quantile `q` (0..=1) of sorted `values`, by the nearest-rank method.
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

/// Cohen's kappa for pairs of ratings by two different people on the same claim.
pub fn cohens_kappa(pairs: &[(Rating, Rating)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let agreed = pairs.iter().filter(|(a, b)| a == b).count() as f64;
    let observed = agreed / n;
    let expected: f64 = Rating::ALL
        .iter()
        .map(|r| {
            let first = pairs.iter().filter(|(a, _)| a == r).count() as f64 / n;
            let second = pairs.iter().filter(|(_, b)| b == r).count() as f64 / n;
            first * second
        })
        .sum();
    if (1.0 - expected).abs() < f64::EPSILON {
        // Everyone used one rating throughout: agreement is perfect.
        return Some(1.0);
    }
    Some((observed - expected) / (1.0 - expected))
}

/// How many of the latest publications the time-to-publish median rests on.
pub const PUBLISHED_SAMPLE: u64 = 1000;

/// When the waiting claim at `rank` (0 = the oldest) was ingested. The hourly tally finds its
/// hour; one bounded, indexed read within that hour finds the claim.
async fn kth_oldest_waiting<C: ConnectionTrait>(
    db: &C,
    hours_waiting: &[(i64, u64)],
    rank: u64,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    let mut before = 0;
    for (hour, n) in hours_waiting {
        if rank >= before + n {
            before += n;
            continue;
        }
        let Some(start) = DateTime::from_timestamp(hour * 3600, 0) else {
            return Ok(None);
        };
        let at: Option<DateTime<Utc>> = claim::Entity::find()
            .select_only()
            .column(claim::Column::CreatedAt)
            .filter(claim::Column::Status.is_in(ReviewStatus::AWAITING.iter().map(|s| s.as_str())))
            .filter(claim::Column::CreatedAt.gte(start))
            .filter(claim::Column::CreatedAt.lt(start + Duration::hours(1)))
            .order_by_asc(claim::Column::CreatedAt)
            .offset(rank - before)
            .limit(1)
            .into_tuple()
            .one(db)
            .await?;
        // A claim that changed since the tally was read: the hour is close enough.
        return Ok(Some(at.unwrap_or(start)));
    }
    Ok(None)
}

/// The dashboard as of now.
///
/// # Errors
/// `Db`.
pub async fn dashboard<C: ConnectionTrait>(db: &C) -> Result<Dashboard, ServiceError> {
    let t = now();
    let counts = tallies::claims(db).await?;
    let status_counts: Vec<(ReviewStatus, u64)> = ReviewStatus::ALL
        .iter()
        .map(|s| (*s, counts.status(*s)))
        .collect();
    let backlog = counts.count(ReviewStatus::AWAITING, None);
    let published_this_week = claim::Entity::find()
        .filter(claim::Column::PublishedAt.gte(t - Duration::days(7)))
        .count(db)
        .await?;
    // The median waits longer than half the backlog; the 90th percentile, than 90 %.
    let hours_waiting = tallies::backlog_hours(db).await?;
    let backlog_median_hours = kth_oldest_waiting(db, &hours_waiting, backlog / 2)
        .await?
        .map(|c| hours(t - c));
    let backlog_p90_hours = kth_oldest_waiting(db, &hours_waiting, backlog / 10)
        .await?
        .map(|c| hours(t - c));
    // Time from ingestion to first publication: the latest publications of the last 90 days.
    let published: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = claim::Entity::find()
        .select_only()
        .column(claim::Column::CreatedAt)
        .column(claim::Column::PublishedAt)
        .filter(claim::Column::PublishedAt.gte(t - Duration::days(90)))
        .order_by_desc(claim::Column::PublishedAt)
        .limit(PUBLISHED_SAMPLE)
        .into_tuple()
        .all(db)
        .await?;
    let mut to_publish: Vec<f64> = published
        .into_iter()
        .filter_map(|(c, p)| p.map(|p| hours(p - c)))
        .collect();
    to_publish.sort_by(f64::total_cmp);
    let by_verdict = tallies::verdicts(db).await?;
    let verdicts = Rating::ALL
        .iter()
        .map(|r| {
            let n = by_verdict
                .get(&(VerdictState::Approved, *r))
                .copied()
                .unwrap_or(0);
            (*r, n)
        })
        .collect();
    let shown: Vec<ReviewStatus> = ReviewStatus::ALL
        .iter()
        .copied()
        .filter(|s| *s != ReviewStatus::Dismissed)
        .collect();
    let kinds = ClaimKind::ALL
        .iter()
        .map(|k| (*k, counts.count(&shown, Some(*k))))
        .collect();
    // Verdicts of the last weeks: throughput, the rejected share and reviewer agreement, each
    // counted by the database over the window (an index covers all three).
    let since = t - Duration::weeks(i64::try_from(WEEKS).unwrap_or(4));
    let mut per_reviewer: HashMap<Uuid, [u64; WEEKS]> = HashMap::new();
    let (mut decided, mut rejected) = (0u64, 0u64);
    for ago in 0..WEEKS {
        let weeks = |n: usize| Duration::weeks(i64::try_from(n).unwrap_or(0));
        // A range closed at both ends and columns no index orders: the databases read the
        // week's slice of the covering index (COUNT(*) needs no other column) and group it,
        // rather than walking a whole index in group order.
        let counts: Vec<(Uuid, String, i64)> = verdict::Entity::find()
            .select_only()
            .column(verdict::Column::ProposedBy)
            .column(verdict::Column::State)
            .column_as(Expr::cust("COUNT(*)"), "n")
            .filter(verdict::Column::CreatedAt.gt(t - weeks(ago + 1)))
            .filter(verdict::Column::CreatedAt.lte(t - weeks(ago)))
            .group_by(verdict::Column::ProposedBy)
            .group_by(verdict::Column::State)
            .into_tuple()
            .all(db)
            .await?;
        for (who, state, n) in counts {
            let n = u64::try_from(n).unwrap_or(0);
            per_reviewer.entry(who).or_insert([0; WEEKS])[WEEKS - 1 - ago] += n;
            if state != VerdictState::Proposed.as_str() {
                decided += n;
            }
            if state == VerdictState::Rejected.as_str() {
                rejected += n;
            }
        }
    }
    let names = users::refs(db, per_reviewer.keys().copied().collect::<Vec<_>>()).await?;
    let mut throughput: Vec<ReviewerThroughput> = per_reviewer
        .into_iter()
        .map(|(id, weeks)| ReviewerThroughput {
            name: names
                .get(&id)
                .map_or_else(|| "a former user".to_owned(), |r| r.name.clone()),
            weeks: weeks.to_vec(),
        })
        .collect();
    throughput.sort_by(|a, b| {
        b.weeks
            .iter()
            .sum::<u64>()
            .cmp(&a.weeks.iter().sum::<u64>())
            .then_with(|| a.name.cmp(&b.name))
    });
    // Agreement: consecutive proposals on one claim by two different people, read only for
    // the claims with more than one proposal in the window (found in the covering index).
    let several: Vec<Uuid> = verdict::Entity::find()
        .select_only()
        .column(verdict::Column::ClaimId)
        .filter(verdict::Column::CreatedAt.gte(since))
        .filter(verdict::Column::CreatedAt.lte(t))
        .group_by(verdict::Column::ClaimId)
        .having(Expr::cust("COUNT(*) > 1"))
        .into_tuple()
        .all(db)
        .await?;
    let mut sequences: Vec<(Uuid, Uuid, String)> = Vec::new();
    // In chunks, within every database's limit on bound values; each claim's verdicts stay in
    // one chunk, in order.
    for chunk in several.chunks(5000) {
        sequences.extend(
            verdict::Entity::find()
                .select_only()
                .column(verdict::Column::ClaimId)
                .column(verdict::Column::ProposedBy)
                .column(verdict::Column::Rating)
                .filter(verdict::Column::CreatedAt.gte(since))
                .filter(verdict::Column::ClaimId.is_in(chunk.iter().copied()))
                .order_by_asc(verdict::Column::Id)
                .into_tuple::<(Uuid, Uuid, String)>()
                .all(db)
                .await?,
        );
    }
    let mut by_claim: HashMap<Uuid, Vec<(Uuid, Rating)>> = HashMap::new();
    for (claim_id, who, rating) in &sequences {
        if let Ok(r) = rating.parse::<Rating>() {
            by_claim.entry(*claim_id).or_default().push((*who, r));
        }
    }
    let pairs: Vec<(Rating, Rating)> = by_claim
        .values()
        .flat_map(|list| {
            list.windows(2)
                .filter(|w| w[0].0 != w[1].0)
                .map(|w| (w[0].1, w[1].1))
                .collect::<Vec<_>>()
        })
        .collect();
    Ok(Dashboard {
        by_status: status_counts,
        backlog,
        published_this_week,
        backlog_median_hours,
        backlog_p90_hours,
        median_hours_to_publish: quantile(&to_publish, 0.5),
        verdicts,
        kinds,
        throughput,
        weeks: WEEKS,
        rejected,
        decided,
        kappa: cohens_kappa(&pairs),
        kappa_pairs: pairs.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_is_one_for_agreement_and_zero_for_chance() {
        use Rating::*;
        assert_eq!(cohens_kappa(&[]), None);
        let agree = [(True, True), (False, False), (Mixed, Mixed)];
        assert!((cohens_kappa(&agree).unwrap_or(0.0) - 1.0).abs() < 1e-9);
        // The textbook case: 20 pairs, 70 % observed agreement, 50 % expected by chance.
        let mut pairs = vec![(True, True); 7];
        pairs.extend(vec![(False, False); 7]);
        pairs.extend(vec![(True, False); 3]);
        pairs.extend(vec![(False, True); 3]);
        assert!((cohens_kappa(&pairs).unwrap_or(0.0) - 0.4).abs() < 1e-9);
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.9), Some(10.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
