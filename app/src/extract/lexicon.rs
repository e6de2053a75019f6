//! The words the extractor reads news by. Lists, not patterns: each is a closed class of English
//! news writing (reporting verbs, hedges, qualifiers, casualty words, roles, demonyms).

pub fn any(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// Verbs that attribute an assertion to a speaker ("X said", "X announced").
pub const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "stated", "states", "announced", "announces",
    "announcing", "reported", "reports", "confirmed", "confirms", "confirming", "claimed", "claims",
    "claiming", "revealed", "reveals", "insisted", "insists", "argued", "argues", "alleged",
    "alleges", "asserted", "asserts", "estimated", "estimates", "added", "adds", "noted", "notes",
    "declared", "declares", "explained", "wrote", "posted", "tweeted", "testified", "acknowledged",
    "admitted", "admits", "suggested", "suggests", "suggesting", "indicated", "indicates",
    "maintained", "maintains", "cited", "citing", "disclosed", "predicted", "promised", "vowed",
    "pledged", "accused", "accuses", "accusing", "blamed", "blames", "blaming", "denied", "denies",
    "deny", "denying", "refuted", "refutes", "refute", "rejected", "rejects", "warned", "warns",
    "warning", "suspected", "suspect", "suspects", "believe", "believes", "believed", "charged",
    "arrested", "detained", "issued", "urged", "urging", "advised", "advising", "shared", "released",
];

/// Words that mark a claim as reported rather than established.
pub const HEDGES: &[&str] = &[
    "allegedly", "alleged", "reportedly", "purportedly", "purported", "apparently", "suspected",
    "suspect", "suspects", "suggesting", "suggested", "suggests", "suggest", "possibly", "possible",
    "may", "might", "could", "likely", "unconfirmed", "unverified", "presumably", "believed",
    "thought", "rumoured", "rumored", "supposedly", "seemingly",
];

pub const CASUALTY_WORDS: &[&str] = &[
    "killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "dying", "death", "deaths",
    "fatalities", "fatality", "injured", "injuring", "injuries", "injury", "wounded", "wounding",
    "hurt", "casualties", "missing", "hostage", "hostages", "bodies", "toll", "lives",
    "hospitalised", "hospitalized", "perished", "slain", "massacred",
];

/// Nouns for people counted in casualty, arrest and other figures.
pub const PERSON_NOUNS: &[&str] = &[
    "people", "persons", "person", "others", "other", "civilians", "civilian", "children", "child",
    "men", "man", "women", "woman", "soldiers", "soldier", "officers", "officer", "policemen",
    "police", "workers", "passengers", "residents", "students", "tourists", "victims", "suspects",
    "suspect", "militants", "gunmen", "attackers", "assailants", "fighters", "troops", "migrants",
    "refugees", "journalists", "members", "individuals", "concertgoers", "spectators", "fans",
    "pupils", "patients", "staff", "employees", "protesters", "demonstrators", "worshippers",
    "adults", "minors", "teenagers", "boys", "girls", "infants", "babies", "crew", "pilgrims",
    "villagers", "inmates", "prisoners", "detainees", "personnel", "servicemen", "firefighters",
    "rescuers", "volunteers", "doctors", "nurses", "americans", "israelis", "palestinians",
    "ukrainians", "russians", "citizens", "nationals", "foreigners", "dead", "injured", "wounded",
];

/// Units whose plural names the figure's category ("20 minutes" → minutes).
pub const UNITS: &[(&str, &str)] = &[
    ("second", "seconds"), ("seconds", "seconds"), ("minute", "minutes"), ("minutes", "minutes"),
    ("hour", "hours"), ("hours", "hours"), ("day", "days"), ("days", "days"), ("week", "weeks"),
    ("weeks", "weeks"), ("month", "months"), ("months", "months"), ("year", "years"),
    ("years", "years"), ("decade", "decades"), ("decades", "decades"), ("km", "kilometres"),
    ("kilometres", "kilometres"), ("kilometers", "kilometres"), ("kilometre", "kilometres"),
    ("kilometer", "kilometres"), ("miles", "miles"), ("mile", "miles"), ("metres", "metres"),
    ("meters", "metres"), ("tons", "tonnes"), ("tonnes", "tonnes"), ("percent", "percent"),
    ("per", "percent"), ("%", "percent"), ("dollars", "usd"), ("euros", "eur"), ("pounds", "gbp"),
    ("rubles", "rub"), ("roubles", "rub"), ("acres", "acres"), ("hectares", "hectares"),
    ("buildings", "buildings"), ("homes", "homes"), ("houses", "homes"), ("vehicles", "vehicles"),
    ("rockets", "rockets"), ("missiles", "missiles"), ("drones", "drones"),
];

