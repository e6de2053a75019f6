use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! { <header class="site-header"><a href="/">"Claimtrail"</a></header> }
}
