//! An article's details (title, publisher, address, byline, publication day) as a person gives
//! them, when adding an article or correcting one: checked here, before anything is stored,
//! with an error that names the field. Pure, tested without a database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::addresses;

/// The longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// The longest publisher or byline accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest reason for a correction, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// An article's details, checked. Blank fields are `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDetails {
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub published_on: Option<NaiveDate>,
}

/// One correction of an article's details, as its history lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailsVersion {
    /// The version the correction made.
    pub version: i32,
    pub at: String,
    /// The name of the person who made it.
    pub by: String,
    /// What changed, in words ("title: Old → New").
    pub changes: String,
}

/// The details as typed in a form, unchecked (fields named `details[title]`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetailsForm {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub byline: String,
    /// `YYYY-MM-DD`, or empty.
    pub published_on: String,
    /// Why the details are corrected; optional.
    pub reason: String,
}

/// The details as typed, borrowed, unchecked.
#[derive(Clone, Debug, Default)]
pub struct DetailsInput<'a> {
    pub title: &'a str,
    pub publisher: &'a str,
    pub url: &'a str,
    pub byline: &'a str,
    pub published_on: &'a str,
}

impl<'a> From<&'a DetailsForm> for DetailsInput<'a> {
    fn from(f: &'a DetailsForm) -> Self {
        DetailsInput {
            title: &f.title,
            publisher: &f.publisher,
            url: &f.url,
            byline: &f.byline,
            published_on: &f.published_on,
        }
    }
}

fn blank_to_none(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A publisher's or byline's name as typed (blank is `None`), checked: one line, at most
/// `MAX_NAME_CHARS`.
///
/// # Errors
/// A sentence naming the field.
pub fn check_name(field: &str, typed: &str) -> Result<Option<String>, String> {
    at_most(field, blank_to_none(typed), MAX_NAME_CHARS)
}

/// The longest language tag an article keeps (the column's width; a language and a region,
/// `pt-BR`, `zh-Hant-TW`, fit with room to spare).
pub const MAX_LANGUAGE_CHARS: usize = 16;

/// An article's language as given (blank is `None`): a BCP 47 tag, a language of two or three
/// letters then subtags of letters and digits (`en`, `pt-BR`, `zh-Hant`), returned with the
/// language in lower case (`EN-gb` → `en-gb`), at most `MAX_LANGUAGE_CHARS` long.
///
/// # Errors
/// A sentence saying what a language tag looks like.
pub fn check_language(typed: &str) -> Result<Option<String>, String> {
    let Some(tag) = blank_to_none(typed) else {
        return Ok(None);
    };
    let bad = || {
        format!(
            "'{}' is not a language tag; give one such as en, fr or pt-BR (at most {MAX_LANGUAGE_CHARS} characters)",
            tag.chars().take(40).collect::<String>()
        )
    };
    if tag.len() > MAX_LANGUAGE_CHARS {
        return Err(bad());
    }
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(bad());
    }
    let mut out = language.to_ascii_lowercase();
    for sub in parts {
        if !(1..=8).contains(&sub.len()) || !sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        out.push('-');
        out.push_str(sub);
    }
    Ok(Some(out))
}

fn at_most(field: &str, value: Option<String>, max: usize) -> Result<Option<String>, String> {
    match value {
        Some(v) if v.chars().count() > max => {
            Err(format!("The {field} is longer than {max} characters"))
        }
        Some(v) if v.chars().any(char::is_control) => {
            Err(format!("The {field} must be on one line"))
        }
        other => Ok(other),
    }
}

/// A publication day as typed (`YYYY-MM-DD`, what a date field sends): blank is `None`. A day
/// more than one day after `today` is refused (a typo, not an article from the future; one day
/// of slack covers time zones).
///
/// # Errors
/// A sentence saying what is wrong with the day.
pub fn parse_published_on(typed: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let t = typed.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        format!("The publication date “{t}” is not a date written as YYYY-MM-DD (2026-05-16)")
    })?;
    if day > today + chrono::Duration::days(1) {
        return Err(format!(
            "The publication date {day} is in the future; today is {today}"
        ));
    }
    if day < NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(format!("The publication date {day} is too long ago"));
    }
    Ok(Some(day))
}

/// Checks typed details. The title is required when `title_required` (a correction; when
/// adding an article it may come from the text instead).
///
/// # Errors
/// A sentence naming the first field that is wrong and why.
pub fn check_details(
    input: &DetailsInput<'_>,
    title_required: bool,
    today: NaiveDate,
) -> Result<ArticleDetails, String> {
    let title = at_most("title", blank_to_none(input.title), MAX_TITLE_CHARS)?;
    if title_required && title.is_none() {
        return Err("The title cannot be empty".to_owned());
    }
    let url = blank_to_none(input.url);
    if let Some(u) = &url {
        addresses::check_http_url("article's address", u).map_err(|e| e.to_string())?;
    }
    Ok(ArticleDetails {
        title: title.unwrap_or_default(),
        publisher: at_most("publisher", blank_to_none(input.publisher), MAX_NAME_CHARS)?,
        url,
        byline: at_most("byline", blank_to_none(input.byline), MAX_NAME_CHARS)?,
        published_on: parse_published_on(input.published_on, today)?,
    })
}

