//! One entity per real person, government or series across sources, and one
//! canonical value per stated value.

pub mod number;

use crate::claim::{Claim, SubjectKind};
use crate::extract::{FIRST_NAME, NAME_SPELLING};
use crate::knowledge::Knowledge;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub fn normalize(claims: &mut [Claim], knowledge: &Knowledge) {
    resolve_people(claims, knowledge);
    resolve_series(claims);
    resolve_quotations(claims);
}

/// How a series reads in a message: "the sentencing", "meetings", "landfall series".
fn series_label(predicate: &str, noun: &str) -> String {
    if predicate == crate::extract::EVENT_WEEKDAY {
        format!("the {noun}")
    } else if predicate == "series_count" {
        format!("{noun}s")
    } else {
        format!("{noun} series")
    }
}

/// Words in a row that identify a quotation across sources, which may quote more or
/// less of it and punctuate it differently. Long enough that stock phrases ("one of
/// the most important") do not join two people's different statements; a shorter
/// quotation must appear whole inside the other.
const SHINGLE: usize = 7;

/// Quotations sharing a run of `SHINGLE` words are one statement.
fn resolve_quotations(claims: &mut [Claim]) {
    let indices: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].subject.kind == SubjectKind::Quotation)
        .collect();
    let mut parent: HashMap<usize, usize> = indices.iter().map(|&i| (i, i)).collect();
    fn root(parent: &HashMap<usize, usize>, mut i: usize) -> usize {
        while parent[&i] != i {
            i = parent[&i];
        }
        i
    }
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for &i in &indices {
        let words: Vec<&str> = claims[i].subject.key.split(' ').collect();
        for shingle in words.windows(SHINGLE.min(words.len())) {
            let key = shingle.join(" ");
            match first_with.get(&key) {
                Some(&j) => {
                    let (a, b) = (root(&parent, i), root(&parent, j));
                    parent.insert(a.max(b), a.min(b));
                }
                None => {
                    first_with.insert(key, i);
                }
            }
        }
    }
    let mut longest: BTreeMap<usize, String> = BTreeMap::new();
    for &i in &indices {
        let r = root(&parent, i);
        let text = &claims[i].subject.text;
        let entry = longest.entry(r).or_default();
        if text.len() > entry.len() || (text.len() == entry.len() && text < entry) {
            *entry = text.clone();
        }
    }
    for &i in &indices {
        let r = root(&parent, i);
        let label = &longest[&r];
        let words = crate::extract::quotation_words(label);
        claims[i].subject.key = format!(
            "quote:{}",
            words.iter().take(12).cloned().collect::<Vec<_>>().join(" ")
        );
        let short: Vec<&str> = label.split_whitespace().take(10).collect();
        let ellipsis = if label.split_whitespace().count() > 10 {
            "…"
        } else {
            ""
        };
        claims[i].subject.label = format!("“{}{ellipsis}”", short.join(" "));
    }
}