/// Words near a number that say what it counts, most specific first.
pub const CATEGORY_CUES: &[(&str, &str)] = &[
    ("killed", "killed"), ("killing", "killed"), ("kill", "killed"), ("kills", "killed"),
    ("dead", "killed"), ("died", "killed"), ("deaths", "killed"), ("death", "killed"),
    ("fatalities", "killed"), ("bodies", "killed"), ("lives", "killed"), ("perished", "killed"),
    ("slain", "killed"), ("injured", "injured"), ("injuring", "injured"), ("injuries", "injured"),
    ("wounded", "injured"), ("wounding", "injured"), ("hurt", "injured"),
    ("hospitalised", "injured"), ("hospitalized", "injured"), ("missing", "missing"),
    ("hostage", "hostages"), ("hostages", "hostages"), ("kidnapped", "hostages"),
    ("abducted", "hostages"), ("arrested", "arrested"), ("arrests", "arrested"),
    ("detained", "arrested"), ("custody", "arrested"), ("apprehended", "arrested"),
    ("involved", "perpetrators"), ("perpetrators", "perpetrators"), ("gunmen", "perpetrators"),
    ("attackers", "perpetrators"), ("assailants", "perpetrators"), ("evacuated", "evacuated"),
    ("displaced", "displaced"), ("rescued", "rescued"), ("charged", "charged"),
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
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0),
    ("seven", 7.0), ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0),
    ("twelve", 12.0), ("thirteen", 13.0), ("fourteen", 14.0), ("fifteen", 15.0),
    ("sixteen", 16.0), ("seventeen", 17.0), ("eighteen", 18.0), ("nineteen", 19.0),
    ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0),
    ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0), ("hundred", 100.0),
    ("dozen", 12.0), ("a dozen", 12.0),
];

pub const MULTIPLIERS: &[(&str, f64)] = &[
    ("hundred", 100.0), ("thousand", 1_000.0), ("million", 1_000_000.0), ("m", 1_000_000.0),
    ("billion", 1_000_000_000.0), ("bn", 1_000_000_000.0), ("trillion", 1_000_000_000_000.0),
];

pub const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// Capitalised words before a number that make it a name, not a count ("Flight 370").
pub const NUMBERED_NAMES: &[&str] = &[
    "flight", "route", "article", "chapter", "section", "room", "no", "number", "resolution",
    "highway", "terminal", "gate", "platform", "boeing", "airbus", "formula", "game", "level",
    "phase", "stage", "season", "episode", "page", "line", "bus", "unit", "block", "building",
    "district", "zone", "sector", "camp", "brigade", "battalion", "division", "covid", "apollo",
    "windows", "iphone", "g", "mh", "su", "mig", "f", "world", "war", "paragraph", "item", "act",
];

/// Nouns that make a noun phrase a speaking party even without a capital ("officials say").
pub const ROLE_NOUNS: &[&str] = &[
    "officials", "official", "authorities", "police", "agencies", "agency", "intelligence",
    "government", "governments", "ministry", "minister", "spokesman", "spokeswoman",
    "spokesperson", "military", "army", "forces", "prosecutors", "prosecutor", "investigators",
    "embassy", "security", "service", "services", "witnesses", "sources", "experts", "analysts",
    "officers", "diplomats", "leaders", "administration", "department", "office", "commission",
    "council", "court", "judge", "media", "committee", "agency's", "spokesmen", "representatives",
    "lawmakers", "senators", "regulators", "organisers", "organizers", "doctors", "medics",
    "hospital", "rescuers", "residents", "survivors", "statement", "group", "militants",
    "rebels", "militia", "militias", "insurgents", "fighters", "navy", "guard", "coastguard",
    "workers", "troops", "party", "campaign", "company", "firm", "operator", "owner", "owners",
];

/// Lower-case words that may stand before a role noun in a party's name ("state media",
/// "local officials", "aid agencies").
pub const MODIFIERS: &[&str] = &[
    "state", "local", "senior", "top", "federal", "regional", "provincial", "municipal", "city",
    "health", "foreign", "defence", "defense", "interior", "justice", "rescue", "emergency",
    "medical", "independent", "western", "aid", "news", "security", "intelligence", "military",
    "police", "government", "disaster", "management", "humanitarian", "border", "civil",
    "national", "district", "county", "prison", "election", "electoral", "airline", "shipping",
];

/// Verbs of speech: whoever is their subject is the claim's source ("X said", "X reported").
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "stated", "states", "announced", "announces",
    "reported", "reports", "confirmed", "confirms", "revealed", "reveals", "added", "adds",
    "noted", "declared", "declares", "explained", "wrote", "posted", "tweeted", "testified",
    "insisted", "insists", "argued", "argues", "asserted", "claimed", "claims", "estimated",
    "acknowledged", "admitted", "disclosed", "saying", "stressed", "maintained",
];

/// Words that begin a title before a name ("Russian President Vladimir Putin" → "Vladimir Putin").
pub const TITLES: &[&str] = &[
    "president", "prime", "minister", "foreign", "defence", "defense", "interior", "secretary",
    "chancellor", "king", "queen", "prince", "general", "gen.", "colonel", "col.", "lt.", "captain",
    "capt.", "sgt.", "sergeant", "mr.", "mrs.", "ms.", "dr.", "prof.", "professor", "senator",
    "sen.", "rep.", "representative", "governor", "gov.", "mayor", "spokesman", "spokeswoman",
    "spokesperson", "leader", "chief", "commander", "ambassador", "director", "judge", "justice",
    "pope", "sheikh", "ayatollah", "supreme", "deputy", "vice", "former", "acting", "state",
    "opposition", "chairman", "chairwoman", "ceo", "head", "premier", "envoy", "attorney",
    "lieutenant", "officer", "detective", "inspector", "superintendent", "commissioner", "mp",
];

