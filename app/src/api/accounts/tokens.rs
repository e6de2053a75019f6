//! API tokens: each signed-in person sees and revokes their own; admins see and revoke
//! everyone's. Tokens are made with `claimtrail token create`.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::TokenView;
use crate::error::AppError;

/// The signed-in person's tokens, or every token for an admin.
#[server]
pub async fn list_tokens() -> Result<Vec<TokenView>, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    let user = auth::require(Role::Reviewer).await?;
    let owner = (user.role != Role::Admin).then_some(user.id);
    Ok(services::accounts::tokens::list(&auth::state()?.db, owner).await?)
}

/// Revokes a token: one's own, or any for an admin.
#[server]
pub async fn revoke_token(id: Uuid) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let owner = (user.role != Role::Admin).then_some(user.id);
    Ok(
        services::accounts::tokens::revoke(&auth::state()?.db, id, owner, &Who::user(&user))
            .await?,
    )
}
