//! The claim workspace: the claim in its article's words, its evidence, its verdicts, the
//! reviewers' discussion and its whole history. Every form posts to a server function, so the
//! page works without JavaScript; with it, the workspace refreshes in place after each action.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use crate::api::matching::{DecidePriorCheck, get_prior_checks};
use crate::api::provenance::DecideLink;
use crate::api::review::comments::AddComment;
use crate::api::review::sources::{AddSource, RemoveSource, UpdateSource, UploadSourceCopy};
use crate::api::review::verdicts::{ApproveVerdict, ProposeVerdict, RejectVerdict, RetractClaim};
use crate::api::review::workspace::{AssignClaim, get_claim_workspace};
use crate::components::current_user::CurrentUserResource;
use crate::components::error_view::{ActionError, ErrorPage, ErrorView, Typed};
use crate::components::rating_badge::RatingBadge;
use crate::domain::{
    ClaimProvenance, ClaimWorkspace, CurrentUser, MatchDecision, PriorCheck, PriorChecks, Rating,
    ReviewEvent, ReviewStatus, Role, SourceKind, SourceView, Stance, VerdictState, VerdictView,
    may_decide, relation_phrase,
};
use crate::error::AppError;

/// The workspace's actions, created once per page and passed down.
#[derive(Clone, Copy)]
struct Actions {
    assign: ServerAction<AssignClaim>,
    add_source: ServerAction<AddSource>,
    update_source: ServerAction<UpdateSource>,
    remove_source: ServerAction<RemoveSource>,
    propose: ServerAction<ProposeVerdict>,
    approve: ServerAction<ApproveVerdict>,
    reject: ServerAction<RejectVerdict>,
    retract: ServerAction<RetractClaim>,
    comment: ServerAction<AddComment>,
    decide_link: ServerAction<DecideLink>,
    decide_prior: ServerAction<DecidePriorCheck>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            assign: ServerAction::new(),
            add_source: ServerAction::new(),
            update_source: ServerAction::new(),
            remove_source: ServerAction::new(),
            propose: ServerAction::new(),
            approve: ServerAction::new(),
            reject: ServerAction::new(),
            retract: ServerAction::new(),
            comment: ServerAction::new(),
            decide_link: ServerAction::new(),
            decide_prior: ServerAction::new(),
        }
    }
}

