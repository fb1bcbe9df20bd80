//! The stage order in one screen:
//! ingest → segment → extract → normalize → graph → rules → findings.

use crate::claim::Claim;
use crate::extract;
use crate::findings::{Finding, Findings};
use crate::graph::ClaimGraph;
use crate::ingest::Source;
use crate::knowledge::Knowledge;
use crate::location::Located;
use crate::normalize;
use crate::rules::{check, Rule, Severity};
use crate::segment;
use crate::sources::StoryIndex;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// Everything one run learned about its sources.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Held, or written out in a run that reads texts again story by story.
    pub sources: crate::sources::Sources,
    /// The claims a report may show: every claim; none with [`Keep::Findings`]
    /// over several stories, whose claims behind findings are in `spool`.
    pub claims: Vec<Claim>,
    /// Claims read from each source (whether kept or not).
    pub claims_per_source: Vec<usize>,
    pub entity_count: usize,
    /// The stories, in name order; each story's claims are one run of `claims`.
    pub stories: Vec<Story>,
    /// In report order; in a run that checks stories a group at a time,
    /// written out as each story finishes (see [`Findings`]).
    pub findings: Findings,
    /// The rules the run applied, so writers can name them and show their explanations.
    pub rules: Vec<Rule>,
    /// Baseline entries no longer found: contradictions fixed since they were accepted.
    pub fixed: Vec<crate::baseline::Entry>,
    /// The baseline the findings were compared with, if any (SARIF's
    /// `baselineState` is only meaningful after a comparison).
    pub baseline: Option<crate::baseline::Compared>,
    /// Files found but not read (binary, too large, FIFOs…), set by the caller that read them.
    pub skipped: Vec<crate::ingest::Skipped>,
    /// Where the time went, for `--stats` (never written into reports).
    pub stats: Stats,
    /// Where the claims behind findings are, by claim, when their sources'
    /// texts were let go (a run that reads sources story by story); other
    /// claims are located from their source's text.
    pub located: std::collections::BTreeMap<usize, Located>,
    /// In a run that checks stories a group at a time, every claim behind a
    /// finding, located as its story finished: findings' claim indices are
    /// its entries (see [`crate::spool`]), and `claims` holds none of them.
    pub spool: Option<std::sync::Arc<crate::spool::Spool>>,
    /// What of the run's temporary files could not be read back: the report
    /// fails rather than pass for whole.
    pub failure: Option<String>,
}

impl Analysis {
    /// Where claim `claim` is, for a report.
    pub fn located(&self, claim: usize) -> std::borrow::Cow<'_, Located> {
        if let Some(spool) = &self.spool {
            // A failed read is reported by `report::write` once the report is
            // written; the claim then shows empty rather than stopping it.
            return std::borrow::Cow::Owned(spool.get(claim).unwrap_or_else(Located::empty));
        }
        match self.located.get(&claim) {
            Some(located) => std::borrow::Cow::Borrowed(located),
            None => {
                let claim = &self.claims[claim];
                // Without a spool the run kept its texts: its sources are held.
                std::borrow::Cow::Owned(match self.sources.held().get(claim.source) {
                    Some(source) => Located::of(claim, source),
                    None => Located::empty(),
                })
            }
        }
    }

    /// Claims read from every source (whether kept or not).
    pub fn claim_count(&self) -> usize {
        self.claims_per_source.iter().sum()
    }
}

/// A story: sources compared with each other and with no other story's.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// As the sources name it (their folder, or their `story:`); empty when
    /// no source was given one.
    pub name: String,
    /// Indices of its sources in the run's sources, in order.
    pub sources: Vec<usize>,
    /// Its claims: this range of the run's (kept) claims.
    pub claims: std::ops::Range<usize>,
    /// Claims read from its sources (whether kept or not).
    pub claim_count: usize,
    /// Entities its claims are about (each story keys its own).
    pub entities: usize,
}

/// The stories of the sources `index` knows, in name order, with no claims yet.
fn stories_of(index: &StoryIndex) -> Vec<Story> {
    let mut by_name: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, story) in index.stories().enumerate() {
        by_name.entry(story).or_default().push(i);
    }
    by_name
        .into_iter()
        .map(|(name, sources)| Story {
            name: name.to_string(),
            sources,
            claims: 0..0,
            claim_count: 0,
            entities: 0,
        })
        .collect()
}

