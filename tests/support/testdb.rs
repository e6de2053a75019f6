//! A database of its own for every test: a new SQLite file, or a new PostgreSQL database created
//! on the server `pg_virtualenv` (or `CLAIMTRAIL_TEST_PG_URL`) points to.

use app::server::db;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

#[derive(Clone)]
pub struct TestDb {
    pub conn: DatabaseConnection,
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Clone)]
enum Cleanup {
    File(std::path::PathBuf),
    PgDatabase { admin_url: String, name: String },
}

fn unique_name() -> String {
    format!("ct_test_{}", uuid::Uuid::now_v7().simple())
}

/// The PostgreSQL server's URL without a database name.
/// Whether a PostgreSQL server was given (`CLAIMTRAIL_TEST_PG_URL`, or `PGHOST` as
/// `pg_virtualenv` sets it): the benchmarks measure it too when one was.
pub fn postgres_given() -> bool {
    std::env::var("CLAIMTRAIL_TEST_PG_URL").is_ok() || std::env::var("PGHOST").is_ok()
}

pub fn pg_base_url() -> String {
    if let Ok(url) = std::env::var("CLAIMTRAIL_TEST_PG_URL") {
        return url.trim_end_matches('/').to_owned();
    }
    let host = std::env::var("PGHOST").unwrap_or_else(|_| {
        panic!("PostgreSQL tests need a server: run them under `pg_virtualenv` (see README) or set CLAIMTRAIL_TEST_PG_URL")
    });
    let port = std::env::var("PGPORT").unwrap_or_else(|_| "5432".into());
    let user = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    let password = std::env::var("PGPASSWORD").unwrap_or_default();
    // A socket directory as host becomes a `host` query parameter.
    if host.starts_with('/') {
        format!("postgres://{user}:{password}@localhost:{port}?host={host}")
    } else {
        format!("postgres://{user}:{password}@{host}:{port}")
    }
}

fn pg_url_for(base: &str, dbname: &str) -> String {
    match base.split_once('?') {
        Some((b, q)) => format!("{b}/{dbname}?{q}"),
        None => format!("{base}/{dbname}"),
    }
}

/// The audit key of every test in this process (the server loads its own from a file): loaded
/// before any test database is made, so every event of every test is anchored.
pub const TEST_AUDIT_KEY: [u8; 32] = [0x5a; 32];

fn load_test_key() {
    app::server::services::audit::anchor::load(TEST_AUDIT_KEY).expect("one audit key per process");
}

impl TestDb {
    pub async fn sqlite() -> Self {
        load_test_key();
        let dir = std::env::temp_dir().join("claimtrail-tests");
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{}.db", unique_name()));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let conn = db::connect_and_migrate(&url)
            .await
            .expect("sqlite test database");
        TestDb {
            conn,
            url,
            cleanup: Cleanup::File(path),
        }
    }

    pub async fn postgres() -> Self {
        let mut db = Self::postgres_unmigrated().await;
        db.conn = db::connect_and_migrate(&db.url)
            .await
            .expect("postgres test database");
        db
    }

    /// A new, empty PostgreSQL database (for servers that migrate it themselves).
    pub async fn postgres_unmigrated() -> Self {
        load_test_key();
        let base = pg_base_url();
        let admin_url = pg_url_for(&base, "postgres");
        let name = unique_name();
        let admin = Database::connect(&admin_url)
            .await
            .expect("connect to PostgreSQL");
        admin
            .execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("CREATE DATABASE {name}"),
            ))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let url = pg_url_for(&base, &name);
        let conn = db::connect(&url).await.expect("postgres test database");
        TestDb {
            conn,
            url,
            cleanup: Cleanup::PgDatabase { admin_url, name },
        }
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub async fn drop_database(self) {
        self.conn.close().await.ok();
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PgDatabase { admin_url, name } => {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_raw(Statement::from_string(
                            DbBackend::Postgres,
                            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                        ))
                        .await;
                    admin.close().await.ok();
                }
            }
        }
    }

    /// Runs raw SQL (for tests that tamper with rows as an attacker would).
    pub async fn exec(&self, sql: &str) -> u64 {
        self.conn
            .execute_raw(Statement::from_string(self.backend(), sql.to_owned()))
            .await
            .expect("raw SQL")
            .rows_affected()
    }

    /// Makes filing an article into a story fail, as a database error would: a trigger refuses
    /// every `story_article` row. Articles and claims are still stored.
    pub async fn block_filing(&self) {
        let sql: &[&str] = match self.backend() {
            DbBackend::Postgres => &[
                "CREATE FUNCTION no_filing() RETURNS trigger AS $$ BEGIN \
                 RAISE EXCEPTION 'filing blocked'; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER no_filing BEFORE INSERT ON story_article \
                 FOR EACH ROW EXECUTE FUNCTION no_filing()",
            ],
            _ => &["CREATE TRIGGER no_filing BEFORE INSERT ON story_article \
                   BEGIN SELECT RAISE(ABORT, 'filing blocked'); END"],
        };
        for q in sql {
            self.exec(q).await;
        }
    }

    /// Undoes [`Self::block_filing`].
    pub async fn unblock_filing(&self) {
        self.exec(match self.backend() {
            DbBackend::Postgres => "DROP TRIGGER no_filing ON story_article",
            _ => "DROP TRIGGER no_filing",
        })
        .await;
    }

    /// A single number from a query such as `SELECT COUNT(*) FROM article`.
    pub async fn scalar(&self, sql: &str) -> i64 {
        let row = self
            .conn
            .query_one_raw(Statement::from_string(self.backend(), sql.to_owned()))
            .await
            .expect("query")
            .expect("a row");
        row.try_get_by_index::<i64>(0).expect("an integer")
    }
}
