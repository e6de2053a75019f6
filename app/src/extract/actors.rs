//! Finding who says a claim (the claimant) and who it blames or clears (the target) as noun
//! phrases around the claim's verb, cleaning them into names, and resolving aliases across the
//! article ("Islamic State of Iraq and Syria (ISIS)" makes "ISIS" and the full name one actor).

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::{self, any};
use super::tokens::Token;
use crate::domain::{ActorKind, ActorRef};

/// Words skipped between a subject and its verb ("officials strongly refute", "ISIS allegedly claimed").
fn is_adverbial(t: &Token<'_>) -> bool {
    let w = t.lower.as_ref();
    (w.ends_with("ly") && w.len() > 4 && w != "italy" && w != "family")
        || matches!(
            w,
            "also"
                | "not"
                | "have"
                | "has"
                | "had"
                | "been"
                | "was"
                | "were"
                | "is"
                | "are"
                | "will"
                | "would"
                | "later"
                | "then"
                | "already"
                | "now"
                | "again"
                | "just"
                | "still"
                | "never"
                | "soon"
                | "since"
                | "previously"
                | "had."
                | "swiftly"
                | "on"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        )
}

/// A noun phrase as token indices `[first, last]`.
pub type Np = (usize, usize);

/// A role ("officials", "the ministry", "the leader") or kin ("his son"): a common noun that
/// names a party.
fn is_party_noun<W: lexicon::Word + ?Sized>(w: &W) -> bool {
    any(w, &lexicon::ROLE_NOUNS) || any(w, &lexicon::PARTY_NOUNS) || any(w, &lexicon::KIN_NOUNS)
}

fn is_role_or_modifier(t: &Token<'_>) -> bool {
    is_party_noun(&t.lower) || any(&t.lower, &lexicon::MODIFIERS)
}

fn is_name_word(t: &Token<'_>) -> bool {
    t.is_capitalised()
        && !any(&t.lower, &lexicon::STOP_CAPITALS)
        && !any(&t.lower, &lexicon::NUMBER_WORD_SET)
        || is_prefixed_name(t.text)
}

/// An Arabic name written with its article in lower case: "al-Qaeda", "al-Libi", "el-Sisi".
fn is_prefixed_name(w: &str) -> bool {
    ["al-", "el-"]
        .iter()
        .filter_map(|p| w.strip_prefix(p))
        .any(|rest| rest.starts_with(char::is_uppercase))
}

/// A lower-case particle inside a name: "Ahmed bin Salem", "Ursula von der Leyen".
fn is_name_particle(t: &Token<'_>) -> bool {
    matches!(
        t.text,
        "bin" | "ibn" | "bint" | "van" | "von" | "der" | "den" | "de" | "del" | "da" | "di" | "du"
    )
}

/// A role noun, also in the possessive ("the prosecutor's office") or described ("the
/// father-of-three").
fn is_role(t: &Token<'_>) -> bool {
    is_party_noun(&t.lower)
        || t.lower.strip_suffix("'s").is_some_and(is_party_noun)
        || is_described(t)
}

/// A party noun described in one hyphenated word: "father-of-three", "mother-of-two".
fn is_described(t: &Token<'_>) -> bool {
    described_head(&t.lower).is_some_and(is_party_noun)
}

/// The noun a one-word description is of: "father" in "father-of-three".
fn described_head(lower: &str) -> Option<&str> {
    // Most words hold no hyphen, and a character test costs less than a substring search's
    // set-up (this is asked of every word a speaker rule reads).
    if !lower.contains('-') {
        return None;
    }
    lower.split_once("-of-").map(|(head, _)| head)
}

fn is_possessive(t: &Token<'_>) -> bool {
    t.lower.ends_with("'s") || (t.text.ends_with('\'') || t.text.ends_with('’'))
}

/// A lower-case word saying who runs or backs what it precedes: "state-run", "government-owned",
/// "rebel-held".
fn is_run_by_modifier(t: &Token<'_>) -> bool {
    !t.is_capitalised()
        && t.lower.rsplit_once('-').is_some_and(|(_, by)| {
            matches!(
                by,
                "run"
                    | "owned"
                    | "backed"
                    | "controlled"
                    | "affiliated"
                    | "led"
                    | "held"
                    | "funded"
                    | "linked"
            )
        })
}

