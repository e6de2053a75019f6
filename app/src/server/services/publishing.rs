//! Publishing: what anyone may read of a published fact-check — its page with the ClaimReview
//! built once for the page, its JSON and the feed — and the list of published fact-checks.

pub mod fact_checks;
pub mod listing;
