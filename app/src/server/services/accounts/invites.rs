//! Invitations. An admin names the address, the display name and the role and gets a one-time
//! link to pass on; the invitee opens it and chooses their own password, so no password ever
//! travels between people. The link's token is stored only as its SHA-256, expires after
//! [`VALID_DAYS`], works once, and can be revoked; inviting the same address again replaces the
//! pending invitation. Every step is audited.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::users;
use crate::domain::{CurrentUser, InviteInfo, InviteState, InviteView, Role};
use crate::server::entities::{invite, user};
use crate::server::services::{
    ServiceError, Who, audit, display_time, now, random_hex, sha256_hex,
};

pub use crate::domain::INVITE_VALID_DAYS as VALID_DAYS;

/// Whether `s` has the shape of an invitation token (64 hex digits), checked before any lookup.
pub fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The path of an invitation's link.
pub fn path(token: &str) -> String {
    format!("/invite/{token}")
}

fn state(m: &invite::Model, at: DateTime<Utc>) -> InviteState {
    if m.accepted_at.is_some() {
        InviteState::Accepted
    } else if m.revoked_at.is_some() {
        InviteState::Revoked
    } else if m.expires_at <= at {
        InviteState::Expired
    } else {
        InviteState::Pending
    }
}

async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<invite::Model>,
) -> Result<Vec<InviteView>, ServiceError> {
    let names = users::refs(db, rows.iter().map(|r| r.created_by)).await?;
    let t = now();
    rows.into_iter()
        .map(|m| {
            Ok(InviteView {
                id: m.id,
                state: state(&m, t),
                role: m.role.parse()?,
                invited_by: names
                    .get(&m.created_by)
                    .map_or_else(|| "a former user".to_owned(), |r| r.name.clone()),
                created_at: display_time(m.created_at),
                expires_at: display_time(m.expires_at),
                email: m.email,
                display_name: m.display_name,
            })
        })
        .collect()
}

/// Invites `email` to join as `role`; returns the invitation and its token, which is never
/// shown again.
///
/// # Errors
/// `Invalid` for a malformed address or name; `Conflict` if the address has an account; `Db`.
pub async fn create(
    db: &DatabaseConnection,
    email: &str,
    display_name: &str,
    role: Role,
    who: &Who,
) -> Result<(InviteView, String), ServiceError> {
    let (email, display_name) = users::check_identity(email, display_name)?;
    let inviter = who.user_id.ok_or(ServiceError::Forbidden)?;
    let token = random_hex(32);
    let txn = crate::server::services::begin_write(db).await?;
    if user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::Conflict(format!(
            "{email} already has an account"
        )));
    }
    let t = now();
    // A second invitation to the same address replaces the first: one live link per person.
    let pending = invite::Entity::find()
        .filter(invite::Column::Email.eq(&email))
        .filter(invite::Column::AcceptedAt.is_null())
        .filter(invite::Column::RevokedAt.is_null())
        .filter(invite::Column::ExpiresAt.gt(t))
        .all(&txn)
        .await?;
    for old in pending {
        let id = old.id;
        let mut m: invite::ActiveModel = old.into();
        m.revoked_at = Set(Some(t));
        m.update(&txn).await?;
        audit::record(
            &txn,
            who,
            "invite.revoke",
            "invite",
            id,
            None,
            Some(json!({"email": email, "reason": "replaced by a new invitation"})),
        )
        .await?;
    }
    let model = invite::ActiveModel {
        id: Set(Uuid::now_v7()),
        token_hash: Set(sha256_hex(token.as_bytes())),
        email: Set(email.clone()),
        display_name: Set(display_name.clone()),
        role: Set(role.as_str().to_owned()),
        created_by: Set(inviter),
        created_at: Set(t),
        expires_at: Set(t + Duration::days(VALID_DAYS)),
        accepted_at: Set(None),
        user_id: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        who,
        "invite.create",
        "invite",
        model.id,
        None,
        Some(json!({
            "email": email,
            "display_name": display_name,
            "role": role.as_str(),
            "expires_at": model.expires_at,
        })),
    )
    .await?;
    txn.commit().await?;
    let view = views(db, vec![model]).await?.remove(0);
    Ok((view, token))
}