/// Puts each story's claims together (stories in order, claims of a story in
/// source order, as a run of that story alone would have them) and records
/// each story's range.
fn group_by_story(claims: &mut [Claim], source_count: usize, stories: &mut [Story]) {
    if stories.len() > 1 {
        let mut story_of_source = vec![0; source_count];
        for (s, story) in stories.iter().enumerate() {
            for &source in &story.sources {
                story_of_source[source] = s;
            }
        }
        // A stable sort keeps the source order inside each story.
        claims.sort_by_key(|claim| story_of_source[claim.source]);
        let mut start = 0;
        for (s, story) in stories.iter_mut().enumerate() {
            let end = start + claims[start..].partition_point(|c| story_of_source[c.source] == s);
            story.claims = start..end;
            story.claim_count = end - start;
            start = end;
        }
    } else if let Some(story) = stories.first_mut() {
        story.claims = 0..claims.len();
        story.claim_count = claims.len();
    }
}

/// Each story's claims as its own mutable slice, to be worked on in parallel.
fn story_slices<'c>(claims: &'c mut [Claim], stories: &[Story]) -> Vec<&'c mut [Claim]> {
    let mut rest = claims;
    let mut slices = Vec::with_capacity(stories.len());
    for story in stories {
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(story.claims.len());
        slices.push(head);
        rest = tail;
    }
    slices
}

/// Time spent per stage.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Finding, reading and decoding the files (set by the caller that read them).
    pub read: std::time::Duration,
    pub extract: std::time::Duration,
    pub normalize: std::time::Duration,
    pub rules: std::time::Duration,
}

/// Counters a caller may watch from another thread while a run goes on (the
/// engine never prints; the command line draws them as a progress bar).
#[derive(Debug, Default)]
pub struct Progress {
    pub sources_done: AtomicUsize,
    pub claims: AtomicUsize,
    pub findings: AtomicUsize,
    stage: AtomicU8,
}

/// Where a run is, as `Progress::stage` tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Extracting,
    Normalizing,
    CheckingRules,
    Done,
}

impl Progress {
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Extracting,
            1 => Stage::Normalizing,
            2 => Stage::CheckingRules,
            _ => Stage::Done,
        }
    }

    fn enter(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }
}

/// Sources extracted together before their claims join the run's list: enough
/// to keep both cores busy, few enough that a batch's claims are small.
const EXTRACT_BATCH: usize = 256;

/// Claims of every source, normalised story by story.
///
/// Sources are segmented and read in parallel (rayon, on the current thread
/// pool); their claims are concatenated in source order, so the result is the
/// same whatever the number of threads. Each story is normalised on its own,
/// so its entities never meet another story's; the claims come story by story.
pub fn claims(sources: &[Source], rules: &[Rule], knowledge: &Knowledge) -> Vec<Claim> {
    claims_timed(
        sources,
        rules,
        knowledge,
        &mut Stats::default(),
        &Progress::default(),
    )
    .0
}

/// One source's claims, counted in the progress report.
fn extract_source(
    index: usize,
    source: &Source,
    story_date: Option<&str>,
    knowledge: &Knowledge,
    patterns: &extract::declared::Patterns,
    progress: &Progress,
) -> Vec<Claim> {
    let sentences = segment::sentences(&source.text);
    let found =
        extract::extract_in_story(index, source, &sentences, knowledge, patterns, story_date);
    progress.sources_done.fetch_add(1, Ordering::Relaxed);
    progress.claims.fetch_add(found.len(), Ordering::Relaxed);
    found
}

