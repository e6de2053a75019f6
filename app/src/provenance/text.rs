//! The words the tracer compares: content words reduced to their stems, and actor names reduced
//! to the tokens that tell one party from another.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::extract::lexicon;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Function words and the vocabulary of reporting itself ("said", "according", "reported"):
/// every claim has them, so they say nothing about which proposition it asserts.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "became",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "ever",
    "every",
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
    "him",
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
    "last",
    "later",
    "least",
    "less",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "out",
    "over",
    "own",
    "per",
    "same",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
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
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    // Days, months and relative time: the dateline already orders articles.
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "morning",
    "evening",
    "night",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "hour",
    "hours",
    "minute",
    "minutes",
    "decade",
    "decades",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "year",
    "years",
    "time",
    // Reporting and attribution verbs and nouns.
    "according",
    "said",
    "say",
    "says",
    "saying",
    "told",
    "tell",
    "tells",
    "report",
    "reported",
    "reports",
    "reporting",
    "statement",
    "added",
    "adding",
    "stated",
    "claim",
    "claimed",
    "claims",
    "citing",
    "cited",
    "cite",
    "quoted",
    "announced",
    "confirmed",
    "insisted",
    "noted",
    "believe",
    "believed",
    "appears",
    "appeared",
    "seem",
    "seems",
    "likely",
    "reportedly",
    "allegedly",
    "suspected",
    "news",
    "agency",
    "media",
    "press",
    "quote",
    // Number words: figures are compared as numbers, not as words.
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "dozen",
    "dozens",
    "first",
    "second",
    "third",
];

/// Causes named in other words, each class under one token no word can be (the words are cut
/// to five letters): two accounts that blame "a bomb" and "an attack" blame the same cause.
const CAUSE_CLASSES: &[(&str, &[&str])] = &[
    (
        DELIBERATE_ACT,
        &[
            "attack",
            "attacks",
            "bomb",
            "bombs",
            "bombing",
            "terror",
            "terrorism",
            "terrorist",
            "sabotage",
        ],
    ),
    (
        "accident",
        &[
            "accident",
            "accidental",
            "accidentally",
            "negligence",
            "mishap",
        ],
    ),
];

/// A word as a party token holds it: its first five letters, so that a country and its
/// demonym meet ("Israel", "Israeli").
pub fn party_cut(w: &str) -> String {
    w.chars().take(5).collect()
}

/// Whether `w` cut to a party token is `token` (`party_cut(w) == token`, without building it:
/// the cause and weapon lists are asked of every pair of accounts).
fn cuts_to(w: &str, token: &str) -> bool {
    w.chars().take(5).eq(token.chars())
}

/// Whether a party token (`party_tokens`) only names a cause: a class ("deliberate act") or a
/// cause word cut to five letters ("attac", "bomb").
pub fn names_a_cause(token: &str) -> bool {
    CAUSE_CLASSES
        .iter()
        .any(|(class, _)| in_cause_class(class, token))
}

/// Whether a party token only says the cause was a deliberate act ("attac", "bomb"), not who
/// did it.
pub fn names_a_deliberate_act(token: &str) -> bool {
    in_cause_class(DELIBERATE_ACT, token)
}

/// The class of causes that say it was done on purpose ("an attack", "a bomb").
const DELIBERATE_ACT: &str = "deliberate act";

/// Whether a party token is the cause class `class` or one of its words cut to a token.
fn in_cause_class(class: &str, token: &str) -> bool {
    CAUSE_CLASSES
        .iter()
        .filter(|(c, _)| *c == class)
        .any(|(c, words)| *c == token || words.iter().any(|w| cuts_to(w, token)))
}

/// Whether a party token (`party_tokens`) only names a weapon ("rocke", "misfi"): what was
/// fired, not who fired it.
pub fn names_a_weapon(token: &str) -> bool {
    WEAPONS.iter().any(|w| cuts_to(w, token))
}

/// "Member" speaks of ties only where membership is said of someone (`a_word_of_ties`).
const MEMBERS: &[&str] = &["member", "members"];

/// Words that speak of a party's ties (its membership, allegiance or beliefs) rather than of
/// an act: "he was not a member of the Front", "he does not belong to any group", "he does not
/// share their ideology". Not "belonging", which mostly speaks of things owned ("arms belonging
/// to the Front").
const TIES: &[&str] = &[
    "membership",
    "belong",
    "belongs",
    "belonged",
    "affiliated",
    "affiliation",
    "allegiance",
    "ideology",
    "radicalised",
    "radicalized",
];

/// Whether a claim speaks of a party's ties: that someone was or was not a member of a group
/// is another proposition than that they did the act.
pub fn speaks_of_ties(quote: &str) -> bool {
    let ws = words(quote);
    (0..ws.len()).any(|i| a_word_of_ties(&ws, i))
}

/// Whether the `i`th word speaks of ties. "Member" does only where membership is what is said
/// of someone ("he was not a member of the Front", "both were members"); "one of its members
/// planted the bomb" and "members of the cell are at large" speak of what members did or do.
fn a_word_of_ties(ws: &[String], i: usize) -> bool {
    const BE: &[&str] = &[
        "is", "was", "are", "were", "be", "been", "being", "become", "became", "becoming",
    ];
    const REACH_BACK: usize = 3;
    if MEMBERS.contains(&ws[i].as_str()) {
        ws[i.saturating_sub(REACH_BACK)..i]
            .iter()
            .any(|b| BE.contains(&b.as_str()))
    } else {
        TIES.contains(&ws[i].as_str())
    }
}

/// Words naming a reported figure: "disputes this figure", "rejected the death toll".
const TALLIES: &[&str] = &[
    "figure",
    "figures",
    "toll",
    "tolls",
    "tally",
    "tallies",
    "numbers",
    "statistics",
];

/// Whether a denial rejects a reported figure rather than an act: a word naming a figure
/// within a few words after a verb of denial, rejection or doubt ("Ostra disputes this figure",
/// "officials rejected the ministry's death toll"). A figure named elsewhere in the sentence
/// ("denied the strike, which raised the toll") leaves it a denial of the act.
pub fn disputes_a_tally(quote: &str) -> bool {
    use crate::extract::lexicon::{DENIAL_VERBS, REJECT_VERBS, any};
    /// Verbs of doubt the extractor's denial lists leave out.
    const DOUBTING: &[&str] = &[
        "dispute",
        "disputing",
        "contest",
        "contests",
        "contested",
        "question",
        "questions",
        "questioned",
        "challenged",
    ];
    const REACH: usize = 4;
    let ws = words(quote);
    ws.iter().enumerate().any(|(i, w)| {
        (any(w.as_str(), &DENIAL_VERBS)
            || any(w.as_str(), &REJECT_VERBS)
            || DOUBTING.contains(&w.as_str()))
            && ws[i + 1..]
                .iter()
                .take(REACH)
                .any(|x| TALLIES.contains(&x.as_str()))
    })
}

/// Whether a text ties someone to one of the parties: a word of ties followed within a few
/// words by the party's name ("belonged to ISIS", "a member of the Northern Front"), not one
/// that ties them to something else ("members of the army").
pub fn ties_to(text: &str, parties: &BTreeSet<String>) -> bool {
    const REACH: usize = 4;
    let ws = words(text);
    (0..ws.len()).any(|i| {
        a_word_of_ties(&ws, i)
            && ws[i + 1..]
                .iter()
                .take(REACH)
                .any(|x| parties.contains(&party_cut(x)))
    })
}

