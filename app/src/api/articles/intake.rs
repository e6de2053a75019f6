//! Ingesting articles: pasted text or an uploaded file. Newsroom material, so a signed-in
//! reviewer is needed.

use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::domain::IngestOutcome;
use crate::error::AppError;

/// Stores pasted text as an article, extracts its claims, and opens it. The same text twice
/// opens the stored copy. Details given in the form win over those read from the text.
#[server]
pub async fn ingest_article(
    title: String,
    url: String,
    publisher: String,
    text: String,
    #[server(default)] published_on: String,
) -> Result<IngestOutcome, AppError> {
    use crate::domain::Role;
    use crate::server::auth;
    use crate::server::services::{self, Who, articles::intake::NewArticle};
    let user = auth::require(Role::Reviewer).await?;
    let st = auth::state()?;
    let outcome = services::articles::intake::ingest(
        &st.db,
        NewArticle {
            title: Some(title),
            url: Some(url),
            publisher: Some(publisher),
            published_at: published_day(&published_on)?,
            text,
            ..NewArticle::default()
        },
        &Who::user(&user),
    )
    .await?;
    if !outcome.duplicate {
        // The queue's "likely already fact-checked" knows the new claims at once.
        services::matching::priors::after_ingest(&st.db, &st.matcher, outcome.article_id).await;
    }
    leptos_axum::redirect(&article_address(&outcome));
    Ok(outcome)
}

/// Stores an uploaded `.txt`, `.md` or `.html` file as an article (HTML reduced to its main
/// text), extracts its claims and opens it. A plain multipart form, so it works without wasm.
#[server(input = MultipartFormData)]
pub async fn upload_article(data: MultipartData) -> Result<IngestOutcome, AppError> {
    use crate::domain::MAX_BODY_BYTES;
    use crate::domain::Role;
    use crate::server::services::{self, Who, articles::intake::NewArticle};
    use crate::server::{auth, documents};
    let user = auth::require(Role::Reviewer).await?;
    let st = auth::state()?;
    let mut upload = documents::read_form(data, MAX_BODY_BYTES).await?;
    let (name, bytes) = upload
        .file
        .take()
        .ok_or_else(|| AppError::invalid("Choose a file to upload"))?;
    let url = upload.text("url");
    let (title, publisher) = (upload.text("title"), upload.text("publisher"));
    let published_at = published_day(&upload.text("published_on"))?;
    // Reading HTML (the readability pass) is CPU work like extraction: in the bounded pool,
    // off the async workers.
    let doc = crate::server::work::extraction()
        .run(move || documents::read(&name, &bytes))
        .await
        .map_err(services::ServiceError::from)?
        .map_err(AppError::Invalid)?;
    let outcome = services::articles::intake::ingest(
        &st.db,
        NewArticle {
            // What the person typed wins over what the file says.
            title: Some(title).filter(|t| !t.trim().is_empty()).or(doc.title),
            byline: doc.byline,
            publisher: Some(publisher)
                .filter(|p| !p.trim().is_empty())
                .or(doc.publisher),
            published_at,
            url: Some(url),
            text: doc.text,
            ..NewArticle::default()
        },
        &Who::user(&user),
    )
    .await?;
    if !outcome.duplicate {
        // The queue's "likely already fact-checked" knows the new claims at once.
        services::matching::priors::after_ingest(&st.db, &st.matcher, outcome.article_id).await;
    }
    leptos_axum::redirect(&article_address(&outcome));
    Ok(outcome)
}

/// A publication day typed in a form (blank: none, or what the text says), as the start of
/// that day.
#[cfg(feature = "ssr")]
fn published_day(typed: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    let today = crate::server::services::articles::details::today();
    Ok(crate::domain::parse_published_on(typed, today)
        .map_err(AppError::Invalid)?
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc()))
}

/// Where an ingest lands: the article, saying so when the text was already stored.
#[cfg(feature = "ssr")]
fn article_address(outcome: &IngestOutcome) -> String {
    if outcome.duplicate {
        format!("/articles/{}?duplicate=1", outcome.article_id)
    } else {
        format!("/articles/{}", outcome.article_id)
    }
}