fn claims_timed(
    sources: &[Source],
    rules: &[Rule],
    knowledge: &Knowledge,
    stats: &mut Stats,
    progress: &Progress,
) -> (Vec<Claim>, Vec<Story>) {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let patterns = extract::declared::Patterns::new(rules, knowledge);
    let index = StoryIndex::of(sources);
    // Sources are extracted in batches, each batch's claims appended before the
    // next starts: the claims are held once (plus one batch), not twice as a
    // vector per source and their concatenation.
    let mut claims: Vec<Claim> = Vec::new();
    for (batch, chunk) in sources.chunks(EXTRACT_BATCH).enumerate() {
        let per_source: Vec<Vec<Claim>> = chunk
            .par_iter()
            .enumerate()
            .map(|(offset, source)| {
                let at = batch * EXTRACT_BATCH + offset;
                let date = index.story_date(at, source.date.as_deref());
                extract_source(at, source, date, knowledge, &patterns, progress)
            })
            .collect();
        claims.reserve(per_source.iter().map(Vec::len).sum());
        for found in per_source {
            claims.extend(found);
        }
    }
    // Growth by doubling leaves up to half the capacity unused for the rest of the run.
    claims.shrink_to_fit();
    stats.extract = started.elapsed();
    progress.enter(Stage::Normalizing);
    let started = std::time::Instant::now();
    let mut stories = stories_of(&index);
    group_by_story(&mut claims, sources.len(), &mut stories);
    story_slices(&mut claims, &stories)
        .into_par_iter()
        .for_each(|story_claims| normalize::normalize(story_claims, knowledge));
    stats.normalize = started.elapsed();
    (claims, stories)
}

/// What a run keeps of its claims once each story is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every claim: the HTML report highlights them all.
    All,
    /// Only the claims behind findings (the person table across stories
    /// keeps its own few facts of each story). Stories are then read, checked and let go a few at a
    /// time, so claims take memory for the largest group of stories in work,
    /// not for the whole input. Findings and reports are the same.
    Findings,
}

pub fn analyze(sources: Vec<Source>, rules: &[Rule], knowledge: &Knowledge) -> Analysis {
    analyze_watched(sources, rules, knowledge, &Progress::default())
}

/// [`analyze`], counting its progress in `progress` as it goes.
pub fn analyze_watched(
    sources: Vec<Source>,
    rules: &[Rule],
    knowledge: &Knowledge,
    progress: &Progress,
) -> Analysis {
    analyze_kept(sources.into(), rules, knowledge, progress, Keep::All)
}

/// The rules of each predicate, in rule order, so a group meets only its own.
fn rules_by_predicate(rules: &[Rule]) -> foldhash::HashMap<&str, Vec<&Rule>> {
    let mut rules_of: foldhash::HashMap<&str, Vec<&Rule>> = foldhash::HashMap::default();
    for rule in rules {
        for predicate in &rule.predicates {
            let listed = rules_of.entry(predicate.as_str()).or_default();
            // A rule naming a predicate twice still applies once.
            if !listed.iter().any(|r| std::ptr::eq(*r, rule)) {
                listed.push(rule);
            }
        }
    }
    rules_of
}

/// An analysis of `sources` with nothing found yet.
fn empty(sources: crate::sources::Sources, rules: &[Rule]) -> Analysis {
    Analysis {
        entity_count: 0,
        stories: Vec::new(),
        sources,
        claims: Vec::new(),
        claims_per_source: Vec::new(),
        findings: Findings::default(),
        rules: rules.to_vec(),
        fixed: Vec::new(),
        baseline: None,
        stats: Stats::default(),
        skipped: Vec::new(),
        located: Default::default(),
        spool: None,
        failure: None,
    }
}

/// [`analyze_watched`], keeping the claims `keep` says.
pub fn analyze_kept(
    sources: crate::sources::Sources,
    rules: &[Rule],
    knowledge: &Knowledge,
    progress: &Progress,
    keep: Keep,
) -> Analysis {
    let mut analysis = empty(sources, rules);
    // One story is checked whole either way: keeping its claims costs nothing
    // more than reading them, and letting go of most would need a copy.
    let one_story = analysis.sources.stories().len() <= 1;
    let (checked, kept) = if keep == Keep::All || one_story {
        let checked = check_all(&mut analysis, rules, knowledge, progress);
        (checked, Kept::Whole)
    } else {
        // Without texts to read again nothing can fail.
        let checked = check_streamed(&mut analysis, rules, knowledge, progress, None)
            .unwrap_or_else(|_| (std::time::Instant::now(), Default::default()));
        (checked, Kept::Behind)
    };
    let mut analysis = finish(analysis, checked, kept, progress);
    // The texts are in hand: nothing is read, so nothing can fail.
    let _ = locate_findings(&mut analysis, None);
    analysis
}

