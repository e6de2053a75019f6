//! The audit trail (editors and admins): newest first, filtered by who, entity, action and
//! dates, a page at a time, with the hash chain's check.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::audit::{VerifyAuditChain, audit_trail, last_chain_check};
use crate::components::error_view::{ActionError, ErrorView};
use crate::domain::{AuditFilter, ChainCheck};

fn audit_filter_of(q: &leptos_router::params::ParamsMap) -> AuditFilter {
    let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
    AuditFilter {
        actor: get("actor"),
        entity: get("entity"),
        action: get("action"),
        from: get("from"),
        to: get("to"),
        before: get("before").and_then(|b| b.parse().ok()),
    }
}

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let query = use_query_map();
    let verify = ServerAction::<VerifyAuditChain>::new();
    // After a check the page comes back with `verified` in its address; the result is read from
    // the trail, where the check recorded it (so an address cannot make one up).
    let checked = Resource::new(
        move || query.read().get("verified").is_some(),
        |asked| async move {
            if asked {
                last_chain_check().await
            } else {
                Ok(None)
            }
        },
    );
    let page = Resource::new(move || audit_filter_of(&query.read()), audit_trail);
    view! {
        <Title text="Audit trail"/>
        <h1>"Audit trail"</h1>
        <ActionForm action=verify attr:class="inline" attr:id="verify-chain">
            <button type="submit">"Verify the hash chain"</button>
        </ActionForm>
        <ActionError value=verify.value()/>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move { checked.await.ok().flatten().map(|(c, at)| chain_result(c, at)) })}
        </Transition>
        {move || {
            let f = audit_filter_of(&query.read());
            view! {
                <Form method="GET" action="" attr:class="filters">
                    <label>"Who" <input type="text" name="actor" value=f.actor.clone().unwrap_or_default()/></label>
                    <label>"Entity"
                        <select name="entity">
                            {["", "article", "claim", "source", "verdict", "comment", "user", "api_token", "audit"].into_iter().map(|e| view! {
                                <option value=e selected=f.entity.as_deref().unwrap_or("") == e>{if e.is_empty() { "Any" } else { e }}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>"Action" <input type="text" name="action" placeholder="verdict.approve" value=f.action.clone().unwrap_or_default()/></label>
                    <label>"From" <input type="date" name="from" value=f.from.clone().unwrap_or_default()/></label>
                    <label>"To" <input type="date" name="to" value=f.to.clone().unwrap_or_default()/></label>
                    <button type="submit">"Filter"</button>
                </Form>
            }
        }}
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let f = audit_filter_of(&query.read_untracked());
                        view! {
                            <ol class="history audit">
                                {p.rows.into_iter().map(|r| view! {
                                    <li>
                                        <span class="meta">"#" {r.seq} " · " {r.at} " · " {r.actor}</span>
                                        " " <code>{r.action}</code> " " <span class="meta">{r.entity_type}</span>
                                        {(!r.summary.is_empty()).then(|| view! { <span class="summary">" " {r.summary.clone()}</span> })}
                                    </li>
                                }).collect_view()}
                            </ol>
                            {p.next.map(|n| {
                                let mut parts: Vec<String> = Vec::new();
                                for (k, v) in [("actor", &f.actor), ("entity", &f.entity), ("action", &f.action), ("from", &f.from), ("to", &f.to)] {
                                    if let Some(v) = v { parts.push(format!("{k}={}", crate::components::query::encode(v))); }
                                }
                                parts.push(format!("before={n}"));
                                view! { <nav class="pager"><a rel="next" href=format!("?{}", parts.join("&"))>"Older events"</a></nav> }
                            })}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The newest check's result, with its time: an old check reads as old.
fn chain_result(c: ChainCheck, at: String) -> AnyView {
    match c.first_broken {
        None => view! { <p class="notice" role="status" id="chain-result">{format!("The chain holds: {} events, each linked to the one before (checked {at}).", c.events)}</p> }.into_any(),
        Some(seq) => view! { <p class="error" role="alert" id="chain-result">{format!("The chain is broken at event {seq}: that event or one before it was altered or removed (checked {at}).")}</p> }.into_any(),
    }
}
