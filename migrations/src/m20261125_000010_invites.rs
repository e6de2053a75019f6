//! Invitations: an admin names the address, the display name and the role; the invitee opens a
//! one-time link and chooses their own password. Only the link token's SHA-256 is stored.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261124_000001_create_users::User;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invite::Table)
                    .if_not_exists()
                    .col(pk_uuid(Invite::Id))
                    .col(string_len_uniq(Invite::TokenHash, 64))
                    .col(string(Invite::Email))
                    .col(string(Invite::DisplayName))
                    .col(string_len(Invite::Role, 32))
                    .col(uuid(Invite::CreatedBy))
                    .col(timestamp_with_time_zone(Invite::CreatedAt))
                    .col(timestamp_with_time_zone(Invite::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invite::AcceptedAt))
                    .col(uuid_null(Invite::UserId))
                    .col(timestamp_with_time_zone_null(Invite::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invite::Table, Invite::CreatedBy)
                            .to(User::Table, User::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invite::Table, Invite::UserId)
                            .to(User::Table, User::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invite_email")
                    .table(Invite::Table)
                    .col(Invite::Email)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invite::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Invite {
    Table,
    Id,
    TokenHash,
    Email,
    DisplayName,
    Role,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    UserId,
    RevokedAt,
}
