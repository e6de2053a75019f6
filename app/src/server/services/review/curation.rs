//! Curating claims: correcting what the extractor read, dismissing and restoring, and adding a
//! claim it missed. Every write carries the version it was made against (optimistic locking: a
//! stale write is refused, never applied over someone else's) and is audited in its transaction.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::{ActorRef, ClaimKind, ClaimView, ReviewEvent, ReviewStatus};
use crate::extract;
use crate::server::entities::{actor, article, claim};
use crate::server::services::claim_record::{NewClaim, load, view, write_versioned};
use crate::server::services::{ServiceError, Who, actors, audit, now};

/// What a reviewer may correct on a claim.
#[derive(Clone, Debug)]
pub struct ClaimEdit {
    pub kind: ClaimKind,
    pub claimant: Option<String>,
    pub target: Option<String>,
    pub hedged: bool,
}

async fn actor_id<C: ConnectionTrait>(
    conn: &C,
    name: Option<&str>,
) -> Result<Option<Uuid>, ServiceError> {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => Ok(None),
        Some(n) if n.chars().count() > 200 => Err(ServiceError::invalid(
            "An actor's name is at most 200 characters",
        )),
        Some(n) => Ok(Some(
            actors::find_or_create(
                conn,
                &ActorRef {
                    name: n.to_owned(),
                    aliases: vec![],
                },
            )
            .await?,
        )),
    }
}

async fn snapshot<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
) -> Result<serde_json::Value, ServiceError> {
    let ids: Vec<Uuid> = [c.claimant_id, c.target_id].into_iter().flatten().collect();
    let names: std::collections::HashMap<Uuid, String> = actor::Entity::find()
        .filter(actor::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(json!({
        "kind": c.kind,
        "status": c.status,
        "claimant": c.claimant_id.and_then(|i| names.get(&i).cloned()),
        "target": c.target_id.and_then(|i| names.get(&i).cloned()),
        "hedged": c.hedged,
        "version": c.version,
    }))
}

/// Corrects a claim's kind, actors and hedging.
///
/// # Errors
/// `NotFound`; `Invalid` if the claim is published or dismissed (it is no longer edited in
/// place); `Conflict` if it changed since `version`; `Db`.
pub async fn update(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    edit: ClaimEdit,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let current = load(&txn, id).await?;
    ensure_editable(&current)?;
    let before = snapshot(&txn, &current).await?;
    let claimant_id = actor_id(&txn, edit.claimant.as_deref()).await?;
    let target_id = actor_id(&txn, edit.target.as_deref()).await?;
    let updated = write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Kind, Expr::value(edit.kind.as_str()))
            .col_expr(claim::Column::ClaimantId, Expr::value(claimant_id))
            .col_expr(claim::Column::TargetId, Expr::value(target_id))
            .col_expr(claim::Column::Hedged, Expr::value(edit.hedged))
    })
    .await?;
    let after = snapshot(&txn, &updated).await?;
    audit::record(
        &txn,
        who,
        "claim.update",
        "claim",
        id,
        Some(before),
        Some(after),
    )
    .await?;
    crate::server::services::search::reindex(&txn, id).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, id);
    view(db, id).await
}

/// Dismisses a claim (not check-worthy, or not a claim) or restores a dismissed one.
///
/// # Errors
/// `NotFound`; `Invalid` if the status does not allow it; `Conflict` if it changed since
/// `version`; `Db`.
pub async fn set_dismissed(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    dismiss: bool,
    reason: &str,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let current = load(&txn, id).await?;
    let status: ReviewStatus = current.status.parse()?;
    let event = if dismiss {
        ReviewEvent::Dismiss
    } else {
        ReviewEvent::Restore
    };
    let next = status
        .apply(event)
        .map_err(|e| ServiceError::invalid(e.to_string()))?;
    let before = snapshot(&txn, &current).await?;
    let updated = write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Status, Expr::value(next.as_str()))
    })
    .await?;
    let mut after = snapshot(&txn, &updated).await?;
    after["reason"] = json!(reason.trim());
    let action = if dismiss {
        "claim.dismiss"
    } else {
        "claim.restore"
    };
    audit::record(&txn, who, action, "claim", id, Some(before), Some(after)).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, id);
    view(db, id).await
}

