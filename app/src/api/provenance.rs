//! Stories and provenance across articles, as `services::provenance`: reading a story (staff,
//! or its public part for anyone), confirming or rejecting a suggested link (reviewers), and
//! filing an article left out of every story (reviewers), and moving, merging, renaming,
//! relating and ranking (editors). Each checks the role first.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::{LinkState, PublicStory, StoryRef, StoryScreen, StorySummary};
use crate::error::AppError;

/// The stories, most recently changed first.
#[server]
pub async fn list_stories() -> Result<Vec<StorySummary>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    Ok(services::provenance::stories::list(&auth::state()?.db, 200, false).await?)
}

/// One screen of a story's staff page: a page of its clusters with the relations touching
/// them, each count's changes (`figures`: every report), the newest articles and chains
/// (`articles`: every one), and the first open suggestions, each with its whole count.
#[server]
pub async fn get_story(
    id: String,
    #[server(default)] page: usize,
    #[server(default)] all: bool,
    #[server(default)] figures: bool,
    #[server(default)] articles: bool,
) -> Result<StoryScreen, AppError> {
    use crate::domain::{Role, StoryQuery};
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    let query = StoryQuery {
        page,
        all,
        every_figure: figures,
        every_article: articles,
    };
    Ok(services::provenance::views::story_screen(&auth::state()?.db, &id, query).await?)
}

/// What anyone may see of a story once one of its claims is published.
#[server]
pub async fn get_public_story(slug: String) -> Result<PublicStory, AppError> {
    use crate::server::{auth, services};
    let st = auth::state()?;
    Ok(services::provenance::views::public_story(&st.db, &slug, &st.site).await?)
}

/// Confirms (`decision` = `confirm`) or rejects (`reject`) a suggested link between claims.
#[server]
pub async fn decide_link(id: Uuid, version: i32, decision: String) -> Result<LinkState, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let confirm = match decision.as_str() {
        "confirm" => true,
        "reject" => false,
        _ => return Err(AppError::invalid("Confirm or reject the suggestion")),
    };
    Ok(services::provenance::decisions::decide_link(
        &auth::state()?.db,
        id,
        version,
        confirm,
        &Who::user(&user),
    )
    .await?)
}

/// Files a stored article that is in no story (its filing failed when it was stored) now,
/// rather than when a server next starts. Reviewers, who may ingest.
#[server]
pub async fn file_article(article_id: Uuid) -> Result<StoryRef, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let db = &auth::state()?.db;
    let filed =
        services::provenance::filing::file_article(db, article_id, &Who::user(&user)).await?;
    // The story it was filed into, followed through any merge the filing made.
    let story = services::provenance::find_story(db, &filed.story_id.to_string()).await?;
    if auth::form_from_a_page() {
        leptos_axum::redirect(&format!("/articles/{article_id}"));
    }
    Ok(StoryRef {
        id: story.id,
        slug: story.slug,
        title: story.title,
    })
}

/// Moves articles (ids separated by spaces or commas) of `story` to the story `to`, or to a
/// new one (`to` = `new`).
#[server]
pub async fn move_articles(
    story: String,
    articles: String,
    to: String,
) -> Result<StoryRef, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    let ids = articles
        .split([' ', ',', '\n'])
        .filter(|s| !s.trim().is_empty())
        .map(|s| crate::api::parse::<Uuid>("article id", s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(services::provenance::stories::move_articles(
        &auth::state()?.db,
        &story,
        &ids,
        &to,
        &Who::user(&user),
    )
    .await?)
}

/// Merges `story` into the story `into`.
#[server]
pub async fn merge_story(story: String, into: String) -> Result<StoryRef, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    let to =
        services::provenance::stories::merge(&auth::state()?.db, &story, &into, &Who::user(&user))
            .await?;
    // The story merged away has no page any more: the form's page goes on to the one it joined.
    if auth::form_from_a_page() {
        leptos_axum::redirect(&format!("/review/stories/{}?merged=1", to.id));
    }
    Ok(to)
}

/// Renames a story, from the title the editor saw (`seen`: a rename made meanwhile is not
/// silently replaced).
#[server]
pub async fn rename_story(
    story: String,
    title: String,
    #[server(default)] seen: Option<String>,
) -> Result<StoryRef, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::provenance::stories::rename(
        &auth::state()?.db,
        &story,
        seen.as_deref(),
        &title,
        &Who::user(&user),
    )
    .await?)
}

/// Sets the relation between two clusters (each named `{claim}/{proposition}`), or removes it
/// (`relation` = `none`).
#[server]
pub async fn set_relation(
    story: String,
    from: String,
    to: String,
    relation: String,
    note: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::provenance::decisions::set_relation(
        &auth::state()?.db,
        &story,
        &from,
        &to,
        &relation,
        &note,
        &Who::user(&user),
    )
    .await?)
}

/// Ranks one value of a story's figure timeline (`preferred`, `normal`, `deprecated`).
#[server]
pub async fn rank_figure(
    story: String,
    claim_id: Uuid,
    category: String,
    value: String,
    rank: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    let value: f64 = crate::api::parse("number", &value)?;
    Ok(services::provenance::decisions::rank_figure(
        &auth::state()?.db,
        &story,
        claim_id,
        &category,
        value,
        &rank,
        &reason,
        &Who::user(&user),
    )
    .await?)
}
