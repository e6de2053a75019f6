//! Accounts, as `services::accounts`: signing in and out, users and roles, invitations.

pub mod auth;
pub mod invites;
pub mod tokens;
pub mod users;