/// Adds a claim the extractor missed, from its exact words in the article. The words must
/// occur once in the text (or include enough of it to be unique).
///
/// # Errors
/// `NotFound` for an unknown article; `Invalid` if the words are empty, absent or ambiguous;
/// `Db`.
pub async fn add_from_quote(
    db: &DatabaseConnection,
    article_id: Uuid,
    quote: &str,
    kind: ClaimKind,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let quote = quote.trim();
    if quote.chars().count() < 3 {
        return Err(ServiceError::invalid(
            "Select or paste the claim's words (at least a few characters)",
        ));
    }
    let a = article::Entity::find_by_id(article_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That article".into()))?;
    let mut matches = a.body.match_indices(quote);
    let Some((byte_start, _)) = matches.next() else {
        return Err(ServiceError::invalid(
            "Those words are not in the article's text; copy them exactly",
        ));
    };
    let more = matches.count();
    if more > 0 {
        return Err(ServiceError::invalid(format!(
            "Those words appear {} times in the article; include more of the sentence so they are unique",
            more + 1
        )));
    }
    let byte_end = byte_start + quote.len();
    let start = a.body[..byte_start].chars().count();
    let end = start + quote.chars().count();
    let prefix: String = {
        let before: Vec<char> = a.body[..byte_start].chars().collect();
        before[before.len().saturating_sub(extract::CONTEXT_CHARS)..]
            .iter()
            .collect()
    };
    let suffix: String = a.body[byte_end..]
        .chars()
        .take(extract::CONTEXT_CHARS)
        .collect();
    // Let the extractor read what it can from the words: figures, actors, hedging.
    let read = extract::extract_claims(quote).into_iter().next();
    let txn = crate::server::services::begin_write(db).await?;
    let claimant_id = match read.as_ref().and_then(|r| r.claimant.as_ref()) {
        Some(a) => Some(actors::find_or_create(&txn, a).await?),
        None => None,
    };
    let target_id = match read.as_ref().and_then(|r| r.target.as_ref()) {
        Some(a) => Some(actors::find_or_create(&txn, a).await?),
        None => None,
    };
    let t = now();
    let id = Uuid::now_v7();
    NewClaim {
        article_id,
        kind: kind.as_str(),
        quote: quote.to_owned(),
        span: (start, end),
        prefix,
        suffix,
        figures: figures_of(quote),
        claimant_id,
        target_id,
        hedged: read.as_ref().is_some_and(|r| r.hedged),
        checkworthiness: read.as_ref().map_or(0.5, |r| r.checkworthiness),
    }
    .row(id, t)?
    .insert(&txn)
    .await?;
    audit::record(&txn, who, "claim.add", "claim", id, None, Some(json!({"article": article_id, "kind": kind.as_str(), "quote": quote, "span": [start, end]}))).await?;
    crate::server::services::search::reindex(&txn, id).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, id);
    view(db, id).await
}

/// Replaces a claim's figures with those of the form's rows (blank rows are left out).
///
/// # Errors
/// As `update`, and `Invalid` naming the first row that is not a figure.
pub async fn set_figures(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    rows: &[crate::domain::FigureRow],
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let figures = crate::domain::figures_from_rows(rows).map_err(ServiceError::Invalid)?;
    let txn = crate::server::services::begin_write(db).await?;
    let current = load(&txn, id).await?;
    ensure_editable(&current)?;
    let value =
        serde_json::to_value(&figures).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let before = current.figures.clone();
    write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Figures, Expr::value(value.clone()))
    })
    .await?;
    audit::record(
        &txn,
        who,
        "claim.figures",
        "claim",
        id,
        Some(json!({"figures": before})),
        Some(json!({"figures": value})),
    )
    .await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, id);
    view(db, id).await
}

fn ensure_editable(c: &claim::Model) -> Result<(), ServiceError> {
    let status: ReviewStatus = c.status.parse()?;
    if status.is_editable() {
        Ok(())
    } else {
        Err(ServiceError::invalid(format!(
            "A claim that is '{}' cannot be edited; restore it or propose a new verdict instead.",
            status.label()
        )))
    }
}

/// The TextQuote context around code points `[start, end)` of `body`.
fn context(body: &str, start: usize, end: usize) -> (String, String) {
    let chars: Vec<char> = body.chars().collect();
    let prefix = chars[start.saturating_sub(extract::CONTEXT_CHARS)..start]
        .iter()
        .collect();
    let suffix = chars[end..(end + extract::CONTEXT_CHARS).min(chars.len())]
        .iter()
        .collect();
    (prefix, suffix)
}

fn figures_of(quote: &str) -> serde_json::Value {
    serde_json::to_value(extract::figures_in(quote)).unwrap_or_else(|_| json!([]))
}

