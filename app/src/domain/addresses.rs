//! Addresses, pure and tested without a database: the web addresses Claimtrail accepts (http
//! and https only), a published claim's readable slug and short id, and the local paths a form
//! may send the browser on to.

/// A web address that Claimtrail does not accept, with the field it was given for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("The {field} must start with http:// or https://")]
    NotHttp { field: String },
    #[error("The {field} is not a valid web address")]
    Malformed { field: String },
}

/// Checks that `url` is an absolute http or https address with a host; `field` names it in the
/// error ("source's address").
///
/// # Errors
/// `AddressError` naming the field and the problem.
pub fn check_http_url(field: &str, url: &str) -> Result<(), AddressError> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| AddressError::NotHttp {
            field: field.to_owned(),
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AddressError::Malformed {
            field: field.to_owned(),
        });
    }
    Ok(())
}

/// Up to eight words of the quote, lower case, joined by hyphens, at most 60 characters: the
/// readable part of a published claim's slug.
pub fn slug_words(quote: &str) -> String {
    let mut out = String::new();
    for word in quote
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
    {
        let w = word.to_lowercase();
        if out.len() + w.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    if out.is_empty() {
        "claim".to_owned()
    } else {
        out
    }
}

/// The short id at the end of a slug ("…-3fa85f64c1" → "3fa85f64c1"), if it can be one: the
/// words before it may change, the short id never does.
pub fn short_id_of(slug: &str) -> Option<&str> {
    let short = slug.rsplit('-').next().unwrap_or(slug);
    (!short.is_empty() && short.len() <= 16).then_some(short)
}

/// Where to go after a form: `next` if it stays on this site once a browser has read it, else
/// the home page. It is parsed the way a browser parses a `Location` (the WHATWG URL parser:
/// tabs and newlines dropped, backslashes read as slashes), so "/\t/evil.example" and
/// "/\\evil.example", which a prefix check passes and a browser reads as "//evil.example", are
/// refused like "//evil.example" and "https://…". The answer is the parsed path, query and
/// fragment, percent-encoded, so it is always a valid header value.
pub fn safe_next(next: Option<&str>) -> String {
    const HOME: &str = "/";
    let Some(next) = next else {
        return HOME.to_owned();
    };
    if !next.starts_with('/') {
        return HOME.to_owned();
    }
    let Ok(base) = url::Url::parse("http://claimtrail.invalid/") else {
        return HOME.to_owned();
    };
    match base.join(next) {
        // "/.//evil.example" parses to the path "//evil.example", which a browser reads as
        // another site: refused too.
        Ok(u) if u.origin() == base.origin() && !u.path().starts_with("//") => {
            u[url::Position::BeforePath..].to_owned()
        }
        _ => HOME.to_owned(),
    }
}

/// The request header by which a form sent by the island asks, like a form posted without
/// JavaScript, to be told which page to open next (`crate::server::auth::form_from_a_page`).
pub const FORM_HEADER: &str = "x-claimtrail-form";

/// The address parameters by which a page says what a form just did ("extracted again: …",
/// "created …", a new invitation's token). A page shows them once: they are dropped from the
/// address of the next page a form returns to, and the page's island takes them out of the
/// address bar (and so out of the history) once shown.
pub const NOTICE_KEYS: &[&str] = &[
    "rerun",
    "added",
    "removed",
    "created",
    "reset",
    "assigned",
    "verified",
    "merged",
    "invite",
    "duplicate",
    "import",
];

/// The page a form was posted from (its `Referer`, or `fallback` without one), with `notice` in
/// its address for the page to show: what a form posted without JavaScript returns to. Only the
/// path and query are kept (so it never leaves the site), and Leptos' `__err`/`__path` from an
/// earlier failed post and every earlier notice (`NOTICE_KEYS`) are dropped.
pub fn back_with_notice(referer: Option<&str>, fallback: &str, notice: &[(&str, &str)]) -> String {
    let Ok(base) = url::Url::parse("http://claimtrail.invalid/") else {
        return fallback.to_owned();
    };
    let from = referer
        .and_then(|r| base.join(r).ok())
        .map(|u| {
            safe_next(Some(
                &u[url::Position::BeforePath..url::Position::AfterQuery],
            ))
        })
        .unwrap_or_else(|| safe_next(Some(fallback)));
    let Ok(mut url) = base.join(&from) else {
        return fallback.to_owned();
    };
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            k != "__err"
                && k != "__path"
                && k != TYPED_KEY
                && !NOTICE_KEYS.contains(&k.as_ref())
                && !notice.iter().any(|(n, _)| n == k)
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.extend(
        notice
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    url.set_query(None);
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
    url[url::Position::BeforePath..url::Position::AfterQuery].to_owned()
}

/// The address key under which a form refused without JavaScript carries back what was typed.
pub const TYPED_KEY: &str = "__typed";

/// The most a form's typed values take in the address, encoded: an address longer than about
/// 8 KB is refused by common proxies, and the page's own address and error share it.
pub const MAX_TYPED_CHARS: usize = 6 * 1024;

/// Whether a form field may travel back in the address: never a password or a token (an
/// address is kept in the history and may be shared).
fn may_carry(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    !(n.contains("password") || n.contains("token") || n.starts_with("__"))
}

/// What a refused form carries back to its page: its fields (`application/x-www-form-urlencoded`
/// as posted) but secrets, base64url-encoded, at most `MAX_TYPED_CHARS`. When they do not all
/// fit, the longest are left out first (a long text, never the short fields around it). `None`
/// when nothing is left to carry.
pub fn typed_for_address(form: &[u8]) -> Option<String> {
    use base64::Engine;
    let mut fields: Vec<(String, String)> = url::form_urlencoded::parse(form)
        .filter(|(k, v)| may_carry(k) && !v.is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let encode = |fields: &[(String, String)]| {
        let plain = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .finish();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(plain)
    };
    // Each field's encoded length, so dropping the longest needs no re-encoding to choose.
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(fields[i].0.len() + fields[i].1.len()));
    let mut total: usize = fields
        .iter()
        .map(|(k, v)| (k.len() + v.len()) * 3 + 2)
        .sum();
    let mut dropped = vec![false; fields.len()];
    for i in order {
        // `total` is an upper bound (every byte percent-encoded, then base64's 4/3 ≤ 3×);
        // once under it, the real encoding surely fits.
        if total * 4 / 3 + 4 <= MAX_TYPED_CHARS {
            break;
        }
        total -= (fields[i].0.len() + fields[i].1.len()) * 3 + 2;
        dropped[i] = true;
    }
    let mut i = 0;
    fields.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
    (!fields.is_empty()).then(|| encode(&fields))
}

/// The fields `typed_for_address` carried, read back (empty when the value is not one).
pub fn typed_from_address(value: &str) -> Vec<(String, String)> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map(|plain| {
            url::form_urlencoded::parse(&plain)
                .filter(|(k, _)| may_carry(k))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a page is for readers and is sent without the application's wasm: a published
/// fact-check, the list of them, a story's public page, and the home page of a visitor who is
/// not signed in. They are complete documents (links and forms) with nothing to hydrate; the
/// newsroom's pages load the wasm.
pub fn is_reader_page(path: &str, signed_in: bool) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    match path {
        "" | "/" => !signed_in,
        "/claims" => true,
        p => {
            let under = |prefix: &str| {
                p.strip_prefix(prefix)
                    .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
            };
            under("/claims/") || under("/stories/")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_form_goes_back_to_its_page_with_the_notice_and_without_an_old_error() {
        assert_eq!(
            back_with_notice(
                Some(
                    "http://example.test/review?kind=casualty&__path=/api/x&__err=abc&assigned=old"
                ),
                "/review",
                &[("assigned", "3fa8")]
            ),
            "/review?kind=casualty&assigned=3fa8"
        );
        // Another site's address keeps only its path; none at all falls back.
        assert_eq!(
            back_with_notice(
                Some("https://evil.example/admin/articles"),
                "/",
                &[("rerun", "a b")]
            ),
            "/admin/articles?rerun=a+b"
        );
        assert_eq!(
            back_with_notice(None, "/admin/users", &[("created", "7")]),
            "/admin/users?created=7"
        );
        // An earlier notice is not shown again with the next one, nor an invitation's token.
        assert_eq!(
            back_with_notice(
                Some("/admin/users?created=7&invite=tok&x=1"),
                "/",
                &[("reset", "8")]
            ),
            "/admin/users?x=1&reset=8"
        );
        assert_eq!(
            back_with_notice(Some("/.//evil.example"), "/admin", &[]),
            "/"
        );
        assert_eq!(
            back_with_notice(Some("not a url"), "/admin", &[]),
            "/not%20a%20url"
        );
        assert_eq!(
            back_with_notice(Some("//evil.example/x"), "/admin", &[("k", "v")]),
            "/x?k=v"
        );
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/articles/x")), "/articles/x");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        // What browsers normalise into another host.
        for sneaky in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t\\evil.example",
            "http:evil.example",
            // Dot segments that leave a path starting with two slashes.
            "/.//evil.example",
            "/%2e//evil.example",
            "/a/..//evil.example",
        ] {
            assert_eq!(safe_next(Some(sneaky)), "/", "{sneaky:?}");
        }
        // Local paths keep their query and are encoded into a valid header value.
        assert_eq!(
            safe_next(Some("/review?status=new&q=a b")),
            "/review?status=new&q=a%20b"
        );
        assert_eq!(safe_next(Some("/claims/x\ny")), "/claims/xy");
    }

    #[test]
    fn only_http_addresses_with_a_host_are_accepted() {
        assert!(check_http_url("address", "https://example.org/a?b#c").is_ok());
        assert!(check_http_url("address", "HTTP://Example.org").is_ok());
        assert_eq!(
            check_http_url("source's address", "javascript:alert(1)").map_err(|e| e.to_string()),
            Err("The source's address must start with http:// or https://".to_owned())
        );
        for bad in [
            "https://",
            "https:///path",
            "https://exa mple.org",
            "http://a\u{7}b",
        ] {
            assert!(
                matches!(
                    check_http_url("address", bad),
                    Err(AddressError::Malformed { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn slugs_are_short_readable_and_end_in_the_short_id() {
        assert_eq!(
            slug_words("“At least 137 people were killed,” officials said on Saturday night."),
            "at-least-137-people-were-killed-officials-said"
        );
        assert_eq!(slug_words("«»…"), "claim");
        assert!(slug_words(&"word ".repeat(40)).len() <= 60);
        assert_eq!(short_id_of("old-words-3fa85f64c1"), Some("3fa85f64c1"));
        assert_eq!(short_id_of("3fa85f64c1"), Some("3fa85f64c1"));
        assert_eq!(short_id_of("ends-with-"), None);
        assert_eq!(short_id_of("x-0123456789abcdef0"), None);
    }

    #[test]
    fn readers_pages_are_the_public_ones() {
        for p in [
            "/claims",
            "/claims/",
            "/claims/ten-killed-a1b2c3d4e5",
            "/stories/port-ardent",
            "/claims?q=x",
        ] {
            assert!(is_reader_page(p, false), "{p}");
            assert!(
                is_reader_page(p, true),
                "{p} is a reader's page for staff too"
            );
        }
        assert!(is_reader_page("/", false), "a visitor's home");
        assert!(!is_reader_page("/", true), "the newsroom's home");
        for p in [
            "/review",
            "/review/stories/x",
            "/articles/x",
            "/admin",
            "/login",
            "/claims/x/embed",
            "/storiesx",
        ] {
            assert!(!is_reader_page(p, false), "{p}");
        }
    }

    #[test]
    fn a_refused_form_carries_back_what_was_typed_but_no_secret() {
        let form = b"email=ana%40example.org&password=hunter2&next=%2Freview&api_token=x&title=";
        let carried = typed_for_address(form).expect("something to carry");
        assert!(carried.len() <= MAX_TYPED_CHARS);
        assert_eq!(
            typed_from_address(&carried),
            vec![
                ("email".to_owned(), "ana@example.org".to_owned()),
                ("next".to_owned(), "/review".to_owned())
            ]
        );
        assert_eq!(typed_for_address(b"password=x&new_password=y"), None);
        assert!(typed_from_address("not base64 at all!").is_empty());
    }

    #[test]
    fn a_long_text_is_left_out_before_the_fields_around_it() {
        let text = "word ".repeat(5000);
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("url", "htp:/wrong")
            .append_pair("text", &text)
            .append_pair("title", "A title")
            .finish();
        let carried = typed_for_address(form.as_bytes()).expect("the short fields");
        assert!(carried.len() <= MAX_TYPED_CHARS, "{}", carried.len());
        let back = typed_from_address(&carried);
        assert_eq!(
            back,
            vec![
                ("url".to_owned(), "htp:/wrong".to_owned()),
                ("title".to_owned(), "A title".to_owned())
            ]
        );
        // A text that fits travels whole, in any script.
        let short = "Ο υπουργός είπε ότι 12 άνθρωποι σκοτώθηκαν.";
        let form = format!(
            "text={}",
            url::form_urlencoded::byte_serialize(short.as_bytes()).collect::<String>()
        );
        let back = typed_from_address(&typed_for_address(form.as_bytes()).expect("fits"));
        assert_eq!(back, vec![("text".to_owned(), short.to_owned())]);
    }
}
