//! Who is signed in, as every page and the header read it: one resource, provided by the app
//! and refetched whenever someone signs in or out.

use leptos::prelude::*;

use crate::domain::CurrentUser;
use crate::error::AppError;

/// The signed-in user, refetched whenever someone signs in or out.
#[derive(Clone, Copy)]
pub struct CurrentUserResource(pub Resource<Result<Option<CurrentUser>, AppError>>);
