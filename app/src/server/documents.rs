//! Turning an uploaded file into article text: plain text as it is, Markdown without its markup,
//! HTML reduced to its main text (navigation, scripts and ads dropped by a readability port).
//! Only text is kept, so nothing of the page's markup can reach another reader.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::domain::MAX_BODY_BYTES;

/// An article read from a file, before it is stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    pub text: String,
}

/// Reads `bytes` as the kind of file `filename` names.
///
/// # Errors
/// A message naming the problem: too large, empty, binary, not UTF-8, an unsupported type, or
/// an HTML page with no article text.
pub fn read(filename: &str, bytes: &[u8]) -> Result<Document, String> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(format!(
            "{filename} is {} KB; the limit is {} KB",
            bytes.len() / 1024,
            MAX_BODY_BYTES / 1024
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("{filename} is empty"));
    }
    if bytes.contains(&0) {
        return Err(format!("{filename} is a binary file, not text"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "{filename} is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )
    })?;
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => Ok(Document {
            text: text.to_owned(),
            ..Document::default()
        }),
        "md" | "markdown" => Ok(markdown(text)),
        "html" | "htm" => html(filename, text),
        "" => Err(format!(
            "{filename} has no extension: use .txt, .md or .html"
        )),
        other => Err(format!(
            "{filename}: .{other} files are not supported; use .txt, .md or .html"
        )),
    }
}

/// Markdown as plain text: one paragraph per block, the first heading as the title. Front
/// matter (`key: value` lines between `---` lines) becomes the labelled header lines the
/// layout reads (title, publisher, date, address), ahead of the text.
fn markdown(src: &str) -> Document {
    let Some((header, rest)) = front_matter(src) else {
        return markdown_body(src);
    };
    let body = markdown_body(rest);
    let names_title = header
        .lines()
        .filter_map(|l| l.split_once(':'))
        .any(|(k, _)| matches!(k.trim().to_ascii_lowercase().as_str(), "title" | "headline"));
    Document {
        title: if names_title { None } else { body.title },
        text: format!("{header}\n{}", body.text),
        ..Document::default()
    }
}

/// The `key: value` lines of a front matter block, and the text after it.
fn front_matter(src: &str) -> Option<(String, &str)> {
    let after = src
        .strip_prefix("---\n")
        .or_else(|| src.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    let mut header = String::new();
    for line in after.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim();
        if l == "---" || l == "..." {
            return (!header.is_empty()).then(|| (header, &after[offset..]));
        }
        if let Some((k, v)) = l.split_once(':')
            && !k.trim().is_empty()
            && !v.trim().is_empty()
        {
            header.push_str(&format!("{}: {}\n", k.trim(), v.trim()));
        }
        if offset > 8192 {
            break;
        }
    }
    None
}

fn markdown_body(src: &str) -> Document {
    let mut out = String::new();
    let mut title = None;
    let mut heading: Option<String> = None;
    for ev in Parser::new(src) {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    if title.is_none() {
                        title = Some(h.trim().to_owned());
                    }
                    out.push_str(h.trim());
                    out.push_str("\n\n");
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut heading {
                Some(h) => h.push_str(&t),
                None => out.push_str(&t),
            },
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::CodeBlock,
            ) => {
                out.push_str("\n\n");
            }
            _ => {}
        }
    }
    Document {
        title,
        text: out.trim().to_owned(),
        ..Document::default()
    }
}

