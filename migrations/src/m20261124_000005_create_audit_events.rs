//! The append-only audit trail; each row carries the hash of its predecessor (a hash chain).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .if_not_exists()
                    // A dense sequence number orders the chain unambiguously on both databases.
                    .col(big_integer(AuditEvent::Seq).primary_key())
                    .col(uuid(AuditEvent::Id).unique_key())
                    .col(uuid_null(AuditEvent::ActorId))
                    .col(string(AuditEvent::ActorLabel))
                    .col(string_len(AuditEvent::Action, 48))
                    .col(string_len(AuditEvent::EntityType, 24))
                    .col(uuid(AuditEvent::EntityId))
                    .col(json_null(AuditEvent::Before))
                    .col(json_null(AuditEvent::After))
                    .col(timestamp_with_time_zone(AuditEvent::CreatedAt))
                    .col(string_len(AuditEvent::PrevHash, 64))
                    .col(string_len(AuditEvent::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_entity")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::EntityId)
                    .col(AuditEvent::Seq)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditEvent::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum AuditEvent {
    Table,
    Seq,
    Id,
    ActorId,
    ActorLabel,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
    CreatedAt,
    PrevHash,
    Hash,
}
