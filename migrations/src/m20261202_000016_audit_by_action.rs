//! The trail read by action: the last chain check (`audit.verify`) is shown on the dashboard
//! after every check, and without an index that read walks the whole trail, which grows with
//! every write the newsroom makes.

use sea_orm_migration::prelude::*;

use crate::m20261124_000005_create_audit_events::AuditEvent;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_audit_action";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(AuditEvent::Table)
                    .col(AuditEvent::Action)
                    .col(AuditEvent::Seq)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(AuditEvent::Table).to_owned())
            .await
    }
}
