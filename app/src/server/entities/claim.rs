use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "claim")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub article_id: Uuid,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub quote: String,
    pub span_start: i32,
    pub span_end: i32,
    #[sea_orm(column_type = "Text")]
    pub prefix: String,
    #[sea_orm(column_type = "Text")]
    pub suffix: String,
    pub figures: Json,
    pub claimant_id: Option<Uuid>,
    pub target_id: Option<Uuid>,
    pub hedged: bool,
    #[sea_orm(column_type = "Double")]
    pub checkworthiness: f64,
    pub status: String,
    pub assignee_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub slug: Option<String>,
    pub short_id: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    /// How many times what a story's tracer reads of the claim changed (see
    /// `services::claim_record::traced_fields_differ`), from 1; `version` moves with every write.
    /// Dumps from before it existed read as 1.
    #[serde(default = "super::first_version")]
    pub trace_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::article::Entity",
        from = "Column::ArticleId",
        to = "super::article::Column::Id"
    )]
    Article,
}

impl Related<super::article::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Article.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
