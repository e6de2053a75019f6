//! Propositions: what the tracer clusters. A claim asserts one proposition, or one per counted
//! thing when it carries counts ("22 killed and 59 injured" asserts a death toll and an injured
//! count, each of which other articles repeat on its own), and a claim of another kind that
//! carries a count (a blame "for the bombing that killed 22") also asserts that count.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::article::{ArticleInput, sentence_around};
use super::text;
use crate::domain::{ClaimKind, Figure};

/// The categories of people a story's counts are about (the extractor's vocabulary, plus
/// "displaced"). Other categories are amounts, or a counted noun the extractor fell back on
/// ("people", "hospitals"), which is too vague to track or to link claims by.
const PEOPLE: &[&str] = &[
    "killed",
    "injured",
    "arrested",
    "missing",
    "hostages",
    "displaced",
    "evacuated",
    "perpetrators",
];

/// Amounts worth a timeline too (the stored explosive, the damage).
const AMOUNTS: &[&str] = &["tonnes", "usd", "kg", "buildings"];

/// Whether a figure category counts people.
pub fn counts_people(category: &str) -> bool {
    PEOPLE.contains(&category)
}

/// Whether a figure category gets a timeline in the figure tracker.
pub fn tracked(category: &str) -> bool {
    counts_people(category) || AMOUNTS.contains(&category)
}

/// Words that mark a figure as an earlier one the article itself reports as replaced.
const SUPERSEDED: &[&str] = &[
    "earlier",
    "previously",
    "previous",
    "originally",
    "initially",
    "had put",
];

/// A claim of an article, named by the article's index and the claim's index in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClaimRef {
    pub article: usize,
    pub claim: usize,
}

/// One proposition of one claim, with the features the tracer compares.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposition {
    pub claim: ClaimRef,
    pub kind: ClaimKind,
    /// The counted category when this proposition is a count (a death toll, an arrest count).
    pub count: Option<String>,
    /// The figures this proposition asserts (the count's own figures for a count).
    pub figures: Vec<Figure>,
    /// The counts of people the claim gives for another place or an earlier time ("1,400 killed
    /// in Ostra last year"): no values of this story's counts, but what the claim is about.
    pub elsewhere: Vec<Figure>,
    /// Byte range of the claim's sentence in its article's body.
    pub sentence: (usize, usize),
    pub headline: bool,
    /// Stemmed content words of the claim's own words, with how often each occurs.
    pub stems: BTreeMap<String, u32>,
    pub claimant: BTreeSet<String>,
    /// The countries the claimant speaks for, when its name or title says (`text::side_of`).
    pub side: BTreeSet<String>,
    pub target: BTreeSet<String>,
    /// The countries the target belongs to, by its name or by the titles its article gives it
    /// elsewhere (`text::sides_in`).
    pub target_side: BTreeSet<String>,
    /// The target is named only by its country ("Denmark", "a Danish rocket").
    pub target_only_a_country: bool,
    /// The target names no one in particular: others, unnamed ("a wider network",
    /// `text::names_no_one_in_particular`).
    pub target_unnamed: bool,
    /// Whether the claim speaks of a party's ties (membership, allegiance) rather than of an
    /// act (`text::speaks_of_ties`).
    pub ties: bool,
    /// How many the claim says did the act, if it says (`text::perpetrators`).
    pub perpetrators: Option<text::Perpetrators>,
    /// What the claim tells of who did it: that he is known, or his name (`text::identity`).
    pub identity: Option<text::Identity>,
    /// A statement that its teller cannot yet tell what happened ("we cannot yet confirm it was
    /// a strike", `text::undecided`): a later account of the same teller settles it.
    pub undecided: bool,
    /// Whether the claim is a denial of a reported figure ("disputes this figure") rather than
    /// of an act (`text::disputes_a_tally`).
    pub disputes_tally: bool,
    /// The weekdays the claim names (`text::weekdays`).
    pub days: BTreeSet<String>,
    /// The threat or alert level the claim gives (`text::level`).
    pub level: Option<&'static str>,
    /// The ages the claim gives the people it is about (`text::ages`).
    pub ages: BTreeSet<u32>,
    /// A toll told only by its order of magnitude, and what it counts (`text::vague_toll`).
    pub vague_toll: Option<(String, &'static str)>,
    pub hedged: bool,
    /// The sentence reports this figure as an earlier one ("previously", "originally").
    pub superseded: bool,
    /// A count of the held told net of releases ("eight in custody after two were released",
    /// `text::held_after_releases`): those still held, not the arrests' running total, so no
    /// value of its timeline and no update of a total (a later count of the held updates it).
    pub net_of_releases: bool,
    /// Whether its count is a part of the story's count ("seven children", "two are among
    /// those held") or an increment to it ("three more arrested"): a claim other reports
    /// repeat, but not a value of the count, so no count updates or contradicts it.
    pub part: bool,
    /// A headline's count that rounds the precise count its body gives ("470 killed" over a
    /// body's 471, `rounds`): a claim of its own, but no value of its own in the figure
    /// tracker, where the body's precise value stands.
    pub rounded: bool,
    /// The values of the same count its sentence sets this one against as earlier ones ("100
    /// to 300 killed, far fewer than the nearly 500 deaths first described"): not values of
    /// this proposition, but what it answers.
    pub set_against: Vec<f64>,
    /// Per figure, in the order of `figures`: whether it is a value of its count's timeline
    /// (`figures::track`): a tracked category, not reported as an earlier figure, and no part,
    /// increment or count named by reference. Read once from the claim's sentence when the
    /// proposition is made, not at every derivation of its story.
    pub in_series: Vec<bool>,
}

impl Proposition {
    /// The counted values, sorted (one for "22 killed", two for "between 200 and 300").
    pub fn values(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.figures.iter().map(|f| f.value).collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    }

    /// The counts read, each as its bounds: `(22, 22)` for "22 killed", `(200, 300)` for
    /// "between 200 and 300" (the two ends of a range are read from the same words), sorted.
    pub fn readings(&self) -> Vec<(f64, f64)> {
        let mut by_text: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        for f in &self.figures {
            let r = by_text.entry(&f.text).or_insert((f.value, f.value));
            r.0 = r.0.min(f.value);
            r.1 = r.1.max(f.value);
        }
        let mut v: Vec<(f64, f64)> = by_text.into_values().collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        v.dedup();
        v
    }
}

