//! The operator commands, run as the real binary.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimtrail"));
    // The audit key goes to the system's temporary directory, never into the source tree (the
    // default `data/audit.key` is relative to where the tests run: the crate's directory).
    let key = std::env::temp_dir().join(format!("ct-cli-audit-{}.key", std::process::id()));
    c.env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .env("CLAIMTRAIL_AUDIT_KEY_FILE", key);
    c
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/articles/port-ardent-demo-2026-05-15.txt")
}

#[test]
fn extract_json_spans_index_the_file() {
    let out = bin()
        .arg("extract")
        .arg(fixture())
        .arg("--json")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = std::fs::read_to_string(fixture()).expect("fixture");
    let chars: Vec<char> = text.chars().collect();
    let claims = v["claims"].as_array().expect("claims");
    assert!(claims.len() >= 15);
    for c in claims {
        let s = c["span"]["start"].as_u64().expect("start") as usize;
        let e = c["span"]["end"].as_u64().expect("end") as usize;
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            c["quote"].as_str().expect("quote")
        );
    }
}

#[test]
fn extract_refuses_what_is_not_text() {
    let dir = std::env::temp_dir().join(format!("ct-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("binary.txt");
    std::fs::write(&bad, b"abc\0def").expect("write");
    let out = bin().arg("extract").arg(&bad).output().expect("run");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("binary"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn ingest_then_audit_verify_catches_an_edited_row() {
    use sea_orm::{ConnectionTrait, Database, Statement};
    let dir = std::env::temp_dir().join(format!("ct-cli-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("cli.db").display());
    let out = bin()
        .args(["ingest", "--database-url", &url])
        .arg(fixture())
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 stored"));

    let out = bin()
        .args(["audit", "verify", "--database-url", &url])
        .output()
        .expect("verify");
    assert_eq!(out.status.code(), Some(0));
    // The ingest and the story filing it records (the article's story, its claims' links).
    let events = {
        let db = Database::connect(&url).await.expect("connect");
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) FROM audit_event".to_owned(),
            ))
            .await
            .expect("count")
            .expect("row");
        let n: i64 = row.try_get_by_index(0).expect("n");
        n
    };
    assert!(events >= 1, "the ingest is audited");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("intact: {events} events")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = bin()
        .args(["migrate", "status", "--database-url", &url])
        .output()
        .expect("status");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .all(|l| l.starts_with("applied"))
    );

    let db = Database::connect(&url).await.expect("connect");
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE audit_event SET actor_label = 'forged'".to_owned(),
    ))
    .await
    .expect("tamper");
    db.close().await.ok();
    let out = bin()
        .args(["audit", "verify", "--database-url", &url])
        .output()
        .expect("verify");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("BROKEN at event #1"));
    let _ = std::fs::remove_dir_all(&dir);
}
