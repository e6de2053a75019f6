//! Signing in.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::accounts::auth::Login;
use crate::components::error_view::{ActionError, Typed};

#[component]
pub fn LoginPage() -> impl IntoView {
    // Created here, inside the routes, so a refusal sent back in the address (a form posted
    // without JavaScript) reaches it.
    let login = ServerAction::<Login>::new();
    let next = move || {
        use_query_map()
            .read()
            .get("next")
            .unwrap_or_else(|| "/".to_owned())
    };
    // Refused without JavaScript, the address typed comes back with the reason.
    let typed = use_query_map().with_untracked(|q| Typed::in_address(q, Login::PATH));
    view! {
        <Title text="Sign in"/>
        <section class="narrow">
            <h1>"Sign in"</h1>
            <ActionForm action=login attr:class="stack">
                <input type="hidden" name="next" value=next/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=typed.get("email")/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit">"Sign in"</button>
            </ActionForm>
            <ActionError value=login.value()/>
        </section>
    }
}
