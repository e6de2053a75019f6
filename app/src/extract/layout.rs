//! Recognising the metadata of a plain-text article laid out as news sites export it, in either
//! of the two layouts we meet: title, an optional image url, publisher, section, then a
//! `DD/MM/YYYY HHhMM` dateline and the body; or title, publisher (with a wire credit in
//! brackets), dateline, the article's url, then the body. Text with neither is all body.

use chrono::NaiveDateTime;

/// What the layout told us, and where the body starts (a byte offset into the text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub title: Option<String>,
    pub image_url: Option<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub published_local: Option<NaiveDateTime>,
    /// The article's own address, when the url follows the dateline.
    pub url: Option<String>,
    pub body_start: usize,
}

/// How many non-empty lines a header may span before the dateline.
const HEADER_LINES: usize = 6;

/// A non-empty line: its byte range and trimmed text.
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// The first non-empty lines of `text`, at most `n` (and only the first few kilobytes are read).
fn first_lines(text: &str, n: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if !t.is_empty() {
            let lead = line.len() - line.trim_start().len();
            lines.push(Line {
                start: start + lead,
                end: start + lead + t.len(),
                text: t,
            });
        }
        if lines.len() >= n || offset > 8192 {
            break;
        }
    }
    lines
}

fn is_url(l: &str) -> bool {
    (l.starts_with("http://") || l.starts_with("https://")) && !l.contains(char::is_whitespace)
}

/// Reads the header lines of `text`. Fields that are not there stay `None`; `body_start` is 0
/// when no dateline is found (the whole text is then the body).
pub fn parse(text: &str) -> Layout {
    let lines = first_lines(text, HEADER_LINES + 2);
    let Some(date_idx) = lines
        .iter()
        .take(HEADER_LINES)
        .position(|l| dateline(l.text).is_some())
        .filter(|&d| d > 0)
    else {
        return Layout {
            title: lines
                .first()
                .map(|l| l.text.to_owned())
                .filter(|l| l.chars().count() <= 200),
            ..Layout::default()
        };
    };
    let mut layout = Layout {
        title: Some(lines[0].text.to_owned()),
        published_local: dateline(lines[date_idx].text),
        body_start: lines[date_idx].end,
        ..Layout::default()
    };
    let mut rest: Vec<&str> = Vec::new();
    for l in &lines[1..date_idx] {
        if is_url(l.text) {
            layout.image_url = Some(l.text.to_owned());
        } else {
            rest.push(l.text);
        }
    }
    layout.publisher = rest.first().map(|s| (*s).to_owned());
    layout.section = rest.get(1).map(|s| (*s).to_owned());
    // The corpus layout puts the article's address right after the dateline.
    if let Some(u) = lines.get(date_idx + 1).filter(|l| is_url(l.text)) {
        layout.url = Some(u.text.to_owned());
        layout.body_start = u.end;
    }
    layout
}

/// Where the claims of a whole article file are: the title line (a headline) and the body,
/// past the header lines that carry none (publisher, section, dateline, urls).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The title's byte range, when the text is in one of the layouts.
    pub title: Option<(usize, usize)>,
    pub body_start: usize,
}

/// The header of `text`: empty when the text is in neither layout.
pub fn header(text: &str) -> Header {
    let layout = parse(text);
    if layout.body_start == 0 {
        return Header::default();
    }
    let title = first_lines(text, 1).first().map(|l| (l.start, l.end));
    Header {
        title,
        body_start: layout.body_start,
    }
}

/// "26/03/2024 18h43" (also "18:43", or a date alone).
fn dateline(line: &str) -> Option<NaiveDateTime> {
    if line.len() > 24 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let date = parts.next()?;
    let time = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let d = chrono::NaiveDate::parse_from_str(date, "%d/%m/%Y").ok()?;
    let t = match time {
        None => chrono::NaiveTime::MIN,
        Some(t) => {
            let t = t.replace('h', ":");
            chrono::NaiveTime::parse_from_str(&t, "%H:%M").ok()?
        }
    };
    Some(d.and_time(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_news_export_layout() {
        let t = "Big Headline Here\n\nhttps://img.example/x.jpg\nDaily Paper\nWorld\n26/03/2024 18h43\n\nBody starts.";
        let l = parse(t);
        assert_eq!(l.title.as_deref(), Some("Big Headline Here"));
        assert_eq!(l.image_url.as_deref(), Some("https://img.example/x.jpg"));
        assert_eq!(l.publisher.as_deref(), Some("Daily Paper"));
        assert_eq!(l.section.as_deref(), Some("World"));
        assert_eq!(
            l.published_local.map(|d| d.to_string()).as_deref(),
            Some("2024-03-26 18:43:00")
        );
        assert_eq!(t[l.body_start..].trim(), "Body starts.");
    }

    #[test]
    fn reads_the_corpus_layout_with_the_url_after_the_dateline() {
        let t = "Blast kills 12\nDaily Paper (Reuters)\n04/08/2020 19h05\nhttps://example.org/a\n\nBody starts.";
        let l = parse(t);
        assert_eq!(l.title.as_deref(), Some("Blast kills 12"));
        assert_eq!(l.publisher.as_deref(), Some("Daily Paper (Reuters)"));
        assert_eq!(l.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(l.image_url, None);
        assert_eq!(t[l.body_start..].trim(), "Body starts.");
        assert_eq!(header(t).title, Some((0, 14)));
    }

    #[test]
    fn plain_text_is_all_body() {
        let l = parse("Just a title\n\nAnd a paragraph.");
        assert_eq!(l.body_start, 0);
        assert_eq!(l.title.as_deref(), Some("Just a title"));
    }
}

/// An article ready to store: its metadata and the body whose offsets claims refer to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Composed {
    pub title: Option<String>,
    pub image_url: Option<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub published_local: Option<NaiveDateTime>,
    pub url: Option<String>,
    pub body: String,
}

/// Normalises submitted text (line endings, byte-order mark) and, when it is in the export
/// layout, lifts the header into metadata. The headline stays the body's first paragraph,
/// because headlines carry claims too.
pub fn compose(raw: &str) -> Composed {
    let text = raw
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let layout = parse(&text);
    if layout.body_start == 0 {
        return Composed {
            title: layout.title,
            body: text.trim().to_owned(),
            ..Composed::default()
        };
    }
    let rest = text[layout.body_start..].trim();
    let body = match &layout.title {
        Some(t) => format!("{t}\n\n{rest}"),
        None => rest.to_owned(),
    };
    Composed {
        title: layout.title,
        image_url: layout.image_url,
        publisher: layout.publisher,
        section: layout.section,
        published_local: layout.published_local,
        url: layout.url,
        body,
    }
}
