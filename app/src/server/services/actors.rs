//! Actors: one row per party, found by any of its names; new names become aliases.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::{ServiceError, now};
use crate::domain::ActorRef;
use crate::server::entities::actor;

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The id of the actor `a` names, creating it (or adding aliases to it) as needed.
///
/// # Errors
/// `Db` if the database failed.
pub async fn find_or_create<C: ConnectionTrait>(
    conn: &C,
    a: &ActorRef,
) -> Result<Uuid, ServiceError> {
    let existing = actor::Entity::find()
        .filter(actor::Column::NameKey.eq(key(&a.name)))
        .one(conn)
        .await?;
    let t = now();
    match existing {
        Some(row) => {
            let mut aliases: Vec<String> =
                serde_json::from_value(row.aliases.clone()).unwrap_or_default();
            let before = aliases.len();
            for alias in &a.aliases {
                if !aliases.iter().any(|x| x.eq_ignore_ascii_case(alias))
                    && !alias.eq_ignore_ascii_case(&row.name)
                {
                    aliases.push(alias.clone());
                }
            }
            let id = row.id;
            if aliases.len() != before {
                let mut active = row.into_active_model();
                active.aliases = Set(Value::from(aliases));
                active.updated_at = Set(t);
                active.update(conn).await?;
            }
            Ok(id)
        }
        None => {
            let id = Uuid::now_v7();
            actor::ActiveModel {
                id: Set(id),
                name: Set(a.name.clone()),
                name_key: Set(key(&a.name)),
                kind: Set(crate::extract::actor_kind(&a.name).as_str().to_owned()),
                aliases: Set(Value::from(a.aliases.clone())),
                created_at: Set(t),
                updated_at: Set(t),
            }
            .insert(conn)
            .await?;
            Ok(id)
        }
    }
}