fn html(filename: &str, src: &str) -> Result<Document, String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let article = dom_smoothie::Readability::new(src, None, Some(cfg))
        .and_then(|mut r| r.parse())
        .map_err(|e| format!("{filename}: no article text could be found in the page ({e})"))?;
    let text = article.text_content.trim().to_owned();
    if text.is_empty() {
        return Err(format!(
            "{filename}: no article text could be found in the page"
        ));
    }
    let title = Some(article.title.trim().to_owned()).filter(|t| !t.is_empty());
    // The headline is a source of claims too: keep it as the first paragraph.
    let text = match &title {
        Some(t) if !text.starts_with(t.as_str()) => format!("{t}\n\n{text}"),
        _ => text,
    };
    Ok(Document {
        title,
        byline: article
            .byline
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty()),
        publisher: article
            .site_name
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty()),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Quake kills 12 | Daily Paper</title>
        <meta property="og:site_name" content="Daily Paper"><script>alert('x')</script></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
        <div class="ad">Buy now! Limited offer!</div>
        <article><h1>Quake kills 12 in coastal town</h1>
        <p>An earthquake struck the coastal town of Sample on Monday, killing at least 12 people and injuring dozens more, officials said.</p>
        <p>Rescue teams searched the rubble through the night, and the regional governor said more than 300 homes had been damaged by the tremor.</p>
        <p>The national seismology institute said the quake had a magnitude of 6.1 and struck at a depth of ten kilometres below the seabed.</p>
        <script>document.write('tracking')</script></article>
        <footer>Copyright Daily Paper. All rights reserved.</footer></body></html>"#;

    #[test]
    fn markdown_front_matter_becomes_the_labelled_header() {
        let md = "---\ntitle: \"Ferry service resumes\"\npublisher: Island Post\ndate: 2026-04-02\nurl: https://post.example/ferry\n---\n# Ferry service resumes\n\nThe first ferry sailed at 6am with **40** passengers.\n";
        let d = read("ferry.md", md.as_bytes()).expect("readable");
        assert_eq!(d.title, None, "the header's title is the layout's to read");
        let r = crate::reading::read(&d.text);
        assert_eq!(r.title.as_deref(), Some("Ferry service resumes"));
        assert_eq!(r.publisher.as_deref(), Some("Island Post"));
        assert_eq!(r.url.as_deref(), Some("https://post.example/ferry"));
        assert_eq!(
            r.published_local.map(|d| d.date().to_string()).as_deref(),
            Some("2026-04-02")
        );
        assert!(r.body.starts_with("Ferry service resumes\n\n"));
        assert!(
            r.body
                .contains("The first ferry sailed at 6am with 40 passengers.")
        );
        assert!(!r.body.contains("publisher"), "{}", r.body);
        // Without front matter the first heading is still the title.
        let d = read("plain.md", b"# A heading\n\nText.").expect("readable");
        assert_eq!(d.title.as_deref(), Some("A heading"));
    }

    #[test]
    fn a_labelled_text_upload_is_read_with_its_details() {
        let t = "TITLE: Flood waters rise\nPUBLISHER: Valley Courier\nDATE: 10/03/2026\nURL: https://courier.example/floods\n\nThe river rose two metres overnight.\nPolice said at least 12 people had died in the floods.";
        let d = read("floods.txt", t.as_bytes()).expect("readable");
        let r = crate::reading::read(&d.text);
        assert_eq!(r.title.as_deref(), Some("Flood waters rise"));
        assert_eq!(r.publisher.as_deref(), Some("Valley Courier"));
        assert!(!r.body.contains("TITLE:") && !r.body.contains("PUBLISHER"));
        // Claims found in the body map back into the text as it was given.
        let claims = crate::reading::claims_in(t);
        assert!(claims.iter().any(|c| c.quote.contains("12 people")));
        for c in claims {
            let (a, b) = (c.span.start, c.span.end);
            let given: String = t.chars().skip(a).take(b - a).collect();
            assert_eq!(given, c.quote);
        }
    }

    #[test]
    fn html_keeps_the_article_and_drops_the_rest() {
        let d = read("quake.html", PAGE.as_bytes()).expect("readable");
        assert!(d.text.contains("killing at least 12 people"));
        assert!(d.text.contains("magnitude of 6.1"));
        for junk in [
            "alert(",
            "tracking",
            "Buy now",
            "Sport",
            "<p>",
            "All rights reserved",
        ] {
            assert!(!d.text.contains(junk), "kept {junk:?}");
        }
        assert_eq!(d.publisher.as_deref(), Some("Daily Paper"));
        let claims = crate::extract::extract_claims(&d.text);
        assert!(
            claims
                .iter()
                .any(|c| c.kind == crate::domain::ClaimKind::Casualty)
        );
    }

    #[test]
    fn markdown_loses_its_markup() {
        let d = read(
            "a.md",
            b"# Big news\n\nPolice **said** 3 people were [arrested](https://x.example).\n",
        )
        .expect("md");
        assert_eq!(d.title.as_deref(), Some("Big news"));
        assert_eq!(d.text, "Big news\n\nPolice said 3 people were arrested.");
    }

    #[test]
    fn bad_files_get_specific_errors() {
        assert!(
            read("a.txt", b"  \n ")
                .expect_err("empty")
                .contains("empty")
        );
        assert!(
            read("a.txt", b"ab\0cd")
                .expect_err("binary")
                .contains("binary")
        );
        assert!(
            read("a.txt", &[b'a', 0xff, 0xfe])
                .expect_err("utf8")
                .contains("not UTF-8")
        );
        assert!(
            read("a.pdf", b"%PDF-1.7")
                .expect_err("type")
                .contains(".pdf files are not supported")
        );
        assert!(
            read("a.txt", &vec![b'a'; MAX_BODY_BYTES + 1])
                .expect_err("size")
                .contains("limit")
        );
        assert!(read("a.html", b"<html><body><script>x()</script></body></html>").is_err());
    }
}

