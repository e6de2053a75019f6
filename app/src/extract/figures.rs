//! Reading figures: a number (digits or words), its qualifier ("at least", "around") and what it
//! counts ("killed", "injured", "hours", or the counted noun).

use super::lexicon::{self, any};
use super::tokens::{Lower, Token, TokenKind};
use crate::domain::{Figure, Qualifier};
use std::sync::OnceLock;

/// Every figure in a unit, in text order. A range ("between 200 and 300", "100 to 300",
/// "$3-5bn") is two figures: the low end `at_least`, the high end `at_most`.
pub fn figures(text: &str, toks: &[Token<'_>], headline: bool) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    // Values a count changed from whose own words name nothing it counts.
    let mut changed_from: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(num) = number_at(toks, i) else {
            i += 1;
            continue;
        };
        if !is_count(toks, i, num.len, headline) {
            i += num.len;
            continue;
        }
        let (qualifier, q_len) = qualifier_before(toks, i);
        // "rose from 31 to 48", "48, up from 31": where the count was. It is read as written
        // (the tracker leaves it out of the timeline); "from 31 to 48" is no range.
        let earlier = is_earlier_value(toks, i - q_len);
        // "200 to 250", "between 200 and 300": the high end follows.
        let between = i > q_len && toks[i - q_len - 1].is("between");
        let high = num.high.map(|h| (h, 0)).or_else(|| {
            if earlier {
                return None;
            }
            let sep = toks.get(i + num.len)?;
            let joins = sep.is("to") || sep.is("-") || sep.is("–") || (between && sep.is("and"));
            if !joins {
                return None;
            }
            let h = number_at(toks, i + num.len + 1)?;
            (h.high.is_none() && h.value > num.value && h.unit.is_none_or(|u| Some(u) == num.unit))
                .then_some((h.value, 1 + h.len))
        });
        let span = num.len + high.map_or(0, |h| h.1);
        let unit = num
            .unit
            .or_else(|| high.and_then(|_| number_at(toks, i + num.len + 1).and_then(|h| h.unit)));
        let (category, cat_end) = category_after(toks, i, span, unit, &out);
        // "up from 31 a day earlier": what follows the earlier value is not what it counts.
        // (A unit stays: "the bus fell from 20 metres".)
        let unnamed_earlier =
            earlier && (category == "count" || any(category.as_str(), &lexicon::DETERMINERS));
        let cat_end = if unnamed_earlier { None } else { cat_end };
        let first = i - q_len;
        let last = cat_end.unwrap_or(i + span - 1);
        let words = text[toks[first].start..toks[last].end].to_owned();
        match high {
            Some((h, h_len)) => {
                // "between 3 and 5 billion", "2 to 3 million": the high end's multiplier is the
                // low end's too.
                let multiplier = |ts: &[Token<'_>]| {
                    ts.iter().find_map(|t| {
                        lexicon::MULTIPLIERS
                            .iter()
                            .find(|(w, _)| t.lower == *w)
                            .map(|(_, m)| *m)
                    })
                };
                let own = num.high.is_some() || multiplier(&toks[i..i + num.len]).is_some();
                let shared = multiplier(&toks[i + num.len..i + num.len + h_len])
                    .filter(|m| !own && num.value * m <= h);
                out.push(Figure {
                    value: shared.map_or(num.value, |m| num.value * m),
                    qualifier: Qualifier::AtLeast,
                    category: category.clone(),
                    text: words.clone(),
                });
                out.push(Figure {
                    value: h,
                    qualifier: Qualifier::AtMost,
                    category,
                    text: words,
                });
            }
            None => {
                if unnamed_earlier {
                    changed_from.push(out.len());
                }
                out.push(Figure {
                    value: num.value,
                    qualifier,
                    category,
                    text: words,
                });
            }
        }
        i += span;
    }
    // A value a count changed from counts what the count does: "the number of missing dropped
    // to 21 from 60", "climbed to 48, up from 31 a day earlier" (not "31 a").
    // The count is the figure beside it: after ("from 31 to 48") or before ("48, up from 31").
    for k in changed_from {
        let near = out
            .get(k + 1)
            .into_iter()
            .chain(k.checked_sub(1).and_then(|b| out.get(b)))
            .find(|g| KNOWN_CATEGORIES.contains(&g.category.as_str()))
            .map(|g| g.category.clone());
        if let Some(c) = near {
            out[k].category = c;
        }
    }
    out
}