/// Splits a claim in two before `at` (words inside its quote): the claim keeps the first part,
/// a new claim takes the rest. Each half is read again as the extractor reads the article
/// (kind, claimant, target, hedging, figures): the claim it finds inside that half, else the
/// half's own words read alone (keeping the claimant when they name none), else the original
/// claim's kind and claimant.
///
/// # Errors
/// `Invalid` if `at` is not inside the quote once, or leaves an empty part; `TooMany` when the
/// extraction pool is full; as `update`.
pub async fn split(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    at: &str,
    who: &Who,
) -> Result<(ClaimView, ClaimView), ServiceError> {
    let at = at.trim();
    let c = load(db, id).await?;
    ensure_editable(&c)?;
    let positions: Vec<usize> = c.quote.match_indices(at).map(|(i, _)| i).collect();
    let cut = match positions.as_slice() {
        _ if at.is_empty() => {
            return Err(ServiceError::invalid(
                "Give the words where the second claim starts",
            ));
        }
        [] => {
            return Err(ServiceError::invalid(
                "Those words are not in this claim's quote",
            ));
        }
        [one] => *one,
        _ => {
            return Err(ServiceError::invalid(
                "Those words appear more than once in the quote; give more of them",
            ));
        }
    };
    let first = c.quote[..cut].trim_end().to_owned();
    let second = c.quote[cut..].to_owned();
    if first.is_empty() {
        return Err(ServiceError::invalid(
            "The claim would be empty before those words; choose words further on",
        ));
    }
    let body = article::Entity::find_by_id(c.article_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The claim's article".into()))?
        .body;
    let start = usize::try_from(c.span_start).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let end = usize::try_from(c.span_end).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let first_end = start + first.chars().count();
    let second_start = start + c.quote[..cut].chars().count();
    let (_, first_suffix) = context(&body, start, first_end);
    let (second_prefix, second_suffix) = context(&body, second_start, end);
    // Reading again is the extractor's CPU work: in the bounded pool, before the transaction.
    let (halves, readings) = (first.clone(), second.clone());
    let [first_reading, second_reading] = crate::server::work::extraction()
        .run(move || {
            let found = crate::reading::claims_of_stored_text(&body);
            let read = |span: (usize, usize), words: &str| {
                crate::domain::reading_within(&found, span.0, span.1)
                    .cloned()
                    .or_else(|| {
                        crate::reading::claims_of_stored_text(words)
                            .into_iter()
                            .max_by_key(|r| {
                                (r.span.end - r.span.start, std::cmp::Reverse(r.span.start))
                            })
                    })
            };
            [
                read((start, first_end), &halves),
                read((second_start, end), &readings),
            ]
        })
        .await?;
    let txn = crate::server::services::begin_write(db).await?;
    let speaker = match c.claimant_id {
        Some(a) => actor::Entity::find_by_id(a)
            .one(&txn)
            .await?
            .map(|a| a.name),
        None => None,
    };
    let first_half = Half::of(
        &txn,
        first_reading.as_ref(),
        &c,
        speaker.as_deref(),
        &second,
    )
    .await?;
    let second_half = Half::of(
        &txn,
        second_reading.as_ref(),
        &c,
        speaker.as_deref(),
        &first,
    )
    .await?;
    let before = json!({"quote": c.quote, "kind": c.kind, "span": [start, end]});
    let first_figures = figures_of(&first);
    let first_kind = first_half.kind.clone();
    write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Quote, Expr::value(first.clone()))
            .col_expr(
                claim::Column::SpanEnd,
                Expr::value(i32::try_from(first_end).unwrap_or(i32::MAX)),
            )
            .col_expr(claim::Column::Suffix, Expr::value(first_suffix))
            .col_expr(claim::Column::Figures, Expr::value(first_figures))
            .col_expr(claim::Column::Kind, Expr::value(first_kind))
            .col_expr(
                claim::Column::ClaimantId,
                Expr::value(first_half.claimant_id),
            )
            .col_expr(claim::Column::TargetId, Expr::value(first_half.target_id))
            .col_expr(claim::Column::Hedged, Expr::value(first_half.hedged))
    })
    .await?;
    let t = now();
    let new_id = Uuid::now_v7();
    NewClaim {
        article_id: c.article_id,
        kind: &second_half.kind,
        quote: second.clone(),
        span: (second_start, end),
        prefix: second_prefix,
        suffix: second_suffix,
        figures: figures_of(&second),
        claimant_id: second_half.claimant_id,
        target_id: second_half.target_id,
        hedged: second_half.hedged,
        checkworthiness: second_half.checkworthiness,
    }
    .row(new_id, t)?
    .insert(&txn)
    .await?;
    let after = json!({
        "first": {"id": id, "kind": first_half.kind, "span": [start, first_end]},
        "second": {"id": new_id, "kind": second_half.kind, "span": [second_start, end]},
    });
    audit::record(
        &txn,
        who,
        "claim.split",
        "claim",
        id,
        Some(before),
        Some(after),
    )
    .await?;
    crate::server::services::search::reindex(&txn, id).await?;
    crate::server::services::search::reindex(&txn, new_id).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, id);
    Ok((view(db, id).await?, view(db, new_id).await?))
}

