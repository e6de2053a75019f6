use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "article")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub publisher: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub url: Option<String>,
    pub byline: Option<String>,
    pub section: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub language: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(unique)]
    pub body_sha256: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub image_url: Option<String>,
    pub ingested_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Moves with every correction of the details; a correction names the version it was made
    /// against. Dumps from before it existed read as version 1.
    #[serde(default = "super::first_version")]
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::claim::Entity")]
    Claim,
}

impl Related<super::claim::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Claim.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
