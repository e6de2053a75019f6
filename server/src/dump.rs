//! `claimtrail export` and `claimtrail import`: the whole database as JSON Lines, and back into
//! an empty database of either kind. The first line names the format; each further line is one
//! row, `{"table": …, "row": {…}}`, tables in an order that keeps foreign keys satisfied and
//! rows in primary-key order, so exporting the same data twice gives the same bytes. Sessions
//! and sign-in attempts are not exported (they are transient); the search index and the
//! stories' term index are rebuilt.

use std::io::{BufRead, Write};

use anyhow::{Context, bail};
use app::server::entities::{
    actor, api_token, article, audit_event, claim, claim_chain, claim_link, comment,
    figure_rank_override, invite, relation_override, source, story, story_article, user, verdict,
};
use app::server::services;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, ModelTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::{Value, json};

pub const FORMAT: &str = "claimtrail-export";
pub const VERSION: u32 = 1;

/// Writes every table's rows through `row`, a page at a time.
macro_rules! each_table {
    ($db:expr, $out:expr, [$(($name:literal, $module:ident, $pk:expr)),+ $(,)?]) => {{
        let mut counts: Vec<(&'static str, u64)> = Vec::new();
        $(
            // Keyset pages (after the last key read), so page 1,000 costs what page 1 does.
            let mut n = 0u64;
            let mut last: Option<sea_orm::Value> = None;
            loop {
                let mut q = $module::Entity::find().order_by_asc($pk);
                if let Some(key) = last.take() {
                    q = q.filter($pk.gt(key));
                }
                let rows = q.limit(1000).all($db).await?;
                let Some(tail) = rows.last() else { break };
                last = Some(tail.get($pk));
                for r in rows {
                    serde_json::to_writer(&mut *$out, &json!({"table": $name, "row": r}))?;
                    $out.write_all(b"\n")?;
                    n += 1;
                }
            }
            counts.push(($name, n));
        )+
        counts
    }};
}

/// Exports the whole database to `out`; returns the row count per table.
///
/// # Errors
/// The database could not be read or `out` written.
pub async fn export(
    db: &DatabaseConnection,
    out: &mut impl Write,
) -> anyhow::Result<Vec<(&'static str, u64)>> {
    serde_json::to_writer(&mut *out, &json!({"format": FORMAT, "version": VERSION}))?;
    out.write_all(b"\n")?;
    let counts = each_table!(
        db,
        out,
        [
            ("user", user, user::Column::Id),
            ("article", article, article::Column::Id),
            ("actor", actor, actor::Column::Id),
            ("claim", claim, claim::Column::Id),
            ("source", source, source::Column::Id),
            ("verdict", verdict, verdict::Column::Id),
            ("comment", comment, comment::Column::Id),
            ("audit_event", audit_event, audit_event::Column::Seq),
            ("api_token", api_token, api_token::Column::Id),
            ("invite", invite, invite::Column::Id),
            ("story", story, story::Column::Id),
            (
                "story_article",
                story_article,
                story_article::Column::ArticleId
            ),
            ("claim_link", claim_link, claim_link::Column::Id),
            (
                "relation_override",
                relation_override,
                relation_override::Column::Id
            ),
            (
                "figure_rank_override",
                figure_rank_override,
                figure_rank_override::Column::Id
            ),
            ("claim_chain", claim_chain, claim_chain::Column::ClaimId),
        ]
    );
    out.flush()?;
    Ok(counts)
}

async fn insert_row<C: sea_orm::ConnectionTrait>(
    conn: &C,
    table: &str,
    row: Value,
) -> anyhow::Result<()> {
    {
        macro_rules! put {
            ($module:ident) => {{
                let model: $module::Model = serde_json::from_value(row)
                    .with_context(|| format!("a {table} row does not read"))?;
                let mut active = model.into_active_model();
                active = active.reset_all();
                $module::Entity::insert(active)
                    .exec_without_returning(conn)
                    .await?;
            }};
        }
        match table {
            "user" => put!(user),
            "article" => put!(article),
            "actor" => put!(actor),
            "claim" => put!(claim),
            "source" => put!(source),
            "verdict" => put!(verdict),
            "comment" => put!(comment),
            "audit_event" => put!(audit_event),
            "api_token" => put!(api_token),
            "invite" => put!(invite),
            "story" => put!(story),
            "story_article" => put!(story_article),
            "claim_link" => put!(claim_link),
            "relation_override" => put!(relation_override),
            "figure_rank_override" => put!(figure_rank_override),
            "claim_chain" => put!(claim_chain),
            other => bail!("unknown table '{other}' in the export"),
        }
        Ok(())
    }
}

/// Restores an export into an empty database, in one transaction: all of it or nothing.
/// Returns the number of rows restored.
///
/// # Errors
/// The database is not empty, the file is not a Claimtrail export of a known version, a row
/// does not fit, or the database refused it.
pub async fn import(db: &DatabaseConnection, input: impl BufRead) -> anyhow::Result<u64> {
    if user::Entity::find().count(db).await? > 0 || article::Entity::find().count(db).await? > 0 {
        bail!("the database is not empty: import restores into an empty database only");
    }
    let mut lines = input.lines();
    let header: Value = serde_json::from_str(&lines.next().context("the file is empty")??)
        .context("the first line is not JSON")?;
    if header["format"] != FORMAT {
        bail!("this is not a Claimtrail export");
    }
    if header["version"].as_u64() != Some(u64::from(VERSION)) {
        bail!(
            "export version {} is not supported (this build reads {VERSION})",
            header["version"]
        );
    }
    let txn = db.begin().await?;
    let mut rows = 0u64;
    let mut claims = Vec::new();
    let mut stories = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let mut v: Value =
            serde_json::from_str(&line).with_context(|| format!("line {} is not JSON", n + 2))?;
        let table = v["table"].as_str().unwrap_or_default().to_owned();
        let row = v["row"].take();
        if table == "claim"
            && let Some(id) = row["id"]
                .as_str()
                .and_then(|s| uuid::Uuid::parse_str(s).ok())
        {
            claims.push(id);
        }
        if table == "story"
            && let Some(id) = row["id"]
                .as_str()
                .and_then(|s| uuid::Uuid::parse_str(s).ok())
        {
            stories.push(id);
        }
        insert_row(&txn, &table, row)
            .await
            .with_context(|| format!("line {}", n + 2))?;
        rows += 1;
    }
    for id in claims {
        services::search::reindex(&txn, id).await?;
    }
    // A story's term index (what finds a new article's candidate stories) is derived from its
    // articles: rebuilt rather than carried.
    for s in stories {
        services::provenance::terms::recount(&txn, s).await?;
    }
    txn.commit().await?;
    // The triggers counted every restored claim and verdict; fold those rows now.
    services::tallies::compact(db).await?;
    Ok(rows)
}
