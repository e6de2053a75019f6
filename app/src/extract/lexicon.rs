//! The words the extractor reads news by. Lists, not patterns: each is a closed class of English
//! news writing (reporting verbs, hedges, qualifiers, casualty words, roles, demonyms).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the lexicon's keys are short words, for which SipHash's set-up costs more than the
/// lookup (measured: a third of extraction time). No untrusted input chooses the keys.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// Whether `word` is in `list`. A token's lower-cased form carries the lists it is in (one
/// lookup when it was made), so asking a `WordSet` about it is a bit test, not a hash.
#[inline]
pub fn any<W: Word + ?Sized>(word: &W, list: &(impl Words + ?Sized)) -> bool {
    list.has_word(word)
}

/// A word to look up: plain text, or a token's form that already knows its lists (`classes`).
pub trait Word {
    fn text(&self) -> &str;
    /// The bits (`WordSet::bit`) of the lists the word is in, when known.
    fn classes(&self) -> Option<u64> {
        None
    }
}

impl Word for str {
    fn text(&self) -> &str {
        self
    }
}

impl Word for String {
    fn text(&self) -> &str {
        self
    }
}

impl Word for std::borrow::Cow<'_, str> {
    fn text(&self) -> &str {
        self
    }
}

/// Something `any` can look a word up in: a short inline array, or a `WordSet`.
pub trait Words {
    fn has(&self, word: &str) -> bool;

    // Inlined: the detectors test short word arrays at hundreds of thousands of tokens per MiB,
    // and left to itself the compiler kept this a call in one of them (2 % of extraction).
    #[inline]
    fn has_word<W: Word + ?Sized>(&self, word: &W) -> bool {
        self.has(word.text())
    }
}

impl Words for [&str] {
    #[inline]
    fn has(&self, word: &str) -> bool {
        self.contains(&word)
    }
}

impl<const N: usize> Words for [&str; N] {
    #[inline]
    fn has(&self, word: &str) -> bool {
        self.contains(&word)
    }
}

/// A word list looked up by hash: the lexicon's lists are long, and every token meets several.
pub struct WordSet {
    words: &'static [&'static str],
    index: OnceLock<Index>,
    /// Its bit in `classes`: `1 << n` for the list at place `n` of `CLASSED`, 0 for one not
    /// there (a test checks every place).
    bit: u64,
}

/// A set with a cheap pre-check: most words are rejected by their length or first byte alone.
struct Index {
    set: FastSet,
    first_bytes: [u64; 4],
    lengths: u64,
}

impl WordSet {
    /// A list not in `CLASSED`, looked up by hash (every list of the lexicon is in it today).
    #[cfg(test)]
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            index: OnceLock::new(),
            bit: 0,
        }
    }

    /// A list at place `n` of `CLASSED`: a token knows whether it is in it by a bit.
    const fn classed(n: u32, words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            index: OnceLock::new(),
            bit: 1 << n,
        }
    }

    /// The words of the list.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// This list's bit in `classes` (its place in `CLASSED`), or 0 for a list not there.
    #[inline]
    pub fn bit(&self) -> u64 {
        self.bit
    }
}

impl Words for WordSet {
    fn has(&self, word: &str) -> bool {
        let ix = self.index.get_or_init(|| {
            let mut first_bytes = [0u64; 4];
            let mut lengths = 0u64;
            for w in self.words {
                if let Some(b) = w.bytes().next() {
                    first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
                }
                lengths |= 1 << w.len().min(63);
            }
            Index {
                set: self.words.iter().copied().collect(),
                first_bytes,
                lengths,
            }
        });
        let Some(b) = word.bytes().next() else {
            return false;
        };
        ix.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            && ix.lengths & (1 << word.len().min(63)) != 0
            && ix.set.contains(word)
    }

    #[inline]
    fn has_word<W: Word + ?Sized>(&self, word: &W) -> bool {
        match (word.classes(), self.bit()) {
            (Some(classes), bit) if bit != 0 => classes & bit != 0,
            _ => self.has(word.text()),
        }
    }
}

/// The lists a token records its membership of, each by its bit (its place here); `DEMONYM`
/// takes the last bit. Profiled on real articles, a third of extraction went to looking the same
/// token up in list after list; now each token is looked up once.
pub static CLASSED: [&WordSet; 46] = [
    &REPORTING_VERBS,
    &HEDGES,
    &CASUALTY_WORDS,
    &PERSON_NOUNS,
    &MONTHS,
    &NUMBERED_NAMES,
    &ROLE_NOUNS,
    &MODIFIERS,
    &SPEECH_VERBS,
    &TITLES,
    &NON_CLAIM_WORDS,
    &NON_CLAIM_PHRASE_STARTS,
    &NUMBER_WORD_SET,
    &ABBREVIATIONS,
    &AMBIGUOUS_ABBREVIATIONS,
    &SENTENCE_OPENERS,
    &CASUALTY_CATEGORIES,
    &VAGUE_QUANTITIES,
    &CLAIM_NOUNS,
    &ATTACK_NOUNS,
    &EVENT_WORDS,
    &DISASTER_NOUNS,
    &DENIAL_VERBS,
    &FALSITY_WORDS,
    &REJECT_VERBS,
    &ARREST_WORDS,
    &WARNING_WORDS,
    &STOP_CAPITALS,
    &DETERMINERS,
    &CAUSE_WORDS,
    &BLAME_WORDS,
    &THREAT_WORDS,
    &OPINION_WORDS,
    &CONSTRUCTION_TRIGGERS,
    &PARTY_NOUNS,
    &KIN_NOUNS,
    &SEEMING,
    &ORDINAL_WORDS,
    &ATTRIBUTION_STARTS,
    &WARNING_STARTS,
    &NEGATIONS,
    &FIRST_PERSON,
    &SEEMING_CUES,
    &HEDGE_CUES,
    &COMMON_STARTS,
    &RARE_RULE_WORDS,
];

// Short lists that rules ask of every token. Matched as strings, each question was a jump on
// the word's length that the processor mostly mispredicted (their functions led the profile's
// indirect-branch misses); as a list in `CLASSED` it is one bit test.

/// Words that negate (`detectors::is_negation`, besides the forms in "n't").
pub static NEGATIONS: WordSet = WordSet::classed(40, &["not", "never", "no", "nothing"]);

/// The speaker speaking of himself or his side (a feature of the model, `features::of_with`).
pub static FIRST_PERSON: WordSet =
    WordSet::classed(41, &["i", "we", "our", "us", "my", "i'm", "we're", "we've"]);

/// The words, besides `SEEMING`, that start a phrase of seeming (`claimant::has_seeming`).
pub static SEEMING_CUES: WordSet = WordSet::classed(
    42,
    &[
        "believe", "believes", "said", "rule", "ruled", "ruling", "if", "looks",
    ],
);

