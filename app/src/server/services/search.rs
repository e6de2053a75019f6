//! Full-text search over claims: their words, actors, article title, verdict rationales and
//! sources. One interface, two engines: SQLite's FTS5 (porter stemming) and PostgreSQL's
//! `tsvector` (English stemming). The index is the `claim_search` table, rewritten for a claim
//! in the same transaction as any change to what it indexes; new claims are added in batches
//! from memory.

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

/// The text a claim is found by: its words, its actors' names, its article's title and
/// publisher, and the words of its verdicts and current sources. Pure, so a new claim's entry
/// is written from memory exactly as `reindex` would write it from the database.
pub fn document_text(
    quote: &str,
    actor_names: impl IntoIterator<Item = String>,
    article: Option<(&str, Option<&str>)>,
    more: impl IntoIterator<Item = String>,
) -> String {
    let mut parts: Vec<String> = vec![quote.to_owned()];
    parts.extend(actor_names);
    if let Some((title, publisher)) = article {
        parts.push(title.to_owned());
        parts.extend(publisher.map(str::to_owned));
    }
    parts.extend(more);
    parts.join("\n")
}

/// The text a claim is found by, read from the database.
async fn document<C: ConnectionTrait>(conn: &C, c: &claim::Model) -> Result<String, DbErr> {
    // Claimant first, then target (once if they are one actor), as `document_text` is given
    // them for a new claim.
    let mut actor_ids: Vec<Uuid> = [c.claimant_id, c.target_id].into_iter().flatten().collect();
    actor_ids.dedup();
    let mut names: std::collections::HashMap<Uuid, String> = if actor_ids.is_empty() {
        std::collections::HashMap::new()
    } else {
        actor::Entity::find()
            .filter(actor::Column::Id.is_in(actor_ids.clone()))
            .all(conn)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect()
    };
    let actor_names: Vec<String> = actor_ids.iter().filter_map(|id| names.remove(id)).collect();
    let article = article::Entity::find_by_id(c.article_id).one(conn).await?;
    let mut more: Vec<String> = Vec::new();
    for v in verdict::Entity::find()
        .filter(verdict::Column::ClaimId.eq(c.id))
        .all(conn)
        .await?
    {
        more.push(v.rationale);
        more.extend(v.decision_note);
        more.extend(v.retraction_note);
    }
    for s in source::Entity::find()
        .filter(source::Column::ClaimId.eq(c.id))
        .filter(source::Column::RemovedAt.is_null())
        .all(conn)
        .await?
    {
        more.push(s.title);
        more.extend(s.publisher);
        more.push(s.excerpt);
    }
    Ok(document_text(
        &c.quote,
        actor_names,
        article
            .as_ref()
            .map(|a| (a.title.as_str(), a.publisher.as_deref())),
        more,
    ))
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

/// How many entries one insert carries: three values each, well under both databases' limits.
const ENTRIES_PER_INSERT: usize = 300;

/// Adds new claims to the index from their texts (see `document_text`), a few hundred per
/// statement: a freshly ingested article's claims cost a statement or two, not a read of each
/// claim's article, actors, verdicts and sources. Call it in the transaction that stores them.
///
/// # Errors
/// `Db`.
pub async fn index_new<C: ConnectionTrait>(
    conn: &C,
    entries: &[(Uuid, String)],
) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    for chunk in entries.chunks(ENTRIES_PER_INSERT) {
        let (sql, values) = match backend {
            DbBackend::Postgres => {
                let rows: Vec<String> = (0..chunk.len())
                    .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
                    .collect();
                (
                    format!(
                        "INSERT INTO claim_search (claim_id, body) VALUES {} \
                         ON CONFLICT (claim_id) DO UPDATE SET body = EXCLUDED.body",
                        rows.join(", ")
                    ),
                    chunk
                        .iter()
                        .flat_map(|(id, body)| [Value::from(*id), Value::from(body.clone())])
                        .collect::<Vec<_>>(),
                )
            }
            _ => (
                // New claims have new ids, so there is no row to replace.
                format!(
                    "INSERT INTO claim_search (rowid, claim_id, body) VALUES {}",
                    vec!["(?, ?, ?)"; chunk.len()].join(", ")
                ),
                chunk
                    .iter()
                    .flat_map(|(id, body)| {
                        [
                            Value::from(rowid(*id)),
                            Value::from(id.to_string()),
                            Value::from(body.clone()),
                        ]
                    })
                    .collect(),
            ),
        };
        conn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
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