/// [`Keep::Findings`] over sources read without their texts (see
/// [`crate::ingest::Source::without_text`]): each story's texts are read
/// again through `texts` when the story is checked and let go once its claims
/// are extracted, and the claims behind findings are located at the end by
/// reading their sources once more, one batch at a time. Memory follows the
/// largest group of stories in work and the claims kept, not the input's
/// texts. Reports are those of [`analyze_kept`] with the texts in hand; an
/// error when a source cannot be read again or changed meanwhile.
pub fn analyze_streamed(
    sources: crate::sources::Sources,
    rules: &[Rule],
    knowledge: &Knowledge,
    progress: &Progress,
    texts: &dyn crate::ingest::Texts,
) -> Result<Analysis, crate::error::Error> {
    let mut analysis = empty(sources, rules);
    let checked = check_streamed(&mut analysis, rules, knowledge, progress, Some(texts))?;
    let mut analysis = finish(analysis, checked, Kept::Behind, progress);
    locate_findings(&mut analysis, Some(texts))?;
    Ok(analysis)
}

/// Locates every claim behind a finding, reading each source it is in once.
/// Sources that kept their texts are located from them; the others are read
/// again through `texts` (without it, their claims are left to
/// [`Analysis::located`]).
fn locate_findings(
    analysis: &mut Analysis,
    texts: Option<&dyn crate::ingest::Texts>,
) -> Result<(), crate::error::Error> {
    use rayon::prelude::*;
    // The claims of a spool's entries were located as their stories finished;
    // those after them (across stories) are `claims`.
    let base = analysis.spool.as_ref().map_or(0, |s| s.len());
    let mut by_source: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    // Findings written out have only claims of the spool.
    for finding in analysis.findings.held() {
        for value in &finding.values {
            for &claim in value.claims.iter().filter(|&&c| c >= base) {
                by_source
                    .entry(analysis.claims[claim - base].source)
                    .or_default()
                    .push(claim);
            }
        }
    }
    let by_source: Vec<(usize, Vec<usize>)> = by_source.into_iter().collect();
    for batch in by_source.chunks(EXTRACT_BATCH) {
        let found: Vec<Result<Vec<(usize, Located)>, crate::error::Error>> = batch
            .par_iter()
            .map(|(index, claims)| {
                let known = analysis.sources.fetch(*index)?;
                let source = if known.text.len() == known.bytes() {
                    known
                } else if let Some(texts) = texts {
                    std::borrow::Cow::Owned(known.with_text(texts.text(*index, &known)?)?)
                } else {
                    return Ok(Vec::new());
                };
                let of: Vec<&Claim> = claims.iter().map(|&c| &analysis.claims[c - base]).collect();
                Ok(claims
                    .iter()
                    .copied()
                    .zip(Located::all(&of, &source))
                    .collect())
            })
            .collect();
        for located in found {
            analysis.located.extend(located?);
        }
    }
    if let Some(spool) = &analysis.spool {
        // In claim order, so claim `base + k` is entry `base + k`.
        for claim in base..base + analysis.claims.len() {
            let located = analysis.located.remove(&claim);
            spool.push(&located.unwrap_or_else(Located::empty));
        }
        analysis.claims = Vec::new();
    }
    Ok(())
}

/// [`Keep::All`]: every source extracted, then each story normalised and
/// checked. Returns when the checking began and the person table.
fn check_all(
    analysis: &mut Analysis,
    rules: &[Rule],
    knowledge: &Knowledge,
    progress: &Progress,
) -> (std::time::Instant, crate::stories::People) {
    let (claims, stories) = claims_timed(
        analysis.sources.held(),
        rules,
        knowledge,
        &mut analysis.stats,
        progress,
    );
    check_stories(analysis, claims, stories, rules, progress)
}