/// The commonest words that start a construction of `features::patterns` ("was a bomb", "by a
/// drone", "in custody", "could explode", "will visit"): each starts only those few, so the
/// rarer words' questions are not asked of them. A construction starting from one of these words
/// belongs with those few, before the scan passes the word on; placed after, it would never fire.
pub static COMMON_STARTS: WordSet = WordSet::classed(
    44,
    &[
        "by", "was", "is", "were", "be", "been", "in", "could", "may", "might", "would", "will",
    ],
);

/// Words without which some rarer rules cannot fire: "nobody" and "none" (denials that no one
/// did it), "innocent", "ruled out", "was quoted as saying". A unit holding none of them skips
/// those rules at a bit test per token, instead of comparing every word with each of them (a jump
/// on the word's length the processor mispredicts). A gate only: each rule still asks its words.
pub static RARE_RULE_WORDS: WordSet = WordSet::classed(
    45,
    &[
        "none",
        "nobody",
        "innocent",
        "innocence",
        "rule",
        "rules",
        "ruled",
        "ruling",
        "quoted",
    ],
);

/// The words, besides `HEDGES`, that start a hedge (`claimant::has_hedge_word`).
pub static HEDGE_CUES: WordSet = WordSet::classed(
    43,
    &[
        "may",
        "suspect",
        "suspects",
        "suspected",
        "reported",
        "said",
        "is",
    ],
);

/// The first words of the constructions `features::patterns` looks for: other words are passed over.
pub static CONSTRUCTION_TRIGGERS: WordSet = WordSet::classed(
    33,
    &[
        "identity",
        "identities",
        "deadliest",
        "alone",
        "video",
        "videos",
        "footage",
        "images",
        "photos",
        "photographs",
        "pictures",
        "clip",
        "clips",
        "livestream",
        "scrapped",
        "calls",
        "calling",
        "held",
        "pay",
        "bring",
        "brought",
        "bringing",
        "punished",
        "punish",
        "appealed",
        "appeal",
        "appeals",
        "appealing",
        "provide",
        "offer",
        "offered",
        "send",
        "pledged",
        "born",
        "studied",
        "graduated",
        "emigrated",
        "immigrated",
        "lived",
        "grew",
        "attended",
        "returned",
        "fled",
        "known",
        "missed",
        "one",
        "single",
        "lone",
        "establish",
        "determine",
        "ascertain",
        "verify",
        "confirm",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "worst",
        "bloodiest",
        "largest",
        "biggest",
        "most",
        "caused",
        "triggered",
        "sparked",
        "started",
        "set",
        "carried",
        "conducted",
        "perpetrated",
        "launched",
        "fired",
        "dropped",
        "committed",
        "done",
        "orchestrated",
        "result",
        "work",
        "product",
        "due",
        "came",
        "originated",
        "by",
        "was",
        "is",
        "were",
        "be",
        "been",
        "misfired",
        "misfire",
        "malfunctioning",
        "malfunction",
        "errant",
        "failed",
        "stray",
        "hit",
        "struck",
        "targeted",
        "bombed",
        "shelled",
        "responsible",
        "responsibility",
        "behind",
        "blamed",
        "blames",
        "blame",
        "blaming",
        "accused",
        "accuses",
        "accusing",
        "accusation",
        "accusations",
        "linked",
        "tied",
        "connected",
        "not",
        "never",
        "no",
        "n't",
        "nothing",
        "lie",
        "lies",
        "false",
        "baseless",
        "fabricated",
        "fabrication",
        "unfounded",
        "untrue",
        "nonsense",
        "propaganda",
        "innocent",
        "innocence",
        "in",
        "raid",
        "raids",
        "raided",
        "questioning",
        "released",
        "bail",
        "threat",
        "imminent",
        "evacuate",
        "evacuation",
        "urged",
        "urging",
        "advised",
        "advising",
        "could",
        "may",
        "might",
        "would",
        "level",
        "took",
        "occurred",
        "happened",
        "erupted",
        "exploded",
        "detonated",
        "treating",
        "treated",
        "investigating",
        "investigation",
        "probe",
        "cancelled",
        "canceled",
        "postponed",
        "called",
        "summit",
        "meeting",
        "visit",
        "visited",
        "met",
        "flew",
        "arrived",
        "death",
        "toll",
        "rose",
        "risen",
        "rises",
        "climbed",
        "jumped",
        "reached",
        "stands",
        "according",
        "urges",
        "pressing",
        "pushing",
        "demanded",
        "demands",
        "demanding",
        "slated",
        "scheduled",
        "expected",
        "planning",
        "plans",
        "planned",
        "will",
    ],
);

/// The bit `classes` sets for a demonym ("ukrainian"): `country_of` has an answer.
pub const DEMONYM: u64 = 1 << 63;

/// The bits of every `CLASSED` list `word` is in, and `DEMONYM`: one hash lookup.
pub fn classes(word: &str) -> u64 {
    type Index = std::collections::HashMap<&'static str, u64, rustc_hash::FxBuildHasher>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = Index::default();
            for (n, set) in CLASSED.iter().enumerate() {
                for w in set.words() {
                    *m.entry(w).or_insert(0) |= 1 << n;
                }
            }
            for (d, _) in DEMONYMS {
                *m.entry(d).or_insert(0) |= DEMONYM;
            }
            m
        })
        .get(word)
        .copied()
        .unwrap_or(0)
}

/// Verbs that attribute an assertion to a speaker ("X said", "X announced").
pub static REPORTING_VERBS: WordSet = WordSet::classed(
    0,
    &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "stated",
        "states",
        "announced",
        "announces",
        "announcing",
        "reported",
        "reports",
        "confirmed",
        "confirms",
        "confirming",
        "claimed",
        "claims",
        "claiming",
        "revealed",
        "reveals",
        "insisted",
        "insists",
        "argued",
        "argues",
        "alleged",
        "alleges",
        "asserted",
        "asserts",
        "estimated",
        "estimates",
        "added",
        "adds",
        "noted",
        "notes",
        "declared",
        "declares",
        "explained",
        "wrote",
        "posted",
        "tweeted",
        "testified",
        "acknowledged",
        "admitted",
        "admits",
        "suggested",
        "suggests",
        "suggesting",
        "indicated",
        "indicates",
        "maintained",
        "maintains",
        "cited",
        "citing",
        "disclosed",
        "predicted",
        "promised",
        "vowed",
        "pledged",
        "accused",
        "accuses",
        "accusing",
        "blamed",
        "blames",
        "blaming",
        "denied",
        "denies",
        "deny",
        "denying",
        "refuted",
        "refutes",
        "refute",
        "rejected",
        "rejects",
        "warned",
        "warns",
        "warning",
        "suspected",
        "suspect",
        "suspects",
        "believe",
        "believes",
        "believed",
        "charged",
        "arrested",
        "detained",
        "issued",
        "urged",
        "urging",
        "advised",
        "advising",
        "shared",
        "released",
    ],
);