/// Whether the figure starting at `start` is the value a count changed from: "the toll rose
/// from 31 to 48", "climbed to 48, up from 31 a day earlier", "revised down from 48".
fn is_earlier_value(toks: &[Token<'_>], start: usize) -> bool {
    if start == 0 || !toks[start - 1].is("from") {
        return false;
    }
    // "rose to 48 from 31": the count it reached stands before.
    let reached_before = start >= 3
        && toks[start - 3].is("to")
        && number_at(toks, start - 2).is_some_and(|n| n.len == 1);
    reached_before
        || (2..=3).any(|d| {
            start.checked_sub(d).is_some_and(|k| {
                let w = &toks[k].lower;
                (d == 2 && (w.as_ref() == "up" || w.as_ref() == "down")) || any(w, CHANGE_VERBS)
            })
        })
}

/// A number read at a token: its value, the high end when the token is itself a range
/// ("100-300", "$3-5bn"), how many tokens it spans, and a unit it carries ("$5", "30%").
struct Number {
    value: f64,
    high: Option<f64>,
    len: usize,
    unit: Option<&'static str>,
}

/// "1,200", "3.5", "5bn", "2m": digits with separators and an optional scale suffix.
fn parse_digits(s: &str) -> Option<(f64, Option<f64>)> {
    let (digits, scale) = [
        ("bn", 1e9),
        ("billion", 1e9),
        ("m", 1e6),
        ("million", 1e6),
        ("k", 1e3),
    ]
    .iter()
    .find_map(|(suf, m)| s.strip_suffix(suf).map(|d| (d, Some(*m))))
    .unwrap_or((s, None));
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let v: f64 = digits.replace(',', "").parse().ok()?;
    Some((v, scale))
}

/// The number starting at token `i`: its value, how many tokens it spans, and a unit the token
/// itself carries ("$5", "30%").
fn number_at(toks: &[Token<'_>], i: usize) -> Option<Number> {
    let t = toks.get(i)?;
    let (mut value, mut high, mut len, mut unit) = match t.kind {
        TokenKind::Number => {
            let mut s = t.lower.as_ref();
            let mut unit = None;
            for (sym, u) in [('$', "usd"), ('€', "eur"), ('£', "gbp")] {
                if let Some(rest) = s.strip_prefix(sym) {
                    s = rest;
                    unit = Some(u);
                }
            }
            if let Some(rest) = s.strip_suffix('%') {
                s = rest;
                unit = Some("percent");
            }
            // "100-300", "100-to-300", "3-5bn": a range in one token.
            let parts = if s.contains('-') {
                s.split_once("-to-").or_else(|| s.split_once('-'))
            } else {
                s.split_once('–')
            };
            match parts {
                Some((a, b)) => {
                    // "20-year-old", "COVID-19": not ranges, and not counts.
                    let (lo, lo_scale) = parse_digits(a)?;
                    let (hi, hi_scale) = parse_digits(b)?;
                    let scale = lo_scale.or(hi_scale).unwrap_or(1.0);
                    let hi_scale = hi_scale.unwrap_or(scale);
                    if hi * hi_scale <= lo * scale {
                        return None;
                    }
                    (lo * scale, Some(hi * hi_scale), 1, unit)
                }
                None => {
                    // "20-year-old", "18h43", "3rd": not counts.
                    let (v, scale) = parse_digits(s)?;
                    (v * scale.unwrap_or(1.0), None, 1, unit)
                }
            }
        }
        TokenKind::Word => {
            let w = t.lower.as_ref();
            // Neither a number word, "a (dozen)", an ordinal nor two number words joined
            // ("twenty-one"): most words stop here, at a bit test.
            if t.lower.classes() & (lexicon::NUMBER_WORD_SET.bit() | lexicon::ORDINAL_WORDS.bit())
                == 0
                && w != "a"
                && !t.has_hyphen()
            {
                return None;
            }
            // Every number word starts with one of these letters.
            if !w.starts_with(['o', 't', 'f', 's', 'e', 'n', 'h', 'd', 'a']) {
                return None;
            }
            if let Some((a, b)) = w.split_once('-') {
                let tens = word_value(a)?;
                let ones = word_value(b)?;
                if !(20.0..100.0).contains(&tens) || ones >= 10.0 {
                    return None;
                }
                (tens + ones, None, 1, None)
            } else if w == "a" && toks.get(i + 1).is_some_and(|n| n.is("dozen")) {
                (12.0, None, 2, None)
            } else if let Some(v) = ordinal_value(&t.lower) {
                // "the tenth person to be detained": an ordinal of people counts them.
                let person = toks
                    .get(i + 1)
                    .is_some_and(|n| any(&n.lower, &lexicon::PERSON_NOUNS));
                if !person {
                    return None;
                }
                (v, None, 1, None)
            } else {
                (word_value(w)?, None, 1, None)
            }
        }
        TokenKind::Punct => return None,
    };
    // "1.5 million", "five hundred", "two thousand", "$3 billion".
    while let Some(next) = toks.get(i + len) {
        match lexicon::MULTIPLIERS.iter().find(|(w, _)| next.lower == *w) {
            Some((_, m)) => {
                value *= m;
                high = high.map(|h| h * m);
                len += 1;
            }
            None => break,
        }
    }
    if unit.is_none()
        && let Some(next) = toks.get(i + len)
        && (next.is("%") || next.is("percent"))
    {
        unit = Some("percent");
    }
    Some(Number {
        value,
        high,
        len,
        unit,
    })
}

fn ordinal_value(w: &Lower<'_>) -> Option<f64> {
    if w.classes() & lexicon::ORDINAL_WORDS.bit() == 0 {
        return None;
    }
    let place = lexicon::ORDINAL_WORDS
        .words()
        .iter()
        .position(|n| *n == &**w)?;
    Some(place as f64 + 1.0)
}

fn word_value(w: &str) -> Option<f64> {
    // Number words are short and start with one of few letters: skip the table for the rest.
    if w.len() > 9 || !w.starts_with(['o', 't', 'f', 's', 'e', 'n', 'h', 'd', 'a']) {
        return None;
    }
    lexicon::NUMBER_WORDS
        .iter()
        .find(|(n, _)| *n == w)
        .map(|(_, v)| *v)
}

/// Whether `w` (and the word after it, `then`) names the zone or the clock of a time written on
/// the 24-hour clock: "GMT", "UTC", "local time".
fn is_clock_zone(w: &str, then: Option<&Token<'_>>) -> bool {
    matches!(
        w,
        "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "pst"
            | "pdt"
            | "ist"
            | "msk"
            | "jst"
            | "aest"
            | "gmt."
            | "utc."
    ) || w == "local" && then.is_some_and(|t| t.is("time"))
}

/// Whether the number at `i` counts something, rather than being a year, a date, a time, part of
/// a name ("Flight 370") or a pronoun ("one of them").
fn is_count(toks: &[Token<'_>], i: usize, len: usize, headline: bool) -> bool {
    let t = &toks[i];
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(i + len);
    if t.kind == TokenKind::Number {
        let digits_only = t.text.chars().all(|c| c.is_ascii_digit());
        let v: u32 = t.text.parse().unwrap_or(0);
        let next_is_unit = next
            .is_some_and(|n| unit_of(&n.lower).is_some() || any(&n.lower, &lexicon::PERSON_NOUNS));
        // A year: four digits in range, not followed by a unit or a counted noun.
        if digits_only && t.text.len() == 4 && (1800..=2100).contains(&v) && !next_is_unit {
            return false;
        }
        // A date: next to a month name.
        let month = |t: &Token<'_>| {
            t.is_capitalised() && any(t.lower.trim_end_matches('.'), &lexicon::MONTHS)
        };
        // "Oct. 7": the abbreviation's full stop stands between the month and the day.
        let before_stop = prev
            .filter(|p| p.text == ".")
            .and_then(|_| i.checked_sub(2))
            .map(|p| &toks[p]);
        if prev.is_some_and(month) || before_stop.is_some_and(month) || next.is_some_and(month) {
            return false;
        }
        // An age in apposition: "his son, Jon, 23, was arrested".
        if digits_only
            && (1..=120).contains(&v)
            && prev.is_some_and(|p| p.is(","))
            && next.is_some_and(|n| n.is(","))
            && i >= 2
            && toks[i - 2].is_word()
            && toks.get(i + 2).is_none_or(|n| n.kind != TokenKind::Number)
        {
            return false;
        }
        // A clock time: "10:30", "9 a.m.".
        if next
            .is_some_and(|n| n.is(":") || n.is("a.m.") || n.is("p.m.") || n.is("am") || n.is("pm"))
            || prev.is_some_and(|p| p.is(":"))
        {
            return false;
        }
        // A time on the 24-hour clock, told with its zone: "1500 GMT", "0900 local time",
        // "2230 hours".
        if digits_only
            && t.text.len() == 4
            && v < 2400
            && v % 100 < 60
            && next.is_some_and(|n| {
                is_clock_zone(&n.lower, toks.get(i + len + 1))
                    // "at 2230 hours", not "1200 hours of footage".
                    || matches!(n.lower.as_ref(), "hours" | "hrs")
                        && prev.is_some_and(|p| {
                            matches!(
                                p.lower.as_ref(),
                                "at" | "by" | "until" | "since" | "around" | "about" | "after"
                                    | "before"
                            )
                        })
            })
        {
            return false;
        }
    } else {
        // "one of the", "one another", the pronoun "one": not a figure.
        if t.is("one") && next.is_none_or(|n| n.is("of") || n.is("another") || !n.is_word()) {
            return false;
        }
        // A number word needs something counted after it, or a casualty word: "ten hours", "four directly involved".
        let counted = toks[i + len..].iter().take(3).any(|n| {
            n.is_word()
                && (unit_of(&n.lower).is_some()
                    || any(&n.lower, &lexicon::PERSON_NOUNS)
                    || category_cue(&n.lower).is_some()
                    || n.lower.ends_with('s'))
        });
        // "Police arrested the three", "the two were released": those already counted, named by
        // their number, with a word of harm or arrest beside it saying what it counts.
        let by_reference = prev.is_some_and(|p| p.is("the"))
            && word_value(t.lower.as_ref()).is_some_and(|v| v >= 2.0)
            && next.is_none_or(|n| !n.is_word() || any(&n.lower, AUXILIARIES))
            && toks[i.saturating_sub(REFERENCE_REACH)..(i + len + REFERENCE_REACH).min(toks.len())]
                .iter()
                .any(|x| {
                    category_cue(&x.lower)
                        .is_some_and(|c| matches!(c, "killed" | "injured" | "arrested" | "missing"))
                });
        if !counted && !by_reference {
            return false;
        }
    }
    // Part of a name: "Flight 370", "Resolution 2334" (headlines capitalise verbs, so only named nouns count there).
    if let Some(p) = prev
        && p.is_capitalised()
        && any(p.lower.trim_end_matches('.'), &lexicon::NUMBERED_NAMES)
    {
        return false;
    }
    if !headline
        && let Some(p) = prev
        && p.is_capitalised()
        && p.is_acronym()
        && t.kind == TokenKind::Number
        && next.is_none_or(|n| !any(&n.lower, &lexicon::PERSON_NOUNS))
    {
        return false; // "G 20", "MH 17"
    }
    true
}

/// How far from a number named by reference ("arrested the three") its word of harm or arrest
/// may stand.
const REFERENCE_REACH: usize = 4;

/// Verbs that follow a bare number without being what it counts ("25 were wounded").
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "be",
    "will",
    "would",
    "remain",
    "remained",
    "remain",
    "died",
    "reportedly",
    "also",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "from",
    "when",
    "with",
    "as",
    "after",
    "before",
    "by",
    "for",
    "that",
    "who",
    "which",
    "than",
    "since",
    "during",
];

/// Verbs of a count changing: "the toll rose to 22", "has shot up to 6,000".
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "rise",
    "rising",
    "climbed",
    "climbs",
    "jumped",
    "jumps",
    "shot",
    "soared",
    "increased",
    "grew",
    "gone",
    "went",
    "reached",
    "reaches",
    "dropped",
    "fell",
    "fallen",
    "stands",
    "stood",
    "revised",
    "raised",
    "lowered",
];