/// The propositions of an article's claims, in text order.
pub fn propositions(article_index: usize, a: &ArticleInput) -> Vec<Proposition> {
    let mut out = Vec::new();
    let sentences: Vec<(usize, usize)> = a
        .claims
        .iter()
        .map(|c| sentence_around(&a.body, c.start, c.start + c.quote.len()))
        .collect();
    // The counts the count claims (a toll, an arrest count) of each sentence assert: another
    // claim of the same sentence (the blame for those deaths) does not assert them again.
    let counted_in: BTreeSet<((usize, usize), &str)> = a
        .claims
        .iter()
        .zip(&sentences)
        .flat_map(|(c, s)| {
            c.figures
                .iter()
                .filter(|f| counts_its_kind(c.kind, &f.category))
                .map(move |f| (*s, f.category.as_str()))
        })
        .collect();
    let mut article_reads = ArticleReads::new(&a.body);
    let year = a.published.map(|d| chrono::Datelike::year(&d));
    let lede = Lede::of(a);
    let levels = threat_levels(a);
    for (i, c) in a.claims.iter().enumerate() {
        let sentence = sentences[i];
        let sentence_text = &a.body[sentence.0..sentence.1];
        let headline = a.headline_end > 0 && c.start < a.headline_end;
        let mut stems = BTreeMap::new();
        for s in text::content_stems(&c.quote) {
            *stems.entry(s).or_insert(0) += 1;
        }
        let article_affiliation = c
            .claimant
            .as_ref()
            .map(|r| article_reads.affiliation_of(r))
            .unwrap_or_default();
        // A party named by a role ("the father") is also the person its article names in it.
        let mut names = |r: &Option<crate::domain::ActorRef>| {
            r.as_ref()
                .map(|r| {
                    let person = article_reads.person_in_role(&r.name);
                    text::party_tokens(
                        std::iter::once(r.name.as_str())
                            .chain(r.aliases.iter().map(String::as_str))
                            .chain(person.as_deref()),
                    )
                })
                .unwrap_or_default()
        };
        // A figure its clause dates to an earlier year, or gives another scope (a war's running
        // total, another place's toll), is not a count of this story's event.
        let (own, elsewhere): (Vec<Figure>, Vec<Figure>) =
            c.figures.iter().cloned().partition(|f| {
                year.is_none_or(|y| !dated_before(sentence_text, f, y))
                    && !another_scope(sentence_text, f, &lede)
            });
        let elsewhere = elsewhere
            .into_iter()
            .filter(|f| counts_people(&f.category))
            .collect();
        let base = Proposition {
            claim: ClaimRef {
                article: article_index,
                claim: i,
            },
            kind: c.kind,
            count: None,
            figures: own,
            elsewhere,
            sentence,
            headline,
            stems,
            claimant: {
                let mut tokens = names(&c.claimant);
                if let Some(r) = &c.claimant {
                    let said_here = text::affiliation_tokens(
                        std::iter::once(r.name.as_str())
                            .chain(r.aliases.iter().map(String::as_str)),
                        sentence_text,
                    );
                    // A teller titled elsewhere in its article ("Ostra Police chief Nils
                    // Berg" above, "Berg said" here) speaks for the same party here.
                    if said_here.is_empty() {
                        tokens.extend(article_affiliation);
                    } else {
                        tokens.extend(said_here);
                    }
                }
                tokens
            },
            side: c
                .claimant
                .as_ref()
                .map(|r| {
                    text::side_of(
                        std::iter::once(r.name.as_str())
                            .chain(r.aliases.iter().map(String::as_str)),
                        sentence_text,
                    )
                })
                .unwrap_or_default(),
            target: names(&c.target),
            target_side: c
                .target
                .as_ref()
                .map(|r| {
                    std::iter::once(&r.name)
                        .chain(&r.aliases)
                        .flat_map(|n| article_reads.sides_of(n))
                        .collect()
                })
                .unwrap_or_default(),
            target_only_a_country: c
                .target
                .as_ref()
                .is_some_and(|r| text::names_only_a_country(&r.name)),
            target_unnamed: c
                .target
                .as_ref()
                .is_some_and(|r| text::names_no_one_in_particular(&r.name)),
            hedged: c.hedged,
            ties: text::speaks_of_ties(&c.quote),
            perpetrators: text::perpetrators(&c.quote),
            identity: text::identity(&c.quote),
            disputes_tally: c.kind == ClaimKind::Denial && text::disputes_a_tally(&c.quote),
            undecided: c.kind == ClaimKind::Statement && text::undecided(&c.quote),
            days: text::weekdays(&c.quote),
            level: levels[i],
            ages: text::ages(&c.quote),
            vague_toll: text::vague_toll(&c.quote),
            superseded: false,
            net_of_releases: false,
            part: false,
            rounded: false,
            set_against: Vec::new(),
            in_series: Vec::new(),
        };
        let mut categories: Vec<&str> = base
            .figures
            .iter()
            .map(|f| f.category.as_str())
            .filter(|cat| counts_people(cat))
            .collect();
        categories.sort_unstable();
        categories.dedup();
        let counted = matches!(c.kind, ClaimKind::Casualty | ClaimKind::Arrest);
        // A count of another kind than the claim's ("arrested the manager, two days after a
        // blast killed 27") is asserted by the sentence's claim of that kind when it has one.
        categories
            .retain(|cat| counts_its_kind(c.kind, cat) || !counted_in.contains(&(sentence, *cat)));
        // "Police arrested a man on Friday, the tenth person taken into custody": one more
        // arrest, told with the running tally. It asserts that arrest (which a report of
        // "another man arrested" repeats) as well as the tally.
        let one_more_arrest = c.kind == ClaimKind::Arrest && {
            let mut held = base
                .figures
                .iter()
                .filter(|f| counts_its_kind(c.kind, &f.category))
                .peekable();
            held.peek().is_some() && held.all(by_ordinal)
        };
        if !counted || categories.is_empty() {
            out.push(base.clone());
        } else if one_more_arrest {
            let mut one = base.clone();
            one.figures.retain(|f| !by_ordinal(f));
            out.push(one);
        }
        for cat in categories {
            let figures: Vec<Figure> = base
                .figures
                .iter()
                .filter(|f| f.category == cat)
                .cloned()
                .collect();
            // The figures the sentence reports as earlier ones ("now 30; it had put it at 12") are
            // dropped when it reports a current value too; else they make the count superseded.
            let (earlier, current): (Vec<Figure>, Vec<Figure>) = figures
                .into_iter()
                .partition(|f| reported_as_superseded(sentence_text, &f.text));
            // A part of the count ("120 of them critical") beside an earlier value is no
            // current value: the count stays superseded.
            let folded = text::fold(sentence_text);
            let is_part = |f: &Figure| is_part(&folded, f, &c.figures);
            let superseded = !earlier.is_empty() && current.iter().all(is_part);
            // A whole and a part of it in one sentence ("5,000 injured, 120 of them critical")
            // are two propositions, each repeated on its own by other reports.
            // A part beside an earlier value ("had put it at 5,000, 120 of them critical") is
            // still a part reported.
            let (parts, wholes): (Vec<Figure>, Vec<Figure>) =
                current.into_iter().partition(is_part);
            let set_against: Vec<f64> = if superseded {
                Vec::new()
            } else {
                earlier.iter().map(|f| f.value).collect()
            };
            let whole = if superseded { earlier } else { wholes };
            let groups = [(whole, superseded, false), (parts, false, true)]
                .into_iter()
                .filter(|(g, _, _)| !g.is_empty());
            let kind = if counts_its_kind(c.kind, cat) {
                c.kind
            } else if cat == "arrested" {
                ClaimKind::Arrest
            } else {
                ClaimKind::Casualty
            };
            for (figures, superseded, part) in groups {
                out.push(Proposition {
                    kind,
                    count: Some(cat.to_owned()),
                    figures,
                    superseded,
                    net_of_releases: cat == "arrested"
                        && !part
                        && text::held_after_releases(sentence_text),
                    part,
                    set_against: if part {
                        Vec::new()
                    } else {
                        set_against.clone()
                    },
                    ..base.clone()
                });
            }
        }
    }
    set_against_earlier_counts_beside(&mut out);
    date_the_headline_s_arrest(&mut out);
    read_headline_roundings(&mut out);
    // Each sentence folded once, however many of its claims' propositions carry figures.
    let mut folded: BTreeMap<(usize, usize), String> = BTreeMap::new();
    for p in &mut out {
        if p.figures.is_empty() {
            continue;
        }
        let sentence = folded
            .entry(p.sentence)
            .or_insert_with(|| text::fold(&a.body[p.sentence.0..p.sentence.1]));
        let read_in = &a.claims[p.claim.claim].figures;
        let net = p.net_of_releases;
        p.in_series = p
            .figures
            .iter()
            .map(|f| {
                !net && tracked(&f.category)
                    && !reported_as_superseded(sentence, &f.text)
                    && !is_part(sentence, f, read_in)
            })
            .collect();
    }
    out
}