/// The ages a claim gives the people it is about: "a 23-year-old man", "aged 23", "Nils,
/// 23, was arrested" (a name, then the age between commas). Who was arrested is told by name in
/// one report and by description in another; the age is what the two share.
pub fn ages(quote: &str) -> BTreeSet<u32> {
    const YEAR_OLD: &[&str] = &[
        "-year-old",
        "-year old",
        " year-old",
        " year old",
        " years old",
        "-years-old",
    ];
    let b = quote.as_bytes();
    // Case-blind prefix and suffix tests on bytes: each looks at a few bytes only, so a text
    // full of numbers is still read in one pass.
    let starts = |k: usize, p: &str| {
        b.get(k..k + p.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(p.as_bytes()))
    };
    let ends =
        |k: usize, p: &str| k >= p.len() && b[k - p.len()..k].eq_ignore_ascii_case(p.as_bytes());
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // A whole number of one to three digits, not a part of "1,500" or "2.5".
        let glued_after =
            matches!(b.get(i), Some(b',' | b'.')) && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let glued_before =
            start >= 2 && matches!(b[start - 1], b',' | b'.') && b[start - 2].is_ascii_digit();
        if i - start > 3 || glued_after || glued_before {
            continue;
        }
        let Ok(n) = quote[start..i].parse::<u32>() else {
            continue;
        };
        if !(1..=120).contains(&n) {
            continue;
        }
        let year_old = YEAR_OLD.iter().any(|p| starts(i, p));
        let aged = ends(start, "aged ");
        // ", 23," after a name: the word before the comma is capitalised and is no month.
        let apposed = i - start <= 2
            && b.get(i) == Some(&b',')
            && ends(start, ", ")
            && quote[..start - 2]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !crate::extract::lexicon::any(
                            &w.to_lowercase(),
                            &crate::extract::lexicon::MONTHS,
                        )
                });
        if year_old || aged || apposed {
            out.insert(n);
        }
    }
    out
}

/// A toll told only by its order of magnitude ("hundreds killed", "dozens of people died",
/// "tens of thousands injured"): the magnitude, and what it counts (`killed` or `injured`, by
/// the word of harm nearest to it, the following one when two are as near). Reports telling
/// the same magnitude of a toll repeat one another; another magnitude is another account.
pub fn vague_toll(quote: &str) -> Option<(String, &'static str)> {
    const MAGNITUDES: &[&str] = &["dozens", "scores", "hundreds", "thousands", "millions"];
    let ws = words(quote);
    let at = ws
        .iter()
        .position(|w| MAGNITUDES.contains(&w.as_str()) || w == "tens")?;
    let mut magnitude = ws[at].clone();
    // "tens of thousands", "hundreds of thousands": one magnitude told in two words.
    if ws.get(at + 1).is_some_and(|w| w == "of")
        && let Some(next) = ws.get(at + 2).filter(|w| MAGNITUDES.contains(&w.as_str()))
    {
        magnitude = format!("{magnitude} of {next}");
    } else if magnitude == "tens" {
        return None;
    }
    let harm = |w: &str| -> Option<&'static str> {
        if ["kill", "dead", "die", "death", "lives", "life"]
            .iter()
            .any(|p| w.starts_with(p))
        {
            Some("killed")
        } else if ["injur", "wound", "hurt"].iter().any(|p| w.starts_with(p)) {
            Some("injured")
        } else {
            None
        }
    };
    let category = ws
        .iter()
        .enumerate()
        .filter_map(|(i, w)| harm(w).map(|c| ((i.abs_diff(at), i < at), c)))
        .min_by_key(|&(k, _)| k)?
        .1;
    Some((magnitude, category))
}

/// The weekdays a claim names: arrests on different named days are different arrests. A day in
/// the possessive ("Monday's attack", "Monday night's bombing") dates something else the claim
/// names, not what it tells.
pub fn weekdays(quote: &str) -> BTreeSet<String> {
    let folded = fold(quote);
    let toks: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = BTreeSet::new();
    for (i, t) in toks.iter().enumerate() {
        let (day, possessive) = t.strip_suffix("'s").map_or((*t, false), |d| (d, true));
        // Full names only: "sat" and "wed" are words too.
        if day.len() <= 3 || day.parse::<chrono::Weekday>().is_err() {
            continue;
        }
        let of_its_part = toks
            .get(i + 1)
            .is_some_and(|n| matches!(*n, "night's" | "morning's" | "evening's" | "afternoon's"));
        if !possessive && !of_its_part {
            out.insert(day.to_owned());
        }
    }
    out
}

/// The steps of threat and alert scales (the UK's, from low to critical; the US's colours are
/// not read: a colour is too often something else).
const LEVELS: &[&str] = &[
    "low",
    "guarded",
    "moderate",
    "elevated",
    "substantial",
    "high",
    "severe",
    "critical",
];

/// The threat or alert level a claim gives ("the threat level remains at severe", "has been
/// raised from severe to critical"): the step last named within ten words after "threat level"
/// or "alert level", not one it was raised or lowered from. Two claims of one level are one
/// proposition; of another, a later one updates an earlier one.
pub fn level(quote: &str) -> Option<&'static str> {
    let ws = words(quote);
    let at = level_named_at(&ws)?;
    let mut found = None;
    for j in at + 1..(at + 11).min(ws.len()) {
        if let Some(l) = LEVELS.iter().find(|l| **l == ws[j])
            && ws[j - 1] != "from"
        {
            found = Some(*l);
        }
    }
    found
}

/// Whether a claim speaks of a threat or alert level, naming its step or not ("the threat level
/// indicates an attack is highly likely").
pub fn speaks_of_level(quote: &str) -> bool {
    level_named_at(&words(quote)).is_some()
}

/// Where "level" follows "threat" or "alert".
fn level_named_at(ws: &[String]) -> Option<usize> {
    (1..ws.len()).find(|&i| ws[i] == "level" && (ws[i - 1] == "threat" || ws[i - 1] == "alert"))
}

/// Weapons, which a target names beside the party that fired them.
const WEAPONS: &[&str] = &[
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "munition",
    "munitions",
    "shell",
    "shells",
    "projectile",
    "projectiles",
    "launch",
    "misfire",
    "barrage",
];

/// Words that name a role or an institution's type, not which party it is ("officials",
/// "ministry"): two claimants that share only these are not the same party.
const ROLES: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "ministry",
    "military",
    "army",
    "force",
    "forces",
    "group",
    "government",
    "authorities",
    "authority",
    "leader",
    "leaders",
    "president",
    "prime",
    "chief",
    "source",
    "sources",
    "officer",
    "officers",
    "agency",
    "news",
    "media",
    "department",
    "security",
    "state",
    "people",
    "senior",
    "head",
    "general",
    "secretary",
    "member",
    "members",
    "office",
    "team",
    "service",
    "services",
    "intelligence",
    "community",
    "assessment",
    "document",
    "report",
    "statement",
    "local",
    "health",
    "foreign",
    "defense",
    "defence",
    "interior",
    "public",
    "national",
    "federal",
    "told",
    "run",
    "the",
    "of",
    "and",
    "in",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "rear",
    "admiral",
    "adviser",
    "advisor",
    "militant",
    "militants",
    "fighters",
    "organization",
    "organisation",
    "movement",
    "faction",
    "aide",
    "commander",
    "constable",
    "superintendent",
    "inspector",
    "detective",
    "sergeant",
    "deputy",
    "assistant",
    "director",
    "ambassador",
    "envoy",
    "representative",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
];

