//! Claim shards: the claims of some stories, normalised, with everything
//! `check` needs to finish without the texts, so extraction (the bulk of a
//! run) can happen on other machines and one `check --from-claims` gathers it.
//!
//! A shard is JSON Lines (`crosscheck claims --format shard`). Its first line
//! names the format and its version, so a reader of another version refuses
//! the file instead of misreading it; then come the sources, each followed by
//! its claims, then the files skipped:
//!
//! ```text
//! {"kind":"header","format":"crosscheck-shard","version":1,"tool":"0.1.0"}
//! {"kind":"source","id":0,"path":"day/a.txt","sha256":"…","bytes":1234,"story":"day","lines":[{"at":0,"line":1,"text":"…"}]}
//! {"kind":"claim","source":0,"subject":{…},"predicate":"age","value":{…},"span":[10,12],"sentence":[0,40]}
//! {"kind":"skipped","path":"day/photo.txt","reason":"binary file"}
//! ```
//!
//! A source keeps only the whole lines its claims are on (`lines`: byte
//! offset, line number, text), which is all a report quotes: the words, the
//! sentence, the line and the column. Reading puts each excerpt back at its
//! offset in a text of the source's length (blanks and newlines between), so
//! every span, line and column is the original's.
//!
//! Claims are written after each story was normalised on its own (entity
//! keys, value keys, qualifiers), so a story must be written whole into one
//! shard; reading refuses a story found in two shards. Sources are put back in
//! the order a run over the files gives them (path order), so the report of
//! `check --from-claims` is byte for byte the report of `check` on the texts.

use crate::claim::{Claim, Interval, QualifierBox, Qualifiers, Subject, SubjectKind, Text, Value};
use crate::error::Error;
use crate::ingest::{Skipped, Source};
use crate::span::{Span, MAX_SOURCE_BYTES};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// The format's name on a shard's first line.
pub const FORMAT: &str = "crosscheck-shard";

/// Raised whenever a shard's lines change meaning; a reader takes only its own.
pub const VERSION: u32 = 1;

// One line is alive at a time, so the size of the largest variant costs
// nothing; boxing claims would cost an allocation per claim.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Line {
    Header {
        format: String,
        version: u32,
        tool: String,
    },
    Source(ShardSource),
    Claim(ShardClaim),
    Skipped {
        path: String,
        reason: String,
    },
}

#[derive(Serialize, Deserialize)]
struct ShardSource {
    /// Claims of this shard name their source by it.
    id: usize,
    path: String,
    sha256: String,
    bytes: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    story: String,
    /// The record's id when the source is a record of an archive (`path` is
    /// the archive's), and the outlet the record names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    record: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outlet: Option<String>,
    lines: Vec<Excerpt>,
}

/// Whole lines of a source: where they start (byte offset), the first one's
/// number (1-based) and their text.
#[derive(Serialize, Deserialize)]
struct Excerpt {
    at: usize,
    line: usize,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct ShardClaim {
    source: usize,
    subject: ShardSubject,
    predicate: String,
    value: ShardValue,
    span: [usize; 2],
    sentence: [usize; 2],
    #[serde(default, skip_serializing_if = "ShardQualifiers::is_none")]
    qualifiers: ShardQualifiers,
    /// Where a quotation's speaker is named (absent for other claims; shards
    /// written before it was kept read as without one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker: Option<[usize; 2]>,
}

#[derive(Serialize, Deserialize)]
struct ShardSubject {
    text: Text,
    kind: SubjectKind,
    key: Text,
    label: Text,
}

#[derive(Serialize, Deserialize)]
struct ShardValue {
    canonical: Text,
    key: Text,
    /// Bounds as Rust writes and reads an `f64` (`"6"`, `"inf"`): exact both
    /// ways, which a JSON number read back is not always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    interval: Option<[String; 2]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<Text>,
}

#[derive(Default, Serialize, Deserialize)]
struct ShardQualifiers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hedge: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attribution: Option<Text>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    former: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    relative: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    candidate: bool,
}

impl ShardQualifiers {
    fn is_none(&self) -> bool {
        self.hedge.is_none()
            && self.time.is_none()
            && self.attribution.is_none()
            && !self.former
            && !self.relative
            && !self.candidate
    }
}

