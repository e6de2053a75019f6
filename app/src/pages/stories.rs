//! Stories for the newsroom: the list, and a story's page — its articles on a timeline (and how
//! each joined), the suggestions to confirm or reject, the figure tracker, the clusters of
//! claims with where each appeared first, their relations and chains of tellers, and the
//! editor's tools (move an article, merge, rename, set a relation, rank a value). Every form
//! posts to a server function, so the page works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::provenance::{
    DecideLink, MergeStory, MoveArticles, RankFigure, RenameStory, SetRelation, get_story,
    list_stories,
};
use crate::components::current_user::CurrentUserResource;
use crate::components::error_view::{ActionError, ErrorPage, ErrorView};
use crate::components::figure_chart::FigureTracker;
use crate::components::rating_badge::RatingBadge;
use crate::domain::{
    AppearanceView, ClusterView, Role, StoryQuery, StoryScreen, SuggestionView, cluster_title,
};

#[component]
pub fn StoriesPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_stories());
    view! {
        <Title text="Stories"/>
        <h1>"Stories"</h1>
        <p class="hint">"Each story is one real-world event; new articles join the story they are about."</p>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p>"No story yet: ingest an article."</p> }.into_any(),
                    Ok(items) => view! {
                        <ol class="stories">
                            {items.into_iter().map(|s| view! {
                                <li>
                                    <p class="queue-quote"><a href=format!("/review/stories/{}", s.story.id)>{s.story.title.clone()}</a></p>
                                    <p class="meta">
                                        {s.articles} " articles"
                                        {s.first_published.clone().map(|d| format!(" · {d}"))}
                                        {s.last_published.clone().filter(|l| Some(l) != s.first_published.as_ref()).map(|d| format!(" – {d}"))}
                                        " · changed " {s.updated_at.clone()}
                                        {s.public.then(|| view! { " · " <a href=format!("/stories/{}", s.story.slug)>"public page"</a> })}
                                    </p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The story page's actions, created once and passed down.
#[derive(Clone, Copy)]
struct Actions {
    decide: ServerAction<DecideLink>,
    move_article: ServerAction<MoveArticles>,
    merge: ServerAction<MergeStory>,
    rename: ServerAction<RenameStory>,
    relation: ServerAction<SetRelation>,
    rank: ServerAction<RankFigure>,
}

#[component]
pub fn StoryWorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let actions = Actions {
        decide: ServerAction::new(),
        move_article: ServerAction::new(),
        merge: ServerAction::new(),
        rename: ServerAction::new(),
        relation: ServerAction::new(),
        rank: ServerAction::new(),
    };
    let user = expect_context::<CurrentUserResource>().0;
    let story = Resource::new(
        move || {
            let q = query.read();
            (
                params.read().get("id").unwrap_or_default(),
                q.get("page")
                    .and_then(|p| p.parse::<usize>().ok())
                    .unwrap_or(1),
                q.get("all").is_some(),
                q.get("figures").is_some_and(|v| v == "all"),
                q.get("articles").is_some_and(|v| v == "all"),
            )
        },
        |(id, page, all, figures, articles)| get_story(id, page, all, figures, articles),
    );
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let editor = user.await.ok().flatten().is_some_and(|u| u.role.includes(Role::Editor));
                match story.await {
                    Ok(s) => view! { <Story s=s editor=editor actions=actions/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e title="Story"/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn when(a: &AppearanceView) -> String {
    a.published.clone().unwrap_or_else(|| "undated".to_owned())
}

/// Where a claim appeared, linked to its workspace.
#[component]
fn Appearance(a: AppearanceView) -> impl IntoView {
    view! {
        <span class="appearance">
            <a href=format!("/review/claims/{}", a.claim_id)>{a.outlet.clone().unwrap_or_else(|| a.article_title.clone())}</a>
            " · " {when(&a)}
            {a.status.map(|s| view! { " · " <span class=format!("status status-{}", s.as_str())>{s.label()}</span> })}
        </span>
    }
}

fn title_of(c: &ClusterView) -> String {
    cluster_title(c.quote.as_deref(), &c.prop)
}

/// Links to the other pages of clusters, when there are several.
#[component]
fn Pager(q: StoryQuery, pages: usize) -> impl IntoView {
    let current = q.page;
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages of claims">
                {(current > 1).then(|| view! { <a rel="prev" href=format!("{}#clusters", q.href(current - 1))>"‹ Previous"</a> " " })}
                <span>"Page " {current} " of " {pages}</span>
                {(current < pages).then(|| view! { " " <a rel="next" href=format!("{}#clusters", q.href(current + 1))>"Next ›"</a> })}
            </nav>
        }
    })
}

#[component]
fn Story(s: StoryScreen, editor: bool, actions: Actions) -> impl IntoView {
    let q = s.query;
    let hidden = s.clusters_total - s.clusters_listed;
    let merged = use_query_map().read_untracked().get("merged").is_some();
    let p = s.page;
    let story_id = p.story.id.to_string();
    let named = s.clusters_named.clone();
    // A cluster a relation names: its title, linked where it is listed.
    let cluster_link = move |i: usize| {
        let Some(c) = named.get(&i) else {
            return view! { <span>"(a claim no longer in the story)"</span> }.into_any();
        };
        let href = if c.page == q.page {
            format!("#cluster-{i}")
        } else {
            format!("{}#cluster-{i}", q.href(c.page))
        };
        view! { <a href=href>"“" {c.title.clone()} "”"</a> }.into_any()
    };
    let relations_shown = p.relations.len();
    let relations = p.relations.iter().map(|r| {
        view! {
            <li>
                {cluster_link(r.from)}
                " " <strong class=format!("relation relation-{}", r.kind.as_str())>{r.kind.as_str()}</strong> " "
                {cluster_link(r.to)}
                <br/><span class="meta">{r.reason.clone()}{r.prov.clone().map(|p| format!(" · {p}"))}{r.overridden.then_some(" · set by an editor")}</span>
            </li>
        }
    }).collect_view();
    let rank_story = story_id.clone();
    let (rename_story, merge_story) = (story_id.clone(), story_id.clone());
    let every_figure = format!("{}#figures", q.with_every_figure().href(q.page));
    let every_article = q.with_every_article().href(q.page);
    let figure_reports = s.figure_reports.clone();
    let appearances_total = s.appearances_total.clone();
    let paged = s.pages > 1;
    view! {
        <Title text=format!("Story: {}", p.story.title)/>
        <article class="story">
            <p class="crumbs"><a href="/review/stories">"Stories"</a> " › story"</p>
            <h1>{p.story.title.clone()}</h1>
            <p class="meta">
                {s.articles_total} " articles · " {s.clusters_total} " clusters · " {s.relations_total} " relations · revision " {p.revision}
                {p.public.then(|| view! { " · " <a href=format!("/stories/{}", p.story.slug)>"public page"</a> })}
            </p>
            // A merge posted without JavaScript lands here, on the story that took the articles.
            {merged.then(|| view! { <p class="notice" role="status">"Merged: the other story's articles are now in this one."</p> })}

            <section id="suggestions" aria-labelledby="suggestions-heading">
                <h2 id="suggestions-heading">"Suggestions to review (" {s.suggestions_total} ")"</h2>
                <ActionError value=actions.decide.value()/>
                {if p.suggestions.is_empty() {
                    view! { <p class="hint">"No open suggestion."</p> }.into_any()
                } else {
                    view! {
                        {(s.suggestions_total > p.suggestions.len()).then(|| view! {
                            <p class="hint">"The first " {p.suggestions.len()} " are shown; each one decided brings the next."</p>
                        })}
                        <ol class="suggestions">{p.suggestions.iter().cloned().map(|x| view! { <Suggestion x=x actions=actions/> }).collect_view()}</ol>
                    }.into_any()
                }}
            </section>

            <section id="figures" aria-labelledby="figures-heading">
                <h2 id="figures-heading">"Figures"</h2>
                <ActionError value=actions.rank.value()/>
                {if p.figures.is_empty() {
                    view! { <p class="hint">"No count reported yet."</p> }.into_any()
                } else {
                    p.figures.iter().cloned().enumerate().map(|(n, f)| {
                        let points = f.points.clone();
                        let category = f.category.clone();
                        let story = rank_story.clone();
                        let reports = figure_reports.get(n).copied().unwrap_or(f.points.len());
                        let every = (reports > f.points.len()).then(|| every_figure.clone());
                        let form = editor.then(|| Callback::new(move |i: usize| {
                            let p = points[i].clone();
                            let (story, category) = (story.clone(), category.clone());
                            view! {
                                <ActionForm action=actions.rank attr:class="inline rank-form">
                                    <input type="hidden" name="story" value=story/>
                                    <input type="hidden" name="claim_id" value=p.claim_id.to_string()/>
                                    <input type="hidden" name="category" value=category/>
                                    <input type="hidden" name="value" value=p.value.to_string()/>
                                    <select name="rank" aria-label="Rank">
                                        <option value="preferred">"preferred"</option>
                                        <option value="normal">"normal"</option>
                                        <option value="deprecated">"deprecated"</option>
                                    </select>
                                    <input type="text" name="reason" placeholder="why" required maxlength="500" aria-label="Why"/>
                                    <button type="submit" class="secondary">"Rank"</button>
                                </ActionForm>
                            }.into_any()
                        }));
                        view! { <FigureTracker series=f rank_form=form reports=Some(reports) every_href=every/> }
                    }).collect_view().into_any()
                }}
            </section>

            <section id="clusters" aria-labelledby="clusters-heading">
                <h2 id="clusters-heading">"Claims across articles"</h2>
                {(hidden > 0).then(|| view! {
                    <p class="hint">{hidden} " claims that appeared once and relate to nothing are not shown. "
                        <a href=format!("{}#clusters", StoryQuery { all: true, ..q }.href(1))>"Show every claim"</a></p>
                })}
                <Pager q=q pages=s.pages/>
                <ol class="clusters">
                    {p.clusters.iter().cloned().enumerate().map(|(n, c)| {
                        let total = appearances_total.get(n).copied().unwrap_or(c.appearances.len());
                        view! { <Cluster c=c total=total/> }
                    }).collect_view()}
                </ol>
                <Pager q=q pages=s.pages/>
            </section>

            <section id="relations" aria-labelledby="relations-heading">
                <h2 id="relations-heading">"Relations"</h2>
                <ActionError value=actions.relation.value()/>
                {(s.relations_total > relations_shown).then(|| view! {
                    <p class="hint">"The " {relations_shown} " relations of the claims on this page; the story has " {s.relations_total} "."</p>
                })}
                {if p.relations.is_empty() {
                    view! { <p class="hint">"No relation between these claims yet."</p> }.into_any()
                } else {
                    view! { <ul class="relations">{relations}</ul> }.into_any()
                }}
                {editor.then(|| view! { <RelationForm story=story_id.clone() clusters=p.clusters.clone() paged=paged actions=actions/> })}
            </section>

            {(!p.chains.is_empty()).then(|| view! {
                <section id="chains" aria-labelledby="chains-heading">
                    <h2 id="chains-heading">"Who told whom"</h2>
                    {(s.chains_total > p.chains.len()).then(|| view! {
                        <p class="hint">"The first " {p.chains.len()} " of " {s.chains_total} ". "
                            <a href=format!("{every_article}#chains")>"Show every chain"</a></p>
                    })}
                    <ul class="chains">
                        {p.chains.iter().map(|c| view! {
                            <li><a href=format!("/review/claims/{}", c.claim_id)>{c.tellers.join(" → ")}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <section id="articles" aria-labelledby="articles-heading">
                <h2 id="articles-heading">"Articles"</h2>
                <ActionError value=actions.move_article.value()/>
                {(s.articles_total > p.articles.len()).then(|| view! {
                    <p class="hint">"The newest " {p.articles.len()} " of " {s.articles_total} ". "
                        <a href=format!("{every_article}#articles")>"Show every article"</a></p>
                })}
                <ol class="timeline">
                    {p.articles.iter().map(|a| {
                        let how = match a.method.as_str() {
                            "new" => "started the story".to_owned(),
                            "editor" => format!("moved here by {}", a.decided_by.clone().unwrap_or_else(|| "an editor".into())),
                            _ => format!("joined by similarity {:.2}: {}", a.similarity, a.shared_terms.join(", ")),
                        };
                        let story = story_id.clone();
                        let others = p.other_stories.clone();
                        let article_id = a.article.id.to_string();
                        view! {
                            <li>
                                <time>{a.published.clone().unwrap_or_else(|| "undated".into())}</time> " "
                                <a href=format!("/articles/{}", a.article.id)>{a.article.title.clone()}</a>
                                {a.article.publisher.clone().map(|p| format!(" · {p}"))}
                                <br/><span class="meta">{how}</span>
                                {editor.then(|| view! {
                                    <ActionForm action=actions.move_article attr:class="inline move-form">
                                        <input type="hidden" name="story" value=story/>
                                        <input type="hidden" name="articles" value=article_id/>
                                        <label>"Move to "
                                            <select name="to">
                                                <option value="new">"a new story"</option>
                                                {others.into_iter().map(|o| view! { <option value=o.id.to_string()>{o.title}</option> }).collect_view()}
                                            </select>
                                        </label>
                                        <button type="submit" class="secondary">"Move"</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>

            {editor.then(|| view! {
                <section id="editing" aria-labelledby="editing-heading">
                    <h2 id="editing-heading">"Edit the story"</h2>
                    <ActionError value=actions.rename.value()/>
                    <ActionError value=actions.merge.value()/>
                    <ActionForm action=actions.rename attr:class="stack">
                        <input type="hidden" name="story" value=rename_story/>
                        <input type="hidden" name="seen" value=p.story.title.clone()/>
                        <label>"Title" <input type="text" name="title" value=p.story.title.clone() required maxlength="300"/></label>
                        <button type="submit" class="secondary">"Rename"</button>
                    </ActionForm>
                    {(!p.other_stories.is_empty()).then(|| view! {
                        <ActionForm action=actions.merge attr:class="stack">
                            <input type="hidden" name="story" value=merge_story/>
                            <label>"Merge this story into "
                                <select name="into">
                                    {p.other_stories.iter().map(|o| view! { <option value=o.id.to_string()>{o.title.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                            <button type="submit" class="danger">"Merge"</button>
                        </ActionForm>
                    })}
                </section>
            })}
        </article>
    }
}

#[component]
fn Suggestion(x: SuggestionView, actions: Actions) -> impl IntoView {
    let e = &x.evidence;
    let why: Vec<String> = [
        (!e.figures.is_empty()).then(|| format!("same figures: {}", e.figures.join(", "))),
        (!e.actors.is_empty()).then(|| format!("same actors: {}", e.actors.join(", "))),
        (!e.words.is_empty()).then(|| format!("shared words: {}", e.words.join(", "))),
        e.headline
            .then(|| "one is the headline of the other's article".to_owned()),
        e.joins
            .then(|| "joins two clusters that are alike as wholes".to_owned()),
        (!e.conflicts.is_empty()).then(|| format!("against: {}", e.conflicts.join(", "))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let id = x.id.to_string();
    let version = x.version.to_string();
    let (id2, version2) = (id.clone(), version.clone());
    view! {
        <li class="suggestion">
            <p>"“" {x.from.quote.clone().unwrap_or_default()} "” " <Appearance a=x.from.clone()/></p>
            <p class="meta">"may assert the same as"</p>
            <p>"“" {x.to.quote.clone().unwrap_or_default()} "” " <Appearance a=x.to.clone()/></p>
            <p class="meta">{format!("score {:.2} · {}", e.score, x.prop)} {why.into_iter().map(|w| view! { " · " {w} }).collect_view()}</p>
            <ActionForm action=actions.decide attr:class="inline">
                <input type="hidden" name="id" value=id2/>
                <input type="hidden" name="version" value=version2/>
                <input type="hidden" name="decision" value="confirm"/>
                <button type="submit">"Confirm: same claim"</button>
            </ActionForm>
            <ActionForm action=actions.decide attr:class="inline">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
                <input type="hidden" name="decision" value="reject"/>
                <button type="submit" class="secondary">"Reject"</button>
            </ActionForm>
        </li>
    }
}

/// A cluster with its first appearances (`total`: how many it has; its claim's page lists
/// every one).
#[component]
fn Cluster(c: ClusterView, total: usize) -> impl IntoView {
    let first = c.first().cloned();
    let more = total.saturating_sub(c.appearances.len());
    let representative = c.representative;
    view! {
        <li class="cluster" id=format!("cluster-{}", c.index)>
            <p class="claim-head">
                <span class="badge">{c.kind.label()}</span>
                " " <span class="meta">{c.prop.clone()}</span>
                {c.verdict.clone().map(|v| view! { " " <RatingBadge rating=v.rating/> " " <a href=format!("/claims/{}", v.slug)>"fact-check"</a> })}
            </p>
            <p class="queue-quote">"“" {c.quote.clone().unwrap_or_default()} "”"</p>
            {first.map(|f| view! { <p class="meta first-appearance">"First appeared: " <Appearance a=f/></p> })}
            {(total > 1).then(|| view! {
                <details>
                    <summary>{total} " appearances"</summary>
                    <ol class="appearances">
                        {c.appearances.iter().map(|a| view! {
                            <li><Appearance a=a.clone()/> <span class="quote">" “" {a.quote.clone().unwrap_or_default()} "”"</span></li>
                        }).collect_view()}
                    </ol>
                    {(more > 0).then(|| view! {
                        <p class="meta">"… and " {more} " more: "
                            <a href=format!("/review/claims/{representative}?appearances=all#appearances")>"every appearance is on the claim's page"</a></p>
                    })}
                </details>
            })}
        </li>
    }
}

/// Sets or removes a relation between two of the clusters listed (`paged`: on this page, when
/// the story has several).
#[component]
fn RelationForm(
    story: String,
    clusters: Vec<ClusterView>,
    paged: bool,
    actions: Actions,
) -> impl IntoView {
    let options = move || {
        clusters
            .iter()
            .map(|c| {
                let label: String = title_of(c).chars().take(90).collect();
                view! { <option value=c.key.clone()>{format!("{}: {label}", c.index + 1)}</option> }
            })
            .collect_view()
    };
    let (a, b) = (options(), options());
    view! {
        <ActionForm action=actions.relation attr:class="stack relation-form">
            <input type="hidden" name="story" value=story/>
            {paged.then(|| view! { <p class="hint">"Between claims on this page (each page of claims has this form)."</p> })}
            <label>"Claim" <select name="from">{a}</select></label>
            <label>"relates to it as"
                <select name="relation">
                    <option value="updates">"updates"</option>
                    <option value="contradicts">"contradicts"</option>
                    <option value="denies">"denies"</option>
                    <option value="cites">"cites"</option>
                    <option value="supports">"supports"</option>
                    <option value="none">"no relation (remove)"</option>
                </select>
            </label>
            <label>"Other claim" <select name="to">{b}</select></label>
            <label>"Note" <input type="text" name="note" maxlength="500"/></label>
            <button type="submit" class="secondary">"Set the relation"</button>
        </ActionForm>
    }
}