/// The subject noun phrase ending just before `verb`, if it names a party.
pub fn subject_before(toks: &[Token<'_>], verb: usize) -> Option<Np> {
    let mut end = verb;
    // Adverbs, and a quotation mark opening on the verb: "Hezbollah leader 'categorically denies'".
    while end > 0
        && (is_adverbial(&toks[end - 1]) || matches!(toks[end - 1].text, "'" | "‘" | "\"" | "“"))
    {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let last = end - 1;
    let mut first = end;
    let mut k = end;
    while k > 0 {
        let t = &toks[k - 1];
        // A parenthetical alias right after a name: "(ISIS)".
        if t.is(")") && k >= 3 && toks[k - 3].is("(") && toks[k - 2].is_acronym() {
            first = k - 3;
            k -= 3;
            continue;
        }
        let inner_connector = (t.is("of")
            || t.is("and")
            || t.is("the")
            || t.is("for")
            || t.is("&")
            || is_name_particle(t))
            && first < end
            && toks[first].is_capitalised()
            && k >= 2
            && is_name_word(&toks[k - 2]);
        // Lower-case modifiers only inside a phrase that ends in a role: "state media", "the
        // Coastal Guard anti-terror force" (a hyphenated word describes what follows it).
        let modifier = (any(&t.lower, &lexicon::MODIFIERS)
            || (t.is_word() && !t.is_capitalised() && t.has_hyphen()))
            && first < end
            && is_party_noun(&toks[last].lower);
        // "The workers' union", "a residents' group": a lower-case plural owner, in the
        // possessive, of the party noun right after it.
        let plural_owner = t.is_word()
            && !t.is_capitalised()
            && (t.text.ends_with('\'') || t.text.ends_with('’'))
            && first == k
            && first == last
            && is_party_noun(&toks[last].lower);
        let part = is_name_word(t) || is_role(t) || inner_connector || modifier || plural_owner;
        if !part {
            // "Turkey's disaster management agency": lower-case words back to an owner's name.
            if first < end && is_party_noun(&toks[last].lower) {
                let owner = (k.saturating_sub(3)..k).rev().find(|&j| {
                    is_possessive(&toks[j])
                        && toks[j].is_capitalised()
                        && toks[j + 1..k].iter().all(|x| {
                            x.is_word()
                                && !x.is_capitalised()
                                && !any(&x.lower, &lexicon::DETERMINERS)
                        })
                });
                if let Some(j) = owner {
                    // The owner's whole name: "the Northern Front's armed wing".
                    first = j;
                    while first > 0 && is_name_word(&toks[first - 1]) {
                        first -= 1;
                    }
                }
            }
            break;
        }
        first = k - 1;
        k -= 1;
    }
    if first > last || !has_party(toks, first, last) {
        return head_of_phrase(toks, end);
    }
    // "The father of Ola Nordmann said": the father speaks, not his son; "the army of Norway
    // said": the army, named with its owner.
    if first >= 2
        && (toks[first - 1].is("of") || toks[first - 1].is("for"))
        && is_role(&toks[first - 2])
        && (first == 2
            || !toks[first - 3].is_word()
            || any(&toks[first - 3].lower, &lexicon::DETERMINERS))
    {
        return Some(headed(toks, first - 2, last));
    }
    // "The health ministry in Gaza said", "Officials in Hamas-ruled Gaza blamed": the party is
    // the role or body before "in", placed by the name after it.
    // "in rebel-held Idlib", "in the Gaza Strip": a word of control or an article may stand
    // before the place.
    let mut place = first;
    if place >= 3 && is_controlled(&toks[place - 1].lower) {
        place -= 1;
    }
    if place >= 3 && toks[place - 1].is("the") {
        place -= 1;
    }
    if place >= 2
        && toks[place - 1].is("in")
        && let Some((owner_first, _)) = subject_before_in(toks, place - 1)
    {
        return Some((owner_first, last));
    }
    Some((first, last))
}

/// "The father of the attacker insisted", "a spokesman for the local council said": a subject
/// whose last words name no party, headed by a party noun and "of" or "for"; "officials at the
/// scene said", "doctors at the hospital": one placed where it speaks from.
fn head_of_phrase(toks: &[Token<'_>], end: usize) -> Option<Np> {
    head_of_owned_phrase(toks, end).or_else(|| placed_role(toks, end))
}

/// "Officials at the scene said", "police on the ground said": a role noun placed by a short
/// phrase of lower-case words after "at", "on" or "near" ("in" with a named place is
/// `subject_before_in`'s). The modifiers before the role stay with it ("hospital officials").
fn placed_role(toks: &[Token<'_>], end: usize) -> Option<Np> {
    let at = (end.saturating_sub(5)..end.saturating_sub(2))
        .rev()
        .take_while(|&k| {
            toks[k + 1..end]
                .iter()
                .all(|t| t.is_word() && !t.is_capitalised())
        })
        .find(|&k| {
            matches!(toks[k].lower.as_ref(), "at" | "on" | "near" | "in")
                && toks[k + 1].is("the")
                && k >= 1
                && is_role(&toks[k - 1])
        })?;
    let last = at - 1;
    let mut first = last;
    while first > 0 && {
        let p = &toks[first - 1];
        p.is_word() && !p.is_capitalised() && (is_role(p) || any(&p.lower, &lexicon::MODIFIERS))
    } {
        first -= 1;
    }
    // A capitalised first word that starts the sentence ("Hospital officials at the scene").
    if first == 1
        && toks[0].is_capitalised()
        && (is_role(&toks[0]) || any(&toks[0].lower, &lexicon::MODIFIERS))
    {
        first = 0;
    }
    Some((first, last))
}

fn head_of_owned_phrase(toks: &[Token<'_>], end: usize) -> Option<Np> {
    (end.saturating_sub(8)..end.saturating_sub(2))
        .rev()
        .take_while(|&k| {
            toks[k + 1..end]
                .iter()
                .all(|t| t.is_word() && !matches!(t.lower.as_ref(), "that" | "who" | "which"))
        })
        .find(|&k| {
            is_role(&toks[k])
                && (toks[k + 1].is("of") || toks[k + 1].is("for"))
                && (k == 0
                    || !toks[k - 1].is_word()
                    || any(&toks[k - 1].lower, &lexicon::DETERMINERS))
        })
        .map(|k| {
            // "the army of Israel": the owner's name after "of".
            let mut owner_last = k + 1;
            while owner_last + 1 < end && is_name_word(&toks[owner_last + 1]) {
                owner_last += 1;
            }
            headed(toks, k, owner_last)
        })
}

/// A party noun at `head` followed by "of" or "for" and its owner ending at `owner_last`: a body
/// is named with its owner ("the army of Norway"); kin are not (the father of a man is not the
/// man).
fn headed(toks: &[Token<'_>], head: usize, owner_last: usize) -> Np {
    if any(&toks[head].lower, &lexicon::KIN_NOUNS) || owner_last < head + 2 {
        (head, head)
    } else {
        (head, owner_last)
    }
}

/// The party ending just before the "in" at `at`: a role ("officials", "the health ministry") or
/// a body whose name ends in a capitalised noun ("the Anglican Church").
fn subject_before_in(toks: &[Token<'_>], at: usize) -> Option<Np> {
    let last = at.checked_sub(1)?;
    let t = &toks[last];
    if !(is_role(t) || is_name_word(t) && any(&t.lower, ORGANISATION_HEADS)) {
        return None;
    }
    let mut first = last;
    while first > 0 && {
        let p = &toks[first - 1];
        is_name_word(p) || is_role(p) || any(&p.lower, &lexicon::MODIFIERS)
    } {
        first -= 1;
    }
    has_party(toks, first, last).then_some((first, last))
}

/// Capitalised nouns that end the name of a body placed somewhere: "the Anglican Church in
/// Jerusalem", "the Red Cross in Lebanon".
const ORGANISATION_HEADS: &[&str] = &[
    "church",
    "cross",
    "crescent",
    "council",
    "ministry",
    "embassy",
    "consulate",
    "mission",
    "office",
    "police",
    "government",
    "authority",
    "authorities",
    "command",
    "army",
    "agency",
    "service",
    "department",
    "committee",
    "commission",
];

/// The noun phrase starting at or after `from` (past determiners), if it names a party:
/// capitalised names ("Russian forces", "Yemen's Houthi rebels") or roles ("officials").
pub fn np_after(toks: &[Token<'_>], from: usize) -> Option<Np> {
    let mut i = from;
    // Determiners, and who runs it: "the state-run National News Agency".
    while i < toks.len()
        && (any(&toks[i].lower, &lexicon::DETERMINERS) || is_run_by_modifier(&toks[i]))
    {
        i += 1;
    }
    let first = i;
    let t = toks.get(i)?;
    if !(is_name_word(t) || is_role_or_modifier(t)) {
        return None;
    }
    let mut last = i;
    let mut k = i + 1;
    while k < toks.len() {
        let t = &toks[k];
        if is_possessive(&toks[last]) && !is_name_word(t) {
            break; // a possessive before a common noun ends the name: "ISIS' branch", "Putin's allegations"
        }
        if t.is("(") && k + 2 < toks.len() && toks[k + 1].is_acronym() && toks[k + 2].is(")") {
            last = k + 2;
            break;
        }
        let connector =
            (t.is("of") || t.is("and") || t.is("&") || t.is("for") || is_name_particle(t))
                && toks.get(k + 1).is_some_and(is_name_word)
                && is_name_word(&toks[last]);
        if is_name_word(t) || connector || is_role_or_modifier(t) && !is_possessive(&toks[last]) {
            last = k;
            k += 1;
            continue;
        }
        break;
    }
    // Trailing modifiers are not names: "officials in the city" is fine, "state" alone is not.
    while last > first
        && any(&toks[last].lower, &lexicon::MODIFIERS)
        && !is_party_noun(&toks[last].lower)
    {
        last -= 1;
    }
    // "Satellite images showed", "Pentagon footage shows": the name describes what is shown,
    // and what is shown ("Images reviewed by …") tells nothing by itself.
    if toks
        .get(last + 1)
        .is_some_and(|n| any(&n.lower, EVIDENCE_NOUNS))
        || any(&toks[last].lower, EVIDENCE_NOUNS)
    {
        return None;
    }
    has_party(toks, first, last).then_some((first, last))
}

/// What is shown or found rather than who shows it: a name right before one of these
/// describes it ("Satellite images", "CCTV footage").
const EVIDENCE_NOUNS: &[&str] = &[
    "images",
    "image",
    "imagery",
    "photos",
    "photo",
    "photographs",
    "pictures",
    "footage",
    "video",
    "videos",
];

/// A demonym used as an adjective right at `i` ("Ukrainian involvement"), as its country.
pub fn demonym_at(toks: &[Token<'_>], i: usize) -> Option<ActorRef> {
    let t = toks
        .get(i)
        .filter(|t| t.lower.classes() & lexicon::DEMONYM != 0)?;
    let country = lexicon::country_of(&t.lower)?;
    Some(ActorRef {
        name: country.to_owned(),
        aliases: vec![t.text.to_owned()],
    })
}

/// Whether tokens `first..=last` name a party: a proper name, an acronym or a role.
fn has_party(toks: &[Token<'_>], first: usize, last: usize) -> bool {
    toks[first..=last].iter().enumerate().any(|(n, t)| {
        is_party_noun(&t.lower)
            || is_described(t)
            || t.is_acronym()
            || is_prefixed_name(t.text)
            || (t.is_capitalised()
                && !any(&t.lower, &lexicon::STOP_CAPITALS)
                && !any(&t.lower, &lexicon::DETERMINERS)
                && (n > 0 || first > 0 || t.is_acronym() || !is_common_opener(&t.lower)))
    })
}

/// Capitalised at the start of a sentence only because it starts it.
fn is_common_opener(w: &str) -> bool {
    !w.chars().next().is_some_and(char::is_alphabetic)
        || w.len() < 2
        || any(w, &lexicon::STOP_CAPITALS)
}

/// The clean name of a noun phrase, with the aliases it carried.
pub fn name_of(toks: &[Token<'_>], np: Np) -> Option<ActorRef> {
    let (mut first, mut last) = np;
    while first <= last && any(&toks[first].lower, &lexicon::DETERMINERS) {
        first += 1;
    }
    if first > last {
        return None;
    }
    let mut aliases = Vec::new();
    // A parenthetical acronym is the name the article goes on to use.
    let mut acronym = None;
    if last >= first + 2 && toks[last].is(")") && toks[last - 2].is("(") {
        let acr = toks[last - 1].text.to_owned();
        if last < first + 3 {
            // Nothing but "(ISIS)".
            return Some(ActorRef {
                name: acr,
                aliases: Vec::new(),
            });
        }
        acronym = Some(acr);
        last -= 3;
    }
    let full = join(toks, first, last);
    // "The health ministry in Gaza": the party is what stands before "in".
    if let Some(p) = (first + 1..last).find(|&p| toks[p].is("in")) {
        last = p - 1;
    }
    // "Russia's Federal Security Service" → "Federal Security Service"; but "Iran's foreign
    // ministry" → "Iran" (the owner is the party when only common nouns follow it), though not
    // when they name kin: "Ola Nordmann's father" is the father, not Ola Nordmann.
    let mut core_first = first;
    let mut core_last = last;
    for k in first..last {
        if is_possessive(&toks[k]) {
            if toks[k + 1..=last].iter().any(is_name_word) {
                core_first = k + 1;
            } else if any(&toks[last].lower, &lexicon::KIN_NOUNS) {
                core_first = last;
                break;
            } else if toks[k].is_capitalised() {
                core_last = k;
                break;
            }
        }
    }
    // "the force's statement said": the owner of a statement speaks.
    if core_last == last
        && last > core_first
        && matches!(toks[last].lower.as_ref(), "statement" | "statements")
        && is_possessive(&toks[last - 1])
    {
        core_last = last - 1;
    }
    let (first, last) = (core_first, core_last);
    // "Kremlin spokesman Dmitry Peskov", "news agency TASS": the name after the role.
    let mut tail = last + 1;
    while tail > first && is_name_word(&toks[tail - 1]) {
        tail -= 1;
    }
    let core_first = if tail > first
        && tail <= last
        && toks[first..tail].iter().any(|t| {
            !t.is_capitalised()
                && !is_name_particle(t)
                && !matches!(t.lower.as_ref(), "of" | "and" | "the" | "for" | "&")
        }) {
        tail
    } else {
        first
    };
    let mut name_first = core_first;
    // "Russian President Vladimir Putin" → "Vladimir Putin"; titles in any order, with words of
    // office or place before them: "UK Home Secretary Amber Rudd", "Secretary of State Antony Blinken",
    // "Rear Admiral Daniel Hagari", "Anglican Archbishop Hosam Naoum", "Mr Hopkins". The name is
    // what follows the last title, when that is all name words and none of them a role
    // ("Justice Department" is an office, not a person).
    if let Some(t) = (core_first..last)
        .rev()
        .find(|&t| any(&toks[t].lower, &lexicon::TITLES))
        && toks[t + 1..=last]
            .iter()
            .all(|x| is_name_word(x) && !is_role(x) && !any(&x.lower, &lexicon::TITLES))
    {
        name_first = name_first.max(t + 1);
    }
    let mut name = join(toks, name_first, last);
    if name.is_empty() {
        return None;
    }
    // A lone demonym names its country: "according to Israeli tallies" → Israel.
    if name_first == last
        && let Some(country) = demonym_at(toks, last)
    {
        aliases.push(name);
        name = country.name;
    }
    if full != name {
        aliases.push(full);
    }
    if let Some(short) = without_descriptor(&name) {
        aliases.push(short);
    }
    // "the Coastal Guard anti-terror force" is also "Coastal Guard", as other outlets call it: a
    // name followed only by words for its role (not a lone demonym: "Varnian officials").
    if let Some(head) = named_head(toks, name_first, last)
        && !aliases.contains(&head)
    {
        aliases.push(head);
    }
    // "the father-of-four" is also "the father", as other outlets call him.
    if name_first == last
        && let Some(head) = described_head(&toks[last].lower)
    {
        aliases.push(head.to_owned());
    }
    if let Some(a) = acronym {
        aliases.push(std::mem::replace(&mut name, a));
    }
    Some(ActorRef { name, aliases })
}

/// The capitalised name that opens `toks[first..=last]` when only role words and their
/// modifiers follow it ("Coastal Guard anti-terror force" → "Coastal Guard"); not a lone
/// demonym, not the whole phrase.
fn named_head(toks: &[Token<'_>], first: usize, last: usize) -> Option<String> {
    let mut end = first;
    while end <= last && (is_name_word(&toks[end]) || is_name_particle(&toks[end])) {
        end += 1;
    }
    // "Local officials", "Hospital officials" opening a sentence: a common word capitalised
    // only there is no name.
    if end == first || end > last || end == first + 1 && is_role_or_modifier(&toks[first]) {
        return None;
    }
    let roles = toks[end..=last].iter().all(|t| {
        !t.is_capitalised() && (is_role_or_modifier(t) || (t.is_word() && t.has_hyphen()))
    });
    // A place's adjective the lexicon does not know ("Dravian") is read as one, as `party_of`
    // reads it.
    let lone_demonym = end == first + 1
        && (demonym_at(toks, first).is_some()
            || ["ian", "ean", "ese", "ish"]
                .iter()
                .any(|x| toks[first].lower.ends_with(x)));
    (roles && is_party_noun(&toks[last].lower) && !lone_demonym).then(|| join(toks, first, end - 1))
}

/// The endings of a word that says who runs or holds a place or body: "Hamas-run",
/// "rebel-held".
const CONTROLLED: &[&str] = &[
    "-run",
    "-led",
    "-ruled",
    "-held",
    "-controlled",
    "-backed",
    "-based",
    "-affiliated",
];

fn is_controlled(w: &str) -> bool {
    CONTROLLED.iter().any(|s| w.ends_with(s))
}

/// The party a speaker speaks for, when the speaker is named by a role of it: "Islamic Jihad
/// spokesman" → "Islamic Jihad", "Israeli officials" → "Israel". What a party denies or claims
/// for itself is the party's, not its spokesman's. The speaker's name stays as an alias.
pub fn party_of(speaker: ActorRef) -> ActorRef {
    let words: Vec<&str> = speaker.name.split(' ').collect();
    let named = words
        .iter()
        .take_while(|w| w.starts_with(char::is_uppercase) || is_prefixed_name(w))
        .count();
    let role = |w: &&str| {
        let w = w.to_lowercase();
        is_party_noun(w.as_str()) || any(w.as_str(), &lexicon::MODIFIERS)
    };
    if named == 0 || named == words.len() || !words[named..].iter().all(role) {
        return speaker;
    }
    let party = if named == 1 {
        let w = words[0].to_lowercase();
        match lexicon::country_of(&w) {
            Some(country) => country.to_owned(),
            // An adjective of a place the lexicon does not know ("Dravian officials") names no
            // party by itself: the officials stay the party.
            None if ["ian", "ean", "ese", "ish"].iter().any(|s| w.ends_with(s)) => {
                return speaker;
            }
            None => words[0].to_owned(),
        }
    } else {
        words[..named].join(" ")
    };
    let mut aliases = vec![speaker.name.clone()];
    aliases.extend(speaker.aliases);
    aliases.retain(|a| *a != party);
    ActorRef {
        name: party,
        aliases,
    }
}

/// The name without a word that only describes it, which other outlets leave out: "Islamic
/// State group" → "Islamic State", "Hamas-run health ministry" → "health ministry".
fn without_descriptor(name: &str) -> Option<String> {
    let (head, rest) = name.split_once(' ')?;
    if is_controlled(&head.to_lowercase()) {
        return Some(rest.to_owned());
    }
    let (named, last) = name.rsplit_once(' ')?;
    (matches!(last, "group" | "organisation" | "organization" | "movement")
        && named
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) || is_prefixed_name(w)))
    .then(|| named.to_owned())
}

fn join(toks: &[Token<'_>], first: usize, last: usize) -> String {
    if first > last {
        return String::new();
    }
    let mut s = String::with_capacity(toks[last].end - toks[first].start);
    for (n, t) in toks[first..=last].iter().enumerate() {
        let mut w = t.text;
        if n + first == last {
            w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w = w
                .strip_suffix('\'')
                .or_else(|| w.strip_suffix('’'))
                .unwrap_or(w);
        }
        if !s.is_empty() && !t.is("-") {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

/// Words that, after a name's first word, make it an armed or campaigning group's.
const GROUP_WORDS: &[&str] = &[
    "militia",
    "jihad",
    "movement",
    "battalion",
    "faction",
    "mujahideen",
    "watch",
];

/// Words that make a name of capitalised words a body, not a person: "Example Herald",
/// "Northern Relief Council", "St Anne's Hospital".
const ORGANISATION_WORDS: &[&str] = &[
    "international",
    "council",
    "committee",
    "commission",
    "union",
    "party",
    "foundation",
    "institute",
    "association",
    "society",
    "church",
    "hospital",
    "university",
    "college",
    "times",
    "post",
    "herald",
    "news",
    "press",
    "tv",
    "radio",
    "corporation",
    "company",
    "bank",
    "cross",
    "crescent",
    "nations",
    "centre",
    "center",
    "office",
    "bureau",
    "authority",
    "observatory",
    "network",
    "alliance",
    "coalition",
    "federation",
];

/// A guess at the kind of an actor from its name, for new actor rows.
pub fn actor_kind(name: &str) -> ActorKind {
    use aho_corasick::AhoCorasick;
    use std::sync::LazyLock;
    /// Words inside the name of a government body.
    static GOVERNMENT: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new([
            "government",
            "ministry",
            "officials",
            "authorities",
            "police",
            "embassy",
            "army",
            "military",
            "intelligence",
            "agency",
            "agencies",
            "service",
            "department",
            "kremlin",
            "white house",
            "u.s.",
            "fsb",
            "forces",
            "court",
            "prosecutor",
        ])
        .expect("fixed patterns")
    });
    /// Words inside the name of an armed group.
    static GROUP: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new(["group", "state", "front", "brigade"]).expect("fixed patterns")
    });
    /// The lexicon's countries, ASCII lower-cased.
    static COUNTRIES: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
        lexicon::DEMONYMS
            .iter()
            .map(|(_, c)| c.to_ascii_lowercase())
            .collect()
    });
    let lower = name.to_lowercase();
    if GOVERNMENT.is_match(&lower) || COUNTRIES.contains(&name.to_ascii_lowercase()) {
        return ActorKind::Government;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // Kin named by one word: "the father-of-three" and "the father" are a person ("the
    // family", "the parents" are not one).
    let one_kin = |w: &str| any(w, &lexicon::KIN_NOUNS) && !w.ends_with('s') && w != "family";
    if words.len() == 1 && (one_kin(&lower) || described_head(&lower).is_some_and(one_kin)) {
        return ActorKind::Person;
    }
    let all_caps = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    // Words that make a name a group's after its first word ("Coastal Militia", "Islamic
    // Jihad", "Civic Watch"; not "Jihad Azour"), and "Amnesty" anywhere.
    let group_word = words.iter().enumerate().any(|(n, w)| {
        let w = w.to_lowercase();
        (n > 0 && any(&w, GROUP_WORDS)) || w == "amnesty"
    });
    if all_caps || GROUP.is_match(&lower) || group_word {
        return ActorKind::Group;
    }
    if (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words
            .iter()
            .any(|w| any(&w.to_lowercase(), ORGANISATION_WORDS))
    {
        return ActorKind::Person;
    }
    ActorKind::Organisation
}

/// Words that, alone, stand for the body last named in full with them: "the ministry" after
/// "the defence ministry".
const BODY_HEADS: &[&str] = &[
    "ministry",
    "army",
    "police",
    "military",
    "government",
    "embassy",
    "agency",
    "service",
    "services",
    "council",
    "court",
    "prosecutor",
    "militia",
];

/// How many of the groups an article named are remembered for "the militia said".
const RECENT_GROUPS: usize = 8;

/// Aliases learned from the article so far, so every mention of one party gets one name.
#[derive(Default)]
pub struct Registry {
    by_key: HashMap<String, ActorRef>,
    /// The groups named so far, the latest last (at most `RECENT_GROUPS`).
    groups: Vec<ActorRef>,
    last_person: Option<ActorRef>,
    /// The latest body named by each word that can stand for it alone: "ministry" for "the
    /// defence ministry", "police" for "Greater Manchester Police".
    heads: HashMap<String, ActorRef>,
    /// `actor_kind` of the names met so far: an article names the same parties again and again.
    kinds: HashMap<String, ActorKind>,
    /// Where a name is lower-cased to be looked up (`lower_into`), so a lookup allocates nothing.
    scratch: String,
}

/// `*slot = Some(actor.clone())`, reusing the strings already in the slot: this runs for every
/// speaker.
fn keep(slot: &mut Option<ActorRef>, actor: &ActorRef) {
    match slot {
        Some(kept) => {
            kept.name.clone_from(&actor.name);
            kept.aliases.clone_from(&actor.aliases);
        }
        None => *slot = Some(actor.clone()),
    }
}

/// `s.to_lowercase()`, written into `buf`.
fn lower_into<'b>(buf: &'b mut String, s: &str) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

impl Registry {
    /// Learns "Full Name (ACRONYM)" pairs from a unit's tokens.
    pub fn learn(&mut self, toks: &[Token<'_>]) {
        for k in 0..toks.len() {
            if toks[k].is("(")
                && k + 2 < toks.len()
                && toks[k + 1].is_acronym()
                && toks[k + 2].is(")")
                && k > 0
            {
                // Walk back over the capitalised name before the parenthesis.
                if let Some(np) = subject_before(toks, k)
                    && let Some(full) = name_of(toks, np)
                {
                    let acr = toks[k + 1].text.to_owned();
                    let mut aliases = vec![full.name.clone()];
                    aliases.extend(full.aliases);
                    let actor = ActorRef {
                        name: acr.clone(),
                        aliases,
                    };
                    for key in std::iter::once(&acr).chain(actor.aliases.iter()) {
                        self.by_key.insert(key.to_lowercase(), actor.clone());
                    }
                }
            }
        }
    }

    /// The person most recently named, for "she said".
    pub fn last_person(&self) -> Option<ActorRef> {
        self.last_person.clone()
    }

    /// Someone spoke whom the article did not name: "he" may no longer be the person last named.
    pub fn forget_person(&mut self) {
        self.last_person = None;
    }

    /// The group "the militia" or "the movement" stands for: the latest group whose name holds
    /// that word ("the Coastal Militia"), else the latest group, but one that campaigns ("Civic
    /// Watch") is only ever "the group" or "the organisation".
    pub fn group_called(&self, word: &str) -> Option<ActorRef> {
        let any_group = ["group", "organisation", "organization"]
            .iter()
            .any(|g| g.eq_ignore_ascii_case(word));
        let campaigns = |g: &ActorRef| {
            ["watch", "amnesty", "rights", "international"]
                .iter()
                .any(|c| g.name.to_lowercase().contains(c))
        };
        let latest = self.groups.iter().rev();
        latest
            .clone()
            .find(|g| g.name.split(' ').any(|w| w.eq_ignore_ascii_case(word)))
            .or_else(|| latest.clone().find(|g| any_group || !campaigns(g)))
            .cloned()
    }

    /// The canonical form of `actor`, merging what the registry knows.
    pub fn resolve(&mut self, actor: ActorRef) -> ActorRef {
        let resolved = self.resolve_inner(actor);
        if let Some((_, head)) = resolved.name.rsplit_once(' ')
            && any(lower_into(&mut self.scratch, head), BODY_HEADS)
        {
            match self.heads.get_mut(self.scratch.as_str()) {
                Some(kept) if *kept == resolved => {}
                Some(kept) => kept.clone_from(&resolved),
                None => {
                    self.heads.insert(self.scratch.clone(), resolved.clone());
                }
            }
        }
        match self.kind_of(&resolved.name) {
            ActorKind::Group => {
                self.groups.retain(|g| g.name != resolved.name);
                if self.groups.len() == RECENT_GROUPS {
                    self.groups.remove(0);
                }
                self.groups.push(resolved.clone());
            }
            ActorKind::Person => keep(&mut self.last_person, &resolved),
            _ => {}
        }
        resolved
    }

    fn kind_of(&mut self, name: &str) -> ActorKind {
        if let Some(k) = self.kinds.get(name) {
            return *k;
        }
        let k = actor_kind(name);
        self.kinds.insert(name.to_owned(), k);
        k
    }

    fn resolve_inner(&mut self, actor: ActorRef) -> ActorRef {
        // "The ministry said": the ministry last named in full.
        if !actor.name.contains(' ')
            && let Some(body) = self.heads.get(lower_into(&mut self.scratch, &actor.name))
        {
            let mut merged = body.clone();
            if !merged.aliases.contains(&actor.name) {
                merged.aliases.push(actor.name);
            }
            return merged;
        }
        for key in std::iter::once(&actor.name).chain(actor.aliases.iter()) {
            if let Some(known) = self.by_key.get(lower_into(&mut self.scratch, key)) {
                // The same mention again (the common case): it is what is known, uncopied.
                if *known == actor {
                    return actor;
                }
                let mut merged = known.clone();
                for a in std::iter::once(&actor.name).chain(actor.aliases.iter()) {
                    if *a != merged.name && !merged.aliases.contains(a) {
                        merged.aliases.push(a.clone());
                    }
                }
                return merged;
            }
        }
        // Remember people by surname so "Putin" later is "Vladimir Putin".
        let words: Vec<&str> = actor.name.split_whitespace().collect();
        if words.len() == 2 && self.kind_of(&actor.name) == ActorKind::Person {
            self.remember(words[1], &actor);
        }
        self.remember(&actor.name, &actor);
        actor
    }

    /// Keys `actor` by `key` unless the key already stands for a party.
    fn remember(&mut self, key: &str, actor: &ActorRef) {
        let key = lower_into(&mut self.scratch, key);
        if !self.by_key.contains_key(key) {
            self.by_key.insert(key.to_owned(), actor.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn subject(s: &str, verb: &str) -> Option<String> {
        let toks = tokenize(s, 0, s.len());
        let v = toks.iter().position(|t| t.lower == verb)?;
        let np = subject_before(&toks, v)?;
        name_of(&toks, np).map(|a| a.name)
    }

    #[test]
    fn subjects_are_cleaned_into_names() {
        assert_eq!(
            subject(
                "Following the attack, Russia's Federal Security Service announced that",
                "announced"
            )
            .as_deref(),
            Some("Federal Security Service")
        );
        assert_eq!(
            subject(
                "with Russian President Vladimir Putin suggesting",
                "suggesting"
            )
            .as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(
            subject(
                "However, U.S. officials strongly refute any claims",
                "refute"
            )
            .as_deref(),
            Some("U.S. officials")
        );
        assert_eq!(
            subject(
                "The Islamic State of Iraq and Syria (ISIS) allegedly claimed",
                "claimed"
            )
            .as_deref(),
            Some("ISIS")
        );
        assert_eq!(
            subject("While Russian officials suspected", "suspected").as_deref(),
            Some("Russian officials")
        );
        assert_eq!(subject("The attack lasted", "lasted"), None);
        assert_eq!(subject("It said", "said"), None);
    }

    #[test]
    fn objects_stop_at_possessives_and_keep_acronyms() {
        let s = "attributed the attack to ISIS' branch in Russia";
        let toks = tokenize(s, 0, s.len());
        let np = np_after(&toks, 4).map(|np| name_of(&toks, np).map(|a| a.name));
        assert_eq!(np, Some(Some("ISIS".into())));
        let s = "suspected ISIS-Khorasan (ISIS-K), the branch";
        let toks = tokenize(s, 0, s.len());
        let a = np_after(&toks, 1).and_then(|np| name_of(&toks, np));
        assert_eq!(
            a.map(|a| (a.name, a.aliases)),
            Some(("ISIS-K".into(), vec!["ISIS-Khorasan".into()]))
        );
    }

    #[test]
    fn one_relative_is_a_person_and_a_family_is_not() {
        for name in ["Father", "the mother", "father-of-three", "Nephew"] {
            let name = name.trim_start_matches("the ");
            assert_eq!(actor_kind(name), ActorKind::Person, "{name}");
        }
        for name in ["family", "parents", "relatives"] {
            assert_ne!(actor_kind(name), ActorKind::Person, "{name}");
        }
    }

    #[test]
    fn a_body_named_by_its_head_alone_is_the_one_last_named_in_full() {
        let actor = |n: &str| ActorRef {
            name: n.to_owned(),
            aliases: Vec::new(),
        };
        let mut r = Registry::default();
        r.resolve(actor("health ministry"));
        r.resolve(actor("defence ministry"));
        let got = r.resolve(actor("ministry"));
        assert_eq!(got.name, "defence ministry");
        assert!(got.aliases.contains(&"ministry".to_owned()));
        // A word no body was named by stays as it is.
        assert_eq!(r.resolve(actor("police")).name, "police");
    }

    #[test]
    fn a_name_before_what_is_shown_is_no_party() {
        for s in [
            "Satellite images showed a crater",
            "Pentagon footage shows the launch",
        ] {
            let toks = tokenize(s, 0, s.len());
            assert_eq!(np_after(&toks, 0), None, "{s}");
        }
        let s = "Pentagon officials said";
        let toks = tokenize(s, 0, s.len());
        assert!(np_after(&toks, 0).is_some());
    }

    #[test]
    fn a_name_of_capitalised_words_is_a_person_unless_a_word_names_a_body() {
        for name in ["Aren Voss", "Nils Berg", "Mary Anne Holt", "Jihad Azour"] {
            assert_eq!(actor_kind(name), ActorKind::Person, "{name}");
        }
        for name in [
            "Coastal Militia",
            "Civic Watch",
            "Amnesty International",
            "Islamic Jihad",
        ] {
            assert_eq!(actor_kind(name), ActorKind::Group, "{name}");
        }
        for name in [
            "Example Herald",
            "Northern Relief Council",
            "St Anne's Hospital",
            "UN Human Rights Council",
        ] {
            assert_eq!(actor_kind(name), ActorKind::Organisation, "{name}");
        }
    }
}
