//! Counters that let the dashboard and the queue answer "how many" without counting a million
//! rows: claims by (status, kind), the backlog by the hour its claims were ingested, and
//! verdicts by (state, rating).
//!
//! Database triggers keep them, so every write path (the application's, an import, a manual
//! fix in `psql`) is counted in the same transaction as the change itself. Triggers only ever
//! *insert* a delta row (+1 or -1); nothing updates a shared counter row, so concurrent
//! writers never wait on each other or deadlock over lock order on PostgreSQL. A reader sums
//! the rows; `services::tallies::compact` folds them into one row per key now and then, which
//! keeps the sums cheap. The indexes the dashboard's bounded lookups and the queue's kind
//! filter read are added here too.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The statuses that wait for someone (`ReviewStatus::AWAITING`); a test checks the two agree.
const AWAITING: &str = "('new', 'in_review', 'verdict_proposed')";

fn tables(backend: DbBackend) -> [String; 3] {
    let id = match backend {
        DbBackend::Postgres => "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        _ => "id INTEGER PRIMARY KEY",
    };
    [
        format!(
            "CREATE TABLE claim_tally ({id}, status varchar(32) NOT NULL, kind varchar(32) NOT NULL, n bigint NOT NULL)"
        ),
        format!("CREATE TABLE backlog_tally ({id}, hour bigint NOT NULL, n bigint NOT NULL)"),
        format!(
            "CREATE TABLE verdict_tally ({id}, state varchar(32) NOT NULL, rating varchar(32) NOT NULL, n bigint NOT NULL)"
        ),
    ]
}

/// The hour since the epoch of a timestamp column, as each database computes it.
fn hour(backend: DbBackend, col: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("floor(extract(epoch FROM {col}) / 3600)::bigint"),
        _ => format!("(CAST(strftime('%s', {col}) AS INTEGER) / 3600)"),
    }
}

/// Statements adding `sign` times the row `r` (OLD or NEW) to the tallies.
fn claim_delta(backend: DbBackend, r: &str, sign: i8) -> String {
    let h = hour(backend, &format!("{r}.created_at"));
    match backend {
        DbBackend::Postgres => format!(
            "INSERT INTO claim_tally (status, kind, n) VALUES ({r}.status, {r}.kind, {sign});
             IF {r}.status IN {AWAITING} THEN
               INSERT INTO backlog_tally (hour, n) VALUES ({h}, {sign});
             END IF;"
        ),
        _ => format!(
            "INSERT INTO claim_tally (status, kind, n) VALUES ({r}.status, {r}.kind, {sign});
             INSERT INTO backlog_tally (hour, n) SELECT {h}, {sign} WHERE {r}.status IN {AWAITING};"
        ),
    }
}

fn verdict_delta(r: &str, sign: i8) -> String {
    format!("INSERT INTO verdict_tally (state, rating, n) VALUES ({r}.state, {r}.rating, {sign});")
}

const CLAIM_CHANGED: &str = "OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.created_at IS DISTINCT FROM NEW.created_at";
const VERDICT_CHANGED: &str =
    "OLD.state IS DISTINCT FROM NEW.state OR OLD.rating IS DISTINCT FROM NEW.rating";

fn postgres_triggers() -> Vec<String> {
    let pg = DbBackend::Postgres;
    let mut out = Vec::new();
    for (table, func, changed, old, new) in [
        (
            "claim",
            "claim_tally_change",
            CLAIM_CHANGED,
            claim_delta(pg, "OLD", -1),
            claim_delta(pg, "NEW", 1),
        ),
        (
            "verdict",
            "verdict_tally_change",
            VERDICT_CHANGED,
            verdict_delta("OLD", -1),
            verdict_delta("NEW", 1),
        ),
    ] {
        out.push(format!(
            "CREATE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               IF TG_OP <> 'INSERT' THEN {old} END IF;
               IF TG_OP <> 'DELETE' THEN {new} END IF;
               RETURN NULL;
             END $$"
        ));
        out.push(format!(
            "CREATE TRIGGER {func}_insert AFTER INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {func}()"
        ));
        out.push(format!(
            "CREATE TRIGGER {func}_delete AFTER DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {func}()"
        ));
        out.push(format!(
            "CREATE TRIGGER {func}_update AFTER UPDATE ON {table} FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {func}()"
        ));
    }
    out
}

