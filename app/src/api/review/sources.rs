//! Evidence attached to a claim: adding, correcting, archiving and withdrawing sources.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::api::parse;
use crate::domain::{SourceForm, SourceView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn source_input(
    f: SourceForm,
) -> Result<crate::server::services::review::sources::SourceInput, AppError> {
    Ok(crate::server::services::review::sources::SourceInput {
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
    Ok(
        services::review::sources::add(&auth::state()?.db, claim_id, &input, &Who::user(&user))
            .await?,
    )
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
    Ok(services::review::sources::update(
        &auth::state()?.db,
        id,
        version,
        &input,
        &Who::user(&user),
    )
    .await?)
}

/// Withdraws a source, with the reason.
#[server]
pub async fn remove_source(id: Uuid, version: i32, reason: String) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who};
    let user = auth::require(Role::Reviewer).await?;
    Ok(services::review::sources::remove(
        &auth::state()?.db,
        id,
        version,
        &reason,
        &Who::user(&user),
    )
    .await?)
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
    let source =
        services::review::sources::archive(db, id, version, &doc.text, &Who::user(&user)).await?;
    leptos_axum::redirect(&format!("/review/claims/{}#sources", source.claim_id));
    Ok(source)
}
