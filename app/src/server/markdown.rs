//! Markdown written by reviewers (verdict rationales), rendered to HTML that is safe to insert:
//! pulldown-cmark renders, ammonia keeps only harmless tags and attributes, and every link
//! leaves with `rel="noopener noreferrer nofollow"`.

use pulldown_cmark::{Options, Parser, html};

/// Renders `source` and sanitises the result.
pub fn render(source: &str) -> String {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn keeps_formatting_and_links() {
        let html = render("**False.** See [the ministry](https://example.org/a).");
        assert!(html.contains("<strong>False.</strong>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org/a" rel="noopener noreferrer nofollow">"#),
            "{html}"
        );
    }

    #[test]
    fn removes_scripts_handlers_and_dangerous_urls() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(2)> <iframe src=//e></iframe>\n\n[x](javascript:alert(3)) <a href=\"javascript:alert(4)\">y</a>",
        );
        for bad in [
            "<script",
            "onerror",
            "href=\"javascript",
            "<iframe",
            "alert(1)",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }
}