/// Lower-cases and folds the typographic apostrophes and dashes of news copy.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The alphabetic words of a text, lower-cased, possessives dropped.
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a folded word is a function or reporting word.
pub fn is_stop(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// `STOP` as a set: asked of every word of every article a filing compares and of every
/// claim's words, where a scan of the list compared up to 250 strings each time.
static STOP_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

/// The stem of a folded word.
pub fn stem(w: &str) -> String {
    STEMMER.stem(w).into_owned()
}

/// The stemmed content words of a text: no function words, no reporting words, no numbers.
pub fn content_stems(s: &str) -> Vec<String> {
    words(s)
        .into_iter()
        .filter(|w| w.chars().any(char::is_alphabetic) && w.chars().count() > 1 && !is_stop(w))
        .map(|w| stem(&w))
        .collect()
}

/// The tokens that identify a party in an actor's name and aliases. Each word is cut to its
/// first five letters so that a country and its demonym meet ("Israel", "Israeli";
/// "Lebanon", "Lebanese"), and role words are left out unless nothing else is left, so "Varnian
/// officials" and "Israeli officials" differ while "police" still matches "police".
pub fn party_tokens<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut roles = BTreeSet::new();
    let mut names_seen = Vec::new();
    for name in names {
        names_seen.push(name.to_owned());
        // A name of several capitalised words also goes by its initials, as its acronym does:
        // "United States" meets "US", "Israel Defense Forces" meets "IDF".
        let capitals: String = name
            .split_whitespace()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        if capitals.chars().count() >= 2
            && name.split_whitespace().count() == capitals.chars().count()
        {
            out.insert(capitals.to_lowercase());
        }
        for w in words(name) {
            if w.chars().all(char::is_numeric) {
                continue;
            }
            // A cause is named in many words: "a bomb", "an attack", "sabotage" all say the
            // blast was done on purpose; "an accident", "negligence" that it was not.
            if let Some(class) = CAUSE_CLASSES
                .iter()
                .find(|(_, ws)| ws.contains(&w.as_str()))
                .map(|(c, _)| *c)
            {
                out.insert(class.to_owned());
            }
            let cut = party_cut(&w);
            // A weapon is what a party fired, not the party: "a Varnian rocket" and "a Northern
            // Front rocket" name two parties, and share only their weapon.
            if ROLES.contains(&w.as_str()) || WEAPONS.contains(&w.as_str()) || is_stop(&w) {
                roles.insert(cut);
            } else {
                out.insert(cut);
            }
        }
    }
    if out.is_empty() {
        out = roles;
    }
    for name in names_seen {
        out.extend(countries_named(&name));
        out.extend(groups_named(&name));
    }
    out
}

/// The one name of an armed group that goes by several ("ISIS", "Daesh", "IS-K" and "Islamic
/// State" are one group).
fn groups_named(name: &str) -> Vec<String> {
    let ws = words(name);
    let islamic_state = ws.windows(2).any(|p| p == ["islamic", "state"])
        || name.split_whitespace().any(|w| w.starts_with("IS-"));
    ws.iter()
        .filter_map(|w| lexicon::party_synonym(w))
        .chain(islamic_state.then_some("islamic state"))
        .map(str::to_owned)
        .collect()
}

/// The countries a party's name names: a demonym or a country's name in it ("Israeli
/// military", "US officials"), or the seat of government it is alone ("the Kremlin",
/// "Kyiv"; "Kyiv police" is a city's police, not Ukraine speaking).
fn countries_named(name: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(country_word)
        .collect();
    let content: Vec<String> = words(name).into_iter().filter(|w| !is_stop(w)).collect();
    if let [only] = content.as_slice()
        && name
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && let Some(country) = lexicon::country_seated_at(only)
    {
        out.insert(country.to_lowercase());
    }
    out
}

/// The country a word names, lower-cased: a demonym ("Israeli"), a country's one-word name
/// ("Lebanon") or its usual capitalised short form ("US", "U.K."); capitalised, so that "us"
/// the pronoun is none.
fn country_word(raw: &str) -> Option<String> {
    let w: String = raw
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match w.as_str() {
        "US" | "USA" => return Some("united states".to_owned()),
        "UK" => return Some("united kingdom".to_owned()),
        _ => {}
    }
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    lexicon::country_named(&w.to_lowercase()).map(str::to_lowercase)
}

/// The countries a teller speaks for: those its names name ("Israeli military", "US
/// officials"), or, for a teller named without one, those of the title its sentence gives it
/// ("the Danish Interior Minister Anna Lind said"; "Anna Lind, the Danish minister"). Empty
/// when neither says.
pub fn side_of<'a>(names: impl IntoIterator<Item = &'a str>, sentence: &str) -> BTreeSet<String> {
    let names: Vec<&str> = names.into_iter().filter(|n| !n.trim().is_empty()).collect();
    let out: BTreeSet<String> = names.iter().flat_map(|n| countries_named(n)).collect();
    if !out.is_empty() {
        return out;
    }
    countries_named(&affiliation(names, sentence).join(" "))
}

/// The party tokens of what a teller named by its own name speaks for, as its sentence says
/// (`affiliation`): "Northern Front chief Nils Berg" speaks for the Northern Front, "Nils Berg, a
/// spokesperson for Ostra" for Ostra. Empty when the sentence gives no party.
pub fn affiliation_tokens<'a>(
    names: impl IntoIterator<Item = &'a str>,
    sentence: &str,
) -> BTreeSet<String> {
    let words_of = affiliation(names, sentence);
    if words_of
        .iter()
        .flat_map(|w| words(w))
        .all(|w| ROLES.contains(&w.as_str()) || is_stop(&w))
    {
        return BTreeSet::new();
    }
    party_tokens([words_of.join(" ").as_str()])
}

/// The party tokens of what a teller speaks for as its article titles it anywhere: the first
/// mention of any of its names that carries a title naming a party ("Ostra Police chief
/// constable Nils Berg" earlier gives "Berg said" later its force, when no other Berg is named).
/// Empty when no mention does. Linear in the text: at most `MAX_MENTIONS` mentions of each name
/// are read.
pub fn affiliations_in<'a>(
    names: impl IntoIterator<Item = &'a str>,
    text: &str,
) -> BTreeSet<String> {
    const MAX_MENTIONS: usize = 32;
    let names: Vec<&str> = names
        .into_iter()
        .map(str::trim)
        .filter(|n| n.chars().count() >= 3)
        .collect();
    let own: BTreeSet<String> = names.iter().flat_map(|n| words(n)).collect();
    // The capitalised word right before a mention, when it is no title: the mention is then
    // part of a longer name ("Berg" inside "Nils Berg"; "Chief Berg" is a title).
    let given_name = |at: usize| -> Option<&str> {
        let before = text[..at].strip_suffix(' ')?;
        let w = before.split_whitespace().next_back()?;
        (before.ends_with(w)
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
            && !is_role_noun(&fold(w)))
        .then_some(w)
    };
    for name in &names {
        // Each mention, with the given name before it when it is part of a longer name.
        let mentions: Vec<(usize, Option<&str>)> = text
            .match_indices(name)
            .take(MAX_MENTIONS)
            .map(|(at, _)| (at, given_name(at)))
            .collect();
        // A short name the article gives one full name only ("Nils Berg", later "Berg said") is
        // that person, titled where the full name is; a short name shared by several ("Nils
        // Berg", his son "Jon Berg", then "Berg") is no one's in particular.
        let full: BTreeSet<&str> = mentions.iter().filter_map(|&(_, g)| g).collect();
        for &(at, given) in &mentions {
            let (at, len) = match given {
                Some(g) if full.len() == 1 => (at - g.len() - 1, name.len() + g.len() + 1),
                Some(_) => continue,
                None => (at, name.len()),
            };
            let title: Vec<&str> = title_at(text, at, len)
                .into_iter()
                .filter(|w| words(w).iter().all(|x| !own.contains(x)))
                .collect();
            if title
                .iter()
                .flat_map(|w| words(w))
                .any(|w| !ROLES.contains(&w.as_str()) && !is_stop(&w))
            {
                return party_tokens([title.join(" ").as_str()]);
            }
        }
    }
    BTreeSet::new()
}

