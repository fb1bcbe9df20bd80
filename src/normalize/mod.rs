//! One entity per real person, government or series across sources, and one
//! canonical value per stated value.

pub mod number;

use crate::claim::{Claim, SubjectKind, Text};
use crate::extract::{FIRST_NAME, NAME_SPELLING};
use crate::knowledge::Knowledge;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::hash::BuildHasher;

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

/// Hash maps for lookups whose order never reaches the output (foldhash: fast,
/// randomly seeded).
type Map<K, V> = foldhash::HashMap<K, V>;

/// Union-find over positions `0..n`: the root of a set is its smallest member, so
/// roots do not depend on the order sets are joined in. Also used by the place
/// comparator.
pub(crate) struct Sets(Vec<usize>);

impl Sets {
    pub(crate) fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }

    pub(crate) fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut node = i;
        while self.0[node] != root {
            let next = self.0[node];
            self.0[node] = root;
            node = next;
        }
        root
    }

    pub(crate) fn join(&mut self, i: usize, j: usize) {
        let (a, b) = (self.find(i), self.find(j));
        self.0[a.max(b)] = a.min(b);
    }
}

/// A run of words with its hash, computed from the words' hashes.
struct Shingle<'a> {
    words: &'a [&'a str],
    hash: u64,
}

impl std::hash::Hash for Shingle<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Shingle<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for Shingle<'_> {}

/// Quotations sharing a run of `SHINGLE` words are one statement.
fn resolve_quotations(claims: &mut [Claim]) {
    let indices: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].subject.kind == SubjectKind::Quotation)
        .collect();
    // Quotations with the same words are one statement: only the first of each
    // distinct key is split into shingles, the others join it directly.
    let mut sets = Sets::new(indices.len());
    let mut first_with_key: Map<&str, usize> = Map::default();
    let mut distinct: Vec<usize> = Vec::new();
    for (position, &i) in indices.iter().enumerate() {
        match first_with_key.entry(claims[i].subject.key.as_str()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                sets.join(position, *first.get());
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(position);
                distinct.push(position);
            }
        }
    }
    drop(first_with_key);
    let words: Vec<(usize, Vec<&str>)> = distinct
        .iter()
        .map(|&position| {
            (
                position,
                claims[indices[position]].subject.key.split(' ').collect(),
            )
        })
        .collect();
    // Shingles are compared as word slices: words hold no space, so two slices are
    // equal exactly when their space-joined texts are. Each word is hashed once and
    // a shingle's hash combines its words' hashes.
    let state = foldhash::fast::RandomState::default();
    let mut first_with: Map<Shingle, usize> = Map::default();
    let mut hashes: Vec<u64> = Vec::new();
    for (position, words) in &words {
        let position = *position;
        hashes.clear();
        hashes.extend(words.iter().map(|w| state.hash_one(w)));
        let width = SHINGLE.min(words.len());
        for (start, shingle) in words.windows(width).enumerate() {
            let hash = hashes[start..start + width].iter().fold(0u64, |h, &w| {
                h.rotate_left(7).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ w
            });
            match first_with.entry(Shingle {
                words: shingle,
                hash,
            }) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    sets.join(position, *first.get());
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(position);
                }
            }
        }
    }
    drop(first_with);
    // The longest text of each statement (ties: smallest) names it.
    let roots: Vec<usize> = (0..indices.len()).map(|p| sets.find(p)).collect();
    let mut longest: Vec<&str> = vec![""; indices.len()];
    for (position, &i) in indices.iter().enumerate() {
        let text = claims[i].subject.text.as_str();
        let entry = &mut longest[roots[position]];
        if text.len() > entry.len() || (text.len() == entry.len() && text < *entry) {
            *entry = text;
        }
    }
    let mut named: Vec<Option<(String, String)>> = vec![None; indices.len()];
    for &root in &roots {
        if named[root].is_some() {
            continue;
        }
        let label = longest[root];
        let words = crate::extract::quotation_words(label);
        let key = format!(
            "quote:{}",
            words.iter().take(12).cloned().collect::<Vec<_>>().join(" ")
        );
        let short: Vec<&str> = label.split_whitespace().take(10).collect();
        let ellipsis = if label.split_whitespace().count() > 10 {
            "…"
        } else {
            ""
        };
        named[root] = Some((key, format!("“{}{ellipsis}”", short.join(" "))));
    }
    drop(words);
    for (position, &i) in indices.iter().enumerate() {
        let (key, label) = named[roots[position]].as_ref().expect("named above");
        claims[i].subject.key = Text::from(key.as_str());
        claims[i].subject.label = Text::from(label.as_str());
    }
}

