//! The review queue: claims waiting for someone, filtered by a plain GET form (so the filter is
//! a shareable address and works without JavaScript), a page at a time by keyset cursor.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api::review::queue::review_queue;
use crate::api::review::workspace::AssignClaim;
use crate::components::error_view::{ActionError, ErrorView};
use crate::domain::{ClaimKind, QueueFilter, QueueItem, QueueSort, ReviewStatus};

/// The filter a query string describes; unknown values are ignored.
fn filter_of(q: &ParamsMap) -> QueueFilter {
    let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
    QueueFilter {
        status: get("status").and_then(|s| s.parse().ok()),
        kind: get("kind").and_then(|s| s.parse().ok()),
        article: get("article").and_then(|s| uuid::Uuid::parse_str(&s).ok()),
        assignee: get("assignee"),
        q: get("q"),
        sort: match get("sort").as_deref() {
            Some("oldest") => QueueSort::Oldest,
            _ => QueueSort::Checkworthiness,
        },
        prior: get("prior").is_some(),
        grouped: get("grouped").is_some(),
        after: get("after"),
    }
}

/// The query string of `filter` starting after `after`.
fn query_of(filter: &QueueFilter, after: Option<&str>) -> String {
    let mut parts: Vec<(String, String)> = Vec::new();
    if let Some(s) = filter.status {
        parts.push(("status".into(), s.as_str().into()));
    }
    if let Some(k) = filter.kind {
        parts.push(("kind".into(), k.as_str().into()));
    }
    if let Some(a) = filter.article {
        parts.push(("article".into(), a.to_string()));
    }
    if let Some(a) = &filter.assignee {
        parts.push(("assignee".into(), a.clone()));
    }
    if let Some(q) = &filter.q {
        parts.push(("q".into(), q.clone()));
    }
    if filter.prior {
        parts.push(("prior".into(), "1".into()));
    }
    if filter.grouped {
        parts.push(("grouped".into(), "1".into()));
    }
    if filter.sort == QueueSort::Oldest {
        parts.push(("sort".into(), "oldest".into()));
    }
    if let Some(a) = after {
        parts.push(("after".into(), a.to_owned()));
    }
    let encoded: Vec<String> = parts
        .into_iter()
        .map(|(k, v)| format!("{k}={}", crate::components::query::encode(&v)))
        .collect();
    format!("?{}", encoded.join("&"))
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let query = use_query_map();
    let assign = ServerAction::<AssignClaim>::new();
    let page = Resource::new(move || filter_of(&query.read()), review_queue);
    view! {
        <Title text="Review queue"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let filter = filter_of(&query.read_untracked());
                match page.await {
                    Ok(p) => view! {
                        <div class="page-head">
                            <h1>"Review queue"</h1>
                            <p class="waiting"><strong>{p.waiting}</strong> " claims waiting"</p>
                        </div>
                        <QueueFilters filter=filter.clone()/>
                        <ActionError value=assign.value()/>
                        // The claim may leave a filtered list once assigned: say where it is.
                        // A claim taken on comes back as its id in the address.
                        {query.read_untracked().get("assigned").and_then(|id| uuid::Uuid::parse_str(&id).ok()).map(|id| view! {
                            <p class="notice" role="status">
                                "Assigned to you: " <a href=format!("/review/claims/{id}")>"open the claim"</a>
                            </p>
                        })}
                        <p class="meta" aria-live="polite">
                            {p.total} " match this filter"
                            {p.total_includes_repeats.then_some(", repeats included; each claim cluster is one row")}
                        </p>
                        {if p.items.is_empty() {
                            view! { <p>"Nothing here: no claim matches this filter."</p> }.into_any()
                        } else {
                            view! {
                                <ol class="queue">
                                    {p.items.into_iter().map(|item| view! { <QueueRow item=item assign=assign/> }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                        <nav class="pager" aria-label="Pages">
                            {filter.after.is_some().then(|| view! { <a href=query_of(&filter, None)>"First page"</a> })}
                            {p.next.map(|n| view! { <a rel="next" href=query_of(&filter, Some(&n))>"Next page"</a> })}
                        </nav>
                    }.into_any(),
                    Err(e) => view! { <h1>"Review queue"</h1><ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn QueueFilters(filter: QueueFilter) -> impl IntoView {
    view! {
        <Form method="GET" action="" attr:class="filters" attr:aria-label="Filter the queue">
            <label>
                "Status"
                <select name="status">
                    <option value="" selected=filter.status.is_none()>"Waiting (all)"</option>
                    {ReviewStatus::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=filter.status == Some(*s)>{s.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Kind"
                <select name="kind">
                    <option value="" selected=filter.kind.is_none()>"Any"</option>
                    {ClaimKind::ALL.iter().map(|k| view! {
                        <option value=k.as_str() selected=filter.kind == Some(*k)>{k.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Assignee"
                <select name="assignee">
                    {[("", "Anyone"), ("me", "Me"), ("none", "Nobody")].into_iter().map(|(v, l)| view! {
                        <option value=v selected=filter.assignee.as_deref().unwrap_or("") == v>{l}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                "Words"
                <input type="search" name="q" value=filter.q.clone().unwrap_or_default() maxlength="200"/>
            </label>
            <label>
                "Order"
                <select name="sort">
                    <option value="" selected=filter.sort == QueueSort::Checkworthiness>"Most check-worthy"</option>
                    <option value="oldest" selected=filter.sort == QueueSort::Oldest>"Oldest first"</option>
                </select>
            </label>
            <label class="check">
                <input type="checkbox" name="prior" value="1" checked=filter.prior/>
                "Likely already fact-checked"
            </label>
            <label class="check">
                <input type="checkbox" name="grouped" value="1" checked=filter.grouped/>
                "One row per claim cluster"
            </label>
            {filter.article.map(|a| view! { <input type="hidden" name="article" value=a.to_string()/> })}
            <button type="submit">"Filter"</button>
        </Form>
    }
}

#[component]
fn QueueRow(item: QueueItem, assign: ServerAction<AssignClaim>) -> impl IntoView {
    let c = item.claim;
    let href = format!("/review/claims/{}", c.id);
    view! {
        <li class=format!("queue-item kind-{}", c.kind.as_str())>
            <p class="claim-head">
                <span class="badge">{c.kind.label()}</span>
                <span class=format!("status status-{}", c.status.as_str())>{c.status.label()}</span>
                <span class="score" title="Check-worthiness">{format!("{:.0}%", c.checkworthiness * 100.0)}</span>
                {item.likely_prior.then(|| view! { <span class="badge prior">"likely fact-checked before"</span> })}
                {(item.repeated_by > 0).then(|| view! {
                    <span class="badge repeated">{match item.repeated_by {
                        1 => "1 more appearance".to_owned(),
                        n => format!("{n} more appearances"),
                    }}</span>
                })}
            </p>
            <p class="queue-quote"><a href=href>{c.quote.clone()}</a></p>
            <p class="meta">
                {item.article_title} " · waiting since " {item.waiting_since} " · "
                {match item.assignee {
                    Some(a) => format!("assigned to {}", a.name),
                    None => "unassigned".to_owned(),
                }}
            </p>
            {c.assignee_id.is_none().then(|| view! {
                <ActionForm action=assign attr:class="inline">
                    <input type="hidden" name="id" value=c.id.to_string()/>
                    <input type="hidden" name="version" value=c.version.to_string()/>
                    <input type="hidden" name="to" value="me"/>
                    <button type="submit" class="secondary">"Assign to me"</button>
                </ActionForm>
            })}
        </li>
    }
}