/// The words that name one person by a role or a kinship, which an article pairs with the
/// person's name somewhere ("his father, Jon Lind"; "the bomber, Nils Berg").
const PERSON_ROLES: &[&str] = &[
    "father",
    "mother",
    "son",
    "daughter",
    "brother",
    "sister",
    "wife",
    "husband",
    "uncle",
    "cousin",
    "bomber",
    "attacker",
    "gunman",
    "assailant",
    "suspect",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// The titles of office a teller is named by when the report leaves out the name ("the
/// Defense Secretary says"), always with the words that say which office ("Defense", "foreign").
const TITLES: &[&str] = &[
    "secretary",
    "minister",
    "president",
    "premier",
    "chancellor",
    "governor",
    "mayor",
    "commissioner",
    "ambassador",
    "chief",
    "director",
];

/// The person an article names in the role a party is named by ("the father", "his son", "the
/// Defense Secretary"): the first place where the article puts a name right after the role
/// ("his father, Anna Lind", "brother Nils", "Foreign Minister Nils Berg") or the role right
/// after a name ("Anna Lind, the father of …"). A role is one person role, or a title of office
/// with the one or two words that say which office (a bare "president" may be any of several).
/// `None` when the party's name is neither or the article never names it. Linear in the article.
pub fn person_in_role(party: &str, body: &str) -> Option<String> {
    const MAX_NAME_WORDS: usize = 3;
    let role: Vec<String> = words(party).into_iter().filter(|w| !is_stop(w)).collect();
    let last = role.last()?.as_str();
    let known = match role.len() {
        1 => PERSON_ROLES.contains(&last),
        2 | 3 => TITLES.contains(&last),
        _ => false,
    };
    if !known {
        return None;
    }
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let capitalised = |w: &str| {
        let b = bare(w);
        b.chars().next().is_some_and(char::is_uppercase) && !is_stop(&fold(b))
    };
    let toks: Vec<&str> = body.split_whitespace().collect();
    let n = role.len();
    // A person role is written lower-case where it names a person ("his father"); a title of
    // office is capitalised before a name ("Foreign Minister Nils Berg").
    let is_role_at = |i: usize| {
        (0..n).all(|k| {
            let b = bare(toks[i + k]);
            if n == 1 {
                b == role[k]
            } else {
                fold(b) == role[k]
            }
        })
    };
    for i in 0..(toks.len() + 1).saturating_sub(n) {
        if !is_role_at(i) {
            continue;
        }
        let t = toks[i + n - 1];
        // "his father, Anna Lind" / "brother Nils Berg": the name that follows.
        let mut name = Vec::new();
        for w in toks[i + n..].iter().take(MAX_NAME_WORDS) {
            if !capitalised(w) {
                break;
            }
            name.push(bare(w));
            if w.ends_with([',', '.', ';', ':']) {
                break;
            }
        }
        if !name.is_empty() && !t.ends_with('.') {
            return Some(name.join(" "));
        }
        // "Anna Lind, the father of …": the name before ", the".
        if i >= 2
            && matches!(toks[i - 1], "the" | "his" | "her" | "a")
            && toks[i - 2].ends_with(',')
        {
            let mut name: Vec<&str> = toks[..i - 1]
                .iter()
                .rev()
                .take(MAX_NAME_WORDS)
                .take_while(|w| capitalised(w))
                .map(|w| bare(w))
                .collect();
            name.reverse();
            if !name.is_empty() {
                return Some(name.join(" "));
            }
        }
    }
    None
}

/// Whether a folded word names a role ("spokesman", "minister"), not a function word.
fn is_role_noun(w: &str) -> bool {
    ROLES.contains(&w) && !is_stop(w)
}

/// The capitalised words of the title a sentence gives a teller: the run of capitalised and
/// role words just before its name ("Danish military spokesman Nils Berg"), else the
/// apposition just after it when that names a role ("Nils Berg, a spokesperson for the
/// Northern Front"). Only the capitalised words are kept: they name the party, the rest is the role.
fn affiliation<'s, 'a>(
    names: impl IntoIterator<Item = &'a str>,
    sentence: &'s str,
) -> Vec<&'s str> {
    for name in names {
        let name = name.trim();
        let Some(at) = (!name.is_empty()).then(|| sentence.find(name)).flatten() else {
            continue;
        };
        let title = title_at(sentence, at, name.len());
        if !title.is_empty() {
            return title;
        }
    }
    Vec::new()
}

/// The countries a text's titles give a party wherever it is named in it: "the Varnian
/// militant group Northern Front" gives the Northern Front a side for the whole article, also
/// where a sentence names it bare. Linear in the text: at most `MAX_MENTIONS` mentions are read.
pub fn sides_in(name: &str, text: &str) -> BTreeSet<String> {
    const MAX_MENTIONS: usize = 32;
    let name = name.trim();
    let mut out = countries_named(name);
    if name.chars().count() < 3 {
        return out;
    }
    for (at, _) in text.match_indices(name).take(MAX_MENTIONS) {
        out.extend(countries_named(&title_at(text, at, name.len()).join(" ")));
    }
    out
}

/// Whether a party is named only by its country: "Denmark", "a Danish rocket" (its
/// capitalised words all name countries), so that any party of that country may be meant.
pub fn names_only_a_country(name: &str) -> bool {
    let capitalised: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    !capitalised.is_empty() && capitalised.iter().all(|w| !countries_named(w).is_empty())
}