/// Words that mark a claim as reported rather than established.
pub static HEDGES: WordSet = WordSet::classed(
    1,
    &[
        "allegedly",
        "alleged",
        "reportedly",
        "purportedly",
        "purported",
        "apparently",
        "suspected",
        "suspect",
        "suspects",
        "suggesting",
        "suggested",
        "suggests",
        "suggest",
        "possibly",
        "possible",
        "may",
        "might",
        "could",
        "likely",
        "unconfirmed",
        "unverified",
        "presumably",
        "believed",
        "thought",
        "rumoured",
        "rumored",
        "supposedly",
        "seemingly",
    ],
);

pub static CASUALTY_WORDS: WordSet = WordSet::classed(
    2,
    &[
        "killed",
        "kill",
        "kills",
        "killing",
        "dead",
        "died",
        "die",
        "dies",
        "dying",
        "death",
        "deaths",
        "fatalities",
        "fatality",
        "injured",
        "injuring",
        "injuries",
        "injury",
        "wounded",
        "wounding",
        "hurt",
        "casualties",
        "missing",
        "hostage",
        "hostages",
        "bodies",
        "toll",
        "lives",
        "hospitalised",
        "hospitalized",
        "perished",
        "slain",
        "massacred",
    ],
);

/// Nouns for people counted in casualty, arrest and other figures.
pub static PERSON_NOUNS: WordSet = WordSet::classed(
    3,
    &[
        "people",
        "persons",
        "person",
        "others",
        "other",
        "civilians",
        "civilian",
        "children",
        "child",
        "men",
        "man",
        "women",
        "woman",
        "soldiers",
        "soldier",
        "officers",
        "officer",
        "policemen",
        "police",
        "workers",
        "passengers",
        "residents",
        "students",
        "tourists",
        "victims",
        "suspects",
        "suspect",
        "militants",
        "gunmen",
        "attackers",
        "assailants",
        "fighters",
        "troops",
        "migrants",
        "refugees",
        "journalists",
        "members",
        "individuals",
        "concertgoers",
        "spectators",
        "fans",
        "pupils",
        "patients",
        "staff",
        "employees",
        "protesters",
        "demonstrators",
        "worshippers",
        "adults",
        "minors",
        "teenagers",
        "boys",
        "girls",
        "infants",
        "babies",
        "crew",
        "pilgrims",
        "villagers",
        "inmates",
        "prisoners",
        "detainees",
        "personnel",
        "servicemen",
        "firefighters",
        "rescuers",
        "volunteers",
        "doctors",
        "nurses",
        "americans",
        "israelis",
        "palestinians",
        "ukrainians",
        "russians",
        "citizens",
        "nationals",
        "foreigners",
        "dead",
        "injured",
        "wounded",
        "brothers",
        "sisters",
        "sons",
        "daughters",
        "relatives",
        "families",
        "staffers",
        "guards",
        "agents",
        "bombers",
    ],
);

/// Units whose plural names the figure's category ("20 minutes" → minutes).
pub const UNITS: &[(&str, &str)] = &[
    ("second", "seconds"),
    ("seconds", "seconds"),
    ("minute", "minutes"),
    ("minutes", "minutes"),
    ("hour", "hours"),
    ("hours", "hours"),
    ("day", "days"),
    ("days", "days"),
    ("week", "weeks"),
    ("weeks", "weeks"),
    ("month", "months"),
    ("months", "months"),
    ("year", "years"),
    ("years", "years"),
    ("decade", "decades"),
    ("decades", "decades"),
    ("km", "kilometres"),
    ("kilometres", "kilometres"),
    ("kilometers", "kilometres"),
    ("kilometre", "kilometres"),
    ("kilometer", "kilometres"),
    ("miles", "miles"),
    ("mile", "miles"),
    ("metres", "metres"),
    ("meters", "metres"),
    ("tons", "tonnes"),
    ("kilograms", "kg"),
    ("kilogram", "kg"),
    ("kilogrammes", "kg"),
    ("kg", "kg"),
    ("kilos", "kg"),
    ("tonnes", "tonnes"),
    ("percent", "percent"),
    ("per", "percent"),
    ("%", "percent"),
    ("dollars", "usd"),
    ("euros", "eur"),
    ("pounds", "gbp"),
    ("rubles", "rub"),
    ("roubles", "rub"),
    ("acres", "acres"),
    ("hectares", "hectares"),
    ("buildings", "buildings"),
    ("homes", "homes"),
    ("houses", "homes"),
    ("vehicles", "vehicles"),
    ("rockets", "rockets"),
    ("missiles", "missiles"),
    ("drones", "drones"),
];

/// Words near a number that say what it counts, most specific first.
pub const CATEGORY_CUES: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("killing", "killed"),
    ("kill", "killed"),
    ("kills", "killed"),
    ("dead", "killed"),
    ("died", "killed"),
    ("deaths", "killed"),
    ("death", "killed"),
    ("fatalities", "killed"),
    ("bodies", "killed"),
    ("lives", "killed"),
    ("perished", "killed"),
    ("slain", "killed"),
    ("injured", "injured"),
    ("injuring", "injured"),
    ("injuries", "injured"),
    ("wounded", "injured"),
    ("wounding", "injured"),
    ("hurt", "injured"),
    ("hospitalised", "injured"),
    ("hospitalized", "injured"),
    ("missing", "missing"),
    ("trapped", "missing"),
    ("unaccounted", "missing"),
    ("hostage", "hostages"),
    ("hostages", "hostages"),
    ("kidnapped", "hostages"),
    ("abducted", "hostages"),
    ("arrested", "arrested"),
    ("arrests", "arrested"),
    ("detained", "arrested"),
    ("custody", "arrested"),
    ("apprehended", "arrested"),
    ("involved", "perpetrators"),
    ("perpetrators", "perpetrators"),
    ("gunmen", "perpetrators"),
    ("attackers", "perpetrators"),
    ("assailants", "perpetrators"),
    ("evacuated", "evacuated"),
    ("displaced", "displaced"),
    ("homeless", "displaced"),
    ("toll", "killed"),
    ("murdered", "killed"),
    ("critical", "injured"),
    ("hospitals", "injured"),
    ("rescued", "rescued"),
    ("charged", "charged"),
];

/// Words before a number that qualify it, as token sequences.
pub const QUALIFIERS: &[(&[&str], crate::domain::Qualifier)] = {
    use crate::domain::Qualifier::*;
    &[
        (&["at", "least"], AtLeast),
        (&["no", "fewer", "than"], AtLeast),
        (&["a", "minimum", "of"], AtLeast),
        (&["more", "than"], MoreThan),
        (&["over"], MoreThan),
        (&["upwards", "of"], MoreThan),
        (&["in", "excess", "of"], MoreThan),
        (&["fewer", "than"], FewerThan),
        (&["less", "than"], FewerThan),
        (&["under"], FewerThan),
        (&["up", "to"], AtMost),
        (&["at", "most"], AtMost),
        (&["no", "more", "than"], AtMost),
        (&["as", "many", "as"], AtMost),
        (&["around"], About),
        (&["about"], About),
        (&["approximately"], About),
        (&["roughly"], About),
        (&["nearly"], About),
        (&["almost"], About),
        (&["some"], About),
        (&["an", "estimated"], About),
        (&["estimated"], About),
        (&["close", "to"], About),
        (&["circa"], About),
        (&["approx"], About),
        (&["about"], About),
    ]
};

