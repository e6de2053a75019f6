//! Types shared by the browser and the server: the newsroom's vocabulary and the pure rules over
//! it (review transitions and the two-person rule, addresses and slugs), tested without a
//! database.

pub mod addresses;
mod article_details;
pub mod claimreview;
mod dashboard;
mod figure_rows;
mod history;
mod kinds;
mod limits;
mod matching;
mod provenance;
mod public;
mod review;
mod story_window;
mod views;

pub use article_details::*;
pub use dashboard::*;
pub use figure_rows::*;
pub use history::*;
pub use kinds::*;
pub use limits::*;
pub use matching::*;
pub use provenance::*;
pub use public::*;
pub use review::*;
pub use story_window::*;
pub use views::*;
