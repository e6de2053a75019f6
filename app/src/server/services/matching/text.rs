//! Text for claim matching: cleaning a query (a tweet's signature, links, hashtags and mentions),
//! the tokeniser shared by queries and fact-checks (apostrophes, Unicode fold, stopwords, Snowball
//! stemming, a light Arabic stem), character n-grams and the date forms the method reads. Pure, no I/O.
//!
//! Every step is the one measured in the method's ablation (BENCHMARKS.md, "Claim matching"):
//! each of them moved MAP@5 on the training queries, so none is decoration.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// What cleaning learnt about a query besides its words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryInfo {
    /// The author's name from a tweet signature ("— Name (@handle) Month D, YYYY").
    pub name: String,
    /// The date in that signature.
    pub date: Option<NaiveDate>,
    /// The raw text links a picture (`pic.twitter.com`).
    pub has_pic: bool,
}

/// Builds a pattern written in this file; a typo in one is caught by the unit tests, never by users.
fn pattern(p: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(p).expect("a pattern of the matching method")
}

static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\s*[\x{2014}\x{2013}]\s*([^\x{2014}\x{2013}]*?)\s*\(@(\w+)\)\s*([A-Za-z]+ \d{1,2}, \d{4})?\s*$",
    )
});
static SIGNATURE_DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"([A-Za-z]+) (\d{1,2}), (\d{4})"));
static PIC_LINK: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)pic\.twitter\.com/\w*"));
// A link stops at `#`: tweets glue hashtags to links.
static LINK: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)(?:https?://|www\.)[^\s#]*"));
static HASHTAG: LazyLock<Regex> = LazyLock::new(|| pattern(r"#(\w+)"));
static MENTION: LazyLock<Regex> = LazyLock::new(|| pattern(r"@(\w+)"));
static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)['\x{2019}]s\b"));
static INNER_APOSTROPHE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(\w)['\x{2019}](\w)"));
static MEDIA: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(photo|photos|photograph|photographs|image|images|picture|pictures|pic|video|videos|footage|meme|clip)\b",
    )
});
static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The NLTK/Snowball English stopword list (127 words), sorted for binary search.
const STOPWORDS: [&str; 127] = [
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A date written "Month D, YYYY" (full English month name, any case), as tweet signatures
/// carry it.
pub fn parse_signature_date(s: &str) -> Option<NaiveDate> {
    let m = SIGNATURE_DATE.captures(s)?;
    let mon = month(&m[1])?;
    NaiveDate::from_ymd_opt(m[3].parse().ok()?, mon, m[2].parse().ok()?)
}

/// A fact-check's publication date as feeds write it: ISO 8601 (`2015-05-26`, with or without a
/// time) or "D Month YYYY".
pub fn parse_review_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
    {
        return Some(d);
    }
    let mut words = s.split_whitespace();
    let (d, m, y) = (words.next()?, words.next()?, words.next()?);
    NaiveDate::from_ymd_opt(y.parse().ok()?, month(m)?, d.parse().ok()?)
}