pub const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("a dozen", 12.0),
];

/// With `BLAME_WORDS`, every word a rule of `detectors::attribution` starts from (besides words
/// beginning "attribut"): any other token is passed over with one bit test. A rule added there
/// whose first word is in neither list would never fire.
pub static ATTRIBUTION_STARTS: WordSet = WordSet::classed(
    38,
    &[
        "one",
        "ones",
        "claimed",
        "claims",
        "claim",
        "claiming",
        "took",
        "take",
        "takes",
        "taking",
        "accepted",
        "admitted",
        "admits",
        "admitting",
        "confessed",
        "linked",
        "tied",
        "connected",
        "traced",
        "suspected",
        "suspect",
        "suspects",
        "was",
        "is",
        "were",
        "be",
        "been",
        "like",
        "as",
        "called",
        "calling",
        "by",
        "network",
        "cell",
        "named",
        "identified",
        "points",
        "point",
        "pointed",
        "pointing",
        "indicate",
        "indicates",
        "indicated",
        "indicating",
        "suggest",
        "suggests",
        "suggested",
        "suggesting",
        "caused",
        "triggered",
        "sparked",
        "ignited",
        "set",
        "rule",
        "ruled",
        "ruling",
    ],
);

/// Every word a rule of `detectors::warning` starts from (besides words beginning "urg" and
/// "advis"), as `ATTRIBUTION_STARTS` is for attributions.
pub static WARNING_STARTS: WordSet = WordSet::classed(
    39,
    &[
        "raise",
        "raised",
        "raising",
        "sounded",
        "voiced",
        "expressed",
        "evacuation",
        "threat",
        "watch",
        "watchlist",
        "tipped",
        "must",
        "should",
        "need",
        "needs",
        "notice",
        "notices",
        "told",
        "ordered",
        "orders",
        "order",
        "asked",
        "instructed",
        "reported",
        "called",
        "rang",
        "phoned",
        "contacted",
        "threatened",
        "threatens",
        "threatening",
        "vowed",
        "vows",
        "promised",
        "promises",
        "imminent",
    ],
);

/// Ordinals, which count people in "the tenth person to be arrested"; in order, so each one's
/// value is its place in the list plus one.
pub static ORDINAL_WORDS: WordSet = WordSet::classed(
    37,
    &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ],
);

pub const MULTIPLIERS: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("thousand", 1_000.0),
    ("million", 1_000_000.0),
    ("m", 1_000_000.0),
    ("billion", 1_000_000_000.0),
    ("bn", 1_000_000_000.0),
    ("trillion", 1_000_000_000_000.0),
];

pub static MONTHS: WordSet = WordSet::classed(
    4,
    &[
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
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ],
);

/// Capitalised words before a number that make it a name, not a count ("Flight 370").
pub static NUMBERED_NAMES: WordSet = WordSet::classed(
    5,
    &[
        "flight",
        "route",
        "article",
        "chapter",
        "section",
        "room",
        "no",
        "number",
        "resolution",
        "highway",
        "terminal",
        "gate",
        "platform",
        "boeing",
        "airbus",
        "formula",
        "game",
        "level",
        "phase",
        "stage",
        "season",
        "episode",
        "page",
        "line",
        "bus",
        "unit",
        "block",
        "building",
        "district",
        "zone",
        "sector",
        "camp",
        "brigade",
        "battalion",
        "division",
        "covid",
        "apollo",
        "windows",
        "iphone",
        "g",
        "mh",
        "su",
        "mig",
        "f",
        "world",
        "war",
        "paragraph",
        "item",
        "act",
    ],
);

/// Nouns that make a noun phrase a speaking party even without a capital ("officials say").
pub static ROLE_NOUNS: WordSet = WordSet::classed(
    6,
    &[
        "officials",
        "official",
        "authorities",
        "police",
        "agencies",
        "agency",
        "intelligence",
        "government",
        "governments",
        "ministry",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "military",
        "army",
        "forces",
        "prosecutors",
        "prosecutor",
        "investigators",
        "embassy",
        "security",
        "service",
        "services",
        "witnesses",
        "sources",
        "experts",
        "analysts",
        "officers",
        "diplomats",
        "leaders",
        "administration",
        "department",
        "office",
        "commission",
        "council",
        "court",
        "judge",
        "media",
        "committee",
        "agency's",
        "spokesmen",
        "representatives",
        "lawmakers",
        "senators",
        "regulators",
        "organisers",
        "organizers",
        "doctors",
        "medics",
        "hospital",
        "rescuers",
        "residents",
        "survivors",
        "statement",
        "group",
        "militants",
        "rebels",
        "militia",
        "militias",
        "insurgents",
        "fighters",
        "navy",
        "guard",
        "coastguard",
        "workers",
        "troops",
        "party",
        "campaign",
        "company",
        "firm",
        "operator",
        "owner",
        "owners",
    ],
);

/// Common nouns for one who acts or speaks for a party ("the Hezbollah leader", "the church"):
/// parties in a noun phrase, like the roles, but no model feature (the roles are one, and adding
/// these to them moved the model's held-out scores).
pub static PARTY_NOUNS: WordSet = WordSet::classed(
    34,
    &[
        "church",
        "community",
        "leader",
        "president",
        "commander",
        "chief",
        "mayor",
        "governor",
        "premier",
        "director",
        "chairman",
        "chairwoman",
        "ambassador",
        "envoy",
        "force",
        "unit",
        "correspondent",
        "correspondents",
        "wing",
        "terrorists",
        "extremists",
        "jihadists",
        "union",
        "unions",
        "association",
        "federation",
        "families",
        "relatives",
        "inspectors",
        "inspector",
        "activists",
        "campaigners",
        "lawyer",
        "lawyers",
        "brigade",
        "coroner",
        "coroners",
        "examiner",
        "paramedics",
        "firefighters",
    ],
);

/// Words that present a claim as an appearance or an estimate ("appears to have been an
/// accident", "an estimated 300"): hedges the rules read (`claimant::has_seeming`), kept apart
/// from the model's hedge feature.
pub static SEEMING: WordSet = WordSet::classed(
    36,
    &[
        "appears",
        "appear",
        "appeared",
        "seems",
        "seem",
        "seemed",
        "probably",
        "perhaps",
        "estimated",
        "estimates",
        "estimate",
    ],
);