fn qualifier_before(toks: &[Token<'_>], i: usize) -> (Qualifier, usize) {
    let changed = |n: usize| {
        (1..=2).any(|d| {
            i.checked_sub(n + d)
                .is_some_and(|k| any(&toks[k].lower, CHANGE_VERBS))
        })
    };
    // "rises past 100", "climbed beyond 150".
    if i >= 1 && (toks[i - 1].is("past") || toks[i - 1].is("beyond")) && changed(1) {
        return (Qualifier::MoreThan, 1);
    }
    let Some(before) = i.checked_sub(1) else {
        return (Qualifier::Exact, 0);
    };
    for (words, q) in qualifiers_ending(&toks[before].lower) {
        let n = words.len();
        if i >= n
            && toks[i - n..i]
                .iter()
                .zip(words.iter())
                .all(|(t, w)| t.lower == *w)
        {
            // "shot up to 6,000" is where the count went, not a ceiling.
            if *q == Qualifier::AtMost && words[0] == "up" && changed(n) {
                return (Qualifier::Exact, 0);
            }
            return (*q, n);
        }
    }
    (Qualifier::Exact, 0)
}

type Table = rustc_hash::FxHashMap<&'static str, &'static str>;

/// A word-to-name table as a map; a word listed twice keeps its first name, as a scan would.
fn table(rows: &'static [(&'static str, &'static str)]) -> Table {
    let mut m = Table::default();
    for (w, name) in rows {
        m.entry(*w).or_insert(*name);
    }
    m
}

fn unit_of(w: &str) -> Option<&'static str> {
    static UNITS: OnceLock<Table> = OnceLock::new();
    UNITS.get_or_init(|| table(lexicon::UNITS)).get(w).copied()
}