/// Whether a figure counts by an ordinal ("the tenth person to be detained"): the place of one
/// more person in a running tally.
fn by_ordinal(f: &Figure) -> bool {
    f.text.split_whitespace().next().is_some_and(|w| {
        let w = w.to_lowercase();
        crate::extract::lexicon::ORDINAL_WORDS
            .words()
            .contains(&w.as_str())
    })
}

/// Whether a claim of `kind` asserts its figures of `category` as its own count: an arrest its
/// count of the held, a casualty claim its count of the dead, hurt, missing….
fn counts_its_kind(kind: ClaimKind, category: &str) -> bool {
    match kind {
        ClaimKind::Arrest => category == "arrested",
        ClaimKind::Casualty => category != "arrested",
        _ => false,
    }
}

/// The threat level each warning of an article gives (`text::level`). One that speaks of the level
/// without naming its step ("the threat level indicates an attack may be imminent") gives the
/// step its article last named before it, or else the first it names: the article speaks of
/// one level. A claim of another kind gives none: a toll told in the sentence that raises the
/// level ("raised to critical after the attack that killed 22") asserts the toll, and the
/// warning read from the same sentence asserts the level.
fn threat_levels(a: &ArticleInput) -> Vec<Option<&'static str>> {
    let named: Vec<Option<&'static str>> = a.claims.iter().map(|c| text::level(&c.quote)).collect();
    let first_named = named.iter().find_map(|l| *l);
    let mut last = None;
    a.claims
        .iter()
        .zip(&named)
        .map(|(c, &l)| {
            let level = if l.is_some() {
                last = l;
                l
            } else if text::speaks_of_level(&c.quote) {
                // Before any step is named, the first one named is the article's.
                last.or(first_named)
            } else {
                None
            };
            level.filter(|_| c.kind == ClaimKind::Warning)
        })
        .collect()
}

/// A headline's arrest that names no day ("Police arrest another man") is the arrest its body
/// first dates ("police arrested a man on Friday"): it takes that day, so that it is not taken
/// for an arrest of another day that other reports tell in like words.
fn date_the_headline_s_arrest(props: &mut [Proposition]) {
    let undated_arrest = |p: &Proposition| p.kind == ClaimKind::Arrest && p.days.is_empty();
    if !props.iter().any(|p| p.headline && undated_arrest(p)) {
        return;
    }
    let Some(days) = props
        .iter()
        .find(|p| !p.headline && p.kind == ClaimKind::Arrest && !p.days.is_empty())
        .map(|p| p.days.clone())
    else {
        return;
    };
    for p in props.iter_mut().filter(|p| p.headline && undated_arrest(p)) {
        p.days.clone_from(&days);
    }
}

/// A sentence told as two accounts ("100 to 300 killed, far fewer than the nearly 500 deaths
/// that officials first described") is two claims: the earlier count, a claim of its own, is
/// still set against the current one beside it, as when one claim holds both.
fn set_against_earlier_counts_beside(props: &mut [Proposition]) {
    // (sentence, category) -> (claim, value) of each earlier count told there.
    type Sentence = (usize, usize);
    let mut earlier: BTreeMap<(Sentence, String), Vec<(usize, f64)>> = BTreeMap::new();
    for p in props.iter().filter(|p| p.superseded && !p.part) {
        if let Some(cat) = &p.count {
            let values = earlier.entry((p.sentence, cat.clone())).or_default();
            values.extend(p.figures.iter().map(|f| (p.claim.claim, f.value)));
        }
    }
    if earlier.is_empty() {
        return;
    }
    for p in props.iter_mut().filter(|p| !p.superseded && !p.part) {
        let Some(cat) = &p.count else { continue };
        if let Some(values) = earlier.get(&(p.sentence, cat.clone())) {
            let own = p.claim.claim;
            for &(_, v) in values.iter().filter(|(c, _)| *c != own) {
                if !p.set_against.contains(&v) {
                    p.set_against.push(v);
                }
            }
        }
    }
}

/// Whether `round` is `precise` told in a round number: a multiple of ten within 2% of a
/// value that is not one ("470" for 471).
pub fn rounds(round: f64, precise: f64) -> bool {
    round != precise
        && precise > 0.0
        && round % 10.0 == 0.0
        && precise % 10.0 != 0.0
        && (round - precise).abs() <= precise / 50.0
}

/// Headlines round: a headline's count that rounds a count of the same thing in its body
/// ("470 killed" over "a total of 471 were killed") is marked `rounded`. It stays a claim of
/// its own (reviewers may rate the headline's figure; readers of other reports repeat it), and
/// keeps its value.
///
/// The body's values are sorted per category and each headline figure looks up only the
/// nearest ones, so an article's figures are read in n log n time.
fn read_headline_roundings(props: &mut [Proposition]) {
    let current = |p: &Proposition| p.count.is_some() && !p.part && !p.superseded;
    let mut precise: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for p in props.iter().filter(|p| !p.headline && current(p)) {
        // Only a value that is no multiple of ten can be rounded to one.
        for f in p.figures.iter().filter(|f| f.value % 10.0 != 0.0) {
            precise.entry(&f.category).or_default().push(f.value);
        }
    }
    for values in precise.values_mut() {
        values.sort_by(f64::total_cmp);
        values.dedup();
    }
    let rounded: Vec<bool> = props
        .iter()
        .map(|p| {
            p.headline
                && current(p)
                && p.figures.iter().any(|f| {
                    precise.get(f.category.as_str()).is_some_and(|values| {
                        // `rounds` holds for every value from round / 1.02 to round / 0.98,
                        // so the first one or two from there decide (two for the bound's
                        // floating-point edge).
                        let from = values.partition_point(|&v| v < f.value / 1.02);
                        values[from..].iter().take(2).any(|&v| rounds(f.value, v))
                    })
                })
        })
        .collect();
    for (p, r) in props.iter_mut().zip(rounded) {
        p.rounded = r;
    }
}

