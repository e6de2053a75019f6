//! The public face of Claimtrail: a published fact-check's page, made to be shared (it reads
//! whole without JavaScript, on a phone, and carries ClaimReview markup for search engines),
//! and the list of published fact-checks with search.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::publishing::{get_public_claim, list_public_claims};
use crate::components::error_view::{ErrorPage, ErrorView};
use crate::components::rating_badge::RatingBadge;
use crate::domain::{
    ClaimKind, PublicClaim, PublicFilter, PublicSource, Rating, Stance, VerdictState, claimreview,
    relation_phrase,
};
use crate::pages::PublicAppearance;

#[component]
pub fn FactCheckPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_public_claim);
    // `?appearances=all`: every report that carried the claim, not only the first ones.
    let every = crate::components::query::every_appearance_asked();
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <ClaimReviewPage p=p every=every/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e title="Fact-check"/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn verdict_sentence(p: &PublicClaim) -> String {
    let who = p
        .claim
        .claimant
        .clone()
        .or_else(|| p.article.publisher.clone())
        .unwrap_or_else(|| "A news report".to_owned());
    match &p.verdict {
        Some(v) if v.state == VerdictState::Retracted => {
            format!("Retracted fact-check of a claim by {who}.")
        }
        Some(v) => format!(
            "{}: {who} claimed “{}”.",
            v.rating.label(),
            short(&p.claim.quote, 140)
        ),
        None => format!("A claim by {who}, under review."),
    }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

#[component]
fn ClaimReviewPage(p: PublicClaim, every: bool) -> impl IntoView {
    // The page, its JSON and the feed carry the one ClaimReview the service built; the page's
    // copy lists the appearances the page lists.
    let org = p.organisation.clone();
    let json_ld = p
        .claim_review
        .as_ref()
        .map(|r| claimreview::script_safe(&claimreview::on_page(r, every)));
    let title = match &p.verdict {
        Some(v) if v.state == VerdictState::Retracted => {
            format!("Retracted: {}", short(&p.claim.quote, 70))
        }
        Some(v) => format!("{}: {}", v.rating.label(), short(&p.claim.quote, 70)),
        None => short(&p.claim.quote, 80),
    };
    let description = verdict_sentence(&p);
    let grouped: Vec<(Stance, Vec<PublicSource>)> = Stance::ALL
        .iter()
        .map(|s| {
            (
                *s,
                p.sources
                    .iter()
                    .filter(|x| x.stance == *s)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let slug = p.slug.clone();
    let c = p.claim.clone();
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=p.url.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=p.url.clone()/>
        <Meta property="og:site_name" content=org.clone()/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        <article class="fact-check">
            {json_ld.map(|j| view! { <script type="application/ld+json" inner_html=j></script> })}
            <p class="crumbs"><a href="/claims">"Fact-checks"</a></p>
            {match p.verdict.clone() {
                Some(v) if v.state == VerdictState::Retracted => view! {
                    <div class="retraction-notice" role="note">
                        <strong>"This fact-check was retracted"</strong>
                        " on " {v.retracted_at.clone().unwrap_or_default()} ": " {v.retraction_note.clone().unwrap_or_default()}
                    </div>
                }.into_any(),
                _ => ().into_any(),
            }}
            <header>
                <p class="claim-head">
                    <span class="badge">{c.kind.label()}</span>
                    <span class="meta">"Fact-check published " <time datetime=p.published_on.clone()>{p.published_on.clone()}</time>
                    {(p.modified_on != p.published_on).then(|| view! { " · updated " <time datetime=p.modified_on.clone()>{p.modified_on.clone()}</time> })}</span>
                </p>
                <h1 class="claim-quote">"“" {c.quote.clone()} "”"</h1>
                <p class="claimed-by">
                    {c.claimant.clone().map_or_else(
                        || format!("As reported by {}", p.article.publisher.clone().unwrap_or_else(|| "the article".into())),
                        |who| format!("Claimed by {who}"),
                    )}
                    {c.target.clone().map(|t| format!(" · about {t}"))}
                </p>
            </header>
            {p.verdict.clone().map(|v| view! {
                <section class="verdict-box" aria-labelledby="verdict-heading">
                    <h2 id="verdict-heading" class="visually-hidden">"Verdict"</h2>
                    <RatingBadge rating=v.rating big=true/>
                    <div class="rationale" inner_html=v.rationale_html.clone()></div>
                    <p class="meta">
                        "Proposed by " {v.proposed_by.name.clone()}
                        {v.decided_by.clone().map(|d| format!(", approved by {} on {}", d.name, v.decided_at.clone().unwrap_or_default()))}
                    </p>
                </section>
            })}
            <section aria-labelledby="evidence-heading">
                <h2 id="evidence-heading">"Evidence weighed"</h2>
                {if grouped.is_empty() {
                    view! { <p class="hint">"This verdict rests on no source (the claim is unproven)."</p> }.into_any()
                } else {
                    grouped.into_iter().map(|(stance, list)| {
                        let slug = slug.clone();
                        view! {
                            <h3>{match stance { Stance::Supports => "Supporting the claim", Stance::Refutes => "Refuting the claim", Stance::Context => "Context" }}</h3>
                            <ul class="sources">
                                {list.into_iter().map(|s| view! { <PublicSourceItem s=s slug=slug.clone()/> }).collect_view()}
                            </ul>
                        }
                    }).collect_view().into_any()
                }}
            </section>
            <section aria-labelledby="provenance-heading">
                <h2 id="provenance-heading">"Where the claim appeared"</h2>
                <p>
                    {p.article.url.clone().map_or_else(
                        || view! { <strong>{p.article.title.clone()}</strong> }.into_any(),
                        |u| view! { <a href=u rel="noopener noreferrer nofollow">{p.article.title.clone()}</a> }.into_any(),
                    )}
                    {p.article.publisher.clone().map(|x| format!(" · {x}"))}
                    {p.article.published_at.clone().map(|d| format!(" · published {d}"))}
                </p>
                <blockquote class="in-context">
                    <span class="context">"…" {c.prefix.clone()}</span>
                    <mark>{c.quote.clone()}</mark>
                    <span class="context">{c.suffix.clone()} "…"</span>
                </blockquote>
                {p.provenance.clone().map(|prov| {
                    let (appearances, total) = prov.listed_appearances(every);
                    let listed = appearances.len();
                    view! {
                        {(total > 1).then(|| view! {
                            <h3 id="appearances">"Where this claim appeared"</h3>
                            <p class="hint">"The same claim in " {total} " reports, first appearance first."
                                {(listed < total).then(|| view! {
                                    " The first " {listed} " are listed: "
                                    <a href="?appearances=all#appearances">"list all " {total}</a>
                                })}
                            </p>
                            <ol class="appearances">
                                {appearances.into_iter().enumerate().map(|(i, a)| view! {
                                    <li>
                                        <PublicAppearance a=a/>
                                        {(i == 0).then(|| view! { " " <strong class="first-appearance">"first appearance"</strong> })}
                                    </li>
                                }).collect_view()}
                            </ol>
                        })}
                        {(!prov.relations.is_empty()).then(|| view! {
                            <h3>"Related fact-checks"</h3>
                            <ul class="relations">
                                {prov.relations.iter().map(|r| {
                                    let phrase = format!("This claim {}", relation_phrase(r.kind, r.outgoing));
                                    view! {
                                        <li>
                                            {phrase} " “"
                                            {match r.other_slug.clone() {
                                                Some(s) => view! { <a href=format!("/claims/{s}")>{r.other_quote.clone().unwrap_or_default()}</a> }.into_any(),
                                                None => view! { <span>{r.other_quote.clone().unwrap_or_default()}</span> }.into_any(),
                                            }}
                                            "”"
                                            {r.other_verdict.clone().map(|v| view! { " " <RatingBadge rating=v.rating/> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                        <p class="meta"><a href=format!("/stories/{}", prov.story.slug)>"The story: " {prov.story.title.clone()}</a></p>
                    }
                    .into_any()
                })}
            </section>
            {(!p.earlier.is_empty()).then(|| view! {
                <section aria-labelledby="earlier-heading">
                    <h2 id="earlier-heading">"Earlier verdicts"</h2>
                    <ul class="verdicts">
                        {p.earlier.iter().map(|v| view! {
                            <li class="verdict verdict-superseded">
                                <RatingBadge rating=v.rating/>
                                " · approved " {v.decided_at.clone().unwrap_or_default()} " · superseded"
                                <div class="rationale" inner_html=v.rationale_html.clone()></div>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="history-heading">
                <h2 id="history-heading">"History"</h2>
                <ol class="history">
                    {p.history.iter().map(|h| view! {
                        <li><span class="meta">{h.at.clone()} " · " {h.actor.clone()}</span> " " {h.summary.clone()}</li>
                    }).collect_view()}
                </ol>
            </section>
            <p class="meta share">
                "Link to this fact-check: " <a href=p.url.clone()>{p.url.clone()}</a>
                " · " <a href=format!("/claims/{}.json", p.slug)>"JSON"</a>
                " · " <a href=format!("/claims/{}/embed", p.slug)>"Embeddable card"</a>
            </p>
        </article>
    }
}

#[component]
fn PublicSourceItem(s: PublicSource, slug: String) -> impl IntoView {
    view! {
        <li class=format!("source stance-{}", s.stance.as_str())>
            <p class="source-title"><a href=s.url.clone() rel="noopener noreferrer nofollow">{s.title.clone()}</a></p>
            <p class="meta">
                {s.kind.label()}
                {s.publisher.clone().map(|p| format!(" · {p}"))}
                {s.published_on.clone().map(|d| format!(" · {d}"))}
            </p>
            {(!s.excerpt.is_empty()).then(|| view! { <blockquote class="excerpt">{s.excerpt.clone()}</blockquote> })}
            {s.archived_sha256.clone().map(|h| view! {
                <p class="meta">
                    <a href=format!("/claims/{slug}/sources/{}", s.id)>"Archived copy"</a>
                    " · " {s.archived_chars} " characters · SHA-256 " <code class="hash">{h}</code>
                </p>
            })}
        </li>
    }
}

fn filter_of(q: &leptos_router::params::ParamsMap) -> PublicFilter {
    let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
    PublicFilter {
        q: get("q"),
        rating: get("rating").and_then(|r| r.parse().ok()),
        kind: get("kind").and_then(|k| k.parse().ok()),
        actor: get("actor"),
        after: get("after"),
    }
}

#[component]
pub fn FactChecksPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(move || filter_of(&query.read()), list_public_claims);
    view! {
        <Title text="Fact-checks"/>
        <Meta name="description" content="Published fact-checks: each claim with its verdict, the evidence weighed, where it appeared and its history."/>
        <h1>"Fact-checks"</h1>
        {move || {
            let f = filter_of(&query.read());
            view! {
                <Form method="GET" action="" attr:class="filters" attr:role="search">
                    <label>"Search" <input type="search" name="q" value=f.q.clone().unwrap_or_default() maxlength="200"/></label>
                    <label>"Verdict"
                        <select name="rating">
                            <option value="">"Any"</option>
                            {Rating::ALL.iter().map(|r| view! { <option value=r.as_str() selected=f.rating == Some(*r)>{r.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>"Kind"
                        <select name="kind">
                            <option value="">"Any"</option>
                            {ClaimKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=f.kind == Some(*k)>{k.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>"Who" <input type="text" name="actor" value=f.actor.clone().unwrap_or_default() maxlength="200"/></label>
                    <button type="submit">"Search"</button>
                </Form>
            }
        }}
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) if l.items.is_empty() => view! { <p>"No published fact-check matches."</p> }.into_any(),
                    Ok(l) => {
                        let f = filter_of(&query.read_untracked());
                        view! {
                            <ol class="fact-checks">
                                {l.items.into_iter().map(|i| view! {
                                    <li>
                                        {i.rating.map(|r| view! { <RatingBadge rating=r/> })}
                                        {i.retracted.then(|| view! { <span class="status-retracted">" Retracted"</span> })}
                                        <p class="queue-quote"><a href=format!("/claims/{}", i.slug)>"“" {i.claim.quote.clone()} "”"</a></p>
                                        <p class="meta">{i.claim.claimant.clone().map(|c| format!("{c} · "))} {i.published_on}</p>
                                    </li>
                                }).collect_view()}
                            </ol>
                            {l.next.map(|n| {
                                let mut parts = Vec::new();
                                if let Some(q) = &f.q { parts.push(format!("q={}", crate::components::query::encode(q))); }
                                if let Some(r) = f.rating { parts.push(format!("rating={}", r.as_str())); }
                                if let Some(k) = f.kind { parts.push(format!("kind={}", k.as_str())); }
                                if let Some(a) = &f.actor { parts.push(format!("actor={}", crate::components::query::encode(a))); }
                                parts.push(format!("after={}", crate::components::query::encode(&n)));
                                view! { <nav class="pager"><a rel="next" href=format!("?{}", parts.join("&"))>"Older fact-checks"</a></nav> }
                            })}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
