//! Coreference inside one source, before claims are keyed: which person named
//! in full a later description ("the institute's director", "the 34-year-old
//! goalkeeper") or pronoun stands for. A sieve in the manner of Lee et al.
//! (2013), passes from the most precise to the most cautious, each linking only
//! when exactly one person of the source fits; two candidates, no link
//! (README, "Who is who", second references):
//!
//! 1. apposition: "Xxx Yyy, a 34-year-old nurse," is Yyy (read by the
//!    extractors where the appositive stands);
//! 2. exact: the description's words are the words of a title or appositive the
//!    source gave one person ("the agency's director" after "Xxx Yyy, the
//!    agency's director,");
//! 3. head: the description's last word heads that person's title and its other
//!    words are all in it ("the director" after "Deputy Director Xxx Yyy" is no
//!    link: "deputy" is in one and not the other);
//! 4. pronoun: "he"/"she" is the one person named in the sentence before or
//!    earlier in its own sentence; with two in view, nobody;
//! 5. focus: a definite description that fits nobody's title ("the Lagos
//!    mechanic" where no mechanic was named) is, like a pronoun, the one person
//!    in view; news writing brings new facts about a person in this way;
//! 6. protagonist: for ages, with nobody in view, the person the source is
//!    about: named at least three times and twice as often as anyone else.
//!
//! A surname the source gives two people (a father and his son) is never the
//! target of a link: which of them a description means is the kind of guess a
//! careful editor does not make.

use super::person::PersonMention;
use super::SentenceContext;
use crate::knowledge::{fold, Knowledge};

/// Modifiers that make another office of the same head ("deputy director" is
/// not "director"; a "former minister" is not the minister): a description and
/// a title link only when they have the same ones.
pub(crate) const RANK_WORDS: &[&str] = &[
    "former",
    "ex",
    "acting",
    "interim",
    "deputy",
    "vice",
    "assistant",
    "associate",
    "late",
    "outgoing",
    "previous",
    "then",
    "junior",
    "senior",
    "co",
];

/// Words of a description that say nothing about which person it is.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "this",
];

/// The pass that linked a description, for tests and explanations (pronouns
/// have their own, `Roles::pronoun`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sieve {
    Exact,
    Head,
}

/// Who is in view for a second reference (`Roles::in_view`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InView {
    One(String),
    Nobody,
    Several,
}

/// What a description resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// One person: their surname, and the pass that found them.
    Person(String, Sieve),
    /// Several people fit, or the one who fits shares a surname with another
    /// person of the source: no link.
    Ambiguous,
    /// Nobody in the source holds that office or role.
    Unheld,
}

#[derive(Debug)]
struct Named {
    /// Byte offset of the name in the source.
    at: usize,
    surname: String,
    first: String,
    /// The words of the titles and appositives the source gives this mention,
    /// folded, possessives and determiners dropped, demonyms read as countries.
    roles: Vec<Vec<String>>,
}

/// The people a source has named so far and the roles it gave them.
#[derive(Debug, Default)]
pub struct Roles {
    named: Vec<Named>,
    /// Where the source has pairs that may be names (candidates, see
    /// `person::mentions_and_candidates`): never linked to, but in view they
    /// make a pronoun ambiguous.
    maybe: Vec<(usize, String)>,
}

/// The words of a title or description as the sieve compares them: folded,
/// possessives and determiners dropped, a domain after "of" turned around as
/// titles before names write it, nationality adjectives read as countries.
pub fn role_words(knowledge: &Knowledge, phrase: &str) -> Vec<String> {
    let plain = phrase.replace(['’', '\''], " ");
    let normalised = super::office::normalise_title(&plain);
    normalised
        .split_whitespace()
        .filter(|w| *w != "s" && !DETERMINERS.contains(w))
        .map(|w| knowledge.country_of(w).unwrap_or(w).to_string())
        .collect()
}

/// ", the agency's director," / ", a deputy head of surgery," after a name: the
/// description an appositive gives, up to its end.
fn appositive_after(rest: &str) -> Option<&str> {
    let rest = rest.strip_prefix(", ")?;
    let first = rest.split_whitespace().next()?;
    if !matches!(first, "the" | "a" | "an") {
        return None;
    }
    let end = rest
        .find([',', ';', '.', ')', '—', '–', ':'])
        .unwrap_or(rest.len());
    let phrase = &rest[..end];
    // "…, the agency's director who …": the description stops at its clause.
    let phrase = phrase
        .split(" who ")
        .next()
        .unwrap_or(phrase)
        .split(" whose ")
        .next()
        .unwrap_or(phrase);
    (phrase.split_whitespace().count() <= 8).then_some(phrase)
}

