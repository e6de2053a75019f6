//! The matcher a server holds: the in-memory index of every known fact-check, rebuilt from the
//! database at start and kept current from it. Before each query it reads the one-row revision
//! counter (a primary-key lookup); when another server (or this one) imported, published or
//! retracted a fact-check, the counter has moved and only what changed is read. So several
//! servers on one PostgreSQL answer the same matches, and the database stays the truth.

use std::sync::Arc;

use sea_orm::ConnectionTrait;
use tokio::sync::{Mutex, RwLock};
use uuid::Uuid;

use super::index::Index;
use super::rank::{self, MODELS, Query, Ranking, Why};
use super::store;
use crate::server::services::ServiceError;

/// The index and the revision it reflects.
#[derive(Default)]
struct Loaded {
    index: Index,
    /// `None` until the first load.
    revision: Option<i64>,
}

/// A server's matcher. Cheap to clone (shared).
#[derive(Clone, Default)]
pub struct Matcher {
    loaded: Arc<RwLock<Loaded>>,
    /// One refresh at a time; queries keep reading the index meanwhile.
    refreshing: Arc<Mutex<()>>,
}

/// A ranking with the reason for each of its first items.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    pub ranking: Ranking,
    /// For `ranking.items[..whys.len()]`.
    pub whys: Vec<Why>,
}

impl Matcher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Brings the index up to the database's revision.
    ///
    /// # Errors
    /// `Db`.
    pub async fn refresh<C: ConnectionTrait>(&self, conn: &C) -> Result<(), ServiceError> {
        let current = store::revision(conn).await?;
        if self.loaded.read().await.revision == Some(current) {
            return Ok(());
        }
        let _one = self.refreshing.lock().await;
        let seen = self.loaded.read().await.revision;
        if seen == Some(current) {
            return Ok(());
        }
        // Read outside the write lock: queries go on against the current index meanwhile.
        let since = seen.unwrap_or(-1);
        let mut changed = Vec::new();
        store::imported_since(conn, since, |rows| {
            changed.extend(rows.iter().map(store::doc_of));
        })
        .await?;
        let own = store::own_published(conn).await?;
        let mut loaded = self.loaded.write().await;
        for d in &changed {
            loaded.index.upsert(d);
        }
        let keep: std::collections::HashSet<Uuid> = own.iter().map(|d| d.key).collect();
        for key in loaded.index.own_keys() {
            if !keep.contains(&key) {
                loaded.index.remove(key);
            }
        }
        let stale: Vec<&super::index::DocInput> =
            own.iter().filter(|d| !loaded.index.holds(d)).collect();
        for d in stale {
            loaded.index.upsert(d);
        }
        loaded.revision = Some(current);
        tracing::debug!(
            revision = current,
            changed = changed.len(),
            own = own.len(),
            total = loaded.index.len(),
            "matching index refreshed"
        );
        Ok(())
    }

    /// How many fact-checks the index holds (as of the last refresh).
    pub async fn len(&self) -> usize {
        self.loaded.read().await.index.len()
    }

    /// Whether the index holds no fact-check (as of the last refresh).
    pub async fn is_empty(&self) -> bool {
        self.len().await == 0
    }

    /// Ranks the known fact-checks for `query`, leaving `exclude` out, explaining the first
    /// `explain` of them.
    ///
    /// # Errors
    /// `Db`; `Internal` if the shipped model does not load.
    pub async fn rank<C: ConnectionTrait>(
        &self,
        conn: &C,
        query: &Query,
        exclude: Option<Uuid>,
        explain: usize,
    ) -> Result<Answer, ServiceError> {
        self.refresh(conn).await?;
        let models = models()?;
        let loaded = self.loaded.read().await;
        Ok(answer(&loaded.index, models, query, exclude, explain))
    }

    /// Ranks for each of `queries` (a query and the claim it leaves out) as `rank` does, against
    /// one refresh of the index: a batch of claims costs one read of the revision, not one each.
    ///
    /// # Errors
    /// `Db`; `Internal` if the shipped model does not load.
    pub async fn rank_all<C: ConnectionTrait>(
        &self,
        conn: &C,
        queries: &[(Query, Option<Uuid>)],
        explain: usize,
    ) -> Result<Vec<Answer>, ServiceError> {
        self.refresh(conn).await?;
        let models = models()?;
        let loaded = self.loaded.read().await;
        Ok(queries
            .iter()
            .map(|(query, exclude)| answer(&loaded.index, models, query, *exclude, explain))
            .collect())
    }
}

fn models() -> Result<&'static rank::Models, ServiceError> {
    MODELS
        .as_ref()
        .map_err(|e| ServiceError::Internal(e.clone()))
}

/// The ranking for `query` in `index`, with the reasons for its first `explain` items.
fn answer(
    index: &Index,
    models: &rank::Models,
    query: &Query,
    exclude: Option<Uuid>,
    explain: usize,
) -> Answer {
    let ranking = rank::rank(index, models, query, exclude);
    let whys = ranking
        .items
        .iter()
        .take(explain)
        .map(|item| rank::why(index, query, item))
        .collect();
    Answer { ranking, whys }
}