/// Writes a shard of `sources` and their `claims` (as `pipeline::claims`
/// gives them: normalised, story by story) and the files skipped.
pub fn write(
    out: &mut dyn Write,
    sources: &[Source],
    claims: &[Claim],
    skipped: &[Skipped],
) -> std::io::Result<()> {
    let line = |item: &Line, out: &mut dyn Write| -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, item).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    };
    line(
        &Line::Header {
            format: FORMAT.to_string(),
            version: VERSION,
            tool: env!("CARGO_PKG_VERSION").to_string(),
        },
        out,
    )?;
    let mut of_source: Vec<Vec<&Claim>> = vec![Vec::new(); sources.len()];
    for claim in claims {
        of_source[claim.source].push(claim);
    }
    // Claims keep the order of the run's list (normalisation may have moved
    // them within a story): each is written after its source, in list order.
    let mut written = vec![false; sources.len()];
    for claim in claims {
        if !written[claim.source] {
            written[claim.source] = true;
            let source = &sources[claim.source];
            line(
                &Line::Source(shard_source(claim.source, source, &of_source[claim.source])),
                out,
            )?;
        }
        line(&Line::Claim(shard_claim(claim)), out)?;
    }
    for (id, source) in sources.iter().enumerate() {
        if !written[id] {
            line(&Line::Source(shard_source(id, source, &[])), out)?;
        }
    }
    for s in skipped {
        line(
            &Line::Skipped {
                path: s.path.clone(),
                reason: s.reason.clone(),
            },
            out,
        )?;
    }
    Ok(())
}

fn shard_source(id: usize, source: &Source, claims: &[&Claim]) -> ShardSource {
    let text = source.text.as_str();
    // Whole lines from the start of a claim's sentence (or value) to its end:
    // what the text report shows, and what a column is counted from.
    // A speaker named in another paragraph brings its own lines.
    let whole_lines = |from: usize, to: usize| {
        let (from, to) = (from.min(text.len()), to.min(text.len()));
        let start = text[..from].rfind('\n').map_or(0, |i| i + 1);
        let end = text[to..].find('\n').map_or(text.len(), |i| to + i);
        (start, end)
    };
    let mut ranges: Vec<(usize, usize)> = claims
        .iter()
        .map(|c| {
            whole_lines(
                c.sentence.start().min(c.span.start()),
                c.sentence.end().max(c.span.end()),
            )
        })
        .chain(
            claims
                .iter()
                .filter_map(|c| c.qualifiers.speaker)
                .map(|s| whole_lines(s.start(), s.end())),
        )
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            // Lines next to each other (one newline apart) are one excerpt.
            Some(last) if start <= last.1 + 1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    ShardSource {
        id,
        path: source.path.clone(),
        sha256: source.sha256.clone(),
        bytes: source.bytes(),
        date: source.date.clone(),
        story: source.story.clone(),
        record: source.record.clone(),
        outlet: source.outlet.clone(),
        lines: merged
            .into_iter()
            .map(|(start, end)| Excerpt {
                at: start,
                line: source.line_column(start).0,
                text: text[start..end].to_string(),
            })
            .collect(),
    }
}

fn shard_claim(claim: &Claim) -> ShardClaim {
    let q = &*claim.qualifiers;
    ShardClaim {
        source: claim.source,
        subject: ShardSubject {
            text: claim.subject.text.clone(),
            kind: claim.subject.kind,
            key: claim.subject.key.clone(),
            label: claim.subject.label.clone(),
        },
        predicate: claim.predicate.to_string(),
        value: ShardValue {
            canonical: claim.value.canonical.clone(),
            key: claim.value.key.clone(),
            interval: claim
                .value
                .interval
                .map(|i| [i.lo.to_string(), i.hi.to_string()]),
            aliases: claim.value.aliases.to_vec(),
        },
        span: [claim.span.start(), claim.span.end()],
        sentence: [claim.sentence.start(), claim.sentence.end()],
        qualifiers: ShardQualifiers {
            hedge: q.hedge.map(str::to_string),
            time: q.time.clone(),
            attribution: q.attribution.clone(),
            former: q.former,
            relative: q.relative,
            candidate: q.candidate,
        },
        speaker: q.speaker.map(|s| [s.start(), s.end()]),
    }
}

/// What shards hold together: sources in the order a run over their files
/// gives them, claims story by story as each story's shard wrote them
/// (source indices into `sources`), and the files skipped.
#[derive(Debug, Default)]
pub struct Read {
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    pub skipped: Vec<Skipped>,
}

/// The shard files under `paths` (a folder: every file in it, recursively, in
/// name order).
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Error::input(
                dir,
                format!("cannot read folder: {}", crate::ingest::io_reason(&e)),
            )
        })?;
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, files)?;
            } else if path.is_file() {
                files.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    files.dedup();
    Ok(files)
}

