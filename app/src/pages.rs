//! One module per page.
use leptos::prelude::*;
#[component] pub fn HomePage() -> impl IntoView { view! { <p>"home"</p> } }
#[component] pub fn IngestPage() -> impl IntoView { view! { <p>"ingest"</p> } }
#[component] pub fn ArticlePage() -> impl IntoView { view! { <p>"article"</p> } }
#[component] pub fn LoginPage() -> impl IntoView { view! { <p>"login"</p> } }
#[component] pub fn NotFound() -> impl IntoView { view! { <p>"not found"</p> } }