/// Kin, who speak for or are spoken of with the people in the news ("his son is innocent", "the
/// bomber's father said"): parties too, and no model feature.
pub static KIN_NOUNS: WordSet = WordSet::classed(
    35,
    &[
        "son",
        "sons",
        "daughter",
        "daughters",
        "father",
        "mother",
        "parents",
        "brother",
        "brothers",
        "sister",
        "sisters",
        "wife",
        "husband",
        "family",
        "relatives",
        "nephew",
        "niece",
        "cousin",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
        "grandfather",
        "grandmother",
        "stepson",
        "stepfather",
    ],
);

/// Lower-case words that may stand before a role noun in a party's name ("state media",
/// "local officials", "aid agencies").
pub static MODIFIERS: WordSet = WordSet::classed(
    7,
    &[
        "state",
        "local",
        "senior",
        "top",
        "federal",
        "regional",
        "provincial",
        "municipal",
        "city",
        "health",
        "foreign",
        "defence",
        "defense",
        "interior",
        "justice",
        "rescue",
        "emergency",
        "medical",
        "independent",
        "western",
        "aid",
        "news",
        "security",
        "intelligence",
        "military",
        "police",
        "government",
        "disaster",
        "management",
        "humanitarian",
        "border",
        "civil",
        "national",
        "district",
        "county",
        "prison",
        "election",
        "electoral",
        "airline",
        "shipping",
        "fire",
        "ambulance",
        "coast",
        "forensic",
        "public",
        "transport",
        "safety",
        "customs",
        "immigration",
    ],
);

/// Verbs of speech: whoever is their subject is the claim's source ("X said", "X reported").
pub static SPEECH_VERBS: WordSet = WordSet::classed(
    8,
    &[
        "said",
        "says",
        "say",
        "told",
        "tells",
        "stated",
        "states",
        "announced",
        "announces",
        "reported",
        "reports",
        "confirmed",
        "confirms",
        "revealed",
        "reveals",
        "added",
        "adds",
        "noted",
        "declared",
        "declares",
        "explained",
        "wrote",
        "posted",
        "tweeted",
        "testified",
        "insisted",
        "insists",
        "argued",
        "argues",
        "asserted",
        "claimed",
        "claims",
        "estimated",
        "acknowledged",
        "admitted",
        "disclosed",
        "saying",
        "stressed",
        "maintained",
        "vowed",
        "vows",
        "pledged",
        "promised",
        "appealed",
        "characterized",
        "characterizes",
        "characterised",
        "characterises",
    ],
);

/// Words that begin a title before a name ("Russian President Vladimir Putin" → "Vladimir Putin").
pub static TITLES: WordSet = WordSet::classed(
    9,
    &[
        "president",
        "prime",
        "minister",
        "foreign",
        "defence",
        "defense",
        "interior",
        "secretary",
        "chancellor",
        "king",
        "queen",
        "prince",
        "general",
        "gen.",
        "colonel",
        "col.",
        "lt.",
        "captain",
        "capt.",
        "sgt.",
        "sergeant",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "professor",
        "senator",
        "sen.",
        "rep.",
        "representative",
        "governor",
        "gov.",
        "mayor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "chief",
        "commander",
        "ambassador",
        "director",
        "judge",
        "justice",
        "pope",
        "sheikh",
        "ayatollah",
        "supreme",
        "deputy",
        "vice",
        "former",
        "acting",
        "state",
        "opposition",
        "chairman",
        "chairwoman",
        "ceo",
        "head",
        "premier",
        "envoy",
        "attorney",
        "lieutenant",
        "officer",
        "detective",
        "inspector",
        // Honorifics written without a full stop (British style) and titles of rank or office that
        // stand before a name: "Mr Hopkins", "Rear Admiral Daniel Hagari", "Archbishop Hosam Naoum".
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "admiral",
        "brigadier",
        "marshal",
        "superintendent",
        "constable",
        "sheriff",
        "archbishop",
        "bishop",
        "cardinal",
        "rabbi",
        "imam",
        "reverend",
        "rev.",
        "emir",
        "superintendent",
        "commissioner",
        "mp",
    ],
);

/// Demonyms and the country they name, for "Ukrainian involvement" → Ukraine.
/// The country of a demonym ("israeli" → Israel), by hash: every token of every unit asks.
pub fn country_of(demonym: &str) -> Option<&'static str> {
    static INDEX: OnceLock<
        std::collections::HashMap<&'static str, &'static str, BuildHasherDefault<Fnv>>,
    > = OnceLock::new();
    INDEX
        .get_or_init(|| DEMONYMS.iter().copied().collect())
        .get(demonym)
        .copied()
}

/// The country a lower-case word names: a demonym ("israeli"), a country's one-word name
/// ("lebanon"), or a usual other name ("britain", "america").
pub fn country_named(word: &str) -> Option<&'static str> {
    static INDEX: OnceLock<
        std::collections::HashMap<String, &'static str, BuildHasherDefault<Fnv>>,
    > = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = std::collections::HashMap::default();
            for &(demonym, country) in DEMONYMS {
                m.insert(demonym.to_owned(), country);
                if !country.contains(' ') {
                    m.insert(country.to_lowercase(), country);
                }
            }
            for (other, country) in [
                ("america", "United States"),
                ("britain", "United Kingdom"),
                ("england", "United Kingdom"),
            ] {
                m.insert(other.to_owned(), country);
            }
            m
        })
        .get(word)
        .copied()
}

/// The country a lower-case word stands for as a party in the news: its seat of government or
/// government building used for its government ("Moscow blamed Kyiv", "the Kremlin said"). Only
/// names that newsrooms use this way; a capital that is also the scene of a story is a place
/// there, so callers use this for a party named by the seat alone.
pub fn country_seated_at(word: &str) -> Option<&'static str> {
    look_up(SEATS, word)
}

