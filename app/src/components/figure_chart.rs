//! The figure tracker's chart: every reported value of one count as a point in publication
//! order, a step line through the values not disputed, a bar for a range, the preferred value
//! marked, and the table beside it. Drawn as SVG on the server, readable without JavaScript
//! and labelled for screen readers.

use leptos::prelude::*;

use crate::domain::{FigurePointView, FigureSeriesView, Rank};

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// Where the chart's marks go.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// (x, y) of each point, in the series' order.
    pub points: Vec<(f64, f64)>,
    /// The step line's path (`M … H … V …`), through the points not disputed.
    pub steps: String,
    /// For a range: (x, y of the high end, y of the low end).
    pub ranges: Vec<(f64, f64, f64)>,
    /// The value axis: the highest value shown and its y, and zero's y.
    pub top_value: f64,
    pub top_y: f64,
    pub zero_y: f64,
}

/// Whether a point stays off the step line: a count disputed by another party.
fn disputed(p: &FigurePointView) -> bool {
    p.rank == Rank::Deprecated && p.reason.starts_with("disputed")
}

/// The chart's geometry for a series: x by order of report, y by value from zero.
pub fn geometry(s: &FigureSeriesView) -> Geometry {
    let max = s
        .points
        .iter()
        .map(|p| p.high.unwrap_or(p.value).max(p.value))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    // A round top for the axis: 1, 2 or 5 times a power of ten.
    let magnitude = 10f64.powf(max.log10().floor());
    let top_value = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= max)
        .unwrap_or(max);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - v / top_value);
    let n = s.points.len().max(1) as f64;
    let step = (WIDTH - LEFT - RIGHT) / n;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let points: Vec<(f64, f64)> = s
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| (x(i), y(p.value)))
        .collect();
    let mut steps = String::new();
    for (i, p) in s.points.iter().enumerate() {
        if disputed(p) {
            continue;
        }
        let (px, py) = points[i];
        if steps.is_empty() {
            steps = format!("M {:.1} {py:.1}", px - step / 2.0);
        } else {
            steps.push_str(&format!(" H {px:.1} V {py:.1}"));
        }
    }
    if let Some((lx, _)) = s
        .points
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| !disputed(p))
        .map(|(i, _)| points[i])
    {
        steps.push_str(&format!(" H {:.1}", lx + step / 2.0));
    }
    let ranges = s
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((points[i].0, y(p.high?), y(p.low?))))
        .collect();
    Geometry {
        points,
        steps,
        ranges,
        top_value,
        top_y: y(top_value),
        zero_y: y(0.0),
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A point's value as a reader reads it: "at least 50", "between 200 and 300".
/// A point's tooltip: the value, then the outlet and the date where they are known.
fn point_title(p: &FigurePointView) -> String {
    std::iter::once(value_text(p))
        .chain(p.outlet.clone())
        .chain(p.as_of.clone())
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn value_text(p: &FigurePointView) -> String {
    match (p.low, p.high) {
        (Some(lo), Some(hi)) => format!("between {} and {}", number(lo), number(hi)),
        _ => match p.qualifier {
            crate::domain::Qualifier::Exact => number(p.value),
            q => format!("{} {}", q.label(), number(p.value)),
        },
    }
}

fn rank_label(r: Rank) -> &'static str {
    match r {
        Rank::Preferred => "preferred",
        Rank::Normal => "normal",
        Rank::Deprecated => "deprecated",
    }
}

/// One count's timeline: the chart and its table. `rank_form` draws an editor's rank control
/// for a point (index given), or nothing. `reports`: how many reports the count had before
/// its timeline was cut to its changes (`domain::fold_series`), and `every_href` where every
/// report is listed.
#[component]
pub fn FigureTracker(
    series: FigureSeriesView,
    #[prop(default = None)] rank_form: Option<Callback<usize, AnyView>>,
    #[prop(default = None)] reports: Option<usize>,
    #[prop(default = None)] every_href: Option<String>,
) -> impl IntoView {
    let folded = reports
        .filter(|&n| n > series.points.len())
        .map(|n| (n, series.points.len()));
    let g = geometry(&series);
    let preferred = series.preferred().map(value_text);
    let label = format!(
        "{}: {} reported values{}",
        series.category,
        series.points.len(),
        preferred
            .as_ref()
            .map(|p| format!(", preferred {p}"))
            .unwrap_or_default()
    );
    let marks = series
        .points
        .iter()
        .zip(&g.points)
        .map(|(p, &(x, y))| {
            let class = format!("point rank-{}", rank_label(p.rank));
            let r = if p.rank == Rank::Preferred { 6.0 } else { 4.0 };
            let title = point_title(p);
            view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r=r class=class><title>{title}</title></circle> }
        })
        .collect_view();
    let ranges = g
        .ranges
        .iter()
        .map(|&(x, hi, lo)| view! { <line x1=format!("{x:.1}") x2=format!("{x:.1}") y1=format!("{hi:.1}") y2=format!("{lo:.1}") class="range"></line> })
        .collect_view();
    let dates = series
        .points
        .iter()
        .zip(&g.points)
        .enumerate()
        .filter(|(i, (p, _))| *i == 0 || series.points[i - 1].as_of != p.as_of)
        .map(|(_, (p, &(x, _)))| {
            let d = p.as_of.clone().map(|d| d.get(5..).unwrap_or(&d).to_owned()).unwrap_or_default();
            view! { <text x=format!("{x:.1}") y=format!("{:.1}", HEIGHT - 14.0) class="chart-label axis-date">{d}</text> }
        })
        .collect_view();
    let rows = series
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let form = rank_form.map(|f| f.run(i));
            view! {
                <tr class=format!("rank-{}", rank_label(p.rank))>
                    <td>{p.as_of.clone().unwrap_or_else(|| "undated".into())}</td>
                    <td class="num">{value_text(p)}{p.hedged.then_some(" (hedged)")}</td>
                    <td>{p.outlet.clone().unwrap_or_default()}</td>
                    <td>{p.claimant.clone().unwrap_or_default()}</td>
                    <td><strong>{rank_label(p.rank)}</strong>{p.overridden.then_some(" (editor)")}<br/><span class="meta">{p.reason.clone()}</span></td>
                    {form.map(|f| view! { <td>{f}</td> })}
                </tr>
            }
        })
        .collect_view();
    let editing = rank_form.is_some();
    view! {
        <figure class="chart figure-tracker">
            <figcaption>
                <strong>{series.category.clone()}</strong>
                {preferred.map(|p| view! { " · preferred: " <strong class="preferred-value">{p}</strong> })}
            </figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" role="img" aria-label=label>
                <line x1=LEFT x2=WIDTH - RIGHT y1=format!("{:.1}", g.zero_y) y2=format!("{:.1}", g.zero_y) class="axis"></line>
                <line x1=LEFT x2=LEFT y1=format!("{:.1}", g.top_y) y2=format!("{:.1}", g.zero_y) class="axis"></line>
                <text x=LEFT - 6.0 y=format!("{:.1}", g.top_y + 4.0) class="chart-label axis-value">{number(g.top_value)}</text>
                <text x=LEFT - 6.0 y=format!("{:.1}", g.zero_y + 4.0) class="chart-label axis-value">"0"</text>
                <path d=g.steps.clone() class="steps"></path>
                {ranges}
                {marks}
                {dates}
            </svg>
            {folded.map(|(n, shown)| view! {
                <p class="meta">{n} " reports; the " {shown} " that changed the value (and the preferred one) are drawn and listed. "
                    {every_href.clone().map(|h| view! { <a href=h>"Show every report"</a> })}</p>
            })}
            <table class="figure-table">
                <thead><tr><th>"As of"</th><th>"Value"</th><th>"Outlet"</th><th>"Claimant"</th><th>"Rank"</th>{editing.then(|| view! { <th>"Editor"</th> })}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Qualifier;

    fn point(value: f64, rank: Rank, reason: &str) -> FigurePointView {
        FigurePointView {
            reason: reason.to_owned(),
            ..FigurePointView::bare(value, Qualifier::AtLeast, rank)
        }
    }

    #[test]
    fn a_point_says_only_what_is_known_of_it() {
        let bare = point(12.0, Rank::Preferred, "");
        assert_eq!(point_title(&bare), value_text(&bare));
        assert!(!point_title(&bare).contains('·'));
        let told = FigurePointView {
            outlet: Some("The Paper".into()),
            as_of: Some("2020-01-02".into()),
            ..bare.clone()
        };
        assert_eq!(
            point_title(&told),
            format!("{} · The Paper · 2020-01-02", value_text(&bare))
        );
    }

    #[test]
    fn the_step_line_skips_disputed_counts_and_rises_with_the_values() {
        let s = FigureSeriesView {
            category: "killed".into(),
            points: vec![
                point(10.0, Rank::Deprecated, "superseded by a later update"),
                point(
                    300.0,
                    Rank::Deprecated,
                    "disputed: another report contradicts or denies it",
                ),
                point(25.0, Rank::Preferred, "latest figure of its own"),
            ],
        };
        let g = geometry(&s);
        assert_eq!(g.top_value, 500.0);
        assert_eq!(g.points.len(), 3);
        // Higher values sit higher (smaller y); zero is at the bottom of the plot.
        assert!(g.points[1].1 < g.points[2].1 && g.points[2].1 < g.points[0].1);
        assert!(g.zero_y > g.points[0].1);
        // Two points on the line: one vertical step, and the disputed value is not on it.
        assert_eq!(g.steps.matches(" V ").count(), 1, "{}", g.steps);
        assert!(!g.steps.contains(&format!("{:.1}", g.points[1].1)));
        assert_eq!(value_text(&s.points[2]), "at least 25");
    }
}
