//! Prior fact-checks of a claim: ranking every known fact-check (ours and imported) for a
//! claim or a text, remembering the likely match of each new claim (the queue's filter), and a
//! reviewer's decision on a match — "same claim" links the fact-check as prior work and attaches
//! it as evidence; "not the same" dismisses it. Both are audited in their transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::engine::{Answer, Matcher};
use super::rank::{Query, STRONG, SUGGEST};
use super::reviews::known_of;
use super::store;
use crate::domain::{
    KnownFactCheck, MatchDecision, PriorCheck, PriorChecks, Rating, ReviewStatus, SourceKind,
    Stance, VerdictState,
};
use crate::server::entities::{article, claim, claim_match, verdict};
use crate::server::services::review::sources::{self, SourceInput};
use crate::server::services::{ServiceError, Who, audit, now};

/// How many matches a claim's workspace shows.
pub const SHOWN: usize = 3;

/// The most matches a text search or the API answers with.
pub const MAX_TOP: usize = 50;

/// Known fact-checks by id, ours (published claims, addressed on `site_url`) and imported.
async fn resolve<C: ConnectionTrait>(
    conn: &C,
    site_url: &str,
    keys: &[(Uuid, bool)],
) -> Result<HashMap<Uuid, KnownFactCheck>, ServiceError> {
    let imported: Vec<Uuid> = keys.iter().filter(|k| !k.1).map(|k| k.0).collect();
    let own: Vec<Uuid> = keys.iter().filter(|k| k.1).map(|k| k.0).collect();
    let mut out: HashMap<Uuid, KnownFactCheck> = store::reviews_by_id(conn, &imported)
        .await?
        .into_iter()
        .map(|(id, m)| (id, known_of(&m)))
        .collect();
    if own.is_empty() {
        return Ok(out);
    }
    let claims = claim::Entity::find()
        .filter(claim::Column::Id.is_in(own.clone()))
        .all(conn)
        .await?;
    let ratings: HashMap<Uuid, String> = verdict::Entity::find()
        .filter(verdict::Column::ClaimId.is_in(own))
        .filter(verdict::Column::State.eq(VerdictState::Approved.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.claim_id, v.rating))
        .collect();
    for c in claims {
        let rating: Option<Rating> = ratings.get(&c.id).and_then(|r| r.parse().ok());
        out.insert(
            c.id,
            KnownFactCheck {
                id: c.id,
                ours: true,
                url: format!("{site_url}/claims/{}", c.slug.clone().unwrap_or_default()),
                claim_reviewed: c.quote.clone(),
                title: None,
                publisher: None,
                date_published: c.published_at.map(|t| t.format("%Y-%m-%d").to_string()),
                textual_rating: rating.map(|r| r.label().to_owned()),
                rating,
                language: None,
            },
        );
    }
    Ok(out)
}

/// The ranked items of an answer as the pages show them (the first `top`).
async fn checks_of<C: ConnectionTrait>(
    conn: &C,
    site_url: &str,
    answer: &Answer,
    top: usize,
) -> Result<Vec<PriorCheck>, ServiceError> {
    let items: Vec<_> = answer.ranking.items.iter().take(top).collect();
    let keys: Vec<(Uuid, bool)> = items.iter().map(|i| (i.key, i.ours)).collect();
    let mut known = resolve(conn, site_url, &keys).await?;
    Ok(items
        .iter()
        .enumerate()
        .filter_map(|(n, item)| {
            let fc = known.remove(&item.key)?;
            let why = answer.whys.get(n).cloned().unwrap_or_default();
            Some(PriorCheck {
                fact_check: fc,
                rank: n + 1,
                score: item.score,
                shared_words: why.shared_words,
                days_after: why.days_after,
                wording: why.wording,
                decision: MatchDecision::Suggested,
            })
        })
        .collect())
}

fn summary(answer: &Answer, items: Vec<PriorCheck>, searched: usize) -> PriorChecks {
    let p = answer.ranking.probability;
    PriorChecks {
        items,
        probability: p,
        likely: p >= SUGGEST,
        strong: p >= STRONG,
        searched,
    }
}