/// The latest invitations, pending ones first.
///
/// # Errors
/// `Db`.
pub async fn list<C: ConnectionTrait>(db: &C, limit: u64) -> Result<Vec<InviteView>, ServiceError> {
    let rows = invite::Entity::find()
        .order_by_desc(invite::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut out = views(db, rows).await?;
    out.sort_by_key(|v| v.state != InviteState::Pending);
    Ok(out)
}

/// Revokes a pending invitation: its link stops working.
///
/// # Errors
/// `NotFound`; `Invalid` if it is no longer pending; `Db`.
pub async fn revoke(db: &DatabaseConnection, id: Uuid, who: &Who) -> Result<(), ServiceError> {
    let txn = crate::server::services::begin_write(db).await?;
    let m = invite::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound("That invitation".into()))?;
    let t = now();
    let st = state(&m, t);
    if st != InviteState::Pending {
        return Err(ServiceError::invalid(format!(
            "That invitation is {} already",
            st.label().to_lowercase()
        )));
    }
    let email = m.email.clone();
    let mut active: invite::ActiveModel = m.into();
    active.revoked_at = Set(Some(t));
    active.update(&txn).await?;
    audit::record(
        &txn,
        who,
        "invite.revoke",
        "invite",
        id,
        None,
        Some(json!({"email": email})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The live invitation a token opens.
async fn live<C: ConnectionTrait>(db: &C, token: &str) -> Result<invite::Model, ServiceError> {
    let unknown = || ServiceError::NotFound("This invitation link".to_owned());
    if !is_token(token) {
        return Err(unknown());
    }
    let m = invite::Entity::find()
        .filter(invite::Column::TokenHash.eq(sha256_hex(token.as_bytes())))
        .one(db)
        .await?
        .ok_or_else(unknown)?;
    match state(&m, now()) {
        InviteState::Pending => Ok(m),
        InviteState::Accepted => Err(ServiceError::invalid(
            "This invitation has been used already. Sign in instead, or ask an admin for a new one.",
        )),
        InviteState::Expired => Err(ServiceError::invalid(
            "This invitation has expired. Ask an admin for a new one.",
        )),
        InviteState::Revoked => Err(ServiceError::invalid(
            "This invitation was withdrawn. Ask an admin for a new one.",
        )),
    }
}

/// What the invitee is invited to, for the page behind the link.
///
/// # Errors
/// `NotFound` for an unknown token; `Invalid` for a used, expired or revoked one; `Db`.
pub async fn info<C: ConnectionTrait>(db: &C, token: &str) -> Result<InviteInfo, ServiceError> {
    let m = live(db, token).await?;
    let inviter = users::refs(db, [m.created_by]).await?;
    Ok(InviteInfo {
        role: m.role.parse()?,
        invited_by: inviter
            .get(&m.created_by)
            .map_or_else(|| "an admin".to_owned(), |r| r.name.clone()),
        expires_at: display_time(m.expires_at),
        email: m.email,
        display_name: m.display_name,
    })
}

/// Accepts an invitation: makes the account with the invitee's password and the invited role.
///
/// # Errors
/// `Invalid` for a short or mismatched password, a used, expired or revoked invitation;
/// `NotFound` for an unknown token; `Conflict` if the address got an account meanwhile; `Db`.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    display_name: &str,
    password: &str,
    confirm: &str,
) -> Result<CurrentUser, ServiceError> {
    // Checked first, so a wrong token costs no hashing.
    live(db, token).await?;
    users::check_password(password)?;
    if password != confirm {
        return Err(ServiceError::invalid("The two passwords differ"));
    }
    let hash = users::hash_password(password.to_owned()).await?;
    let txn = crate::server::services::begin_write(db).await?;
    // Again inside the transaction: two tabs accepting at once make one account.
    let m = live(&txn, token).await?;
    let name = if display_name.trim().is_empty() {
        m.display_name.as_str()
    } else {
        display_name
    };
    let identity = users::check_identity(&m.email, name)?;
    let role: Role = m.role.parse()?;
    let id = Uuid::now_v7();
    let who = Who {
        user_id: Some(id),
        label: identity.0.clone(),
    };
    let made = users::insert_account(&txn, id, identity, hash, role, &who).await?;
    let invite_id = m.id;
    let email = m.email.clone();
    let mut active: invite::ActiveModel = m.into();
    active.accepted_at = Set(Some(now()));
    active.user_id = Set(Some(id));
    active.update(&txn).await?;
    audit::record(
        &txn,
        &who,
        "invite.accept",
        "invite",
        invite_id,
        None,
        Some(json!({"email": email, "role": role.as_str(), "user": id})),
    )
    .await?;
    txn.commit().await?;
    users::view(&made)
}
