//! Full-text search over claims: their words, actors, article title, verdict rationales and
//! sources. One interface, two engines: SQLite's FTS5 (porter stemming) and PostgreSQL's
//! `tsvector` (English stemming). Two indexes: `claim_search` holds everything staff may search
//! (the review queue), `public_claim_search` only what a reader may see of a published claim
//! (its words, actors and article, its published verdicts' rationales and retraction notes,
//! and the evidence its verdict weighed) — never a draft rationale, a rejection note or a
//! source no published verdict weighed. Both are rewritten for a claim in the same transaction
//! as any change to what they index; new claims are added to the first in batches from memory.

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
    let (actor_names, article) = actors_and_article(conn, c).await?;
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

/// What a reader may find a published claim by: its words, actors and article, the rationales
/// of its published verdicts (in force, superseded or retracted) and the retraction's reason,
/// and the evidence the standing verdict weighed, as it weighed it. `None` for a claim that is
/// not public.
async fn public_document<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
) -> Result<Option<String>, ServiceError> {
    use crate::domain::{EvidenceRef, VerdictState};
    if !super::publishing::fact_checks::is_public(c) {
        return Ok(None);
    }
    let (actor_names, article) = actors_and_article(conn, c).await?;
    let mut more: Vec<String> = Vec::new();
    let mut verdicts = verdict::Entity::find()
        .filter(verdict::Column::ClaimId.eq(c.id))
        .filter(verdict::Column::State.is_in([
            VerdictState::Approved.as_str(),
            VerdictState::Superseded.as_str(),
            VerdictState::Retracted.as_str(),
        ]))
        .all(conn)
        .await?;
    verdicts.sort_by_key(|v| std::cmp::Reverse(v.id));
    let standing = verdicts
        .iter()
        .find(|v| v.state != VerdictState::Superseded.as_str())
        .map(|v| v.id);
    for v in verdicts {
        more.push(v.rationale);
        more.extend(v.retraction_note);
        if Some(v.id) == standing {
            let evidence: Vec<EvidenceRef> = v
                .evidence
                .map(serde_json::from_value)
                .transpose()
                .map_err(|e| ServiceError::Internal(format!("verdict {}: {e}", v.id)))?
                .unwrap_or_default();
            for e in evidence {
                more.push(e.title);
                more.extend(e.publisher);
                more.extend(e.excerpt);
            }
        }
    }
    Ok(Some(document_text(
        &c.quote,
        actor_names,
        article
            .as_ref()
            .map(|a| (a.title.as_str(), a.publisher.as_deref())),
        more,
    )))
}

/// The names of a claim's actors (claimant first, then target, once if they are one actor) and
/// its article.
async fn actors_and_article<C: ConnectionTrait>(
    conn: &C,
    c: &claim::Model,
) -> Result<(Vec<String>, Option<article::Model>), DbErr> {
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
    Ok((actor_names, article))
}

/// One index: staff search over everything, or public search over what readers may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Staff,
    Public,
}

impl Scope {
    fn table(self) -> &'static str {
        match self {
            Scope::Staff => "claim_search",
            Scope::Public => "public_claim_search",
        }
    }
}

async fn write_entry<C: ConnectionTrait>(
    conn: &C,
    scope: Scope,
    claim_id: Uuid,
    body: Option<String>,
) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let table = scope.table();
    match backend {
        DbBackend::Postgres => {
            let (sql, values) = match body {
                Some(b) => (
                    format!(
                        "INSERT INTO {table} (claim_id, body) VALUES ($1, $2) \
                         ON CONFLICT (claim_id) DO UPDATE SET body = EXCLUDED.body"
                    ),
                    vec![Value::from(claim_id), Value::from(b)],
                ),
                None => (
                    format!("DELETE FROM {table} WHERE claim_id = $1"),
                    vec![Value::from(claim_id)],
                ),
            };
            conn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?;
        }
        _ => {
            conn.execute_raw(Statement::from_sql_and_values(
                backend,
                format!("DELETE FROM {table} WHERE rowid = ?"),
                [Value::from(rowid(claim_id))],
            ))
            .await?;
            if let Some(b) = body {
                conn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    format!("INSERT INTO {table} (rowid, claim_id, body) VALUES (?, ?, ?)"),
                    [
                        Value::from(rowid(claim_id)),
                        Value::from(claim_id.to_string()),
                        Value::from(b),
                    ],
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// Rewrites a claim's entries in both indexes. Call it in the transaction that changed the
/// claim.
///
/// # Errors
/// `Db`.
pub async fn reindex<C: ConnectionTrait>(conn: &C, claim_id: Uuid) -> Result<(), ServiceError> {
    let Some(c) = claim::Entity::find_by_id(claim_id).one(conn).await? else {
        return Ok(());
    };
    let body = document(conn, &c).await?;
    write_entry(conn, Scope::Staff, claim_id, Some(body)).await?;
    let public = public_document(conn, &c).await?;
    write_entry(conn, Scope::Public, claim_id, public).await
}

/// Fills the public index of a database from before it existed (its migration leaves it
/// empty): once, at start-up, when published claims exist but none is indexed.
///
/// # Errors
/// `Db`.
pub async fn fill_public_index(db: &sea_orm::DatabaseConnection) -> Result<u64, ServiceError> {
    use sea_orm::{PaginatorTrait, QuerySelect};
    let indexed = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM public_claim_search",
        ))
        .await?
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    let published = claim::Entity::find()
        .filter(claim::Column::ShortId.is_not_null())
        .count(db)
        .await?;
    if indexed > 0 || published == 0 {
        return Ok(0);
    }
    let ids: Vec<Uuid> = claim::Entity::find()
        .select_only()
        .column(claim::Column::Id)
        .filter(claim::Column::ShortId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let txn = super::begin_write(db).await?;
    let mut n = 0;
    for id in ids {
        if let Some(c) = claim::Entity::find_by_id(id).one(&txn).await? {
            let public = public_document(&txn, &c).await?;
            n += u64::from(public.is_some());
            write_entry(&txn, Scope::Public, id, public).await?;
        }
    }
    txn.commit().await?;
    Ok(n)
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

/// Removes a claim from both indexes (before the claim is deleted).
///
/// # Errors
/// `Db`.
pub async fn remove<C: ConnectionTrait>(conn: &C, claim_id: Uuid) -> Result<(), ServiceError> {
    write_entry(conn, Scope::Staff, claim_id, None).await?;
    write_entry(conn, Scope::Public, claim_id, None).await
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
    scope: Scope,
    query: &str,
    limit: u64,
) -> Result<Vec<Uuid>, ServiceError> {
    let table = scope.table();
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
                format!(
                    "SELECT claim_id::text AS id FROM {table}, plainto_tsquery('english', $1) q \
                     WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, claim_id LIMIT $2"
                ),
                [Value::from(words.join(" ")), Value::from(limit)],
            ))
            .await?
        }
        _ => {
            let fts: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            conn.query_all_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT claim_id AS id FROM {table} WHERE {table} MATCH ? \
                     ORDER BY rank LIMIT ?"
                ),
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
