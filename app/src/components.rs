//! Reusable pieces of pages.
pub mod site_header;
