//! The admin dashboard (editors and admins): tiles, charts drawn on the server as SVG (they
//! need no JavaScript), throughput, agreement.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::dashboard::get_dashboard;
use crate::components::current_user::CurrentUserResource;
use crate::components::error_view::ErrorView;
use crate::domain::{Dashboard, Role};

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
    let user = expect_context::<CurrentUserResource>().0;
    view! {
        <Title text="Dashboard"/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                // The administration links are for those the dashboard is for; the users page
                // for admins only.
                let admin = user.await.ok().flatten().is_some_and(|u| u.role.includes(Role::Admin));
                match dashboard.await {
                    Ok(d) => view! {
                        <div class="page-head">
                            <h1>"Dashboard"</h1>
                            <nav class="pager" aria-label="Administration">
                                <a href="/admin/audit">"Audit trail"</a>
                                <a href="/admin/articles">"Articles"</a>
                                {admin.then(|| view! { <a href="/admin/users">"Users and roles"</a> })}
                            </nav>
                        </div>
                        <DashboardView d=d/>
                    }
                    .into_any(),
                    Err(e) => view! { <h1>"Dashboard"</h1><ErrorView error=e/> }.into_any(),
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
                            {(0..weeks).map(|i| view! { <th scope="col">{match weeks - 1 - i { 0 => "this week".to_owned(), 1 => "last week".to_owned(), n => format!("{n} weeks ago") }}</th> }).collect_view()}
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
