//! How an error reads on a page: what happened and what to do next.

use leptos::prelude::*;

use crate::error::AppError;

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    // The page's status says what went wrong too, for crawlers, caches and tests.
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(code) = http::StatusCode::from_u16(error.status())
    {
        resp.set_status(code);
    }
    let action = match &error {
        AppError::Unauthenticated => Some(view! { <p><a href="/login">"Sign in"</a></p> }),
        _ => None,
    };
    view! {
        <div class="error" role="alert">
            <p>{error.to_string()}</p>
            {action}
        </div>
    }
}

/// The message of a failed server action, shown beside its form.
#[component]
pub fn ActionError<T, S>(value: S) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    move || {
        value.get().and_then(Result::err).map(|e| {
            view! { <p class="error" role="alert">{e.to_string()}</p> }
        })
    }
}
