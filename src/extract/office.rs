//! Offices: the title a source gives a person ("Interior Secretary Mar Roxas",
//! "mission pilot Anna Menon") when it names an office only one person holds, and
//! who heads an organisation ("MIT, headed by İbrahim Kalın").

use super::{PersonMention, SentenceContext};
use crate::claim::{Claim, QualifierBox, Subject, SubjectKind, Text, Value};
use crate::knowledge::fold;
use compact_str::format_compact;
use regex::Regex;
use std::sync::LazyLock;

pub const OFFICE: &str = "office";
pub const OFFICE_HOLDER: &str = "office_holder";
pub const PARTY: &str = "party";
pub const TITLE_STYLE: &str = "title_style";
/// The side of a body a person sits on (`rules/knowledge/offices.toml`, seats).
pub const SEAT: &str = "seat";

/// ", R-S.C.," / "(D-Calif.)" right after a name.
static PARTY_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s*\(?(?P<party>[RDI])-(?P<home>(?:[A-Z][A-Za-z]*\.?){1,3})\)?")
        .expect("valid regex")
});

/// The party letter a title word names ("Republican Sen.", "Democratic Rep.").
fn party_in_title(title: &str) -> Option<&'static str> {
    title.split_whitespace().find_map(|w| match w {
        "Republican" | "GOP" => Some("R"),
        "Democratic" | "Democrat" => Some("D"),
        "Independent" => Some("I"),
        _ => None,
    })
}

fn party_name(letter: &str) -> &'static str {
    match letter {
        "R" => "Republican",
        "D" => "Democrat",
        _ => "Independent",
    }
}

/// Titles that describe a past or temporary holder.
const NOT_CURRENT: &[&str] = &["former", "ex", "acting", "interim", "then", "late"];

/// ", the port's chief operating officer," / ", a deputy health minister,": an
/// office named in an appositive right after a name. The owner's possessive is
/// dropped; the phrase ends at punctuation or at the clause that follows.
static TITLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,\s+(?:the|a|an)\s+(?:(?:[\p{L}.-]+\s+){0,2}[\p{L}.’'-]+(?:’s|'s)\s+)?(?P<title>(?:[\p{L}-]+\s+){0,4}[\p{L}-]+)\s*(?:[,;.)]|\s+(?:who|whose|said|told|and)(?-u:\b)|$)")
        .expect("valid regex")
});

/// "The grid operator's chief executive, Xxx Yyy": an office named before a
/// name, set off by a comma, at the start of a clause. The owner (up to three
/// words with a possessive) is dropped as in [`TITLE_AFTER`].
static TITLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;:]\s+|\s(?:and|but|said|says|told)\s+)(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:[\p{L}.-]+\s+){0,2}[\p{L}.’'-]+(?:’s|'s)\s+)?(?P<title>(?:[\p{L}-]+\s+){0,4}[\p{L}-]+),\s*$")
        .expect("valid regex")
});

/// ", head of cardiology at the city hospital," / ", Deputy Dean of Law,": an
/// appositive without an article is read as an office only in the "<office> of
/// <domain>" form, which a plain list of names or places never takes; the office
/// word before "of" must still be a listed one (checked by `office_claim`).
static BARE_TITLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,\s+(?P<title>(?:[\p{L}-]+\s+){0,2}[\p{L}-]+\s+(?:of|for)\s+(?:the\s+)?(?:[\p{L}\d’'-]+\s+){0,3}[\p{L}\d’'-]+(?:\s+at\s+(?:the\s+)?(?:[\p{L}’'-]+\s+){0,3}[\p{L}’'-]+)?)\s*(?:[,;.)]|\s+(?:who|whose|said|told)(?-u:\b)|$)")
        .expect("valid regex")
});

/// "MIT, headed by İbrahim Kalın", "The MIT agency, led by intelligence chief Hakan Fidan".
static HEADED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<org>\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3})(?:\s+(?:agency|service|ministry|office|directorate))?,?\s+(?:headed|led|run|directed)\s+by\s+(?:[\p{Ll}-]+\s+){0,3}(?P<person>\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3})")
        .expect("valid regex")
});