/// "The agency's director, Xxx Yyy": the description a clause gives just before
/// a name, when it opens with a determiner or a possessive.
fn appositive_before(before: &str) -> Option<&str> {
    let before = before.trim_end().strip_suffix(',')?;
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '.' | '—' | '–'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let phrase = before[start..].trim();
    let first = phrase.split_whitespace().next()?;
    let opens = matches!(first.to_lowercase().as_str(), "the" | "its" | "their")
        || first.ends_with("'s")
        || first.ends_with("’s");
    (opens && phrase.split_whitespace().count() <= 6).then_some(phrase)
}

impl Roles {
    /// Notes the people a sentence names in full, with the titles and
    /// appositives it gives them.
    pub fn note(
        &mut self,
        ctx: &SentenceContext,
        mentions: &[PersonMention],
        candidates: &[PersonMention],
    ) {
        self.maybe.extend(
            candidates
                .iter()
                .map(|m| (ctx.offset + m.start, m.surname.clone())),
        );
        for m in mentions {
            let mut roles = Vec::new();
            let mut add = |phrase: &str| {
                let words = role_words(ctx.knowledge, phrase);
                if words
                    .last()
                    .is_some_and(|head| ctx.knowledge.heads_a_description(head))
                {
                    roles.push(words);
                }
            };
            if let Some(title) = &m.title {
                add(title);
            }
            if let Some(phrase) = appositive_after(&ctx.text[m.end..]) {
                add(phrase);
            }
            if let Some(phrase) = appositive_before(&ctx.text[..m.start]) {
                add(phrase);
            }
            self.named.push(Named {
                at: ctx.offset + m.start,
                surname: m.surname.clone(),
                first: m.first.clone(),
                roles,
            });
        }
    }

    /// Whether the source names two people of `surname` (two first names).
    fn shared(&self, surname: &str) -> bool {
        self.shared_before(surname, usize::MAX)
    }

    /// Whether the source names two people of `surname` before byte `at`.
    fn shared_before(&self, surname: &str, at: usize) -> bool {
        let mut firsts = self
            .named
            .iter()
            .filter(|n| n.surname == surname && n.at < at)
            .map(|n| n.first.as_str());
        let Some(first) = firsts.next() else {
            return false;
        };
        firsts.any(|f| f != first)
    }

    /// The person a description (its words as `role_words` reads them) written
    /// at byte `at` of the source stands for.
    pub fn resolve(&self, knowledge: &Knowledge, description: &[String], at: usize) -> Resolution {
        let Some((head, modifiers)) = description.split_last() else {
            return Resolution::Unheld;
        };
        let ranks = |words: &[String]| -> Vec<String> {
            let mut r: Vec<String> = words
                .iter()
                .filter(|w| RANK_WORDS.contains(&w.as_str()))
                .cloned()
                .collect();
            r.sort();
            r
        };
        let description_ranks = ranks(description);
        let mut sorted_description = description.to_vec();
        sorted_description.sort();
        let before = || self.named.iter().filter(|n| n.at < at);
        let pass = |fits: &dyn Fn(&[String]) -> bool| -> Vec<&str> {
            let mut surnames: Vec<&str> = before()
                .filter(|n| n.roles.iter().any(|r| fits(r)))
                .map(|n| n.surname.as_str())
                .collect();
            surnames.sort_unstable();
            surnames.dedup();
            surnames
        };
        let exact = pass(&|role: &[String]| {
            let mut sorted = role.to_vec();
            sorted.sort();
            sorted == sorted_description
        });
        let (found, sieve) = if exact.is_empty() {
            let by_head = pass(&|role: &[String]| {
                let covered = role.last().is_some_and(|h| knowledge.head_covers(head, h))
                    || (role.len() >= 2
                        && knowledge.head_covers(head, &role[role.len() - 2..].join(" ")));
                covered
                    && modifiers
                        .iter()
                        .all(|w| RANK_WORDS.contains(&w.as_str()) || role.contains(w))
                    && ranks(role) == description_ranks
            });
            (by_head, Sieve::Head)
        } else {
            (exact, Sieve::Exact)
        };
        match found.as_slice() {
            [] => Resolution::Unheld,
            [one] if !self.shared(one) => Resolution::Person(one.to_string(), sieve),
            _ => Resolution::Ambiguous,
        }
    }

