//! The dashboard, for editors and admins.

use leptos::prelude::*;

use crate::domain::Dashboard;
use crate::error::AppError;

/// The newsroom at a glance.
#[server]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Editor).await?;
    Ok(services::dashboard::dashboard(&auth::state()?.db).await?)
}