#[component]
pub fn ClaimWorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| Uuid::parse_str(&s).ok())
    };
    // Every form posts to its server function and the browser comes back to this page (or the
    // page's island loads it again): the actions here only carry a refused form's reason.
    let actions = Actions::new();
    let user = expect_context::<CurrentUserResource>().0;
    // `?appearances=all`: every report that carried the claim, not only the first ones.
    let every = crate::components::query::every_appearance_asked();
    let workspace = Resource::new(id, |id| async move {
        let Some(id) = id else {
            return Err(AppError::NotFound("That claim".into()));
        };
        let w = get_claim_workspace(id).await?;
        // The prior fact-checks load beside the workspace; their failure is shown in their
        // section and never hides the claim.
        Ok((w, get_prior_checks(id).await))
    });
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let viewer = user.await.ok().flatten();
                match (workspace.await, viewer) {
                    (Ok((w, priors)), Some(viewer)) => view! { <Workspace w=w priors=priors viewer=viewer actions=actions every=every/> }.into_any(),
                    (Err(e), _) => view! { <ErrorPage error=e title="Claim"/> }.into_any(),
                    (Ok(_), None) => view! { <ErrorPage error=AppError::Unauthenticated title="Claim"/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Workspace(
    w: ClaimWorkspace,
    priors: Result<PriorChecks, AppError>,
    viewer: CurrentUser,
    actions: Actions,
    every: bool,
) -> impl IntoView {
    let c = w.claim.clone();
    let title: String = c.quote.chars().take(60).collect();
    let editor = viewer.role.includes(Role::Editor);
    let can_propose = c.status.may_propose_verdict();
    let assigned_to_me = c.assignee_id == Some(viewer.id);
    view! {
        <Title text=format!("Review: {title}")/>
        <article class="workspace">
            <p class="crumbs"><a href="/review">"Review queue"</a> " › claim"</p>
            <h1 class="visually-hidden">{format!("Review the {} claim: {title}", c.kind.label().to_lowercase())}</h1>
            <header class="workspace-head">
                <p class="claim-head">
                    <span class="badge">{c.kind.label()}</span>
                    {c.hedged.then(|| view! { <span class="badge hedged">"hedged"</span> })}
                    <span class=format!("status status-{}", c.status.as_str())>{c.status.label()}</span>
                    <span class="score" title="Check-worthiness">{format!("{:.0}% check-worthy", c.checkworthiness * 100.0)}</span>
                </p>
                <blockquote class="in-context">
                    <span class="context">"…" {c.prefix.clone()}</span>
                    <mark>{c.quote.clone()}</mark>
                    <span class="context">{c.suffix.clone()} "…"</span>
                </blockquote>
                <dl class="facts">
                    <dt>"Appeared in"</dt>
                    <dd>
                        <a href=format!("/articles/{}#claim-{}", w.article.id, c.id)>{w.article.title.clone()}</a>
                        {w.article.publisher.clone().map(|p| format!(" · {p}"))}
                        {w.article.published_at.clone().map(|d| format!(" · published {d}"))}
                        " · ingested " {w.article.ingested_at.clone()}
                    </dd>
                    {c.claimant.clone().map(|v| view! { <dt>"Claimant"</dt><dd>{v}</dd> })}
                    {c.target.clone().map(|v| view! { <dt>"Target"</dt><dd>{v}</dd> })}
                    {(!c.figures.is_empty()).then(|| view! {
                        <dt>"Figures"</dt>
                        <dd>{c.figures.iter().map(|f| f.text.clone()).collect::<Vec<_>>().join("; ")}</dd>
                    })}
                    <dt>"Assigned to"</dt>
                    <dd>
                        {w.assignee.clone().map_or_else(|| "nobody".to_owned(), |a| a.name)}
                        " "
                        <ActionForm action=actions.assign attr:class="inline">
                            <input type="hidden" name="id" value=c.id.to_string()/>
                            <input type="hidden" name="version" value=c.version.to_string()/>
                            <input type="hidden" name="to" value=if assigned_to_me { "none" } else { "me" }/>
                            <button type="submit" class="link-button">{if assigned_to_me { "Unassign me" } else { "Assign to me" }}</button>
                        </ActionForm>
                    </dd>
                </dl>
                <ActionError value=actions.assign.value()/>
                {w.public_path.clone().map(|p| view! {
                    <p class="public-link"><a href=p>"Read the published fact-check"</a></p>
                })}
            </header>

            {w.provenance.clone().map(|p| view! { <ProvenanceSection p=p claim=c.id actions=actions every=every/> })}

            <PriorChecksSection priors=priors claim_id=c.id actions=actions/>

            <section id="sources" aria-labelledby="sources-heading">
                <h2 id="sources-heading">"Sources (" {w.sources.len()} ")"</h2>
                <RefusedSourceChange claim=c.id actions=actions/>
                {if w.sources.is_empty() {
                    view! { <p class="hint">"No evidence yet. Add the sources that support, refute or give context to the claim."</p> }.into_any()
                } else {
                    view! {
                        <ul class="sources">
                            {w.sources.iter().cloned().map(|s| view! { <SourceItem s=s actions=actions/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {c.status.takes_evidence().then(|| view! { <AddSourceForm claim_id=c.id actions=actions/> })}
            </section>

            <section id="verdicts" aria-labelledby="verdicts-heading">
                <h2 id="verdicts-heading">"Verdicts"</h2>
                <ActionError value=actions.approve.value()/>
                <ActionError value=actions.reject.value()/>
                <ActionError value=actions.retract.value()/>
                {if w.verdicts.is_empty() {
                    view! { <p class="hint">"No verdict proposed yet."</p> }.into_any()
                } else {
                    view! {
                        <ol class="verdicts">
                            {w.verdicts.iter().cloned().map(|v| view! {
                                <VerdictItem v=v viewer=viewer.clone() editor=editor claim_version=c.version status=c.status actions=actions/>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {can_propose.then(|| view! { <ProposeForm claim_id=c.id version=c.version sources=w.sources.len() first=w.verdicts.is_empty() actions=actions/> })}
            </section>

            <section id="discussion" aria-labelledby="discussion-heading">
                <h2 id="discussion-heading">"Discussion"</h2>
                <ol class="comments">
                    {w.comments.iter().map(|cm| view! {
                        <li>
                            <p class="meta"><strong>{cm.author.name.clone()}</strong> " · " {cm.created_at.clone()}</p>
                            <p class="comment-body">{cm.body.clone()}</p>
                        </li>
                    }).collect_view()}
                </ol>
                <ActionForm action=actions.comment attr:class="stack">
                    <input type="hidden" name="claim_id" value=c.id.to_string()/>
                    <label for="comment-body">"Add to the discussion"</label>
                    <textarea id="comment-body" name="body" rows="3" maxlength="5000" required></textarea>
                    <button type="submit" class="secondary">"Post comment"</button>
                </ActionForm>
                <ActionError value=actions.comment.value()/>
            </section>

            <section id="history" aria-labelledby="history-heading">
                <h2 id="history-heading">"History"</h2>
                <ol class="history">
                    {w.history.iter().map(|h| view! {
                        <li>
                            <span class="meta">{h.at.clone()} " · " {h.actor.clone()}</span>
                            " " <span class="what" data-action=h.action.clone()>{crate::domain::action_sentence(&h.action)}</span>
                            {(!h.summary.is_empty()).then(|| view! { <span class="summary">" " {h.summary.clone()}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}

#[component]
fn StanceSelect(id: String, selected: Stance) -> impl IntoView {
    view! {
        <select id=id name="source[stance]">
            {Stance::ALL.iter().map(|s| view! { <option value=s.as_str() selected=*s == selected>{s.label()}</option> }).collect_view()}
        </select>
    }
}

#[component]
fn SourceKindSelect(id: String, selected: SourceKind) -> impl IntoView {
    view! {
        <select id=id name="source[kind]">
            {SourceKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=*k == selected>{k.label()}</option> }).collect_view()}
        </select>
    }
}

/// The fields of a source, empty or filled from `s`; ids are made unique with `key`.
#[component]
fn SourceFields(key: String, s: Option<SourceView>) -> impl IntoView {
    let f = move |name: &str| format!("{name}-{key}");
    let v = s.clone();
    let get = move |pick: fn(&SourceView) -> String| v.as_ref().map(pick).unwrap_or_default();
    view! {
        <label for=f("url")>"Address " <span class="hint">"(http or https)"</span></label>
        <input id=f("url") name="source[url]" type="url" inputmode="url" required maxlength="2000" placeholder="https://" value=get(|s| s.url.clone())/>
        <label for=f("title")>"Title"</label>
        <input id=f("title") name="source[title]" type="text" required maxlength="300" value=get(|s| s.title.clone())/>
        <label for=f("publisher")>"Publisher"</label>
        <input id=f("publisher") name="source[publisher]" type="text" maxlength="200" value=get(|s| s.publisher.clone().unwrap_or_default())/>
        <label for=f("published")>"Published on"</label>
        <input id=f("published") name="source[published_on]" type="date" value=get(|s| s.published_on.clone().unwrap_or_default())/>
        <label for=f("stance")>"Stance"</label>
        <StanceSelect id=f("stance") selected=s.as_ref().map_or(Stance::Supports, |s| s.stance)/>
        <label for=f("kind")>"Kind of source"</label>
        <SourceKindSelect id=f("kind") selected=s.as_ref().map_or(SourceKind::News, |s| s.kind)/>
        <label for=f("excerpt")>"Excerpt " <span class="hint">"(the passage that bears on the claim)"</span></label>
        <textarea id=f("excerpt") name="source[excerpt]" rows="3" maxlength="5000">{get(|s| s.excerpt.clone())}</textarea>
        <label for=f("archived")>"Archived copy " <span class="hint">{if s.is_some() { "(paste to replace; leave empty to keep the current copy)" } else { "(paste the source's text; without it the excerpt is archived)" }}</span></label>
        <textarea id=f("archived") name="source[archived_text]" rows="3"></textarea>
    }
}

#[component]
fn AddSourceForm(claim_id: Uuid, actions: Actions) -> impl IntoView {
    // After a source is added the page comes back with this form empty, so the next source
    // starts from nothing (an archived copy left in the form once went out with another
    // source); while one is on its way, the island disables the button.
    view! {
        <details class="add-source">
            <summary>"Add a source"</summary>
            <ActionForm action=actions.add_source attr:class="stack">
                <input type="hidden" name="claim_id" value=claim_id.to_string()/>
                <SourceFields key="new".to_owned() s=None/>
                <button type="submit">"Add source"</button>
            </ActionForm>
            <ActionError value=actions.add_source.value()/>
        </details>
    }
}

#[component]
fn SourceItem(s: SourceView, actions: Actions) -> impl IntoView {
    let id = s.id.to_string();
    let version = s.version.to_string();
    let key = s.id.simple().to_string();
    let (id2, version2) = (id.clone(), version.clone());
    let (id3, version3) = (id.clone(), version.clone());
    let class = format!("source stance-{}", s.stance.as_str());
    let (copy_id, remove_id) = (format!("copy-{key}"), format!("remove-{key}"));
    let fields = s.clone();
    view! {
        <li class=class>
            <p class="claim-head">
                <span class="badge">{s.stance.label()}</span>
                <span class="badge subtle">{s.kind.label()}</span>
            </p>
            <p class="source-title">
                <a href=s.url.clone() rel="noopener noreferrer nofollow">{s.title.clone()}</a>
            </p>
            <p class="meta">
                {s.publisher.clone().unwrap_or_default()}
                {s.published_on.clone().map(|d| format!(" · published {d}"))}
                " · accessed " {s.accessed_at.clone()}
                {s.added_by.clone().map(|a| format!(" · added by {a}"))}
            </p>
            {(!s.excerpt.is_empty()).then(|| view! { <blockquote class="excerpt">{s.excerpt.clone()}</blockquote> })}
            {s.archived_sha256.clone().map(|h| view! {
                <details class="archive">
                    <summary>"Archived copy · " {s.archived_chars} " characters · SHA-256 " <code>{h[..16].to_owned()}</code> "…"</summary>
                    <pre class="archive-text">{s.archived_preview.clone().unwrap_or_default()}</pre>
                    <p><a href=format!("/review/sources/{}/copy", s.id)>"The whole copy, as text"</a></p>
                </details>
            })}
            <details class="source-edit">
                <summary>"Edit, archive or remove"</summary>
                <ActionForm action=actions.update_source attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="version" value=version/>
                    <SourceFields key=key s=Some(fields)/>
                    <button type="submit">"Save source"</button>
                </ActionForm>
                <form class="stack" method="post" enctype="multipart/form-data" action=UploadSourceCopy::PATH>
                    <input type="hidden" name="id" value=id2/>
                    <input type="hidden" name="version" value=version2/>
                    <label for=copy_id.clone()>"Upload a copy of the source (.txt, .md or saved .html)"</label>
                    <input id=copy_id name="file" type="file" required accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"/>
                    <button type="submit" class="secondary">"Archive this copy"</button>
                </form>
                <ActionForm action=actions.remove_source attr:class="stack">
                    <input type="hidden" name="id" value=id3/>
                    <input type="hidden" name="version" value=version3/>
                    <label for=remove_id.clone()>"Reason for removing"</label>
                    <input id=remove_id name="reason" type="text" required maxlength="500"/>
                    <button type="submit" class="secondary">"Remove source"</button>
                </ActionForm>
            </details>
        </li>
    }
}

/// A source edit or removal that was refused, for a form posted without JavaScript: the reason
/// comes back in the address, which does not say which source it was, so it is shown above the
/// sources (with the island, it appears under the form itself). After a conflict, a link loads
/// the sources as they now are.
#[component]
fn RefusedSourceChange(claim: Uuid, actions: Actions) -> impl IntoView {
    let conflict = move || {
        matches!(
            actions.update_source.value().get(),
            Some(Err(AppError::Conflict(_)))
        ) || matches!(
            actions.remove_source.value().get(),
            Some(Err(AppError::Conflict(_)))
        )
    };
    view! {
        <div class="card-errors">
            <ActionError value=actions.update_source.value()/>
            <ActionError value=actions.remove_source.value()/>
            {move || conflict().then(|| view! {
                <a class="button secondary" href=format!("/review/claims/{claim}#sources")>"Load the sources as they are now"</a>
            })}
        </div>
    }
}

#[component]
fn ProposeForm(
    claim_id: Uuid,
    version: i32,
    sources: usize,
    first: bool,
    actions: Actions,
) -> impl IntoView {
    // Refused without JavaScript (no sources for the rating), it comes back filled in, open.
    let typed = use_query_map().with_untracked(|q| Typed::in_address(q, ProposeVerdict::PATH));
    let typed_rating = typed.get("rating");
    let refused = !typed_rating.is_empty() || !typed.get("rationale").is_empty();
    // Open while the claim has no verdict; once one is proposed or published, a new proposal
    // (a correction) is one click away rather than in the way.
    view! {
        <details class="propose" open=first || refused>
            <summary>{if first { "Propose a verdict" } else { "Propose a new verdict" }}</summary>
            <ActionForm action=actions.propose attr:class="stack">
                <input type="hidden" name="claim_id" value=claim_id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <label for="rating">"Rating"</label>
                <select id="rating" name="rating">
                    {Rating::ALL.iter().map(|r| view! { <option value=r.as_str() selected=typed_rating == r.as_str()>{r.label()}</option> }).collect_view()}
                </select>
                <label for="rationale">"Rationale " <span class="hint">"(Markdown: what the evidence shows and why)"</span></label>
                <textarea id="rationale" name="rationale" rows="6" required maxlength="20000">{typed.get("rationale")}</textarea>
                {(sources == 0).then(|| view! { <p class="hint">"There are no sources yet: only an 'Unproven' verdict can be proposed without evidence."</p> })}
                <button type="submit">"Propose verdict"</button>
            </ActionForm>
            <ActionError value=actions.propose.value()/>
        </details>
    }
}

#[component]
fn VerdictItem(
    v: VerdictView,
    viewer: CurrentUser,
    editor: bool,
    claim_version: i32,
    status: ReviewStatus,
    actions: Actions,
) -> impl IntoView {
    let pending = v.state == VerdictState::Proposed;
    // The two-person rule: the proposer sees their verdict wait for another editor.
    let own = !may_decide(v.proposed_by.id, viewer.id);
    let id = v.id.to_string();
    let key = v.id.simple().to_string();
    let standing = v.state == VerdictState::Approved && status.apply(ReviewEvent::Retract).is_ok();
    view! {
        <li class=format!("verdict verdict-{}", v.state.as_str())>
            <p class="claim-head">
                <RatingBadge rating=v.rating/>
                <span class="status">{v.state.label()}</span>
            </p>
            <div class="rationale" inner_html=v.rationale_html.clone()></div>
            <p class="meta">"Proposed by " {v.proposed_by.name.clone()} " · " {v.proposed_at.clone()}</p>
            {v.decided_by.clone().map(|d| view! {
                <p class="meta">
                    {if v.state == VerdictState::Rejected { "Rejected by " } else { "Approved by " }}
                    {d.name} " · " {v.decided_at.clone().unwrap_or_default()}
                    {v.decision_note.clone().map(|n| format!(" · “{n}”"))}
                </p>
            })}
            {v.retracted_by.clone().map(|r| view! {
                <p class="meta retraction">"Retracted by " {r.name} " · " {v.retracted_at.clone().unwrap_or_default()} " · “" {v.retraction_note.clone().unwrap_or_default()} "”"</p>
            })}
            {(!v.evidence.is_empty()).then(|| view! {
                <details>
                    <summary>"Evidence weighed (" {v.evidence.len()} ")"</summary>
                    <ul>
                        {v.evidence.iter().map(|e| view! {
                            <li><span class="badge">{e.stance.label()}</span> " " <a href=e.url.clone() rel="noopener noreferrer nofollow">{e.title.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {(pending && editor && !own).then(|| {
                let id2 = id.clone();
                let (note_id, reason_id) = (format!("note-{key}"), format!("reason-{key}"));
                view! {
                    <div class="decide">
                        <ActionForm action=actions.approve attr:class="stack">
                            <input type="hidden" name="id" value=id.clone()/>
                            <input type="hidden" name="version" value=claim_version.to_string()/>
                            <label for=note_id.clone()>"Note " <span class="hint">"(optional)"</span></label>
                            <input id=note_id name="note" type="text" maxlength="2000"/>
                            <button type="submit">"Approve and publish"</button>
                        </ActionForm>
                        <ActionForm action=actions.reject attr:class="stack">
                            <input type="hidden" name="id" value=id2/>
                            <input type="hidden" name="version" value=claim_version.to_string()/>
                            <label for=reason_id.clone()>"Reason for rejecting"</label>
                            <input id=reason_id name="reason" type="text" required maxlength="2000"/>
                            <button type="submit" class="secondary">"Reject and send back"</button>
                        </ActionForm>
                    </div>
                }
            })}
            {(pending && own).then(|| view! { <p class="hint">"You proposed this verdict: another editor approves or rejects it."</p> })}
            {(pending && !editor && !own).then(|| view! { <p class="hint">"Waiting for an editor's decision."</p> })}
            {(standing && editor).then(|| {
                let retract_id = format!("retract-{key}");
                view! {
                <details class="retract">
                    <summary>"Retract this fact-check"</summary>
                    <ActionForm action=actions.retract attr:class="stack">
                        <input type="hidden" name="claim_id" value=v.claim_id.to_string()/>
                        <input type="hidden" name="version" value=claim_version.to_string()/>
                        <label for=retract_id.clone()>"Reason (readers will see it)"</label>
                        <input id=retract_id name="reason" type="text" required maxlength="2000"/>
                        <button type="submit" class="danger">"Retract"</button>
                    </ActionForm>
                </details>
            }})}
        </li>
    }
}

/// The claim's place in its story: the story, the verdict its cluster carries when another
/// claim has it, where it appeared first and everywhere else, its relations, its chain of
/// tellers, and the suggestions that involve it.
#[component]
fn ProvenanceSection(
    p: ClaimProvenance,
    claim: Uuid,
    actions: Actions,
    every: bool,
) -> impl IntoView {
    let elsewhere = p.fact_checked_elsewhere(claim).cloned();
    let (appearances, total) = p.listed_appearances(every);
    let listed = appearances.len();
    let first = appearances.first().cloned();
    view! {
        <section id="provenance" aria-labelledby="provenance-heading">
            <h2 id="provenance-heading">"Across articles"</h2>
            <p>"Story: " <a href=format!("/review/stories/{}", p.story.id)>{p.story.title.clone()}</a></p>
            {elsewhere.map(|v| view! {
                <p class="notice fact-checked-elsewhere">"Fact-checked: " <RatingBadge rating=v.rating/> " "
                    <a href=format!("/claims/{}", v.slug)>"read the fact-check of this claim"</a></p>
            })}
            {first.map(|f| view! {
                <p class="first-appearance">"First appeared: "
                    <a href=format!("/review/claims/{}", f.claim_id)>{f.outlet.clone().unwrap_or_else(|| f.article_title.clone())}</a>
                    " · " {f.published.clone().unwrap_or_else(|| "undated".into())}
                    {(f.claim_id == claim).then_some(" (this article)")}
                </p>
            })}
            {(total > 1).then(|| view! {
                <h3 id="appearances">"Where this claim appeared (" {total} ")"</h3>
                {(listed < total).then(|| view! {
                    <p class="hint">"The first " {listed} " are listed: "
                        <a href="?appearances=all#appearances">"list all " {total}</a></p>
                })}
                <ol class="appearances">
                    {appearances.iter().map(|a| view! {
                        <li>
                            <a href=format!("/review/claims/{}", a.claim_id)>{a.outlet.clone().unwrap_or_else(|| a.article_title.clone())}</a>
                            " · " {a.published.clone().unwrap_or_else(|| "undated".into())}
                            " · " {a.article_title.clone()}
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {(!p.relations.is_empty()).then(|| view! {
                <h3>"Relations"</h3>
                <ul class="relations">
                    {p.relations.iter().map(|r| view! {
                        <li>
                            "This claim " {relation_phrase(r.kind, r.outgoing)} " “" {r.other_quote.clone().unwrap_or_default()} "”"
                            " " <a href=format!("/review/claims/{}", r.other_claim)>"open"</a>
                            {r.other_verdict.clone().map(|v| view! { " " <RatingBadge rating=v.rating/> })}
                            <br/><span class="meta">{r.reason.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {p.chain.clone().map(|tellers| view! { <p>"Who told whom: " {tellers.join(" → ")}</p> })}
            {(!p.suggestions.is_empty()).then(|| view! {
                <h3>"Suggested links"</h3>
                <ActionError value=actions.decide_link.value()/>
                <ul class="suggestions">
                    {p.suggestions.iter().map(|x| {
                        let other = if x.from.claim_id == claim { x.to.clone() } else { x.from.clone() };
                        let (id, version) = (x.id.to_string(), x.version.to_string());
                        let (id2, version2) = (id.clone(), version.clone());
                        view! {
                            <li>
                                "May assert the same as “" {other.quote.clone().unwrap_or_default()} "” · "
                                <a href=format!("/review/claims/{}", other.claim_id)>{other.outlet.clone().unwrap_or_else(|| other.article_title.clone())}</a>
                                <span class="meta">{format!(" · score {:.2}", x.evidence.score)}</span>
                                <ActionForm action=actions.decide_link attr:class="inline">
                                    <input type="hidden" name="id" value=id2/>
                                    <input type="hidden" name="version" value=version2/>
                                    <input type="hidden" name="decision" value="confirm"/>
                                    <button type="submit">"Confirm"</button>
                                </ActionForm>
                                <ActionForm action=actions.decide_link attr:class="inline">
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="version" value=version/>
                                    <input type="hidden" name="decision" value="reject"/>
                                    <button type="submit" class="secondary">"Reject"</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}

/// "Possibly already fact-checked": the known fact-checks, ours and imported, that best match
/// the claim, with why, and the reviewer's "same claim" or "not the same".
#[component]
fn PriorChecksSection(
    priors: Result<PriorChecks, AppError>,
    claim_id: Uuid,
    actions: Actions,
) -> impl IntoView {
    let body = match priors {
        Err(e) => view! { <ErrorView error=e/> }.into_any(),
        Ok(p) if p.items.is_empty() => view! {
            <p class="hint">
                "No known fact-check matches this claim (" {p.searched} " searched). "
                <a href="/review/fact-checks">"Known fact-checks"</a>
            </p>
        }
        .into_any(),
        Ok(p) => {
            let verdict = if p.strong {
                "Strong match: very likely checked before."
            } else if p.likely {
                "Likely checked before."
            } else {
                "Weak matches only: probably not checked before."
            };
            view! {
                <p class=if p.likely { "prior-summary likely" } else { "prior-summary" }>
                    <strong>{verdict}</strong>
                    {format!(" The best match is right with probability {:.0}%, among {} known fact-checks.", p.probability * 100.0, p.searched)}
                </p>
                <ol class="priors">
                    {p.items.into_iter().map(|item| view! { <PriorItem item=item claim_id=claim_id actions=actions/> }).collect_view()}
                </ol>
            }
            .into_any()
        }
    };
    view! {
        <section id="prior-checks" aria-labelledby="prior-heading">
            <h2 id="prior-heading">"Possibly already fact-checked"</h2>
            <ActionError value=actions.decide_prior.value()/>
            {body}
        </section>
    }
}

/// Why a fact-check matched, in words.
fn why_matched(item: &PriorCheck) -> String {
    let mut parts = Vec::new();
    if !item.shared_words.is_empty() {
        let words: Vec<&str> = item
            .shared_words
            .iter()
            .take(8)
            .map(String::as_str)
            .collect();
        parts.push(format!("shares “{}”", words.join("”, “")));
    }
    parts.push(format!("wording {:.0}% alike", item.wording * 100.0));
    match item.days_after {
        Some(d) if d < 0 => parts.push(format!("checked {} days before the claim", -d)),
        Some(0) => parts.push("checked the same day".to_owned()),
        Some(d) => parts.push(format!("checked {d} days after the claim")),
        None => {}
    }
    parts.join("; ")
}

#[component]
fn PriorItem(item: PriorCheck, claim_id: Uuid, actions: Actions) -> impl IntoView {
    let fc = item.fact_check.clone();
    let why = why_matched(&item);
    let whose = if fc.ours {
        "Our fact-check".to_owned()
    } else {
        format!(
            "Imported · {}",
            fc.publisher
                .clone()
                .unwrap_or_else(|| "publisher unknown".into())
        )
    };
    let decide = move |decision: MatchDecision, label: &'static str, class: &'static str| {
        view! {
            <ActionForm action=actions.decide_prior attr:class="inline">
                <input type="hidden" name="claim_id" value=claim_id.to_string()/>
                <input type="hidden" name="fact_check_id" value=fc.id.to_string()/>
                <input type="hidden" name="decision" value=decision.as_str()/>
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    let state = match item.decision {
        MatchDecision::Suggested => view! {
            <p class="actions">
                {decide(MatchDecision::Confirmed, "Same claim", "secondary")}
                " "
                {decide(MatchDecision::Dismissed, "Not the same", "link-button")}
            </p>
        }
        .into_any(),
        MatchDecision::Confirmed => view! {
            <p class="decided">
                <strong>"Confirmed: the same claim."</strong>
                " It is attached to the sources as prior work. "
                {decide(MatchDecision::Dismissed, "Not the same after all", "link-button")}
            </p>
        }
        .into_any(),
        MatchDecision::Dismissed => view! {
            <p class="decided">
                <strong>"Dismissed: not the same claim."</strong>
                " "
                {decide(MatchDecision::Confirmed, "Same claim after all", "link-button")}
            </p>
        }
        .into_any(),
    };
    view! {
        <li class=format!("prior decision-{}", item.decision.as_str())>
            <p class="claim-head">
                {item.fact_check.rating.map(|r| view! { <RatingBadge rating=r/> })}
                {item.fact_check.textual_rating.clone().filter(|t| item.fact_check.rating.is_none_or(|r| !r.label().eq_ignore_ascii_case(t))).map(|t| view! { <span class="badge subtle" title="The verdict in the publisher's words">{t}</span> })}
                <span class="meta">
                    {whose}
                    {item.fact_check.date_published.clone().map(|d| format!(" · {d}"))}
                    {item.fact_check.language.clone().map(|l| format!(" · {l}"))}
                </span>
            </p>
            <p class="prior-claim">
                <a href=item.fact_check.url.clone() rel="noopener noreferrer nofollow">
                    {item.fact_check.title.clone().unwrap_or_else(|| item.fact_check.claim_reviewed.clone())}
                </a>
            </p>
            {item.fact_check.title.is_some().then(|| view! {
                <p class="meta">"Claim checked: " {item.fact_check.claim_reviewed.clone()}</p>
            })}
            <p class="meta why">"Why: " {why}</p>
            {state}
        </li>
    }
}
