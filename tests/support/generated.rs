//! Invented news reports for measuring and testing provenance at scale: events with invented
//! places, groups, officials and figures, each reported several times in the words of the
//! trade (nothing from any real article). Deterministic: the same sequence gives the same texts.

/// A deterministic sequence (a linear congruential generator): the same texts on every run.
pub struct Lcg {
    state: u64,
    /// The first five letters of every name made so far: two events never share a name.
    used: std::collections::HashSet<String>,
}

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg {
            state: seed,
            used: std::collections::HashSet::new(),
        }
    }

    pub fn step(&mut self) -> u64 {
        self.state = self
            .state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.state >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.step() % n.max(1)
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "kar", "vel", "bro", "din", "sta", "mor", "len", "tis", "quo", "ran", "bel", "dor", "fen",
    "gal", "hul", "jin", "kes", "lor", "mun", "nab", "ost", "pel", "rud", "sav", "tor", "ulm",
    "vab", "wen", "yar", "zel", "ach", "bim", "cor", "dru", "eph", "fal", "gor", "hap", "ist",
    "jov", "kul", "lam", "mip", "nor", "oph", "pra", "qui", "ros", "sku", "tam", "umb", "vor",
    "wix", "xan", "yol", "zup", "ard", "bex", "cim", "dox",
];

