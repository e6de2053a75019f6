//! How much text Claimtrail reads at once: the same limit for articles, uploaded files and
//! archived copies of sources, checked in the browser's forms, the services and the API.

/// The largest text accepted, in bytes of UTF-8.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
