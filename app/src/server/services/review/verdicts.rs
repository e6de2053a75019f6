//! Verdicts and the two-person rule: a reviewer proposes a rating with a rationale and the
//! evidence it rests on; an editor other than the proposer approves it (publishing the claim)
//! or rejects it with a reason (sending it back). A later approved verdict supersedes the
//! earlier one; a published claim can be retracted with a reason. Nothing is deleted: every
//! verdict stays, with its state, in the claim's history.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::sources;
use crate::domain::{
    EvidenceRef, Rating, ReviewEvent, ReviewStatus, UserRef, VerdictState, VerdictView, may_decide,
    status_after_rejection,
};
use crate::server::entities::{claim, verdict};
use crate::server::markdown;
use crate::server::services::accounts::users;
use crate::server::services::claim_record::{self, load as load_claim};
use crate::server::services::{ServiceError, Who, audit, display_time, now};

pub const MAX_RATIONALE_CHARS: usize = 20_000;

fn user_of(who: &Who) -> Result<Uuid, ServiceError> {
    who.user_id.ok_or_else(|| {
        ServiceError::invalid("Verdicts are proposed and decided by people, not by the system")
    })
}

async fn load<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<verdict::Model, ServiceError> {
    verdict::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That verdict".into()))
}

/// The claim's verdict in force, if any (the approved one).
async fn standing<C: ConnectionTrait>(
    conn: &C,
    claim_id: Uuid,
    state: VerdictState,
) -> Result<Option<verdict::Model>, ServiceError> {
    Ok(verdict::Entity::find()
        .filter(verdict::Column::ClaimId.eq(claim_id))
        .filter(verdict::Column::State.eq(state.as_str()))
        .order_by_desc(verdict::Column::Id)
        .one(conn)
        .await?)
}

fn transition(c: &claim::Model, event: ReviewEvent) -> Result<ReviewStatus, ServiceError> {
    let status: ReviewStatus = c.status.parse()?;
    status
        .apply(event)
        .map_err(|e| ServiceError::invalid(e.verdict_refusal()))
}

async fn set_claim_status<C: ConnectionTrait>(
    conn: &C,
    claim_id: Uuid,
    version: i32,
    status: ReviewStatus,
) -> Result<(), ServiceError> {
    claim_record::write_versioned(conn, claim_id, version, |u| {
        u.col_expr(claim::Column::Status, Expr::value(status.as_str()))
    })
    .await?;
    Ok(())
}

