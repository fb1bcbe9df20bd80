//! The comparators: each takes one (entity, predicate) group of claims and
//! returns the findings a rule makes of it.
//!
//! No comparator looks at pairs of claims: values are clustered (by key, or by
//! sorting intervals and sweeping), so a group of n claims costs O(n log n).

use super::{Comparator, PeriodScope, Rule};
use crate::claim::{Claim, Interval, Text};
use crate::findings::{fingerprint, Finding, Status, ValueGroup};
use crate::graph::ClaimGroup;
use crate::normalize::Sets;
use std::collections::{BTreeMap, BTreeSet};

pub fn apply(rule: &Rule, group: &ClaimGroup, claims: &[Claim]) -> Vec<Finding> {
    if !rule.predicates.iter().any(|p| p == group.predicate) {
        return Vec::new();
    }
    let considered: Vec<usize> = group
        .claims
        .iter()
        .copied()
        .filter(|&i| !(rule.skip_former && claims[i].qualifiers.former))
        .collect();
    // A finding needs two sources: a group stated by one source has none, however
    // it is split (unless the rule compares a text with the calendar).
    let Some(&first) = considered.first() else {
        return Vec::new();
    };
    if !rule.within_source
        && considered
            .iter()
            .all(|&i| claims[i].source == claims[first].source)
    {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for (period, members) in by_period(rule.period, &considered, claims)
        .into_iter()
        .flat_map(|(period, members)| by_attribution(rule.by_attribution, period, members, claims))
    {
        // Two values from one source for one period: two things, not a conflict
        // (a claim about an earlier year does not count against this one).
        if rule.one_value_per_source && some_source_states_two(&members, claims) {
            continue;
        }
        if rule.compare == Comparator::Office {
            for clusters in cluster_by_office(&members, claims) {
                findings.extend(finding(rule, group, period, clusters, claims));
            }
            continue;
        }
        if rule.compare == Comparator::Amount {
            for clusters in cluster_by_currency(&members, claims) {
                findings.extend(finding(rule, group, period, clusters, claims));
            }
            continue;
        }
        let clusters = match rule.compare {
            Comparator::Functional => cluster_by_key(&members, claims),
            Comparator::Numeric => cluster_by_interval(&members, claims),
            Comparator::Place => cluster_by_place(&members, claims),
            Comparator::Day => cluster_by_day(&members, claims),
            Comparator::Office | Comparator::Amount => unreachable!("handled above"),
        };
        let clusters = if rule.transposed_only {
            transposed(clusters, claims)
        } else {
            clusters
        };
        if let Some(finding) = finding(rule, group, period, clusters, claims) {
            findings.push(finding);
        }
    }
    findings
}

/// Splits claims by the period they are about, as the rule's scope says.
fn by_period<'a>(
    scope: PeriodScope,
    members: &[usize],
    claims: &'a [Claim],
) -> Vec<(Option<&'a str>, Vec<usize>)> {
    if scope == PeriodScope::Ignore {
        return vec![(None, members.to_vec())];
    }
    let is_year = |p: &str| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit());
    // A story's event is reported when it happens and looked back on later: a
    // claim about the event belongs to the earliest year its group names.
    let earliest = members
        .iter()
        .filter_map(|&i| claims[i].qualifiers.time.as_deref())
        .filter(|p| is_year(p))
        .min();
    let mut periods: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for &i in members {
        let period = match claims[i].qualifiers.time.as_deref() {
            Some(crate::claim::EVENT_PERIOD) => earliest,
            other => other,
        };
        periods.entry(period).or_default().push(i);
    }
    if scope == PeriodScope::Compatible {
        // "This year" in an undated source is the year the dated sources are
        // about, when they are about one: a story told by dated and undated
        // sources is still compared (as a warning: the period is relative).
        let years: Vec<Option<&str>> = periods
            .keys()
            .filter(|k| k.is_some_and(is_year))
            .copied()
            .collect();
        if let [year] = years.as_slice() {
            if let Some(relative) = periods.remove(&Some("this-year")) {
                let target = periods.get_mut(year).expect("year present");
                target.extend(relative);
                target.sort_unstable();
            }
        }
        let stated: Vec<Option<&str>> = periods.keys().filter(|k| k.is_some()).copied().collect();
        if let [only] = stated.as_slice() {
            if let Some(unstated) = periods.remove(&None) {
                let target = periods.get_mut(only).expect("stated period present");
                target.extend(unstated);
                target.sort_unstable();
            }
        }
    }
    periods.into_iter().collect()
}