/// Splits a hashtag or handle into words: `AustralianFires` → `Australian Fires`,
/// `ABCDef` → `ABC Def`, `covid19` → `covid 19`.
pub fn camel_split(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let mut out = String::with_capacity(w.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 {
            let p = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            let split = (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (p.is_ascii_uppercase() && c.is_ascii_uppercase() && next_lower)
                || (p.is_ascii_alphabetic() && c.is_ascii_digit())
                || (p.is_ascii_digit() && c.is_ascii_alphabetic());
            if split {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// Cleans a query: HTML entities, a tweet signature (its name kept, its handle and date taken
/// out), links, and hashtags and mentions split into words.
pub fn clean_query(text: &str) -> (String, QueryInfo) {
    let mut info = QueryInfo {
        has_pic: text.to_lowercase().contains("pic.twitter.com"),
        ..QueryInfo::default()
    };
    let mut t = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    if let Some(m) = SIGNATURE.captures(&t) {
        let name = m.get(1).map_or("", |g| g.as_str()).to_owned();
        info.date = m.get(3).and_then(|g| parse_signature_date(g.as_str()));
        let start = m.get(0).map_or(t.len(), |g| g.start());
        t.truncate(start);
        // The author is often the claim's subject: keeping the name helps (measured).
        t.push(' ');
        t.push_str(&name);
        info.name = name;
    }
    let t = PIC_LINK.replace_all(&t, " ");
    let t = LINK.replace_all(&t, " ");
    let t = HASHTAG.replace_all(&t, |c: &regex::Captures<'_>| {
        format!(" {} ", camel_split(&c[1]))
    });
    let t = MENTION.replace_all(&t, |c: &regex::Captures<'_>| {
        format!(" {} ", camel_split(&c[1]).replace('_', " "))
    });
    (t.into_owned(), info)
}

/// The fold the tokeniser uses: Unicode NFKD with combining marks dropped (accents, Arabic
/// vowel marks), ASCII lower-cased as before, and letters and digits of other scripts kept
/// lower-cased (Arabic, Cyrillic, Greek, CJK: dropping them left such fact-checks with no
/// words to match). Arabic spelling variants are merged as Arabic search engines do (alef
/// forms, taa marbuta, alef maqsura; no tatweel; Arabic-Indic digits as ASCII). Other
/// characters drop, as in the ASCII fold, so Latin-script text folds exactly as it did.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) || !c.is_alphanumeric() {
            continue;
        }
        match c {
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => out.push('\u{0627}'),
            '\u{0629}' => out.push('\u{0647}'),
            '\u{0649}' => out.push('\u{064a}'),
            '\u{0640}' => {}
            '\u{0660}'..='\u{0669}' => {
                out.push(char::from(b'0' + (u32::from(c) - 0x0660) as u8));
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The runs of letters and digits of a folded text.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Common Arabic function words, folded as `fold` folds them.
const ARABIC_STOPWORDS: [&str; 24] = [
    "في", "من", "علي", "الي", "عن", "ان", "ما", "لا", "هذا", "هذه", "التي", "الذي", "مع", "او",
    "كان", "قد", "ذلك", "بعد", "كل", "هو", "هي", "تم", "عند", "بين",
];

/// A word's stem: Snowball English for Latin-script words; for Arabic, the definite article
/// and its joined prepositions taken off (a light stem, as Arabic retrieval commonly uses);
/// other scripts as written.
fn stem(w: &str) -> String {
    if w.is_ascii() {
        return STEMMER.stem(w).into_owned();
    }
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(prefix)
            && rest.chars().count() >= 2
        {
            return rest.to_owned();
        }
    }
    w.to_owned()
}

fn is_any_stopword(w: &str) -> bool {
    if w.is_ascii() {
        is_stopword(w)
    } else {
        ARABIC_STOPWORDS.contains(&w)
    }
}

/// The index terms of a text: possessives dropped and inner apostrophes joined ("don't" →
/// "dont"), folded (see `fold`), words under 40 bytes, stopwords out, stemmed.
pub fn tokenize(s: &str) -> Vec<String> {
    terms_with_words(s).into_iter().map(|(t, _)| t).collect()
}

/// The index terms of a text with the word each came from (folded and lower-cased), to show a
/// reviewer which words two texts share.
pub fn terms_with_words(s: &str) -> Vec<(String, String)> {
    let s = POSSESSIVE.replace_all(s, "");
    let s = INNER_APOSTROPHE.replace_all(&s, "$1$2");
    let folded = fold(&s);
    words(&folded)
        .filter(|w| w.len() < 40 && !is_any_stopword(w))
        .map(|w| (stem(w), w.to_owned()))
        .collect()
}

/// Whether a text speaks of a picture or video.
pub fn mentions_media(s: &str) -> bool {
    MEDIA.is_match(s)
}

/// A stable 64-bit hash (FNV-1a) of a character n-gram: the same on every machine and run, so
/// hashed document frequencies are reproducible.
pub fn ngram_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The character 3-, 4- and 5-grams of a text's words (ASCII-folded, lower-cased, each word
/// padded with a space on both sides), hashed, with their counts, sorted by hash.
pub fn char_ngrams(s: &str) -> Vec<(u64, u32)> {
    let folded = fold(s);
    let mut grams: Vec<u64> = Vec::new();
    let mut padded: Vec<u8> = Vec::with_capacity(48);
    for w in words(&folded) {
        padded.clear();
        padded.push(b' ');
        padded.extend_from_slice(w.as_bytes());
        padded.push(b' ');
        for n in 3..=5 {
            if padded.len() >= n {
                grams.extend(padded.windows(n).map(ngram_hash));
            }
        }
    }
    grams.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(grams.len());
    for g in grams {
        match out.last_mut() {
            Some((h, c)) if *h == g => *c += 1,
            _ => out.push((g, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_complete() {
        let mut sorted = STOPWORDS;
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
        assert!(is_stopword("the") && is_stopword("yourselves") && !is_stopword("vaccine"));
    }

    #[test]
    fn a_signature_gives_its_name_and_date_and_leaves_the_text() {
        let (t, info) = clean_query(
            "Bridges were closed today &amp; tonight https://t.co/abc pic.twitter.com/Xy1 \u{2014} Jo Bloggs (@jbloggs) March 5, 2020",
        );
        assert_eq!(info.name, "Jo Bloggs");
        assert_eq!(info.date, NaiveDate::from_ymd_opt(2020, 3, 5));
        assert!(info.has_pic);
        assert!(t.contains("Bridges were closed today & tonight"));
        assert!(t.ends_with("Jo Bloggs"));
        assert!(!t.contains("t.co") && !t.contains("pic.twitter") && !t.contains("jbloggs"));
    }

    #[test]
    fn hashtags_and_mentions_become_words() {
        let (t, _) = clean_query("#FloodWarning2021 by @city_Council and #ABCDef");
        let words: Vec<&str> = t.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Flood", "Warning", "2021", "by", "city", "Council", "and", "ABC", "Def"
            ]
        );
        // A link glued to a hashtag stops at the '#'.
        let (t, _) = clean_query("see http://x.example/a#Storm");
        assert!(t.contains("Storm"));
    }

    #[test]
    fn tokens_fold_drop_stopwords_and_stem() {
        assert_eq!(
            tokenize("The mayor's bridges don't close — Café 𝓒𝓻𝓲𝓼"),
            ["mayor", "bridg", "dont", "close", "cafe", "cris"]
        );
        assert!(tokenize(&"x".repeat(40)).is_empty());
    }

    #[test]
    fn other_scripts_keep_their_words() {
        // Arabic: vowel marks and tatweel drop, alef forms and taa marbuta merge, the article
        // comes off, function words go.
        let a = tokenize("قالت الشرطة إنّ المستشفى تعرّض للقصف في غزة");
        let b = tokenize("قالت الشرطه ان مستشفى تعرض للقصف بغزة");
        assert!(a.contains(&"شرطه".to_owned()), "{a:?}");
        assert!(
            a.contains(&"مستشفي".to_owned()) && b.contains(&"مستشفي".to_owned()),
            "{a:?} {b:?}"
        );
        assert!(!a.iter().any(|t| t == "في"), "{a:?}");
        assert_eq!(tokenize("١٢٣ قتيلاً"), ["123", "قتيلا"]);
        // Cyrillic and Greek are lower-cased and kept.
        assert_eq!(tokenize("Москва ΑΘΗΝΑ"), ["москва", "αθηνα"]);
        // Latin text folds as the ASCII fold did.
        assert_eq!(fold("Café Ångström"), "cafe angstrom");
        assert!(!char_ngrams("مستشفى").is_empty());
    }

    #[test]
    fn dates_read_both_feed_forms() {
        let d = NaiveDate::from_ymd_opt(2015, 5, 26);
        assert_eq!(parse_review_date("2015-05-26"), d);
        assert_eq!(parse_review_date("2015-05-26T10:00:00Z"), d);
        assert_eq!(parse_review_date("26 May 2015"), d);
        assert_eq!(parse_review_date("someday"), None);
        assert_eq!(parse_signature_date("February 30, 2020"), None);
    }

    #[test]
    fn ngrams_are_padded_words_of_three_to_five_characters() {
        // " ab " gives " ab", "ab " (3) and " ab " (4).
        let g = char_ngrams("Ab");
        assert_eq!(g.len(), 3);
        assert!(g.iter().all(|(_, c)| *c == 1));
        let twice = char_ngrams("ab ab");
        assert!(twice.iter().all(|(_, c)| *c == 2));
        assert!(mentions_media("A VIDEO shows") && !mentions_media("videogames"));
    }
}