/// A run over claims read and normalised elsewhere (claim shards, see
/// [`crate::shard`]): each story's claims in the order its own run gave them,
/// stories in any order. Checked and linked as [`analyze_kept`] checks the
/// claims it extracts, so the findings and reports are the same.
pub fn analyze_normalized(
    sources: Vec<Source>,
    mut claims: Vec<Claim>,
    rules: &[Rule],
    progress: &Progress,
) -> Analysis {
    let mut analysis = empty(sources.into(), rules);
    let mut stories = stories_of(analysis.sources.stories());
    group_by_story(&mut claims, analysis.sources.len(), &mut stories);
    let checked = check_stories(&mut analysis, claims, stories, rules, progress);
    finish(analysis, checked, Kept::Whole, progress)
}

/// Each story's normalised claims checked on their own; the claims, counts
/// and findings put into `analysis`. Returns when the checking began and the
/// person table.
fn check_stories(
    analysis: &mut Analysis,
    claims: Vec<Claim>,
    mut stories: Vec<Story>,
    rules: &[Rule],
    progress: &Progress,
) -> (std::time::Instant, crate::stories::People) {
    use rayon::prelude::*;
    let sources = analysis.sources.len();
    progress.enter(Stage::CheckingRules);
    let started = std::time::Instant::now();
    let rules_of = rules_by_predicate(rules);
    let mut people = crate::stories::People::new(rules);
    let across = stories.len() > 1;
    // Stories are independent: each is checked on its own claims, in parallel,
    // and its findings come back in story order.
    let per_story: Vec<(usize, Vec<Finding>, crate::stories::StoryPeople)> = stories
        .par_iter()
        .map(|story| {
            let story_claims = &claims[story.claims.clone()];
            let (entities, mut found) =
                check_story(story_claims, &rules_of, &analysis.sources, progress);
            for finding in &mut found {
                finding.story.clone_from(&story.name);
                finding.renumber_claims(|claim| claim + story.claims.start);
            }
            let story_people = if across {
                people.of_story(story_claims)
            } else {
                Default::default()
            };
            (entities, found, story_people)
        })
        .collect();
    let mut found = Vec::new();
    for (s, (story, (entities, story_found, story_people))) in
        stories.iter_mut().zip(per_story).enumerate()
    {
        story.entities = entities;
        people.note(s, &story_found);
        found.extend(story_found);
        people.insert(s, story_people);
    }
    let mut claims_per_source = vec![0; sources];
    for claim in &claims {
        claims_per_source[claim.source] += 1;
    }
    analysis.claims = claims;
    analysis.claims_per_source = claims_per_source;
    analysis.stories = stories;
    analysis.findings = Findings::from(found);
    (started, people)
}

/// How the claims of a run's stories are kept once each story is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// Every claim, each story's in its range of the run's claims.
    Whole,
    /// Only those behind the stories' findings: a finding across stories
    /// brings its own claims, rebuilt by the person table.
    Behind,
}

/// Links the stories through the person table, sorts the findings and marks
/// the run done.
fn finish(
    mut analysis: Analysis,
    (started, people): (std::time::Instant, crate::stories::People),
    kept: Kept,
    progress: &Progress,
) -> Analysis {
    analysis.entity_count = analysis.stories.iter().map(|s| s.entities).sum();
    // Claims past the spool's entries are those of `claims`.
    let base = analysis.spool.as_ref().map_or(0, |s| s.len());
    let across = crate::stories::link(&analysis.rules, &people, &analysis.stories);
    analysis.failure = people.failure();
    drop(people);
    for group in across {
        progress
            .findings
            .fetch_add(group.findings.len(), Ordering::Relaxed);
        let mut new_index = vec![usize::MAX; group.claims.len()];
        match kept {
            Kept::Whole => {
                for (claim, &(story, at)) in group.at.iter().enumerate() {
                    new_index[claim] = analysis.stories[story].claims.start + at;
                }
            }
            Kept::Behind => {
                let mut behind = vec![false; group.claims.len()];
                for finding in &group.findings {
                    for value in &finding.values {
                        for &claim in &value.claims {
                            behind[claim] = true;
                        }
                    }
                }
                // In their order in the table, so the findings list them as before.
                for (claim, rebuilt) in group.claims.into_iter().enumerate() {
                    if behind[claim] {
                        new_index[claim] = base + analysis.claims.len();
                        analysis.claims.push(rebuilt);
                    }
                }
            }
        }
        for mut finding in group.findings {
            finding.renumber_claims(|claim| new_index[claim]);
            analysis.findings.push(finding);
        }
    }
    analysis.findings.sort();
    analysis.stats.rules = started.elapsed();
    progress.enter(Stage::Done);
    analysis
}