/// People are keyed by the spelling skeleton of their surname. Where one source names
/// two different first names for one surname, the surname is shared by several people
/// (two Kennedys), and each first name becomes its own entity.
fn resolve_people(claims: &mut [Claim], knowledge: &Knowledge) {
    const NONE: usize = usize::MAX;
    // Skeletons are computed once per distinct spelling of a surname.
    let mut text_ids: Map<&str, usize> = Map::default();
    // Per spelling: the surname it reads as and how many claims use it.
    let mut spellings: Vec<(&str, usize, usize)> = Vec::new();
    let mut surname_ids: Map<String, usize> = Map::default();
    let mut surnames: Vec<String> = Vec::new();
    let unconfirmed = unconfirmed_candidates(claims, knowledge);
    let people: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].subject.kind == SubjectKind::Person && !unconfirmed[i])
        .collect();
    let mut person_spelling: Vec<usize> = Vec::with_capacity(people.len());
    for &i in &people {
        let text = claims[i].subject.text.as_str();
        let spelling = *text_ids.entry(text).or_insert_with(|| {
            let skeleton = knowledge.skeleton(text);
            let surname = *surname_ids.entry(skeleton).or_insert_with_key(|skeleton| {
                surnames.push(skeleton.clone());
                surnames.len() - 1
            });
            spellings.push((text, surname, 0));
            spellings.len() - 1
        });
        person_spelling.push(spelling);
    }
    let person_surname: Vec<usize> = person_spelling
        .iter()
        .map(|&spelling| spellings[spelling].1)
        .collect();
    // Story-local nicknames: `Manuel "Mar" Roxas` makes "Mar Roxas" the same name.
    // Surname → given-name key → (canonical, key) the nickname stands for.
    let mut aliases: Map<usize, Map<String, (&str, &str)>> = Map::default();
    for (position, &i) in people.iter().enumerate() {
        let claim = &claims[i];
        if let Some(nick) = claim
            .qualifiers
            .attribution
            .as_deref()
            .and_then(|a| a.strip_prefix("nickname:"))
        {
            aliases.entry(person_surname[position]).or_default().insert(
                knowledge.given_name_value(nick).1,
                (&claim.value.canonical, &claim.value.key),
            );
        }
    }
    // First names (value keys after nicknames), interned.
    let mut first_ids: Map<&str, usize> = Map::default();
    let mut firsts: Vec<&str> = Vec::new();
    let mut person_first: Vec<usize> = vec![NONE; people.len()];
    let mut person_alias: Vec<Option<(&str, &str)>> = vec![None; people.len()];
    // (surname, source) → the first name seen, and whether another one was seen too.
    let mut first_names_per_source: Map<(usize, usize), (usize, bool)> = Map::default();
    // Per surname: first name → claims naming it.
    let mut first_name_counts: Vec<Map<usize, usize>> = vec![Map::default(); surnames.len()];
    // (surname, first name) → the sources stating it; and the first-name
    // claims of sources that also call someone by a given name on its own.
    let mut stated_by: Map<(usize, &str), Vec<usize>> = Map::default();
    let mut called_alone: Vec<(usize, usize, &[Text])> = Vec::new();
    for (position, &i) in people.iter().enumerate() {
        let claim = &claims[i];
        spellings[person_spelling[position]].2 += 1;
        if claim.predicate != FIRST_NAME {
            continue;
        }
        let surname = person_surname[position];
        let alias = aliases
            .get(&surname)
            .and_then(|given| given.get(claim.value.key.as_str()))
            .copied();
        person_alias[position] = alias;
        let key = alias.map_or(claim.value.key.as_str(), |(_, key)| key);
        let first = *first_ids.entry(key).or_insert_with(|| {
            firsts.push(key);
            firsts.len() - 1
        });
        person_first[position] = first;
        // A relative ("his wife, Xxx Yyy") says by itself that the surname is
        // shared by several people.
        let relative = claim.qualifiers.relative;
        first_names_per_source
            .entry((surname, claim.source))
            .and_modify(|(seen, several)| *several |= *seen != first || relative)
            .or_insert((first, relative));
        *first_name_counts[surname].entry(first).or_default() += 1;
        stated_by
            .entry((surname, key))
            .or_default()
            .push(claim.source);
        if !claim.value.aliases.is_empty() {
            called_alone.push((surname, claim.source, &claim.value.aliases));
        }
    }
    // The most used spelling labels the entity (ties: alphabetical, for determinism).
    let mut labels: Vec<Option<(usize, &str)>> = vec![None; surnames.len()];
    for &(text, surname, count) in &spellings {
        let best = &mut labels[surname];
        if best.is_none_or(|(n, t)| count > n || (count == n && text < t)) {
            *best = Some((count, text));
        }
    }
    let labels: Vec<Text> = labels
        .into_iter()
        .map(|best| best.map(|(_, text)| Text::from(text)).unwrap_or_default())
        .collect();
    // Where a surname is shared, a claim that names no first name ("Griner, 32")
    // is about the person the sources name most often, if one stands out.
    let dominant: Vec<Option<&str>> = first_name_counts
        .iter()
        .map(|counts| {
            let mut ranked: Vec<(usize, &str)> =
                counts.iter().map(|(&k, &n)| (n, firsts[k])).collect();
            ranked.sort_by(|a, b| b.cmp(a));
            match ranked.as_slice() {
                [(top, key), (next, _), ..] if *top >= 2 * *next => Some(*key),
                [(_, key)] => Some(*key),
                _ => None,
            }
        })
        .collect();
    let mut shared = vec![false; surnames.len()];
    for (&(surname, _), &(_, several)) in &first_names_per_source {
        shared[surname] |= several;
    }
    for surname in two_people_apart(claims, &people, &person_surname, &first_names_per_source) {
        shared[surname] = true;
    }
    // A source that names "Www Yyy" and calls someone "Xxx" on their own,
    // where another source names "Xxx Yyy", names two people of Yyy (the
    // other half of a story cut in two, a relative): as if it named both.
    for &(surname, source, alone) in &called_alone {
        shared[surname] |= alone.iter().any(|given| {
            stated_by
                .get(&(surname, given.as_str()))
                .is_some_and(|sources| sources.iter().any(|&s| s != source))
        });
    }
    // One role across sources: where a family shares the surname, the person a
    // source says leads a thing ("who led the survey") is the person another
    // source says leads it, so a first name that differs is compared with
    // the one most sources give that lead, not kept apart as a relative's.
    // Only a source's single holder of the lead counts, and never in a source
    // that also names the other first name (two people there).
    let redirect = one_role_across_sources(claims, &people, &person_surname, &shared, &stated_by);
    // A head of government's family shares the surname ("Hunter Biden" beside
    // "Joe Biden" in another source): other first names are other people.
    let mut head_given: Map<String, Vec<String>> = Map::default();
    for head in &knowledge.heads {
        head_given
            .entry(knowledge.skeleton(&head.surname))
            .or_default()
            .push(knowledge.given_name_value(&head.given).1);
    }
    for (surname, counts) in first_name_counts.iter().enumerate() {
        if counts.len() > 1 {
            if let Some(given) = head_given.get(&surnames[surname]) {
                shared[surname] |= counts.keys().any(|&k| given.iter().any(|g| g == firsts[k]));
            }
        }
    }
    // Where a surname is shared, a claim that names no first name is about the
    // person the same source named in full last before it ("Xxx Yyy, 58, ...
    // his daughter Zzz": the age is Xxx's).
    let mut named_in_full: Map<(usize, usize), Vec<(usize, Text)>> = Map::default();
    for (position, &i) in people.iter().enumerate() {
        let claim = &claims[i];
        if claim.predicate == NAME_SPELLING && shared[person_surname[position]] {
            let first = claim.value.aliases.first().cloned().unwrap_or_default();
            named_in_full
                .entry((person_surname[position], claim.source))
                .or_default()
                .push((claim.span.start(), first));
        }
    }
    for mentions in named_in_full.values_mut() {
        mentions.sort();
    }
    let dominant: Vec<Option<Text>> = dominant.into_iter().map(|d| d.map(Text::from)).collect();
    let person_alias: Vec<Option<(Text, Text)>> = person_alias
        .into_iter()
        .map(|a| a.map(|(canonical, key)| (Text::from(canonical), Text::from(key))))
        .collect();
    let keys: Vec<Text> = surnames
        .iter()
        .map(|s| compact_str::format_compact!("person:{s}"))
        .collect();
    let mut position_of = vec![NONE; claims.len()];
    for (position, &index) in people.iter().enumerate() {
        position_of[index] = position;
    }
    // A candidate no other source confirms is a claim about nobody known: it
    // stays listed, alone, and is compared with nothing.
    for (index, claim) in claims.iter_mut().enumerate() {
        if unconfirmed[index] {
            claim.subject.key = compact_str::format_compact!("person:?candidate{index}");
            claim.subject.label.clone_from(&claim.subject.text);
        }
    }
    // Every claim's key and label from the tables above, in parallel.
    claims
        .par_iter_mut()
        .enumerate()
        .for_each(|(index, claim)| {
            let position = position_of[index];
            if position == NONE {
                return;
            }
            let surname = person_surname[position];
            let name = &surnames[surname];
            if claim.predicate == NAME_SPELLING {
                // Spellings are compared among mentions of one first name only.
                let first = claim.value.aliases.first().map_or("", Text::as_str);
                claim.subject.key = compact_str::format_compact!("person:{name}~{first}");
                claim.subject.label.clone_from(&claim.subject.text);
                return;
            }
            let first_name = claim.predicate == FIRST_NAME;
            if first_name {
                if let Some((canonical, key)) = &person_alias[position] {
                    claim.value.canonical.clone_from(canonical);
                    claim.value.key.clone_from(key);
                }
                if let Some(qualifiers) = claim.qualifiers.get_mut() {
                    qualifiers.attribution = None;
                    qualifiers.role = None;
                }
                // The given names the source called someone by on their own
                // have been read (above): they are not this name's aliases.
                claim.value.aliases = Box::default();
            }
            if name.contains('~') {
                claim.subject.key.clone_from(&keys[surname]);
                claim.subject.label.clone_from(&claim.subject.text);
                return;
            }
            let label = &labels[surname];
            if shared[surname] && first_name {
                let (canonical, key) = redirect[position]
                    .as_ref()
                    .map_or((&claim.value.canonical, &claim.value.key), |(c, k)| (c, k));
                claim.subject.key = compact_str::format_compact!("person:{name}:{key}");
                claim.subject.label = compact_str::format_compact!("{canonical} {label}");
            } else if shared[surname] {
                let named_before =
                    named_in_full
                        .get(&(surname, claim.source))
                        .and_then(|mentions| {
                            let after =
                                mentions.partition_point(|(at, _)| *at <= claim.span.start());
                            after.checked_sub(1).map(|last| &mentions[last].1)
                        });
                claim.subject.key = match named_before.or(dominant[surname].as_ref()) {
                    Some(first) => compact_str::format_compact!("person:{name}:{first}"),
                    // Several people share the surname and nothing says which one this is.
                    None => compact_str::format_compact!("person:{name}:?{index}"),
                };
                claim.subject.label.clone_from(label);
            } else {
                claim.subject.key.clone_from(&keys[surname]);
                claim.subject.label.clone_from(label);
            }
        });
}