/// Proposes a verdict on a claim, against the claim's `version`.
///
/// # Errors
/// `Invalid` for an empty or overlong rationale, a claim without sources (unless the rating is
/// `Unproven`) or one whose status does not allow it; `Conflict`; `NotFound`; `Db`.
pub async fn propose(
    db: &DatabaseConnection,
    claim_id: Uuid,
    version: i32,
    rating: Rating,
    rationale: &str,
    who: &Who,
) -> Result<VerdictView, ServiceError> {
    let proposer = user_of(who)?;
    let rationale = rationale.trim();
    if rationale.is_empty() {
        return Err(ServiceError::invalid(
            "Write the rationale: what the evidence shows and why it supports this rating",
        ));
    }
    if rationale.chars().count() > MAX_RATIONALE_CHARS {
        return Err(ServiceError::invalid(format!(
            "The rationale is at most {MAX_RATIONALE_CHARS} characters"
        )));
    }
    let txn = crate::server::services::begin_write(db).await?;
    let c = load_claim(&txn, claim_id).await?;
    let next = transition(&c, ReviewEvent::ProposeVerdict)?;
    let evidence: Vec<EvidenceRef> = sources::for_claim(&txn, claim_id)
        .await?
        .into_iter()
        .map(|s| EvidenceRef {
            source_id: s.id,
            url: s.url,
            title: s.title,
            stance: s.stance,
            archived_sha256: s.archived_sha256,
            kind: Some(s.kind),
            publisher: s.publisher,
            published_on: s.published_on,
            excerpt: Some(s.excerpt),
            accessed_at: Some(s.accessed_at),
            archived_chars: Some(s.archived_chars),
        })
        .collect();
    if evidence.is_empty() && rating.needs_evidence() {
        return Err(ServiceError::invalid(
            "Attach at least one source first: only an 'Unproven' verdict may rest on no evidence",
        ));
    }
    let supersedes = standing(&txn, claim_id, VerdictState::Approved)
        .await?
        .map(|v| v.id);
    let t = now();
    let model = verdict::ActiveModel {
        id: Set(Uuid::now_v7()),
        claim_id: Set(claim_id),
        rating: Set(rating.as_str().to_owned()),
        rating_value: Set(rating.rating_value()),
        rationale: Set(rationale.to_owned()),
        state: Set(VerdictState::Proposed.as_str().to_owned()),
        proposed_by: Set(proposer),
        decided_by: Set(None),
        decision_note: Set(None),
        decided_at: Set(None),
        supersedes: Set(supersedes),
        created_at: Set(t),
        updated_at: Set(t),
        evidence: Set(Some(
            serde_json::to_value(&evidence).map_err(|e| ServiceError::Internal(e.to_string()))?,
        )),
        retracted_at: Set(None),
        retracted_by: Set(None),
        retraction_note: Set(None),
    }
    .insert(&txn)
    .await?;
    set_claim_status(&txn, claim_id, version, next).await?;
    audit::record(
        &txn,
        who,
        "verdict.propose",
        "verdict",
        model.id,
        Some(json!({"claim": claim_id, "status": c.status})),
        Some(json!({
            "claim": claim_id,
            "status": next.as_str(),
            "rating": rating.as_str(),
            "rationale": rationale,
            "sources": evidence.iter().map(|e| e.source_id).collect::<Vec<_>>(),
            "supersedes": supersedes,
        })),
    )
    .await?;
    crate::server::services::search::reindex(&txn, claim_id).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, claim_id);
    view_one(db, model.id).await
}

/// Loads a proposed verdict for an editor's decision, refusing the proposer.
async fn pending_for_decision<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    decider: Uuid,
) -> Result<verdict::Model, ServiceError> {
    let v = load(conn, id).await?;
    let state: VerdictState = v.state.parse()?;
    if state != VerdictState::Proposed {
        return Err(ServiceError::invalid(format!(
            "This verdict was already decided: it is '{}'",
            state.label()
        )));
    }
    if !may_decide(v.proposed_by, decider) {
        return Err(ServiceError::Refused(
            "You proposed this verdict: another editor must decide on it".into(),
        ));
    }
    Ok(v)
}

/// Approves a proposed verdict: the claim is published, and the verdict it supersedes (if
/// any) is marked superseded.
///
/// # Errors
/// `Refused` for the proposer; `Invalid` if it is no longer proposed; `Conflict` if the claim
/// changed since `version`; `NotFound`; `Db`.
pub async fn approve(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    note: &str,
    who: &Who,
) -> Result<VerdictView, ServiceError> {
    let decider = user_of(who)?;
    let note = note.trim();
    let txn = crate::server::services::begin_write(db).await?;
    let v = pending_for_decision(&txn, id, decider).await?;
    let c = load_claim(&txn, v.claim_id).await?;
    let next = transition(&c, ReviewEvent::ApproveVerdict)?;
    let t = now();
    if let Some(old) = v.supersedes {
        verdict::Entity::update_many()
            .col_expr(
                verdict::Column::State,
                Expr::value(VerdictState::Superseded.as_str()),
            )
            .col_expr(verdict::Column::UpdatedAt, Expr::value(t))
            .filter(verdict::Column::Id.eq(old))
            .filter(verdict::Column::State.eq(VerdictState::Approved.as_str()))
            .exec(&txn)
            .await?;
    }
    decide(&txn, &v, VerdictState::Approved, decider, note, t).await?;
    set_claim_status(&txn, v.claim_id, version, next).await?;
    audit::record(
        &txn,
        who,
        "verdict.approve",
        "verdict",
        id,
        Some(json!({"state": v.state, "status": c.status})),
        Some(json!({
            "claim": v.claim_id,
            "state": VerdictState::Approved.as_str(),
            "status": next.as_str(),
            "rating": v.rating,
            "note": note,
            "superseded": v.supersedes,
        })),
    )
    .await?;
    claim_record::fix_public_address(&txn, &c, t).await?;
    crate::server::services::search::reindex(&txn, v.claim_id).await?;
    // Our fact-checks are known fact-checks: every server's matcher follows this counter.
    crate::server::services::matching::store::bump(&txn).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, v.claim_id);
    view_one(db, id).await
}

