//! Claimtrail's application: the HTML shell, the root component, and (behind features) the
//! server-side services and the browser's entry point for the islands.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod extract;
pub mod pages;
pub mod provenance;
pub mod reading;
mod routes;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};

use crate::components::form_enhancer::FormEnhancer;

pub use routes::App;

/// The HTML document every page is rendered into. Pages for readers carry no script: see
/// `domain::addresses::is_reader_page`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Only islands run in the browser, and they take what they need as props: no page writes
    // its data into the HTML a second time for hydration.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let wasm = loads_wasm();
    let scripts = wasm.then(|| view! { <HydrationScripts options=options.clone() islands=true/> });
    let island = wasm.then(|| view! { <FormEnhancer/> });
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                {scripts}
                <MetaTags/>
            </head>
            <body>
                <Root/>
                {island}
            </body>
        </html>
    }
}

/// Whether the page being rendered loads the application's wasm and its one island (on the
/// server, from the request's path and whether it carries a session; in the browser it already
/// has).
fn loads_wasm() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_none_or(|parts| {
            let signed_in = server::auth::cookie_token(&parts.headers).is_some();
            !domain::addresses::is_reader_page(parts.uri.path(), signed_in)
        })
    }
    #[cfg(not(feature = "ssr"))]
    true
}

#[component]
fn Root() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=page_title/>
        <App/>
    }
}

/// The document title for a page title. leptos_meta 0.8 writes the title into the server's HTML
/// without escaping it, so an article titled `</title><script>…` would inject markup; on the
/// server the text is escaped here (in the browser it is assigned to `document.title`, as text).
fn page_title(title: String) -> String {
    let full = if title.is_empty() {
        "Claimtrail".to_owned()
    } else {
        format!("{title} · Claimtrail")
    };
    #[cfg(feature = "ssr")]
    let full = full
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    full
}

/// The browser's entry point: only the islands on the page come alive (`#[island]`); the rest
/// of the page is the server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