/// Years between two ages of one surname's people that no misreported age
/// explains: a parent and a child, not one person told two ways.
const GENERATION_YEARS: f64 = 15.0;

/// What a source says of the one person of a surname it names (a source
/// naming one first name for it): evidence that tells two people apart.
#[derive(Default)]
struct Told<'a> {
    /// Ages stated (the middle of each stated interval).
    ages: Vec<f64>,
    /// Party letters ("R", "D").
    parties: BTreeSet<&'a str>,
    /// Home states or constituencies, as the party tag writes them ("ore",
    /// "ohio"; lower case, no dots).
    homes: BTreeSet<String>,
    /// The kinds of the offices held (`Knowledge::office_kind`, and a body's
    /// officers' kind): two titles of one kind may be one office told two
    /// ways, titles of no common kind are two jobs.
    offices: BTreeSet<&'a str>,
}

/// Whether two ways of writing a home state may be one state: one is the
/// other or an abbreviation of it, its letters in order ("ore" and "oregon",
/// "nm" and "newmexico", "tx" and "texas"). Only two that cannot be one
/// ("ohio" and "oregon") are different homes.
fn may_be_one_home(a: &str, b: &str) -> bool {
    let in_order = |short: &str, long: &str| {
        let mut letters = long.chars();
        short.chars().all(|c| letters.any(|l| l == c))
    };
    in_order(a, b) || in_order(b, a)
}

