use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "source")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub claim_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub publisher: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub accessed_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub excerpt: String,
    pub stance: String,
    pub kind: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub archived_text: Option<String>,
    pub archived_sha256: Option<String>,
    pub added_by: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub removed_at: Option<DateTimeUtc>,
    pub removed_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
