//! Actors: one row per party, found by any of its names; new names become aliases.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel,
    QueryFilter, QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::{ServiceError, now};
use crate::domain::ActorRef;
use crate::server::entities::actor;

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The id of the actor `a` names, creating it (or adding aliases to it) as needed. Safe when
/// two ingests name a new actor at once: the row one of them created is the one both use, and
/// on PostgreSQL the row is locked while its aliases grow, so neither's aliases are lost.
///
/// # Errors
/// `Db` if the database failed.
pub async fn find_or_create<C: ConnectionTrait>(
    conn: &C,
    a: &ActorRef,
) -> Result<Uuid, ServiceError> {
    let t = now();
    // At most twice: a row is found, or one is created (or another ingest created it) and found.
    for _ in 0..2 {
        let mut find = actor::Entity::find().filter(actor::Column::NameKey.eq(key(&a.name)));
        if conn.get_database_backend() == DbBackend::Postgres {
            find = find.lock_exclusive();
        }
        if let Some(row) = find.one(conn).await? {
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
            return Ok(id);
        }
        actor::Entity::insert(actor::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set(a.name.clone()),
            name_key: Set(key(&a.name)),
            kind: Set(crate::extract::actor_kind(&a.name).as_str().to_owned()),
            aliases: Set(Value::from(a.aliases.clone())),
            created_at: Set(t),
            updated_at: Set(t),
        })
        .on_conflict_do_nothing_on([actor::Column::NameKey])
        .exec_without_returning(conn)
        .await?;
    }
    Err(ServiceError::Internal(format!(
        "the actor {:?} was neither found nor created",
        a.name
    )))
}
