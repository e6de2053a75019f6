//! API tokens: the signed-in person's own (everyone's for an admin), when each expires and was
//! last used, and a button to revoke one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::accounts::tokens::{RevokeToken, list_tokens};
use crate::components::error_view::{ActionError, ErrorView};
use crate::domain::TokenState;

#[component]
pub fn AccountTokensPage() -> impl IntoView {
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(|| (), |_| list_tokens());
    view! {
        <Title text="API tokens"/>
        <h1>"API tokens"</h1>
        <p class="hint">"Tokens are made with " <code>"claimtrail token create"</code> " and shown once. Each works until it expires or is revoked; resetting a password revokes its account's tokens."</p>
        <ActionError value=revoke.value()/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(list) if list.is_empty() => view! { <p>"No tokens."</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="tokens">
                            <thead><tr>
                                <th scope="col">"Name"</th><th scope="col">"Account"</th><th scope="col">"Made"</th>
                                <th scope="col">"Last used"</th><th scope="col">"Expires"</th><th scope="col">"State"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|t| view! {
                                    <tr>
                                        <td>{t.name}</td>
                                        <td>{t.owner}</td>
                                        <td>{t.created_at}</td>
                                        <td>{t.last_used_at.unwrap_or_else(|| "never".to_owned())}</td>
                                        <td>{t.expires_at}</td>
                                        <td>
                                            {t.state.label()}
                                            {(t.state == TokenState::Active).then(|| view! {
                                                <ActionForm action=revoke attr:class="inline">
                                                    <input type="hidden" name="id" value=t.id.to_string()/>
                                                    <button type="submit" class="link-button">"Revoke"</button>
                                                </ActionForm>
                                            })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
