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
use crate::components::error_view::{ActionError, ErrorView};
use crate::components::figure_chart::FigureTracker;
use crate::components::rating_badge::RatingBadge;
use crate::domain::{AppearanceView, ClusterView, Role, StoryPage, SuggestionView};

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
        move || params.read().get("id").unwrap_or_default(),
        get_story,
    );
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let editor = user.await.ok().flatten().is_some_and(|u| u.role.includes(Role::Editor));
                let all = query.read_untracked().get("all").is_some();
                match story.await {
                    Ok(s) => view! { <Story s=s editor=editor all=all actions=actions/> }.into_any(),
                    Err(e) => view! { <Title text="Story"/><ErrorView error=e/> }.into_any(),
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

fn cluster_title(c: &ClusterView) -> String {
    c.quote.clone().unwrap_or_else(|| c.prop.clone())
}

#[component]
fn Story(s: StoryPage, editor: bool, all: bool, actions: Actions) -> impl IntoView {
    let related: std::collections::BTreeSet<usize> =
        s.relations.iter().flat_map(|r| [r.from, r.to]).collect();
    let shown: Vec<ClusterView> = s
        .clusters
        .iter()
        .filter(|c| {
            all || c.appearances.len() > 1 || c.verdict.is_some() || related.contains(&c.index)
        })
        .cloned()
        .collect();
    let hidden = s.clusters.len() - shown.len();
    let merged = use_query_map().read_untracked().get("merged").is_some();
    let story_id = s.story.id.to_string();
    let clusters = s.clusters.clone();
    let title = |i: usize| clusters.get(i).map(cluster_title).unwrap_or_default();
    let relations = s.relations.iter().map(|r| {
        let (from, to) = (title(r.from), title(r.to));
        view! {
            <li>
                <a href=format!("#cluster-{}", r.from)>"“" {from} "”"</a>
                " " <strong class=format!("relation relation-{}", r.kind.as_str())>{r.kind.as_str()}</strong> " "
                <a href=format!("#cluster-{}", r.to)>"“" {to} "”"</a>
                <br/><span class="meta">{r.reason.clone()}{r.prov.clone().map(|p| format!(" · {p}"))}{r.overridden.then_some(" · set by an editor")}</span>
            </li>
        }
    }).collect_view();
    let rank_story = story_id.clone();
    let (rename_story, merge_story) = (story_id.clone(), story_id.clone());
    view! {
        <Title text=format!("Story: {}", s.story.title)/>
        <article class="story">
            <p class="crumbs"><a href="/review/stories">"Stories"</a> " › story"</p>
            <h1>{s.story.title.clone()}</h1>
            <p class="meta">
                {s.articles.len()} " articles · " {s.clusters.len()} " clusters · " {s.relations.len()} " relations · revision " {s.revision}
                {s.public.then(|| view! { " · " <a href=format!("/stories/{}", s.story.slug)>"public page"</a> })}
            </p>
            // A merge posted without JavaScript lands here, on the story that took the articles.
            {merged.then(|| view! { <p class="notice" role="status">"Merged: the other story's articles are now in this one."</p> })}

            <section id="suggestions" aria-labelledby="suggestions-heading">
                <h2 id="suggestions-heading">"Suggestions to review (" {s.suggestions.len()} ")"</h2>
                <ActionError value=actions.decide.value()/>
                {if s.suggestions.is_empty() {
                    view! { <p class="hint">"No open suggestion."</p> }.into_any()
                } else {
                    view! { <ol class="suggestions">{s.suggestions.iter().cloned().map(|x| view! { <Suggestion x=x actions=actions/> }).collect_view()}</ol> }.into_any()
                }}
            </section>

            <section id="figures" aria-labelledby="figures-heading">
                <h2 id="figures-heading">"Figures"</h2>
                <ActionError value=actions.rank.value()/>
                {if s.figures.is_empty() {
                    view! { <p class="hint">"No count reported yet."</p> }.into_any()
                } else {
                    s.figures.iter().cloned().map(|f| {
                        let points = f.points.clone();
                        let category = f.category.clone();
                        let story = rank_story.clone();
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
                        match form {
                            Some(cb) => view! { <FigureTracker series=f rank_form=cb/> }.into_any(),
                            None => view! { <FigureTracker series=f/> }.into_any(),
                        }
                    }).collect_view().into_any()
                }}
            </section>

            <section id="clusters" aria-labelledby="clusters-heading">
                <h2 id="clusters-heading">"Claims across articles"</h2>
                {(hidden > 0).then(|| view! {
                    <p class="hint">{hidden} " claims that appeared once and relate to nothing are not shown. "
                        <a href="?all=1">"Show every claim"</a></p>
                })}
                <ol class="clusters">
                    {shown.into_iter().map(|c| view! { <Cluster c=c/> }).collect_view()}
                </ol>
            </section>

            <section id="relations" aria-labelledby="relations-heading">
                <h2 id="relations-heading">"Relations"</h2>
                <ActionError value=actions.relation.value()/>
                {if s.relations.is_empty() {
                    view! { <p class="hint">"No relation between claims yet."</p> }.into_any()
                } else {
                    view! { <ul class="relations">{relations}</ul> }.into_any()
                }}
                {editor.then(|| view! { <RelationForm story=story_id.clone() clusters=s.clusters.clone() actions=actions/> })}
            </section>

            {(!s.chains.is_empty()).then(|| view! {
                <section id="chains" aria-labelledby="chains-heading">
                    <h2 id="chains-heading">"Who told whom"</h2>
                    <ul class="chains">
                        {s.chains.iter().map(|c| view! {
                            <li><a href=format!("/review/claims/{}", c.claim_id)>{c.tellers.join(" → ")}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <section id="articles" aria-labelledby="articles-heading">
                <h2 id="articles-heading">"Articles"</h2>
                <ActionError value=actions.move_article.value()/>
                <ol class="timeline">
                    {s.articles.iter().map(|a| {
                        let how = match a.method.as_str() {
                            "new" => "started the story".to_owned(),
                            "editor" => format!("moved here by {}", a.decided_by.clone().unwrap_or_else(|| "an editor".into())),
                            _ => format!("joined by similarity {:.2}: {}", a.similarity, a.shared_terms.join(", ")),
                        };
                        let story = story_id.clone();
                        let others = s.other_stories.clone();
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
                        <input type="hidden" name="seen" value=s.story.title.clone()/>
                        <label>"Title" <input type="text" name="title" value=s.story.title.clone() required maxlength="300"/></label>
                        <button type="submit" class="secondary">"Rename"</button>
                    </ActionForm>
                    {(!s.other_stories.is_empty()).then(|| view! {
                        <ActionForm action=actions.merge attr:class="stack">
                            <input type="hidden" name="story" value=merge_story/>
                            <label>"Merge this story into "
                                <select name="into">
                                    {s.other_stories.iter().map(|o| view! { <option value=o.id.to_string()>{o.title.clone()}</option> }).collect_view()}
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

#[component]
fn Cluster(c: ClusterView) -> impl IntoView {
    let first = c.first().cloned();
    view! {
        <li class="cluster" id=format!("cluster-{}", c.index)>
            <p class="claim-head">
                <span class="badge">{c.kind.label()}</span>
                " " <span class="meta">{c.prop.clone()}</span>
                {c.verdict.clone().map(|v| view! { " " <RatingBadge rating=v.rating/> " " <a href=format!("/claims/{}", v.slug)>"fact-check"</a> })}
            </p>
            <p class="queue-quote">"“" {c.quote.clone().unwrap_or_default()} "”"</p>
            {first.map(|f| view! { <p class="meta first-appearance">"First appeared: " <Appearance a=f/></p> })}
            {(c.appearances.len() > 1).then(|| view! {
                <details>
                    <summary>{c.appearances.len()} " appearances"</summary>
                    <ol class="appearances">
                        {c.appearances.iter().map(|a| view! {
                            <li><Appearance a=a.clone()/> <span class="quote">" “" {a.quote.clone().unwrap_or_default()} "”"</span></li>
                        }).collect_view()}
                    </ol>
                </details>
            })}
        </li>
    }
}

#[component]
fn RelationForm(story: String, clusters: Vec<ClusterView>, actions: Actions) -> impl IntoView {
    let options = move || {
        clusters
            .iter()
            .map(|c| {
                let label: String = cluster_title(c).chars().take(90).collect();
                view! { <option value=c.key.clone()>{format!("{}: {label}", c.index + 1)}</option> }
            })
            .collect_view()
    };
    let (a, b) = (options(), options());
    view! {
        <ActionForm action=actions.relation attr:class="stack relation-form">
            <input type="hidden" name="story" value=story/>
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