pub fn extract(ctx: &SentenceContext, mentions: &[PersonMention], claims: &mut Vec<Claim>) {
    for m in mentions {
        // A courtesy title ("Dr.") names no office: the appositive may.
        let office_before = m
            .title
            .as_deref()
            .is_some_and(|t| ctx.knowledge.is_unique_office(&normalise_title(t)));
        if !office_before {
            title_after(ctx, m, claims);
        }
        if m.title.is_none() {
            title_before_comma(ctx, m, claims);
        }
        let Some(title) = &m.title else { continue };
        let normalised = normalise_title(title);
        title_style(ctx, m, title, &normalised, claims);
        let before = ctx.text[..m.start].trim_end();
        let title_start = if before.ends_with(title.as_str()) {
            before.len() - title.len()
        } else {
            m.start
        };
        claims.extend(seat_claim(ctx, m, title, &normalised, (title_start, m.end)));
        claims.extend(office_claim(
            ctx,
            m,
            title,
            normalised,
            (title_start, m.end),
        ));
    }
    for m in mentions {
        let tag = PARTY_TAG.captures(&ctx.text[m.end..]);
        let tagged = tag.as_ref().map(|c| {
            let whole = c.get(0).expect("match");
            (
                c.name("party").expect("party").as_str(),
                m.start,
                m.end + whole.end(),
            )
        });
        // The home state the tag names ("R-Ohio", "D-N.M."): evidence that
        // tells two people of one surname apart (see normalize), never compared.
        let home = tag
            .as_ref()
            .and_then(|c| c.name("home"))
            .map(|h| format_compact!("home:{}", h.as_str().replace('.', "").to_lowercase()));
        let titled = m.title.as_deref().and_then(party_in_title).map(|p| {
            let before = ctx.text[..m.start].trim_end();
            let title = m.title.as_deref().unwrap_or("");
            // Only a title written as is starts the span (never cut inside a character).
            let start = if before.ends_with(title) {
                before.len() - title.len()
            } else {
                m.start
            };
            (p, start, m.end)
        });
        if let Some((letter, start, end)) = tagged.or(titled) {
            let mut value = Value::text(party_name(letter), letter);
            value.aliases = home.into_iter().collect();
            claims.push(Claim {
                source: ctx.source,
                subject: Subject::person(&m.surname),
                predicate: PARTY,
                value,
                span: ctx.span(start, end),
                sentence: ctx.sentence_span(),
                qualifiers: QualifierBox::default(),
            });
        }
    }
    if !(ctx.cues.has(super::cues::Cue::LedVerb) && ctx.cues.has(super::cues::Cue::By)) {
        return;
    }
    for caps in HEADED_BY.captures_iter(ctx.text) {
        let org = caps.name("org").expect("org");
        let person = caps.name("person").expect("person");
        let org_name = org.as_str().trim_start_matches("The ").trim();
        if org_name.is_empty() || matches!(org_name, "The" | "It" | "He" | "She") {
            continue;
        }
        let surname = person
            .as_str()
            .split_whitespace()
            .last()
            .unwrap_or("")
            .trim_end_matches("’s")
            .trim_end_matches("'s");
        claims.push(Claim {
            source: ctx.source,
            subject: Subject {
                text: org_name.into(),
                kind: SubjectKind::Measure,
                key: format_compact!("office:head of {}", ctx.knowledge.skeleton(org_name)),
                label: format_compact!("head of {org_name}"),
            },
            predicate: OFFICE_HOLDER,
            value: Value::text(person.as_str(), ctx.knowledge.skeleton(surname)),
            span: ctx.span(org.start(), person.end()),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    }
}

/// A party's candidate named beside a name: after it ("Xxx Yyy, the NPP
/// candidate,", "Yyy, 61, the National Democratic Congress's nominee,") or
/// before it at a comma ("the NDC candidate, Xxx Yyy"). Candidates of one
/// race stand for different parties, so a person's party is read from it.
/// "the NPP candidate", "the National Democratic Congress's nominee": the
/// party and the candidacy, shared by [`CANDIDATE_AFTER`] and [`CANDIDATE_BEFORE`].
const CANDIDACY: &str = r"the\s+(?P<party>(?:\p{Lu}[\p{L}-]*\s+){0,4}\p{Lu}[\p{L}-]*?)(?:’s|'s)?\s+(?:presidential\s+|parliamentary\s+|mayoral\s+)?(?:candidate|nominee|flagbearer|standard-bearer)";

static CANDIDATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:,\s*\d{{1,3}})?,\s+{CANDIDACY}(?-u:\b)")).expect("valid regex")
});

static CANDIDATE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:^|\s){CANDIDACY},\s*$")).expect("valid regex"));