/// Surnames (ids) that sources give two first names with contrary evidence
/// that they are two people, each told in a source naming only that first
/// name: ages a generation apart ("Xxx Yyy, 67" in one source, "Zzz Yyy, 38"
/// in another), different parties ("Rep. Xxx Yyy (R-…)" and "Democratic Rep.
/// Zzz Yyy"), home states that cannot be one, or offices of no common kind
/// ("Xxx Yyy, the province's governor" and "Zzz Yyy, the clinic's
/// director"). Two people, so their first names, ages and parties are never
/// compared as one person's. One person misnamed, with the same age, party,
/// home and kind of office (or none stated), stays one: a source that gets
/// both the first name and the office wrong is read as naming someone else.
fn two_people_apart(
    claims: &[Claim],
    people: &[usize],
    person_surname: &[usize],
    first_names_per_source: &Map<(usize, usize), (usize, bool)>,
) -> Vec<usize> {
    // (surname, first name) → what sources naming only that first name tell.
    let mut told: std::collections::BTreeMap<(usize, usize), Told> =
        std::collections::BTreeMap::new();
    for (position, &i) in people.iter().enumerate() {
        let claim = &claims[i];
        let is_age = claim.predicate == crate::extract::AGE;
        let is_party = claim.predicate == crate::extract::PARTY;
        let is_office = claim.predicate == crate::extract::OFFICE;
        if !is_age && !is_party && !is_office {
            continue;
        }
        let surname = person_surname[position];
        let Some(&(first, false)) = first_names_per_source.get(&(surname, claim.source)) else {
            continue;
        };
        let entry = told.entry((surname, first)).or_default();
        if is_office {
            entry
                .offices
                .extend(claim.value.aliases.iter().map(Text::as_str));
        } else if is_party {
            entry.parties.insert(claim.value.key.as_str());
            entry.homes.extend(
                claim
                    .value
                    .aliases
                    .iter()
                    .filter_map(|a| a.strip_prefix("home:"))
                    .map(str::to_string),
            );
        } else if let Some(interval) = &claim.value.interval {
            entry.ages.push((interval.lo + interval.hi) / 2.0);
        }
    }
    let two = |a: &Told, b: &Told| {
        let generation = !a.ages.is_empty()
            && !b.ages.is_empty()
            && a.ages
                .iter()
                .all(|y| b.ages.iter().all(|o| (y - o).abs() >= GENERATION_YEARS));
        let parties =
            !a.parties.is_empty() && !b.parties.is_empty() && a.parties.is_disjoint(&b.parties);
        let homes = !a.homes.is_empty()
            && !b.homes.is_empty()
            && a.homes
                .iter()
                .all(|h| b.homes.iter().all(|o| !may_be_one_home(h, o)));
        let offices =
            !a.offices.is_empty() && !b.offices.is_empty() && a.offices.is_disjoint(&b.offices);
        generation || parties || homes || offices
    };
    let mut apart = Vec::new();
    let entries: Vec<(&(usize, usize), &Told)> = told.iter().collect();
    for (a, &(&(surname, first), said)) in entries.iter().enumerate() {
        let far = entries[a + 1..]
            .iter()
            .take_while(|(&(other_surname, _), _)| other_surname == surname)
            .any(|(&(_, other_first), other)| other_first != first && two(said, other));
        if far && apart.last() != Some(&surname) {
            apart.push(surname);
        }
    }
    apart
}