/// Splits claims by the party they are credited to, when the rule asks for it.
fn by_attribution<'a>(
    separate: bool,
    period: Option<&'a str>,
    members: Vec<usize>,
    claims: &[Claim],
) -> Vec<(Option<&'a str>, Vec<usize>)> {
    if !separate {
        return vec![(period, members)];
    }
    let mut parties: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut unattributed = Vec::new();
    for i in members {
        match claims[i].qualifiers.attribution.as_deref() {
            Some(party) => parties.entry(party).or_default().push(i),
            None => unattributed.push(i),
        }
    }
    // Only two parties' figures are two claims apart ("police said 12",
    // "organisers said 30"); a figure credited to nobody is the story's own and
    // is compared with every party's ("48 crew" vs "84 crew, the coast guard
    // said").
    if parties.len() <= 1 {
        let mut all: Vec<usize> = parties
            .into_values()
            .flatten()
            .chain(unattributed)
            .collect();
        all.sort_unstable();
        return vec![(period, all)];
    }
    parties
        .into_values()
        .map(|mut party| {
            party.extend(&unattributed);
            party.sort_unstable();
            (period, party)
        })
        .collect()
}

/// Clusters in key order: claims are gathered per distinct key (a group may hold
/// thousands of claims and a handful of keys), and only the distinct keys are sorted.
fn cluster_by_key(members: &[usize], claims: &[Claim]) -> Vec<Vec<usize>> {
    let mut by_key: Gather<&str, Vec<usize>> = Gather::default();
    for &i in members {
        by_key.slot(claims[i].value.key.as_str()).push(i);
    }
    let mut clusters = by_key.0;
    clusters.sort_unstable_by_key(|&(key, _)| key);
    clusters.into_iter().map(|(_, members)| members).collect()
}

/// Values per distinct key, in order of first appearance. Most groups have one or
/// two keys: a short list is scanned, and a hash map takes over past `FEW` keys.
struct Gather<K, V>(Vec<(K, V)>, Option<foldhash::HashMap<K, usize>>);

impl<K, V> Default for Gather<K, V> {
    fn default() -> Self {
        Gather(Vec::new(), None)
    }
}

impl<K: Copy + Eq + std::hash::Hash, V: Default> Gather<K, V> {
    const FEW: usize = 16;

    fn slot(&mut self, key: K) -> &mut V {
        let Gather(list, index) = self;
        let at = match index {
            Some(index) => *index.entry(key).or_insert(list.len()),
            None => list
                .iter()
                .position(|(k, _)| *k == key)
                .unwrap_or(list.len()),
        };
        if at == list.len() {
            list.push((key, V::default()));
            if index.is_none() && list.len() > Self::FEW {
                *index = Some(list.iter().enumerate().map(|(n, (k, _))| (*k, n)).collect());
            }
        }
        &mut list[at].1
    }
}

/// How many distinct sources state the claims.
fn source_count<'a>(members: impl IntoIterator<Item = &'a usize>, claims: &[Claim]) -> usize {
    let mut sources: Vec<usize> = members.into_iter().map(|&i| claims[i].source).collect();
    sources.sort_unstable();
    sources.dedup();
    sources.len()
}

/// Titles split by office kind (their last word); within a kind, titles whose
/// words contain one another are one cluster. Distinct titles per person are few,
/// so comparing them pairwise is cheap.
fn cluster_by_office(members: &[usize], claims: &[Claim]) -> Vec<Vec<Vec<usize>>> {
    let mut by_kind: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for &i in members {
        let key = claims[i].value.key.as_str();
        // The extractor names the kinds (an exclusive group such as a crew's
        // roles, then the body whose officers the title is one of); otherwise
        // the title's last word is its kind.
        let aliases = &claims[i].value.aliases;
        let last_word = [key.rsplit(' ').next().unwrap_or(key)];
        let kinds: Vec<&str> = if aliases.is_empty() {
            last_word.to_vec()
        } else {
            aliases.iter().map(Text::as_str).collect()
        };
        for kind in kinds {
            by_kind
                .entry(kind)
                .or_default()
                .entry(key)
                .or_default()
                .push(i);
        }
    }
    let mut out = Vec::new();
    for titles in by_kind.into_values() {
        let keys: Vec<&str> = titles.keys().copied().collect();
        let mut cluster_of: Vec<usize> = (0..keys.len()).collect();
        for a in 0..keys.len() {
            for b in a + 1..keys.len() {
                let words_a: BTreeSet<&str> = keys[a].split(' ').collect();
                let words_b: BTreeSet<&str> = keys[b].split(' ').collect();
                // "Health Minister" and "Deputy Health Minister" are two offices:
                // the words one adds to the other may not be a rank.
                let ranked = words_a
                    .symmetric_difference(&words_b)
                    .any(|w| crate::knowledge::RANK_WORDS.contains(w));
                if (words_a.is_subset(&words_b) || words_b.is_subset(&words_a)) && !ranked {
                    let (from, to) = (cluster_of[b], cluster_of[a]);
                    for c in cluster_of.iter_mut().filter(|c| **c == from) {
                        *c = to;
                    }
                }
            }
        }
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, key) in keys.iter().enumerate() {
            clusters
                .entry(cluster_of[k])
                .or_default()
                .extend(&titles[key]);
        }
        out.push(
            clusters
                .into_values()
                .map(|mut c| {
                    c.sort_unstable();
                    c
                })
                .collect(),
        );
    }
    out
}