/// Whether a party is named only as others, unnamed: "a wider network", "a group of
/// individuals", "accomplices". Such a party may be any culprit named elsewhere (the network
/// may be the group that claimed the attack), so an account blaming it is no rival of one
/// naming a culprit. A capitalised word names someone ("the Northern Front network").
pub fn names_no_one_in_particular(name: &str) -> bool {
    let ws: Vec<&str> = name.split_whitespace().collect();
    !ws.is_empty()
        && ws
            .iter()
            .all(|w| !w.chars().next().is_some_and(char::is_uppercase))
        && ws
            .iter()
            .any(|w| UNNAMED_PARTIES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// How many a claim says did the act: one, acting alone, or several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perpetrators {
    /// "carried out by one man", "believed he acted alone", "a lone attacker".
    One,
    /// "a wider terrorist network", "a cell", "accomplices", "he was not acting alone".
    Several,
}

/// How many did the act, as `quote` tells it, if it tells: the first such phrase decides, and
/// acting "alone" or "on his own" negated just before it is acting with others. What is asked
/// ("investigating whether he acted alone or as part of a network") tells neither.
pub fn perpetrators(quote: &str) -> Option<Perpetrators> {
    let ws = words(quote);
    let w = |i: usize| ws.get(i).map_or("", String::as_str);
    if ws.iter().any(|x| x == "whether") {
        return None;
    }
    let negated = |i: usize| {
        ws[i.saturating_sub(6)..i]
            .iter()
            .any(|x| matches!(x.as_str(), "not" | "never") || x.ends_with("n't"))
    };
    for i in 0..ws.len() {
        let alone = (w(i) == "alone" && i > 0 && ACTING.contains(&w(i - 1)))
            || (w(i) == "own" && i >= 2 && w(i - 2) == "on" && matches!(w(i - 1), "his" | "her"));
        if alone {
            return Some(if negated(i) {
                Perpetrators::Several
            } else {
                Perpetrators::One
            });
        }
        if (w(i) == "lone" && LONE_ACTORS.contains(&w(i + 1)))
            || (w(i) == "man" && i >= 2 && w(i - 1) == "one" && w(i - 2) == "by")
        {
            return Some(Perpetrators::One);
        }
        let others = (matches!(
            w(i),
            "network" | "networks" | "squad" | "squads" | "accomplice" | "accomplices"
        ) && !(i > 0 && NOT_PERPETRATORS.contains(&w(i - 1))))
            || (matches!(w(i), "cell" | "cells") && i > 0 && TERROR_WORDS.contains(&w(i - 1)))
            || (w(i) == "group" && i > 0 && matches!(w(i - 1), "wider" | "larger" | "broader"));
        if others {
            // "No evidence of a wider network", "have not ruled out a network": neither.
            if negated(i) || ws[i.saturating_sub(6)..i].iter().any(|x| x == "no") {
                return None;
            }
            return Some(Perpetrators::Several);
        }
    }
    None
}

/// Whether a sentence counts those still held after some were let go ("eight men are in
/// custody now after a man and a woman were released"): a count net of the releases, not the
/// arrests' running total. A total beside a release ("five arrested, two since released") is
/// no such count: the sentence must speak of who is held now.
pub fn held_after_releases(sentence: &str) -> bool {
    let ws = words(sentence);
    let w = |i: usize| ws.get(i).map_or("", String::as_str);
    // People let go: "were released", "since freed", "released without charge", "freed on bail".
    let let_go = (0..ws.len()).any(|i| {
        matches!(w(i), "released" | "freed" | "bailed")
            && ((i > 0 && matches!(w(i - 1), "was" | "were" | "been" | "be" | "later" | "since"))
                || matches!(w(i + 1), "without" | "on"))
    });
    // Held now: "are in custody", "remain in custody", "are still being held".
    let held_now = (0..ws.len()).any(|i| {
        let now = |from: usize| {
            ws[from..i]
                .iter()
                .any(|x| matches!(x.as_str(), "are" | "remain" | "remains" | "still" | "now"))
        };
        (w(i) == "custody" && i > 0 && w(i - 1) == "in" && now(i.saturating_sub(4)))
            || (matches!(w(i), "held" | "detained") && now(i.saturating_sub(3)))
    });
    let_go && held_now
}

/// What a claim tells of who did the act: that he is known, or his name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// "police know the identity of the bomber", "the attacker's identity is known".
    Known,
    /// "named as the suspected bomber", "the gunman's identity has been confirmed".
    Named,
}

/// What `quote` tells of the identity of the one who did the act (a bomber, a gunman, a
/// suspect…), if it does: named ("named Tuesday as the suspected bomber", "identified as", "his
/// identity was confirmed"), or only known ("police know the identity of the attacker").
pub fn identity(quote: &str) -> Option<Identity> {
    let ws = words(quote);
    if !ws.iter().any(|w| PERPETRATOR_NOUNS.contains(&w.as_str())) {
        return None;
    }
    let within = |i: usize, n: usize, want: &[&str]| {
        ws[i + 1..(i + 1 + n).min(ws.len())]
            .iter()
            .any(|w| want.contains(&w.as_str()))
    };
    let named = ws.iter().enumerate().any(|(i, w)| {
        (matches!(w.as_str(), "named" | "identified") && within(i, 4, &["as"]))
            || (matches!(w.as_str(), "identity" | "identities")
                && within(i, 5, &["confirmed", "revealed", "released", "disclosed"]))
    });
    if named {
        return Some(Identity::Named);
    }
    let known = ws.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "identity" | "identities")
            && (within(i, 4, &["known", "established"])
                || ws[i.saturating_sub(3)..i]
                    .iter()
                    .any(|x| matches!(x.as_str(), "know" | "knows" | "established" | "establish")))
    });
    known.then_some(Identity::Known)
}

/// Whether `quote` says its teller cannot yet tell what happened: a verb of knowing or telling
/// negated ("we don't know yet whether it was a strike", "he could not confirm it at once",
/// "we are unable to say"), or it being unclear or too early to say. Refusing ("would not
/// say") and reporting what was not said ("did not say") are no uncertainty.
pub fn undecided(quote: &str) -> bool {
    let ws = words(quote);
    let w = |i: usize| ws.get(i).map_or("", String::as_str);
    ws.iter().enumerate().any(|(i, x)| {
        let negation = matches!(x.as_str(), "not" | "cannot" | "unable") || x.ends_with("n't");
        let before = w(i.wrapping_sub(1));
        let refusal = matches!(x.as_str(), "wouldn't" | "won't")
            || x == "not" && matches!(before, "would" | "will");
        let past = matches!(x.as_str(), "didn't" | "doesn't")
            || x == "not" && matches!(before, "did" | "does");
        let verb = (i + 1..(i + 4).min(ws.len()))
            .find_map(|j| UNDECIDED_VERBS.contains(&w(j)).then_some(w(j)));
        let reported = past && matches!(verb, Some("say" | "tell"));
        (negation && !refusal && !reported && verb.is_some())
            || (x == "unclear" && matches!(w(i + 1), "whether" | "if" | "who" | "what" | "how"))
            || (x == "too" && w(i + 1) == "early" && w(i + 2) == "to")
    })
}

/// Verbs of knowing or telling that a teller who cannot yet tell negates (`undecided`).
const UNDECIDED_VERBS: &[&str] = &[
    "know",
    "say",
    "confirm",
    "determine",
    "tell",
    "establish",
    "verify",
    "rule",
    "conclude",
];

/// Who did the act, as reports call him before his name is known (`identity`).
const PERPETRATOR_NOUNS: &[&str] = &[
    "bomber",
    "attacker",
    "gunman",
    "assailant",
    "suspect",
    "perpetrator",
    "killer",
    "shooter",
];

/// Verbs of doing the act, before "alone" (`perpetrators`).
const ACTING: &[&str] = &[
    "act",
    "acts",
    "acted",
    "acting",
    "work",
    "worked",
    "working",
    "operate",
    "operated",
    "operating",
];

/// What "lone" describes when it is the one who did it (`perpetrators`).
const LONE_ACTORS: &[&str] = &[
    "wolf",
    "attacker",
    "gunman",
    "bomber",
    "assailant",
    "actor",
    "terrorist",
];

/// What makes a network or a squad no band of perpetrators: one of things ("the rail
/// network"), or of those who answer the act ("the bomb squad").
const NOT_PERPETRATORS: &[&str] = &[
    "bomb",
    "rescue",
    "fire",
    "police",
    "swat",
    "search",
    "medical",
    "emergency",
    "rail",
    "road",
    "phone",
    "mobile",
    "power",
    "electricity",
    "water",
    "transport",
    "communication",
    "communications",
    "social",
    "tv",
    "television",
    "news",
    "media",
    "computer",
    "hospital",
    "health",
];