/// The value a short table of (word, value) pairs gives `word`.
fn look_up(table: &[(&str, &'static str)], word: &str) -> Option<&'static str> {
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

const SEATS: &[(&str, &str)] = &[
    ("kremlin", "Russia"),
    ("moscow", "Russia"),
    ("kyiv", "Ukraine"),
    ("kiev", "Ukraine"),
    ("washington", "United States"),
    ("pentagon", "United States"),
    ("beijing", "China"),
    ("tehran", "Iran"),
    ("damascus", "Syria"),
    ("ankara", "Turkey"),
    ("baghdad", "Iraq"),
    ("kabul", "Afghanistan"),
    ("islamabad", "Pakistan"),
    ("riyadh", "Saudi Arabia"),
    ("cairo", "Egypt"),
    ("beirut", "Lebanon"),
    ("london", "United Kingdom"),
    ("whitehall", "United Kingdom"),
    ("paris", "France"),
    ("elysee", "France"),
    ("berlin", "Germany"),
    ("minsk", "Belarus"),
    ("tbilisi", "Georgia"),
    ("yerevan", "Armenia"),
    ("baku", "Azerbaijan"),
    ("pyongyang", "North Korea"),
    ("seoul", "South Korea"),
    ("tokyo", "Japan"),
    ("taipei", "Taiwan"),
    ("ottawa", "Canada"),
    ("canberra", "Australia"),
];

/// The one name a party goes by across outlets when its names share no word: the many names of
/// one armed group ("ISIS", "ISIL", "Daesh", "Islamic State"; "al-Qaida", "al-Qaeda"), keyed by
/// a lower-case word of the name ("ISIS-K" is read as "isis" and "k"). "Islamic" and "State"
/// together, and "IS" before a hyphen, are matched by the caller.
pub fn party_synonym(word: &str) -> Option<&'static str> {
    look_up(PARTY_SYNONYMS, word)
}

const PARTY_SYNONYMS: &[(&str, &str)] = &[
    ("isis", "islamic state"),
    ("isil", "islamic state"),
    ("daesh", "islamic state"),
    ("iskp", "islamic state"),
    ("qaeda", "al-qaeda"),
    ("qaida", "al-qaeda"),
    ("hezbollah", "hezbollah"),
    ("hizbollah", "hezbollah"),
    ("hizballah", "hezbollah"),
];

pub const DEMONYMS: &[(&str, &str)] = &[
    ("ukrainian", "Ukraine"),
    ("russian", "Russia"),
    ("american", "United States"),
    ("israeli", "Israel"),
    ("palestinian", "Palestine"),
    ("iranian", "Iran"),
    ("chinese", "China"),
    ("syrian", "Syria"),
    ("iraqi", "Iraq"),
    ("afghan", "Afghanistan"),
    ("turkish", "Turkey"),
    ("french", "France"),
    ("german", "Germany"),
    ("british", "United Kingdom"),
    ("indian", "India"),
    ("pakistani", "Pakistan"),
    ("saudi", "Saudi Arabia"),
    ("egyptian", "Egypt"),
    ("lebanese", "Lebanon"),
    ("yemeni", "Yemen"),
    ("sudanese", "Sudan"),
    ("nigerian", "Nigeria"),
    ("kenyan", "Kenya"),
    ("mexican", "Mexico"),
    ("japanese", "Japan"),
    ("korean", "Korea"),
    ("north korean", "North Korea"),
    ("georgian", "Georgia"),
    ("armenian", "Armenia"),
    ("azerbaijani", "Azerbaijan"),
    ("tajik", "Tajikistan"),
    ("belarusian", "Belarus"),
    ("polish", "Poland"),
    ("italian", "Italy"),
    ("spanish", "Spain"),
    ("canadian", "Canada"),
    ("australian", "Australia"),
    ("brazilian", "Brazil"),
    ("venezuelan", "Venezuela"),
    ("colombian", "Colombia"),
    ("somali", "Somalia"),
    ("ethiopian", "Ethiopia"),
    ("libyan", "Libya"),
    ("jordanian", "Jordan"),
    ("qatari", "Qatar"),
    ("emirati", "United Arab Emirates"),
    ("hungarian", "Hungary"),
    ("dutch", "Netherlands"),
    ("swedish", "Sweden"),
    ("norwegian", "Norway"),
    ("danish", "Denmark"),
    ("greek", "Greece"),
    ("serbian", "Serbia"),
    ("croatian", "Croatia"),
    ("cuban", "Cuba"),
    ("chechen", "Chechnya"),
    ("uzbek", "Uzbekistan"),
    ("kazakh", "Kazakhstan"),
    ("kyrgyz", "Kyrgyzstan"),
    ("moldovan", "Moldova"),
    ("romanian", "Romania"),
    ("bulgarian", "Bulgaria"),
    ("taiwanese", "Taiwan"),
    ("vietnamese", "Vietnam"),
    ("filipino", "Philippines"),
    ("indonesian", "Indonesia"),
    ("malaysian", "Malaysia"),
    ("thai", "Thailand"),
    ("burmese", "Myanmar"),
    ("bangladeshi", "Bangladesh"),
    ("sri lankan", "Sri Lanka"),
    ("nepali", "Nepal"),
    ("irish", "Ireland"),
    ("scottish", "Scotland"),
    ("welsh", "Wales"),
    ("belgian", "Belgium"),
    ("swiss", "Switzerland"),
    ("austrian", "Austria"),
    ("czech", "Czech Republic"),
    ("slovak", "Slovakia"),
    ("finnish", "Finland"),
    ("estonian", "Estonia"),
    ("latvian", "Latvia"),
    ("lithuanian", "Lithuania"),
    ("portuguese", "Portugal"),
    ("argentine", "Argentina"),
    ("chilean", "Chile"),
    ("peruvian", "Peru"),
    ("haitian", "Haiti"),
    ("algerian", "Algeria"),
    ("moroccan", "Morocco"),
    ("tunisian", "Tunisia"),
    ("malian", "Mali"),
    ("congolese", "Congo"),
    ("rwandan", "Rwanda"),
    ("ugandan", "Uganda"),
    ("south african", "South Africa"),
    ("kuwaiti", "Kuwait"),
    ("bahraini", "Bahrain"),
    ("omani", "Oman"),
    ("kurdish", "Kurds"),
];

/// Sentences of these kinds are not claims: mourning, opinion, boilerplate, disclaimers.
pub static NON_CLAIM_WORDS: WordSet = WordSet::classed(
    10,
    &[
        "mourns",
        "mourn",
        "mourning",
        "mourned",
        "condolences",
        "condolence",
        "pray",
        "prayers",
        "praying",
        "tribute",
        "tributes",
        "condemning",
        "condemned",
        "condemns",
        "condemn",
        "subscribe",
        "newsletter",
        "cookies",
        "copyright",
        "advertisement",
        "sympathies",
    ],
);

/// The `NON_CLAIM_PHRASES` that start with `word`.
pub fn non_claim_phrases_from(word: &str) -> &'static [&'static str] {
    type Index =
        std::collections::HashMap<&'static str, Vec<&'static str>, BuildHasherDefault<Fnv>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = Index::default();
            for p in NON_CLAIM_PHRASES {
                m.entry(p.split(' ').next().unwrap_or(p))
                    .or_default()
                    .push(*p);
            }
            m
        })
        .get(word)
        .map_or(&[], Vec::as_slice)
}

pub const NON_CLAIM_PHRASES: &[&str] = &[
    "views expressed",
    "do not reflect",
    "does not reflect",
    "all rights reserved",
    "read more",
    "click here",
    "sign up",
    "remains unclear",
    "remain unclear",
    "is unclear",
    "it is unclear",
    "are unclear",
    "stands united",
    "thoughts are with",
    "follow us",
    "not yet known",
    "remains unknown",
    "is not known",
    "was not immediately clear",
    "did not specify",
    "did not say",
    "declined to comment",
    "could not be reached",
    "did not respond",
];

/// The first words of `NON_CLAIM_PHRASES`, so most sentences are cleared in one pass.
pub static NON_CLAIM_PHRASE_STARTS: WordSet = WordSet::classed(
    11,
    &[
        "views", "do", "does", "all", "read", "click", "sign", "remains", "remain", "is", "it",
        "are", "stands", "thoughts", "follow", "not", "was", "did", "declined", "could",
    ],
);

