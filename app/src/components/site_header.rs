//! The header on every page: the name, the main sections, and who is signed in.

use leptos::prelude::*;

use crate::api::accounts::auth::Logout;
use crate::components::current_user::CurrentUserResource;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let user = expect_context::<CurrentUserResource>().0;
    let logout = ServerAction::<Logout>::new();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"Claimtrail"</a>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => view! {
                            <nav aria-label="Main">
                                <a href="/">"Articles"</a>
                                <a href="/articles/new">"Add article"</a>
                                <a href="/review">"Review"</a>
                                <a href="/review/stories">"Stories"</a>
                                <a href="/review/fact-checks">"Known fact-checks"</a>
                                {u.role.includes(crate::domain::Role::Editor).then(|| view! { <a href="/admin">"Dashboard"</a> })}
                                <a href="/claims">"Fact-checks"</a>
                            </nav>
                            <div class="who">
                                <span>{u.display_name} " · " {u.role.label()}</span>
                                {u.role.includes(crate::domain::Role::Admin).then(|| view! { <a href="/admin/users">"Users"</a> })}
                                <a href="/account/tokens">"Tokens"</a>
                                <ActionForm action=logout attr:class="inline">
                                    <button type="submit" class="link-button">"Sign out"</button>
                                </ActionForm>
                            </div>
                        }.into_any(),
                        _ => view! {
                            <nav aria-label="Main"><a href="/claims">"Fact-checks"</a></nav>
                            <a class="who" href="/login">"Sign in"</a>
                        }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}