/// The reason given for a correction, checked: optional, one paragraph at most.
///
/// # Errors
/// A sentence when it is too long.
pub fn check_reason(reason: &str) -> Result<Option<String>, String> {
    let r = blank_to_none(reason);
    match &r {
        Some(r) if r.chars().count() > MAX_REASON_CHARS => Err(format!(
            "The reason is longer than {MAX_REASON_CHARS} characters"
        )),
        _ => Ok(r),
    }
}

/// The fields that differ between two versions of the details, by name, with the old and new
/// values as shown to people (a day as `YYYY-MM-DD`; `None` for blank).
pub fn changed_fields(
    before: &ArticleDetails,
    after: &ArticleDetails,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let day = |d: &Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let fields = [
        (
            "title",
            Some(before.title.clone()),
            Some(after.title.clone()),
        ),
        (
            "publisher",
            before.publisher.clone(),
            after.publisher.clone(),
        ),
        ("address", before.url.clone(), after.url.clone()),
        ("byline", before.byline.clone(), after.byline.clone()),
        (
            "publication date",
            day(&before.published_on),
            day(&after.published_on),
        ),
    ];
    fields.into_iter().filter(|(_, b, a)| b != a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    fn input<'a>(title: &'a str, url: &'a str, day: &'a str) -> DetailsInput<'a> {
        DetailsInput {
            title,
            publisher: " The Courier ",
            url,
            byline: "",
            published_on: day,
        }
    }

    #[test]
    fn typed_details_are_trimmed_and_blanks_are_none() {
        let d = check_details(&input(" A title ", "", "2026-05-16"), true, today()).expect("valid");
        assert_eq!(d.title, "A title");
        assert_eq!(d.publisher.as_deref(), Some("The Courier"));
        assert_eq!(d.url, None);
        assert_eq!(d.byline, None);
        assert_eq!(d.published_on, NaiveDate::from_ymd_opt(2026, 5, 16));
    }

    #[test]
    fn each_wrong_field_is_named() {
        let err = |i: DetailsInput<'_>| check_details(&i, true, today()).expect_err("refused");
        assert!(err(input("  ", "", "")).contains("title cannot be empty"));
        assert!(err(input("T", "ftp://x.org/a", "")).contains("article's address must start"));
        assert!(err(input("T", "", "16/05/2026")).contains("YYYY-MM-DD"));
        assert!(err(input("T", "", "2027-01-01")).contains("in the future"));
        assert!(err(input("T", "", "1066-10-14")).contains("too long ago"));
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert!(err(input(&long, "", "")).contains("longer than 500"));
        let two_lines = DetailsInput {
            publisher: "The\nCourier",
            ..input("T", "", "")
        };
        assert!(err(two_lines).contains("publisher must be on one line"));
    }

    #[test]
    fn a_title_may_be_left_to_the_text_when_adding() {
        let d = check_details(&input("", "", ""), false, today()).expect("valid");
        assert_eq!(d.title, "");
    }

    #[test]
    fn tomorrow_is_allowed_for_time_zones_but_not_the_day_after() {
        assert!(parse_published_on("2026-12-02", today()).is_ok());
        assert!(parse_published_on("2026-12-03", today()).is_err());
        assert_eq!(parse_published_on(" ", today()), Ok(None));
    }

    #[test]
    fn only_what_differs_is_a_change() {
        let before = check_details(&input("T", "", "2026-05-16"), true, today()).expect("valid");
        let mut after = before.clone();
        assert!(changed_fields(&before, &after).is_empty());
        after.title = "T2".into();
        after.published_on = None;
        let changes = changed_fields(&before, &after);
        assert_eq!(
            changes,
            vec![
                ("title", Some("T".to_owned()), Some("T2".to_owned())),
                ("publication date", Some("2026-05-16".to_owned()), None),
            ]
        );
    }

    #[test]
    fn a_reason_is_optional_and_bounded() {
        assert_eq!(check_reason("  "), Ok(None));
        assert_eq!(check_reason(" typo "), Ok(Some("typo".to_owned())));
        assert!(check_reason(&"r".repeat(MAX_REASON_CHARS + 1)).is_err());
    }

    #[test]
    fn a_language_is_a_short_tag() {
        assert_eq!(check_language("  "), Ok(None));
        assert_eq!(check_language("EN"), Ok(Some("en".into())));
        assert_eq!(check_language("pt_BR"), Ok(Some("pt-BR".into())));
        assert_eq!(check_language("zh-Hant-TW"), Ok(Some("zh-Hant-TW".into())));
        for bad in [
            "english please",
            "e",
            "engl",
            "en-",
            "en--gb",
            "en-toolongsubtag",
            "fr-<b>",
            "de-DE-1996-extra-x",
            &"a".repeat(60),
        ] {
            let err = check_language(bad).expect_err(bad);
            assert!(err.contains("not a language tag"), "{err}");
        }
    }
}