/// The findings of one story's claims (indices into `claims`, the story's own)
/// and the number of its entities. `sources` are the run's (claims name them
/// by index): their dates tell an updated tally from a contradiction.
fn check_story(
    claims: &[Claim],
    rules_of: &foldhash::HashMap<&str, Vec<&Rule>>,
    sources: &crate::sources::Sources,
    progress: &Progress,
) -> (usize, Vec<Finding>) {
    use rayon::prelude::*;
    // Groups are checked in parallel; their findings are put back in group order.
    // Groups borrow from the claims, not the graph: its memory is freed first.
    let graph = ClaimGraph::build(
        claims,
        claims.iter().map(|c| c.source + 1).max().unwrap_or(0),
    );
    let groups = graph.groups();
    let entity_count = graph.entity_count();
    drop(graph);
    let per_group: Vec<Vec<Finding>> = groups
        .par_iter()
        .map(|group| {
            rules_of
                .get(group.predicate)
                .into_iter()
                .flatten()
                .flat_map(|rule| {
                    check::apply(rule, group, claims)
                        .into_iter()
                        .map(move |finding| match rule.updates {
                            true => updated_between_days(finding, claims, sources),
                            false => finding,
                        })
                })
                .collect::<Vec<Finding>>()
        })
        .inspect(|found| {
            progress.findings.fetch_add(found.len(), Ordering::Relaxed);
        })
        .collect();
    let found: Vec<Finding> = per_group.into_iter().flatten().collect();
    (entity_count, drop_repeated_evidence(found, claims))
}

/// A tally's finding whose figures change in step with their sources'
/// dates — every source of a value is dated, no day gives two values, and
/// the values rise (or fall) as the days go on — is the figure updated as
/// the story developed ("12 dead" on Monday, "15 dead" on Tuesday): a note
/// saying so, not a contradiction. Two sources of one day that disagree, or
/// a figure that goes back against the days, stay a contradiction.
fn updated_between_days(
    mut finding: Finding,
    claims: &[Claim],
    sources: &crate::sources::Sources,
) -> Finding {
    // Per value: its lowest figure and the first and last day it is told.
    // Records are read back only here, for the few findings of such rules.
    let mut told: Vec<(f64, i64, i64, String, String)> = Vec::with_capacity(finding.values.len());
    for value in &finding.values {
        let mut told_here: Option<(f64, i64, i64, String, String)> = None;
        for &c in &value.claims {
            let claim = &claims[c];
            let date = sources.get(claim.source).and_then(|s| s.date.clone());
            let (Some(date), Some(interval)) = (date, claim.value.interval.as_ref()) else {
                return finding;
            };
            let Some(day) = crate::calendar::day_of(&date) else {
                return finding;
            };
            told_here = Some(match told_here {
                None => (interval.lo, day, day, date.clone(), date),
                Some((lo, first, last, first_date, last_date)) => (
                    lo.min(interval.lo),
                    first.min(day),
                    last.max(day),
                    if day < first {
                        date.clone()
                    } else {
                        first_date
                    },
                    if day > last { date } else { last_date },
                ),
            });
        }
        match told_here {
            Some(t) => told.push(t),
            None => return finding,
        }
    }
    told.sort_by(|a, b| a.0.total_cmp(&b.0));
    let rising = told.windows(2).all(|w| w[0].2 < w[1].1);
    let falling = told.windows(2).all(|w| w[0].1 > w[1].2);
    if told.len() < 2 || !(rising || falling) {
        return finding;
    }
    let first = told
        .iter()
        .map(|t| (t.1, t.3.as_str()))
        .min()
        .map_or("", |t| t.1);
    let last = told
        .iter()
        .map(|t| (t.2, t.4.as_str()))
        .max()
        .map_or("", |t| t.1);
    finding.severity = Severity::Info;
    finding.message = format!(
        "{} (updated: the figure changes with the sources' dates, {first} to {last})",
        finding.message
    );
    finding
}

