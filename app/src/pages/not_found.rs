//! The page for addresses that name nothing; answered with status 404.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found"/>
        <h1>"Not found"</h1>
        <p>"Nothing lives at this address. " <a href="/">"Go to the articles"</a> "."</p>
    }
}
