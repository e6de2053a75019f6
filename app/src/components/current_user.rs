//! Who is signed in, as every page and the header read it: one resource per page, provided by
//! the app (signing in or out opens a new page).

use leptos::prelude::*;

use crate::domain::CurrentUser;
use crate::error::AppError;

/// The signed-in user of the page being rendered.
#[derive(Clone, Copy)]
pub struct CurrentUserResource(pub Resource<Result<Option<CurrentUser>, AppError>>);