fn category_cue(w: &str) -> Option<&'static str> {
    static CUES: OnceLock<Table> = OnceLock::new();
    CUES.get_or_init(|| table(lexicon::CATEGORY_CUES))
        .get(w)
        .copied()
}

type QualifierRow = (&'static [&'static str], Qualifier);

/// The qualifiers ("at least", "nearly") whose last word is `w`, in the order of
/// `lexicon::QUALIFIERS`: only they can end right before a number whose previous word is `w`.
fn qualifiers_ending(w: &str) -> &'static [QualifierRow] {
    static BY_LAST: OnceLock<rustc_hash::FxHashMap<&'static str, Vec<QualifierRow>>> =
        OnceLock::new();
    BY_LAST
        .get_or_init(|| {
            let mut m = rustc_hash::FxHashMap::<&'static str, Vec<QualifierRow>>::default();
            for (words, q) in lexicon::QUALIFIERS {
                if let Some(last) = words.last() {
                    m.entry(*last).or_default().push((*words, *q));
                }
            }
            m
        })
        .get(w)
        .map_or(&[], Vec::as_slice)
}

/// The categories a figure's words name (not a counted noun taken as it stands).
const KNOWN_CATEGORIES: &[&str] = &[
    "killed",
    "injured",
    "arrested",
    "perpetrators",
    "hostages",
    "missing",
    "displaced",
    "evacuated",
];

