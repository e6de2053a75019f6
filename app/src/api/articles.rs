//! Articles, as `services::articles`: the list and one article with its claims; ingesting
//! (`intake`) and looking after them (`maintenance`). Newsroom material, so every call needs a
//! signed-in reviewer (editors for maintenance).

pub mod intake;
pub mod maintenance;

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::{ArticleSummary, ArticleView};
use crate::error::AppError;

#[server]
pub async fn list_articles() -> Result<Vec<ArticleSummary>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    Ok(services::articles::list(&auth::state()?.db, 100).await?)
}

#[server]
pub async fn get_article(id: Uuid) -> Result<ArticleView, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    Ok(services::articles::get(&auth::state()?.db, id).await?)
}
