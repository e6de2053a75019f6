//! Query strings for links that keep a page's filters.

/// Percent-encodes a query-string value (everything but the unreserved characters).
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether the address asks a claim's page for every appearance (`?appearances=all`), not the
/// first `domain::APPEARANCES_LISTED`.
pub fn every_appearance_asked() -> bool {
    use leptos::prelude::WithUntracked;
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("appearances").as_deref() == Some("all"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(super::encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
