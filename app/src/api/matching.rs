//! "Already fact-checked", as `services::matching`: the known fact-checks (ours and imported)
//! matched to a claim, a reviewer's decision on one, the staff list of imported fact-checks and
//! importing a file of them (editors). Each checks the role first.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use uuid::Uuid;

use crate::domain::{ImportSummary, KnownFactCheckPage, PriorChecks};
use crate::error::AppError;

/// The known fact-checks that best match a claim, with the reviewers' decisions on them.
#[server]
pub async fn get_prior_checks(claim_id: Uuid) -> Result<PriorChecks, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    let st = auth::state()?;
    Ok(services::matching::priors::for_claim(&st.db, &st.matcher, &st.site.url, claim_id).await?)
}

/// A reviewer's decision on a matched fact-check: `confirmed` ("same claim": linked as prior
/// work and attached as evidence) or `dismissed` ("not the same claim").
#[server]
pub async fn decide_prior_check(
    claim_id: Uuid,
    fact_check_id: Uuid,
    decision: String,
) -> Result<(), AppError> {
    use crate::domain::{MatchDecision, Role};
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let decision = match decision.as_str() {
        "confirmed" => MatchDecision::Confirmed,
        "dismissed" => MatchDecision::Dismissed,
        _ => return Err(AppError::invalid("Say whether it is the same claim")),
    };
    let st = auth::state()?;
    Ok(services::matching::priors::decide(
        &st.db,
        &st.matcher,
        &st.site.url,
        claim_id,
        fact_check_id,
        decision,
        &Who::user(&user),
    )
    .await?)
}

/// Imported fact-checks, newest first a page at a time, or the best matches for `q`.
#[server]
pub async fn list_known_fact_checks(
    q: Option<String>,
    after: Option<String>,
) -> Result<KnownFactCheckPage, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    let st = auth::state()?;
    Ok(
        services::matching::reviews::list(&st.db, &st.matcher, q.as_deref(), after.as_deref())
            .await?,
    )
}

/// Imports an uploaded file of fact-checks (ClaimReview JSON-LD or HTML carrying it, a Google
/// Fact Check Tools answer, or ClaimsKG-style CSV): editors only, one transaction, audited.
/// Bigger files go through `claimtrail claimreview import`.
#[server(input = MultipartFormData)]
pub async fn import_fact_checks(data: MultipartData) -> Result<ImportSummary, AppError> {
    use crate::domain::{MAX_BODY_BYTES, Role};
    use crate::server::services::{self, Who};
    use crate::server::{auth, documents};
    let user = auth::require(Role::Editor).await?;
    let st = auth::state()?;
    let mut form = documents::read_form(data, MAX_BODY_BYTES).await?;
    let (_, bytes) = form
        .file
        .take()
        .ok_or_else(|| AppError::invalid("Choose a file of fact-checks to import"))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(AppError::invalid(format!(
            "The file is larger than {} MB: import it with `claimtrail claimreview import`",
            MAX_BODY_BYTES / (1024 * 1024)
        )));
    }
    let summary = services::matching::reviews::import(
        &st.db,
        &st.matcher,
        &bytes,
        &Who::user(&user),
        &|_, _| {},
    )
    .await?;
    // A plain form (it works without wasm) lands on the list with the import's summary.
    leptos_axum::redirect(&format!("/review/fact-checks?import={}", summary.id));
    Ok(summary)
}

/// What an import did, as its audit record keeps it.
#[server]
pub async fn get_import_summary(id: Uuid) -> Result<ImportSummary, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    Ok(services::matching::reviews::summary_of(&auth::state()?.db, id).await?)
}