/// Connected components of places that are equal or named beside each other:
/// union-find over value keys, linear in the number of keys and aliases.
fn cluster_by_place(members: &[usize], claims: &[Claim]) -> Vec<Vec<usize>> {
    let mut keys: Vec<&str> = members
        .iter()
        .map(|&i| claims[i].value.key.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let position = |key: &str| keys.binary_search(&key).ok();
    // Keys are sorted, so a set's root (its smallest position) is its smallest key.
    let mut sets = Sets::new(keys.len());
    for &i in members {
        let key = position(&claims[i].value.key).expect("every member's key is listed");
        for alias in claims[i].value.aliases.iter().filter_map(|a| position(a)) {
            sets.join(key, alias);
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in members {
        let key = position(&claims[i].value.key).expect("every member's key is listed");
        clusters.entry(sets.find(key)).or_default().push(i);
    }
    clusters.into_values().collect()
}

/// Days: when every claim fixes its day (dated sources, full dates), days
/// whose intervals overlap agree. Otherwise the dated claims are compared as
/// days when they already disagree; if not, every claim naming a weekday is
/// compared by weekday (an undated source's "on Tuesday" is any Tuesday), and
/// only month-and-day dates of undated sources are left to one another.
fn cluster_by_day(members: &[usize], claims: &[Claim]) -> Vec<Vec<usize>> {
    let fixed: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| claims[i].value.interval.is_some())
        .collect();
    let by_days = cluster_by_interval(&fixed, claims);
    if fixed.len() == members.len() || (by_days.len() > 1 && source_count(&fixed, claims) > 1) {
        return by_days;
    }
    let named: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| crate::calendar::weekday_index(&claims[i].value.key).is_some())
        .collect();
    if named.is_empty() {
        let month_days: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| claims[i].value.key.starts_with("--"))
            .collect();
        cluster_by_key(&month_days, claims)
    } else {
        cluster_by_place(&named, claims)
    }
}

/// Connected components of overlapping intervals: sort by lower bound and sweep.
fn cluster_by_interval(members: &[usize], claims: &[Claim]) -> Vec<Vec<usize>> {
    sweep(
        members
            .iter()
            .filter_map(|&i| claims[i].value.interval.map(|iv| (iv, i)))
            .collect(),
    )
}

/// The clusters whose value is another's with its characters in another order
/// ("127" and "172", "KQ4417" and "KQ4471"): a typist's slip. Identifiers that
/// share no such likeness ("127" and "128") are two things, not one misread.
fn transposed(clusters: Vec<Vec<usize>>, claims: &[Claim]) -> Vec<Vec<usize>> {
    let letters = |cluster: &Vec<usize>| {
        let mut chars: Vec<char> = claims[cluster[0]].value.key.chars().collect();
        chars.sort_unstable();
        chars
    };
    let sorted: Vec<Vec<char>> = clusters.iter().map(letters).collect();
    clusters
        .into_iter()
        .enumerate()
        .filter(|(i, _)| {
            sorted
                .iter()
                .enumerate()
                .any(|(j, other)| j != *i && *other == sorted[*i])
        })
        .map(|(_, cluster)| cluster)
        .collect()
}

/// Whether one source states two different values (keys) in the group.
fn some_source_states_two(members: &[usize], claims: &[Claim]) -> bool {
    let mut first: BTreeMap<usize, &str> = BTreeMap::new();
    members.iter().any(|&i| {
        let key = claims[i].value.key.as_str();
        *first.entry(claims[i].source).or_insert(key) != key
    })
}