/// People are keyed by the spelling skeleton of their surname. Where one source names
/// two different first names for one surname, the surname is shared by several people
/// (two Kennedys), and each first name becomes its own entity.
fn resolve_people(claims: &mut [Claim], knowledge: &Knowledge) {
    // Story-local nicknames: `Manuel "Mar" Roxas` makes "Mar Roxas" the same name.
    let mut aliases: HashMap<(String, String), (String, String)> = HashMap::new();
    for claim in claims
        .iter()
        .filter(|c| c.subject.kind == SubjectKind::Person)
    {
        if let Some(nick) = claim
            .qualifiers
            .attribution
            .as_deref()
            .and_then(|a| a.strip_prefix("nickname:"))
        {
            let surname = knowledge.skeleton(&claim.subject.text);
            aliases.insert(
                (surname, knowledge.given_name_value(nick).1),
                (claim.value.canonical.clone(), claim.value.key.clone()),
            );
        }
    }
    let mut first_names_per_source: HashMap<(String, usize), BTreeSet<String>> = HashMap::new();
    let mut spellings: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for claim in claims
        .iter_mut()
        .filter(|c| c.subject.kind == SubjectKind::Person)
    {
        let surname = knowledge.skeleton(&claim.subject.text);
        *spellings
            .entry(surname.clone())
            .or_default()
            .entry(claim.subject.text.clone())
            .or_default() += 1;
        claim.subject.key = format!("person:{surname}");
        if claim.predicate == NAME_SPELLING {
            // Spellings are compared among mentions of one first name only.
            let first = claim.value.aliases.first().cloned().unwrap_or_default();
            claim.subject.key = format!("person:{surname}~{first}");
        }
        if claim.predicate != FIRST_NAME {
            continue;
        }
        if let Some((canonical, key)) = aliases.get(&(surname.clone(), claim.value.key.clone())) {
            claim.value.canonical = canonical.clone();
            claim.value.key = key.clone();
        }
        claim.qualifiers.attribution = None;
        first_names_per_source
            .entry((surname, claim.source))
            .or_default()
            .insert(claim.value.key.clone());
    }
    // Where a surname is shared, a claim that names no first name ("Griner, 32")
    // is about the person the sources name most often, if one stands out.
    let mut first_name_counts: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for claim in claims.iter().filter(|c| c.predicate == FIRST_NAME) {
        *first_name_counts
            .entry(claim.subject.key["person:".len()..].to_string())
            .or_default()
            .entry(claim.value.key.clone())
            .or_default() += 1;
    }
    let first_name_counts_by_surname: BTreeMap<String, BTreeSet<String>> = first_name_counts
        .iter()
        .map(|(surname, counts)| (surname.clone(), counts.keys().cloned().collect()))
        .collect();
    let dominant: HashMap<String, String> = first_name_counts
        .into_iter()
        .filter_map(|(surname, counts)| {
            let mut ranked: Vec<(usize, String)> =
                counts.into_iter().map(|(k, n)| (n, k)).collect();
            ranked.sort_by(|a, b| b.cmp(a));
            match ranked.as_slice() {
                [(top, key), (next, _), ..] if *top >= 2 * *next => Some((surname, key.clone())),
                [(_, key)] => Some((surname, key.clone())),
                _ => None,
            }
        })
        .collect();
    let mut shared_surnames: BTreeSet<String> = first_names_per_source
        .iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|((surname, _), _)| surname.clone())
        .collect();
    // A head of government's family shares the surname ("Hunter Biden" beside
    // "Joe Biden" in another source): other first names are other people.
    for (surname, counts) in &first_name_counts_by_surname {
        let head_given: Vec<String> = knowledge
            .heads
            .iter()
            .filter(|h| knowledge.skeleton(&h.surname) == *surname)
            .map(|h| knowledge.given_name_value(&h.given).1)
            .collect();
        if counts.len() > 1 && counts.iter().any(|k| head_given.contains(k)) {
            shared_surnames.insert(surname.clone());
        }
    }
    for (index, claim) in claims
        .iter_mut()
        .enumerate()
        .filter(|(_, c)| c.subject.kind == SubjectKind::Person)
    {
        let Some(surname) = claim
            .subject
            .key
            .strip_prefix("person:")
            .filter(|s| !s.contains('~'))
            .map(str::to_string)
        else {
            claim.subject.label = claim.subject.text.clone();
            continue;
        };
        // The most used spelling labels the entity (ties: alphabetical, for determinism).
        let label = spellings[&surname]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        if shared_surnames.contains(&surname) && claim.predicate == FIRST_NAME {
            claim.subject.key = format!("person:{surname}:{}", claim.value.key);
            claim.subject.label = format!("{} {label}", claim.value.canonical);
        } else if shared_surnames.contains(&surname) {
            match dominant.get(&surname) {
                Some(first) => claim.subject.key = format!("person:{surname}:{first}"),
                // Several people share the surname and nothing says which one this is.
                None => claim.subject.key = format!("person:{surname}:?{index}"),
            }
            claim.subject.label = label;
        } else {
            claim.subject.label = label;
        }
    }
}

