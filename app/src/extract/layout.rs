//! Recognising the metadata of a plain-text article laid out as news sites export it, in either
//! of the two layouts we meet: title, an optional image url, publisher, section, then a
//! `DD/MM/YYYY HHhMM` dateline and the body; or title, publisher (with a wire credit in
//! brackets), dateline, the article's url, then the body. A third shape is a block of labelled
//! lines (`TITLE:`, `PUBLISHER:`, `DATE:`, `URL:` and their common synonyms) before the body,
//! as many archive exports and Markdown front matter write it. Text with none is all body.

use chrono::NaiveDateTime;

/// What the layout told us, and where the body starts (a byte offset into the text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub title: Option<String>,
    pub image_url: Option<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub published_local: Option<NaiveDateTime>,
    /// The article's own address, when the url follows the dateline or is labelled.
    pub url: Option<String>,
    /// Where the title's text is (a byte range), when the text is in a layout.
    pub title_at: Option<(usize, usize)>,
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
    lines(text).take(n).collect()
}

/// The non-empty lines of `text`, read as they are asked for, to the first line that ends past
/// the first 8 KB.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    let mut past = false;
    text.split_inclusive('\n')
        .map_while(move |line| {
            if past {
                return None;
            }
            let start = offset;
            offset += line.len();
            past = offset > 8192;
            Some((start, line))
        })
        .filter_map(|(start, line)| {
            let t = line.trim();
            let lead = line.len() - line.trim_start().len();
            (!t.is_empty()).then_some(Line {
                start: start + lead,
                end: start + lead + t.len(),
                text: t,
            })
        })
}

fn is_url(l: &str) -> bool {
    (l.starts_with("http://") || l.starts_with("https://")) && !l.contains(char::is_whitespace)
}

/// Reads the header lines of `text`. Fields that are not there stay `None`; `body_start` is 0
/// when no dateline is found (the whole text is then the body).
pub fn parse(text: &str) -> Layout {
    if let Some(layout) = labelled(text) {
        return layout;
    }
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
        title_at: Some((lines[0].start, lines[0].end)),
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
    Header {
        title: layout.title_at,
        body_start: layout.body_start,
    }
}

/// The most labelled lines a header may have.
const LABELLED_LINES: usize = 12;

/// What a header label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Publisher,
    Date,
    Url,
    Section,
    Image,
    /// Read and left out of the body (bylines are not claims).
    Other,
}

/// The field a label names, for the labels archive exports and front matter use.
fn field(label: &str) -> Option<Field> {
    let l = label.trim().to_ascii_lowercase();
    Some(match l.as_str() {
        "title" | "headline" | "heading" => Field::Title,
        "publisher" | "source" | "outlet" | "publication" | "newspaper" | "site" => {
            Field::Publisher
        }
        "date" | "published" | "published at" | "published on" | "publication date"
        | "dateline" => Field::Date,
        "url" | "link" | "address" | "permalink" | "canonical" => Field::Url,
        "section" | "category" | "desk" => Field::Section,
        "image" | "image url" | "photo" => Field::Image,
        "byline" | "author" | "authors" | "by" | "language" | "lang" | "tags" | "id" => {
            Field::Other
        }
        _ => return None,
    })
}

/// A `LABEL: value` line with a known label: the field, and the value's byte range in `line`.
fn labelled_line(line: &str) -> Option<(Field, usize, usize)> {
    let (label, rest) = line.split_once(':')?;
    if label.len() > 20 || label.trim().is_empty() {
        return None;
    }
    let f = field(label)?;
    let value = rest.trim();
    if value.is_empty() {
        return None;
    }
    let start = label.len() + 1 + (rest.len() - rest.trim_start().len());
    // Front matter quotes its values.
    let (start, end) = match value.as_bytes() {
        [b'"', .., b'"'] | [b'\'', .., b'\''] if value.len() >= 2 => {
            (start + 1, start + value.len() - 1)
        }
        _ => (start, start + value.len()),
    };
    Some((f, start, end))
}