/// What an article says of the parties its claims name, read once per name: the sides its
/// titles give a party (`text::sides_in`) and the person it names in a role
/// (`text::person_in_role`). Each read scans the article, so at most `MAX_NAMES_READ` names
/// are read in it; the others keep what their own names say. Reading an article stays linear
/// in its length however many parties it names.
struct ArticleReads<'a> {
    body: &'a str,
    sides: std::collections::HashMap<String, BTreeSet<String>>,
    people: std::collections::HashMap<String, Option<String>>,
    affiliations: std::collections::HashMap<String, BTreeSet<String>>,
}

const MAX_NAMES_READ: usize = 64;

impl<'a> ArticleReads<'a> {
    fn new(body: &'a str) -> Self {
        ArticleReads {
            body,
            sides: Default::default(),
            people: Default::default(),
            affiliations: Default::default(),
        }
    }

    fn sides_of(&mut self, name: &str) -> BTreeSet<String> {
        read_once(&mut self.sides, self.body, name, text::sides_in)
    }

    fn person_in_role(&mut self, name: &str) -> Option<String> {
        read_once(&mut self.people, self.body, name, text::person_in_role)
    }

    fn affiliation_of(&mut self, actor: &crate::domain::ActorRef) -> BTreeSet<String> {
        read_once(&mut self.affiliations, self.body, &actor.name, |_, body| {
            text::affiliations_in(
                std::iter::once(actor.name.as_str())
                    .chain(actor.aliases.iter().map(String::as_str)),
                body,
            )
        })
    }
}

/// `read(name, body)` once per name, kept in `seen`; past `MAX_NAMES_READ` names the article is
/// not scanned again (`read` is given an empty text, so the name keeps what it says itself).
fn read_once<T: Clone>(
    seen: &mut std::collections::HashMap<String, T>,
    body: &str,
    name: &str,
    read: impl Fn(&str, &str) -> T,
) -> T {
    if let Some(v) = seen.get(name) {
        return v.clone();
    }
    let within = if seen.len() < MAX_NAMES_READ {
        body
    } else {
        ""
    };
    let v = read(name, within);
    seen.insert(name.to_owned(), v.clone());
    v
}

/// Whether the clause a count of people stands in dates it to a year before `year`: "a fire
/// killed 40 people in Ostra in 2009", cited in a report of another year, is another event's
/// toll. The figure's own digits are not a year ("killed 1990 people").
fn dated_before(sentence: &str, f: &Figure, year: i32) -> bool {
    if !counts_people(&f.category) {
        return false;
    }
    let Some((s, at, after)) = figure_in(sentence, &f.text) else {
        return false;
    };
    const BREAKS: [char; 5] = [',', ';', ':', '(', ')'];
    let start = s[..at].rfind(BREAKS).map_or(0, |i| i + 1);
    let end = s[after..].find(BREAKS).map_or(s.len(), |i| after + i);
    [&s[start..at], &s[after..end]].iter().any(|part| {
        part.split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<i32>().ok())
            .any(|y| (1900..year).contains(&y))
    })
}

/// Words right before a figure that mark it as a part of the count (children among the dead,
/// "including 20 children"): a sub-count, not a value of the count itself.
const SUB_COUNT: &[&str] = &["children", "critical", "whom", "including", "among"];

/// Words of what a figure counts that make it a part of the count: "seven children", "20 in
/// critical condition".
const PART_WORDS: &[&str] = &["children", "critical", "critically"];

/// Whether a figure counts a part of the count ("seven children", "two of his brothers are
/// among those held"): `sentence` is folded.
fn is_sub_count(sentence: &str, figure: &Figure, all: &[Figure]) -> bool {
    let f = text::fold(&figure.text);
    let Some(at) = find_figure(sentence, &f) else {
        return false;
    };
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    // Right before the figure: "including seven children", "among them 20 children".
    if sentence[..at]
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| SUB_COUNT.contains(&bare(w).as_str()))
    {
        return true;
    }
    // The figure and the words it counts: "seven children", "20 in critical condition", "16 of
    // whom", "seven of them". The whole a part is taken from ("500 people, many of whom")
    // is not one.
    let words: Vec<String> = f
        .split_whitespace()
        .chain(sentence[at + f.len()..].split_whitespace().take(2))
        .map(bare)
        .skip_while(|w| QUALIFYING.contains(&w.as_str()))
        .collect();
    if words
        .iter()
        .take(3)
        .skip(1)
        .any(|w| PART_WORDS.contains(&w.as_str()))
        || (words.get(1).is_some_and(|w| w == "of")
            && words
                .get(2)
                .is_some_and(|w| matches!(w.as_str(), "whom" | "them" | "the" | "those"))
            && counted_before(sentence, at, figure, all))
    {
        return true;
    }
    // The rest of the figure's clause, up to a break, a coordinated clause or another number:
    // "two brothers of the suspect are among those detained" counts some of the detained;
    // so does a count that opens its clause and is said to be in a critical condition.
    let clause_start = sentence[..at].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let opens = sentence[clause_start..at]
        .split_whitespace()
        .map(bare)
        .skip_while(|w| matches!(w.as_str(), "and" | "but" | "while" | "with"))
        .all(|w| QUALIFYING.contains(&w.as_str()));
    let mut previous = String::new();
    for w in sentence[at + f.len()..]
        .split_whitespace()
        .take(MAX_CLAUSE_WORDS)
    {
        let b = bare(w);
        if w.chars().any(|c| c.is_ascii_digit()) || matches!(b.as_str(), "and" | "but" | "while") {
            break;
        }
        if b == "among" && (opens || matches!(previous.as_str(), "are" | "were" | "is" | "was")) {
            return true;
        }
        if opens && b == "critical" {
            return true;
        }
        if w.ends_with([',', ';', ':', '.']) {
            break;
        }
        previous = b;
    }
    false
}

/// How far past a figure its clause is read for what makes it a part.
const MAX_CLAUSE_WORDS: usize = 40;

/// Whether the sentence counts the same thing before `at`, so that "16 of whom" is a part of
/// it: "18 staff were questioned, 16 of whom remain in custody" counts the held, not a part.
fn counted_before(sentence: &str, at: usize, figure: &Figure, all: &[Figure]) -> bool {
    all.iter().any(|g| {
        g.category == figure.category
            && g.text != figure.text
            && sentence[..at].contains(&text::fold(&g.text))
    })
}