/// What a count's subject says it counts when the count is where it went or was put: "the death
/// toll has risen to 22", "the number of missing dropped to 21", "put the number of wounded at
/// 5,000".
fn counted_by_subject(toks: &[Token<'_>], i: usize) -> Option<&'static str> {
    let mut j = i;
    while j > 0
        && matches!(
            toks[j - 1].lower.as_ref(),
            "over"
                | "more"
                | "than"
                | "nearly"
                | "almost"
                | "about"
                | "around"
                | "some"
                | "roughly"
                | "approximately"
        )
    {
        j -= 1;
    }
    let reached = j > 0
        && matches!(toks[j - 1].lower.as_ref(), "to" | "at" | "past" | "beyond")
        && !(toks[j - 1].is("at") && toks.get(j).is_some_and(|t| t.is("least") || t.is("most")));
    if !reached {
        return None;
    }
    for k in (i.saturating_sub(25)..i).rev() {
        let t = &toks[k];
        if t.is("toll") {
            return Some("killed");
        }
        if t.is("number") && toks.get(k + 1).is_some_and(|n| n.is("of")) {
            return toks[k + 2..(k + 5).min(i)]
                .iter()
                .find_map(|x| category_cue(&x.lower));
        }
    }
    None
}

/// A people noun run into the next word where a page lost a space: "peoplemany", "civiliansincluding".
fn run_on_people(w: &str) -> bool {
    ["people", "civilians", "persons", "children"]
        .iter()
        .any(|p| w.len() > p.len() + 2 && w.starts_with(p))
}

/// What the number at `i..i+len` counts, and the last token of the figure's text. `before` are
/// the figures already read in the unit ("seven of them" counts what the figure before did).
fn category_after(
    toks: &[Token<'_>],
    i: usize,
    len: usize,
    unit_hint: Option<&'static str>,
    before: &[Figure],
) -> (String, Option<usize>) {
    let after = i + len;
    if let Some(u) = unit_hint {
        return (u.to_owned(), None);
    }
    // "seven of them", "16 of whom": part of the group counted just before.
    if toks.get(after).is_some_and(|t| t.is("of"))
        && toks
            .get(after + 1)
            .is_some_and(|t| matches!(t.lower.as_ref(), "them" | "whom" | "those"))
        && let Some(prev) = before.last()
        && KNOWN_CATEGORIES.contains(&prev.category.as_str())
    {
        return (prev.category.clone(), Some(after + 1));
    }
    // The counted noun: the next word, past up to two modifiers ("60 others critically injured").
    let mut noun: Option<usize> = None;
    let mut spectrum = false;
    for (k, t) in toks.iter().enumerate().skip(after).take(3) {
        if !t.is_word() {
            break;
        }
        if let Some(u) = unit_of(&t.lower) {
            return (u.to_owned(), Some(k));
        }
        // "six hospitals": a number right before the place the hurt are taken to counts the
        // places; the word cues a count of people only further off.
        if k == after && t.is("hospitals") {
            noun = Some(k);
            break;
        }
        if let Some(c) = category_cue(&t.lower)
            && (k == after || noun.is_some() || t.lower.ends_with("ed"))
        {
            // "Four of the injured died in hospital": part of the hurt, now counted dead.
            let partitive = toks[after].is("of");
            if partitive
                && toks[k + 1..(k + 4).min(toks.len())]
                    .iter()
                    .any(|x| matches!(x.lower.as_ref(), "died" | "succumbed"))
            {
                return ("killed".to_owned(), Some(k));
            }
            // "137 dead", "60 others critically injured", "four directly involved".
            if !any(&t.lower, &lexicon::PERSON_NOUNS) || k == after {
                return (c.to_owned(), Some(k));
            }
        }
        if any(&t.lower, &lexicon::PERSON_NOUNS) {
            noun = Some(k);
            continue;
        }
        if t.lower.ends_with("ly")
            || matches!(
                t.lower.as_ref(),
                "more" | "additional" | "other" | "further" | "new" | "of" | "the" | "metric"
            )
        {
            continue;
        }
        // "the 100 to 300 spectrum", "in the range": the count is of what the sentence counts.
        if matches!(
            t.lower.as_ref(),
            "spectrum" | "range" | "bracket" | "region"
        ) {
            spectrum = true;
            break;
        }
        if noun.is_none()
            && k == after
            && t.lower.chars().all(char::is_alphabetic)
            && !any(&t.lower, AUXILIARIES)
        {
            noun = Some(k);
        }
        break;
    }
    if let Some(c) = counted_by_subject(toks, i) {
        return (c.to_owned(), noun);
    }
    // A people noun, or a name for people ("30 Crusaders", "four British Muslims").
    let people = |t: &Token<'_>| any(&t.lower, &lexicon::PERSON_NOUNS) || run_on_people(&t.lower);
    let noun_is_person = noun.is_some_and(|k| {
        // A capitalised word before a lowercase one modifies it ("three Danish evacuation
        // orders", "two Danish soldiers"): the people are counted only if that noun names them.
        let modifier = toks[k].is_capitalised()
            && !toks[k].lower.ends_with('s')
            && toks
                .get(k + 1)
                .is_some_and(|n| n.is_word() && !n.is_capitalised());
        if modifier {
            toks[k + 1..].iter().take(2).any(people)
        } else {
            people(&toks[k]) || toks[k].is_capitalised()
        }
    });
    // A casualty or arrest word near the number, same clause preferred: "killing at least 137
    // people". A count of people reaches further for its verb ("Sixteen staff members at the
    // port, the site of the blast, have been detained").
    // So does a range that counts what the sentence counts ("estimates the number of people
    // killed there at the low end of the 100-to-300 spectrum").
    let reach = if noun_is_person || spectrum { 20 } else { 10 };
    let held_for_the_deed = noun.is_some_and(|k| {
        matches!(
            toks[k].lower.as_ref(),
            "suspect" | "suspects" | "detainees" | "defendants" | "accused"
        )
    });
    let mut best: Option<(usize, usize, &'static str)> = None;
    // Only words within reach count, which also keeps a sentence of numbers linear.
    let from = i.saturating_sub(reach + 1);
    let to = (after + reach + 1).min(toks.len());
    for (k, t) in toks.iter().enumerate().take(to).skip(from) {
        if k >= i && k < after {
            continue;
        }
        // "95 people remain in hospital", "were taken to hospital": the hurt.
        let in_hospital =
            t.is("hospital") && k > 0 && (toks[k - 1].is("in") || toks[k - 1].is("to"));
        let Some(cat) = category_cue(&t.lower).or(in_hospital.then_some("injured")) else {
            continue;
        };
        // "The four suspects appeared in court with visible injuries": those held for the deed
        // are counted as held, or as who they are, never as its dead or hurt.
        if held_for_the_deed && matches!(cat, "killed" | "injured") {
            continue;
        }
        let (lo, hi) = if k < i { (k, i) } else { (after - 1, k) };
        let mut dist = hi - lo;
        if toks[lo..hi].iter().any(|x| x.is(",") || x.is(";")) {
            dist += 4;
        }
        // A coordinated clause ("had died and 41 others were missing") is another clause.
        if toks[lo..hi]
            .iter()
            .any(|x| x.is("and") || x.is("but") || x.is("while"))
        {
            dist += 2;
        }
        if toks[lo..hi]
            .iter()
            .any(|x| x.is(".") || x.is("(") || x.is(")"))
        {
            dist += 8;
        }
        if dist <= reach && best.is_none_or(|(d, _, _)| dist < d) {
            best = Some((dist, k, cat));
        }
    }
    // Only people are arrested or detained: "two managers of the plant had been detained".
    let detained = |k: usize| k > i && matches!(toks[k].lower.as_ref(), "arrested" | "detained");
    if let Some((_, k, cat)) = best
        && (noun.is_none() || noun_is_person || (cat == "arrested" && detained(k)))
    {
        // "four men killed 52 people", "carried out by one man": those who did it.
        // Not "30 people were killed at the hospital": the passive's subject died.
        let passive = k > 0
            && matches!(
                toks[k - 1].lower.as_ref(),
                "was" | "were" | "been" | "be" | "are" | "is" | "being"
            );
        let kills_a_count = k > i
            && !passive
            && matches!(cat, "killed")
            && matches!(
                toks[k].lower.as_ref(),
                "killed" | "killing" | "kill" | "kills"
            )
            && toks.get(k + 1).is_some_and(|n| {
                n.kind == TokenKind::Number
                    || word_value(&n.lower).is_some()
                    || (n.is("at") && toks.get(k + 2).is_some_and(|l| l.is("least")))
                    || matches!(
                        n.lower.as_ref(),
                        "more" | "about" | "around" | "nearly" | "some" | "over"
                    )
            });
        if kills_a_count && noun_is_person {
            return ("perpetrators".to_owned(), noun);
        }
        return (cat.to_owned(), noun);
    }
    if noun_is_person
        && i >= 2
        && toks[i - 1].is("by")
        && matches!(
            toks[i - 2].lower.as_ref(),
            "conducted" | "carried" | "perpetrated" | "committed" | "out"
        )
    {
        return ("perpetrators".to_owned(), noun);
    }
    match noun {
        Some(k) => (toks[k].lower.trim_end_matches('\'').to_owned(), Some(k)),
        None => ("count".to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn figs(s: &str) -> Vec<(f64, Qualifier, String)> {
        let toks = tokenize(s, 0, s.len());
        figures(s, &toks, false)
            .into_iter()
            .map(|f| (f.value, f.qualifier, f.category))
            .collect()
    }

    #[test]
    fn a_time_on_the_24_hour_clock_is_no_count() {
        for s in [
            "The blast hit the depot at 1500 GMT, killing 12 people.",
            "The blast hit the depot at around 0900 local time, killing 12 people.",
            "The blast hit the depot at 2230 hours, killing 12 people.",
        ] {
            assert_eq!(
                figs(s),
                vec![(12.0, Qualifier::Exact, "killed".to_owned())],
                "{s}"
            );
        }
        // A count of hours stays a count.
        assert!(
            figs("Rescuers spent 1200 hours searching the rubble.")
                .iter()
                .any(|f| f.0 == 1200.0),
        );
    }

    #[test]
    fn casualty_figures_with_qualifiers() {
        assert_eq!(
            figs(
                "The attackers fired on the audience, killing at least 41 people and leaving around 90 others critically injured."
            ),
            vec![
                (41.0, Qualifier::AtLeast, "killed".into()),
                (90.0, Qualifier::About, "injured".into())
            ]
        );
    }

    #[test]
    fn people_in_hospital_are_counted_as_hurt() {
        assert_eq!(
            figs("Some 95 people remain in hospital, the ministry said."),
            vec![(95.0, Qualifier::About, "injured".into())]
        );
        assert_eq!(
            figs("Twelve people were taken to hospital after the crash."),
            vec![(12.0, Qualifier::Exact, "injured".into())]
        );
        // A hospital as the place where the dead were counted is no count of the hurt.
        assert_eq!(
            figs("At least 30 people were killed at the hospital."),
            vec![(30.0, Qualifier::AtLeast, "killed".into())]
        );
    }

    #[test]
    fn suspects_are_never_counted_as_the_dead_or_hurt() {
        assert_eq!(
            figs("The four suspects appeared in court with visible injuries."),
            vec![(4.0, Qualifier::Exact, "suspects".into())]
        );
        assert_eq!(
            figs("Police arrested three suspects after the blast injured 20 people."),
            vec![
                (3.0, Qualifier::Exact, "arrested".into()),
                (20.0, Qualifier::Exact, "injured".into())
            ]
        );
    }

    #[test]
    fn number_words_units_and_arrests() {
        assert_eq!(
            figs("They fought the flames for ten hours."),
            vec![(10.0, Qualifier::Exact, "hours".into())]
        );
        assert_eq!(
            figs(
                "Police said 11 suspects had been arrested, with four directly involved in the assault."
            ),
            vec![
                (11.0, Qualifier::Exact, "arrested".into()),
                (4.0, Qualifier::Exact, "perpetrators".into())
            ]
        );
        assert_eq!(
            figs("More than 1.5 million people fled."),
            vec![(1_500_000.0, Qualifier::MoreThan, "people".into())]
        );
        assert_eq!(
            figs("Twenty-five were wounded."),
            vec![(25.0, Qualifier::Exact, "injured".into())]
        );
    }

    #[test]
    fn a_count_named_by_reference_to_those_counted_is_read_with_its_verb() {
        assert_eq!(
            figs("Police arrested the three in Ostra on Wednesday."),
            vec![(3.0, Qualifier::Exact, "arrested".into())]
        );
        assert_eq!(
            figs("The two were killed when the dam gave way."),
            vec![(2.0, Qualifier::Exact, "killed".into())]
        );
        // Without a word of harm or arrest beside it, it is no count.
        assert!(figs("Talks between the two broke down in Ostra.").is_empty());
        assert!(
            figs("Police said the three in Ostra were questioned and later released.").is_empty()
        );
    }

    #[test]
    fn years_dates_times_and_names_are_not_figures() {
        assert!(figs("In 2024, on March 22 at 10:30, Flight 370 left.").is_empty());
        assert!(figs("One of the suspects spoke.").is_empty());
        // An age set off by commas after a name or a noun.
        assert!(figs("His other son, Jon, 23, was arrested on Tuesday.").is_empty());
        assert!(figs("The driver, 41, was detained.").is_empty());
        assert_eq!(figs("In Ostra, 12 people were arrested.").len(), 1);
    }

    #[test]
    fn whoever_is_arrested_is_counted_held() {
        assert_eq!(
            figs("Police said two managers of the plant had been detained for questioning."),
            vec![(2.0, Qualifier::Exact, "arrested".into())]
        );
        // Things held are not.
        assert_eq!(
            figs("Two trucks were held at the border."),
            vec![(2.0, Qualifier::Exact, "trucks".into())]
        );
    }

    #[test]
    fn those_of_the_hurt_who_died_are_counted_dead() {
        assert_eq!(
            figs("The toll rose to 31 after four of the injured died in hospital."),
            vec![
                (31.0, Qualifier::Exact, "killed".into()),
                (4.0, Qualifier::Exact, "killed".into())
            ]
        );
        // Without a death, a part of the hurt is still the hurt.
        assert_eq!(
            figs("Four of the injured were flown to the capital."),
            vec![(4.0, Qualifier::Exact, "injured".into())]
        );
    }

    #[test]
    fn ranges_are_two_bounds() {
        assert_eq!(
            figs("Officials said between 200 and 300 people had been killed."),
            vec![
                (200.0, Qualifier::AtLeast, "killed".into()),
                (300.0, Qualifier::AtMost, "killed".into())
            ]
        );
        assert_eq!(
            figs("Damage is put at $3-5bn."),
            vec![
                (3e9, Qualifier::AtLeast, "usd".into()),
                (5e9, Qualifier::AtMost, "usd".into())
            ]
        );
        // The high end's multiplier is the low end's, unless it has its own.
        assert_eq!(
            figs("Damage is put at between 3 and 5 billion dollars."),
            vec![
                (3e9, Qualifier::AtLeast, "usd".into()),
                (5e9, Qualifier::AtMost, "usd".into())
            ]
        );
        assert_eq!(
            figs("Damage is put at between $3 and $5 billion."),
            vec![
                (3e9, Qualifier::AtLeast, "usd".into()),
                (5e9, Qualifier::AtMost, "usd".into())
            ]
        );
        assert_eq!(
            figs("Damage is put at between 900 million and 2 billion dollars."),
            vec![
                (9e8, Qualifier::AtLeast, "usd".into()),
                (2e9, Qualifier::AtMost, "usd".into())
            ]
        );
        assert_eq!(
            figs("The group holds 20 to 25 hostages."),
            vec![
                (20.0, Qualifier::AtLeast, "hostages".into()),
                (25.0, Qualifier::AtMost, "hostages".into())
            ]
        );
    }

    #[test]
    fn the_value_a_count_changed_from_counts_what_it_does_and_is_no_range() {
        let killed = |v: f64| (v, Qualifier::Exact, "killed".to_owned());
        assert_eq!(
            figs("The death toll climbed to 48, the governor said, up from 31 a day earlier."),
            vec![killed(48.0), killed(31.0)]
        );
        assert_eq!(
            figs("The death toll rose from 31 to 48 overnight."),
            vec![killed(31.0), killed(48.0)]
        );
        assert_eq!(
            figs("The death toll rose sharply from 31 to 48."),
            vec![killed(31.0), killed(48.0)]
        );
        assert_eq!(
            figs("The death toll has risen to 48 from 31."),
            vec![killed(48.0), killed(31.0)]
        );
        assert_eq!(
            figs("The number of missing dropped to 21 from 60."),
            vec![
                (21.0, Qualifier::Exact, "missing".into()),
                (60.0, Qualifier::Exact, "missing".into())
            ]
        );
        // A measure keeps its unit.
        let fell = figs("Eight people were killed when the bus fell from 20 metres.");
        assert_eq!(fell[0], (8.0, Qualifier::Exact, "killed".into()));
        assert_ne!(fell[1].2, "killed");
        // A range is still two bounds, and a count from a place is still a count.
        assert_eq!(
            figs("Between 30 and 40 people were evacuated from 12 buildings."),
            vec![
                (30.0, Qualifier::AtLeast, "evacuated".into()),
                (40.0, Qualifier::AtMost, "evacuated".into()),
                (12.0, Qualifier::Exact, "buildings".into())
            ]
        );
    }

    #[test]
    fn people_trapped_or_unaccounted_for_are_missing() {
        assert_eq!(
            figs(
                "Rescuers were searching for at least 12 people believed to be trapped under the rubble."
            ),
            vec![(12.0, Qualifier::AtLeast, "missing".into())]
        );
        assert_eq!(
            figs("Nine workers are still unaccounted for."),
            vec![(9.0, Qualifier::Exact, "missing".into())]
        );
    }

    #[test]
    fn counts_that_rise_take_their_subject() {
        assert_eq!(
            figs("The death toll from the storm in the northern province has now risen to 41."),
            vec![(41.0, Qualifier::Exact, "killed".into())]
        );
        assert_eq!(
            figs("The number of wounded has shot up to 900."),
            vec![(900.0, Qualifier::Exact, "injured".into())]
        );
        assert_eq!(
            figs("Death toll rises past 60"),
            vec![(60.0, Qualifier::MoreThan, "killed".into())]
        );
    }

    #[test]
    fn people_counted_by_what_happened_to_them() {
        assert_eq!(
            figs("Gunmen killed 12 and injured 30 when they stormed the hotel."),
            vec![
                (12.0, Qualifier::Exact, "killed".into()),
                (30.0, Qualifier::Exact, "injured".into())
            ]
        );
        assert_eq!(
            figs("It left 40 people dead, nine of them children."),
            vec![
                (40.0, Qualifier::Exact, "killed".into()),
                (9.0, Qualifier::Exact, "killed".into())
            ]
        );
        assert_eq!(
            figs("Police detained a woman, the fifth person to be taken into custody."),
            vec![(5.0, Qualifier::Exact, "arrested".into())]
        );
        assert_eq!(
            figs("It left some 2,000 families homeless."),
            vec![(2000.0, Qualifier::About, "displaced".into())]
        );
        // A page that lost the space after "people" still counts people.
        assert_eq!(
            figs("The blast killed about 40 peoplemost of them at the gate."),
            vec![(40.0, Qualifier::About, "killed".into())]
        );
        assert!(!run_on_people("peoples") && run_on_people("civiliansincluding"));
        // The hospitals the hurt were taken to are counted as hospitals, not as the hurt.
        assert_eq!(
            figs("Nils Berg said about 50 people were taken to six hospitals."),
            vec![
                (50.0, Qualifier::About, "injured".into()),
                (6.0, Qualifier::Exact, "hospitals".into())
            ]
        );
        assert_eq!(
            figs(
                "A report puts the number of people killed at the depot that night at the \"low end of the 40-to-90 spectrum.\""
            ),
            vec![
                (40.0, Qualifier::AtLeast, "killed".into()),
                (90.0, Qualifier::AtMost, "killed".into())
            ]
        );
    }

    #[test]
    fn a_nationality_before_a_thing_counts_the_thing_not_people() {
        // Orders are not the dead, however near the killing is.
        assert!(
            figs("The clinic received three Danish evacuation orders in the week before the strike, killing hundreds.")
                .iter()
                .all(|(_, _, c)| c != "killed")
        );
        assert_eq!(
            figs("Two Danish soldiers were killed in the strike."),
            vec![(2.0, Qualifier::Exact, "killed".into())]
        );
        assert_eq!(
            figs("The raid left 30 Varnians dead."),
            vec![(30.0, Qualifier::Exact, "killed".into())]
        );
    }

    #[test]
    fn money_and_percentages_carry_their_unit() {
        assert_eq!(
            figs("It cost $5 million, up 30%."),
            vec![
                (5_000_000.0, Qualifier::Exact, "usd".into()),
                (30.0, Qualifier::Exact, "percent".into())
            ]
        );
    }
}
