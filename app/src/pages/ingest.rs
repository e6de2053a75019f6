//! Adding an article by pasting its text: the claims are extracted and the article opens.

use leptos::prelude::*;
use leptos_meta::Title;

use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::articles::intake::{IngestArticle, UploadArticle};
use crate::components::current_user::CurrentUserResource;
use crate::components::error_view::{ActionError, ErrorPage, ErrorView, Typed, error_in_address};
use crate::error::AppError;

#[component]
pub fn IngestPage() -> impl IntoView {
    // Only the newsroom adds articles: a visitor is asked to sign in (and the page says 401).
    let user = expect_context::<CurrentUserResource>().0;
    view! {
        <Title text="Add article"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(_)) => view! { <IngestForm/> }.into_any(),
                    Ok(None) => view! { <h1>"Add an article"</h1><ErrorView error=AppError::Unauthenticated/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e title="Add article"/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn IngestForm() -> impl IntoView {
    let ingest = ServerAction::<IngestArticle>::new();
    // The upload is a multipart form (the island sends it in the background too). Posted without
    // JavaScript and refused, it comes back here with the error encoded in the address.
    let query = use_query_map();
    let upload_error = move || error_in_address(&query.read(), UploadArticle::PATH);
    // Refused without JavaScript (an address that is not http), the form comes back filled in.
    let typed = query.with_untracked(|q| Typed::in_address(q, IngestArticle::PATH));
    view! {
        <section>
            <h1>"Add an article"</h1>
            <p class="hint">"Paste the article's text. Details at its head are read automatically: TITLE:, PUBLISHER:, DATE: and URL: lines, front matter between --- lines, or a news site's export (title, image address, publisher, section and a DD/MM/YYYY HHhMM dateline). What you type in the fields below wins. The same text twice opens the copy already stored."</p>
            <ActionForm action=ingest attr:class="stack">
                <label for="title">"Title " <span class="hint">"(optional if the text starts with it)"</span></label>
                <input id="title" name="title" type="text" maxlength="500" value=typed.get("title")/>
                <label for="url">"Address of the article " <span class="hint">"(http or https)"</span></label>
                <input id="url" name="url" type="url" inputmode="url" placeholder="https://" value=typed.get("url")/>
                <label for="publisher">"Publisher"</label>
                <input id="publisher" name="publisher" type="text" maxlength="200" value=typed.get("publisher")/>
                <label for="published">"Publication date " <span class="hint">"(optional, YYYY-MM-DD)"</span></label>
                <input id="published" name="published_on" type="date" value=typed.get("published_on")/>
                <label for="text">"Text"</label>
                <textarea id="text" name="text" rows="16" required>{typed.get("text")}</textarea>
                <button type="submit" data-busy-label="Extracting claims…">"Add and extract claims"</button>
            </ActionForm>
            <ActionError value=ingest.value()/>
        </section>
        <section>
            <h2>"Or upload a file"</h2>
            <p class="hint">"A .txt or .md file, or a saved web page (.html): its main text is kept, navigation, scripts and ads are dropped. 2 MB at most. Details in the file are read as for pasted text; the fields below, when filled, win."</p>
            <form class="stack" method="post" enctype="multipart/form-data" action=UploadArticle::PATH>
                <label for="upload-file">"File"</label>
                <input id="upload-file" name="file" type="file" required accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"/>
                <label for="upload-title">"Title " <span class="hint">"(optional)"</span></label>
                <input id="upload-title" name="title" type="text" maxlength="500"/>
                <label for="upload-url">"Address of the article " <span class="hint">"(optional)"</span></label>
                <input id="upload-url" name="url" type="url" inputmode="url" placeholder="https://"/>
                <label for="upload-publisher">"Publisher " <span class="hint">"(optional)"</span></label>
                <input id="upload-publisher" name="publisher" type="text" maxlength="200"/>
                <label for="upload-published">"Publication date " <span class="hint">"(optional, YYYY-MM-DD)"</span></label>
                <input id="upload-published" name="published_on" type="date"/>
                <button type="submit">"Upload and extract claims"</button>
            </form>
            {move || upload_error().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
        </section>
    }
}
