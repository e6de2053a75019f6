//! Published fact-checks, for anyone, as `services::publishing`: no sign-in, nothing unpublished.

use leptos::prelude::*;

use crate::domain::{PublicClaim, PublicFilter, PublicList};
use crate::error::AppError;

/// The public page of a published claim.
#[server]
pub async fn get_public_claim(slug: String) -> Result<PublicClaim, AppError> {
    use crate::server::{auth, services};
    let st = auth::state()?;
    Ok(services::publishing::fact_checks::page(&st.db, &slug, &st.site).await?)
}

/// Published claims, newest first, filtered and searched.
#[server]
pub async fn list_public_claims(
    #[server(default)] filter: PublicFilter,
) -> Result<PublicList, AppError> {
    use crate::server::{auth, services};
    let st = auth::state()?;
    Ok(services::publishing::listing::list(&st.db, &filter, 20).await?)
}
