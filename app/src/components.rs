//! Reusable pieces of pages.

pub mod claim_highlight;
pub mod current_user;
pub mod error_view;
pub mod figure_chart;
pub mod form_enhancer;
pub mod query;
pub mod rating_badge;
pub mod site_header;