/// The labelled-lines layout: the first non-empty line and those after it, up to the first
/// line that is not `LABEL: value` with a known label; at least one of them must name the
/// title, publisher, date or address (so a body starting "Source: police" is not a header).
fn labelled(text: &str) -> Option<Layout> {
    let mut layout = Layout::default();
    let mut known = false;
    let mut end = None;
    // Lines are read only while they are labelled: most texts stop at the first.
    for l in lines(text).take(LABELLED_LINES + 1) {
        let Some((f, a, b)) = labelled_line(l.text) else {
            break;
        };
        let value = &l.text[a..b];
        match f {
            Field::Title if layout.title.is_none() => {
                layout.title = Some(value.to_owned());
                layout.title_at = Some((l.start + a, l.start + b));
            }
            Field::Publisher if layout.publisher.is_none() => {
                layout.publisher = Some(value.to_owned());
            }
            Field::Date if layout.published_local.is_none() => {
                layout.published_local = any_date(value);
            }
            Field::Url if layout.url.is_none() && is_url(value) => {
                layout.url = Some(value.to_owned());
            }
            Field::Section if layout.section.is_none() => {
                layout.section = Some(value.to_owned());
            }
            Field::Image if layout.image_url.is_none() && is_url(value) => {
                layout.image_url = Some(value.to_owned());
            }
            _ => {}
        }
        known |= matches!(
            f,
            Field::Title | Field::Publisher | Field::Date | Field::Url
        );
        end = Some(l.end);
    }
    let end = end.filter(|_| known)?;
    // A header with nothing after it is not a header: the text is all body.
    if text[end..].trim().is_empty() {
        return None;
    }
    layout.body_start = end;
    Some(layout)
}

/// A date as headers write it: ISO (with or without a time and zone), the dateline's
/// `DD/MM/YYYY HHhMM`, or "10 March 2026" / "March 10, 2026". The time is read as written.
fn any_date(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.naive_local());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t);
        }
    }
    if let Some(t) = dateline(s) {
        return Some(t);
    }
    let day = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN);
    for f in [
        "%Y-%m-%d",
        "%d %B %Y",
        "%B %d, %Y",
        "%d %b %Y",
        "%b %d, %Y",
        "%B %d %Y",
    ] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, f) {
            return Some(day(d));
        }
    }
    None
}

/// "26/03/2024 18h43" (also "18:43", or a date alone).
fn dateline(line: &str) -> Option<NaiveDateTime> {
    if line.len() > 24 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let date = parts.next()?;
    let time = parts.next();
    // `%d` reads digits only: most lines stop here, before chrono reads the format.
    if parts.next().is_some() || !date.starts_with(|c: char| c.is_ascii_digit()) {
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
    fn reads_labelled_header_lines_and_keeps_the_body() {
        let t = "TITLE: Flood waters rise in the valley\nPUBLISHER: Valley Courier\nDATE: 2026-03-10\nURL: https://courier.example/floods\n\nThe river rose two metres overnight.\nShops closed.";
        let l = parse(t);
        assert_eq!(l.title.as_deref(), Some("Flood waters rise in the valley"));
        let (a, b) = l.title_at.expect("title range");
        assert_eq!(&t[a..b], "Flood waters rise in the valley");
        assert_eq!(l.publisher.as_deref(), Some("Valley Courier"));
        assert_eq!(l.url.as_deref(), Some("https://courier.example/floods"));
        assert_eq!(
            l.published_local.map(|d| d.to_string()).as_deref(),
            Some("2026-03-10 00:00:00")
        );
        assert_eq!(
            t[l.body_start..].trim(),
            "The river rose two metres overnight.\nShops closed."
        );
        let c = compose(t);
        assert_eq!(
            c.body,
            "Flood waters rise in the valley\n\nThe river rose two metres overnight.\nShops closed."
        );
        assert_eq!(c.url.as_deref(), Some("https://courier.example/floods"));
    }

    #[test]
    fn labels_are_read_in_any_case_with_synonyms_quotes_and_dates() {
        let t = "Headline: \"Bridge reopens\"\nSource: Harbour Times\nAuthor: A. Writer\nPublished: March 9, 2026\n\nBody.";
        let l = parse(t);
        assert_eq!(l.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(l.publisher.as_deref(), Some("Harbour Times"));
        assert_eq!(
            l.published_local.map(|d| d.date().to_string()).as_deref(),
            Some("2026-03-09")
        );
        assert_eq!(t[l.body_start..].trim(), "Body.");
        assert_eq!(
            any_date("2026-03-09T14:05:00+02:00")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-03-09 14:05:00")
        );
        assert_eq!(
            any_date("09/03/2026 14h05")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-03-09 14:05:00")
        );
        assert_eq!(any_date("soon"), None);
    }

    #[test]
    fn a_body_that_starts_like_a_label_is_still_body() {
        // Only labels that say nothing of title, publisher, date or address: no header.
        let t = "Author: unknown\nThe report says 40 died.";
        assert_eq!(parse(t).body_start, 0);
        // A label without a known name is text.
        let t = "Warning: the bridge is closed.\nPolice said so.";
        assert_eq!(parse(t).body_start, 0);
        // A header and nothing else is no header.
        assert_eq!(parse("TITLE: Only a title").body_start, 0);
    }

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
