//! A deterministic corpus generator for benchmarks: story folders of news-like
//! text with many distinct people, places and numbers, a few entities shared by
//! every story (as heads of government are), and planted contradictions, so a
//! bigger corpus means bigger entity groups rather than copies.

use crate::knowledge::Knowledge;

/// xorshift64*: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ren", "vi", "dor", "mes", "tan", "sel", "bru", "nik", "ova", "har", "pel", "qui",
    "zen", "mar", "tos", "lin", "gar", "fel", "ros", "dun", "aki", "bel", "sto", "mir", "val",
    "tek", "jor", "pra", "wen", "hul", "dra", "ise", "cor", "fan", "gil", "ber", "ulm", "tav",
    "rik", "sun", "oda", "pim", "lac", "zor", "ven", "esk",
];
/// Surname endings: with three syllables they give over a million surnames, so
/// unrelated stories rarely share one (heads of government are the shared names).
const SURNAME_ENDINGS: &[&str] = &[
    "", "ov", "sen", "ez", "ani", "berg", "ski", "ton", "oglu", "ides", "ner", "is", "ero", "wick",
    "ard", "ay",
];
/// Quotations are put together from short pieces around story words, so no run
/// of seven words (the length that joins quotations across sources) is shared
/// by two stories.
const QUOTE_OPENINGS: &[&str] = &[
    "We expect progress in",
    "Nobody should underestimate",
    "There is momentum in",
    "We remain committed to",
    "Families are waiting in",
    "The work continues in",
];
const QUOTE_MIDDLES: &[&str] = &["within", "in about", "inside", "over roughly"];
const QUOTE_CLOSINGS: &[&str] = &["and then", "because the", "so every", "while our"];
const TITLES: &[&str] = &[
    "Judge",
    "Mayor",
    "special envoy",
    "Governor",
    "Ambassador",
    "Senator",
    "spokesman",
];
const NOUNS: &[&str] = &["talks", "hearing", "summit", "briefing", "trial", "inquiry"];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth", "seventh"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Background sentences as wire copy writes them between the claims: context,
/// colour and caveats. Most state nothing a rule compares; a few carry a figure or
/// a name. `{place}`, `{city}`, `{person}`, `{noun}` and `{n}` are filled per story.
const BACKGROUND: &[&str] = &[
    "The {noun} comes after months of tension over water rights and trade routes in the region.",
    "Analysts said the outcome would depend on how quickly both sides could agree on the details.",
    "Residents of {place} have waited years for a resolution, and many remain sceptical that anything will change soon.",
    "Negotiators met behind closed doors, and few details of the discussions were released to the press.",
    "An agreement, if one is reached, would cover customs checks, security guarantees and the return of displaced families.",
    "Critics argue that the process has moved too slowly and left the most difficult questions unanswered.",
    "Officials in {city} declined to comment on the timing of the next round of discussions.",
    "Local newspapers described the mood in {place} as cautious but hopeful after a difficult winter.",
    "The dispute has weighed on the regional economy, with exporters reporting delays at border crossings.",
    "Several opposition lawmakers called for the details of any deal to be put before parliament.",
    "Diplomats familiar with the matter said a draft text had been circulated among the delegations.",
    "It was not immediately clear whether the talks would resume before the end of the month.",
    "Previous attempts to settle the matter collapsed amid accusations of bad faith on both sides.",
    "Human rights groups urged the parties to put the welfare of civilians ahead of political considerations.",
    "Prices in {city} rose by {n} percent over the past year, according to the national statistics office.",
    "{person} has long argued that a lasting settlement requires support from neighbouring governments.",
    "Shops in the centre of {city} stayed open late as crowds gathered to follow the news on large screens.",
    "The foreign ministry said it would publish a full statement once the delegations had returned home.",
    "Observers noted that the tone of the discussions had improved markedly since the spring.",
    "A spokesperson for the regional authority said emergency services remained on alert throughout the weekend.",
    "Farmers near {place} said the uncertainty had made it hard to plan for the coming harvest.",
    "The talks were hosted in a conference centre on the outskirts of {city}, under tight security.",
    "Business groups welcomed the progress but warned that investors would wait for concrete commitments.",
    "Both delegations were expected to brief their governments before making any further public statements.",
    "Some {n} journalists were accredited to cover the meetings, officials said.",
    "Earlier this year, a similar initiative stalled over the sequencing of troop withdrawals and prisoner releases.",
    "Independent monitors have reported a drop in violations along the line of contact in recent weeks.",
    "The ministry of finance has set aside funds for reconstruction, though the exact amount has not been disclosed.",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w: String = (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect();
    if let Some(first) = w.get(..1) {
        w = first.to_uppercase() + &w[1..];
    }
    w
}

struct Person {
    title: &'static str,
    first: String,
    surname: String,
    age: usize,
}

/// One story: `sources` texts about the same people and events.
pub fn story(rng: &mut Rng, index: usize, sources: usize, knowledge: &Knowledge) -> Vec<String> {
    let people: Vec<Person> = (0..6)
        .map(|_| Person {
            title: TITLES[rng.below(TITLES.len())],
            first: word(rng, 2),
            surname: word(rng, 3) + *rng.pick(SURNAME_ENDINGS),
            age: 30 + rng.below(40),
        })
        .collect();
    let place = word(rng, 3);
    let city = word(rng, 2);
    let noun = *rng.pick(NOUNS);
    let ordinal = rng.below(ORDINALS.len());
    let day = rng.below(DAYS.len());
    let heads: Vec<&crate::knowledge::Head> =
        knowledge.heads.iter().filter(|h| h.to.is_empty()).collect();
    let head = heads[index % heads.len().max(1)];
    let figure = 1_000 + rng.below(50_000);
    let quotes: Vec<String> = (0..people.len())
        .map(|i| {
            format!(
                "{} {} {} {} weeks, {} {} matters",
                rng.pick(QUOTE_OPENINGS),
                place,
                rng.pick(QUOTE_MIDDLES),
                2 + i,
                rng.pick(QUOTE_CLOSINGS),
                word(rng, 2).to_lowercase()
            )
        })
        .collect();
    (0..sources)
        .map(|s| {
            // The last source of every third story carries planted contradictions.
            let planted = s + 1 == sources && index % 3 == 0;
            let mut text = format!("{} {} as {} continues\n\n", city, noun, people[0].surname);
            for (i, p) in people.iter().enumerate() {
                let first = if planted && i == 0 { word(rng, 2) } else { p.first.clone() };
                let age = if planted && i == 1 { p.age + 3 } else { p.age };
                text.push_str(&format!(
                    "{} {} {}, {}, said on {} that the {} in {} would continue. ",
                    capital(p.title),
                    first,
                    p.surname,
                    age,
                    DAYS[if planted && i == 2 { (day + 1) % DAYS.len() } else { day }],
                    noun,
                    place
                ));
                text.push_str(&format!(
                    "\"{},\" {} said.\n",
                    quotes[i],
                    if planted && i == 3 { &people[4].surname } else { &p.surname }
                ));
            }
            let nth = ORDINALS[if planted { (ordinal + 1) % ORDINALS.len() } else { ordinal }];
            text.push_str(&format!(
                "{} will meet {} for the {} time this year, officials said. ",
                people[0].surname, people[1].surname, nth
            ));
            text.push_str(&format!(
                "The talks are part of a push by {} {} {} to settle the dispute. ",
                head.titles.first().map_or("President", String::as_str),
                head.given,
                head.surname
            ));
            text.push_str(&format!(
                "More than {} people attended, according to organisers, and the damage covered {} sq km ({} sq miles).\n",
                figure,
                120 + index % 50,
                ((120 + index % 50) as f64 / 2.59).round()
            ));
            for _ in 0..4 {
                let p = rng.pick(&people);
                text.push_str(&format!(
                    "{} told reporters in {} that {} {} projects worth ${} million were under review. ",
                    p.surname,
                    city,
                    rng.below(40) + 2,
                    word(rng, 2).to_lowercase(),
                    rng.below(900) + 10
                ));
            }
            text.push('\n');
            // Background paragraphs, so claims are about as dense as in wire copy
            // (the shared corpora: one claim per 85–282 bytes).
            for _ in 0..5 {
                for _ in 0..4 {
                    let template = *rng.pick(BACKGROUND);
                    text.push_str(
                        &template
                            .replace("{place}", &place)
                            .replace("{city}", &city)
                            .replace("{noun}", noun)
                            .replace("{person}", &rng.pick(&people).surname)
                            .replace("{n}", &(rng.below(90) + 3).to_string()),
                    );
                    text.push(' ');
                }
                text.push('\n');
            }
            text
        })
        .collect()
}

fn capital(title: &str) -> String {
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `stories` story folders, as (relative path, text) pairs in path order.
pub fn corpus(stories: usize, seed: u64, knowledge: &Knowledge) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for i in 0..stories {
        let sources = 3 + rng.below(3);
        for (s, text) in story(&mut rng, i, sources, knowledge)
            .into_iter()
            .enumerate()
        {
            out.push((format!("story-{i:05}/{s:02}.txt"), text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_planted() {
        let knowledge = Knowledge::builtin();
        let a = corpus(6, 7, &knowledge);
        assert_eq!(a, corpus(6, 7, &knowledge));
        assert_ne!(a, corpus(6, 8, &knowledge));
        let sources: Vec<crate::ingest::Source> = a
            .iter()
            .map(|(p, t)| crate::ingest::Source::from_text(p.clone(), t.clone()))
            .collect();
        let analysis =
            crate::pipeline::analyze(sources, &crate::rules::load::builtin(), &knowledge);
        assert!(
            analysis
                .findings
                .iter()
                .any(|f| f.rule == "person-first-name"),
            "planted first names are found"
        );
    }
}