/// Reads every shard; a line that is not one, a span outside its source, a
/// source or a story in two shards is an error naming the file and line.
pub fn read_all(paths: &[PathBuf]) -> Result<Read, Error> {
    let mut sources: Vec<Source> = Vec::new();
    // (story, shard file) of each story seen, to refuse a story cut in two.
    let mut story_files: std::collections::BTreeMap<String, usize> = Default::default();
    let mut paths_seen: std::collections::BTreeMap<String, PathBuf> = Default::default();
    let mut per_file: Vec<Vec<Claim>> = Vec::new();
    let mut skipped = Vec::new();
    let files = files(paths)?;
    if files.is_empty() {
        return Err(Error::usage("--from-claims: no shard files given"));
    }
    for (f, file) in files.iter().enumerate() {
        let first_source = sources.len();
        let claims = read_one(file, &mut sources, &mut skipped)?;
        for source in &sources[first_source..] {
            let name = match &source.record {
                Some(id) => format!("{}#{id}", source.path),
                None => source.path.clone(),
            };
            if let Some(other) = paths_seen.insert(name.clone(), file.clone()) {
                return Err(Error::input(
                    file,
                    format!(
                        "source {name} is also in {}: each source belongs in one shard",
                        crate::ingest::display_path(&other)
                    ),
                ));
            }
            match story_files.get(&source.story) {
                Some(&g) if g != f => {
                    return Err(Error::input(
                        file,
                        format!(
                            "story `{}` is also in {}: a story's claims are keyed together, \
                             so a story must be written whole into one shard",
                            source.story,
                            crate::ingest::display_path(&files[g])
                        ),
                    ))
                }
                _ => {
                    story_files.insert(source.story.clone(), f);
                }
            }
        }
        per_file.push(claims);
    }
    // Sources in the order a run reads them: files in path order, then the
    // records of archives, each archive where its first record appears,
    // records in shard order (shards of one archive are given in its order).
    // Claims keep their shard's order (the pipeline groups them by story,
    // stably).
    let mut archive_rank: std::collections::HashMap<&str, usize> = Default::default();
    for source in sources.iter().filter(|s| s.record.is_some()) {
        let next = archive_rank.len();
        archive_rank.entry(source.path.as_str()).or_insert(next);
    }
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&sources[a], &sources[b]);
        match (&a.record, &b.record) {
            (None, None) => Path::new(&a.path).cmp(Path::new(&b.path)),
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(_), Some(_)) => archive_rank[a.path.as_str()].cmp(&archive_rank[b.path.as_str()]),
        }
    });
    drop(archive_rank);
    let mut new_index = vec![0; sources.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Source>> = sources.into_iter().map(Some).collect();
    let sources: Vec<Source> = order.iter().filter_map(|&old| slots[old].take()).collect();
    let mut claims: Vec<Claim> = per_file.into_iter().flatten().collect();
    for claim in &mut claims {
        claim.source = new_index[claim.source];
    }
    skipped.sort_by(|a: &Skipped, b: &Skipped| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    skipped.dedup_by(|a, b| a.path == b.path && a.reason == b.reason);
    Ok(Read {
        sources,
        claims,
        skipped,
    })
}

/// One shard's sources (appended to `sources`) and claims (source indices
/// into `sources`).
fn read_one(
    file: &Path,
    sources: &mut Vec<Source>,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Claim>, Error> {
    let at = |line: usize, reason: String| {
        Error::at(&crate::ingest::display_path(file), line, 1, reason)
    };
    let handle = std::fs::File::open(file).map_err(|e| {
        Error::input(
            file,
            format!("cannot read: {}", crate::ingest::io_reason(&e)),
        )
    })?;
    let reader = std::io::BufReader::new(handle);
    // Shard ids of this file's sources, to their index in `sources`.
    let mut ids: foldhash::HashMap<usize, usize> = Default::default();
    let mut claims = Vec::new();
    let mut header = false;
    for (n, line) in reader.lines().enumerate() {
        let number = n + 1;
        let line = line.map_err(|e| at(number, format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Line = serde_json::from_str(&line)
            .map_err(|e| at(number, format!("not a shard line: {e}")))?;
        match item {
            Line::Header {
                format, version, ..
            } => {
                if header || number != 1 {
                    return Err(at(number, "a second header line".to_string()));
                }
                if format != FORMAT {
                    return Err(at(
                        number,
                        format!("format `{format}`, not `{FORMAT}`"),
                    ));
                }
                if version != VERSION {
                    return Err(at(
                        number,
                        format!(
                            "shard format version {version}; this crosscheck reads version {VERSION} \
                             (write the shards again with this crosscheck)"
                        ),
                    ));
                }
                header = true;
            }
            _ if !header => {
                return Err(at(
                    number,
                    format!("no header line: a shard begins with {{\"kind\":\"header\",\"format\":\"{FORMAT}\",…}}"),
                ))
            }
            Line::Source(s) => {
                let id = s.id;
                let source = source_of(s).map_err(|reason| at(number, reason))?;
                if ids.insert(id, sources.len()).is_some() {
                    return Err(at(number, format!("source id {id} given twice")));
                }
                sources.push(source);
            }
            Line::Claim(c) => {
                let Some(&index) = ids.get(&c.source) else {
                    return Err(at(
                        number,
                        format!("claim of source {}, which no line before it declares", c.source),
                    ));
                };
                let claim =
                    claim_of(c, index, &sources[index]).map_err(|reason| at(number, reason))?;
                claims.push(claim);
            }
            Line::Skipped { path, reason } => skipped.push(Skipped { path, reason }),
        }
    }
    if !header {
        return Err(Error::input(file, "empty: not a claim shard"));
    }
    Ok(claims)
}

/// A source's text put back from its excerpts: each at its offset, blanks
/// between, and as many newlines between as the line numbers say.
fn source_of(s: ShardSource) -> Result<Source, String> {
    if s.bytes > MAX_SOURCE_BYTES {
        return Err(format!("source of {} bytes, over the limit", s.bytes));
    }
    let mut text = String::with_capacity(s.bytes);
    let mut newlines = 0;
    let mut after_excerpt = false;
    for excerpt in &s.lines {
        let gap = excerpt
            .at
            .checked_sub(text.len())
            .ok_or("excerpts overlap or are out of order")?;
        let before = excerpt
            .line
            .checked_sub(1 + newlines)
            .ok_or("an excerpt's line number is below the lines before it")?;
        if before > gap || excerpt.at.saturating_add(excerpt.text.len()) > s.bytes {
            return Err("an excerpt lies outside its source's bytes and lines".to_string());
        }
        fill(&mut text, gap, before, after_excerpt);
        text.push_str(&excerpt.text);
        after_excerpt = true;
        newlines = excerpt.line - 1 + excerpt.text.matches('\n').count();
    }
    let rest = s.bytes - text.len();
    fill(
        &mut text,
        rest,
        usize::from(rest > 0 && after_excerpt),
        after_excerpt,
    );
    Ok(Source::rebuilt(
        s.path,
        text,
        s.sha256,
        s.date,
        printable(&s.story),
        s.record.as_deref().map(printable),
        s.outlet.as_deref().map(printable),
    ))
}

/// Names reach terminals and reports: no control characters.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// `gap` bytes holding `newlines` newlines: one first when they follow an
/// excerpt (which ended at its line's end), the rest last (the next excerpt
/// starts a line).
fn fill(text: &mut String, gap: usize, newlines: usize, after_excerpt: bool) {
    let (first, last) = if after_excerpt && newlines > 0 {
        (1, newlines - 1)
    } else {
        (0, newlines)
    };
    text.extend(std::iter::repeat_n('\n', first));
    text.extend(std::iter::repeat_n(' ', gap - newlines));
    text.extend(std::iter::repeat_n('\n', last));
}

fn claim_of(c: ShardClaim, source_index: usize, source: &Source) -> Result<Claim, String> {
    let span = span_in(c.span, &source.text).ok_or("span outside its source")?;
    let sentence = span_in(c.sentence, &source.text).ok_or("sentence outside its source")?;
    let speaker = match c.speaker {
        None => None,
        Some(at) => Some(span_in(at, &source.text).ok_or("speaker outside its source")?),
    };
    let interval = match c.value.interval {
        None => None,
        Some([lo, hi]) => Some(Interval {
            lo: lo
                .parse()
                .map_err(|_| format!("interval bound `{lo}` is not a number"))?,
            hi: hi
                .parse()
                .map_err(|_| format!("interval bound `{hi}` is not a number"))?,
        }),
    };
    let q = c.qualifiers;
    Ok(Claim {
        source: source_index,
        subject: Subject {
            text: c.subject.text,
            kind: c.subject.kind,
            key: c.subject.key,
            label: c.subject.label,
        },
        predicate: crate::extract::predicate(&c.predicate),
        value: Value {
            canonical: c.value.canonical,
            key: c.value.key,
            interval,
            aliases: c.value.aliases.into_boxed_slice(),
        },
        span,
        sentence,
        qualifiers: QualifierBox::from(Qualifiers {
            hedge: q.hedge.as_deref().map(crate::extract::interned),
            time: q.time,
            attribution: q.attribution,
            former: q.former,
            relative: q.relative,
            candidate: q.candidate,
            speaker,
            role: None,
        }),
    })
}

/// A span a report can slice the text with: in order, inside it, on
/// character boundaries.
fn span_in([start, end]: [usize; 2], text: &str) -> Option<Span> {
    (start <= end && text.is_char_boundary(start) && text.is_char_boundary(end))
        .then(|| Span::new(start, end))
}