/// A first-name claim's person said to lead something: the first name's key,
/// its canonical spelling and the source.
type Holder<'a> = (&'a str, &'a str, usize);

/// Per person claim (by position in `people`): the first name (canonical,
/// key) its first-name claim is compared under instead of its own, where the
/// surname is shared and the claim's person leads what another first name's
/// person leads in other sources (see `extract::lead`). The first name most
/// sources give the lead wins (ties: alphabetical, for determinism); a
/// source that names that first name too, or gives the lead to two first
/// names, is left alone.
fn one_role_across_sources(
    claims: &[Claim],
    people: &[usize],
    person_surname: &[usize],
    shared: &[bool],
    stated_by: &Map<(usize, &str), Vec<usize>>,
) -> Vec<Option<(Text, Text)>> {
    let mut redirect = vec![None; people.len()];
    // (surname, role) → its holders.
    let mut holders: std::collections::BTreeMap<(usize, &str), Vec<Holder>> =
        std::collections::BTreeMap::new();
    for (position, &i) in people.iter().enumerate() {
        let claim = &claims[i];
        let surname = person_surname[position];
        if claim.predicate != FIRST_NAME || !shared[surname] {
            continue;
        }
        if let Some(role) = claim.qualifiers.role.as_deref() {
            holders.entry((surname, role)).or_default().push((
                claim.value.key.as_str(),
                claim.value.canonical.as_str(),
                claim.source,
            ));
        }
    }
    for ((surname, role), held) in &holders {
        let mut sources: Map<&str, Vec<usize>> = Map::default();
        for &(key, _, source) in held {
            sources.entry(key).or_default().push(source);
        }
        if sources.len() < 2 {
            continue;
        }
        for list in sources.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let Some((&winner, _)) = sources
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(a.0)))
        else {
            continue;
        };
        let Some(&(_, canonical, _)) = held.iter().find(|(k, _, _)| *k == winner) else {
            continue;
        };
        let names_winner = stated_by.get(&(*surname, winner));
        for (position, &i) in people.iter().enumerate() {
            let claim = &claims[i];
            if person_surname[position] != *surname
                || claim.predicate != FIRST_NAME
                || claim.qualifiers.role.as_deref() != Some(*role)
                || claim.value.key == winner
            {
                continue;
            }
            let source = claim.source;
            let holders_here = held
                .iter()
                .filter(|(_, _, s)| *s == source)
                .map(|(k, _, _)| *k)
                .collect::<std::collections::BTreeSet<_>>();
            let two_here = names_winner.is_some_and(|s| s.contains(&source));
            if holders_here.len() == 1 && !two_here {
                redirect[position] = Some((canonical.into(), winner.into()));
            }
        }
    }
    redirect
}

