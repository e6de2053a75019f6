//! An article with its claims highlighted in the text and listed by kind. The kind filter is a
//! query parameter: plain links.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::articles::get_article;
use crate::api::articles::maintenance::CorrectArticleDetails;
use crate::api::provenance::FileArticle;
use crate::api::review::curation::{
    AddClaim, DismissClaim, MergeClaim, RestoreClaim, SetClaimFigures, SplitClaim, UpdateClaim,
};
use crate::components::claim_highlight::ClaimHighlight;
use crate::components::current_user::CurrentUserResource;
use crate::components::error_view::{ActionError, ErrorPage};
use crate::domain::{ArticleView, ClaimKind, ClaimView};
use crate::error::AppError;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    // Every form posts to its server function, and the browser comes back to this page (or the
    // page's island loads it again): the actions here only carry a refused form's reason.
    let actions = ClaimActions {
        update: ServerAction::new(),
        dismiss: ServerAction::new(),
        restore: ServerAction::new(),
        add: ServerAction::new(),
        figures: ServerAction::new(),
        split: ServerAction::new(),
        merge: ServerAction::new(),
        details: ServerAction::new(),
        file: ServerAction::new(),
    };
    let article = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_article(id).await,
            None => Err(AppError::NotFound("That article".into())),
        }
    });
    let user = expect_context::<CurrentUserResource>().0;
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                // Editors correct the article's details; the server checks the role again.
                let editor = user.await.ok().flatten().is_some_and(|u| u.role.includes(crate::domain::Role::Editor));
                match article.await {
                    Ok(a) => view! { <ArticleDetail article=a actions=actions editor=editor/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e title="Article"/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The claim-curation actions of the page.
#[derive(Clone, Copy)]
struct ClaimActions {
    update: ServerAction<UpdateClaim>,
    dismiss: ServerAction<DismissClaim>,
    restore: ServerAction<RestoreClaim>,
    add: ServerAction<AddClaim>,
    figures: ServerAction<SetClaimFigures>,
    split: ServerAction<SplitClaim>,
    merge: ServerAction<MergeClaim>,
    /// Correcting the article's own details (editors).
    details: ServerAction<CorrectArticleDetails>,
    /// Filing an article left out of every story.
    file: ServerAction<FileArticle>,
}

#[component]
fn ArticleDetail(article: ArticleView, actions: ClaimActions, editor: bool) -> impl IntoView {
    let query = use_query_map();
    let selected = move || {
        query
            .read()
            .get("kind")
            .and_then(|k| k.parse::<ClaimKind>().ok())
    };
    let claims = StoredValue::new(article.claims.clone());
    let dismissals = StoredValue::new(article.dismissals.clone());
    let counts: Vec<(ClaimKind, usize)> = ClaimKind::ALL
        .iter()
        .map(|k| (*k, article.claims.iter().filter(|c| c.kind == *k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let total = article.claims.len();
    let article_id = article.id.to_string();
    let ingested = StoredValue::new(article.ingested_at.clone());
    view! {
        <Title text=article.title.clone()/>
        <article class="article">
            <header>
                <p class="meta">
                    {article.publisher.clone().unwrap_or_default()}
                    {article.section.clone().map(|s| format!(" · {s}"))}
                    {article.published_at.clone().map(|d| format!(" · published {d}"))}
                </p>
                <h1>{article.title.clone()}</h1>
                {move || query.read().get("duplicate").is_some().then(|| view! {
                    <p class="notice" role="status">
                        "This text was already stored, so nothing new was added: this is the copy ingested "
                        {ingested.get_value()} ", with its claims and their reviews."
                    </p>
                })}
                <p class="meta">
                    "Ingested " {article.ingested_at.clone()} " · "
                    {article.url.clone().map(|u| view! { <a href=u.clone() rel="noopener noreferrer nofollow">"original"</a> " · " })}
                    <span title="SHA-256 of the stored text">"text " <code>{article.body_sha256[..12].to_owned()}</code></span>
                    {article.byline.clone().map(|b| view! { " · by " {b} })}
                </p>
                {match article.story.clone() {
                    Some(s) => view! {
                        <p class="meta">"Story: " <a href=format!("/review/stories/{}", s.id)>{s.title}</a></p>
                    }.into_any(),
                    None => view! {
                        <div class="notice" role="status">
                            <p>
                                "Not filed into a story yet: filing failed when it was stored. Its claims are here; "
                                "it is filed when the server next starts, or now:"
                            </p>
                            <ActionForm action=actions.file>
                                <input type="hidden" name="article_id" value=article.id.to_string()/>
                                <button type="submit">"File it into its story now"</button>
                            </ActionForm>
                            <ActionError value=actions.file.value()/>
                        </div>
                    }.into_any(),
                }}
                {editor.then(|| view! { <DetailsEditor article=article.clone() action=actions.details/> })}
                <DetailsHistory versions=article.details_history.clone()/>
            </header>
            <div class="article-layout">
                // With the page's island, selecting words in the text fills in "add a claim"
                // (components/form_enhancer.rs); without it, they are copied by hand.
                <div>
                    <ClaimHighlight
                        body=article.body.clone()
                        claims=article.claims.clone()
                        shown=query.with_untracked(|q| q.get("kind").and_then(|k| k.parse::<ClaimKind>().ok()))
                    />
                </div>
                <aside class="claims" aria-labelledby="claims-heading">
                    <h2 id="claims-heading">{total} " claims"</h2>
                    <nav class="kind-filter" aria-label="Filter claims by kind">
                        <a href="?" aria-current=move || selected().is_none().then_some("true")>"All"</a>
                        {counts.into_iter().map(|(k, n)| view! {
                            <a
                                href=format!("?kind={}", k.as_str())
                                class=format!("kind-{}", k.as_str())
                                aria-current=move || (selected() == Some(k)).then_some("true")
                            >
                                {k.label()} " (" {n} ")"
                            </a>
                        }).collect_view()}
                    </nav>
                    <details class="add-claim">
                        <summary>"Add a claim the extractor missed"</summary>
                        <ActionForm action=actions.add attr:class="stack">
                            <input type="hidden" name="article_id" value=article_id/>
                            <label for="add-quote">"The claim's exact words (copy them from the text)"</label>
                            <textarea
                                id="add-quote"
                                name="quote"
                                rows="3"
                                required
                            ></textarea>
                            <label for="add-kind">"Kind"</label>
                            <KindSelect id="add-kind".to_owned() selected=ClaimKind::Statement/>
                            <button type="submit">"Add claim"</button>
                        </ActionForm>
                        <ActionError value=actions.add.value()/>
                    </details>
                    <RefusedClaimChange article=article.id actions=actions/>
                    <ol class="claim-list">
                        {move || {
                            let sel = selected();
                            claims.get_value().into_iter()
                                .filter(|c| sel.is_none_or(|k| c.kind == k))
                                .map(|c| {
                                    let reason = dismissals.with_value(|d| d.iter().find(|(id, _)| *id == c.id).map(|(_, r)| r.clone()));
                                    view! { <ClaimCard claim=c dismissed_because=reason actions=actions/> }
                                })
                                .collect_view()
                        }}
                    </ol>
                </aside>
            </div>
        </article>
    }
}

/// The article's details as an editor corrects them: every field prefilled, the version they
/// were read at sent along (a correction made meanwhile by someone else is refused, with who
/// and what), and the answer beside the form. A refused correction stays typed in the form.
#[component]
fn DetailsEditor(
    article: ArticleView,
    action: ServerAction<CorrectArticleDetails>,
) -> impl IntoView {
    let conflict = move || matches!(action.value().get(), Some(Err(AppError::Conflict(_))));
    let refused = move || matches!(action.value().get(), Some(Err(_)));
    let article_id = article.id;
    view! {
        <details class="details-editor" open=refused>
            <summary>"Correct the article's details"</summary>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=article.id.to_string()/>
                <input type="hidden" name="version" value=article.version.to_string()/>
                <label for="details-title">"Title"</label>
                <input id="details-title" name="details[title]" type="text" required maxlength="500" value=article.title.clone()/>
                <label for="details-publisher">"Publisher"</label>
                <input id="details-publisher" name="details[publisher]" type="text" maxlength="200" value=article.publisher.clone().unwrap_or_default()/>
                <label for="details-url">"Address of the article " <span class="hint">"(http or https)"</span></label>
                <input id="details-url" name="details[url]" type="url" inputmode="url" placeholder="https://" value=article.url.clone().unwrap_or_default()/>
                <label for="details-byline">"Byline"</label>
                <input id="details-byline" name="details[byline]" type="text" maxlength="200" value=article.byline.clone().unwrap_or_default()/>
                <label for="details-published">"Publication date " <span class="hint">"(YYYY-MM-DD)"</span></label>
                <input id="details-published" name="details[published_on]" type="date" value=article.published_on.clone().unwrap_or_default()/>
                <label for="details-reason">"Why " <span class="hint">"(shown with the correction on published fact-checks)"</span></label>
                <input id="details-reason" name="details[reason]" type="text" maxlength="500" placeholder="the outlet's name was misspelt…"/>
                <button type="submit">"Save the details"</button>
            </ActionForm>
            <ActionError value=action.value()/>
            {move || conflict().then(|| view! {
                <a class="button secondary" href=format!("/articles/{article_id}")>"Load the details as they are now"</a>
            })}
        </details>
    }
}

/// Every correction of the article's details: when, by whom, what changed.
#[component]
fn DetailsHistory(versions: Vec<crate::domain::DetailsVersion>) -> impl IntoView {
    (!versions.is_empty()).then(|| {
        let n = versions.len();
        view! {
            <details class="details-history">
                <summary>{format!("Details corrected {n} time{}", if n == 1 { "" } else { "s" })}</summary>
                <ol>
                    {versions.into_iter().map(|v| view! {
                        <li>
                            <span class="meta">{format!("Version {} · {} · {}", v.version, v.at, v.by)}</span>
                            " " {v.changes}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        }
    })
}

#[component]
fn ClaimCard(
    claim: ClaimView,
    dismissed_because: Option<String>,
    actions: ClaimActions,
) -> impl IntoView {
    let kind = claim.kind;
    view! {
        <li id=format!("claim-{}", claim.id) class=format!("claim-card kind-{}", kind.as_str())>
            <p class="claim-head">
                <span class="badge">{kind.label()}</span>
                {claim.hedged.then(|| view! { <span class="badge hedged" title="Reported, alleged or suspected">"hedged"</span> })}
                <span class="status">{claim.status.label()}</span>
                <span class="score" title="Check-worthiness">{format!("{:.0}%", claim.checkworthiness * 100.0)}</span>
            </p>
            <blockquote>{claim.quote.clone()}</blockquote>
            {dismissed_because.map(|r| view! { <p class="meta dismissed-reason">"Dismissed: " {r}</p> })}
            {(!claim.figures.is_empty()).then(|| view! {
                <ul class="figures" aria-label="Figures">
                    {claim.figures.iter().map(|f| view! {
                        <li class="figure-chip" title=f.text.clone()>
                            {(f.qualifier != crate::domain::Qualifier::Exact).then(|| format!("{} ", f.qualifier.label()))}
                            <strong>{format_number(f.value)}</strong> " " {f.category.clone()}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <dl class="actors">
                {claim.claimant.clone().map(|c| view! { <dt>"Claimant"</dt><dd>{c}</dd> })}
                {claim.target.clone().map(|t| view! { <dt>"Target"</dt><dd>{t}</dd> })}
            </dl>
            <p class="claim-links">
                <a href=format!("/review/claims/{}", claim.id)>"Open in the review workspace"</a>
            </p>
            <ClaimControls claim=claim.clone() actions=actions/>
        </li>
    }
}

/// Correct, dismiss or restore one claim.
#[component]
fn ClaimControls(claim: ClaimView, actions: ClaimActions) -> impl IntoView {
    let id = claim.id.to_string();
    let version = claim.version.to_string();
    let cid = claim.id;
    let field = move |name: &str| format!("{name}-{cid}");
    if claim.status == crate::domain::ReviewStatus::Dismissed {
        return view! {
            <ActionForm action=actions.restore attr:class="inline">
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="version" value=version.clone()/>
                <button type="submit" class="link-button">"Restore"</button>
            </ActionForm>
        }
        .into_any();
    }
    if !claim.status.is_editable() {
        return ().into_any();
    }
    let (id2, version2) = (id.clone(), version.clone());
    let (id3, version3) = (id.clone(), version.clone());
    let (id4, version4) = (id.clone(), version.clone());
    let (id5, version5) = (id.clone(), version.clone());
    let rows: Vec<crate::domain::FigureRow> = claim
        .figures
        .iter()
        .map(crate::domain::FigureRow::of)
        .collect();
    view! {
        <details class="claim-edit">
            <summary>"Correct or dismiss"</summary>
            <ActionForm action=actions.update attr:class="stack">
                <input type="hidden" name="id" value=id2/>
                <input type="hidden" name="version" value=version2/>
                <label for=field("kind")>"Kind"</label>
                <KindSelect id=field("kind") selected=claim.kind/>
                <label for=field("claimant")>"Claimant (who says it)"</label>
                <input id=field("claimant") name="claimant" type="text" maxlength="200" value=claim.claimant.clone().unwrap_or_default()/>
                <label for=field("target")>"Target (who is blamed or cleared)"</label>
                <input id=field("target") name="target" type="text" maxlength="200" value=claim.target.clone().unwrap_or_default()/>
                <label class="check">
                    <input name="hedged" type="checkbox" value="on" checked=claim.hedged/>
                    " Hedged (alleged, suspected, reported)"
                </label>
                <button type="submit">"Save correction"</button>
            </ActionForm>
            <ActionForm action=actions.dismiss attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="version" value=version/>
                <label for=field("reason")>"Reason for dismissing"</label>
                <input id=field("reason") name="reason" type="text" maxlength="500" placeholder="not check-worthy, opinion, duplicate…"/>
                <button type="submit" class="secondary">"Dismiss claim"</button>
            </ActionForm>
            <ActionForm action=actions.figures attr:class="stack figure-rows">
                <input type="hidden" name="id" value=id3/>
                <input type="hidden" name="version" value=version3/>
                <FigureRows claim=cid rows=rows/>
                <button type="submit" class="secondary">"Save figures"</button>
            </ActionForm>
            <ActionForm action=actions.split attr:class="stack">
                <input type="hidden" name="id" value=id4/>
                <input type="hidden" name="version" value=version4/>
                <label for=field("split")>"Split into two claims before the words"</label>
                <input id=field("split") name="at" type="text" required/>
                <button type="submit" class="secondary">"Split claim"</button>
            </ActionForm>
            <ActionForm action=actions.merge attr:class="inline">
                <input type="hidden" name="id" value=id5/>
                <input type="hidden" name="version" value=version5/>
                <button type="submit" class="secondary">"Merge with the next claim"</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

#[component]
fn KindSelect(id: String, selected: ClaimKind) -> impl IntoView {
    view! {
        <select id=id name="kind">
            {ClaimKind::ALL.iter().map(|k| view! {
                <option value=k.as_str() selected=*k == selected>{k.label()}</option>
            }).collect_view()}
        </select>
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A change to a claim that was refused, for a form posted without JavaScript: the server sent
/// the browser back with the reason in the address, which does not say which card it came
/// from, so it is shown above the claims (with the island, it appears under the form itself).
/// After a conflict, a link loads the claims as they now are.
#[component]
fn RefusedClaimChange(article: Uuid, actions: ClaimActions) -> impl IntoView {
    let conflict = move || {
        let is_conflict = |e: Option<AppError>| matches!(e, Some(AppError::Conflict(_)));
        is_conflict(actions.update.value().get().and_then(Result::err))
            || is_conflict(actions.dismiss.value().get().and_then(Result::err))
            || is_conflict(actions.figures.value().get().and_then(Result::err))
            || is_conflict(actions.split.value().get().and_then(Result::err))
            || is_conflict(actions.merge.value().get().and_then(Result::err))
            || is_conflict(actions.restore.value().get().and_then(Result::err))
    };
    view! {
        <div class="card-errors">
            <ActionError value=actions.update.value()/>
            <ActionError value=actions.dismiss.value()/>
            <ActionError value=actions.restore.value()/>
            <ActionError value=actions.figures.value()/>
            <ActionError value=actions.split.value()/>
            <ActionError value=actions.merge.value()/>
            {move || conflict().then(|| view! {
                <a class="button secondary" href=format!("/articles/{article}")>"Load the claims as they are now"</a>
            })}
        </div>
    }
}

/// The figures as rows to correct: a number, how it counts and what is counted, one row per
/// figure and two blank rows to add to (with the page's island, "Add a figure" adds more).
/// Clearing a row removes its figure. Plain fields, so the form works without JavaScript.
#[component]
fn FigureRows(claim: Uuid, rows: Vec<crate::domain::FigureRow>) -> impl IntoView {
    let filled = rows.len();
    let list = format!("categories-{claim}");
    let row = move |n: usize, r: crate::domain::FigureRow| {
        let field = move |name: &str| format!("figure-{claim}-{n}-{name}");
        view! {
            <fieldset class="figure-row">
                <legend class="visually-hidden">{format!("Figure {}", n + 1)}</legend>
                <label for=field("value")>"Number"</label>
                <input id=field("value") name=format!("rows[{n}][value]") type="text" inputmode="decimal" size="8" value=r.value/>
                <label for=field("qualifier")>"Counts"</label>
                <select id=field("qualifier") name=format!("rows[{n}][qualifier]")>
                    {crate::domain::Qualifier::ALL.iter().map(|q| view! {
                        <option value=q.as_str() selected=q.as_str() == r.qualifier>{q.label()}</option>
                    }).collect_view()}
                </select>
                <label for=field("category")>"What is counted"</label>
                <input id=field("category") name=format!("rows[{n}][category]") type="text" maxlength="60" list=format!("categories-{claim}") value=r.category/>
            </fieldset>
        }
    };
    let existing: Vec<_> = rows
        .into_iter()
        .enumerate()
        .map(|(n, r)| row(n, r))
        .collect();
    view! {
        <p class="hint">"Figures: clear a row's number and what is counted to remove it."</p>
        <datalist id=list>
            {crate::domain::KNOWN_CATEGORIES.iter().map(|c| view! { <option value=*c></option> }).collect_view()}
        </datalist>
        {existing}
        {(filled..filled + 2).map(|n| row(n, crate::domain::FigureRow::default())).collect_view()}
        // Sent hidden: the island shows it, where it works.
        <button type="button" class="link-button" data-add-row hidden>"Add a figure"</button>
    }
}