/// An invented word of a few syllables (an outlet's name).
pub fn word(r: &mut Lcg, syllables: usize) -> String {
    let mut s: String = (0..syllables).map(|_| r.pick(SYLLABLES)).collect();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// An invented name no other name of the run begins like (its first five letters are new),
/// then `syllables` more syllables.
pub fn name(r: &mut Lcg, syllables: usize) -> String {
    const C: &[&str] = &[
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
    ];
    const V: &[&str] = &["a", "e", "i", "o", "u"];
    loop {
        let head = [C, V, C, V, C].map(|set| r.pick(set)).concat();
        if r.used.insert(head.clone()) {
            let mut s = head
                + &(1..syllables)
                    .map(|_| r.pick(SYLLABLES))
                    .collect::<String>();
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            return s;
        }
    }
}

/// One invented event: where, what, who is blamed, who denies, and the invented names its
/// reports use (streets, agencies, people), so two events share the words of the trade but not
/// their own.
pub struct Event {
    pub place: String,
    pub country: String,
    pub what: &'static str,
    pub group: String,
    pub official: String,
    pub names: Vec<String>,
    /// Which of the sentence templates this event's reports draw from.
    pub templates: Vec<usize>,
    pub day: chrono::NaiveDate,
    pub killed: u64,
}

/// The `n`-th event; events are `days_apart` days apart from 1 January 2030.
pub fn event(r: &mut Lcg, n: usize, days_apart: i64) -> Event {
    let what = r.pick(&[
        "dam burst",
        "factory fire",
        "bridge collapse",
        "train crash",
        "port explosion",
        "market bombing",
        "mine flood",
        "hotel fire",
        "landslide",
        "ferry sinking",
        "stadium crush",
        "pipeline blast",
    ]);
    let mut templates: Vec<usize> = (0..TEMPLATES).collect();
    for k in (1..templates.len()).rev() {
        templates.swap(k, r.below(k as u64 + 1) as usize);
    }
    templates.truncate(24);
    Event {
        place: name(r, 3),
        country: name(r, 3),
        what,
        group: format!(
            "{} {}",
            name(r, 3),
            r.pick(&["Front", "Brigade", "Movement", "Army"])
        ),
        official: format!("{} {}", name(r, 2), name(r, 3)),
        names: (0..8).map(|_| name(r, 3)).collect(),
        templates,
        day: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default()
            + chrono::Duration::days(days_apart * n as i64),
        killed: 5 + r.below(200),
    }
}

const TEMPLATES: usize = 36;

/// The `t`-th sentence template, filled for one report.
fn sentence(t: usize, r: &mut Lcg, e: &Event, outlet: &str, killed: u64) -> String {
    let (p, c, w, g, o) = (&e.place, &e.country, e.what, &e.group, &e.official);
    let n = |r: &mut Lcg| e.names[r.below(e.names.len() as u64) as usize].clone();
    let injured = killed * 2 + r.below(50);
    match t {
        0 => format!(
            "Officials in {p} said at least {killed} people were killed in the {w} on Monday."
        ),
        1 => format!(
            "Rescuers said {injured} people were injured and taken to the {} hospital in {p}.",
            n(r)
        ),
        2 => format!(
            "Police in {p} arrested {} men in connection with the {w}.",
            1 + r.below(9)
        ),
        3 => format!("The {g} said its members caused the {w} in {p}."),
        4 => format!(
            "The {c} interior ministry denied that the {w} was an attack, saying it was an accident."
        ),
        5 => format!(
            "Authorities warned residents of {} Street to stay away from the site.",
            n(r)
        ),
        6 => format!(
            "The death toll from the {w} rose to {}, the {c} health ministry said.",
            killed + 3
        ),
        7 => format!("{o}, the mayor of {p}, said the {w} was caused by negligence."),
        8 => format!(
            "Engineers from {} had warned in 20{} that the site was unsafe.",
            n(r),
            10 + r.below(20)
        ),
        9 => format!("The {g} claimed responsibility for the {w} in a statement."),
        10 => format!(
            "{o} denied that the {} council had ignored the warnings.",
            n(r)
        ),
        11 => format!(
            "Police said {} suspects were still at large.",
            1 + r.below(4)
        ),
        12 => format!(
            "The {c} government declared {} days of mourning.",
            1 + r.below(7)
        ),
        13 => format!(
            "Doctors at {} clinic said {} of the injured were in critical condition.",
            n(r),
            1 + r.below(30)
        ),
        14 => format!(
            "The {c} army said it had deployed {} soldiers to {p}.",
            100 + r.below(900)
        ),
        15 => format!(
            "Witnesses told {outlet} that they heard two blasts near {} Square.",
            n(r)
        ),
        16 => format!(
            "Investigators from {} said the cause was not yet known.",
            n(r)
        ),
        17 => format!("The {g} warned that more attacks would follow."),
        18 => format!(
            "{} people remain missing in {p}, officials said.",
            1 + r.below(40)
        ),
        19 => format!(
            "Insurers estimated the damage in {p} at ${} million.",
            10 + r.below(500)
        ),
        20 => format!(
            "{} residents were evacuated from {} district overnight.",
            50 + r.below(2000),
            n(r)
        ),
        21 => format!(
            "The {} agency said it had found traces of explosives.",
            n(r)
        ),
        22 => format!(
            "{} of the {} union blamed the operator for cutting maintenance.",
            n(r),
            n(r)
        ),
        23 => format!(
            "The operator, {} Holdings, denied any responsibility.",
            n(r)
        ),
        24 => format!(
            "Prime Minister {} promised a full inquiry into the {w}.",
            n(r)
        ),
        25 => format!(
            "A spokesman for {} said {} employees were unaccounted for.",
            n(r),
            2 + r.below(60)
        ),
        26 => format!("The {c} meteorological office warned of more heavy rain around {p}."),
        27 => format!(
            "Firefighters from {} fought the blaze for {} hours.",
            n(r),
            2 + r.below(20)
        ),
        28 => format!(
            "{} said the {g} had been planning the attack for months.",
            n(r)
        ),
        29 => format!(
            "Relatives gathered outside {} morgue waiting for news.",
            n(r)
        ),
        30 => format!("The United Nations said it was ready to send aid to {c}."),
        31 => format!(
            "{} prosecutors charged {} people over the {w}.",
            n(r),
            1 + r.below(6)
        ),
        32 => format!(
            "Satellite images from {} showed the destroyed {} terminal.",
            n(r),
            n(r)
        ),
        33 => format!(
            "The {} opposition accused the government of covering up the {w}.",
            n(r)
        ),
        34 => format!(
            "Local television said the {w} happened shortly after {} in the morning.",
            5 + r.below(5)
        ),
        _ => format!("Schools in {p} and {} stayed closed on Tuesday.", n(r)),
    }
}

/// The `i`-th report of an event, about twenty sentences, most of them claims.
pub fn article(r: &mut Lcg, e: &Event, i: usize, tag: &str) -> String {
    let outlet = format!(
        "{} {}",
        word(r, 2),
        r.pick(&["Herald", "Courier", "Post", "Times", "Wire"])
    );
    let killed = e.killed + i as u64 * r.below(6);
    let mut chosen = e.templates.clone();
    for k in (1..chosen.len()).rev() {
        chosen.swap(k, r.below(k as u64 + 1) as usize);
    }
    chosen.truncate(16 + r.below(5) as usize);
    let body: Vec<String> = chosen
        .into_iter()
        .map(|t| sentence(t, r, e, &outlet, killed))
        .collect();
    let day = e.day + chrono::Duration::days((i % 6) as i64);
    format!(
        "{} in {}: {killed} dead\n{outlet}\n{}\nhttps://{}.example/{tag}/{i}\n\n{}\n",
        e.what,
        e.place,
        day.format(&format!("%d/%m/%Y {:02}h00", 8 + i % 12)),
        outlet.to_lowercase().replace(' ', "-"),
        body.join(" ")
    )
}
