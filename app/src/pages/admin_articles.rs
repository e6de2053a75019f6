//! Articles for editors: review progress, extracting claims again, deleting an article that
//! never had a claim published.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::articles::maintenance::{DeleteArticle, RerunExtraction, article_progress};
use crate::components::error_view::{ActionError, ErrorView};

#[component]
pub fn AdminArticlesPage() -> impl IntoView {
    let rerun = ServerAction::<RerunExtraction>::new();
    let delete = ServerAction::<DeleteArticle>::new();
    // After extracting again, the page comes back with the counts in its address.
    let query = use_query_map();
    let counts_in_address = move || {
        let q = query.read();
        let n = |k: &str| q.get(k).and_then(|v| v.parse::<u64>().ok());
        Some((n("removed")?, n("added")?))
    };
    let list = Resource::new(|| (), |_| article_progress());
    view! {
        <Title text="Articles"/>
        <h1>"Articles"</h1>
        <ActionError value=rerun.value()/>
        <ActionError value=delete.value()/>
        {move || counts_in_address().map(|(removed, added)| view! {
            <p class="notice" role="status">"Extracted again: " {added} " claims added, " {removed} " untouched claims replaced."</p>
        })}
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) => view! {
                        <table class="users articles-admin">
                            <thead><tr>
                                <th scope="col">"Article"</th><th scope="col">"Claims"</th><th scope="col">"Waiting"</th>
                                <th scope="col">"Published"</th><th scope="col">"Dismissed"</th><th scope="col">"Actions"</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|a| {
                                    let id = a.summary.id.to_string();
                                    let id2 = id.clone();
                                    let done = a.summary.claim_count.saturating_sub(a.awaiting);
                                    view! {
                                        <tr>
                                            <td><a href=format!("/articles/{id}")>{a.summary.title.clone()}</a>
                                                <br/><span class="meta">"ingested " {a.summary.ingested_at.clone()}</span></td>
                                            <td>{a.summary.claim_count}</td>
                                            <td>{a.awaiting}</td>
                                            <td>{a.published}</td>
                                            <td>{a.dismissed}</td>
                                            <td>
                                                <progress max=a.summary.claim_count.to_string() value=done.to_string() aria-label="Share of claims reviewed">{done}</progress>
                                                <ActionForm action=rerun attr:class="inline">
                                                    <input type="hidden" name="id" value=id/>
                                                    <button type="submit" class="secondary">"Extract again"</button>
                                                </ActionForm>
                                                {(a.published == 0).then(|| view! {
                                                    <ActionForm action=delete attr:class="inline">
                                                        <input type="hidden" name="id" value=id2/>
                                                        <button type="submit" class="danger">"Delete"</button>
                                                    </ActionForm>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