/// Series claims carry `class:anchor+anchor` keys from extraction. Claims of one class
/// whose anchors overlap are one series; claims with no anchor join the class's
/// series when there is exactly one.
fn resolve_series(claims: &mut [Claim]) {
    let indices: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].subject.kind == SubjectKind::Series)
        .collect();
    let mut parent: Vec<usize> = (0..claims.len()).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        let mut node = i;
        while parent[node] != root {
            let next = parent[node];
            parent[node] = root;
            node = next;
        }
        root
    }
    let mut first_with_anchor: HashMap<(String, String), usize> = HashMap::new();
    let parsed: HashMap<usize, (String, Vec<String>)> = indices
        .iter()
        .map(|&i| {
            let (class, anchors) = claims[i].subject.key.split_once(':').unwrap_or(("", ""));
            // Counts and ordinals of one class are placed separately: an unanchored
            // ordinal joins the class's only ordinal series, whatever the counts say.
            let class = format!("{}/{class}", claims[i].predicate);
            let anchors: Vec<String> = anchors
                .split('+')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            (i, (class.to_string(), anchors))
        })
        .collect();
    for &i in &indices {
        let (class, anchors) = &parsed[&i];
        for anchor in anchors {
            match first_with_anchor.get(&(class.clone(), anchor.clone())) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first_with_anchor.insert((class.clone(), anchor.clone()), i);
                }
            }
        }
    }
    // Anchors of each series (root), to name it and to place unanchored claims.
    let mut series_anchors: BTreeMap<(String, usize), BTreeSet<String>> = BTreeMap::new();
    let mut series_labels: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for &i in &indices {
        let (class, anchors) = &parsed[&i];
        if anchors.is_empty() {
            continue;
        }
        let root = find(&mut parent, i);
        series_anchors
            .entry((class.clone(), root))
            .or_default()
            .extend(anchors.iter().cloned());
        series_labels.entry(root).or_default().extend(
            claims[i]
                .subject
                .text
                .split(", ")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    for &i in &indices {
        let (class, anchors) = &parsed[&i];
        let root = if anchors.is_empty() {
            let candidates: Vec<usize> = series_anchors
                .keys()
                .filter(|(c, _)| c == class)
                .map(|(_, r)| *r)
                .collect();
            match candidates.as_slice() {
                [only] => *only,
                _ => {
                    let noun = class.rsplit('/').next().unwrap_or_default();
                    claims[i].subject.key = format!("series:{noun}:?");
                    claims[i].subject.label = series_label(&claims[i].predicate, noun);
                    continue;
                }
            }
        } else {
            find(&mut parent, i)
        };
        let anchor_set = &series_anchors[&(class.clone(), root)];
        let first_anchor = anchor_set.iter().next().cloned().unwrap_or_default();
        let labels: Vec<String> = series_labels
            .get(&root)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default();
        let noun = class.rsplit('/').next().unwrap_or_default();
        claims[i].subject.key = format!("series:{noun}:{first_anchor}");
        let what = series_label(&claims[i].predicate, noun);
        claims[i].subject.label = if labels.is_empty() {
            what
        } else {
            format!("{what} ({})", labels.join(", "))
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn claims_of(texts: &[&str]) -> Vec<Claim> {
        let knowledge = Knowledge::builtin();
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Source::from_text(format!("{i}.txt"), t.to_string()))
            .collect();
        crate::pipeline::claims(&sources, &knowledge)
    }

    fn keys(claims: &[Claim], predicate: &str) -> Vec<String> {
        claims
            .iter()
            .filter(|c| c.predicate == predicate)
            .map(|c| c.subject.key.clone())
            .collect()
    }

    #[test]
    fn one_person_across_sources_and_spellings() {
        let claims = claims_of(&[
            "Steve Witkoff met them.",
            "Richard Witkoff flew in.",
            "Volodymyr Zelenskyy spoke.",
        ]);
        assert_eq!(keys(&claims, FIRST_NAME)[0], keys(&claims, FIRST_NAME)[1]);
        let zelensky = claims_of(&["Volodymyr Zelensky spoke."]);
        assert_eq!(keys(&claims, FIRST_NAME)[2], keys(&zelensky, FIRST_NAME)[0]);
    }

    #[test]
    fn two_first_names_in_one_source_are_two_people() {
        let claims = claims_of(&[
            "Robert Kennedy and John Kennedy spoke.",
            "John Kennedy left.",
        ]);
        let keys = keys(&claims, FIRST_NAME);
        assert_ne!(keys[0], keys[1]);
        assert_eq!(keys[1], keys[2]);
    }

    #[test]
    fn series_with_a_shared_party_are_one() {
        let claims = claims_of(&[
            "He will meet Putin for the sixth time this year.",
            "It is Witkoff's fifth meeting with Putin this year.",
        ]);
        let keys = keys(&claims, "series_ordinal");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0], keys[1]);
    }

    #[test]
    fn quotations_match_across_punctuation_and_extent() {
        let claims = claims_of(&[
            "\"She is safe, she is in the air, and she is coming home,\" Biden said.",
            "Blinken said: \"She is safe; she is in the air and she is coming home.\"",
        ]);
        let keys = keys(&claims, "quote_speaker");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0], keys[1]);
    }
}
