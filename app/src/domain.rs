//! Types shared by the browser and the server: the newsroom's vocabulary and the pure rules over it.

mod kinds;
mod views;

pub use kinds::*;
pub use views::*;