/// Words that may stand before a count at the opening of its clause ("at least 20 people are
/// in a critical condition").
const QUALIFYING: &[&str] = &[
    "at",
    "least",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "more",
    "than",
    "approximately",
    "roughly",
];

/// Whether a figure counts an increment rather than the whole: "three more arrested", "12
/// additional bodies". "Injured 600 more in the town" adds another count, and is a whole.
fn is_increment(sentence: &str, f: &Figure, all: &[Figure]) -> bool {
    let text = text::fold(&f.text);
    let Some(at) = find_figure(sentence, &text) else {
        return false;
    };
    let w: Vec<&str> = sentence[at..].split_whitespace().take(3).collect();
    matches!(w.get(1), Some(&("more" | "additional")))
        && w.get(2).is_some_and(|n| {
            let n = n.trim_matches(|c: char| !c.is_alphanumeric());
            n.chars().next().is_some_and(char::is_alphabetic)
                && (!text::is_stop(n)
                    // "three were arrested, and two more were detained": the verb follows
                    // the increment, when the sentence counted the same before it ("five
                    // were killed and 20 more were injured" counts the injured whole).
                    || (matches!(n, "were" | "was" | "have" | "had" | "are")
                        && counted_before(sentence, at, f, all)))
        })
}

/// Whether a figure counts a part of the count or an increment to it, not a value of the
/// count; `sentence` is folded, `all` are the figures read in it.
pub(super) fn is_part(sentence: &str, f: &Figure, all: &[Figure]) -> bool {
    is_sub_count(sentence, f, all)
        || is_increment(sentence, f, all)
        || is_by_reference(sentence, &f.text)
}

/// Whether a figure names those already counted by their number alone ("police arrested the
/// three"): it points back at a count the article gave, and is no value of its own.
fn is_by_reference(sentence: &str, figure_text: &str) -> bool {
    let f = text::fold(figure_text);
    if f.split_whitespace().count() != 1 || !f.chars().all(char::is_alphabetic) {
        return false;
    }
    find_figure(sentence, &f).is_some_and(|at| {
        sentence[..at]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            == Some("the")
    })
}

/// Nouns of a span wider than one event, after "since": "since the war broke out", "since
/// the start of the offensive".
const WIDER_SPANS: &[&str] = &[
    "war",
    "conflict",
    "fighting",
    "hostilities",
    "offensive",
    "invasion",
    "outbreak",
    "start",
    "beginning",
    "uprising",
    "siege",
    "campaign",
];

/// Forces and weapons a demonym before them names the side of ("Varnian airstrikes").
const FORCES: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "air",
    "military",
    "army",
    "forces",
    "troops",
    "soldiers",
    "jets",
    "warplanes",
    "shelling",
    "bombardment",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "drone",
    "drones",
];

/// What an article's lede (its headline and first sentence) names: its words, and the
/// countries they name or seat ("Varnian", "Lebanon", "Beirut"). The lede says where the
/// article's event happened.
struct Lede {
    words: BTreeSet<String>,
    countries: BTreeSet<String>,
}

impl Lede {
    fn of(a: &ArticleInput) -> Self {
        let rest = &a.body[a.headline_end.min(a.body.len())..];
        let from = a.body.len() - rest.trim_start().len();
        let (_, end) = sentence_around(&a.body, from, from);
        let in_order = text::words(&a.body[..end]);
        // "Varnian strikes" names who struck, not where: a country named only by its demonym
        // before a force or a weapon is not a place of the event.
        let attacker = |i: usize| {
            let w = &in_order[i];
            crate::extract::lexicon::country_named(w).is_some_and(|c| c.to_lowercase() != *w)
                && in_order
                    .get(i + 1)
                    .is_some_and(|n| FORCES.contains(&n.as_str()))
        };
        let countries = (0..in_order.len())
            .filter(|&i| !attacker(i))
            .filter_map(|i| {
                let w = &in_order[i];
                crate::extract::lexicon::country_named(w)
                    .or_else(|| crate::extract::lexicon::country_seated_at(w))
            })
            .map(str::to_lowercase)
            .collect();
        let words = in_order.into_iter().collect();
        Lede { words, countries }
    }

    /// Whether a place's words (lower-cased) are named in the lede, as words or as a country.
    fn names(&self, place: &[String]) -> bool {
        place.iter().any(|w| {
            self.words.contains(w)
                || crate::extract::lexicon::country_named(w)
                    .is_some_and(|c| self.countries.contains(&c.to_lowercase()))
        })
    }
}

/// Whether a count of people is given for another scope than the article's event: a running
/// total since a wider span began ("since the war broke out, strikes have killed 3,000"), or a
/// toll in a place the article's lede does not name ("27 were killed in Ostra" in a report
/// of a blast in Varna). "The deadliest attack since the war began" compares, and does not
/// scope.
fn another_scope(sentence: &str, f: &Figure, lede: &Lede) -> bool {
    counts_people(&f.category)
        && (since_a_wider_span(sentence)
            || of_a_separate_incident(sentence)
            || in_another_place(sentence, &f.text, lede))
}

/// What a sentence's opening or "in a separate …" says is another incident than the story's.
const SEPARATE_INCIDENTS: &[&str] = &[
    "incident",
    "attack",
    "strike",
    "strikes",
    "raid",
    "blast",
    "explosion",
    "shooting",
    "bombing",
    "clash",
    "clashes",
];

/// Whether a sentence reports another incident: it opens with "Elsewhere", or speaks of "a
/// separate" incident ("in a separate attack"). ("Meanwhile" opens the story's own updates as
/// often as other news, so it does not scope.)
fn of_a_separate_incident(sentence: &str) -> bool {
    let w = text::words(sentence);
    w.first().is_some_and(|x| x == "elsewhere")
        || w.windows(3).any(|t| {
            t[0] == "a" && t[1] == "separate" && SEPARATE_INCIDENTS.contains(&t[2].as_str())
        })
}

fn since_a_wider_span(sentence: &str) -> bool {
    let w = text::words(sentence);
    let superlative = |x: &String| {
        (x.ends_with("iest") && x.len() > 5)
            || matches!(
                x.as_str(),
                "worst" | "most" | "largest" | "biggest" | "greatest" | "highest" | "first"
            )
    };
    w.iter().enumerate().any(|(i, x)| {
        x == "since"
            && w[i + 1..]
                .iter()
                .take(3)
                .any(|n| WIDER_SPANS.contains(&n.as_str()))
            && !w[i.saturating_sub(4)..i].iter().any(superlative)
    })
}