/// What makes a cell one of people who plot (`perpetrators`).
const TERROR_WORDS: &[&str] = &[
    "terror",
    "terrorist",
    "jihadist",
    "militant",
    "extremist",
    "sleeper",
    "islamist",
];

/// Nouns that tell of others without naming them (`names_no_one_in_particular`).
const UNNAMED_PARTIES: &[&str] = &[
    "network",
    "networks",
    "cell",
    "cells",
    "accomplice",
    "accomplices",
    "associates",
    "individuals",
    "others",
    "group",
    "groups",
];

/// The title around the name at `at..at + len` of `text` (see `affiliation`).
fn title_at(text: &str, at: usize, len: usize) -> Vec<&str> {
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
    }
    const MAX_WORDS: usize = 8;
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);

    let mut title: Vec<&str> = Vec::new();
    for (i, raw) in text[..at]
        .split_whitespace()
        .rev()
        .take(MAX_WORDS)
        .enumerate()
    {
        // A clause ends the title: "... Gaza," said Anna Lind; but a role set off by a comma
        // just before the name is its title: "the Danish group, Northern Front".
        let set_off_role = i == 0 && raw.ends_with(',') && is_role_noun(&fold(bare(raw)));
        if raw.ends_with([',', '.', ';', ':', '"', '\u{201d}']) && !set_off_role {
            break;
        }
        let w = bare(raw);
        if capitalised(w) {
            title.push(w);
        } else if !is_role_noun(&fold(w)) {
            break;
        }
    }
    if !title.is_empty() {
        return title;
    }
    let after = text[at + len..].trim_start();
    if let Some(rest) = after.strip_prefix(',') {
        let apposition = rest
            .split([',', '.', ';', ':', '(', '\n'])
            .next()
            .unwrap_or("");
        let ws: Vec<&str> = apposition.split_whitespace().take(MAX_WORDS + 1).collect();
        if ws.len() <= MAX_WORDS && ws.iter().any(|w| is_role_noun(&fold(bare(w)))) {
            return ws
                .into_iter()
                .map(bare)
                .filter(|w| capitalised(w))
                .collect();
        }
    }
    Vec::new()
}

/// Words that may stand between a mass and what it is of ("900 metric tons of ...").
const MASS_WORDS: &[&str] = &[
    "of",
    "metric",
    "tons",
    "tonnes",
    "ton",
    "tonne",
    "kg",
    "kilos",
    "kilograms",
    "kilogrammes",
    "kilogram",
    "kilogramme",
    "pounds",
    "lbs",
    "the",
    "highly",
    "some",
];