/// Whether `text` holds `name` as whole words, ignoring case.
fn contains_words(text: &str, name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (text, name) = (words(text), words(name));
    !name.is_empty() && text.windows(name.len()).any(|w| w == name.as_slice())
}

/// What one half of a split claim is, as read again.
struct Half {
    kind: String,
    claimant_id: Option<Uuid>,
    target_id: Option<Uuid>,
    hedged: bool,
    checkworthiness: f64,
}

impl Half {
    /// The half as `reading` reads it: its kind, target, hedging and check-worthiness, and its
    /// claimant, or else the original's claimant unless the other half names that claimant
    /// (then the claimant said the other half: "Police arrested four men and the ministry said
    /// 12 died"). A half nothing reads keeps the original's kind, target and hedging.
    async fn of<C: ConnectionTrait>(
        conn: &C,
        reading: Option<&crate::domain::ExtractedClaim>,
        original: &claim::Model,
        speaker: Option<&str>,
        other_half: &str,
    ) -> Result<Self, ServiceError> {
        let inherited = if speaker.is_some_and(|name| contains_words(other_half, name)) {
            None
        } else {
            original.claimant_id
        };
        let Some(r) = reading else {
            return Ok(Half {
                kind: original.kind.clone(),
                claimant_id: inherited,
                target_id: original.target_id,
                hedged: original.hedged,
                checkworthiness: original.checkworthiness,
            });
        };
        let claimant_id = match &r.claimant {
            Some(a) => Some(actors::find_or_create(conn, a).await?),
            None => inherited,
        };
        let target_id = match &r.target {
            Some(a) => Some(actors::find_or_create(conn, a).await?),
            None => None,
        };
        Ok(Half {
            kind: r.kind.as_str().to_owned(),
            claimant_id,
            target_id,
            hedged: r.hedged,
            checkworthiness: r.checkworthiness,
        })
    }
}

/// Merges a claim with the next claim of its article: the claim's span grows to cover both and
/// takes both sets of figures; the next claim is dismissed as "merged into" it (never deleted).
///
/// # Errors
/// `Invalid` if there is no editable next claim; as `update`.
pub async fn merge_with_next(
    db: &DatabaseConnection,
    id: Uuid,
    version: i32,
    who: &Who,
) -> Result<ClaimView, ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let c = load(&txn, id).await?;
    ensure_editable(&c)?;
    let next = claim::Entity::find()
        .filter(claim::Column::ArticleId.eq(c.article_id))
        .filter(claim::Column::SpanStart.gte(c.span_end))
        .filter(
            claim::Column::Status
                .is_in([ReviewStatus::New.as_str(), ReviewStatus::InReview.as_str()]),
        )
        .order_by_asc(claim::Column::SpanStart)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::invalid("There is no claim after this one to merge with"))?;
    let body = article::Entity::find_by_id(c.article_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("The claim's article".into()))?
        .body;
    let start = usize::try_from(c.span_start).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let end = usize::try_from(next.span_end).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let quote: String = body.chars().skip(start).take(end - start).collect();
    let (_, suffix) = context(&body, start, end);
    let mut figures: Vec<serde_json::Value> =
        serde_json::from_value(c.figures.clone()).unwrap_or_default();
    figures.extend(
        serde_json::from_value::<Vec<serde_json::Value>>(next.figures.clone()).unwrap_or_default(),
    );
    let before = json!({"quote": c.quote, "span": [c.span_start, c.span_end], "merged": next.id});
    write_versioned(&txn, id, version, |u| {
        u.col_expr(claim::Column::Quote, Expr::value(quote.clone()))
            .col_expr(claim::Column::SpanEnd, Expr::value(next.span_end))
            .col_expr(claim::Column::Suffix, Expr::value(suffix))
            .col_expr(
                claim::Column::Figures,
                Expr::value(serde_json::Value::Array(figures)),
            )
    })
    .await?;
    write_versioned(&txn, next.id, next.version, |u| {
        u.col_expr(
            claim::Column::Status,
            Expr::value(ReviewStatus::Dismissed.as_str()),
        )
    })
    .await?;
    audit::record(
        &txn,
        who,
        "claim.merge",
        "claim",
        id,
        Some(before),
        Some(json!({"quote": quote, "span": [start, end]})),
    )
    .await?;
    audit::record(
        &txn,
        who,
        "claim.dismiss",
        "claim",
        next.id,
        None,
        Some(json!({"status": "dismissed", "reason": format!("merged into claim {id}")})),
    )
    .await?;
    crate::server::services::search::reindex(&txn, id).await?;
    crate::server::services::search::reindex(&txn, next.id).await?;
    txn.commit().await?;
    crate::server::services::provenance::refresh::claim_changed(db, id);
    view(db, id).await
}
