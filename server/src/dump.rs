//! `claimtrail export` and `claimtrail import`: the whole database as JSON Lines, and back into
//! an empty database of either kind. The first line names the format; each further line is one
//! row, `{"table": …, "row": {…}}`, tables in an order that keeps foreign keys satisfied and
//! rows in primary-key order, so exporting the same data twice gives the same bytes; the last
//! line is `{"signature": …}`, the HMAC of every line before it under the audit key. Sessions
//! and sign-in attempts are not exported (they are transient); the search index and the
//! stories' term index are rebuilt.
//!
//! Import trusts nothing in the file: it refuses a file whose signature does not hold (a row
//! added, removed or changed after export, an account slipped in), and, after restoring, a
//! trail whose hash chain or anchors do not verify; either way nothing is kept.

use std::io::{BufRead, Write};

use anyhow::{Context, bail};
use app::server::entities::{
    actor, api_token, archived_copy, article, audit_event, claim, claim_chain, claim_link, comment,
    figure_rank_override, invite, relation_override, source, story, story_article, user, verdict,
};
use app::server::services;
use app::server::services::audit::anchor::FileSigner;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, ModelTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Value, json};

pub const FORMAT: &str = "claimtrail-export";
/// 2: archived copies by hash, anchored audit events, token expiry, and a signature line.
pub const VERSION: u32 = 2;

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
    let mut signed = Signed {
        inner: out,
        signer: FileSigner::new().context("the audit key is not loaded")?,
    };
    let out = &mut signed;
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
            (
                "archived_copy",
                archived_copy,
                archived_copy::Column::Sha256
            ),
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
    let Signed { inner, signer } = signed;
    serde_json::to_writer(&mut *inner, &json!({"signature": signer.finish()}))?;
    inner.write_all(b"\n")?;
    inner.flush()?;
    Ok(counts)
}

/// A writer that signs what passes through it.
struct Signed<'a, W: Write> {
    inner: &'a mut W,
    signer: FileSigner,
}

impl<W: Write> Write for Signed<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.signer.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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
            "archived_copy" => put!(archived_copy),
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

/// How far an import trusts its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust {
    /// The file must carry a signature made with this server's audit key, and the restored
    /// trail must verify, anchors included.
    Signed,
    /// A file without a signature (an export made before exports were signed, or with another
    /// key): the restored trail's hash chain must still verify; its events are then anchored
    /// with this server's key. The operator vouches for the file.
    Unsigned,
}

/// Restores an export into an empty database, in one transaction: all of it or nothing.
/// Returns the number of rows restored.
///
/// # Errors
/// The database is not empty, the file is not a Claimtrail export of a known version, its
/// signature does not hold, a row does not fit, the restored audit trail does not verify, or
/// the database refused it.
pub async fn import(
    db: &DatabaseConnection,
    input: impl BufRead,
    trust: Trust,
) -> anyhow::Result<u64> {
    if user::Entity::find().count(db).await? > 0 || article::Entity::find().count(db).await? > 0 {
        bail!("the database is not empty: import restores into an empty database only");
    }
    let mut signer = FileSigner::new().context("the audit key is not loaded")?;
    let mut lines = input.lines();
    let first = lines.next().context("the file is empty")??;
    signer.update(first.as_bytes());
    signer.update(b"\n");
    let header: Value = serde_json::from_str(&first).context("the first line is not JSON")?;
    if header["format"] != FORMAT {
        bail!("this is not a Claimtrail export");
    }
    let version = header["version"].as_u64().unwrap_or(0);
    if !(1..=u64::from(VERSION)).contains(&version) {
        bail!(
            "export version {} is not supported (this build reads 1 to {VERSION})",
            header["version"]
        );
    }
    let txn = services::begin_write(db).await?;
    let mut rows = 0u64;
    let mut claims = Vec::new();
    let mut signature: Option<String> = None;
    let mut stories = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line?;
        if signature.is_some() {
            if line.trim().is_empty() {
                continue;
            }
            bail!("line {}: rows follow the signature", n + 2);
        }
        let mut v: Value =
            serde_json::from_str(&line).with_context(|| format!("line {} is not JSON", n + 2))?;
        if let Some(sig) = v.get("signature").and_then(Value::as_str) {
            signature = Some(sig.to_owned());
            continue;
        }
        signer.update(line.as_bytes());
        signer.update(b"\n");
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
    if trust == Trust::Signed {
        match signature {
            None => bail!(
                "the file is not signed: it was exported before exports were signed, or changed; \
                 import it with --allow-unsigned only if you vouch for it"
            ),
            Some(sig) if !signer.verify(&sig) => bail!(
                "the file's signature does not hold: it was changed after export, or exported \
                 with another audit key; nothing was imported"
            ),
            Some(_) => {}
        }
    }
    // The archived copies of files from before copies were kept by hash.
    for s in source::Entity::find().all(&txn).await? {
        if let (Some(sha), Some(text)) = (&s.archived_sha256, &s.archived_text) {
            services::review::sources::keep_copy(&txn, sha, text).await?;
        }
    }
    let report = match trust {
        Trust::Signed => services::audit::verify_chain(&txn).await?,
        // The chain must hold on its own; the operator vouches for the rest, and the events
        // are anchored with this server's key from now on.
        Trust::Unsigned => services::audit::verify_links(&txn).await?,
    };
    if let Some(seq) = report.first_broken {
        bail!(
            "the audit trail in the file does not verify at event #{seq}: {}; nothing was imported",
            report.problem.as_deref().unwrap_or("it is broken")
        );
    }
    if trust == Trust::Unsigned {
        for e in audit_event::Entity::find().all(&txn).await? {
            let mac = services::audit::anchor::mac(&e.hash);
            let mut active = e.into_active_model();
            active.mac = sea_orm::Set(mac);
            active.update(&txn).await?;
        }
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