/// Amounts clustered per currency. A money value's key is "CUR amount" and its
/// aliases hold the same amount in other currencies, each also "CUR amount".
fn cluster_by_currency(members: &[usize], claims: &[Claim]) -> Vec<Vec<Vec<usize>>> {
    let amount = |text: &str| -> Option<(String, f64)> {
        let (currency, amount) = text.split_once(' ')?;
        Some((currency.to_string(), amount.parse().ok()?))
    };
    let mut per_currency: BTreeMap<String, Vec<(Interval, usize)>> = BTreeMap::new();
    for &i in members {
        let value = &claims[i].value;
        if let (Some((currency, _)), Some(interval)) = (amount(&value.key), value.interval) {
            per_currency
                .entry(currency)
                .or_default()
                .push((interval, i));
        }
        for alias in value.aliases.iter() {
            if let Some((currency, v)) = amount(alias) {
                // The conversion is as approximate as the stated amount's rounding.
                let stated = value.interval.map_or(Interval::exact(v), |iv| {
                    let middle = if iv.hi.is_finite() {
                        (iv.lo + iv.hi) / 2.0
                    } else {
                        iv.lo
                    };
                    let scale = v / middle.max(f64::MIN_POSITIVE);
                    Interval {
                        lo: iv.lo * scale,
                        hi: iv.hi * scale,
                    }
                });
                per_currency.entry(currency).or_default().push((stated, i));
            }
        }
    }
    per_currency.into_values().map(sweep).collect()
}

/// Clusters of agreeing values. Bounded intervals agree when they overlap; an
/// open-ended one ("more than 27,000", "up to 40") joins the one cluster of
/// bounded values it agrees with, and supports none when it agrees with
/// several: "more than 4,300" must not bridge "4,318" and "4,381" into one.
fn sweep(with_interval: Vec<(Interval, usize)>) -> Vec<Vec<usize>> {
    let open_ended = |iv: &Interval| !iv.hi.is_finite() || iv.lo <= 0.0;
    let (open, bounded): (Vec<_>, Vec<_>) = with_interval
        .into_iter()
        .partition(|(iv, _)| open_ended(iv));
    if open.is_empty() || bounded.is_empty() {
        return sweep_overlaps(if open.is_empty() { bounded } else { open });
    }
    let interval_of: BTreeMap<usize, Interval> = bounded
        .iter()
        .chain(open.iter())
        .map(|(iv, i)| (*i, *iv))
        .collect();
    let mut clusters = sweep_overlaps(bounded);
    let spans: Vec<Interval> = clusters
        .iter()
        .map(|cluster| Interval {
            lo: cluster
                .iter()
                .map(|i| interval_of[i].lo)
                .fold(f64::INFINITY, f64::min),
            hi: cluster
                .iter()
                .map(|i| interval_of[i].hi)
                .fold(f64::NEG_INFINITY, f64::max),
        })
        .collect();
    let mut alone = Vec::new();
    for (iv, i) in open {
        let mut agreeing = spans
            .iter()
            .enumerate()
            .filter(|(_, span)| iv.lo <= span.hi && span.lo <= iv.hi)
            .map(|(c, _)| c);
        match (agreeing.next(), agreeing.next()) {
            (None, _) => alone.push((iv, i)),
            (Some(one), None) => clusters[one].push(i),
            (Some(_), Some(_)) => {}
        }
    }
    clusters.extend(sweep_overlaps(alone));
    for cluster in &mut clusters {
        cluster.sort_unstable();
    }
    // In order of their lowest values, as one sweep would give them.
    clusters.sort_by(|a, b| {
        let lowest = |c: &Vec<usize>| {
            c.iter()
                .map(|i| interval_of[i].lo)
                .fold(f64::INFINITY, f64::min)
        };
        lowest(a).total_cmp(&lowest(b)).then(a[0].cmp(&b[0]))
    });
    clusters
}

/// Intervals swept in order of their lower ends: overlapping ones form a cluster.
fn sweep_overlaps(mut with_interval: Vec<(Interval, usize)>) -> Vec<Vec<usize>> {
    with_interval.sort_by(|a, b| a.0.lo.total_cmp(&b.0.lo).then(a.1.cmp(&b.1)));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for (interval, i) in with_interval {
        match clusters.last_mut() {
            Some(current) if interval.lo <= reach => {
                current.push(i);
                reach = reach.max(interval.hi);
            }
            _ => {
                clusters.push(vec![i]);
                reach = interval.hi;
            }
        }
    }
    for cluster in &mut clusters {
        cluster.sort_unstable();
    }
    clusters
}

