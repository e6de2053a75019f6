//! The reviewer workflow: the queue, the claim workspace, sources, verdicts and comments. Every
//! function checks the caller's role first; every write names the version it was made against.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use uuid::Uuid;

use crate::domain::{
    ClaimView, ClaimWorkspace, CommentView, QueueFilter, QueuePage, SourceForm, SourceView,
    VerdictView,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn parse<T: std::str::FromStr>(what: &str, value: &str) -> Result<T, AppError> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(format!("'{value}' is not a valid {what}")))
}

/// One page of the review queue.
#[server]
pub async fn review_queue(filter: QueueFilter) -> Result<QueuePage, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::queue::page(&auth::state()?.db, &filter, user.id).await?)
}

/// Everything about one claim, for its workspace.
#[server]
pub async fn get_claim_workspace(id: Uuid) -> Result<ClaimWorkspace, AppError> {
    use crate::domain::Role;
    use crate::server::{auth, services};
    auth::require(Role::Reviewer).await?;
    Ok(services::review::workspace(&auth::state()?.db, id).await?)
}

/// Takes a claim on (`to` = `me`) or gives it back (`to` = `none`).
#[server]
pub async fn assign_claim(id: Uuid, version: i32, to: String) -> Result<ClaimView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let assignee = match to.as_str() {
        "me" => Some(user.id),
        "none" => None,
        _ => {
            return Err(AppError::invalid(
                "Assign the claim to yourself or to nobody",
            ));
        }
    };
    Ok(
        services::review::assign(&auth::state()?.db, id, version, assignee, &Who::user(&user))
            .await?,
    )
}

#[cfg(feature = "ssr")]
fn source_input(f: SourceForm) -> Result<crate::server::services::sources::SourceInput, AppError> {
    Ok(crate::server::services::sources::SourceInput {
        stance: parse("stance", &f.stance)?,
        kind: parse("kind of source", &f.kind)?,
        url: f.url,
        title: f.title,
        publisher: Some(f.publisher),
        published_on: Some(f.published_on),
        excerpt: f.excerpt,
        archived_text: Some(f.archived_text),
    })
}

/// Attaches a source to a claim. Only http(s) addresses; the pasted text (or the excerpt) is
/// archived with its SHA-256.
#[server]
pub async fn add_source(claim_id: Uuid, source: SourceForm) -> Result<SourceView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let input = source_input(source)?;
    Ok(services::sources::add(&auth::state()?.db, claim_id, &input, &Who::user(&user)).await?)
}

/// Corrects a source; an empty archived text keeps the archived copy.
#[server]
pub async fn update_source(
    id: Uuid,
    version: i32,
    source: SourceForm,
) -> Result<SourceView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let input = source_input(source)?;
    Ok(
        services::sources::update(&auth::state()?.db, id, version, &input, &Who::user(&user))
            .await?,
    )
}

/// Withdraws a source, with the reason.
#[server]
pub async fn remove_source(id: Uuid, version: i32, reason: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(
        services::sources::remove(&auth::state()?.db, id, version, &reason, &Who::user(&user))
            .await?,
    )
}

/// Keeps an uploaded copy of a source (.txt, .md or a saved .html page, reduced to its text)
/// as its archived copy. A plain multipart form, so it works without wasm.
#[server(input = MultipartFormData)]
pub async fn upload_source_copy(data: MultipartData) -> Result<SourceView, AppError> {
    use crate::domain::MAX_BODY_BYTES;
    use crate::domain::Role;
    use crate::server::services::{self, Who};
    use crate::server::{auth, documents};
    let user = auth::require(Role::Reviewer).await?;
    let mut form = documents::read_form(data, MAX_BODY_BYTES).await?;
    let id: Uuid = parse("source", &form.text("id"))?;
    let version: i32 = parse("version", &form.text("version"))?;
    let (name, bytes) = form
        .file
        .take()
        .ok_or_else(|| AppError::invalid("Choose the file with the source's text"))?;
    let doc = documents::read(&name, &bytes).map_err(AppError::Invalid)?;
    let db = &auth::state()?.db;
    let source = services::sources::archive(db, id, version, &doc.text, &Who::user(&user)).await?;
    leptos_axum::redirect(&format!("/review/claims/{}#sources", source.claim_id));
    Ok(source)
}

/// Proposes a verdict: a rating, a rationale in Markdown, resting on the claim's sources.
#[server]
pub async fn propose_verdict(
    claim_id: Uuid,
    version: i32,
    rating: String,
    rationale: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    let rating = parse("rating", &rating)?;
    Ok(services::verdicts::propose(
        &auth::state()?.db,
        claim_id,
        version,
        rating,
        &rationale,
        &Who::user(&user),
    )
    .await?)
}

/// Approves a proposed verdict, publishing the claim. Editors only, never the proposer.
#[server]
pub async fn approve_verdict(
    id: Uuid,
    version: i32,
    note: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(
        services::verdicts::approve(&auth::state()?.db, id, version, &note, &Who::user(&user))
            .await?,
    )
}

/// Rejects a proposed verdict with a reason, sending the claim back. Editors only.
#[server]
pub async fn reject_verdict(
    id: Uuid,
    version: i32,
    reason: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(
        services::verdicts::reject(&auth::state()?.db, id, version, &reason, &Who::user(&user))
            .await?,
    )
}

/// Retracts a published fact-check with a reason readers will see. Editors only.
#[server]
pub async fn retract_claim(
    claim_id: Uuid,
    version: i32,
    reason: String,
) -> Result<VerdictView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Editor).await?;
    Ok(services::verdicts::retract(
        &auth::state()?.db,
        claim_id,
        version,
        &reason,
        &Who::user(&user),
    )
    .await?)
}

/// Adds a comment to a claim's discussion.
#[server]
pub async fn add_comment(claim_id: Uuid, body: String) -> Result<CommentView, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::comments::add(&auth::state()?.db, claim_id, &body, &Who::user(&user)).await?)
}