/// The known fact-checks that best match a text (a search box, the API), with the claim's date
/// when known (the dated model is used only then).
///
/// # Errors
/// `Invalid` for an empty or over-long text; `Db`.
pub async fn for_text<C: ConnectionTrait>(
    conn: &C,
    matcher: &Matcher,
    site_url: &str,
    text: &str,
    date: Option<NaiveDate>,
    top: usize,
) -> Result<PriorChecks, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ServiceError::invalid("Give the text of a claim to match"));
    }
    if text.chars().count() > 5000 {
        return Err(ServiceError::invalid("Match at most 5,000 characters"));
    }
    let top = top.clamp(1, MAX_TOP);
    let answer = matcher
        .rank(conn, &Query::new(text, date), None, top)
        .await?;
    let items = checks_of(conn, site_url, &answer, top).await?;
    Ok(summary(&answer, items, matcher.len().await))
}

/// A claim's query: its words, dated by its article's publication when known.
async fn claim_query<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
) -> Result<Query, ServiceError> {
    let published = article::Entity::find_by_id(c.article_id)
        .select_only()
        .column(article::Column::PublishedAt)
        .into_tuple::<Option<chrono::DateTime<chrono::Utc>>>()
        .one(conn)
        .await?
        .flatten();
    Ok(query_of(c, published))
}

/// A claim's query: its words, dated by its article's publication.
fn query_of(c: &claim::Model, published: Option<chrono::DateTime<chrono::Utc>>) -> Query {
    Query::new(&c.quote, published.map(|t| t.date_naive()))
}