async fn decide<C: ConnectionTrait>(
    conn: &C,
    v: &verdict::Model,
    state: VerdictState,
    decider: Uuid,
    note: &str,
    t: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    let mut m: verdict::ActiveModel = v.clone().into();
    m.state = Set(state.as_str().to_owned());
    m.decided_by = Set(Some(decider));
    m.decided_at = Set(Some(t));
    m.decision_note = Set((!note.is_empty()).then(|| note.to_owned()));
    m.updated_at = Set(t);
    m.update(conn).await?;
    Ok(())
}

/// Rejects a proposed verdict with a reason. The claim goes back to where it stood: published
/// under its earlier verdict, retracted, or in review.
///
/// # Errors
/// As `approve`; `Invalid` without a reason.
pub async fn reject(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    reason: &str,
    who: &Who,
) -> Result<VerdictView, ServiceError> {
    let decider = user_of(who)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "Say why the verdict is rejected, so the reviewer can rework it",
        ));
    }
    let txn = crate::server::services::begin_write(db).await?;
    let v = pending_for_decision(&txn, id, decider).await?;
    let c = load_claim(&txn, v.claim_id).await?;
    transition(&c, ReviewEvent::RejectVerdict)?;
    // Where the claim stood before the proposal, from its earlier standing verdicts.
    let earlier: Vec<String> = verdict::Entity::find()
        .select_only()
        .column(verdict::Column::State)
        .filter(verdict::Column::ClaimId.eq(v.claim_id))
        .filter(verdict::Column::State.is_in(VerdictState::STANDING.iter().map(|s| s.as_str())))
        .into_tuple()
        .all(&txn)
        .await?;
    let earlier = earlier
        .iter()
        .map(|s| s.parse())
        .collect::<Result<Vec<VerdictState>, _>>()?;
    let next = status_after_rejection(&earlier);
    decide(&txn, &v, VerdictState::Rejected, decider, reason, now()).await?;
    set_claim_status(&txn, v.claim_id, version, next).await?;
    audit::record(
        &txn,
        who,
        "verdict.reject",
        "verdict",
        id,
        Some(json!({"state": v.state, "status": c.status})),
        Some(json!({
            "claim": v.claim_id,
            "state": VerdictState::Rejected.as_str(),
            "status": next.as_str(),
            "reason": reason,
        })),
    )
    .await?;
    crate::server::services::search::reindex(&txn, v.claim_id).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, v.claim_id);
    view_one(db, id).await
}

