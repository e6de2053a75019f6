//! The page behind an invitation link: who invited whom as what, and a form to choose a
//! password. Accepting signs the new account in and opens the review queue.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::accounts::invites::{AcceptInvite, invite_info};
use crate::components::error_view::{ActionError, ErrorView};

#[component]
pub fn InvitePage() -> impl IntoView {
    let token = move || use_params_map().read().get("token").unwrap_or_default();
    let accept = ServerAction::<AcceptInvite>::new();
    let info = Resource::new(token, invite_info);
    view! {
        <Title text="Join Claimtrail"/>
        <Meta name="referrer" content="same-origin"/>
        <Meta name="robots" content="noindex"/>
        <section class="narrow">
            <h1>"Join Claimtrail"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(i) => view! {
                            <p>
                                {i.invited_by} " invited you to review claims as "
                                <strong>{i.role.label()}</strong> ", with the address "
                                <strong>{i.email.clone()}</strong> ". This link works once, until "
                                {i.expires_at} "."
                            </p>
                            // Once accepted, the link is spent: the island replaces its address
                            // (the token) with the queue, so it stays out of the history.
                            <ActionForm action=accept attr:class="stack" attr:data-replace="">
                                <input type="hidden" name="token" value=token/>
                                <label for="invite-name">"Display name " <span class="hint">"(shown beside your work)"</span></label>
                                <input id="invite-name" name="display_name" type="text" required maxlength="100" value=i.display_name autocomplete="name"/>
                                <label for="invite-password">"Password " <span class="hint">"(12 characters or more)"</span></label>
                                <input id="invite-password" name="password" type="password" required minlength="12" autocomplete="new-password"/>
                                <label for="invite-confirm">"The password again"</label>
                                <input id="invite-confirm" name="confirm" type="password" required minlength="12" autocomplete="new-password"/>
                                <button type="submit">"Create my account"</button>
                            </ActionForm>
                            <ActionError value=accept.value()/>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