/// A multipart form as a plain form posts it: its text fields and at most one file.
#[derive(Debug, Default)]
pub struct UploadForm {
    pub fields: std::collections::HashMap<String, String>,
    /// The file's name and bytes, if a non-empty file was chosen.
    pub file: Option<(String, Vec<u8>)>,
}

impl UploadForm {
    /// A text field, or empty.
    pub fn text(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

/// The most text fields a multipart form may have, and the longest one.
const MAX_FIELDS: usize = 32;
const MAX_FIELD_BYTES: usize = 16 * 1024;

/// Reads a multipart form whose file field is `file`, keeping at most `max_file_bytes + 1` of
/// the file (enough for the caller to say it is too large); the rest of the file is skipped
/// unread into memory. Text fields are bounded as they are read.
///
/// # Errors
/// `Invalid` if the upload is empty or cut short, has more than 32 fields, or a text field
/// longer than 16 KB.
pub async fn read_form(
    data: leptos::server_fn::codec::MultipartData,
    max_file_bytes: usize,
) -> Result<UploadForm, crate::error::AppError> {
    use crate::error::AppError;
    let mut form = data
        .into_inner()
        .ok_or_else(|| AppError::invalid("The upload was empty"))?;
    let mut out = UploadForm::default();
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|e| AppError::invalid(format!("The upload could not be read: {e}")))?
    {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        if name == "file" {
            let file_name = field.file_name().unwrap_or("upload").to_owned();
            let mut bytes = Vec::new();
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|e| AppError::invalid(format!("The upload was cut short: {e}")))?
            {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > max_file_bytes {
                    break;
                }
            }
            // A chosen file is kept even when empty, so the reader can say it is empty; no
            // file chosen comes as an empty name.
            if !file_name.is_empty() {
                out.file = Some((file_name, bytes));
            }
        } else {
            if out.fields.len() >= MAX_FIELDS {
                return Err(AppError::invalid("The form has too many fields"));
            }
            // Read a chunk at a time and refused past the limit: a field is never read whole
            // before its size is known.
            let mut bytes = Vec::new();
            while let Some(chunk) = field
                .chunk()
                .await
                .map_err(|e| AppError::invalid(format!("The upload was cut short: {e}")))?
            {
                if bytes.len() + chunk.len() > MAX_FIELD_BYTES {
                    return Err(AppError::invalid(format!(
                        "The field '{}' is longer than {} KB",
                        name.chars().take(40).collect::<String>(),
                        MAX_FIELD_BYTES / 1024
                    )));
                }
                bytes.extend_from_slice(&chunk);
            }
            let value = String::from_utf8(bytes)
                .map_err(|_| AppError::invalid(format!("The field '{name}' is not UTF-8 text")))?;
            out.fields.insert(name, value);
        }
    }
    Ok(out)
}