/// Demonyms and the country they name, for "Ukrainian involvement" → Ukraine.
pub const DEMONYMS: &[(&str, &str)] = &[
    ("ukrainian", "Ukraine"), ("russian", "Russia"), ("american", "United States"),
    ("israeli", "Israel"), ("palestinian", "Palestine"), ("iranian", "Iran"), ("chinese", "China"),
    ("syrian", "Syria"), ("iraqi", "Iraq"), ("afghan", "Afghanistan"), ("turkish", "Turkey"),
    ("french", "France"), ("german", "Germany"), ("british", "United Kingdom"),
    ("indian", "India"), ("pakistani", "Pakistan"), ("saudi", "Saudi Arabia"),
    ("egyptian", "Egypt"), ("lebanese", "Lebanon"), ("yemeni", "Yemen"), ("sudanese", "Sudan"),
    ("nigerian", "Nigeria"), ("kenyan", "Kenya"), ("mexican", "Mexico"), ("japanese", "Japan"),
    ("korean", "Korea"), ("north korean", "North Korea"), ("georgian", "Georgia"),
    ("armenian", "Armenia"), ("azerbaijani", "Azerbaijan"), ("tajik", "Tajikistan"),
    ("belarusian", "Belarus"), ("polish", "Poland"), ("italian", "Italy"), ("spanish", "Spain"),
    ("canadian", "Canada"), ("australian", "Australia"), ("brazilian", "Brazil"),
    ("venezuelan", "Venezuela"), ("colombian", "Colombia"), ("somali", "Somalia"),
    ("ethiopian", "Ethiopia"), ("libyan", "Libya"), ("jordanian", "Jordan"), ("qatari", "Qatar"),
    ("emirati", "United Arab Emirates"), ("hungarian", "Hungary"), ("dutch", "Netherlands"),
    ("swedish", "Sweden"), ("norwegian", "Norway"), ("danish", "Denmark"), ("greek", "Greece"),
    ("serbian", "Serbia"), ("croatian", "Croatia"), ("cuban", "Cuba"), ("chechen", "Chechnya"),
    ("uzbek", "Uzbekistan"), ("kazakh", "Kazakhstan"), ("kyrgyz", "Kyrgyzstan"),
    ("moldovan", "Moldova"), ("romanian", "Romania"), ("bulgarian", "Bulgaria"),
    ("taiwanese", "Taiwan"), ("vietnamese", "Vietnam"), ("filipino", "Philippines"),
    ("indonesian", "Indonesia"), ("malaysian", "Malaysia"), ("thai", "Thailand"),
    ("burmese", "Myanmar"), ("bangladeshi", "Bangladesh"), ("sri lankan", "Sri Lanka"),
    ("nepali", "Nepal"), ("irish", "Ireland"), ("scottish", "Scotland"), ("welsh", "Wales"),
    ("belgian", "Belgium"), ("swiss", "Switzerland"), ("austrian", "Austria"), ("czech", "Czech Republic"),
    ("slovak", "Slovakia"), ("finnish", "Finland"), ("estonian", "Estonia"), ("latvian", "Latvia"),
    ("lithuanian", "Lithuania"), ("portuguese", "Portugal"), ("argentine", "Argentina"),
    ("chilean", "Chile"), ("peruvian", "Peru"), ("haitian", "Haiti"), ("algerian", "Algeria"),
    ("moroccan", "Morocco"), ("tunisian", "Tunisia"), ("malian", "Mali"), ("congolese", "Congo"),
    ("rwandan", "Rwanda"), ("ugandan", "Uganda"), ("south african", "South Africa"),
    ("kuwaiti", "Kuwait"), ("bahraini", "Bahrain"), ("omani", "Oman"), ("kurdish", "Kurds"),
];

/// Sentences of these kinds are not claims: mourning, opinion, boilerplate, disclaimers.
pub const NON_CLAIM_WORDS: &[&str] = &[
    "mourns", "mourn", "mourning", "mourned", "condolences", "condolence", "pray", "prayers",
    "praying", "tribute", "tributes", "condemning", "condemned", "condemns", "condemn",
    "subscribe", "newsletter", "cookies", "copyright", "advertisement", "sympathies",
];

pub const NON_CLAIM_PHRASES: &[&str] = &[
    "views expressed", "do not reflect", "does not reflect", "all rights reserved", "read more",
    "click here", "sign up", "remains unclear", "remain unclear", "is unclear", "it is unclear",
    "are unclear", "stands united", "thoughts are with", "follow us", "not yet known",
    "remains unknown", "is not known", "was not immediately clear", "did not specify",
    "did not say", "declined to comment", "could not be reached", "did not respond",
];
