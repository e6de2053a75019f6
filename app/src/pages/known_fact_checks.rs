//! Known fact-checks: other organisations' fact-checks, imported so that every claim is matched
//! against them. Staff list and search them; editors import a file (a plain multipart form, so it
//! works without wasm) and land back here on the import's summary.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::api::matching::{ImportFactChecks, get_import_summary, list_known_fact_checks};
use crate::components::current_user::CurrentUserResource;
use crate::components::error_view::{ErrorView, error_in_address};
use crate::components::query::encode;
use crate::components::rating_badge::RatingBadge;
use crate::domain::{ImportSummary, KnownFactCheck, Role};

#[component]
pub fn KnownFactChecksPage() -> impl IntoView {
    let user = expect_context::<CurrentUserResource>().0;
    let query = use_query_map();
    let words = move || query.read().get("q").filter(|q| !q.trim().is_empty());
    let list = Resource::new(
        move || (words(), query.read().get("after")),
        |(q, after)| list_known_fact_checks(q, after),
    );
    let summary = Resource::new(
        move || {
            query
                .read()
                .get("import")
                .and_then(|s| Uuid::parse_str(&s).ok())
        },
        |id| async move {
            match id {
                Some(id) => get_import_summary(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let upload_error = move || error_in_address(&query.read(), ImportFactChecks::PATH);
    view! {
        <Title text="Known fact-checks"/>
        <div class="page-head">
            <h1>"Known fact-checks"</h1>
        </div>
        <p class="hint">
            "Fact-checks published by other organisations, imported so that every claim is matched against them and against ours. They are listed as their publishers rated them, and never shown as ours."
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(Some(s)) => view! { <ImportReport s=s/> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let editor = user.await.ok().flatten().is_some_and(|u| u.role.includes(Role::Editor));
                editor.then(|| view! {
                    <section aria-labelledby="import-heading">
                        <h2 id="import-heading">"Import fact-checks"</h2>
                        <p class="hint">
                            "schema.org ClaimReview as JSON-LD (one, a list or a DataFeed) or in saved web pages, a Google Fact Check Tools answer, or CSV with ClaimReview columns (as ClaimsKG exports them). Importing the same review again updates it. 2 MB at most here; bigger files with "
                            <code>"claimtrail claimreview import"</code> "."
                        </p>
                        <form class="stack" method="post" enctype="multipart/form-data" action=ImportFactChecks::PATH>
                            <label for="import-file">"File"</label>
                            <input id="import-file" name="file" type="file" required accept=".json,.jsonld,.html,.htm,.csv,application/json,application/ld+json,text/html,text/csv"/>
                            <button type="submit">"Import"</button>
                        </form>
                        {move || upload_error().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
                    </section>
                })
            })}
        </Suspense>
        <section aria-labelledby="list-heading">
            <h2 id="list-heading">"Imported"</h2>
            <Form method="GET" action="" attr:class="filters" attr:role="search" attr:aria-label="Search the known fact-checks">
                <label>
                    "Claim or words"
                    <input type="search" name="q" maxlength="1000" value=move || words().unwrap_or_default()/>
                </label>
                <button type="submit">"Search"</button>
            </Form>
            <Transition fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let searching = words();
                    match list.await {
                        Ok(page) => view! {
                            <p class="meta" aria-live="polite">
                                {match &searching {
                                    Some(_) => format!("The best matches among {} imported fact-checks", page.total),
                                    None => format!("{} imported fact-checks, newest first", page.total),
                                }}
                            </p>
                            {if page.items.is_empty() {
                                view! { <p>"Nothing here yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="known-checks">
                                        {page.items.into_iter().map(|fc| view! { <KnownItem fc=fc/> }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            <nav class="pager" aria-label="Pages">
                                {page.next.map(|n| view! { <a rel="next" href=format!("?after={}", encode(&n))>"Older"</a> })}
                            </nav>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn KnownItem(fc: KnownFactCheck) -> impl IntoView {
    view! {
        <li class="known-check">
            <p class="claim-head">
                {fc.rating.map(|r| view! { <RatingBadge rating=r/> })}
                {fc.textual_rating.clone().filter(|t| fc.rating.is_none_or(|r| !r.label().eq_ignore_ascii_case(t))).map(|t| view! { <span class="badge subtle" title="The verdict in the publisher's words">{t}</span> })}
                <span class="meta">
                    {fc.publisher.clone().unwrap_or_else(|| "Publisher unknown".into())}
                    {fc.date_published.clone().map(|d| format!(" · {d}"))}
                    {fc.language.clone().map(|l| format!(" · {l}"))}
                </span>
            </p>
            <p class="prior-claim" dir="auto">{fc.claim_reviewed.clone()}</p>
            <p class="meta"><a href=fc.url.clone() rel="noopener noreferrer nofollow" dir="auto">{fc.title.clone().unwrap_or_else(|| fc.url.clone())}</a></p>
        </li>
    }
}

#[component]
fn ImportReport(s: ImportSummary) -> impl IntoView {
    let listed = s.skipped.len();
    view! {
        <section class="import-report" role="status" aria-labelledby="report-heading">
            <h2 id="report-heading">"Import done"</h2>
            <p>
                {format!(
                    "{} read ({}): {} new, {} updated, {} unchanged, {} skipped. {} ratings map to our scale; {} are kept as published only.",
                    s.read, s.format, s.new, s.updated, s.unchanged, listed + s.skipped_unlisted, s.rating_mapped, s.rating_unmapped,
                )}
            </p>
            {(listed > 0).then(|| view! {
                <details>
                    <summary>"Why items were skipped"</summary>
                    <ul>
                        {s.skipped.into_iter().map(|k| view! { <li><code>{k.at}</code> " " {k.reason}</li> }).collect_view()}
                    </ul>
                    {(s.skipped_unlisted > 0).then(|| view! { <p class="hint">{format!("and {} more", s.skipped_unlisted)}</p> })}
                </details>
            })}
        </section>
    }
}