/// The prior fact-checks of one claim for its workspace: the best few, live, with the
/// reviewers' decisions (decided ones that are no longer among the best stay listed).
///
/// # Errors
/// `NotFound`; `Db`.
pub async fn for_claim<C: ConnectionTrait>(
    conn: &C,
    matcher: &Matcher,
    site_url: &str,
    claim_id: Uuid,
) -> Result<PriorChecks, ServiceError> {
    let c = claim::Entity::find_by_id(claim_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That claim".into()))?;
    let query = claim_query(conn, &c).await?;
    let answer = matcher.rank(conn, &query, Some(claim_id), SHOWN).await?;
    let mut items = checks_of(conn, site_url, &answer, SHOWN).await?;
    let decided = claim_match::Entity::find()
        .filter(claim_match::Column::ClaimId.eq(claim_id))
        .filter(claim_match::Column::Status.ne(MatchDecision::Suggested.as_str()))
        .order_by_asc(claim_match::Column::CreatedAt)
        .all(conn)
        .await?;
    let mut missing = Vec::new();
    for d in &decided {
        match items
            .iter_mut()
            .find(|i| i.fact_check.id == d.fact_check_id)
        {
            Some(i) => i.decision = MatchDecision::parse(&d.status),
            None => missing.push(d),
        }
    }
    let keys: Vec<(Uuid, bool)> = missing.iter().map(|d| (d.fact_check_id, d.ours)).collect();
    let mut known = resolve(conn, site_url, &keys).await?;
    for d in missing {
        let Some(fc) = known.remove(&d.fact_check_id) else {
            continue;
        };
        let why = d.why.clone().unwrap_or_default();
        items.push(PriorCheck {
            fact_check: fc,
            rank: usize::try_from(d.rank).unwrap_or(0),
            score: d.score,
            shared_words: serde_json::from_value(why["shared_words"].clone()).unwrap_or_default(),
            days_after: why["days_after"]
                .as_i64()
                .and_then(|v| i32::try_from(v).ok()),
            wording: why["wording"].as_f64().unwrap_or(0.0),
            decision: MatchDecision::parse(&d.status),
        });
    }
    Ok(summary(&answer, items, matcher.len().await))
}

fn why_json(item: &PriorCheck) -> serde_json::Value {
    json!({
        "shared_words": item.shared_words,
        "days_after": item.days_after,
        "wording": item.wording,
    })
}

/// Matches claims and remembers which have a likely prior fact-check (their top match at or
/// above the suggestion threshold), replacing earlier undecided suggestions. Decisions stay.
/// Returns how many claims were matched.
///
/// # Errors
/// `Db`.
pub async fn match_claims(
    db: &DatabaseConnection,
    matcher: &Matcher,
    claim_ids: &[Uuid],
) -> Result<usize, ServiceError> {
    let claims = claim::Entity::find()
        .filter(claim::Column::Id.is_in(claim_ids.iter().copied()))
        .all(db)
        .await?;
    match_read(db, matcher, &claims).await
}

/// `match_claims` for claims already read.
async fn match_read(
    db: &DatabaseConnection,
    matcher: &Matcher,
    claims: &[claim::Model],
) -> Result<usize, ServiceError> {
    // The claims' articles' dates in one read, and one refresh of the index for them all.
    let published: HashMap<Uuid, Option<chrono::DateTime<chrono::Utc>>> = article::Entity::find()
        .select_only()
        .columns([article::Column::Id, article::Column::PublishedAt])
        .filter(
            article::Column::Id.is_in(
                claims
                    .iter()
                    .map(|c| c.article_id)
                    .collect::<std::collections::BTreeSet<_>>(),
            ),
        )
        .into_tuple::<(Uuid, Option<chrono::DateTime<chrono::Utc>>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let queries: Vec<(Query, Option<Uuid>)> = claims
        .iter()
        .map(|c| {
            let date = published.get(&c.article_id).copied().flatten();
            (query_of(c, date), Some(c.id))
        })
        .collect();
    let answers = matcher.rank_all(db, &queries, 1).await?;
    let mut rows: Vec<(Uuid, Uuid, claim_match::ActiveModel)> = Vec::new();
    let t = now();
    for (c, answer) in claims.iter().zip(answers) {
        let p = answer.ranking.probability;
        let Some(top) = answer.ranking.items.first() else {
            continue;
        };
        if p < SUGGEST {
            continue;
        }
        let why = answer.whys.first().cloned().unwrap_or_default();
        rows.push((
            c.id,
            top.key,
            claim_match::ActiveModel {
                id: Set(Uuid::now_v7()),
                claim_id: Set(c.id),
                fact_check_id: Set(top.key),
                ours: Set(top.ours),
                rank: Set(1),
                score: Set(top.score),
                probability: Set(p),
                likely: Set(true),
                status: Set(MatchDecision::Suggested.as_str().to_owned()),
                why: Set(Some(json!({
                    "shared_words": why.shared_words,
                    "days_after": why.days_after,
                    "wording": why.wording,
                }))),
                source_id: Set(None),
                decided_by: Set(None),
                decided_at: Set(None),
                created_at: Set(t),
                updated_at: Set(t),
            },
        ));
    }
    let stale = claim_match::Entity::delete_many()
        .filter(claim_match::Column::ClaimId.is_in(claims.iter().map(|c| c.id)))
        .filter(claim_match::Column::Status.eq(MatchDecision::Suggested.as_str()));
    if rows.is_empty() {
        // Nothing to suggest (most new claims): the earlier suggestions go, in one statement.
        stale.exec(db).await?;
        return Ok(claims.len());
    }
    let txn = crate::server::services::begin_write(db).await?;
    stale.exec(&txn).await?;
    // A pair the reviewer already decided keeps its decision.
    let decided: std::collections::HashSet<(Uuid, Uuid)> = claim_match::Entity::find()
        .filter(claim_match::Column::ClaimId.is_in(claims.iter().map(|c| c.id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| (m.claim_id, m.fact_check_id))
        .collect();
    let rows: Vec<claim_match::ActiveModel> = rows
        .into_iter()
        .filter(|(c, f, _)| !decided.contains(&(*c, *f)))
        .map(|(_, _, row)| row)
        .collect();
    for chunk in rows.chunks(200) {
        claim_match::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(claims.len())
}

/// The most claims of one article matched at ingest: an article's claims number in the tens,
/// so this only bounds a pathological one.
pub const MAX_PER_ARTICLE: u64 = 500;

/// Matches a newly ingested article's claims. Failing here never fails the ingest: the cause
/// is logged, and the workspace still ranks live.
pub async fn after_ingest(db: &DatabaseConnection, matcher: &Matcher, article_id: Uuid) {
    let claims = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(article_id))
        .order_by_asc(claim::Column::Id)
        .limit(MAX_PER_ARTICLE)
        .all(db)
        .await;
    let outcome = match claims {
        Ok(claims) => match_read(db, matcher, &claims).await,
        Err(e) => Err(e.into()),
    };
    if let Err(e) = outcome {
        tracing::warn!(error = %e, %article_id, "could not match the new claims against known fact-checks");
    }
}

/// Matches again the newest `limit` claims waiting for review (after new fact-checks arrive).
///
/// # Errors
/// `Db`.
pub async fn rematch_waiting(
    db: &DatabaseConnection,
    matcher: &Matcher,
    limit: u64,
) -> Result<usize, ServiceError> {
    let ids: Vec<Uuid> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .filter(claim::Column::Status.is_in(ReviewStatus::AWAITING.iter().map(|s| s.as_str())))
        .order_by_desc(claim::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut n = 0;
    for chunk in ids.chunks(200) {
        n += match_claims(db, matcher, chunk).await?;
    }
    Ok(n)
}

/// The stance a prior fact-check takes on the claim it checked.
fn stance_of(rating: Option<Rating>) -> Stance {
    match rating {
        Some(Rating::False | Rating::MostlyFalse | Rating::Misleading) => Stance::Refutes,
        Some(Rating::True | Rating::MostlyTrue) => Stance::Supports,
        _ => Stance::Context,
    }
}

fn truncated(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The evidence a confirmed prior fact-check becomes.
fn source_of(fc: &KnownFactCheck) -> SourceInput {
    let publisher = if fc.ours {
        None
    } else {
        fc.publisher.as_deref().map(|p| truncated(p, 200))
    };
    let verdict = fc
        .textual_rating
        .as_deref()
        .map(|r| format!("Rated “{}”", truncated(r, 300)))
        .unwrap_or_else(|| "Rated".to_owned());
    let by = if fc.ours {
        " here".to_owned()
    } else {
        fc.publisher
            .as_deref()
            .map(|p| format!(" by {}", truncated(p, 200)))
            .unwrap_or_default()
    };
    let published_on = fc
        .date_published
        .as_deref()
        .and_then(super::text::parse_review_date)
        .filter(|d| *d <= now().date_naive())
        .map(|d| d.format("%Y-%m-%d").to_string());
    SourceInput {
        url: fc.url.clone(),
        title: truncated(fc.title.as_deref().unwrap_or(&fc.claim_reviewed), 300),
        publisher,
        published_on,
        excerpt: truncated(
            &format!("{verdict}{by}. Claim checked: {}", fc.claim_reviewed),
            5000,
        ),
        stance: stance_of(fc.rating),
        kind: SourceKind::Other,
        archived_text: None,
    }
}

/// Records a reviewer's decision on a prior fact-check of a claim. Confirming attaches the
/// fact-check to the claim as evidence (once).
///
/// # Errors
/// `NotFound` for an unknown claim or fact-check; `Invalid` for a dismissed claim or a
/// decision already taken; `Db`.
pub async fn decide(
    db: &DatabaseConnection,
    matcher: &Matcher,
    site_url: &str,
    claim_id: Uuid,
    fact_check_id: Uuid,
    decision: MatchDecision,
    who: &Who,
) -> Result<(), ServiceError> {
    if decision == MatchDecision::Suggested {
        return Err(ServiceError::invalid("Confirm the match or dismiss it"));
    }
    // Ours if it is a claim of ours; the index is not needed to tell.
    let ours = claim::Entity::find_by_id(fact_check_id)
        .one(db)
        .await?
        .is_some();
    let fc = resolve(db, site_url, &[(fact_check_id, ours)])
        .await?
        .remove(&fact_check_id)
        .ok_or_else(|| ServiceError::NotFound("That fact-check".into()))?;
    let txn = crate::server::services::begin_write(db).await?;
    let existing = claim_match::Entity::find()
        .filter(claim_match::Column::ClaimId.eq(claim_id))
        .filter(claim_match::Column::FactCheckId.eq(fact_check_id))
        .one(&txn)
        .await?;
    if existing
        .as_ref()
        .is_some_and(|m| m.status == decision.as_str())
    {
        return Err(ServiceError::invalid(match decision {
            MatchDecision::Confirmed => "This fact-check is already linked to the claim",
            _ => "This match is already dismissed",
        }));
    }
    let source_id = match decision {
        MatchDecision::Confirmed => Some(
            sources::add_in(&txn, claim_id, &source_of(&fc), who)
                .await?
                .id,
        ),
        // Not the same claim after all: the evidence it became is withdrawn, with the reason.
        _ => {
            if let Some(id) = existing.as_ref().and_then(|m| m.source_id) {
                sources::remove_in(
                    &txn,
                    id,
                    None,
                    "The prior fact-check was found not to be about the same claim",
                    who,
                )
                .await?;
            }
            None
        }
    };
    let t = now();
    let before = existing.as_ref().map(|m| json!({"status": m.status}));
    match existing {
        Some(m) => {
            let mut a: claim_match::ActiveModel = m.into();
            a.status = Set(decision.as_str().to_owned());
            a.source_id = Set(source_id);
            a.decided_by = Set(who.user_id);
            a.decided_at = Set(Some(t));
            a.updated_at = Set(t);
            a.update(&txn).await?;
        }
        None => {
            // Decided from a live ranking: remember the pair with what was shown.
            let c = claim::Entity::find_by_id(claim_id)
                .one(&txn)
                .await?
                .ok_or_else(|| ServiceError::NotFound("That claim".into()))?;
            let query = claim_query(&txn, &c).await?;
            let answer = matcher.rank(&txn, &query, Some(claim_id), SHOWN).await?;
            let pos = answer
                .ranking
                .items
                .iter()
                .position(|i| i.key == fact_check_id);
            let shown = checks_of(&txn, site_url, &answer, SHOWN).await?;
            let why = shown
                .iter()
                .find(|i| i.fact_check.id == fact_check_id)
                .map(why_json);
            claim_match::ActiveModel {
                id: Set(Uuid::now_v7()),
                claim_id: Set(claim_id),
                fact_check_id: Set(fact_check_id),
                ours: Set(ours),
                rank: Set(pos.map_or(0, |p| i32::try_from(p + 1).unwrap_or(i32::MAX))),
                score: Set(pos.map_or(0.0, |p| answer.ranking.items[p].score)),
                probability: Set(answer.ranking.probability),
                likely: Set(pos == Some(0) && answer.ranking.probability >= SUGGEST),
                status: Set(decision.as_str().to_owned()),
                why: Set(why),
                source_id: Set(source_id),
                decided_by: Set(who.user_id),
                decided_at: Set(Some(t)),
                created_at: Set(t),
                updated_at: Set(t),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        who,
        match decision {
            MatchDecision::Confirmed => "claim.prior_fact_check.confirm",
            _ => "claim.prior_fact_check.dismiss",
        },
        "claim",
        claim_id,
        before,
        Some(json!({
            "status": decision.as_str(),
            "fact_check": fact_check_id,
            "url": fc.url,
            "publisher": fc.publisher,
            "rating": fc.textual_rating,
            "source": source_id,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prior_verdict_becomes_evidence_with_its_stance() {
        let fc = KnownFactCheck {
            id: Uuid::nil(),
            ours: false,
            url: "https://check.example/a".into(),
            claim_reviewed: "The bridge was closed.".into(),
            title: None,
            publisher: Some("Check Example".into()),
            date_published: Some("2999-01-01".into()),
            textual_rating: Some("Pants on Fire".into()),
            rating: Some(Rating::False),
            language: None,
        };
        let s = source_of(&fc);
        assert_eq!(s.stance, Stance::Refutes);
        assert_eq!(s.title, "The bridge was closed.");
        assert_eq!(s.published_on, None, "a date in the future is dropped");
        assert!(
            s.excerpt
                .starts_with("Rated “Pants on Fire” by Check Example.")
        );
        assert_eq!(stance_of(None), Stance::Context);
        assert_eq!(stance_of(Some(Rating::MostlyTrue)), Stance::Supports);
    }
}