/// Which claims are candidates for a name (a pair with one piece of evidence in
/// its own source) that no other source confirms: a candidate is a name when
/// another source of the story names a person of the same surname, not as a
/// relative and not as a candidate itself. Evidence across the story, never a
/// gate: the first name is then compared like any other.
fn unconfirmed_candidates(claims: &[Claim], knowledge: &Knowledge) -> Vec<bool> {
    let mut unconfirmed = vec![false; claims.len()];
    if !claims.iter().any(|c| c.qualifiers.candidate) {
        return unconfirmed;
    }
    // Surname skeleton → the sources that name a person of it.
    let mut named: Map<String, BTreeSet<usize>> = Map::default();
    for claim in claims {
        if claim.predicate == FIRST_NAME
            && claim.subject.kind == SubjectKind::Person
            && !claim.qualifiers.candidate
            && !claim.qualifiers.relative
        {
            named
                .entry(knowledge.skeleton(&claim.subject.text))
                .or_default()
                .insert(claim.source);
        }
    }
    for (index, claim) in claims.iter().enumerate() {
        if claim.qualifiers.candidate {
            let confirmed = named
                .get(&knowledge.skeleton(&claim.subject.text))
                .is_some_and(|sources| sources.iter().any(|&s| s != claim.source));
            unconfirmed[index] = !confirmed;
        }
    }
    unconfirmed
}