fn sqlite_triggers() -> Vec<String> {
    let lite = DbBackend::Sqlite;
    let mut out = Vec::new();
    for (table, name, changed, old, new) in [
        (
            "claim",
            "claim_tally",
            CLAIM_CHANGED,
            claim_delta(lite, "OLD", -1),
            claim_delta(lite, "NEW", 1),
        ),
        (
            "verdict",
            "verdict_tally",
            VERDICT_CHANGED,
            verdict_delta("OLD", -1),
            verdict_delta("NEW", 1),
        ),
    ] {
        out.push(format!(
            "CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {new} END"
        ));
        out.push(format!(
            "CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {old} END"
        ));
        out.push(format!(
            "CREATE TRIGGER {name}_update AFTER UPDATE ON {table} WHEN {changed} BEGIN {old} {new} END"
        ));
    }
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        for sql in tables(backend) {
            db.execute_unprepared(&sql).await?;
        }
        let triggers = match backend {
            DbBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for sql in triggers {
            db.execute_unprepared(&sql).await?;
        }
        // What is already there, counted once.
        let h = hour(backend, "created_at");
        for sql in [
            "INSERT INTO claim_tally (status, kind, n) SELECT status, kind, COUNT(*) FROM claim GROUP BY status, kind".to_owned(),
            format!(
                "INSERT INTO backlog_tally (hour, n) SELECT {h}, COUNT(*) FROM claim WHERE status IN {AWAITING} GROUP BY {h}"
            ),
            "INSERT INTO verdict_tally (state, rating, n) SELECT state, rating, COUNT(*) FROM verdict GROUP BY state, rating".to_owned(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        let indexes = [
            // The queue filtered by kind, most check-worthy first.
            Index::create()
                .name("idx_claim_status_kind")
                .table(Claim::Table)
                .col(Claim::Status)
                .col(Claim::Kind)
                .col(Claim::Checkworthiness)
                .col(Claim::Id)
                .to_owned(),
            // The age of the k-th oldest waiting claim, looked up within one hour's claims.
            Index::create()
                .name("idx_claim_status_created")
                .table(Claim::Table)
                .col(Claim::Status)
                .col(Claim::CreatedAt)
                .to_owned(),
            // The dashboard's recent verdicts: throughput, rejections and agreement are counted
            // from this index alone.
            Index::create()
                .name("idx_verdict_created")
                .table(Verdict::Table)
                .col(Verdict::CreatedAt)
                .col(Verdict::ProposedBy)
                .col(Verdict::State)
                .col(Verdict::ClaimId)
                .to_owned(),
            // The public list filtered by verdict: the claims with an approved verdict of one
            // rating, from this index alone.
            Index::create()
                .name("idx_verdict_rating")
                .table(Verdict::Table)
                .col(Verdict::State)
                .col(Verdict::Rating)
                .col(Verdict::ClaimId)
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for name in [
            "idx_verdict_rating",
            "idx_verdict_created",
            "idx_claim_status_created",
            "idx_claim_status_kind",
        ] {
            manager
                .drop_index(Index::drop().name(name).to_owned())
                .await?;
        }
        let drops: Vec<&str> = match db.get_database_backend() {
            DbBackend::Postgres => vec![
                "DROP FUNCTION IF EXISTS claim_tally_change() CASCADE",
                "DROP FUNCTION IF EXISTS verdict_tally_change() CASCADE",
            ],
            _ => vec![
                "DROP TRIGGER IF EXISTS claim_tally_insert",
                "DROP TRIGGER IF EXISTS claim_tally_delete",
                "DROP TRIGGER IF EXISTS claim_tally_update",
                "DROP TRIGGER IF EXISTS verdict_tally_insert",
                "DROP TRIGGER IF EXISTS verdict_tally_delete",
                "DROP TRIGGER IF EXISTS verdict_tally_update",
            ],
        };
        for sql in drops {
            db.execute_unprepared(sql).await?;
        }
        for table in ["verdict_tally", "backlog_tally", "claim_tally"] {
            db.execute_unprepared(&format!("DROP TABLE IF EXISTS {table}"))
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Claim {
    Table,
    Id,
    Status,
    Kind,
    Checkworthiness,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Verdict {
    Table,
    CreatedAt,
    ProposedBy,
    State,
    Rating,
    ClaimId,
}
