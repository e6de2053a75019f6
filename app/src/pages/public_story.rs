//! A story's public page, once one of its claims is published: the published claims with their
//! verdicts and every place each appeared (first appearance first), how they relate, and the
//! timeline of the counts they report, as a chart with its table. A document: it reads whole
//! without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::provenance::get_public_story;
use crate::components::error_view::ErrorPage;
use crate::components::figure_chart::FigureTracker;
use crate::components::rating_badge::RatingBadge;
use crate::domain::{
    APPEARANCES_SHOWN, AppearanceView, ClusterView, FIGURE_ROWS, PublicStory, fold_series,
};

#[component]
pub fn PublicStoryPage() -> impl IntoView {
    let params = use_params_map();
    let every_figure = use_query_map()
        .read_untracked()
        .get("figures")
        .is_some_and(|v| v == "all");
    let story = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_public_story,
    );
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match story.await {
                    Ok(s) => view! { <Story s=s every_figure=every_figure/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e title="Story"/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// An appearance as readers see it: the outlet, the article (linked to the publisher's page)
/// and the date.
#[component]
pub fn PublicAppearance(a: AppearanceView) -> impl IntoView {
    let title = a.article_title.clone();
    view! {
        <span class="appearance">
            <strong>{a.outlet.clone().unwrap_or_else(|| "An outlet".into())}</strong>
            " · "
            {match a.url.clone() {
                Some(u) => view! { <a href=u rel="noopener noreferrer nofollow">{title}</a> }.into_any(),
                None => view! { <span>{title}</span> }.into_any(),
            }}
            " · " {a.published.clone().unwrap_or_else(|| "undated".into())}
        </span>
    }
}

/// A published claim's cluster: its first appearances (the fact-check lists every one).
#[component]
fn PublicCluster(c: ClusterView) -> impl IntoView {
    let total = c.appearances.len();
    let slug = c.verdict.as_ref().map(|v| v.slug.clone());
    // Without a fact-check page to list the rest, every appearance is listed here.
    let shown = if slug.is_some() {
        APPEARANCES_SHOWN
    } else {
        total
    };
    let more = total.saturating_sub(shown);
    view! {
        <li class="cluster" id=format!("cluster-{}", c.index)>
            <p class="claim-head">
                <span class="badge">{c.kind.label()}</span>
                {c.verdict.clone().map(|v| view! { " " <RatingBadge rating=v.rating/> })}
            </p>
            {c.quote.clone().map(|q| view! { <p class="queue-quote">"“" {q} "”"</p> })}
            {c.verdict.clone().map(|v| view! { <p><a href=format!("/claims/{}", v.slug)>"Read the fact-check"</a></p> })}
            <p class="meta">"Where it appeared, first appearance first:"</p>
            <ol class="appearances">
                {c.appearances.iter().take(shown).cloned().map(|a| view! { <li><PublicAppearance a=a/></li> }).collect_view()}
            </ol>
            {(more > 0).then(|| view! {
                <p class="meta">"… and " {more} " more: "
                    <a href=format!("/claims/{}?appearances=all#appearances", slug.clone().unwrap_or_default())>"the fact-check lists every one"</a></p>
            })}
        </li>
    }
}

#[component]
fn Story(s: PublicStory, every_figure: bool) -> impl IntoView {
    let description = format!(
        "{}: {} fact-checked claims, where each appeared and how the reported figures changed.",
        s.story.title,
        s.clusters.iter().filter(|c| c.verdict.is_some()).count()
    );
    let clusters = s.clusters.clone();
    let title = move |i: usize| {
        clusters
            .get(i)
            .and_then(|c| c.quote.clone())
            .unwrap_or_else(|| "a claim".to_owned())
    };
    view! {
        <Title text=s.story.title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=s.url.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=s.story.title.clone()/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=s.url.clone()/>
        <Meta property="og:site_name" content=s.organisation.clone()/>
        <article class="story public-story">
            <p class="crumbs"><a href="/claims">"Fact-checks"</a></p>
            <h1>{s.story.title.clone()}</h1>
            <section aria-labelledby="claims-heading">
                <h2 id="claims-heading">"Fact-checked claims"</h2>
                <ol class="clusters">
                    {s.clusters.iter().cloned().map(|c| view! { <PublicCluster c=c/> }).collect_view()}
                </ol>
            </section>
            {(!s.relations.is_empty()).then(|| view! {
                <section aria-labelledby="relations-heading">
                    <h2 id="relations-heading">"How the claims relate"</h2>
                    <ul class="relations">
                        {s.relations.iter().map(|r| view! {
                            <li>"“" {title(r.from)} "” " <strong>{r.kind.as_str()}</strong> " “" {title(r.to)} "”"
                                <br/><span class="meta">{r.reason.clone()}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!s.figures.is_empty()).then(|| view! {
                <section aria-labelledby="figures-heading">
                    <h2 id="figures-heading">"Reported figures"</h2>
                    <p class="hint">"The values the articles above reported, in order; the preferred value is the latest official figure, earlier ones are kept with the reason they were set aside."</p>
                    {s.figures.iter().map(|f| {
                        let reports = f.points.len();
                        let shown = if every_figure { f.clone() } else { fold_series(f, FIGURE_ROWS) };
                        let every = (reports > shown.points.len()).then(|| "?figures=all#figures-heading".to_owned());
                        view! { <FigureTracker series=shown reports=Some(reports) every_href=every/> }
                    }).collect_view()}
                </section>
            })}
            {(!s.chains.is_empty()).then(|| view! {
                <section aria-labelledby="chains-heading">
                    <h2 id="chains-heading">"Who told whom"</h2>
                    <ul class="chains">{s.chains.iter().map(|c| view! { <li>{c.tellers.join(" → ")}</li> }).collect_view()}</ul>
                </section>
            })}
            <p class="meta share">"Link to this story: " <a href=s.url.clone()>{s.url.clone()}</a>
                " · " <a href=format!("/api/v1/stories/{}", s.story.slug)>"JSON"</a></p>
        </article>
    }
}