fn finding(
    rule: &Rule,
    group: &ClaimGroup,
    period: Option<&str>,
    clusters: Vec<Vec<usize>>,
    claims: &[Claim],
) -> Option<Finding> {
    if clusters.len() < 2 {
        return None;
    }
    if !rule.within_source && source_count(clusters.iter().flatten(), claims) < 2 {
        return None;
    }
    let mut values: Vec<ValueGroup> = clusters
        .into_iter()
        .map(|members| {
            let (value, key) = representative(&members, claims);
            ValueGroup {
                value,
                key,
                sources: source_count(&members, claims),
                claims: members,
            }
        })
        .collect();
    values.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then_with(|| a.value.cmp(&b.value))
    });
    let keys: Vec<&str> = values.iter().map(|v| v.key.as_str()).collect();
    let fingerprint = fingerprint(&rule.id, group.entity_key, group.predicate, period, &keys);
    let summary = values
        .iter()
        .map(|v| {
            format!(
                "{} ({} source{})",
                v.value,
                v.sources,
                if v.sources == 1 { "" } else { "s" }
            )
        })
        .collect::<Vec<_>>()
        .join(" vs ");
    let message = rule
        .message
        .replace("{entity}", group.entity_label)
        .replace("{values}", &summary)
        .replace("{predicate}", group.predicate);
    let undated = values.iter().flat_map(|v| &v.claims).any(|&i| {
        claims[i]
            .qualifiers
            .time
            .as_deref()
            .is_some_and(crate::claim::is_relative_period)
    });
    let severity = match rule.undated_severity {
        Some(lower) if undated => lower.min(rule.severity),
        _ => rule.severity,
    };
    Some(Finding {
        fingerprint,
        rule: rule.id.clone(),
        severity,
        status: Status::New,
        reason: None,
        entity: group.entity_label.to_string(),
        entity_key: group.entity_key.to_string(),
        predicate: group.predicate.to_string(),
        period: period.map(str::to_string),
        message,
        values,
        story: String::new(),
        across: Vec::new(),
    })
}

/// The value shown for a cluster: its most frequent canonical form (ties: smallest),
/// and the key of that form.
fn representative(members: &[usize], claims: &[Claim]) -> (String, String) {
    let mut counts: Gather<(&str, &str), usize> = Gather::default();
    for &i in members {
        *counts.slot((
            claims[i].value.canonical.as_str(),
            claims[i].value.key.as_str(),
        )) += 1;
    }
    // Distinct forms are unique, so their order does not matter.
    let best = counts
        .0
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
        .unwrap_or(("", ""));
    (best.0.to_string(), best.1.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(lo: f64, hi: f64) -> Interval {
        Interval { lo, hi }
    }

    #[test]
    fn an_open_ended_figure_does_not_bridge_two_counts() {
        // "4,318", "4,381" and "more than 4,300": the hedge agrees with both.
        let clusters = sweep(vec![
            (iv(4313.0, 4323.0), 0),
            (iv(4376.0, 4386.0), 1),
            (iv(4300.0, f64::INFINITY), 2),
        ]);
        assert_eq!(clusters, vec![vec![0], vec![1]]);
    }

    #[test]
    fn an_open_ended_figure_joins_the_one_count_it_agrees_with() {
        // "26,912", "27,912" and "more than 27,000".
        let clusters = sweep(vec![
            (iv(26885.0, 26939.0), 0),
            (iv(27884.0, 27940.0), 1),
            (iv(27000.0, f64::INFINITY), 2),
        ]);
        assert_eq!(clusters, vec![vec![0], vec![1, 2]]);
        // "up to 30" agrees with nothing above it and stands alone.
        let clusters = sweep(vec![(iv(0.0, 30.0), 0), (iv(45.0, 55.0), 1)]);
        assert_eq!(clusters, vec![vec![0], vec![1]]);
    }

    #[test]
    fn open_ended_figures_alone_sweep_as_before() {
        let clusters = sweep(vec![
            (iv(10.0, f64::INFINITY), 0),
            (iv(0.0, 5.0), 1),
            (iv(20.0, f64::INFINITY), 2),
        ]);
        assert_eq!(clusters, vec![vec![1], vec![0, 2]]);
    }
}
