//! The admin dashboard (editors and admins): tiles, charts drawn on the server as SVG (they
//! need no JavaScript), throughput, agreement; and the audit trail with its chain check.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::audit::{VerifyAuditChain, audit_trail};
use crate::api::dashboard::get_dashboard;
use crate::components::error_view::{ActionError, ErrorView};
use crate::domain::{AuditFilter, Dashboard};

fn duration(hours: Option<f64>) -> String {
    match hours {
        None => "—".to_owned(),
        Some(h) if h < 1.0 => format!("{:.0} min", h * 60.0),
        Some(h) if h < 48.0 => format!("{h:.1} h"),
        Some(h) => format!("{:.1} days", h / 24.0),
    }
}

/// A horizontal bar chart as SVG, with the numbers written out (and a table-like title for
/// screen readers).
#[component]
fn BarChart(title: String, bars: Vec<(String, String, u64)>) -> impl IntoView {
    let max = bars.iter().map(|(_, _, n)| *n).max().unwrap_or(0).max(1);
    let row = 26;
    let height = bars.len() * row + 4;
    let label = format!(
        "{title}: {}",
        bars.iter()
            .map(|(l, _, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 360 {height}") width="100%" role="img" aria-label=label>
                {bars.into_iter().enumerate().map(|(i, (l, class, n))| {
                    let y = i * row + 2;
                    let w = (n as f64 / max as f64 * 200.0).round();
                    view! {
                        <text x="0" y=y + 17 class="chart-label">{l}</text>
                        <rect x="120" y=y + 4 width=w height="18" rx="3" class=format!("bar {class}")></rect>
                        <text x=125.0 + w + 4.0 y=y + 17 class="chart-value">{n}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| get_dashboard());
    view! {
        <Title text="Dashboard"/>
        <div class="page-head">
            <h1>"Dashboard"</h1>
            <nav class="pager" aria-label="Administration">
                <a href="/admin/audit">"Audit trail"</a>
                <a href="/admin/articles">"Articles"</a>
                <a href="/admin/users">"Users and roles"</a>
            </nav>
        </div>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(d) => view! { <DashboardView d=d/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let rejected_share = if d.decided == 0 {
        "—".to_owned()
    } else {
        format!("{:.0} %", d.rejected as f64 / d.decided as f64 * 100.0)
    };
    let verdict_bars = d
        .verdicts
        .iter()
        .map(|(r, n)| (r.label().to_owned(), format!("rating-{}", r.as_str()), *n))
        .collect();
    let kind_bars = d
        .kinds
        .iter()
        .map(|(k, n)| (k.label().to_owned(), format!("kind-{}", k.as_str()), *n))
        .collect();
    let weeks = d.weeks;
    view! {
        <section class="tiles" aria-label="Figures">
            <div class="tile"><span class="tile-value" id="tile-backlog">{d.backlog}</span><span>"claims waiting"</span></div>
            <div class="tile"><span class="tile-value" id="tile-published-week">{d.published_this_week}</span><span>"published this week"</span></div>
            <div class="tile"><span class="tile-value">{duration(d.backlog_median_hours)}</span><span>"median wait (90th percentile " {duration(d.backlog_p90_hours)} ")"</span></div>
            <div class="tile"><span class="tile-value">{duration(d.median_hours_to_publish)}</span><span>"median from ingestion to published verdict (latest 1,000 in 90 days)"</span></div>
            <div class="tile"><span class="tile-value">{rejected_share}</span><span>"of decided proposals rejected (" {d.rejected} " of " {d.decided} ", last " {weeks} " weeks)"</span></div>
            <div class="tile"><span class="tile-value">{d.kappa.map_or_else(|| "—".to_owned(), |k| format!("{k:.2}"))}</span><span>"reviewer agreement, Cohen's κ over " {d.kappa_pairs} " pairs"</span></div>
        </section>
        <section class="tiles" aria-label="Claims by status">
            {d.by_status.iter().map(|(s, n)| view! {
                <div class="tile small" id=format!("status-{}", s.as_str())><span class="tile-value">{*n}</span><span>{s.label()}</span></div>
            }).collect_view()}
        </section>
        <div class="charts">
            <BarChart title="Verdicts in force".to_owned() bars=verdict_bars/>
            <BarChart title="Claims by kind".to_owned() bars=kind_bars/>
        </div>
        <section aria-labelledby="throughput-heading">
            <h2 id="throughput-heading">"Proposals per reviewer, last " {weeks} " weeks"</h2>
            {if d.throughput.is_empty() {
                view! { <p class="hint">"No verdict proposed in these weeks."</p> }.into_any()
            } else {
                view! {
                    <table class="users">
                        <thead><tr><th scope="col">"Reviewer"</th>
                            {(0..weeks).map(|i| view! { <th scope="col">{if i + 1 == weeks { "this week".to_owned() } else { format!("{} weeks ago", weeks - 1 - i) }}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {d.throughput.into_iter().map(|t| view! {
                                <tr><th scope="row">{t.name}</th>{t.weeks.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

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
    let page = Resource::new(
        move || (audit_filter_of(&query.read()), verify.version().get()),
        |(f, _)| audit_trail(f),
    );
    view! {
        <Title text="Audit trail"/>
        <h1>"Audit trail"</h1>
        <ActionForm action=verify attr:class="inline" attr:id="verify-chain">
            <button type="submit">"Verify the hash chain"</button>
        </ActionForm>
        <ActionError value=verify.value()/>
        {move || verify.value().get().and_then(Result::ok).map(|c| match c.first_broken {
            None => view! { <p class="notice" role="status" id="chain-result">"The chain holds: " {c.events} " events, each linked to the one before."</p> }.into_any(),
            Some(seq) => view! { <p class="error" role="alert" id="chain-result">"The chain is broken at event " {seq} ": that event or one before it was altered or removed."</p> }.into_any(),
        })}
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