/// One contradiction, one finding: a finding whose every claim (source and
/// span) another finding of the same or a higher severity already shows says
/// nothing new (a count read as the lead's figure and as the event's count,
/// or as a plain `quantity` note beside them), so it is left out. Two rules
/// of one severity reading exactly the same claims both stay: each names
/// its own measure. Order is kept.
fn drop_repeated_evidence(found: Vec<Finding>, claims: &[Claim]) -> Vec<Finding> {
    if found.len() < 2 {
        return found;
    }
    let evidence: Vec<Vec<(usize, usize, usize)>> = found
        .iter()
        .map(|f| {
            let mut cited: Vec<(usize, usize, usize)> = f
                .values
                .iter()
                .flat_map(|v| &v.claims)
                .map(|&i| {
                    (
                        claims[i].source,
                        claims[i].span.start(),
                        claims[i].span.end(),
                    )
                })
                .collect();
            cited.sort_unstable();
            cited.dedup();
            cited
        })
        .collect();
    let within = |small: &[(usize, usize, usize)], large: &[(usize, usize, usize)]| {
        small.iter().all(|c| large.binary_search(c).is_ok())
    };
    let repeated: Vec<bool> = (0..found.len())
        .map(|b| {
            (0..found.len()).any(|a| {
                a != b
                    && found[a].severity >= found[b].severity
                    && within(&evidence[b], &evidence[a])
                    && (evidence[b].len() < evidence[a].len()
                        || found[a].severity > found[b].severity)
            })
        })
        .collect();
    found
        .into_iter()
        .zip(repeated)
        .filter_map(|(f, repeated)| (!repeated).then_some(f))
        .collect()
}

/// One story read, checked and reduced to what the run keeps of it.
struct StoryDone {
    entities: usize,
    claim_count: usize,
    per_source: Vec<(usize, usize)>,
    /// The claims behind its findings, located; the findings' claim indices
    /// are into this.
    located: Vec<Located>,
    found: Vec<Finding>,
    people: crate::stories::StoryPeople,
}

/// `claims` (of `story`, all behind its findings) located, in order, each
/// from its source's text: the one in `in_hand` (the story's sources read
/// again, in story order) or, without those, the one kept in `sources`.
fn locate_kept(
    claims: &[&Claim],
    story: &Story,
    sources: &[Source],
    in_hand: &[Source],
) -> Vec<Located> {
    let mut by_source: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (k, claim) in claims.iter().enumerate() {
        by_source.entry(claim.source).or_default().push(k);
    }
    let mut located: Vec<Option<Located>> = claims.iter().map(|_| None).collect();
    for (index, of) in by_source {
        // A story's sources are listed in ascending order, as read.
        let source = match story.sources.binary_search(&index) {
            Ok(at) if !in_hand.is_empty() => in_hand.get(at),
            _ => sources.get(index),
        };
        let Some(source) = source else {
            continue;
        };
        let these: Vec<&Claim> = of.iter().map(|&k| claims[k]).collect();
        for (&k, found) in of.iter().zip(Located::all(&these, source)) {
            located[k] = Some(found);
        }
    }
    located
        .into_iter()
        .map(|l| l.unwrap_or_else(Located::empty))
        .collect()
}

