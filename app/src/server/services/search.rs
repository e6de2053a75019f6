//! Full-text search over claims: their words, actors, article title, verdict rationales and
//! sources. One interface, two engines: SQLite's FTS5 (porter stemming) and PostgreSQL's
//! `tsvector` (English stemming). The index is the `claim_search` table, rewritten for a claim
//! in the same transaction as any change to what it indexes.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, Statement, Value,
};
use uuid::Uuid;

use super::ServiceError;
use crate::server::entities::{actor, article, claim, source, verdict};

/// The FTS5 rowid of a claim: the low 64 bits of its UUIDv7 (its random part), so one claim's
/// row is found by rowid, not by a scan.
fn rowid(id: Uuid) -> i64 {
    let b = id.as_bytes();
    i64::from_be_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]])
}

/// The text a claim is found by.
async fn document<C: ConnectionTrait>(conn: &C, c: &claim::Model) -> Result<String, DbErr> {
    let mut parts: Vec<String> = vec![c.quote.clone()];
    let actor_ids: Vec<Uuid> = [c.claimant_id, c.target_id].into_iter().flatten().collect();
    if !actor_ids.is_empty() {
        for a in actor::Entity::find()
            .filter(actor::Column::Id.is_in(actor_ids))
            .all(conn)
            .await?
        {
            parts.push(a.name);
        }
    }
    if let Some(a) = article::Entity::find_by_id(c.article_id).one(conn).await? {
        parts.push(a.title);
        parts.extend(a.publisher);
    }
    for v in verdict::Entity::find()
        .filter(verdict::Column::ClaimId.eq(c.id))
        .all(conn)
        .await?
    {
        parts.push(v.rationale);
        parts.extend(v.decision_note);
        parts.extend(v.retraction_note);
    }
    for s in source::Entity::find()
        .filter(source::Column::ClaimId.eq(c.id))
        .filter(source::Column::RemovedAt.is_null())
        .all(conn)
        .await?
    {
        parts.push(s.title);
        parts.extend(s.publisher);
        parts.push(s.excerpt);
    }
    Ok(parts.join("\n"))
}

/// Rewrites a claim's entry in the index. Call it in the transaction that changed the claim.
///
/// # Errors
/// `Db`.
pub async fn reindex<C: ConnectionTrait>(conn: &C, claim_id: Uuid) -> Result<(), ServiceError> {
    let Some(c) = claim::Entity::find_by_id(claim_id).one(conn).await? else {
        return Ok(());
    };
    let body = document(conn, &c).await?;
    let backend = conn.get_database_backend();
    match backend {
        DbBackend::Postgres => {
            conn.execute_raw(Statement::from_sql_and_values(
                backend,
                "INSERT INTO claim_search (claim_id, body) VALUES ($1, $2) \
                 ON CONFLICT (claim_id) DO UPDATE SET body = EXCLUDED.body",
                [Value::from(claim_id), Value::from(body)],
            ))
            .await?;
        }
        _ => {
            conn.execute_raw(Statement::from_sql_and_values(
                backend,
                "DELETE FROM claim_search WHERE rowid = ?",
                [Value::from(rowid(claim_id))],
            ))
            .await?;
            conn.execute_raw(Statement::from_sql_and_values(
                backend,
                "INSERT INTO claim_search (rowid, claim_id, body) VALUES (?, ?, ?)",
                [
                    Value::from(rowid(claim_id)),
                    Value::from(claim_id.to_string()),
                    Value::from(body),
                ],
            ))
            .await?;
        }
    }
    Ok(())
}

/// Removes a claim from the index (before the claim is deleted).
///
/// # Errors
/// `Db`.
pub async fn remove<C: ConnectionTrait>(conn: &C, claim_id: Uuid) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let (sql, value) = match backend {
        DbBackend::Postgres => (
            "DELETE FROM claim_search WHERE claim_id = $1",
            Value::from(claim_id),
        ),
        _ => (
            "DELETE FROM claim_search WHERE rowid = ?",
            Value::from(rowid(claim_id)),
        ),
    };
    conn.execute_raw(Statement::from_sql_and_values(backend, sql, [value]))
        .await?;
    Ok(())
}

/// The words of a query, as the engines' query languages take them: letters and digits only,
/// so no input is ever read as query syntax.
fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(str::to_lowercase)
        .collect()
}

/// The claims whose indexed text contains every word of `query` (stemmed: "rationales" finds
/// "rationale"), best match first, at most `limit`.
///
/// # Errors
/// `Db`.
pub async fn matching<C: ConnectionTrait>(
    conn: &C,
    query: &str,
    limit: u64,
) -> Result<Vec<Uuid>, ServiceError> {
    let words = words(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = conn.get_database_backend();
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = match backend {
        DbBackend::Postgres => {
            conn.query_all_raw(Statement::from_sql_and_values(
                backend,
                "SELECT claim_id::text AS id FROM claim_search, plainto_tsquery('english', $1) q \
                 WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, claim_id LIMIT $2",
                [Value::from(words.join(" ")), Value::from(limit)],
            ))
            .await?
        }
        _ => {
            let fts: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            conn.query_all_raw(Statement::from_sql_and_values(
                backend,
                "SELECT claim_id AS id FROM claim_search WHERE claim_search MATCH ? \
                 ORDER BY rank LIMIT ?",
                [Value::from(fts.join(" ")), Value::from(limit)],
            ))
            .await?
        }
    };
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<String>("", "id").ok())
        .filter_map(|s| Uuid::parse_str(&s).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_cannot_carry_syntax() {
        assert_eq!(
            words("\"ISIS\" OR NEAR(x) -- *"),
            vec!["isis", "or", "near", "x"]
        );
        assert!(words("  -- ").is_empty());
    }

    #[test]
    fn rowids_come_from_the_random_half() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert_ne!(rowid(a), rowid(b));
    }
}
