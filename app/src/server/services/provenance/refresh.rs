//! Keeping a watched story's page current in the background. After a change to a story (a
//! filing, an edit of one of its claims, a reviewer's or an editor's decision, a move), the
//! story's views are assembled again off the request that made the change, once the story has
//! been quiet for a moment, so the next reader finds them ready instead of paying for the
//! derivation (a third of a second at a thousand articles).
//!
//! A refresh is exactly a page read nobody waits for (`views::assembled`): it decides nothing
//! and changes nothing stored, and a reader never depends on it (every read checks the kept
//! views against the database's stamp, so a refresh that is late, stale or lost only costs that
//! reader the assembly). Only stories whose views are kept (read lately) are refreshed; a burst
//! of changes to one story gives one refresh after it; one refresh runs at a time in the
//! process, so a busy newsroom's changes never take more than one core from the readers.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::Duration;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::views;
use crate::server::entities::{claim, story_article};

/// How long a story must be quiet (no further change) before it is refreshed: a filing's
/// edits and an editor's run of decisions come in bursts, and each refresh of a large story
/// costs a third of a second.
const QUIET: Duration = Duration::from_millis(250);

/// The stories waiting for a refresh, each with a count of the changes asked for it; the
/// task that refreshes a story leaves once no change came while it waited or worked.
static PENDING: LazyLock<Mutex<HashMap<Uuid, u64>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// One refresh at a time in the process.
static ONE_AT_A_TIME: LazyLock<tokio::sync::Semaphore> =
    LazyLock::new(|| tokio::sync::Semaphore::new(1));

/// A change whose story is looked up in the background.
enum Lookup {
    Claim(Uuid),
    Article(Uuid),
}

/// A story changed: its views are refreshed once it is quiet, if someone reads them. The story
/// is counted now, so a caller sees it pending as soon as this returns.
pub fn story_changed(db: &DatabaseConnection, story_id: Uuid) {
    // Outside a runtime (a synchronous caller) there is nothing to run it on, and nothing lost:
    // the next reader assembles the views.
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    if views::is_kept(story_id)
        && let Some(count) = ask(story_id)
    {
        // Made before the task, so a task dropped unpolled (a runtime shutting down) still
        // lets the story go.
        let leave = Leave(Some(story_id));
        let db = db.clone();
        runtime.spawn(async move { refresh_when_quiet(&db, story_id, count, leave).await });
    }
}

/// A claim changed: its story's views are refreshed once it is quiet, if someone reads them.
/// The story is looked up in the background, not by the request that changed the claim.
pub fn claim_changed(db: &DatabaseConnection, claim_id: Uuid) {
    after_lookup(db, Lookup::Claim(claim_id));
}

/// An article's claims changed (extracted again): its story's views are refreshed once it is
/// quiet, if someone reads them.
pub fn article_changed(db: &DatabaseConnection, article_id: Uuid) {
    after_lookup(db, Lookup::Article(article_id));
}

fn after_lookup(db: &DatabaseConnection, lookup: Lookup) {
    // Nothing is read lately (or no runtime to run on): no story to look up.
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    if !views::any_kept() {
        return;
    }
    let db = db.clone();
    runtime.spawn(async move {
        let story = match lookup {
            Lookup::Claim(id) => story_of_claim(&db, id).await,
            Lookup::Article(id) => story_of_article(&db, id).await,
        };
        if let Some(story) = story.filter(|&s| views::is_kept(s))
            && let Some(count) = ask(story)
        {
            refresh_when_quiet(&db, story, count, Leave(Some(story))).await;
        }
    });
}

/// Counts a change asked for `story`; returns the count when no task is refreshing the story
/// yet (the caller becomes that task), `None` when one is (it sees the new count).
fn ask(story: Uuid) -> Option<u64> {
    let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
    match pending.get_mut(&story) {
        Some(count) => {
            *count += 1;
            None
        }
        None => {
            pending.insert(story, 0);
            Some(0)
        }
    }
}

fn count_of(story: Uuid) -> Option<u64> {
    PENDING
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&story)
        .copied()
}

/// Takes the story out of the pending ones if its task ends otherwise than by finishing (a
/// panic, or the task dropped), so later changes start a new one.
struct Leave(Option<Uuid>);

impl Drop for Leave {
    fn drop(&mut self) {
        if let Some(story) = self.0 {
            PENDING
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&story);
        }
    }
}

async fn refresh_when_quiet(db: &DatabaseConnection, story: Uuid, mut seen: u64, mut leave: Leave) {
    loop {
        tokio::time::sleep(QUIET).await;
        let now = count_of(story).unwrap_or(seen);
        if now != seen {
            // Still changing: wait for it to be quiet.
            seen = now;
            continue;
        }
        {
            let _turn = ONE_AT_A_TIME.acquire().await;
            if let Err(e) = read(db, story).await {
                tracing::warn!(error = %e, %story, "refreshing the story's views failed");
            }
        }
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        match pending.get(&story) {
            // A change came while it was refreshed: once more, when quiet.
            Some(&now) if now != seen => seen = now,
            _ => {
                pending.remove(&story);
                leave.0 = None;
                return;
            }
        }
    }
}

/// The page read nobody waits for.
async fn read(db: &DatabaseConnection, story: Uuid) -> Result<(), super::ServiceError> {
    let s = super::find_story(db, &story.to_string()).await?;
    views::assembled(db, &s).await.map(|_| ())
}

async fn story_of_article(db: &DatabaseConnection, article_id: Uuid) -> Option<Uuid> {
    story_article::Entity::find_by_id(article_id)
        .one(db)
        .await
        .ok()
        .flatten()
        .map(|m| m.story_id)
}

async fn story_of_claim(db: &DatabaseConnection, claim_id: Uuid) -> Option<Uuid> {
    story_article::Entity::find()
        .select_only()
        .column(story_article::Column::StoryId)
        .filter(
            story_article::Column::ArticleId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(claim::Column::ArticleId)
                    .from(claim::Entity)
                    .and_where(claim::Column::Id.eq(claim_id))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await
        .ok()
        .flatten()
}

/// Whether a refresh of the story is waiting or running (tests wait for it to end).
pub fn pending(story: Uuid) -> bool {
    count_of(story).is_some()
}
