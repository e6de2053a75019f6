//! Actors: one row per party, found by any of its names; new names become aliases.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
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
    let found = find_or_create_all(conn, &[a]).await?;
    found
        .into_iter()
        .next()
        .map(|(id, _)| id)
        .ok_or_else(|| ServiceError::Internal("no actor for one name".into()))
}

/// The ids of the actors `refs` name and the names they are stored by (an actor keeps the name
/// it was first seen by), in their order, as `find_or_create` gives each, read and
/// written together: an article's dozens of names cost one read (and one insert for the new
/// ones), not one round trip each. Names with one key are one actor, which gathers the aliases
/// of them all in their order, as it would one after another. On PostgreSQL the rows are
/// locked in the order of their keys, so two ingests naming the same parties never wait on
/// each other in a cycle.
///
/// # Errors
/// `Db` if the database failed.
pub async fn find_or_create_all<C: ConnectionTrait>(
    conn: &C,
    refs: &[&ActorRef],
) -> Result<Vec<(Uuid, String)>, ServiceError> {
    let t = now();
    // Each key once, in the order first named, with every name given under it.
    let mut keys: Vec<String> = Vec::new();
    let mut named: HashMap<String, Vec<&ActorRef>> = HashMap::new();
    for a in refs {
        let k = key(&a.name);
        named
            .entry(k)
            .or_insert_with_key(|k| {
                keys.push(k.clone());
                Vec::new()
            })
            .push(a);
    }
    let mut ids: HashMap<String, (Uuid, String)> = HashMap::with_capacity(keys.len());
    // At most twice: the rows are found, or created (by this or another ingest) and found.
    for _ in 0..2 {
        // In the order of their keys, so rows are locked in one order by every ingest.
        let mut missing: Vec<&str> = keys
            .iter()
            .filter(|k| !ids.contains_key(*k))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            break;
        }
        missing.sort_unstable();
        for batch in missing.chunks(super::IN_LIST) {
            let mut find = actor::Entity::find()
                .filter(actor::Column::NameKey.is_in(batch.iter().copied()))
                .order_by_asc(actor::Column::NameKey);
            if conn.get_database_backend() == DbBackend::Postgres {
                find = find.lock_exclusive();
            }
            for row in find.all(conn).await? {
                let Some(names) = named.get(&row.name_key) else {
                    continue;
                };
                let mut aliases: Vec<String> =
                    serde_json::from_value(row.aliases.clone()).unwrap_or_default();
                let before = aliases.len();
                for a in names {
                    gather(&mut aliases, &row.name, &a.aliases);
                }
                ids.insert(row.name_key.clone(), (row.id, row.name.clone()));
                if aliases.len() != before {
                    let mut active = row.into_active_model();
                    active.aliases = Set(Value::from(aliases));
                    active.updated_at = Set(t);
                    active.update(conn).await?;
                }
            }
        }
        // The rest are new: each named as first given, with the aliases of every naming.
        let mut new: Vec<(&String, Uuid, &ActorRef, Vec<String>)> = keys
            .iter()
            .filter(|k| !ids.contains_key(*k))
            .filter_map(|k| {
                let (first, rest) = named.get(k)?.split_first()?;
                let mut aliases = first.aliases.clone();
                for a in rest {
                    gather(&mut aliases, &first.name, &a.aliases);
                }
                Some((k, Uuid::now_v7(), *first, aliases))
            })
            .collect();
        if new.is_empty() {
            break;
        }
        // Written in the order of their keys too: two ingests inserting the same new names
        // wait on each other's uncommitted rows (PostgreSQL's unique index) in one order.
        new.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut all_made_here = true;
        for batch in new.chunks(super::IN_LIST) {
            let rows = batch
                .iter()
                .map(|(k, id, first, aliases)| actor::ActiveModel {
                    id: Set(*id),
                    name: Set(first.name.clone()),
                    name_key: Set((*k).clone()),
                    kind: Set(crate::extract::actor_kind(&first.name).as_str().to_owned()),
                    aliases: Set(Value::from(aliases.clone())),
                    created_at: Set(t),
                    updated_at: Set(t),
                });
            let inserted = actor::Entity::insert_many(rows)
                .on_conflict_do_nothing_on([actor::Column::NameKey])
                .exec_without_returning(conn)
                .await?;
            all_made_here &= matches!(
                inserted,
                sea_orm::TryInsertResult::Inserted(n) if n == batch.len() as u64
            );
        }
        // Every row was made here: they are as made. Else another ingest made some of them
        // meanwhile, and the rest are read again.
        if all_made_here {
            ids.extend(
                new.into_iter()
                    .map(|(k, id, first, _)| (k.clone(), (id, first.name.clone()))),
            );
            break;
        }
    }
    refs.iter()
        .map(|a| {
            ids.get(&key(&a.name)).cloned().ok_or_else(|| {
                ServiceError::Internal(format!(
                    "the actor {:?} was neither found nor created",
                    a.name
                ))
            })
        })
        .collect()
}

/// Adds to `aliases` each of `more` it does not hold (in any case) and that is not `name`.
fn gather(aliases: &mut Vec<String>, name: &str, more: &[String]) {
    for alias in more {
        if !aliases.iter().any(|x| x.eq_ignore_ascii_case(alias))
            && !alias.eq_ignore_ascii_case(name)
        {
            aliases.push(alias.clone());
        }
    }
}