/// Series claims carry `class:anchor+anchor` keys from extraction. Claims of one class
/// whose anchors overlap are one series; claims with no anchor join the class's
/// series when there is exactly one.
fn resolve_series(claims: &mut [Claim]) {
    const NONE: usize = usize::MAX;
    let indices: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].subject.kind == SubjectKind::Series)
        .collect();
    // Counts and ordinals of one class are placed separately: an unanchored
    // ordinal joins the class's only ordinal series, whatever the counts say.
    // Classes are `predicate/class`, interned; `kinds` are (predicate, class) pairs.
    let mut kind_ids: Map<(&str, &str), usize> = Map::default();
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    let mut class_ids: Map<String, usize> = Map::default();
    let mut classes: Vec<String> = Vec::new();
    let mut kind_of: Vec<usize> = Vec::with_capacity(indices.len());
    let mut anchors_of: Vec<Vec<&str>> = Vec::with_capacity(indices.len());
    for &i in &indices {
        let claim = &claims[i];
        let (class, anchors) = claim.subject.key.split_once(':').unwrap_or(("", ""));
        let kind = *kind_ids.entry((claim.predicate, class)).or_insert_with(|| {
            let name = format!("{}/{class}", claim.predicate);
            let class = *class_ids.entry(name).or_insert_with_key(|name| {
                classes.push(name.clone());
                classes.len() - 1
            });
            kinds.push((claim.predicate, class));
            kinds.len() - 1
        });
        kind_of.push(kind);
        anchors_of.push(anchors.split('+').filter(|a| !a.is_empty()).collect());
    }
    let class_of = |position: usize| kinds[kind_of[position]].1;
    let mut sets = Sets::new(indices.len());
    let mut first_with_anchor: Map<(usize, &str), usize> = Map::default();
    for (position, anchors) in anchors_of.iter().enumerate() {
        for &anchor in anchors {
            match first_with_anchor.entry((class_of(position), anchor)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    sets.join(position, *first.get());
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(position);
                }
            }
        }
    }
    // Anchors and names of each series (root), to name it and to place unanchored
    // claims. Joined claims share a class, so a root has one class.
    let mut series_anchors: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); indices.len()];
    let mut series_labels: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); indices.len()];
    // Per class: the one series with anchors, NONE when there are none, or
    // NONE - 1 when there are several.
    let mut only_series: Vec<usize> = vec![NONE; classes.len()];
    let mut roots: Vec<usize> = vec![NONE; indices.len()];
    for (position, &i) in indices.iter().enumerate() {
        if anchors_of[position].is_empty() {
            continue;
        }
        let root = sets.find(position);
        roots[position] = root;
        series_anchors[root].extend(anchors_of[position].iter().copied());
        series_labels[root].extend(claims[i].subject.text.split(", ").filter(|s| !s.is_empty()));
        let only = &mut only_series[class_of(position)];
        if *only == NONE {
            *only = root;
        } else if *only != root {
            *only = NONE - 1;
        }
    }
    // Key and label per (series root or unplaced class, predicate/class pair).
    let mut named: Map<(usize, usize), (String, String)> = Map::default();
    let mut unplaced: Map<usize, (String, String)> = Map::default();
    enum Placed {
        Series(usize, usize),
        Unplaced(usize),
    }
    let mut outcome: Vec<Placed> = Vec::with_capacity(indices.len());
    for position in 0..indices.len() {
        let kind = kind_of[position];
        let (predicate, class) = kinds[kind];
        let noun = classes[class].rsplit('/').next().unwrap_or_default();
        let root = if anchors_of[position].is_empty() {
            match only_series[class] {
                root if root < NONE - 1 => root,
                _ => {
                    unplaced.entry(kind).or_insert_with(|| {
                        (format!("series:{noun}:?"), series_label(predicate, noun))
                    });
                    outcome.push(Placed::Unplaced(kind));
                    continue;
                }
            }
        } else {
            roots[position]
        };
        named.entry((root, kind)).or_insert_with(|| {
            let first_anchor = series_anchors[root]
                .iter()
                .next()
                .copied()
                .unwrap_or_default();
            let labels: Vec<&str> = series_labels[root].iter().copied().collect();
            let what = series_label(predicate, noun);
            let label = if labels.is_empty() {
                what
            } else {
                format!("{what} ({})", labels.join(", "))
            };
            (format!("series:{noun}:{first_anchor}"), label)
        });
        outcome.push(Placed::Series(root, kind));
    }
    drop(anchors_of);
    drop(series_anchors);
    drop(series_labels);
    drop(first_with_anchor);
    drop(kind_ids);
    drop(kinds);
    for (position, &i) in indices.iter().enumerate() {
        let (key, label) = match outcome[position] {
            Placed::Unplaced(kind) => &unplaced[&kind],
            Placed::Series(root, kind) => &named[&(root, kind)],
        };
        claims[i].subject.key = Text::from(key.as_str());
        claims[i].subject.label = Text::from(label.as_str());
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
        crate::pipeline::claims(&sources, &crate::rules::load::builtin(), &knowledge)
    }

    fn keys(claims: &[Claim], predicate: &str) -> Vec<String> {
        claims
            .iter()
            .filter(|c| c.predicate == predicate)
            .map(|c| c.subject.key.to_string())
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
    fn a_candidate_is_a_name_only_when_another_source_names_the_surname() {
        // One piece of evidence ("who …") in the second source; the first names
        // the surname with two (an age and the surname alone).
        let strong = "Lemeki Vunibola, 47, steered the barge. Vunibola said the river was low.";
        let weak = "Josaia Vunibola, who steered the barge, reached the wharf.";
        let claims = claims_of(&[strong, weak]);
        let firsts = keys(&claims, FIRST_NAME);
        assert_eq!(firsts.len(), 2);
        assert_eq!(
            firsts[0], firsts[1],
            "confirmed: one person, two first names"
        );
        assert!(claims.iter().any(|c| c.qualifiers.candidate));
        // Alone, the weak source names nobody the story knows.
        let alone = claims_of(&[weak, "The barge reached the wharf at noon."]);
        let firsts = keys(&alone, FIRST_NAME);
        assert_eq!(firsts.len(), 1);
        assert!(firsts[0].starts_with("person:?candidate"), "{firsts:?}");
        // Another candidate confirms nothing.
        let both_weak = claims_of(&[weak, "Seru Vunibola, who steered the barge, waved."]);
        let firsts = keys(&both_weak, FIRST_NAME);
        assert_ne!(firsts[0], firsts[1]);
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
    fn different_parties_are_two_people_and_one_party_one_person() {
        let two = claims_of(&[
            "Rep. Tomasz Wrona (D-Mich.) voted for the ferry bill.",
            "Republican Rep. Halina Wrona voted against it.",
        ]);
        let firsts = keys(&two, FIRST_NAME);
        assert_ne!(firsts[0], firsts[1], "two parties: two people");
        let parties = keys(&two, crate::extract::PARTY);
        assert_ne!(parties[0], parties[1]);
        let one = claims_of(&[
            "Rep. Tomasz Wrona (D-Mich.) voted for the ferry bill.",
            "Democratic Rep. Halina Wrona voted for it.",
        ]);
        let firsts = keys(&one, FIRST_NAME);
        assert_eq!(firsts[0], firsts[1], "one party: one person misnamed");
        // Home states that cannot be one, in the party tags.
        let homes = claims_of(&[
            "Rep. Tomasz Wrona, D-Mich., voted for the ferry bill.",
            "Rep. Halina Wrona, D-Ore., voted for it.",
        ]);
        let firsts = keys(&homes, FIRST_NAME);
        assert_ne!(firsts[0], firsts[1]);
        assert!(may_be_one_home("ore", "oregon"));
        assert!(may_be_one_home("nm", "newmexico"));
        assert!(!may_be_one_home("ohio", "oregon"));
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
