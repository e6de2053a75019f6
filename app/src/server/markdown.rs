//! Markdown written by reviewers (verdict rationales), rendered to HTML that is safe to insert:
//! pulldown-cmark renders, ammonia keeps only harmless tags and attributes, and every link
//! leaves with `rel="noopener noreferrer nofollow"`. Images are dropped: a rationale must not
//! make readers' browsers fetch anything (a tracking pixel, `<img src=x onerror=…>`).

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
        .rm_tags(["img"])
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

    #[test]
    fn drops_images_so_a_rationale_loads_nothing() {
        for md in [
            "![pixel](https://tracker.example/p.gif)",
            "<img src=x onerror=alert(1)>",
            "<img src=\"https://tracker.example/p.gif\" width=1>",
            "<picture><source srcset=\"https://tracker.example/a.webp\"></picture>",
        ] {
            let html = render(md);
            for bad in ["<img", "src=", "srcset", "tracker.example/p", "onerror"] {
                assert!(!html.contains(bad), "{bad} survived in {html}");
            }
        }
    }
}