/// Whether the words right after a figure place it "in" somewhere the lede does not name: the
/// first "in" before another number or the end of the clause decides; a capitalised word
/// that modifies a noun ("in Varnian strikes") is not a place, nor a day or a month.
fn in_another_place(sentence: &str, figure_text: &str, lede: &Lede) -> bool {
    let Some(at) = find_figure(sentence, figure_text) else {
        return false;
    };
    let toks: Vec<&str> = sentence[at + figure_text.len()..]
        .split_whitespace()
        .take(8)
        .collect();
    let bare = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches("'s")
            .trim_end_matches("\u{2019}s")
            .to_owned()
    };
    let breaks = |t: &str| t.ends_with([',', ';', ':', '.', '(', ')', '"', '\u{201d}']);
    for (k, t) in toks.iter().enumerate() {
        if t.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if *t != "in" {
            if breaks(t) {
                return false;
            }
            continue;
        }
        let mut rest = toks[k + 1..].iter().copied().peekable();
        if rest.peek().is_some_and(|n| *n == "the") {
            rest.next();
        }
        let mut place = Vec::new();
        let mut ended = false;
        let mut next_word = None;
        for n in rest {
            if ended || !n.chars().next().is_some_and(char::is_uppercase) {
                next_word = Some(n);
                break;
            }
            place.push(text::fold(&bare(n)));
            ended = breaks(n) || n.ends_with("'s") || n.ends_with("\u{2019}s") || place.len() == 3;
        }
        let modifies = !ended
            && next_word.is_some_and(|n| {
                n.chars().next().is_some_and(char::is_lowercase)
                    && !text::is_stop(&text::fold(&bare(n)))
            });
        let dated = place.iter().all(|w| {
            text::is_stop(w)
                || crate::extract::lexicon::any(w.as_str(), &crate::extract::lexicon::MONTHS)
        });
        return !place.is_empty() && !modifies && !dated && !lede.names(&place);
    }
    false
}

/// Where a figure's text stands in its sentence, both folded alike or both as written; an
/// empty text (a figure not written in the sentence) stands nowhere.
fn find_figure(sentence: &str, figure_text: &str) -> Option<usize> {
    if figure_text.is_empty() {
        None
    } else {
        sentence.find(figure_text)
    }
}

/// The folded sentence and where a figure's folded text stands in it (start, end), if it does.
fn figure_in(sentence: &str, figure_text: &str) -> Option<(String, usize, usize)> {
    let f = text::fold(figure_text);
    let s = text::fold(sentence);
    let at = find_figure(&s, &f)?;
    Some((s, at, at + f.len()))
}

/// Whether the words around a figure in its sentence report it as an earlier figure.
pub(super) fn reported_as_superseded(sentence: &str, figure_text: &str) -> bool {
    let Some((s, at, end)) = figure_in(sentence, figure_text) else {
        return false;
    };
    // The clause the figure stands in: from the last comma or semicolon before it.
    let clause_start = s[..at].rfind([',', ';']).map_or(0, |i| i + 1);
    let clause = &s[clause_start..end];
    let after = &s[end..];
    // "Earlier, the ministry said 200 …" marks the whole sentence.
    let opening = s.split(',').next().unwrap_or_default();
    // "the nearly 500 deaths that officials originally described": a relative clause on the
    // figure, up to the next break.
    let relative = after
        .split([',', ';', '.'])
        .next()
        .and_then(|r| {
            r.find(" that ")
                .or_else(|| r.find(" which "))
                .map(|i| &r[i..])
        })
        .unwrap_or_default();
    SUPERSEDED.iter().any(|w| {
        clause.contains(w)
            || (opening.len() < 20 && opening.contains(w))
            || (relative.contains(w) && !relative.contains(&format!("than {w}")))
    }) || after.trim_start().starts_with("before")
        || changed_from(&s[..at])
}

/// Verbs of a count changing, as they stand before "from" and the value it changed from.
const CHANGED: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "climbed",
    "climbs",
    "jumped",
    "increased",
    "grew",
    "dropped",
    "fell",
    "fallen",
    "declined",
    "decreased",
    "revised",
    "raised",
    "lowered",
];

