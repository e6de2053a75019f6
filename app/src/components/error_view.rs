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
    // Signing in brings the reader back to the page they were refused (a shared link to a
    // claim opens that claim, not the home page). The address is read from the request, a
    // plain value, not from the router's lazily computed one: this view is built inside pages'
    // `Suspend`s, which resolve on several threads at once (see `AddressReadOnce`).
    let next = requested_address();
    let action = match &error {
        AppError::Unauthenticated => Some(view! {
            <p><a href=sign_in_link(next.as_deref())>"Sign in"</a></p>
        }),
        _ => None,
    };
    view! {
        <div class="error" role="alert">
            <p>{error.to_string()}</p>
            {action}
        </div>
    }
}

/// A whole page that could not be shown: its title, a heading saying what happened (a page
/// needs one, for screen readers' headings list as much as for the eye), and the error.
#[component]
pub fn ErrorPage(error: AppError, title: &'static str) -> impl IntoView {
    let headline = error.headline();
    view! {
        <leptos_meta::Title text=title/>
        <h1>{headline}</h1>
        <ErrorView error=error/>
    }
}

/// The path and query of the page being rendered, when the server has the request at hand.
fn requested_address() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.path_and_query().map(|pq| pq.as_str().to_owned()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Where "Sign in" goes: the sign-in page, then back to `next` when it is known.
fn sign_in_link(next: Option<&str>) -> String {
    match next {
        Some(next) => format!("/login?next={}", crate::components::query::encode(next)),
        None => "/login".to_owned(),
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

/// The error a server function put in the address when it sent a plain form (one posted
/// without wasm, such as a file upload) back to its page: `__path` names the function.
pub fn error_in_address(query: &leptos_router::params::ParamsMap, path: &str) -> Option<AppError> {
    use base64::Engine;
    use leptos::server_fn::error::FromServerFnError;
    if query.get("__path").as_deref() != Some(path) {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(query.get("__err")?)
        .ok()?;
    Some(AppError::de(bytes.into()))
}

/// What a form refused without JavaScript carried back in the address (`__typed`, when
/// `__path` names its server function), so the page fills the form in again as it was.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed(Vec<(String, String)>);

impl Typed {
    /// The fields carried back to the form of the server function at `path`, if any.
    /// Only beside a refusal (`__err`): a link that merely pre-fills a form shows it empty.
    pub fn in_address(query: &leptos_router::params::ParamsMap, path: &str) -> Self {
        if query.get("__path").as_deref() != Some(path) || query.get("__err").is_none() {
            return Typed::default();
        }
        Typed(
            query
                .get(crate::domain::addresses::TYPED_KEY)
                .map(|v| crate::domain::addresses::typed_from_address(&v))
                .unwrap_or_default(),
        )
    }

    /// The value typed into the field `name`, or an empty one.
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}
