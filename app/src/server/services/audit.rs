//! The audit trail: an append-only, hash-chained log of every change. Each event's hash covers
//! its content and the previous event's hash, so editing or deleting any row breaks the chain
//! from that row on, and `verify_chain` names the first broken link. The chain is anchored by
//! a key kept outside the database (`anchor`): each event also carries an HMAC of its hash, so
//! a trail rewritten whole, every hash recomputed, is detected too.

pub mod anchor;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Who, now};
use crate::server::entities::audit_event;

/// The hash the first event chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends one event. Call it inside the transaction that made the change, so both commit or
/// neither does.
///
/// # Errors
/// The database refused the read or the insert.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    who: &Who,
    action: &str,
    entity_type: &str,
    entity_id: Uuid,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), DbErr> {
    if conn.get_database_backend() == DbBackend::Postgres {
        // One appender at a time, so two transactions never chain to the same predecessor.
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [crate::server::services::lock_keys::AUDIT_CHAIN.into()],
        ))
        .await?;
    }
    let last = audit_event::Entity::find()
        .order_by_desc(audit_event::Column::Seq)
        .limit(1)
        .one(conn)
        .await?;
    let (seq, prev_hash) = match last {
        Some(e) => (e.seq + 1, e.hash),
        None => (1, GENESIS.to_owned()),
    };
    let mut event = audit_event::Model {
        seq,
        id: Uuid::now_v7(),
        actor_id: who.user_id,
        actor_label: who.label.clone(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id,
        before,
        after,
        created_at: now(),
        prev_hash,
        hash: String::new(),
        mac: None,
    };
    event.hash = hash_event(&event);
    event.mac = anchor::mac(&event.hash);
    audit_event::Entity::insert(audit_event::ActiveModel {
        seq: Set(event.seq),
        id: Set(event.id),
        actor_id: Set(event.actor_id),
        actor_label: Set(event.actor_label),
        action: Set(event.action),
        entity_type: Set(event.entity_type),
        entity_id: Set(event.entity_id),
        before: Set(event.before),
        after: Set(event.after),
        created_at: Set(event.created_at),
        prev_hash: Set(event.prev_hash),
        hash: Set(event.hash),
        mac: Set(event.mac),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// The SHA-256 over an event's content and its predecessor's hash. JSON values are written with
/// sorted keys (serde_json's default map), so the hash does not depend on how a database stores them.
pub fn hash_event(e: &audit_event::Model) -> String {
    let mut h = Sha256::new();
    for part in [
        e.prev_hash.as_str(),
        &e.seq.to_string(),
        &e.id.to_string(),
        &e.actor_id.map(|u| u.to_string()).unwrap_or_default(),
        &e.actor_label,
        &e.action,
        &e.entity_type,
        &e.entity_id.to_string(),
        &e.before.as_ref().map(Value::to_string).unwrap_or_default(),
        &e.after.as_ref().map(Value::to_string).unwrap_or_default(),
        &e.created_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// What verifying the chain found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainReport {
    pub events: u64,
    /// The sequence number of the first event whose hash, link or anchor does not hold.
    pub first_broken: Option<i64>,
    /// Why that event breaks the chain.
    pub problem: Option<String>,
    /// Whether each event's anchor was checked (the server has its audit key).
    pub anchored: bool,
}

/// Walks the whole chain in order, a page at a time: every event must link to its predecessor,
/// hash to its stored hash, and, when the audit key is loaded, carry that hash's HMAC under
/// the key (so a trail rewritten whole with recomputed hashes is refused too).
///
/// # Errors
/// The database could not be read.
pub async fn verify_chain<C: ConnectionTrait>(conn: &C) -> Result<ChainReport, DbErr> {
    verify(conn, anchor::is_loaded()).await
}

/// What the newest recorded chain check found (its `audit.verify` event), and when, if one was
/// made.
///
/// # Errors
/// The database could not be read.
pub async fn last_check<C: ConnectionTrait>(
    conn: &C,
) -> Result<Option<(crate::domain::ChainCheck, chrono::DateTime<chrono::Utc>)>, DbErr> {
    let event = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("audit.verify"))
        .order_by_desc(audit_event::Column::Seq)
        .one(conn)
        .await?;
    Ok(event.and_then(|e| {
        let after = e.after?;
        let check = crate::domain::ChainCheck {
            events: after.get("events")?.as_u64()?,
            first_broken: after.get("first_broken").and_then(Value::as_i64),
        };
        Some((check, e.created_at))
    }))
}

/// Verifies the hash links only, not the anchors (an unsigned import, before it is anchored).
///
/// # Errors
/// The database could not be read.
pub async fn verify_links<C: ConnectionTrait>(conn: &C) -> Result<ChainReport, DbErr> {
    verify(conn, false).await
}

async fn verify<C: ConnectionTrait>(conn: &C, anchored: bool) -> Result<ChainReport, DbErr> {
    let mut prev_hash = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut events = 0;
    let broken = |events, seq, why: &str| ChainReport {
        events,
        first_broken: Some(seq),
        problem: Some(why.to_owned()),
        anchored,
    };
    loop {
        let page = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_event::Column::Seq)
            .limit(1000)
            .all(conn)
            .await?;
        if page.is_empty() {
            return Ok(ChainReport {
                events,
                first_broken: None,
                problem: None,
                anchored,
            });
        }
        for e in page {
            // A gap in the sequence (a deleted row) is a broken link too.
            if e.seq != expected_seq || e.prev_hash != prev_hash {
                return Ok(broken(
                    events,
                    expected_seq,
                    "it does not follow the event before",
                ));
            }
            if hash_event(&e) != e.hash {
                return Ok(broken(
                    events,
                    expected_seq,
                    "its content does not match its hash",
                ));
            }
            if anchored && !anchor::verify(&e.hash, e.mac.as_deref()) {
                return Ok(broken(
                    events,
                    expected_seq,
                    "it is not signed with this server's audit key",
                ));
            }
            prev_hash = e.hash;
            expected_seq += 1;
            events += 1;
        }
    }
}

/// Signs the events that carry no anchor yet (written before the trail was anchored), after
/// checking that the chain itself holds. An operator runs it once after upgrading
/// (`claimtrail audit sign`); it refuses a broken chain. Returns how many events it signed.
///
/// # Errors
/// `Invalid` when the key is not loaded or the chain is broken; `Db`.
pub async fn sign_unanchored(db: &sea_orm::DatabaseConnection) -> Result<u64, super::ServiceError> {
    use sea_orm::ActiveModelTrait;
    if !anchor::is_loaded() {
        return Err(super::ServiceError::invalid("the audit key is not loaded"));
    }
    let txn = super::begin_write(db).await?;
    let mut prev_hash = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut signed = 0;
    loop {
        let page = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_event::Column::Seq)
            .limit(1000)
            .all(&txn)
            .await?;
        if page.is_empty() {
            break;
        }
        for e in page {
            if e.seq != expected_seq || e.prev_hash != prev_hash || hash_event(&e) != e.hash {
                return Err(super::ServiceError::invalid(format!(
                    "the chain is broken at event #{expected_seq}: nothing was signed"
                )));
            }
            prev_hash = e.hash.clone();
            expected_seq += 1;
            if e.mac.is_none() {
                let mac = anchor::mac(&e.hash);
                let mut active: audit_event::ActiveModel = e.into();
                active.mac = Set(mac);
                active.update(&txn).await?;
                signed += 1;
            }
        }
    }
    txn.commit().await?;
    Ok(signed)
}

/// The refusal of a write made against an old version: who changed the `noun` (whose events are
/// about `ids`) since, when, and what they changed, so the person can redo their edit on top of it.
pub async fn stale<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<Uuid>,
    noun: &str,
) -> super::ServiceError {
    let last = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.is_in(ids))
        .order_by_desc(audit_event::Column::Seq)
        .one(conn)
        .await
        .ok()
        .flatten();
    // People by the name they chose, as in the history; the label (an address) otherwise.
    let name = match last.as_ref().and_then(|e| e.actor_id) {
        Some(id) => super::accounts::users::refs(conn, [id])
            .await
            .ok()
            .and_then(|mut m| m.remove(&id))
            .map(|r| r.name),
        None => None,
    };
    super::ServiceError::Conflict(match last {
        Some(e) => {
            let what = describe_for_readers(e.before.as_ref(), e.after.as_ref());
            format!(
                "This {noun} was changed by {} at {} since you opened it ({}{}); reload to see their edit, then make yours again.",
                name.unwrap_or_else(|| e.actor_label.clone()),
                super::display_time(e.created_at),
                crate::domain::action_sentence(&e.action),
                if what.is_empty() {
                    String::new()
                } else {
                    format!(": {what}")
                }
            )
        }
        None => format!(
            "This {noun} was changed since you opened it; reload to see the change, then make yours again."
        ),
    })
}

