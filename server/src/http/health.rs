//! `GET /healthz`: whether the process and its database answer.

use app::server::{AppState, db};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

pub async fn healthz(
    State(state): State<AppState>,
    axum::Extension(jobs): axum::Extension<super::Jobs>,
) -> (StatusCode, Json<Value>) {
    let ok = db::ping(&state.db).await;
    let backend = match state.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "postgres",
        sea_orm::DbBackend::Sqlite => "sqlite",
        _ => "other",
    };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "status": if ok { "ok" } else { "unavailable" },
            "version": env!("CARGO_PKG_VERSION"),
            "database": { "backend": backend, "ok": ok },
            "jobs": { "tally_folding": jobs.folding.load(std::sync::atomic::Ordering::Acquire) },
        })),
    )
}