/// A party's key: an acronym stays as written ("NPP"); a name is read as its
/// initials ("New Patriotic Party" → "NPP"), so the two forms agree.
fn party_key(party: &str) -> String {
    let words: Vec<&str> = party.split_whitespace().collect();
    match words.as_slice() {
        [one] if one.chars().all(|c| c.is_uppercase()) => (*one).to_string(),
        [one] => one.to_uppercase(),
        _ => words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// Party claims from candidacies ([`CANDIDATE_AFTER`], [`CANDIDATE_BEFORE`])
/// for the people named in full here, or by surname alone when the source
/// named them before.
pub fn candidacies(
    ctx: &SentenceContext,
    here: &[PersonMention],
    before: &[(usize, String)],
    claims: &mut Vec<Claim>,
) {
    if !(ctx.text.contains("candidate")
        || ctx.text.contains("nominee")
        || ctx.text.contains("flagbearer")
        || ctx.text.contains("standard-bearer"))
    {
        return;
    }
    let mut push = |surname: &str, party: &str, start: usize, end: usize| {
        claims.push(Claim {
            source: ctx.source,
            subject: Subject::person(surname),
            predicate: PARTY,
            value: Value::text(party, party_key(party)),
            span: ctx.span(start, end),
            sentence: ctx.sentence_span(),
            qualifiers: QualifierBox::default(),
        });
    };
    for m in here {
        if let Some(c) = CANDIDATE_AFTER.captures(&ctx.text[m.end..]) {
            let whole = c.get(0).expect("match");
            push(&m.surname, &c["party"], m.start, m.end + whole.end());
        } else if let Some(c) = CANDIDATE_BEFORE.captures(&ctx.text[..m.start]) {
            let party = c.name("party").expect("party");
            push(&m.surname, party.as_str(), party.start(), m.end);
        }
    }
    // "Yyy, 61, the NPP candidate," with the name given in full earlier; each
    // surname once, however often the source named it.
    let mut surnames: Vec<&str> = before.iter().map(|(_, s)| s.as_str()).collect();
    surnames.sort_unstable();
    surnames.dedup();
    for surname in surnames {
        let mut from = 0;
        while let Some(at) = ctx.text[from..].find(surname) {
            let start = from + at;
            let end = start + surname.len();
            from = end;
            let whole_word = ctx.text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && ctx.text[end..].starts_with(',');
            if !whole_word || here.iter().any(|m| m.start <= start && start < m.end) {
                continue;
            }
            if let Some(c) = CANDIDATE_AFTER.captures(&ctx.text[end..]) {
                let whole = c.get(0).expect("match");
                push(surname, &c["party"], start, end + whole.end());
            }
        }
    }
}

/// An office named in an appositive after the name ("Xxx Yyy, the insurer's
/// managing director,"), when it is one only one person holds.
fn title_after(ctx: &SentenceContext, m: &PersonMention, claims: &mut Vec<Claim>) {
    let rest = &ctx.text[m.end..];
    // Most names are not followed by ", the …": checked before the regex.
    let appositive = rest
        .strip_prefix(", ")
        .is_some_and(|r| r.starts_with("the ") || r.starts_with("a ") || r.starts_with("an "));
    let title = if appositive {
        TITLE_AFTER.captures(rest).and_then(|c| c.name("title"))
    } else {
        BARE_TITLE_AFTER
            .captures(rest)
            .and_then(|c| c.name("title"))
    };
    let Some(title) = title else {
        return;
    };
    let normalised = normalise_title(title.as_str());
    let span = (m.start, m.end + title.end());
    claims.extend(seat_claim(ctx, m, title.as_str(), &normalised, span));
    claims.extend(office_claim(ctx, m, title.as_str(), normalised, span));
}

/// An office named before the name at a comma ("The port's harbour master,
/// Xxx Yyy, said"), when it is one only one person holds.
fn title_before_comma(ctx: &SentenceContext, m: &PersonMention, claims: &mut Vec<Claim>) {
    let before = &ctx.text[..m.start];
    // Most names do not follow a comma: checked before the regex.
    if !before.trim_end().ends_with(',') {
        return;
    }
    let Some(title) = TITLE_BEFORE.captures(before).and_then(|c| c.name("title")) else {
        return;
    };
    let normalised = normalise_title(title.as_str());
    let span = (title.start(), m.end);
    claims.extend(seat_claim(ctx, m, title.as_str(), &normalised, span));
    claims.extend(office_claim(ctx, m, title.as_str(), normalised, span));
}

/// The side of a body a title seats the person at `m` on ("an external member
/// of the council": outside; "a deputy governor": the executive), when the
/// title ends in a listed seat. A second claim beside the office, of its own
/// predicate: a seat says on which side of a body someone sits, not which
/// office they hold, and it never identifies a person across stories.
fn seat_claim(
    ctx: &SentenceContext,
    m: &PersonMention,
    title: &str,
    normalised: &str,
    (start, end): (usize, usize),
) -> Option<Claim> {
    let side = ctx.knowledge.seat_side(normalised)?;
    if normalised
        .split_whitespace()
        .any(|w| NOT_CURRENT.contains(&w))
    {
        return None;
    }
    Some(Claim {
        source: ctx.source,
        subject: Subject::person(&m.surname),
        predicate: SEAT,
        value: Value {
            aliases: Box::new([SEAT.into()]),
            ..Value::text(title, format_compact!("{side} seat"))
        },
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: QualifierBox::default(),
    })
}

/// "Yyy, the fisheries minister, said": an office in an appositive after a
/// surname written alone, as a source does that never gives the first name.
/// Claimed for the person of that surname the source named before; otherwise
/// the claim is a candidate, kept only if another source of the story names a
/// person of that surname (a capitalised word that opens a sentence, such as a
/// place or a weekday, is no one's).
pub fn surname_titles(
    ctx: &SentenceContext,
    here: &[PersonMention],
    before: &[(usize, String)],
    claims: &mut Vec<Claim>,
) {
    // Every ", " (two never overlap), found by its comma: a character search
    // runs on memchr, where a two-byte pattern built a substring searcher for
    // every sentence.
    let commas = ctx.text.match_indices(',').map(|(at, _)| at);
    for comma in commas.filter(|&at| ctx.text[at + 1..].starts_with(' ')) {
        let rest = &ctx.text[comma + 2..];
        if !(rest.starts_with("the ") || rest.starts_with("a ") || rest.starts_with("an ")) {
            continue;
        }
        let lead = &ctx.text[..comma];
        let word_start = lead
            .rfind(|c: char| !(c.is_alphabetic() || c == '-' || c == '\'' || c == '’'))
            .map_or(0, |at| {
                at + lead[at..].chars().next().map_or(1, char::len_utf8)
            });
        // "Ter Xxx, the …" opening a sentence: the particle is the surname's.
        let before_word = lead[..word_start].trim_end();
        let particle = before_word
            .rsplit(char::is_whitespace)
            .next()
            .filter(|p| super::person::PARTICLES.contains(&p.to_lowercase().as_str()));
        let last = &lead[word_start..];
        let word_start = particle.map_or(word_start, |p| super::offset_in(lead, p));
        let word = &lead[word_start..];
        let written_alone = lead[..word_start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_none_or(|prev| {
                prev.is_empty()
                    || !prev.starts_with(char::is_uppercase)
                    || prev.ends_with(['.', ',', ';', ':', '"', '”'])
            });
        let inside_a_name = here
            .iter()
            .any(|m| m.start <= word_start && word_start < m.end);
        let shaped = last.starts_with(char::is_uppercase)
            && last.chars().skip(1).any(char::is_lowercase)
            && !ctx.knowledge.is_never_a_name(last)
            && !ctx.knowledge.is_title(last)
            && !super::is_calendar_word(last)
            && ctx.knowledge.government_by_alias(last).is_none()
            && ctx.knowledge.country_of(&fold(last)).is_none();
        if !shaped || !written_alone || inside_a_name {
            continue;
        }
        let known = before.iter().any(|(at, s)| {
            *at < ctx.offset + word_start && s.to_lowercase() == word.to_lowercase()
        });
        let alone = PersonMention {
            start: word_start,
            end: comma,
            first: String::new(),
            nickname: None,
            surname: word.to_string(),
            title: None,
            family_first: false,
        };
        let first = claims.len();
        title_after(ctx, &alone, claims);
        if !known {
            for claim in &mut claims[first..] {
                claim.qualifiers.make_mut().candidate = true;
            }
        }
    }
}

/// The office a title gives the person at `m`, when it is a current office only
/// one person holds ("former" and acting holders are not compared).
fn office_claim(
    ctx: &SentenceContext,
    m: &PersonMention,
    title: &str,
    normalised: String,
    (start, end): (usize, usize),
) -> Option<Claim> {
    let past = normalised
        .split_whitespace()
        .any(|w| NOT_CURRENT.contains(&w));
    if past || !ctx.knowledge.is_unique_office(&normalised) {
        return None;
    }
    let normalised = of_countries(ctx.knowledge, normalised);
    Some(Claim {
        source: ctx.source,
        subject: Subject::person(&m.surname),
        predicate: OFFICE,
        value: Value {
            aliases: std::iter::once(ctx.knowledge.office_kind(&normalised))
                .chain(ctx.knowledge.office_body_kind(&normalised))
                .map(Text::from)
                .collect(),
            ..Value::text(title, normalised)
        },
        span: ctx.span(start, end),
        sentence: ctx.sentence_span(),
        qualifiers: QualifierBox::default(),
    })
}

/// A title's words with a nationality adjective or a country's possessive read
/// as the country ("Malawian prime minister", "Malawi’s prime minister" →
/// "malawi prime minister"): two ways of writing one office, never two offices.
fn of_countries(knowledge: &crate::knowledge::Knowledge, normalised: String) -> String {
    let mut changed = false;
    let words: Vec<&str> = normalised
        .split(' ')
        .map(|w| {
            let bare = w.strip_suffix("'s").unwrap_or(w);
            let country = knowledge.country_of(bare);
            changed |= country.is_some() || bare.len() != w.len();
            country.unwrap_or(bare)
        })
        .collect();
    if changed {
        words.join(" ")
    } else {
        normalised
    }
}

/// The title as written, for a style note when sources capitalise one title
/// differently ("Special Envoy" / "special envoy"). Country words are left out:
/// "US" / "U.S." is a separate house-style matter.
fn title_style(
    ctx: &SentenceContext,
    m: &PersonMention,
    title: &str,
    normalised: &str,
    claims: &mut Vec<Claim>,
) {
    let written: Vec<&str> = title
        .split_whitespace()
        .filter(|w| !matches!(*w, "U.S." | "US" | "U.K." | "UK" | "the" | "The"))
        .collect();
    if written.is_empty() || normalised.is_empty() {
        return;
    }
    let written = written.join(" ");
    let before = ctx.text[..m.start].trim_end();
    let start = before.rfind(written.as_str()).unwrap_or(m.start);
    // A sentence's first word is capitalised whatever the house style.
    if ctx.text[..start].trim().is_empty()
        || ctx.text[..start].trim_end().ends_with(['"', '“', '—', ':'])
    {
        return;
    }
    claims.push(Claim {
        source: ctx.source,
        subject: Subject {
            text: normalised.into(),
            kind: SubjectKind::Measure,
            key: format_compact!("title:{normalised}"),
            label: format_compact!("“{normalised}”"),
        },
        predicate: TITLE_STYLE,
        value: Value::text(written.clone(), written),
        span: ctx.span(start, m.start.max(start)),
        sentence: ctx.sentence_span(),
        qualifiers: QualifierBox::default(),
    });
}

/// Lower case, accents stripped, country words and articles dropped: the words an
/// office is compared by. An office written with its domain after it ("head of
/// cardiology at a hospital", "minister for health") is turned around into the
/// order titles before names use ("cardiology head", "health minister"), so both
/// forms agree and the office word stays last, where its kind is read; the
/// employer after "at" is dropped: it says where, not which office.
pub fn normalise_title(title: &str) -> String {
    let folded = fold(title);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "u.s" | "us" | "u" | "s" | "and"))
        .collect();
    let domain_at = words
        .iter()
        .position(|w| matches!(*w, "of" | "for"))
        .filter(|&i| i > 0 && i + 1 < words.len());
    let ordered: Vec<&str> = match domain_at {
        Some(i) => {
            let end = words[i + 1..]
                .iter()
                .position(|w| *w == "at")
                .map_or(words.len(), |j| i + 1 + j);
            words[i + 1..end]
                .iter()
                .chain(&words[..i])
                .copied()
                .collect()
        }
        None => words,
    };
    ordered
        .into_iter()
        .filter(|w| !matches!(*w, "of" | "for"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn offices(text: &str) -> Vec<(String, String, String)> {
        let knowledge = Knowledge::builtin();
        let ctx = SentenceContext::standalone(text, &knowledge);
        let mentions = super::super::person::mentions(&ctx);
        let mut claims = Vec::new();
        extract(&ctx, &mentions, &mut claims);
        claims
            .into_iter()
            .map(|c| {
                (
                    c.predicate.to_string(),
                    c.value.key.to_string(),
                    text[c.span.start()..c.span.end()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn unique_offices_before_names() {
        assert_eq!(
            offices("Interior Secretary Mar Roxas said order was restored."),
            vec![(
                OFFICE.into(),
                "interior secretary".into(),
                "Interior Secretary Mar Roxas".into()
            )]
        );
        assert!(offices("senior adviser Jared Kushner joined.").is_empty());
        assert!(offices("former Defense Secretary Mar Roxas joined.").is_empty());
    }

    #[test]
    fn party_affiliations() {
        let got = offices("Sen. Lindsey Graham, R-S.C., a close ally, spoke.");
        assert_eq!(
            got,
            vec![(PARTY.into(), "R".into(), "Lindsey Graham, R-S.C.".into())]
        );
        let got = offices("Democratic Senator Lindsey Graham spoke.");
        assert!(
            got.contains(&(
                PARTY.into(),
                "D".into(),
                "Democratic Senator Lindsey Graham".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn offices_before_names_at_a_comma() {
        let got = offices("The grid operator's chief executive, Ines Aaltonen, said so.");
        assert_eq!(got[0].1, "chief executive", "{got:?}");
        assert_eq!(got[0].2, "chief executive, Ines Aaltonen", "{got:?}");
        let got = offices("Wages rose, and its chief financial officer, Ines Aaltonen, left.");
        assert_eq!(got[0].1, "chief financial officer", "{got:?}");
        // A list, a place and a past office name no office of hers.
        assert!(offices("He thanked the nurses, Ines Aaltonen and others.").is_empty());
        assert!(offices("The former chief executive, Ines Aaltonen, spoke.").is_empty());
        // After the owner's possessive of several words.
        let got = offices("Ines Aaltonen, the grid operator's chief executive, said so.");
        assert_eq!(got[0].1, "chief executive", "{got:?}");
    }

    #[test]
    fn offices_of_a_domain_after_names() {
        let got = offices("Ines Aaltonen, head of neurology at Lakeside Clinic, said so.");
        assert_eq!(got[0].1, "neurology head", "{got:?}");
        let got = offices("Ines Aaltonen, Deputy Head of Neurology at Lakeside Clinic, said so.");
        assert_eq!(got[0].1, "neurology deputy head", "{got:?}");
        let got = offices("Ines Aaltonen, the minister for fisheries, said so.");
        assert_eq!(got[0].1, "fisheries minister", "{got:?}");
        assert!(offices("Ines Aaltonen, acting head of neurology, said so.").is_empty());
        assert!(offices("Ines Aaltonen, one of the founders, said so.").is_empty());
        assert_eq!(
            normalise_title("Minister of Fisheries"),
            "fisheries minister"
        );
    }

    #[test]
    fn nationality_adjectives_and_country_possessives_name_one_office() {
        let adjective = offices("Malawian President Chikondi Banda spoke.");
        let possessive = offices("Malawi’s President Chikondi Banda spoke.");
        let after = offices("Chikondi Banda, the Malawian president, spoke.");
        assert_eq!(adjective[0].1, "malawi president", "{adjective:?}");
        assert_eq!(possessive[0].1, "malawi president", "{possessive:?}");
        assert_eq!(after[0].1, "malawi president", "{after:?}");
    }

    #[test]
    fn seats_on_a_body_by_side() {
        let seats = |text: &str| -> Vec<String> {
            offices(text)
                .into_iter()
                .filter(|(p, _, _)| p == SEAT)
                .map(|(_, key, _)| key)
                .collect()
        };
        assert_eq!(
            seats("Ana Ruiz, an external member of the council, said so."),
            ["outside seat"]
        );
        // The longest listed phrase decides: "non-executive director" is not
        // "executive director".
        assert_eq!(
            seats("Ana Ruiz, a non-executive director of the trust, said so."),
            ["outside seat"]
        );
        assert_eq!(
            seats("Ana Ruiz, the trust's executive director, said so."),
            ["executive seat"]
        );
        assert_eq!(
            seats("Deputy Governor Ana Ruiz said so."),
            ["executive seat"]
        );
        assert!(seats("Ana Ruiz, a former executive director, said so.").is_empty());
        assert!(seats("Ana Ruiz, a member of the council, said so.").is_empty());
    }

    #[test]
    fn heads_of_organisations() {
        let got = offices("MIT, headed by Ibrahim Kalin, kept the operation secret.");
        assert_eq!(got[0].0, OFFICE_HOLDER);
        assert_eq!(got[0].1, "kalin");
    }
}