/// Retracts a published claim's verdict with a reason. The claim stays visible, marked
/// retracted, until a new verdict is approved.
///
/// # Errors
/// `Invalid` without a reason or if the claim is not published; `Conflict`; `NotFound`; `Db`.
pub async fn retract(
    db: &DatabaseConnection,
    claim_id: Uuid,
    version: i32,
    reason: &str,
    who: &Who,
) -> Result<VerdictView, ServiceError> {
    let by = user_of(who)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "Say why the fact-check is retracted; readers will see the reason",
        ));
    }
    let txn = crate::server::services::begin_write(db).await?;
    let c = load_claim(&txn, claim_id).await?;
    let next = transition(&c, ReviewEvent::Retract)?;
    let v = standing(&txn, claim_id, VerdictState::Approved)
        .await?
        .ok_or_else(|| {
            ServiceError::Internal(format!(
                "published claim {claim_id} has no approved verdict"
            ))
        })?;
    let t = now();
    let mut m: verdict::ActiveModel = v.clone().into();
    m.state = Set(VerdictState::Retracted.as_str().to_owned());
    m.retracted_at = Set(Some(t));
    m.retracted_by = Set(Some(by));
    m.retraction_note = Set(Some(reason.to_owned()));
    m.updated_at = Set(t);
    m.update(&txn).await?;
    set_claim_status(&txn, claim_id, version, next).await?;
    audit::record(
        &txn,
        who,
        "verdict.retract",
        "verdict",
        v.id,
        Some(json!({"state": v.state, "status": c.status})),
        Some(json!({
            "claim": claim_id,
            "state": VerdictState::Retracted.as_str(),
            "status": next.as_str(),
            "reason": reason,
        })),
    )
    .await?;
    crate::server::services::search::reindex(&txn, claim_id).await?;
    // Our fact-checks are known fact-checks: every server's matcher follows this counter.
    crate::server::services::matching::store::bump(&txn).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, claim_id);
    view_one(db, v.id).await
}

async fn view_one<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<VerdictView, ServiceError> {
    let v = load(db, id).await?;
    views_of(db, vec![v])
        .await?
        .pop()
        .ok_or_else(|| ServiceError::NotFound("That verdict".into()))
}

/// Every verdict of a claim, newest first.
///
/// # Errors
/// `Db`, or `Internal` for a row that no longer parses.
pub async fn for_claim<C: ConnectionTrait>(
    db: &C,
    claim_id: Uuid,
) -> Result<Vec<VerdictView>, ServiceError> {
    Ok(for_claims(db, &[claim_id])
        .await?
        .remove(&claim_id)
        .unwrap_or_default())
}

/// Every verdict of each of `claim_ids`, newest first, in one query.
///
/// # Errors
/// As `for_claim`.
pub async fn for_claims<C: ConnectionTrait>(
    db: &C,
    claim_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<VerdictView>>, ServiceError> {
    let rows = verdict::Entity::find()
        .filter(verdict::Column::ClaimId.is_in(claim_ids.iter().copied()))
        .order_by_desc(verdict::Column::Id)
        .all(db)
        .await?;
    let mut out: std::collections::HashMap<Uuid, Vec<VerdictView>> =
        std::collections::HashMap::new();
    for v in views_of(db, rows).await? {
        out.entry(v.claim_id).or_default().push(v);
    }
    Ok(out)
}

async fn views_of<C: ConnectionTrait>(
    db: &C,
    rows: Vec<verdict::Model>,
) -> Result<Vec<VerdictView>, ServiceError> {
    let mut ids: Vec<Uuid> = Vec::with_capacity(rows.len() * 2);
    for v in &rows {
        ids.extend(
            [Some(v.proposed_by), v.decided_by, v.retracted_by]
                .into_iter()
                .flatten(),
        );
    }
    let names = users::refs(db, ids).await?;
    let person = |id: Uuid| {
        names.get(&id).cloned().unwrap_or(UserRef {
            id,
            name: "a former user".into(),
        })
    };
    rows.into_iter()
        .map(|v| {
            let evidence: Vec<EvidenceRef> = match &v.evidence {
                Some(e) => serde_json::from_value(e.clone())
                    .map_err(|err| ServiceError::Internal(format!("verdict {}: {err}", v.id)))?,
                None => vec![],
            };
            Ok(VerdictView {
                id: v.id,
                claim_id: v.claim_id,
                rating: v.rating.parse()?,
                rationale_html: markdown::render(&v.rationale),
                rationale: v.rationale,
                state: v.state.parse()?,
                proposed_by: person(v.proposed_by),
                proposed_at: display_time(v.created_at),
                decided_by: v.decided_by.map(person),
                decided_at: v.decided_at.map(display_time),
                decision_note: v.decision_note,
                supersedes: v.supersedes,
                evidence,
                retracted_at: v.retracted_at.map(display_time),
                retracted_by: v.retracted_by.map(person),
                retraction_note: v.retraction_note,
            })
        })
        .collect()
}