/// [`Keep::Findings`]: stories in groups of at most [`EXTRACT_BATCH`] sources
/// (a larger story alone), each group's sources extracted in parallel, each
/// story normalised and checked, then only the claims behind its findings
/// kept, and what the person table needs of it. A story's claims are those a
/// run of all claims would give it, in the same order, so findings are the
/// same. Returns when the linking across stories began, and the person table.
fn check_streamed(
    analysis: &mut Analysis,
    rules: &[Rule],
    knowledge: &Knowledge,
    progress: &Progress,
    texts: Option<&dyn crate::ingest::Texts>,
) -> Result<(std::time::Instant, crate::stories::People), crate::error::Error> {
    use rayon::prelude::*;
    let sources = &analysis.sources;
    let started = std::time::Instant::now();
    let patterns = extract::declared::Patterns::new(rules, knowledge);
    let index = sources.stories();
    let rules_of = rules_by_predicate(rules);
    let mut table = crate::stories::People::new(rules);
    let mut stories = stories_of(index);
    let across = stories.len() > 1;
    let spool = crate::spool::Spool::default();
    let mut claims_per_source = vec![0; sources.len()];
    let mut found = Findings::default();
    let mut next = 0;
    while next < stories.len() {
        let mut end = next + 1;
        let mut size = stories[next].sources.len();
        while end < stories.len() && size + stories[end].sources.len() <= EXTRACT_BATCH {
            size += stories[end].sources.len();
            end += 1;
        }
        let done: Vec<Result<StoryDone, crate::error::Error>> = stories[next..end]
            .par_iter()
            .map(|story| {
                // A large story is extracted in batches appended to one list,
                // so its claims are held once, not also as a list per source.
                let mut story_claims: Vec<Claim> = Vec::new();
                let mut counts = Vec::with_capacity(story.sources.len());
                // Texts read again are kept until the story's findings are
                // located, then let go with the story: memory for one group
                // of stories' texts, and no third read at the end.
                let mut in_hand: Vec<Source> = Vec::new();
                for batch in story.sources.chunks(EXTRACT_BATCH) {
                    let per_source: Vec<(Vec<Claim>, Option<Source>)> = batch
                        .par_iter()
                        .map(|&at| {
                            let known = sources.fetch(at)?;
                            let date = index.story_date(at, known.date.as_deref());
                            Ok(match texts {
                                Some(texts) => {
                                    let source = known.with_text(texts.text(at, &known)?)?;
                                    let found = extract_source(
                                        at, &source, date, knowledge, &patterns, progress,
                                    );
                                    (found, Some(source))
                                }
                                None => (
                                    extract_source(
                                        at, &known, date, knowledge, &patterns, progress,
                                    ),
                                    None,
                                ),
                            })
                        })
                        .collect::<Result<_, crate::error::Error>>()?;
                    story_claims.reserve(per_source.iter().map(|(c, _)| c.len()).sum());
                    for (&index, (found, source)) in batch.iter().zip(per_source) {
                        counts.push((index, found.len()));
                        story_claims.extend(found);
                        in_hand.extend(source);
                    }
                }
                normalize::normalize(&mut story_claims, knowledge);
                let (entities, mut story_found) =
                    check_story(&story_claims, &rules_of, sources, progress);
                let claim_count = story_claims.len();
                // The person table keeps its few facts of the story; of the
                // claims, only those behind a finding are kept.
                let people = if across {
                    table.of_story(&story_claims)
                } else {
                    Default::default()
                };
                let mut behind = vec![false; claim_count];
                for finding in &story_found {
                    for value in &finding.values {
                        for &claim in &value.claims {
                            behind[claim] = true;
                        }
                    }
                }
                let mut kept_at = vec![usize::MAX; claim_count];
                let mut kept = Vec::new();
                for (i, claim) in story_claims.iter().enumerate() {
                    if behind[i] {
                        kept_at[i] = kept.len();
                        kept.push(claim);
                    }
                }
                for finding in &mut story_found {
                    finding.story.clone_from(&story.name);
                    finding.renumber_claims(|claim| kept_at[claim]);
                }
                let located = locate_kept(&kept, story, sources.held(), &in_hand);
                Ok(StoryDone {
                    entities,
                    claim_count,
                    per_source: counts,
                    located,
                    found: story_found,
                    people,
                })
            })
            .collect();
        for (s, (story, done)) in stories[next..end].iter_mut().zip(done).enumerate() {
            let done = done?;
            table.insert(next + s, done.people);
            let start = spool.len();
            table.note(next + s, &done.found);
            let mut story_found = done.found;
            for finding in &mut story_found {
                finding.renumber_claims(|claim| claim + start);
            }
            found.write_story(next + s, story_found);
            for located in &done.located {
                spool.push(located);
            }
            story.claims = start..spool.len();
            story.claim_count = done.claim_count;
            story.entities = done.entities;
            for (index, count) in done.per_source {
                claims_per_source[index] = count;
            }
        }
        next = end;
    }
    analysis.stats.extract = started.elapsed();
    progress.enter(Stage::CheckingRules);
    analysis.claims = Vec::new();
    analysis.spool = Some(std::sync::Arc::new(spool));
    analysis.claims_per_source = claims_per_source;
    analysis.stories = stories;
    analysis.findings = found;
    Ok((std::time::Instant::now(), table))
}
