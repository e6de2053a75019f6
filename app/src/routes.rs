//! The table of pages.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::pages::{ArticlePage, HomePage, IngestPage, LoginPage, NotFound};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <crate::components::site_header::SiteHeader/>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/articles/new") view=IngestPage/>
                    <Route path=path!("/articles/:id") view=ArticlePage/>
                    <Route path=path!("/login") view=LoginPage/>
                </Routes>
            </main>
        </Router>
    }
}
