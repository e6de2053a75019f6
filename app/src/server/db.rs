//! Opening the database: SQLite by default (WAL, foreign keys, a sized pool), PostgreSQL when the
//! URL says so, and running the migrations.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// The default database: a file under `data/`, created on first start.
pub const DEFAULT_SQLITE_URL: &str = "sqlite://data/claimtrail.db?mode=rwc";

/// Opens the database at `url` and applies every pending migration.
///
/// # Errors
/// The connection or a migration failed; the error names the cause.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    let lock = StartupLock::take(&db).await?;
    let migrated = Migrator::up(&db, None).await;
    lock.release().await;
    migrated?;
    Ok(db)
}

/// The advisory lock key servers starting on one PostgreSQL database queue on.
const STARTUP_LOCK: i64 = super::services::lock_keys::STARTUP;

/// Held while a server changes the database at start (migrations, demo data). Several servers
/// starting at once on one PostgreSQL database take turns: the first migrates, the others find
/// nothing left to do (without it two would create the same tables and one would fail). SQLite
/// has one server and needs no lock.
pub struct StartupLock(Option<sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Postgres>>);

impl StartupLock {
    /// Waits for the lock (PostgreSQL), on a connection of its own.
    ///
    /// # Errors
    /// No connection could be had or the lock could not be asked for.
    pub async fn take(db: &DatabaseConnection) -> Result<Self, DbErr> {
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(StartupLock(None));
        }
        let mut conn = db
            .get_postgres_connection_pool()
            .acquire()
            .await
            .map_err(|e| DbErr::Custom(format!("no connection for the startup lock: {e}")))?;
        sea_orm::sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(STARTUP_LOCK)
            .execute(&mut *conn)
            .await
            .map_err(|e| DbErr::Custom(format!("could not take the startup lock: {e}")))?;
        Ok(StartupLock(Some(conn)))
    }

    /// Lets the next server in.
    pub async fn release(mut self) {
        if let Some(mut conn) = self.0.take() {
            let unlocked = sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(STARTUP_LOCK)
                .execute(&mut *conn)
                .await;
            if unlocked.is_err() {
                // Closing the session is what releases a lock it could not give back.
                drop(conn.detach());
            }
        }
    }
}

impl Drop for StartupLock {
    fn drop(&mut self) {
        // Never handed back to the pool still holding the lock: closing the connection frees it.
        if let Some(conn) = self.0.take() {
            drop(conn.detach());
        }
    }
}

/// Opens the database at `url` without migrating.
///
/// # Errors
/// The URL is malformed, the file's folder cannot be created, or the server refused the connection.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_path(url)
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    let is_sqlite = url.starts_with("sqlite:");
    // SQLite in WAL mode lets readers run beside the one writer; a few connections serve the
    // readers, and the busy timeout makes a second writer wait its turn instead of failing.
    opts.max_connections(if is_sqlite { 4 } else { 16 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if is_sqlite {
        opts.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .foreign_keys(true)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
        });
    }
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Checked, not assumed: a wrong pragma would silently drop referential integrity.
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA foreign_keys",
            ))
            .await?;
        let on: i32 = row.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(0);
        if on != 1 {
            return Err(DbErr::Custom(
                "SQLite foreign keys could not be enabled".into(),
            ));
        }
    }
    Ok(db)
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn finds_the_sqlite_file_in_a_url() {
        assert_eq!(
            sqlite_path("sqlite://data/x.db?mode=rwc"),
            Some("data/x.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }
}
