//! The table of pages, and the state every page shares (who is signed in), provided once.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::api::accounts::auth::get_current_user;
use crate::components::current_user::CurrentUserResource;
use crate::components::site_header::SiteHeader;
use crate::pages::{
    AccountTokensPage, AdminArticlesPage, AdminPage, AdminUsersPage, ArticlePage, AuditTrailPage,
    ClaimWorkspacePage, FactCheckPage, FactChecksPage, HomePage, IngestPage, InvitePage,
    KnownFactChecksPage, LoginPage, NotFound, PublicStoryPage, ReviewQueuePage, StoriesPage,
    StoryWorkspacePage,
};

#[component]
pub fn App() -> impl IntoView {
    // Read once per page: signing in or out sends the browser to a new page.
    let user = Resource::new(|| (), |_| get_current_user());
    provide_context(CurrentUserResource(user));
    // Every page is rendered whole before it is sent (`SsrMode::Async`): it then reads completely
    // without JavaScript, and a page's status (404, 401) is known before its first byte.
    view! {
        <Router>
            <AddressReadOnce/>
            <div class="app">
                <SiteHeader/>
                <main id="main">
                    <Routes fallback=NotFound>
                        <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/articles/new") view=IngestPage ssr=SsrMode::Async/>
                        <Route path=path!("/articles/:id") view=ArticlePage ssr=SsrMode::Async/>
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                        <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async/>
                        <Route path=path!("/claims") view=FactChecksPage ssr=SsrMode::Async/>
                        <Route path=path!("/claims/:slug") view=FactCheckPage ssr=SsrMode::Async/>
                        <Route path=path!("/review") view=ReviewQueuePage ssr=SsrMode::Async/>
                        <Route path=path!("/review/claims/:id") view=ClaimWorkspacePage ssr=SsrMode::Async/>
                        <Route path=path!("/review/stories") view=StoriesPage ssr=SsrMode::Async/>
                        <Route path=path!("/review/fact-checks") view=KnownFactChecksPage ssr=SsrMode::Async/>
                        <Route path=path!("/review/stories/:id") view=StoryWorkspacePage ssr=SsrMode::Async/>
                        <Route path=path!("/stories/:slug") view=PublicStoryPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/audit") view=AuditTrailPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/articles") view=AdminArticlesPage ssr=SsrMode::Async/>
                        <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                        <Route path=path!("/account/tokens") view=AccountTokensPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
                <footer class="site-footer">
                    <p>"Claimtrail · every claim with its source, its evidence and its history"</p>
                </footer>
            </div>
        </Router>
    }
}

/// Reads the router's view of the address (path, query, fragment) once, before any page renders.
///
/// The router computes each of these lazily, on its first read, emptying and refilling its
/// value under write locks; a read from another thread meanwhile does not wait but fails, and
/// panics as if the value had been disposed (`reactive_graph` 0.2's memo reads use `try_read`).
/// On the server a page's `Suspense` boundaries resolve on several threads at once, so two first
/// reads there could meet: a page with two refused lists did once, and its request hung until
/// the 30-second timeout. Read here, on the one thread building the page, every later read is a
/// read of a value.
#[component]
fn AddressReadOnce() -> impl IntoView {
    let here = leptos_router::hooks::use_location();
    here.pathname.with_untracked(|_| ());
    here.search.with_untracked(|_| ());
    here.query.with_untracked(|_| ());
    here.hash.with_untracked(|_| ());
}
