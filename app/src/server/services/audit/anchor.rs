//! The audit trail's anchor: a 256-bit key kept outside the database (a file only the server
//! reads), loaded once per process. Each event carries the HMAC-SHA256 of its hash under the
//! key, and exports carry the HMAC of their bytes, so whoever can write the database or an
//! export file but not read the key cannot rewrite the trail, or slip an account into a
//! restore, without it showing. Several servers on one database share one key.

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use sha2::Sha256;

static KEY: OnceLock<[u8; 32]> = OnceLock::new();

/// Loads the key for this process. A second call with the same key is harmless.
///
/// # Errors
/// A different key was loaded before.
pub fn load(key: [u8; 32]) -> Result<(), &'static str> {
    let loaded = KEY.get_or_init(|| key);
    if *loaded == key {
        Ok(())
    } else {
        Err("a different audit key is already loaded")
    }
}

/// Whether this process has its audit key.
pub fn is_loaded() -> bool {
    KEY.get().is_some()
}

/// Reads the key from `path`, making one (32 random bytes, hex, readable by the owner only)
/// when the file does not exist yet.
///
/// # Errors
/// The file cannot be read or written, or does not hold 64 hex digits.
pub fn read_or_create(path: &std::path::Path) -> Result<[u8; 32], String> {
    let shown = path.display();
    if !path.exists() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        // Written whole under a private name, then linked into place, which fails if another
        // process got there first: servers starting together agree on one key, and none ever
        // reads a half-written file.
        let fresh = crate::server::services::random_hex(32);
        let draft = path.with_extension(format!("new-{}", crate::server::services::random_hex(8)));
        write_private(&draft, fresh.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", draft.display()))?;
        let placed = std::fs::hard_link(&draft, path);
        let _ = std::fs::remove_file(&draft);
        match placed {
            Ok(()) => tracing::info!(path = %shown, "made a new audit key"),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("cannot write {shown}: {e}")),
        }
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let bytes = hex::decode(text.trim()).map_err(|_| format!("{shown} does not hold a hex key"))?;
    bytes
        .try_into()
        .map_err(|_| format!("{shown} does not hold a 256-bit key (64 hex digits)"))
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(data)
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, data: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, data)
}

fn hmac_hex(key: &[u8; 32], data: &[u8]) -> String {
    // An HMAC takes a key of any length, so this cannot fail.
    let mut m = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    m.update(data);
    hex::encode(m.finalize().into_bytes())
}

/// The anchor of an event's hash, if the key is loaded.
pub fn mac(hash: &str) -> Option<String> {
    KEY.get()
        .map(|k| hmac_hex(k, format!("event:{hash}").as_bytes()))
}

/// Whether `mac` is the anchor of `hash` under the loaded key (false without a key).
pub fn verify(hash: &str, mac: Option<&str>) -> bool {
    match (KEY.get(), mac) {
        (Some(k), Some(m)) => constant_time_eq(
            hmac_hex(k, format!("event:{hash}").as_bytes()).as_bytes(),
            m.as_bytes(),
        ),
        _ => false,
    }
}

/// The signature of an export file, computed as its bytes are written or read.
pub struct FileSigner(Hmac<Sha256>);

impl FileSigner {
    /// A signer under the loaded key, or `None` without one.
    pub fn new() -> Option<Self> {
        let key = KEY.get()?;
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).ok()?;
        m.update(b"export:");
        Some(FileSigner(m))
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The signature, as hex.
    pub fn finish(self) -> String {
        hex::encode(self.0.finalize().into_bytes())
    }

    /// Whether `signature` signs the bytes seen.
    pub fn verify(self, signature: &str) -> bool {
        constant_time_eq(self.finish().as_bytes(), signature.as_bytes())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_holds_only_for_its_hash_and_key() {
        let key = [7u8; 32];
        let a = hmac_hex(&key, b"event:abc");
        assert_eq!(a, hmac_hex(&key, b"event:abc"));
        assert_ne!(a, hmac_hex(&key, b"event:abd"));
        assert_ne!(a, hmac_hex(&[8u8; 32], b"event:abc"));
        assert!(constant_time_eq(a.as_bytes(), a.as_bytes()));
        assert!(!constant_time_eq(a.as_bytes(), &a.as_bytes()[1..]));
    }

    #[test]
    fn keys_are_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("ct-key-{}", uuid::Uuid::now_v7().simple()));
        let path = dir.join("audit.key");
        let made = read_or_create(&path).expect("made");
        assert_eq!(read_or_create(&path).expect("read"), made);
        std::fs::write(&path, "not hex").expect("write");
        assert!(read_or_create(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn servers_starting_together_agree_on_one_key() {
        let dir = std::env::temp_dir().join(format!("ct-key-{}", uuid::Uuid::now_v7().simple()));
        let path = dir.join("audit.key");
        let keys: Vec<Result<[u8; 32], String>> = std::thread::scope(|s| {
            let starts: Vec<_> = (0..16).map(|_| s.spawn(|| read_or_create(&path))).collect();
            starts
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        let first = keys[0].clone().expect("a key");
        for k in keys {
            assert_eq!(k.expect("every start reads a whole key"), first);
        }
        let left: Vec<_> = std::fs::read_dir(&dir).expect("dir").collect();
        assert_eq!(left.len(), 1, "no draft is left behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