/// The words of `NUMBER_WORDS`, for a quick "is this a number word?".
pub static NUMBER_WORD_SET: WordSet = WordSet::classed(
    12,
    &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "dozen",
    ],
);

/// Abbreviations after which a full stop does not end the sentence.
pub static ABBREVIATIONS: WordSet = WordSet::classed(
    13,
    &[
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
        "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc",
        "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "approx", "est", "dept", "univ", "fig", "pres", "ft", "mt", "gov't", "e.g", "i.e",
        "a.m", "p.m",
    ],
);

/// Abbreviations that often end a sentence too ("... in the U.S. The next day"): they end one
/// only when a typical sentence opener follows.
pub static AMBIGUOUS_ABBREVIATIONS: WordSet = WordSet::classed(
    14,
    &[
        "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr",
        "sr",
    ],
);

/// Words that typically open a sentence, as written there (capitalised).
pub static SENTENCE_OPENERS: WordSet = WordSet::classed(
    15,
    &[
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "But",
        "However",
        "Meanwhile",
        "After",
        "Before",
        "Following",
        "When",
        "While",
        "Its",
        "His",
        "Her",
        "Their",
        "There",
        "Officials",
        "Police",
        "Authorities",
    ],
);

pub static CASUALTY_CATEGORIES: WordSet =
    WordSet::classed(16, &["killed", "injured", "missing", "hostages"]);
pub static VAGUE_QUANTITIES: WordSet = WordSet::classed(
    17,
    &[
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "many",
        "several",
        "numerous",
    ],
);
pub static CLAIM_NOUNS: WordSet = WordSet::classed(
    18,
    &[
        "claims",
        "claim",
        "allegations",
        "allegation",
        "accusations",
        "accusation",
        "reports",
        "report",
        "suggestions",
        "suggestion",
        "charges",
        "assertions",
        "speculation",
        "rumours",
        "rumors",
        "involvement",
        "responsibility",
        "role",
        "link",
        "links",
        "criticism",
        "criticisms",
        "findings",
        "characterisation",
        "characterization",
    ],
);
pub static ATTACK_NOUNS: WordSet = WordSet::classed(
    19,
    &[
        "attack",
        "attacks",
        "bombing",
        "bombings",
        "assault",
        "shooting",
        "blast",
        "killing",
        "killings",
        "explosion",
        "massacre",
        "strike",
        "strikes",
        "plot",
        "raid",
        "ambush",
        "violence",
    ],
);
pub static EVENT_WORDS: WordSet = WordSet::classed(
    20,
    &[
        "stormed",
        "storming",
        "attacked",
        "exploded",
        "explosion",
        "explosions",
        "blast",
        "blasts",
        "bombed",
        "shelled",
        "shelling",
        "stabbed",
        "stabbing",
        "fled",
        "escaped",
        "lasted",
        "occurred",
        "erupted",
        "struck",
        "crashed",
        "collapsed",
        "burned",
        "burnt",
        "torched",
        "looted",
        "ransacked",
        "blaze",
        "flames",
        "evacuated",
        "damaged",
        "destroyed",
        "invaded",
        "raided",
        "clashed",
        "hijacked",
        "seized",
        "derailed",
        "flooded",
        "sank",
        "extinguish",
        "extinguished",
        "gunmen",
        "shot",
        "detonated",
        "opened",
        "set",
        "launched",
        "fired",
        "ambushed",
        "targeted",
        "besieged",
        "captured",
        "overran",
        "intercepted",
        "downed",
        "hit",
        "landed",
        "landing",
        "boarded",
        "erupted",
        // Measures taken on the ground: "the palace has been closed", "troops were deployed",
        // "police are carrying out searches", "the parade was cancelled".
        "closed",
        "cancelled",
        "canceled",
        "suspended",
        "postponed",
        "deployed",
        "cordoned",
        "searches",
        // Headlines speak in the present tense.
        "seize",
        "seizes",
        "storm",
        "storms",
        "explodes",
        "crashes",
        "collapses",
        "erupts",
        "flees",
        "raids",
        "hijacks",
        "invades",
        "sinks",
        "burns",
        "destroys",
        "strikes",
        "hits",
        "floods",
        "erupt",
        "clash",
        "clashes",
        "riots",
        "rioting",
        // Protest: "crowds protest", "protesters marched".
        "protest",
        "protests",
        "protested",
        "protesters",
        "protestors",
        "marched",
        "broke",
    ],
);
pub static DISASTER_NOUNS: WordSet = WordSet::classed(
    21,
    &[
        "earthquake",
        "quake",
        "aftershock",
        "storm",
        "hurricane",
        "typhoon",
        "cyclone",
        "tornado",
        "flood",
        "floods",
        "flooding",
        "wildfire",
        "fire",
        "tsunami",
        "landslide",
        "avalanche",
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "drone",
        "drones",
        "bomb",
        "shell",
        "strike",
    ],
);
pub static DENIAL_VERBS: WordSet = WordSet::classed(
    22,
    &[
        "deny", "denies", "denied", "denying", "denial", "denials", "refute", "refutes", "refuted",
        "refuting", "rebuffed", "rebuff", "disputed", "disputes",
    ],
);
pub static FALSITY_WORDS: WordSet = WordSet::classed(
    23,
    &[
        "lie",
        "lies",
        "false",
        "baseless",
        "untrue",
        "fabricated",
        "fabrication",
        "unfounded",
        "groundless",
        "nonsense",
        "fake",
        // What officials call an accusation they reject: "absurd", "a provocation".
        "absurd",
        "ridiculous",
        "preposterous",
        "provocation",
        "slander",
        "disinformation",
    ],
);
pub static REJECT_VERBS: WordSet = WordSet::classed(
    24,
    &[
        "reject",
        "rejects",
        "rejected",
        "rejecting",
        "dismiss",
        "dismisses",
        "dismissed",
        "dismissing",
    ],
);
pub static ARREST_WORDS: WordSet = WordSet::classed(
    25,
    &[
        "arrested",
        "arrests",
        "arrest",
        "arresting",
        "detained",
        "detaining",
        "detention",
        "custody",
        "charged",
        "indicted",
        "apprehended",
        "remanded",
        "extradited",
        "convicted",
        "sentenced",
        "jailed",
        "imprisoned",
        "detain",
    ],
);
pub static WARNING_WORDS: WordSet = WordSet::classed(
    26,
    &[
        "warned",
        "warns",
        "warning",
        "warnings",
        "warn",
        "advisory",
        "advisories",
        "cautioned",
        "alert",
        "alerts",
        "alerted",
        "forewarned",
    ],
);

