//! Types shared by the browser and the server: the newsroom's vocabulary and the pure rules over it.

pub mod claimreview;
mod dashboard;
mod kinds;
mod public;
mod views;

pub use dashboard::*;
pub use kinds::*;
pub use public::*;
pub use views::*;