    /// Who of the people named before byte `at` `view` writes (the sentence
    /// before and the sentence up to a description or pronoun): what a
    /// description that fits nobody's title stands for. Pairs that may be
    /// names count as people (a given name in no list is still a name); a
    /// surname the source gives two people makes the view ambiguous.
    pub fn in_view(&self, view: &[&str], at: usize) -> InView {
        let mut found: Option<&str> = None;
        for surname in self.surnames_before(at) {
            if found == Some(surname) || !view.iter().any(|t| writes(t, surname)) {
                continue;
            }
            if found.is_some() {
                return InView::Several;
            }
            found = Some(surname);
        }
        let Some(one) = found else {
            return InView::Nobody;
        };
        if self.shared_before(one, at) {
            return InView::Several;
        }
        // The subject of the sentence that names them (centring: the person
        // a sentence is about is the one a next reference takes up); a name
        // written before theirs may be a person the source never names in full.
        let leads = |part: &&str| first_name_run(part).is_some_and(|run| writes(run, one));
        if view.iter().filter(|t| writes(t, one)).all(leads) {
            InView::One(one.to_string())
        } else {
            InView::Several
        }
    }

    /// The surnames of the people and the pairs that may be names written
    /// before byte `at`, in order.
    fn surnames_before(&self, at: usize) -> impl Iterator<Item = &str> {
        self.named
            .iter()
            .filter(move |n| n.at < at)
            .map(|n| n.surname.as_str())
            .chain(
                self.maybe
                    .iter()
                    .filter(move |(offset, _)| *offset < at)
                    .map(|(_, s)| s.as_str()),
            )
    }

    /// The person a source is about, among those named before byte `at`:
    /// their surname written at least three times in `text` and twice as
    /// often as any other's.
    pub fn protagonist(&self, text: &str, at: usize) -> Option<String> {
        let mut surnames: Vec<&str> = self.surnames_before(at).collect();
        surnames.sort_unstable();
        surnames.dedup();
        let mut counts: Vec<(usize, &str)> = surnames
            .into_iter()
            .map(|s| (times_written(text, s), s))
            .collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let (most, one) = *counts.first()?;
        let next = counts.get(1).map_or(0, |c| c.0);
        (most >= 3 && most >= 2 * next && !self.shared_before(one, at)).then(|| one.to_string())
    }

    /// The person "he" or "she" at byte `at` stands for: the only surname named
    /// between `from` (the start of the sentence before) and `at`. A pair that
    /// may be a name counts as a second person: no link.
    pub fn pronoun(&self, people: &[(usize, String)], from: usize, at: usize) -> Option<String> {
        let mut in_view = people
            .iter()
            .chain(&self.maybe)
            .filter(|(offset, _)| (from..at).contains(offset))
            .map(|(_, s)| s);
        let first = in_view.next()?;
        in_view.all(|s| s == first).then(|| first.clone())
    }
}

/// The first run of capitalised words in `text` that may be a name, with
/// the particles inside it ("Rosa de la Vega"): not a small word opening a
/// sentence ("The", "In", "She") and not a day or month.
fn first_name_run(text: &str) -> Option<&str> {
    let words = text
        .split_inclusive(char::is_whitespace)
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len();
            Some((start, w.trim_end()))
        })
        .filter(|(_, w)| !w.is_empty());
    let mut run: Option<(usize, usize)> = None;
    for (start, word) in words {
        let bare = word
            .trim_start_matches(['"', '“', '(', '‘'])
            .trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '”', '’']);
        let capitalised = bare.starts_with(char::is_uppercase);
        let particle = super::person::PARTICLES.contains(&bare);
        match run {
            None if capitalised
                && !super::slots::is_function_word(&bare.to_lowercase())
                && !super::is_calendar_word(bare) =>
            {
                run = Some((start, start + word.len()));
            }
            None => {}
            Some((from, _)) if capitalised || particle => {
                run = Some((from, start + word.len()));
            }
            Some(_) => break,
        }
        // A name ends at its punctuation ("Xxx Yyy, the …").
        if run.is_some() && bare.len() != word.trim_start_matches(['"', '“', '(', '‘']).len() {
            break;
        }
    }
    run.map(|(from, to)| &text[from..to])
}

