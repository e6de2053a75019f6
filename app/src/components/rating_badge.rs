//! A verdict's rating as a badge, coloured by the rating: the same markup on the workspace, the
//! public fact-check and the list of fact-checks.

use leptos::prelude::*;

use crate::domain::Rating;

/// The rating's label in its colour. `big` is the headline of a fact-check page (a paragraph
/// of its own); otherwise the badge sits inline.
#[component]
pub fn RatingBadge(rating: Rating, #[prop(optional)] big: bool) -> impl IntoView {
    if big {
        view! { <p class=format!("rating big rating-{}", rating.as_str())>{rating.label()}</p> }
            .into_any()
    } else {
        view! { <span class=format!("rating rating-{}", rating.as_str())>{rating.label()}</span> }
            .into_any()
    }
}