/// Whether the (folded) words before a figure make it the value a count changed from: "rose
/// from 31 to 48", "rose sharply from 31", "48, up from 31", "risen to 48 from 31".
fn changed_from(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    if words.next() != Some("from") {
        return false;
    }
    let w1 = words.next().unwrap_or_default();
    let w2 = words.next().unwrap_or_default();
    matches!(w1, "up" | "down")
        || CHANGED.contains(&w1)
        || CHANGED.contains(&w2)
        || (w2 == "to" && !w1.is_empty() && w1.chars().all(|c| c.is_ascii_digit() || c == ','))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Qualifier;
    use crate::provenance::article::ClaimInput;

    fn fig(v: f64, cat: &str, text: &str) -> Figure {
        Figure {
            value: v,
            qualifier: Qualifier::Exact,
            category: cat.to_owned(),
            text: text.to_owned(),
        }
    }

    /// A claim of `kind` on `quote`, anchored where `body` has it, with no actors.
    fn claim_in(body: &str, kind: ClaimKind, quote: &str, figures: Vec<Figure>) -> ClaimInput {
        ClaimInput {
            kind,
            quote: quote.to_owned(),
            start: body.find(quote).unwrap_or(0),
            figures,
            claimant: None,
            target: None,
            hedged: false,
        }
    }

    #[test]
    fn an_article_is_read_once_per_party_and_for_at_most_a_bounded_number_of_parties() {
        let body = "The Danish militant group Northern Front denied it. His father, Jon Lind, \
                    spoke.";
        let mut reads = ArticleReads::new(body);
        assert_eq!(
            reads.sides_of("Northern Front"),
            text::sides_in("Northern Front", body)
        );
        assert_eq!(
            reads.person_in_role("the father").as_deref(),
            Some("Jon Lind")
        );
        for i in 0..MAX_NAMES_READ {
            reads.sides_of(&format!("Party {i}"));
        }
        // Past the bound a name keeps what it says itself, without a scan of the article.
        assert!(reads.sides_of("Front").is_empty());
        assert_eq!(
            reads
                .sides_of("Danish navy")
                .into_iter()
                .collect::<Vec<_>>(),
            vec!["denmark"]
        );
        // A name read before the bound keeps its reading.
        assert_eq!(reads.sides_of("Northern Front").len(), 1);
    }

    #[test]
    fn a_headline_s_undated_arrest_is_the_arrest_its_body_dates() {
        let body = "Police arrest another man in Ostra\n\nPolice arrested a man in Ostra on \
                    Friday, the fifth arrest. Officers had searched a house on Tuesday.";
        let a = ArticleInput {
            body: body.to_owned(),
            headline_end: body.find('\n').unwrap_or(0),
            claims: vec![
                claim_in(
                    body,
                    ClaimKind::Arrest,
                    "Police arrest another man in Ostra",
                    Vec::new(),
                ),
                claim_in(
                    body,
                    ClaimKind::Arrest,
                    "Police arrested a man in Ostra on Friday, the fifth arrest.",
                    Vec::new(),
                ),
                claim_in(
                    body,
                    ClaimKind::Event,
                    "Officers had searched a house on Tuesday.",
                    Vec::new(),
                ),
            ],
            ..ArticleInput::default()
        };
        let ps = propositions(0, &a);
        let friday: BTreeSet<String> = ["friday".to_owned()].into();
        assert!(ps[0].headline);
        assert_eq!(ps[0].days, friday);
        assert_eq!(ps[1].days, friday);
        // Only arrests: the body's search keeps its own day.
        assert_eq!(ps[2].days, ["tuesday".to_owned()].into());
    }

    #[test]
    fn a_claim_with_two_counts_asserts_two_propositions() {
        let body = "Twelve killed\n\nThe storm killed 12 people and injured 40, officials said.";
        let quote = "The storm killed 12 people and injured 40";
        let a = ArticleInput {
            body: body.to_owned(),
            headline_end: 13,
            claims: vec![ClaimInput {
                kind: ClaimKind::Casualty,
                quote: quote.to_owned(),
                start: body.find(quote).unwrap_or(0),
                figures: vec![fig(12.0, "killed", "12 people"), fig(40.0, "injured", "40")],
                claimant: None,
                target: None,
                hedged: false,
            }],
            ..ArticleInput::default()
        };
        let ps = propositions(0, &a);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].count.as_deref(), Some("injured"));
        assert_eq!(ps[1].count.as_deref(), Some("killed"));
        assert!(ps.iter().all(|p| !p.headline && p.figures.len() == 1));
    }

    #[test]
    fn a_count_and_a_part_of_it_in_one_sentence_are_two_propositions() {
        let body = "Dam breaks\n\nThe flood injured some 900 people, and 80 were in critical \
                    condition. Officials had previously put the injured at 700, at least 60 of \
                    them in critical condition.";
        let claim =
            |quote: &str, figures: Vec<Figure>| claim_in(body, ClaimKind::Casualty, quote, figures);
        let a = ArticleInput {
            body: body.to_owned(),
            headline_end: 10,
            claims: vec![
                claim(
                    "The flood injured some 900 people, and 80 were in critical condition.",
                    vec![
                        fig(900.0, "injured", "some 900 people"),
                        fig(80.0, "injured", "80"),
                    ],
                ),
                claim(
                    "Officials had previously put the injured at 700, at least 60 of them in \
                     critical condition.",
                    vec![
                        fig(700.0, "injured", "700"),
                        fig(60.0, "injured", "at least 60 of them"),
                    ],
                ),
            ],
            ..ArticleInput::default()
        };
        let read: Vec<(Vec<f64>, bool, bool)> = propositions(0, &a)
            .iter()
            .map(|p| (p.values(), p.part, p.superseded))
            .collect();
        assert_eq!(
            read,
            vec![
                // The whole, then its part: other reports repeat either on its own.
                (vec![900.0], false, false),
                (vec![80.0], true, false),
                // An earlier whole is superseded; the part told with it is still a part.
                (vec![700.0], false, true),
                (vec![60.0], true, false),
            ]
        );
    }

    #[test]
    fn a_toll_its_clause_dates_to_an_earlier_year_is_not_a_count_of_the_story() {
        let body = "Blast\n\nIt was the worst blast since a fire killed 40 people in Ostra in \
                    2009. Officials said the blast, first reported in 2030, killed 12 people. \
                    The blast killed 1990 people. 3000 tonnes had been stored at the dock since \
                    2012.";
        let claim = |kind, quote: &str, figures: Vec<Figure>| claim_in(body, kind, quote, figures);
        let a = ArticleInput {
            body: body.to_owned(),
            headline_end: 5,
            published: chrono::NaiveDate::from_ymd_opt(2031, 1, 2)
                .and_then(|d| d.and_hms_opt(9, 0, 0)),
            claims: vec![
                claim(
                    ClaimKind::Casualty,
                    "It was the worst blast since a fire killed 40 people in Ostra in 2009.",
                    vec![fig(40.0, "killed", "40 people")],
                ),
                claim(
                    ClaimKind::Casualty,
                    "Officials said the blast, first reported in 2030, killed 12 people.",
                    vec![fig(12.0, "killed", "12 people")],
                ),
                claim(
                    ClaimKind::Casualty,
                    "The blast killed 1990 people.",
                    vec![fig(1990.0, "killed", "1990 people")],
                ),
                claim(
                    ClaimKind::Statement,
                    "3000 tonnes had been stored at the dock since 2012.",
                    vec![fig(3000.0, "tonnes", "3000 tonnes")],
                ),
            ],
            ..ArticleInput::default()
        };
        let ps = propositions(0, &a);
        let read: Vec<(Option<&str>, usize)> = ps
            .iter()
            .map(|p| (p.count.as_deref(), p.figures.len()))
            .collect();
        assert_eq!(
            read,
            vec![
                // The 2009 fire's toll is neither a count nor a figure of this story.
                (None, 0),
                // A year in another clause of the sentence does not date the figure.
                (Some("killed"), 1),
                // Nor do the figure's own digits.
                (Some("killed"), 1),
                // A year dates only counts of people: the amount stays.
                (None, 1),
            ]
        );
    }

    #[test]
    fn a_blame_beside_the_toll_of_its_sentence_does_not_assert_the_toll_again() {
        let body = "Strike\n\nAt least 14 people were killed in a missile strike, officials said. \
                    The militia said its strike killed 30 soldiers.";
        let claim = |kind, quote: &str, n: f64, text: &str| {
            claim_in(body, kind, quote, vec![fig(n, "killed", text)])
        };
        let first = "At least 14 people were killed in a missile strike";
        let a = ArticleInput {
            body: body.to_owned(),
            headline_end: 6,
            claims: vec![
                claim(ClaimKind::Casualty, first, 14.0, "14 people"),
                claim(ClaimKind::Attribution, first, 14.0, "14 people"),
                claim(
                    ClaimKind::Attribution,
                    "The militia said its strike killed 30 soldiers",
                    30.0,
                    "30 soldiers",
                ),
            ],
            ..ArticleInput::default()
        };
        let ps = propositions(0, &a);
        let tolls: Vec<(usize, f64)> = ps
            .iter()
            .filter(|p| p.count.is_some())
            .map(|p| (p.claim.claim, p.figures[0].value))
            .collect();
        // The first sentence's toll once (its count claim's); the second's from its blame.
        assert_eq!(tolls, vec![(0, 14.0), (2, 30.0)]);
        assert_eq!(
            ps.iter()
                .filter(|p| p.kind == ClaimKind::Attribution)
                .count(),
            2
        );
    }

    #[test]
    fn a_lede_names_the_place_of_its_event_not_the_side_of_its_attackers() {
        let lede = |headline: &str, first: &str| {
            Lede::of(&ArticleInput {
                body: format!("{headline}\n\n{first} More follows."),
                headline_end: headline.len(),
                ..ArticleInput::default()
            })
        };
        let denmark = ["denmark".to_owned()];
        let struck = lede(
            "Danish airstrikes kill 40 at Ostra hospital",
            "The strike was the deadliest Danish attack in years.",
        );
        assert!(!struck.names(&denmark));
        assert!(struck.names(&["ostra".to_owned()]));
        // A demonym of a place, and a country named, are places of the event.
        assert!(lede("Blast in the Danish capital kills 40", "Rescuers searched.").names(&denmark));
        assert!(lede("Denmark: 40 killed at Ostra hospital", "Rescuers searched.").names(&denmark));
    }

    #[test]
    fn a_war_s_running_total_and_another_place_s_toll_are_other_scopes() {
        let lede = Lede {
            words: text::words("Dam collapse in Varnia. The Kessel dam broke in Ostra.")
                .into_iter()
                .collect(),
            countries: ["lebanon".to_owned()].into(),
        };
        let scoped =
            |sentence: &str, text: &str| another_scope(sentence, &fig(1.0, "killed", text), &lede);
        assert!(scoped(
            "Since the war broke out, strikes have killed 3,000 people.",
            "3,000 people"
        ));
        assert!(scoped(
            "Rescuers said 27 people were killed in Lund and 30 in Berga.",
            "27 people"
        ));
        assert!(scoped(
            "Rescuers said 27 people were killed in Lund and 30 in Berga.",
            "30"
        ));
        // Another incident, as the sentence says.
        assert!(scoped(
            "Elsewhere, 12 people were killed when a bridge fell.",
            "12 people"
        ));
        assert!(scoped(
            "Police said 12 people were injured in a separate blast on the same day.",
            "12 people"
        ));
        // The lede's places, a country it names, days, and names that modify a noun are not
        // other places; a superlative compares and does not scope.
        for (sentence, text) in [
            ("Rescuers said 27 people were killed in Ostra.", "27 people"),
            ("The flood killed 27 people in Lebanon.", "27 people"),
            (
                "The flood killed 27 people in Tuesday's collapse.",
                "27 people",
            ),
            (
                "The flood killed 27 people in Varnian villages.",
                "27 people",
            ),
            (
                "The flood killed 27 people in the valley below.",
                "27 people",
            ),
            (
                "It was the deadliest disaster since the war began, killing 27 people.",
                "27 people",
            ),
            (
                "Meanwhile, the number of dead rose to 27 people.",
                "27 people",
            ),
            (
                "The separate reports agree that 27 people were killed.",
                "27 people",
            ),
        ] {
            assert!(!scoped(sentence, text), "{sentence}");
        }
        // A count of something else is not scoped.
        assert!(!another_scope(
            "Since the war began, 40 tonnes were shipped to Lund.",
            &fig(40.0, "tonnes", "40 tonnes"),
            &lede
        ));
    }

    #[test]
    fn parts_of_a_count_and_increments_are_not_values_of_it() {
        let part = |sentence: &str, text: &str, all: &[(f64, &str, &str)]| {
            let all: Vec<Figure> = all.iter().map(|&(v, c, t)| fig(v, c, t)).collect();
            let f = all
                .iter()
                .find(|f| f.text == text)
                .expect("the figure")
                .clone();
            is_part(&text::fold(sentence), &f, &all)
        };
        assert!(part(
            "The dam collapse killed 40, seven of them children.",
            "seven of them",
            &[(40.0, "killed", "40"), (7.0, "killed", "seven of them")]
        ));
        assert!(part(
            "Some 500 were hurt, and 120 were in critical condition.",
            "120",
            &[(500.0, "injured", "Some 500"), (120.0, "injured", "120")]
        ));
        assert!(part(
            "Three more men have been arrested.",
            "Three more men",
            &[(3.0, "arrested", "Three more men")]
        ));
        // Those counted before, named by their number alone.
        assert!(part(
            "Police arrested the three in Ostra on Wednesday.",
            "three",
            &[(3.0, "arrested", "three")]
        ));
        assert!(!part(
            "Police arrested three in Ostra on Wednesday.",
            "three",
            &[(3.0, "arrested", "three")]
        ));
        // Those held of a larger group questioned are the count of the held, not a part.
        assert!(!part(
            "18 staff were questioned, 16 of whom remain in custody.",
            "16",
            &[(18.0, "staff", "18 staff"), (16.0, "arrested", "16")]
        ));
        // The whole a part is taken from, and "more" adding another count.
        assert!(!part(
            "The collapse killed 40 people, many of whom were asleep.",
            "40 people",
            &[(40.0, "killed", "40 people")]
        ));
        assert!(!part(
            "It killed 15 and injured 600 more in the town.",
            "600 more",
            &[(15.0, "killed", "15"), (600.0, "injured", "600 more")]
        ));
    }

    #[test]
    fn an_earlier_figure_is_marked_superseded() {
        assert!(reported_as_superseded(
            "The ministry had previously put the number of wounded at 5,000.",
            "5,000"
        ));
        assert!(reported_as_superseded(
            "Earlier, the ministry reported that 200 people were killed.",
            "200"
        ));
        assert!(reported_as_superseded(
            "It is far below the 5,000 deaths that officials originally reported.",
            "5,000"
        ));
        assert!(!reported_as_superseded(
            "The number of wounded rose to 6,000, up from the day before.",
            "6,000"
        ));
        assert!(!reported_as_superseded(
            "The number of wounded rose to 6,000 which is more than previously feared.",
            "6,000"
        ));
    }

    #[test]
    fn the_value_a_count_changed_from_is_an_earlier_figure() {
        for (sentence, from, to) in [
            (
                "The toll climbed to 48, the governor said, up from 31 a day earlier.",
                "31",
                "48",
            ),
            ("The toll rose from 31 to 48 overnight.", "31", "48"),
            ("The toll rose sharply from 31 to 48.", "31", "48"),
            ("The number of missing dropped to 21 from 60.", "60", "21"),
            ("The toll was revised down from 48 to 44.", "48", "44"),
        ] {
            assert!(reported_as_superseded(sentence, from), "{sentence}: {from}");
            assert!(!reported_as_superseded(sentence, to), "{sentence}: {to}");
        }
        // A count taken from a place is no earlier value.
        assert!(!reported_as_superseded(
            "Forty people were evacuated from 12 buildings.",
            "12 buildings"
        ));
    }

    #[test]
    fn more_held_after_an_arrest_are_an_increment() {
        let all = [
            fig(3.0, "arrested", "Three men"),
            fig(2.0, "arrested", "two"),
        ];
        let sentence = text::fold(
            "Three men were arrested on Wednesday, and two more were detained on Friday.",
        );
        assert!(is_part(&sentence, &all[1], &all));
        assert!(!is_part(&sentence, &all[0], &all));
        // Another count after "more": a whole of its own.
        let all = [fig(5.0, "killed", "Five"), fig(20.0, "injured", "20")];
        let sentence = text::fold("Five people were killed and 20 more were injured.");
        assert!(!is_part(&sentence, &all[1], &all));
    }
}
