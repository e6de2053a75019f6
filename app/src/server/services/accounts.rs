//! Accounts: who may sign in and with what role. Users and their passwords, sessions, the
//! sign-in throttle, API tokens and invitations.

pub mod invites;
pub mod sessions;
pub mod signin;
pub mod tokens;
pub mod users;
