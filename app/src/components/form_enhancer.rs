//! The one part of a newsroom page that runs in the browser: a Leptos island. Every form on
//! every page is a plain HTML form that works without JavaScript (the server answers it with a
//! page); with the island, a form is sent in the background instead:
//! - refused, its reason appears under the form, and what was typed stays;
//! - after a conflict (someone else changed the thing first), a button loads the page as it now is;
//! - done, the browser opens the page the server names, or loads this page again with the change.
//!
//! It also fills in "add a claim" from words selected in an article, and lets "Add a figure"
//! add a blank row. Readers' pages carry no island and load no wasm (see `crate::loads_wasm`).
//! The pages themselves render only on the server, so none of their code is in the wasm.

use leptos::prelude::*;

/// Marks the page once the island runs (`data-hydrated="true"`), which is how the browser
/// tests know the wasm works; everything else it does is attached to the document.
#[island]
pub fn FormEnhancer() -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        browser::install();
        ready.set(true);
    });
    view! { <span id="enhanced" hidden data-hydrated=move || ready.get().to_string()></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::{document, window};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Element, Event, FormData, Headers, HtmlButtonElement, HtmlDetailsElement, HtmlElement,
        HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, ReferrerPolicy,
        RequestCredentials, RequestInit, Response, UrlSearchParams,
    };

    use crate::error::AppError;

    pub fn install() {
        forget_notices();
        restore_place();
        let cb = Closure::<dyn Fn(Event)>::new(on_page_show);
        let _ = window().add_event_listener_with_callback("pageshow", cb.as_ref().unchecked_ref());
        cb.forget();
        listen("submit", on_submit);
        listen("mouseup", on_select);
        listen("keyup", on_select);
        listen("click", on_click);
        // Controls that only work with the island are sent hidden.
        if let Ok(list) = document().query_selector_all("[data-add-row]") {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.remove_attribute("hidden");
                }
            }
        }
    }

    fn listen(name: &str, handler: fn(Event)) {
        let cb = Closure::<dyn Fn(Event)>::new(handler);
        let _ = document().add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        cb.forget();
    }

    /// What the server said to a form.
    enum Answer {
        /// Open this page (where the function sends the browser), or load this one again.
        Go(Option<String>),
        /// Refused: the message, and whether it was a conflict.
        Refused(String, bool),
    }

    fn on_submit(ev: Event) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let action = form.get_attribute("action").unwrap_or_default();
        // GET forms (filters, search) navigate as they are; only server functions are sent.
        if !form.method().eq_ignore_ascii_case("post") || !action.starts_with("/api/") {
            return;
        }
        ev.prevent_default();
        if form.get_attribute("aria-busy").as_deref() == Some("true") {
            return;
        }
        let Ok(data) = FormData::new_with_form(&form) else {
            let _ = form.submit();
            return;
        };
        let multipart = form.enctype().eq_ignore_ascii_case("multipart/form-data");
        let replace = form.has_attribute("data-replace");
        busy(&form, true);
        leptos::task::spawn_local(async move {
            match send(&action, &data, multipart).await {
                Answer::Go(to) => go(to, replace),
                Answer::Refused(message, conflict) => {
                    busy(&form, false);
                    show_refusal(&form, &message, conflict);
                }
            }
        });
    }

    async fn send(action: &str, data: &FormData, multipart: bool) -> Answer {
        let unreachable = || {
            Answer::Refused(
                "The server could not be reached: check the connection and send it again."
                    .to_owned(),
                false,
            )
        };
        let init = RequestInit::new();
        init.set_method("POST");
        if multipart {
            init.set_body(data);
        } else {
            match UrlSearchParams::new_with_str_sequence_sequence(data) {
                Ok(params) => init.set_body(&params),
                Err(_) => return unreachable(),
            }
        }
        let Ok(headers) = Headers::new() else {
            return unreachable();
        };
        let _ = headers.set("Accept", "application/json");
        let _ = headers.set(crate::domain::addresses::FORM_HEADER, "1");
        init.set_headers(&headers);
        init.set_credentials(RequestCredentials::SameOrigin);
        // Pages that send no referrer to other sites still tell this server where the form
        // was, so it can send the browser back there.
        init.set_referrer_policy(ReferrerPolicy::SameOrigin);
        let Ok(res) = JsFuture::from(window().fetch_with_str_and_init(action, &init)).await else {
            return unreachable();
        };
        let Ok(res) = res.dyn_into::<Response>() else {
            return unreachable();
        };
        if res.ok() {
            return Answer::Go(res.headers().get("location").ok().flatten());
        }
        let status = res.status();
        let body = match res.text() {
            Ok(p) => JsFuture::from(p)
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        // A server function's refusal is its `AppError`, as JSON; anything else (a proxy, a
        // limit in front of the functions) is described by its status.
        if let Ok(error) = serde_json::from_str::<AppError>(&body) {
            let conflict = matches!(error, AppError::Conflict(_));
            return Answer::Refused(error.to_string(), conflict);
        }
        let message = match status {
            413 => "This is too large to send.".to_owned(),
            429 => "Too many requests just now: wait a minute and send it again.".to_owned(),
            _ => format!("The server could not take this (status {status}). Please try again."),
        };
        Answer::Refused(message, false)
    }

    /// Where the reader was on a page loaded afresh by `go`: the page's address, then `y:` and
    /// the scroll position or `#` and an element's id.
    const PLACE: &str = "claimtrail:place";

    /// Opens `to` (in place of this page in the history with `replace`), or this page again as
    /// the server now renders it.
    fn go(to: Option<String>, replace: bool) {
        let win = window();
        let loc = win.location();
        let here = format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        );
        let (target, fragment) = match to.as_deref().map(|t| t.split_once('#')) {
            Some(Some((path, id))) => (path.to_owned(), Some(id.to_owned())),
            Some(None) => (to.clone().unwrap_or_default(), None),
            None => (here.clone(), None),
        };
        if target == here {
            // This page again, loaded afresh rather than reloaded: a browser may put a reloaded
            // page's old form values back (Firefox does, hidden versions included), and an
            // address differing only by its fragment would not load at all. The island on the
            // new page puts the reader back where they were.
            let place = fragment.map_or_else(
                // Whole pixels: formatting and parsing floats would add kilobytes to the wasm.
                || format!("y:{}", win.scroll_y().unwrap_or(0.0) as i64),
                |id| format!("#{id}"),
            );
            if let Ok(Some(store)) = win.session_storage() {
                let _ = store.set_item(PLACE, &format!("{here}\n{place}"));
            }
            let _ = loc.replace(&target);
        } else if let Some(to) = to {
            let _ = if replace {
                loc.replace(&to)
            } else {
                loc.assign(&to)
            };
        }
    }

    /// Back where the reader was, on a page `go` loaded afresh.
    fn restore_place() {
        let win = window();
        let Ok(Some(store)) = win.session_storage() else {
            return;
        };
        let Ok(Some(saved)) = store.get_item(PLACE) else {
            return;
        };
        let _ = store.remove_item(PLACE);
        let loc = win.location();
        let here = format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        );
        let Some((page, place)) = saved.split_once('\n') else {
            return;
        };
        if page != here {
            return;
        }
        if let Some(y) = place.strip_prefix("y:").and_then(|y| y.parse::<i64>().ok()) {
            win.scroll_to_with_x_and_y(0.0, y as f64);
        } else if let Some(el) = place
            .strip_prefix('#')
            .and_then(|id| document().get_element_by_id(id))
        {
            el.scroll_into_view();
        }
    }

    /// Takes the notices a form left in the address (and a refusal sent back to a page posted
    /// without the island) out of the address bar once the page shows them, so they are not
    /// shown again, and an invitation's token stays out of the history.
    fn forget_notices() {
        let loc = window().location();
        let search = loc.search().unwrap_or_default();
        let Ok(params) = UrlSearchParams::new_with_str(&search) else {
            return;
        };
        let mut changed = false;
        for key in crate::domain::addresses::NOTICE_KEYS.iter().chain(&[
            "__err",
            "__path",
            crate::domain::addresses::TYPED_KEY,
        ]) {
            if params.has(key) {
                params.delete(key);
                changed = true;
            }
        }
        if !changed {
            return;
        }
        let query = String::from(params.to_string());
        let address = format!(
            "{}{}{query}{}",
            loc.pathname().unwrap_or_default(),
            if query.is_empty() { "" } else { "?" },
            loc.hash().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
        }
    }

    /// A page shown again from the browser's back-forward cache keeps its forms as they were
    /// when it was left, waiting: they are ready again.
    fn on_page_show(_: Event) {
        let Ok(forms) = document().query_selector_all("form[aria-busy=true]") else {
            return;
        };
        for i in 0..forms.length() {
            if let Some(form) = forms
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlFormElement>().ok())
            {
                busy(&form, false);
            }
        }
    }

    fn busy(form: &HtmlFormElement, on: bool) {
        let _ = form.set_attribute("aria-busy", if on { "true" } else { "false" });
        let Ok(buttons) = form.query_selector_all("button[type=submit]") else {
            return;
        };
        for i in 0..buttons.length() {
            let Some(b) = buttons
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlButtonElement>().ok())
            else {
                continue;
            };
            b.set_disabled(on);
            // A button may say what is happening while it waits ("Extracting claims…").
            if let Some(label) = b.get_attribute("data-busy-label") {
                let now = b.text_content().unwrap_or_default();
                let _ = b.set_attribute("data-busy-label", &now);
                b.set_text_content(Some(&label));
            }
        }
    }

    /// The refusal, under the form: replaced by the next one, announced to screen readers.
    fn show_refusal(form: &HtmlFormElement, message: &str, conflict: bool) {
        let doc = document();
        let answer = match form
            .next_element_sibling()
            .filter(|e| e.class_list().contains("form-answer"))
        {
            Some(a) => a,
            None => {
                let Ok(a) = doc.create_element("div") else {
                    return;
                };
                a.set_class_name("form-answer card-errors");
                static ANSWERS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                let id = format!(
                    "form-answer-{}",
                    ANSWERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                );
                a.set_id(&id);
                let _ = form.set_attribute("aria-describedby", &id);
                let _ = form.after_with_node_1(&a);
                a
            }
        };
        answer.set_text_content(None);
        if let Ok(p) = doc.create_element("p") {
            p.set_class_name("error");
            let _ = p.set_attribute("role", "alert");
            // Focus moves to the reason (the button that sent the form was disabled meanwhile),
            // and from there the form is one Shift+Tab away.
            let _ = p.set_attribute("tabindex", "-1");
            p.set_text_content(Some(message));
            let _ = answer.append_child(&p);
            if let Ok(p) = p.dyn_into::<HtmlElement>() {
                let _ = p.focus();
            }
        }
        if conflict && let Ok(b) = doc.create_element("button") {
            let _ = b.set_attribute("type", "button");
            let _ = b.set_attribute("data-reload", "");
            b.set_class_name("secondary");
            b.set_text_content(Some("Load the page as it is now"));
            let _ = answer.append_child(&b);
        }
    }

    fn on_click(ev: Event) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if target.closest("[data-reload]").ok().flatten().is_some() {
            go(None, false);
        } else if let Some(button) = target.closest("[data-add-row]").ok().flatten() {
            add_row(&button);
        }
    }

    /// "Add a figure": a copy of the last row before the button, blank, numbered next.
    fn add_row(button: &Element) {
        let Some(parent) = button.parent_element() else {
            return;
        };
        let Ok(rows) = parent.query_selector_all(":scope > fieldset.figure-row") else {
            return;
        };
        let n = rows.length();
        let Some(last) = n
            .checked_sub(1)
            .and_then(|i| rows.item(i))
            .and_then(|r| r.dyn_into::<Element>().ok())
        else {
            return;
        };
        let Ok(copy) = last.clone_node_with_deep(true) else {
            return;
        };
        let Ok(copy) = copy.dyn_into::<Element>() else {
            return;
        };
        let (from, to) = (n - 1, n);
        if let Ok(all) = copy.query_selector_all("[id],[for],[name]") {
            for i in 0..all.length() {
                let Some(el) = all.item(i).and_then(|x| x.dyn_into::<Element>().ok()) else {
                    continue;
                };
                for attr in ["id", "for", "name"] {
                    if let Some(v) = el.get_attribute(attr) {
                        let v = v
                            .replace(&format!("-{from}-"), &format!("-{to}-"))
                            .replace(&format!("[{from}]"), &format!("[{to}]"));
                        let _ = el.set_attribute(attr, &v);
                    }
                }
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    input.set_value("");
                } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                    select.set_selected_index(0);
                }
            }
        }
        if let Ok(Some(legend)) = copy.query_selector("legend") {
            legend.set_text_content(Some(&format!("Figure {}", to + 1)));
        }
        let _ = button.before_with_node_1(&copy);
        if let Ok(Some(first)) = copy.query_selector("input")
            && let Ok(first) = first.dyn_into::<HtmlElement>()
        {
            let _ = first.focus();
        }
    }

    /// Words selected in an article's text fill in "add a claim" (three characters at least).
    fn on_select(_: Event) {
        let doc = document();
        let Ok(Some(body)) = doc.query_selector(".article-body") else {
            return;
        };
        let Ok(Some(selection)) = window().get_selection() else {
            return;
        };
        let Some(anchor) = selection.anchor_node() else {
            return;
        };
        if !body.contains(Some(&anchor)) {
            return;
        }
        let words = String::from(selection.to_string());
        let words = words.trim();
        if words.chars().count() < 3 {
            return;
        }
        if let Ok(Some(quote)) = doc.query_selector("#add-quote")
            && let Ok(quote) = quote.dyn_into::<HtmlTextAreaElement>()
        {
            quote.set_value(words);
        }
        if let Ok(Some(details)) = doc.query_selector("details.add-claim")
            && let Ok(details) = details.dyn_into::<HtmlDetailsElement>()
        {
            details.set_open(true);
        }
    }
}