/// What an event changed, in words: each field whose value differs between `before` and
/// `after` ("status: new → in_review"), or the fields it set when there was no before. Long
/// values are shortened; the stored event keeps them whole.
pub fn describe(before: Option<&Value>, after: Option<&Value>) -> String {
    describe_keeping(before, after, |_, _| true)
}

/// [`describe`] without the fields a reader of a claim's history does not need (ids, hashes,
/// offsets: see `domain::is_internal_field`).
pub fn describe_for_readers(before: Option<&Value>, after: Option<&Value>) -> String {
    describe_keeping(before, after, |k, v| {
        let shown = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        !crate::domain::is_internal_field(k, &shown)
    })
}

fn describe_keeping(
    before: Option<&Value>,
    after: Option<&Value>,
    keep: impl Fn(&str, &Value) -> bool,
) -> String {
    fn short(v: &Value) -> String {
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Null => "—".to_owned(),
            other => other.to_string(),
        };
        if s.chars().count() > 80 {
            format!("{}…", s.chars().take(79).collect::<String>())
        } else {
            s
        }
    }
    let empty = serde_json::Map::new();
    let before = before.and_then(Value::as_object).unwrap_or(&empty);
    let Some(after) = after.and_then(Value::as_object) else {
        return String::new();
    };
    after
        .iter()
        .filter(|(k, v)| k.as_str() != "version" && keep(k, v))
        .filter_map(|(k, v)| match before.get(k) {
            Some(old) if old == v => None,
            Some(old) => Some(format!("{k}: {} → {}", short(old), short(v))),
            None => Some(format!("{k}: {}", short(v))),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The events about any of `entity_ids`, oldest first, as history lines.
///
/// # Errors
/// The database could not be read.
pub async fn history<C: ConnectionTrait>(
    conn: &C,
    entity_ids: Vec<Uuid>,
) -> Result<Vec<crate::domain::HistoryEntry>, DbErr> {
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.is_in(entity_ids))
        .order_by_asc(audit_event::Column::Seq)
        .all(conn)
        .await?;
    // People by name, as the rest of the workspace shows them (the trail keeps the label).
    let names = super::accounts::users::refs(conn, events.iter().filter_map(|e| e.actor_id))
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(events
        .into_iter()
        .map(|e| crate::domain::HistoryEntry {
            seq: e.seq,
            at: super::display_time(e.created_at),
            actor: e
                .actor_id
                .and_then(|id| names.get(&id).map(|r| r.name.clone()))
                .unwrap_or(e.actor_label),
            summary: describe_for_readers(e.before.as_ref(), e.after.as_ref()),
            action: e.action,
        })
        .collect())
}

/// A page of the audit trail, newest first, filtered; pages by sequence number (keyset).
///
/// # Errors
/// `Invalid` for a malformed date; `Db`.
pub async fn page<C: ConnectionTrait>(
    conn: &C,
    filter: &crate::domain::AuditFilter,
    limit: u64,
) -> Result<crate::domain::AuditPage, super::ServiceError> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
    let date = |s: &str, end: bool| -> Result<chrono::DateTime<chrono::Utc>, super::ServiceError> {
        let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            super::ServiceError::invalid(format!("'{s}' is not a date: write it as YYYY-MM-DD"))
        })?;
        let d = if end { d.succ_opt().unwrap_or(d) } else { d };
        Ok(d.and_hms_opt(0, 0, 0)
            .map_or_else(chrono::Utc::now, |t| t.and_utc()))
    };
    let escape = |s: &str| {
        let mut p = String::new();
        for ch in s.to_lowercase().chars() {
            if matches!(ch, '%' | '_' | '\\') {
                p.push('\\');
            }
            p.push(ch);
        }
        p
    };
    let mut q = audit_event::Entity::find();
    if let Some(a) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(
            Expr::expr(Func::lower(Expr::col(audit_event::Column::ActorLabel)))
                .like(LikeExpr::new(format!("%{}%", escape(a))).escape('\\')),
        );
    }
    if let Some(e) = filter
        .entity
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(audit_event::Column::EntityType.eq(e));
    }
    if let Some(a) = filter
        .action
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(
            audit_event::Column::Action.like(LikeExpr::new(format!("{}%", escape(a))).escape('\\')),
        );
    }
    if let Some(f) = filter.from.as_deref().filter(|s| !s.trim().is_empty()) {
        q = q.filter(audit_event::Column::CreatedAt.gte(date(f, false)?));
    }
    if let Some(t) = filter.to.as_deref().filter(|s| !s.trim().is_empty()) {
        q = q.filter(audit_event::Column::CreatedAt.lt(date(t, true)?));
    }
    if let Some(b) = filter.before {
        q = q.filter(audit_event::Column::Seq.lt(b));
    }
    let mut rows = q
        .order_by_desc(audit_event::Column::Seq)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = (rows.len() as u64 > limit).then(|| rows[rows.len() - 2].seq);
    rows.truncate(usize::try_from(limit).unwrap_or(50));
    Ok(crate::domain::AuditPage {
        rows: rows
            .into_iter()
            .map(|e| crate::domain::AuditRow {
                seq: e.seq,
                at: super::display_time(e.created_at),
                actor: e.actor_label,
                summary: describe(e.before.as_ref(), e.after.as_ref()),
                action: e.action,
                entity_type: e.entity_type,
                entity_id: e.entity_id,
            })
            .collect(),
        next,
    })
}

#[cfg(test)]
mod tests {
    use super::describe;
    use serde_json::json;

    #[test]
    fn describes_what_changed_and_nothing_else() {
        let before = json!({"kind": "statement", "hedged": false, "version": 1});
        let after = json!({"kind": "attribution", "hedged": false, "version": 2});
        assert_eq!(
            describe(Some(&before), Some(&after)),
            "kind: statement → attribution"
        );
        assert_eq!(
            describe(None, Some(&json!({"rating": "false"}))),
            "rating: false"
        );
        assert_eq!(describe(Some(&before), None), "");
    }
}