/// Whether `text` writes `surname` as a word of its own (a possessive too).
fn writes(text: &str, surname: &str) -> bool {
    times_written(text, surname) > 0
}

fn times_written(text: &str, surname: &str) -> usize {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '-';
    text.match_indices(surname)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + surname.len()..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
        })
        .count()
}

/// The description that opens `text` ("former finance minister said …" →
/// "former finance minister"): up to five words ending in the last one that
/// can head a description of a person, written in lower case (or a
/// nationality adjective). The words before it may be capitalised ("Lagos
/// mechanic": a place as a modifier) or an age ("58-year-old economist").
pub fn description_at<'t>(knowledge: &Knowledge, text: &'t str) -> Option<&'t str> {
    let mut end = None;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace).take(5) {
        let bare = word.trim_end();
        let clean = bare.trim_end_matches([',', '.', ';', ':', '!', '?', ')']);
        let lower = clean
            .chars()
            .all(|c| c.is_lowercase() || c == '-' || c.is_ascii_digit())
            && clean.chars().any(char::is_alphabetic);
        let demonym = knowledge.country_of(&fold(clean)).is_some();
        let capitalised = clean.starts_with(char::is_uppercase);
        if clean.is_empty() || !(lower || demonym || capitalised) {
            break;
        }
        if (lower || demonym) && knowledge.heads_a_description(&fold(clean)) {
            end = Some(at + clean.len());
        }
        if clean.len() != bare.len() {
            break;
        }
        at += word.len();
    }
    end.map(|e| &text[..e])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles_of(text: &str) -> (Knowledge, Roles) {
        let knowledge = Knowledge::builtin();
        let mut roles = Roles::default();
        let names = super::super::person::SourceNames::of(text);
        for sentence in crate::segment::sentences(text) {
            let mut ctx = SentenceContext::standalone(
                &text[sentence.span.start()..sentence.span.end()],
                &knowledge,
            );
            ctx.offset = sentence.span.start();
            ctx.names = Some(&names);
            let (mentions, candidates) = super::super::person::mentions_and_candidates(&ctx);
            roles.note(&ctx, &mentions, &candidates);
        }
        (knowledge, roles)
    }

    fn resolve(text: &str, description: &str) -> Resolution {
        let (knowledge, roles) = roles_of(text);
        roles.resolve(&knowledge, &role_words(&knowledge, description), text.len())
    }

    #[test]
    fn descriptions_link_to_the_one_holder() {
        let text = "Dr. Aroha Ngata, the observatory's director, met Marama Tuhoe. Tuhoe said so.";
        assert_eq!(
            resolve(text, "observatory's director"),
            Resolution::Person("Ngata".into(), Sieve::Exact)
        );
        assert_eq!(
            resolve(text, "director"),
            Resolution::Person("Ngata".into(), Sieve::Head)
        );
        // A rank word makes another office.
        assert_eq!(resolve(text, "deputy director"), Resolution::Unheld);
        assert_eq!(resolve(text, "goalkeeper"), Resolution::Unheld);
    }

    #[test]
    fn demonyms_are_countries_and_leaders_cover_offices() {
        let text = "Malawian President Chikondi Banda met Tongan Prime Minister Sione Tupou. Banda and Tupou spoke.";
        assert_eq!(
            resolve(text, "Tongan leader"),
            Resolution::Person("Tupou".into(), Sieve::Head)
        );
        assert_eq!(
            resolve(text, "Malawian leader"),
            Resolution::Person("Banda".into(), Sieve::Head)
        );
        // Two leaders, and the description names no country: no link.
        assert_eq!(resolve(text, "leader"), Resolution::Ambiguous);
    }

    #[test]
    fn a_shared_surname_is_never_linked() {
        let text = "Kofi Mensah-Bonsu, the club's founder, watched his son Yaw Mensah-Bonsu, the club's goalkeeper. Mensah-Bonsu said so.";
        assert_eq!(resolve(text, "goalkeeper"), Resolution::Ambiguous);
    }

    #[test]
    fn pronouns_link_only_to_the_one_person_in_view() {
        let people = vec![(0, "Ngata".to_string()), (40, "Tuhoe".to_string())];
        let mut roles = Roles::default();
        assert_eq!(roles.pronoun(&people, 0, 30), Some("Ngata".into()));
        assert_eq!(roles.pronoun(&people, 0, 60), None);
        assert_eq!(roles.pronoun(&people, 35, 60), Some("Tuhoe".into()));
        // A pair that may be a name, in view, is a second person.
        roles.maybe.push((50, "Kahale".to_string()));
        assert_eq!(roles.pronoun(&people, 35, 60), None);
    }

    #[test]
    fn a_description_that_fits_nobody_is_the_one_person_in_view() {
        let text = "Dr. Aroha Ngata opened the dig on Monday. Ngata's team found a hearth.";
        let (_, roles) = roles_of(text);
        let at = text.len();
        let previous = "Ngata's team found a hearth.";
        assert_eq!(
            roles.in_view(&[previous, ""], at),
            InView::One("Ngata".into())
        );
        assert_eq!(
            roles.in_view(&["The weather held.", ""], at),
            InView::Nobody
        );
        // Named before byte `at` only.
        assert_eq!(roles.in_view(&[previous, ""], 0), InView::Nobody);
    }

    #[test]
    fn the_one_in_view_must_open_the_sentence_that_names_them() {
        let text = "Dr. Aroha Ngata met Marama Tuhoe. Tuhoe said so.";
        let (_, roles) = roles_of(text);
        let at = text.len();
        // Two people named: nobody.
        assert_eq!(
            roles.in_view(&["Ngata met Tuhoe.", ""], at),
            InView::Several
        );
        // One person named, but after another capitalised name that may be a
        // person the source never names in full.
        assert_eq!(
            roles.in_view(&["Kereama studied with Tuhoe.", ""], at),
            InView::Several
        );
        // Opening words that are no name are passed over.
        assert_eq!(
            roles.in_view(&["On Friday, Marama Tuhoe spoke.", ""], at),
            InView::One("Tuhoe".into())
        );
    }

    #[test]
    fn the_protagonist_is_named_most_often() {
        let text = "Aroha Ngata won. Marama Tuhoe lost. Ngata spoke. Ngata left. Ngata wept.";
        let (_, roles) = roles_of(text);
        assert_eq!(roles.protagonist(text, text.len()), Some("Ngata".into()));
        // Three mentions against two: not twice as often.
        let even = "Aroha Ngata won. Marama Tuhoe lost. Ngata spoke. Tuhoe left. Ngata wept.";
        let (_, roles) = roles_of(even);
        assert_eq!(roles.protagonist(even, even.len()), None);
    }

    #[test]
    fn a_name_run_keeps_its_particles_and_skips_opening_words() {
        assert_eq!(
            first_name_run("In May Rosa de la Vega spoke."),
            Some("Rosa de la Vega")
        );
        assert_eq!(
            first_name_run("The mayor, Xxx Yyy, spoke."),
            Some("Xxx Yyy,")
        );
        assert_eq!(first_name_run("the end."), None);
    }

    #[test]
    fn practitioners_are_read_by_their_shape() {
        use crate::knowledge::is_practitioner;
        for word in [
            "ceramicist",
            "volcanologist",
            "dietician",
            "cyclist",
            "novelist",
        ] {
            assert!(is_practitioner(word), "{word}");
        }
        for word in ["playlist", "checklist", "wrist", "against", "exist"] {
            assert!(!is_practitioner(word), "{word}");
        }
    }

    #[test]
    fn descriptions_open_with_lower_case_words_up_to_a_head() {
        let knowledge = Knowledge::builtin();
        assert_eq!(
            description_at(&knowledge, "former finance minister said so"),
            Some("former finance minister")
        );
        assert_eq!(
            description_at(&knowledge, "goalkeeper, who saved"),
            Some("goalkeeper")
        );
        assert_eq!(description_at(&knowledge, "wept in court"), None);
        // A place and an age before the head; a capitalised word is no head.
        assert_eq!(
            description_at(&knowledge, "Lagos mechanic spent"),
            Some("Lagos mechanic")
        );
        assert_eq!(
            description_at(&knowledge, "58-year-old economist said"),
            Some("58-year-old economist")
        );
        assert_eq!(description_at(&knowledge, "White House said"), None);
    }
}
