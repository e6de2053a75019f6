//! Adding an article by pasting its text: the claims are extracted and the article opens.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::articles::IngestArticle;
use crate::components::error_view::ActionError;

#[component]
pub fn IngestPage() -> impl IntoView {
    let ingest = ServerAction::<IngestArticle>::new();
    let pending = ingest.pending();
    view! {
        <Title text="Add article"/>
        <section>
            <h1>"Add an article"</h1>
            <p class="hint">"Paste the article's text. A text exported from a news site (title, image address, publisher, section and a DD/MM/YYYY HHhMM dateline before the body) has its details read automatically. The same text twice opens the copy already stored."</p>
            <ActionForm action=ingest attr:class="stack">
                <label for="title">"Title " <span class="hint">"(optional if the text starts with it)"</span></label>
                <input id="title" name="title" type="text" maxlength="500"/>
                <label for="url">"Address of the article " <span class="hint">"(http or https)"</span></label>
                <input id="url" name="url" type="url" inputmode="url" placeholder="https://"/>
                <label for="publisher">"Publisher"</label>
                <input id="publisher" name="publisher" type="text"/>
                <label for="text">"Text"</label>
                <textarea id="text" name="text" rows="16" required></textarea>
                <button type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { "Extracting claims…" } else { "Add and extract claims" }}
                </button>
            </ActionForm>
            <ActionError value=ingest.value()/>
        </section>
    }
}
