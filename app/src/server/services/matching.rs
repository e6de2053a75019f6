//! "Already fact-checked": known fact-checks (ours and those imported from other
//! organisations) and the matching of claims against them.
//!
//! The pure parts take plain data and are tested without a database: `text` (cleaning and
//! tokenising), `index` (BM25 and character n-grams), `rank` (features, the linear model and its
//! calibrated probability), `ratings` (other organisations' verdicts on our scale), `import`
//! (the formats fact-checks travel in) and `train` (fitting the model). `store` persists,
//! `engine` keeps each server's index current from the database, `reviews` imports and lists,
//! `priors` matches claims and records reviewers' decisions.

pub mod engine;
pub mod import;
pub mod index;
pub mod priors;
pub mod rank;
pub mod ratings;
pub mod reviews;
pub mod store;
pub mod text;
pub mod train;

pub use engine::Matcher;
