//! The newsroom's article list, or a welcome for visitors.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::articles::list_articles;
use crate::components::error_view::ErrorPage;
use crate::error::AppError;

#[component]
pub fn HomePage() -> impl IntoView {
    let articles = Resource::new(|| (), |_| list_articles());
    view! {
        <Title text="Articles"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match articles.await {
                    Ok(list) => view! {
                        <div class="page-head">
                            <h1>"Articles"</h1>
                            <a class="button" href="/articles/new">"Add article"</a>
                        </div>
                        {if list.is_empty() {
                            view! { <p>"No articles yet. Add one to extract its claims."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="article-list">
                                    {list.into_iter().map(|a| view! {
                                        <li>
                                            <a href=format!("/articles/{}", a.id)>{a.title}</a>
                                            <p class="meta">
                                                {a.publisher.unwrap_or_default()}
                                                {a.published_at.map(|d| format!(" · {d}"))}
                                                " · " {a.claim_count} " claims"
                                            </p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <section class="welcome">
                            <h1>"Claimtrail"</h1>
                            <p>"Claimtrail finds the claims in news articles, anchors each to its exact words, and follows it through evidence, verdict and publication, so a reader can see where a claim first appeared, who made it, what was weighed and who decided."</p>
                            <p><a class="button" href="/login">"Sign in to the newsroom"</a></p>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e title="Claimtrail"/> }.into_any(),
                }
            })}
        </Transition>
    }
}