/// Capitalised words that open sentences and clauses without naming anyone.
pub static STOP_CAPITALS: WordSet = WordSet::classed(
    27,
    &[
        "nobody",
        "everyone",
        "someone",
        "anyone",
        "none",
        "while",
        "as",
        "when",
        "after",
        "before",
        "although",
        "though",
        "however",
        "but",
        "and",
        "if",
        "since",
        "because",
        "meanwhile",
        "following",
        "in",
        "on",
        "at",
        "for",
        "with",
        "without",
        "during",
        "despite",
        "under",
        "then",
        "yet",
        "so",
        "also",
        "still",
        "earlier",
        "later",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "there",
        "this",
        "that",
        "these",
        "those",
        "what",
        "who",
        "which",
        "where",
        "why",
        "how",
        "according",
        "amid",
        "by",
        "from",
        "to",
        "of",
        "into",
        "over",
        "about",
        "against",
        "between",
        "through",
        "once",
        "now",
        "both",
        "each",
        "some",
        "many",
        "most",
        "several",
        "all",
        "no",
        "not",
        "only",
        "even",
        "here",
        "previous",
        "other",
        "another",
        "such",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "massive",
        "deadly",
        "new",
        "first",
        "last",
        "more",
        "many",
        "unlike",
        "until",
        "whether",
    ],
);

/// Determiners and possessive pronouns, skipped before a noun phrase.
pub static DETERMINERS: WordSet = WordSet::classed(
    28,
    &[
        "the", "a", "an", "any", "its", "their", "his", "her", "this", "these", "those", "that",
    ],
);

/// Words that state a cause: "caused by", "the result of", "triggered", "negligence".
pub static CAUSE_WORDS: WordSet = WordSet::classed(
    29,
    &[
        "caused",
        "cause",
        "causes",
        "causing",
        "result",
        "resulted",
        "triggered",
        "sparked",
        "ignited",
        "igniting",
        "negligence",
        "accident",
        "accidental",
        "accidentally",
        "misfired",
        "misfire",
        "malfunction",
        "origin",
        "stemmed",
        "due",
    ],
);

/// Words that lay blame or responsibility.
pub static BLAME_WORDS: WordSet = WordSet::classed(
    30,
    &[
        "blame",
        "blamed",
        "blames",
        "blaming",
        "accused",
        "accuses",
        "accusing",
        "accuse",
        "responsible",
        "responsibility",
        "behind",
        "culprit",
        "culprits",
        "fault",
        "perpetrator",
        "perpetrators",
        "orchestrated",
        "carried",
        "conducted",
        "masterminded",
    ],
);

/// Words of threat and danger, which warnings are made of.
pub static THREAT_WORDS: WordSet = WordSet::classed(
    31,
    &[
        "threat",
        "threats",
        "threatened",
        "threatens",
        "imminent",
        "critical",
        "severe",
        "risk",
        "risks",
        "danger",
        "dangerous",
        "alert",
        "vigilant",
        "vigilance",
        "caution",
        "avoid",
        "urged",
        "urges",
        "evacuate",
        "flagged",
    ],
);

/// Words of opinion, emotion and rhetoric rather than checkable fact.
pub static OPINION_WORDS: WordSet = WordSet::classed(
    32,
    &[
        "tragic",
        "tragedy",
        "heartbreaking",
        "heartbroken",
        "evil",
        "sick",
        "cowardly",
        "horrific",
        "horrifying",
        "terrible",
        "appalling",
        "barbaric",
        "outrage",
        "outraged",
        "shocked",
        "saddened",
        "grief",
        "solidarity",
        "hearts",
        "thoughts",
        "love",
        "hope",
        "pray",
        "prayers",
        "believe",
        "feel",
        "think",
        "should",
        "must",
    ],
);

/// Causes an attribution may blame, as written and as named.
pub const CAUSE_NOUNS: &[(&str, &str)] = &[
    ("bomb", "bomb"),
    ("bombs", "bomb"),
    ("attack", "attack"),
    ("accident", "accident"),
    ("fire", "fire"),
    ("blaze", "fire"),
    ("explosives", "explosive material"),
    ("materials", "explosive material"),
    ("rocket", "rocket"),
    ("rockets", "rocket"),
    ("missile", "rocket"),
    ("misfire", "rocket"),
    ("airstrike", "airstrike"),
    ("airstrikes", "airstrike"),
    ("nitrate", "ammonium nitrate"),
    ("negligence", "negligence"),
];

/// Causes of a disaster that are no weapon nor attack (`CAUSE_NOUNS` are also read as the
/// deed a negation denies: "not an attack"; "not ruled out sabotage" denies nothing).
pub const MISHAP_CAUSES: &[(&str, &str)] = &[
    ("fault", "fault"),
    ("leak", "leak"),
    ("corrosion", "corrosion"),
    ("sabotage", "sabotage"),
    ("arson", "arson"),
    ("lightning", "lightning"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_word_set_matches_the_number_words() {
        for (w, _) in NUMBER_WORDS.iter().filter(|(w, _)| !w.contains(' ')) {
            assert!(any(*w, &NUMBER_WORD_SET), "{w}");
        }
    }

    #[test]
    fn a_word_carries_the_bit_of_every_list_it_is_in_and_no_other() {
        assert!(CLASSED.len() < 64, "the last bit is DEMONYM's");
        for (n, set) in CLASSED.iter().enumerate() {
            assert_eq!(set.bit(), 1 << n);
            for w in set.words() {
                assert_ne!(classes(w) & set.bit(), 0, "{w} is in list {n}");
            }
        }
        for w in [
            "the",
            "killed",
            "said",
            "ukrainian",
            "warehouse",
            "ISIS",
            "",
        ] {
            for set in CLASSED {
                assert_eq!(classes(w) & set.bit() != 0, set.has(w), "{w}");
            }
        }
        assert_ne!(classes("ukrainian") & DEMONYM, 0);
        assert_eq!(classes("ukraine") & DEMONYM, 0);
        assert_eq!(country_named("ukrainian"), Some("Ukraine"));
        assert_eq!(country_named("ukraine"), Some("Ukraine"));
        assert_eq!(country_named("britain"), Some("United Kingdom"));
        // A country of two words is named by its demonym or another name, not by its words.
        assert_eq!(country_named("united"), None);
        assert_eq!(country_seated_at("kremlin"), Some("Russia"));
        assert_eq!(country_seated_at("ostra"), None);
        assert_eq!(party_synonym("daesh"), party_synonym("isil"));
        assert_eq!(party_synonym("qaida"), party_synonym("qaeda"));
        static UNLISTED: WordSet = WordSet::new(&["zeppelin"]);
        assert_eq!(
            UNLISTED.bit(),
            0,
            "a list not in CLASSED is looked up by hash"
        );
        assert!(any("zeppelin", &UNLISTED));
    }

    #[test]
    fn every_non_claim_phrase_starts_with_a_listed_word() {
        for p in NON_CLAIM_PHRASES {
            let first = p.split(' ').next().unwrap_or("");
            assert!(any(first, &NON_CLAIM_PHRASE_STARTS), "{p}");
        }
    }
}
