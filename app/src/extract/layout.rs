//! Recognising the metadata of a plain-text article laid out as news sites export it: a title
//! line, an optional image url, the publisher, the section, a `DD/MM/YYYY HHhMM` dateline, then
//! the body.

use chrono::NaiveDateTime;

/// What the layout told us, and where the body starts (a byte offset into the text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub title: Option<String>,
    pub image_url: Option<String>,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub published_local: Option<NaiveDateTime>,
    pub body_start: usize,
}

/// Reads the header lines of `text`. Fields that are not there stay `None`; `body_start` is 0
/// when no dateline is found (the whole text is then the body).
pub fn parse(text: &str) -> Layout {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if !t.is_empty() {
            lines.push((start, offset, t));
        }
        if lines.len() >= 6 {
            break;
        }
    }
    let Some(date_idx) = lines.iter().position(|(_, _, l)| dateline(l).is_some()) else {
        return Layout {
            title: lines
                .first()
                .map(|(_, _, l)| (*l).to_owned())
                .filter(|l| l.chars().count() <= 200),
            ..Layout::default()
        };
    };
    let header = &lines[..date_idx];
    let mut layout = Layout {
        published_local: dateline(lines[date_idx].2),
        body_start: lines[date_idx].1,
        ..Layout::default()
    };
    let mut rest: Vec<&str> = Vec::new();
    for (i, (_, _, l)) in header.iter().enumerate() {
        if i == 0 {
            layout.title = Some((*l).to_owned());
        } else if (l.starts_with("http://") || l.starts_with("https://")) && !l.contains(' ') {
            layout.image_url = Some((*l).to_owned());
        } else {
            rest.push(l);
        }
    }
    layout.publisher = rest.first().map(|s| (*s).to_owned());
    layout.section = rest.get(1).map(|s| (*s).to_owned());
    layout
}

/// "26/03/2024 18h43" (also "18:43", or a date alone).
fn dateline(line: &str) -> Option<NaiveDateTime> {
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
        body,
    }
}