/// What a mass is of: the first content words after its figure, up to three and within its
/// clause ("900 tonnes of sodium chlorate, seized in 2029" → sodium, chlorate). Two masses
/// sharing one are of the same stuff.
pub fn substance(sentence: &str, figure_text: &str) -> BTreeSet<String> {
    let folded = fold(sentence);
    let f = fold(figure_text);
    let Some(at) = folded.find(&f).filter(|_| !f.is_empty()) else {
        return BTreeSet::new();
    };
    let rest = &folded[at + f.len()..];
    let clause = &rest[..rest
        .find([',', ';', '.', '(', ')', '"'])
        .unwrap_or(rest.len())];
    words(clause)
        .into_iter()
        .filter(|w| {
            !MASS_WORDS.contains(&w.as_str()) && !is_stop(w) && w.chars().all(char::is_alphabetic)
        })
        .take(3)
        .map(|w| stem(&w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teller_who_cannot_yet_tell_is_undecided() {
        for yes in [
            "We don't know yet whether an Ostran missile was involved, the spokesman said.",
            "He added that he couldn't confirm at once that an Ostran drone was involved.",
            "Officials said they were unable to determine what caused the blast.",
            "It is unclear whether the depot was the target.",
            "It is too early to say who was behind the fire.",
            "\u{201c}We cannot yet say what happened,\u{201d} she said.",
            "The minister said she didn't know who had stored the chemicals.",
        ] {
            assert!(undecided(yes), "{yes}");
        }
        for no in [
            "The spokesman would not say whether the army fired.",
            "He did not say how many were held.",
            "The army said it did not strike the hospital.",
            "Police confirmed the blast was an attack.",
            "He said he knew nothing of the plan.",
        ] {
            assert!(!undecided(no), "{no}");
        }
    }

    #[test]
    fn a_mass_is_read_with_what_it_is_of() {
        let of = |s: &str, f: &str| substance(s, f);
        let stems = |ws: &[&str]| ws.iter().map(|w| stem(w)).collect::<BTreeSet<_>>();
        assert_eq!(
            of(
                "Some 1,200 metric tons of sodium chlorate, seized in 2029, had been kept there.",
                "1,200 metric tons"
            ),
            stems(&["sodium", "chlorate"])
        );
        assert_eq!(
            of(
                "The depot held 900 tonnes of highly explosive sodium chlorate for years.",
                "900 tonnes"
            ),
            stems(&["explosive", "sodium", "chlorate"])
        );
        assert!(of("It weighed 40 kg.", "40 kg").is_empty());
        assert!(of("They seized 40 kg of it.", "nothing").is_empty());
    }

    #[test]
    fn a_count_of_those_still_held_after_releases_is_net_of_them() {
        assert!(held_after_releases(
            "Six men are in custody now after a woman was released without charge."
        ));
        assert!(held_after_releases(
            "Four people remain in custody; two others were freed on Sunday."
        ));
        assert!(!held_after_releases("Nine people are now in custody."));
        assert!(!held_after_releases(
            "Police, who held a news conference and released the victims' names, say five people are in custody."
        ));
        assert!(!held_after_releases(
            "Police have arrested five people, two of whom were later released."
        ));
    }

    #[test]
    fn tells_whether_who_did_it_is_known_or_named() {
        use Identity::{Known, Named};
        for (quote, want) in [
            (
                "Police know the identity of the bomber but will not name him.",
                Some(Known),
            ),
            ("Minister says identity of attacker known", Some(Known)),
            (
                "Nils Berg, named on Tuesday as the suspected bomber, was 22.",
                Some(Named),
            ),
            (
                "The gunman's identity has been confirmed by police.",
                Some(Named),
            ),
            (
                "Police identified the attacker as a 22-year-old local man.",
                Some(Named),
            ),
            ("The first victim has been named as Ola Nordmann.", None),
            ("The identity of the victims is not yet known.", None),
        ] {
            assert_eq!(identity(quote), want, "{quote}");
        }
    }

    #[test]
    fn tells_whether_one_or_several_did_it_unless_it_is_asked() {
        use Perpetrators::{One, Several};
        for (quote, want) in [
            (
                "Police believe the attack was carried out by one man.",
                Some(One),
            ),
            ("The minister said he acted alone.", Some(One)),
            ("Investigators called him a lone wolf.", Some(One)),
            ("Officials said he did not act alone.", Some(Several)),
            ("It seems he wasn't doing this on his own.", Some(Several)),
            (
                "He was part of a wider terrorist network, police said.",
                Some(Several),
            ),
            (
                "The group said a squad of its fighters planted the bomb.",
                Some(Several),
            ),
            ("A terror cell is being hunted.", Some(Several)),
            (
                "Police are establishing whether he acted alone or with a network.",
                None,
            ),
            ("The rail network was shut and phone networks failed.", None),
            ("The bomb squad was called to the station.", None),
            ("Police found no evidence of a wider network.", None),
            ("Police have not ruled out a wider network.", None),
            ("In the capital alone, 300 homes were damaged.", None),
            ("One man was injured.", None),
        ] {
            assert_eq!(perpetrators(quote), want, "{quote}");
        }
    }

    #[test]
    fn the_day_a_claim_tells_is_not_the_day_of_what_it_names() {
        let days = |q: &str| weekdays(q).into_iter().collect::<Vec<_>>();
        assert_eq!(
            days("Police arrested a man on Friday over Monday night's bombing"),
            vec!["friday"]
        );
        assert_eq!(
            days("A man was held on Tuesday after Monday's attack"),
            vec!["tuesday"]
        );
        assert_eq!(
            days("Arrests on Sunday and Monday"),
            vec!["monday", "sunday"]
        );
        assert!(days("Officers met on Wed to plan the march").is_empty());
    }

    #[test]
    fn a_threat_level_is_the_step_it_is_at_or_raised_to() {
        assert_eq!(level("The threat level remains at severe."), Some("severe"));
        assert_eq!(
            level("The alert level was raised from substantial to critical on Tuesday."),
            Some("critical")
        );
        assert_eq!(
            level("The terror threat level is now up to its highest level of \"critical\"."),
            Some("critical")
        );
        // No level named, or a step that is no threat level's.
        assert_eq!(level("A further attack may be imminent."), None);
        assert_eq!(level("Water levels stayed high all week."), None);
        assert!(speaks_of_level(
            "The threat level indicates an attack is highly likely."
        ));
        assert!(!speaks_of_level("Water levels stayed high all week."));
    }

    #[test]
    fn content_stems_drop_function_and_reporting_words() {
        assert_eq!(
            content_stems("Police said the bombers were arrested on Tuesday"),
            vec!["polic", "bomber", "arrest"]
        );
        // Units of time are relative time, as days and years are.
        assert_eq!(
            content_stems("He visited Varnia a month ago, for two hours"),
            vec!["visit", "varnia"]
        );
    }

    #[test]
    fn a_country_and_its_demonym_are_one_party_but_roles_are_not() {
        let a = party_tokens(["Israeli officials"]);
        let b = party_tokens(["Israel"]);
        let c = party_tokens(["Varnian officials"]);
        assert!(!a.is_disjoint(&b));
        assert!(a.is_disjoint(&c));
        assert_eq!(party_tokens(["the police"]), party_tokens(["Police"]));
    }

    #[test]
    fn a_weapon_is_not_the_party_that_fired_it() {
        // Two parties' rockets share only the weapon.
        let front = party_tokens(["Northern Front rocket"]);
        assert!(front.is_disjoint(&party_tokens(["a Danish rocket"])));
        assert!(!front.is_disjoint(&party_tokens(["the Northern Front"])));
        // A weapon named alone is still what is blamed.
        let rocket = party_tokens(["the rocket"]);
        assert!(!rocket.is_empty());
        assert!(!rocket.is_disjoint(&party_tokens(["rockets"])));
    }

    #[test]
    fn a_cause_meets_its_other_names_but_not_the_rival_cause() {
        let bomb = party_tokens(["a car bomb"]);
        assert!(!bomb.is_disjoint(&party_tokens(["an attack"])));
        assert!(!party_tokens(["an accident"]).is_disjoint(&party_tokens(["negligence"])));
        assert!(bomb.is_disjoint(&party_tokens(["an accident"])));
    }

    #[test]
    fn a_name_meets_its_acronym() {
        assert!(!party_tokens(["United States"]).is_disjoint(&party_tokens(["US"])));
        assert!(!party_tokens(["Human Rights Watch"]).is_disjoint(&party_tokens(["HRW"])));
        assert!(party_tokens(["United States"]).is_disjoint(&party_tokens(["UN"])));
    }

    /// Whether two parties' names share a token.
    fn meet(a: &str, b: &str) -> bool {
        !party_tokens([a]).is_disjoint(&party_tokens([b]))
    }

    #[test]
    fn a_country_meets_its_other_names_and_its_seat_of_government() {
        assert!(meet("American officials", "US"));
        assert!(meet("Moscow", "Russian officials"));
        assert!(meet("the Kremlin", "Russia"));
        assert!(meet("Kyiv", "Ukraine"));
        assert!(!meet("Kyiv", "Russia"));
        // A city's own services are not its country's government.
        assert!(!meet("Kyiv port", "Ukrainian army"));
        assert!(!meet("Moscow police", "Russia"));
    }

    #[test]
    fn an_armed_group_meets_its_other_names() {
        assert!(meet("ISIS", "Islamic State group"));
        assert!(meet("Daesh", "ISIL"));
        assert!(meet("IS-K", "Islamic State Khorasan"));
        assert!(meet("al-Qaida", "al-Qaeda"));
        assert!(!meet("ISIS", "Hezbollah"));
    }

    #[test]
    fn a_tellers_country_is_read_from_its_name_or_the_title_before_it() {
        let side = |names: &[&str], sentence: &str| {
            side_of(names.iter().copied(), sentence)
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(side(&["Varnian officials"], ""), Vec::<String>::new());
        assert_eq!(side(&["Danish officials"], ""), vec!["denmark"]);
        assert_eq!(side(&["US officials"], ""), vec!["united states"]);
        assert_eq!(side(&["the Kremlin"], ""), vec!["russia"]);
        assert_eq!(
            side(
                &["Anna Lind"],
                "Danish Foreign Minister Anna Lind said the port was hit."
            ),
            vec!["denmark"]
        );
        // Only the title's own words: a country earlier in the sentence is not the teller's.
        assert!(
            side(
                &["Anna Lind"],
                "After Denmark protested, the minister Anna Lind said so."
            )
            .is_empty()
        );
        assert_eq!(
            side(&["Anna Lind"], "Anna Lind, the Danish minister, said so."),
            vec!["denmark"]
        );
        // "us" the pronoun is no country.
        assert!(side(&["the group"], "It told us the group did it").is_empty());
    }

    #[test]
    fn a_teller_speaks_for_the_party_its_title_names() {
        let of = |name: &str, sentence: &str| affiliation_tokens([name], sentence);
        let brigade = party_tokens(["Ostra Brigade"]);
        assert!(!of("Nils Berg", "Ostra Brigade chief Nils Berg said so.").is_disjoint(&brigade));
        assert!(
            !of(
                "Nils Berg",
                "\u{201c}It was a crime,\u{201d} said Nils Berg, a spokesperson for Ostra Brigade."
            )
            .is_disjoint(&brigade)
        );
        // A role alone names no party; nor does an apposition that is no title.
        assert!(of("Nils Berg", "The spokesman Nils Berg said so.").is_empty());
        assert!(
            of(
                "Nils Berg",
                "Ostra Brigade fired, said Nils Berg, who saw it."
            )
            .is_empty()
        );
        assert!(
            of(
                "Nils Berg",
                "Ostra fired, said Nils Berg, according to the Times of Ostra."
            )
            .is_empty()
        );
        // The clause before the name is not its title.
        assert!(of("Nils Berg", "Ostra Brigade did it, said Nils Berg.").is_empty());
    }

    #[test]
    fn a_teller_speaks_for_the_party_its_article_titles_it_with() {
        let text = "Ostra Police chief constable Nils Berg spoke first. \
                    Later Berg said the roads were shut.";
        let force = party_tokens(["Ostra Police"]);
        assert!(!affiliations_in(["Nils Berg", "Berg"], text).is_disjoint(&force));
        // Asked by the short name alone, the full name before it is no title.
        assert!(affiliations_in(["Berg"], "Nils Berg spoke. Berg said so.").is_empty());
        // A short name the article gives one full name is titled where the full name is; one
        // it gives two full names (father and son) is titled by neither.
        let front = party_tokens(["Northern Front"]);
        let one = "Northern Front leader Nils Berg spoke on Friday. Berg said so.";
        assert!(!affiliations_in(["Berg"], one).is_disjoint(&front));
        let two = "Northern Front leader Nils Berg spoke. His son Jon Berg fled. Berg said so.";
        assert!(affiliations_in(["Berg"], two).is_empty());
        // A role alone names no party.
        assert!(affiliations_in(["Nils Berg"], "The spokesman Nils Berg said so.").is_empty());
        // A title in capitals is a title too.
        let capitalised = "Ostra Police Chief Nils Berg spoke. Berg said so.";
        assert!(!affiliations_in(["Nils Berg", "Berg"], capitalised).is_disjoint(&force));
        // The first titled mention counts, wherever it is.
        let later = "Berg said so. He is Varnia Police commander Nils Berg.";
        assert!(
            !affiliations_in(["Nils Berg", "Berg"], later)
                .is_disjoint(&party_tokens(["Varnia Police"]))
        );
    }

    #[test]
    fn membership_is_ties_where_it_is_said_of_someone_not_where_a_member_acts() {
        for ties in [
            "Lind was not a member of the Northern Front, his father said.",
            "Both brothers were members of the Northern Front.",
            "He had become a known member of the group.",
            "Lind does not belong to any organisation.",
            "He did not share their ideology.",
        ] {
            assert!(speaks_of_ties(ties), "{ties}");
        }
        for act in [
            "The Northern Front said one of its members planted the bomb.",
            "Members of the cell are still at large, police said.",
            "The blast killed three members of the crew.",
        ] {
            assert!(!speaks_of_ties(act), "{act}");
        }
    }

    #[test]
    fn ties_are_to_the_party_named_after_the_word_of_ties() {
        let front = party_tokens(["Northern Front"]);
        assert!(ties_to(
            "He said both he and Lind belonged to the Northern Front.",
            &front
        ));
        assert!(ties_to("Lind was a member of the Northern Front", &front));
        // Members of something else, or the party named far from the word, are no ties to it.
        assert!(!ties_to(
            "Members of the army guard the dam the Northern Front attacked.",
            &front
        ));
        assert!(!ties_to("Lind belonged to a choir.", &front));
    }

    #[test]
    fn an_article_gives_a_party_the_side_its_titles_name() {
        let text = "The Danish militant group Northern Front denied it. Later the Northern Front \
                    said nothing.";
        assert_eq!(
            sides_in("Northern Front", text)
                .into_iter()
                .collect::<Vec<_>>(),
            vec!["denmark"]
        );
        assert!(sides_in("Ostra", text).is_empty());
        let set_off = "A rocket of the Danish group, Northern Front, hit it.";
        assert_eq!(sides_in("Northern Front", set_off).len(), 1);
        assert!(names_only_a_country("a Danish rocket"));
        assert!(names_only_a_country("Denmark"));
        assert!(!names_only_a_country("Northern Front"));
        assert!(!names_only_a_country("a rocket"));
    }

    #[test]
    fn a_party_named_by_a_role_is_the_person_its_article_names_in_it() {
        let body = "Nils Berg denied it. His father, Jon Lind, spoke. Ole Berg, the brother \
                    of the suspect, was held.";
        assert_eq!(
            person_in_role("the father", body).as_deref(),
            Some("Jon Lind")
        );
        assert_eq!(
            person_in_role("his brother", body).as_deref(),
            Some("Ole Berg")
        );
        assert_eq!(
            person_in_role("Father", "The father of the bomber spoke."),
            None
        );
        assert_eq!(person_in_role("officials", body), None);
        assert_eq!(person_in_role("Nils Berg", body), None);
        // A title of office, with the words that say which office.
        let titled = "Ostra's President Ole Berg spoke. Later, Foreign Minister Nils Berg said \
                      so. Jon Lind, the interior minister, agreed.";
        assert_eq!(
            person_in_role("the Foreign Minister", titled).as_deref(),
            Some("Nils Berg")
        );
        assert_eq!(
            person_in_role("interior minister", titled).as_deref(),
            Some("Jon Lind")
        );
        // A bare title may be any of several holders.
        assert_eq!(person_in_role("the President", titled), None);
        assert_eq!(person_in_role("Defense Minister", titled), None);
    }

    #[test]
    fn typographic_apostrophes_fold() {
        assert_eq!(words("Israel’s army"), vec!["israel", "army"]);
    }

    #[test]
    fn the_ages_of_the_people_a_claim_is_about_are_read_however_written() {
        let of = |q: &str| ages(q).into_iter().collect::<Vec<_>>();
        assert_eq!(of("Police arrested a 23-year-old man in Kessel."), vec![23]);
        assert_eq!(
            of("A man aged 41 and a 19 year old woman were held."),
            vec![19, 41]
        );
        assert_eq!(of("His son, Nils, 23, was arrested on Tuesday."), vec![23]);
        // Neither dates, counts nor measures are ages.
        assert!(of("On May 24, 2017, police said 23 people were held.").is_empty());
        assert!(
            of("Held on June 5, 12 hours after the blast, in Ostra, 1,500 metres away.").is_empty()
        );
        assert!(of("The 2,750-year-old claim and 1.23-year-old data.").is_empty());
        assert!(of("").is_empty());
    }

    #[test]
    fn a_denial_of_a_reported_figure_is_told_from_a_denial_of_the_act() {
        for figure in [
            "Ostra disputes this figure.",
            "Officials in Ostra rejected the ministry's death toll as inflated.",
            "The army questioned those numbers on Tuesday.",
            "Varnia denied the figures, calling them propaganda.",
        ] {
            assert!(disputes_a_tally(figure), "{figure}");
        }
        for act in [
            "Ostra denied striking the dam.",
            // A figure named elsewhere in the sentence is not what is denied.
            "Ostra denied any role in the strike, which raised the toll to 40.",
            "The figures show that Ostra denied the strike.",
            "",
        ] {
            assert!(!disputes_a_tally(act), "{act}");
        }
    }

    #[test]
    fn a_toll_told_by_its_order_of_magnitude_is_read_with_what_it_counts() {
        let of = |q: &str| vague_toll(q).map(|(m, c)| format!("{c} {m}"));
        assert_eq!(
            of("Officials say hundreds killed in a blast in Ostra").as_deref(),
            Some("killed hundreds")
        );
        assert_eq!(
            of("The blast in Kessel, which claimed the lives of dozens of people").as_deref(),
            Some("killed dozens")
        );
        assert_eq!(
            of("Tens of thousands were injured across Ostra").as_deref(),
            Some("injured tens of thousands")
        );
        // The nearest word of harm says what is counted; of two as near, the one after it.
        assert_eq!(
            of("Two died and hundreds were wounded in Varnia").as_deref(),
            Some("injured hundreds")
        );
        // A magnitude of something else, or no harm told, is no toll.
        assert_eq!(
            of("Hundreds of people were sheltering at the hospital"),
            None
        );
        assert_eq!(of("Tens were killed"), None);
        assert_eq!(of("22 people were killed"), None);
    }
}
