//! Reading sources: files and folders into decoded texts with a line index.

use crate::error::Error;
use crate::span::{LineIndex, MAX_SOURCE_BYTES};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Extensions read when a folder is walked.
const SOURCE_EXTENSIONS: &[&str] = &["txt", "md"];

/// One source document. `text` is the file exactly as read (BOM and CRLF kept), so
/// every span is a byte offset into the file on disk — except for UTF-16 files,
/// whose `text` is their UTF-8 decoding (spans are offsets into that).
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user named it (relative stays relative), `/`-separated.
    pub path: String,
    pub text: String,
    pub sha256: String,
    pub line_index: LineIndex,
    /// Publication date (`YYYY-MM-DD`) from front matter or the header block.
    pub date: Option<String>,
    /// Why a stated date was not taken (`date: 2023-02-29`), for the user to see.
    pub date_warnings: Vec<crate::calendar::DateWarning>,
    /// The story the source belongs to: sources are compared only with sources of
    /// their own story. Empty when nothing assigned one (a source built from a
    /// text): all such sources are one story.
    pub story: String,
    /// The record's id when the source is a record of an archive (`path` is
    /// then the archive file).
    pub record: Option<String>,
    /// The outlet an archive's record names (`source` or `outlet` field).
    pub outlet: Option<String>,
    /// Bytes of `text` as read (kept when a streamed run lets the text go).
    size: usize,
}

impl Source {
    pub fn from_text(path: impl Into<String>, text: String) -> Self {
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        let line_index = LineIndex::new(&text);
        let crate::calendar::SourceDate {
            date,
            warnings: date_warnings,
        } = front_matter_date(&text);
        // A story's name reaches terminals and reports: no control characters.
        let story = front_matter_value(&text, "story:")
            .map(|name| {
                name.chars()
                    .map(|c| if c.is_control() { '\u{fffd}' } else { c })
                    .collect()
            })
            .unwrap_or_default();
        Source {
            path: path.into(),
            text,
            sha256,
            line_index,
            date,
            date_warnings,
            story,
            record: None,
            outlet: None,
            size: 0,
        }
        .sized()
    }

    /// A source as a claim shard keeps it (`text`: the lines its claims are
    /// on, put back at their offsets in a text of the source's length): its
    /// date, story, record and outlet are the shard's, not read from the
    /// text, which holds only excerpts.
    pub(crate) fn rebuilt(
        path: String,
        text: String,
        sha256: String,
        date: Option<String>,
        story: String,
        record: Option<String>,
        outlet: Option<String>,
    ) -> Self {
        Source {
            path,
            line_index: LineIndex::new(&text),
            text,
            sha256,
            date,
            date_warnings: Vec::new(),
            story,
            record,
            outlet,
            size: 0,
        }
        .sized()
    }

    fn sized(mut self) -> Self {
        self.size = self.text.len();
        self
    }

    /// The source without its text (and line index), for a run that reads
    /// texts again story by story: everything else stays.
    pub fn without_text(mut self) -> Self {
        self.text = String::new();
        self.line_index = LineIndex::default();
        self
    }

    /// The source with `text` read again: an error unless it is the text
    /// first read (the file changed during the run).
    pub fn with_text(&self, text: String) -> Result<Self, Error> {
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        if sha256 != self.sha256 {
            return Err(Error::usage(format!(
                "{}: changed while being checked (read again, it is not the text first read); run again",
                self.shown()
            )));
        }
        Ok(Source {
            line_index: LineIndex::new(&text),
            text,
            ..self.clone()
        })
    }

    /// The source as reports name it: its path, and for a record of an
    /// archive `archive.jsonl#ID` (one form in every human-readable report).
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match &self.record {
            Some(id) => format!("{}#{id}", self.path).into(),
            None => self.path.as_str().into(),
        }
    }

    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.line_index.line_column(&self.text, offset)
    }

    pub fn bytes(&self) -> usize {
        self.size
    }

    /// What a run that reads texts again keeps of the source (not its text,
    /// line index, story or date warnings), as bytes for
    /// [`crate::sources::Sources`]: the SHA-256 as its 32 bytes, not in hex.
    pub(crate) fn encode_record(&self, out: &mut Vec<u8>) {
        use crate::spool::{put_option, put_str, put_usize};
        put_str(out, &self.path);
        put_option(out, self.record.as_deref());
        put_option(out, self.outlet.as_deref());
        put_option(out, self.date.as_deref());
        match unhex(&self.sha256) {
            Some(digest) => {
                out.push(0);
                out.extend_from_slice(&digest);
            }
            // A claim shard's hash is whatever the shard says.
            None => {
                out.push(1);
                put_str(out, &self.sha256);
            }
        }
        put_usize(out, self.size);
    }

    /// A source as [`Source::encode_record`] wrote it, of story `story`.
    pub(crate) fn decode_record(r: &mut crate::spool::Reader, story: &str) -> Option<Source> {
        let path = r.string()?;
        let record = r.option()?;
        let outlet = r.option()?;
        let date = r.option()?;
        let sha256 = match r.byte()? {
            0 => hex(&r.array::<32>()?),
            1 => r.string()?,
            _ => return None,
        };
        Some(Source {
            path,
            text: String::new(),
            sha256,
            line_index: LineIndex::default(),
            date,
            date_warnings: Vec::new(),
            story: story.to_string(),
            record,
            outlet,
            size: r.number()?,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The 32 bytes a SHA-256 in lower-case hex (as [`hex`] writes it) stands for.
fn unhex(hex: &str) -> Option<[u8; 32]> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let hex = hex.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut bytes = [0; 32];
    for (byte, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(bytes)
}

/// The value of `key` (e.g. `date:`) on one of the first five lines (a
/// front-matter block or a plain header line), when it is not empty.
fn front_matter_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().take(5).find_map(|line| {
        let value = line.trim().strip_prefix(key)?.trim();
        (!value.is_empty()).then_some(value)
    })
}

/// The date the source states for itself (front matter, a `Date:` line, a
/// date line or a wire dateline in its header), and the problems found
/// reading it (see [`crate::calendar`]).
fn front_matter_date(text: &str) -> crate::calendar::SourceDate {
    crate::calendar::source_date(text)
}

/// Files larger than this are skipped (with a warning) unless `--max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// How sources are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Larger files are skipped, never read (and never more than
    /// [`MAX_SOURCE_BYTES`], the most a span can address).
    pub max_file_size: u64,
    /// How deep below a folder named on the command line a story's folder is:
    /// 1 (the default) makes each immediate subfolder a story, 0 the whole folder.
    pub story_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            story_depth: DEFAULT_STORY_DEPTH,
        }
    }
}

/// Each immediate subfolder of a folder named on the command line is a story.
pub const DEFAULT_STORY_DEPTH: usize = 1;

/// The story of a file found under `paths`: the folder `depth` levels below the
/// folder argument it was found in (files higher up belong to the folder they
/// are in); a file named on the command line belongs to its own folder's story.
/// Named like a path as the user wrote it, so it is stable across machines as
/// long as the command line is.
pub fn story_of(file: &Path, paths: &[PathBuf], depth: usize) -> String {
    let root = paths
        .iter()
        .filter_map(|arg| Some((arg, file.strip_prefix(arg).ok()?)))
        .filter(|(_, rest)| !rest.as_os_str().is_empty())
        .max_by_key(|(arg, _)| arg.components().count());
    let folder = match root {
        Some((arg, rest)) => {
            let mut folder = arg.clone();
            let inner: Vec<_> = rest.components().collect();
            for part in inner.iter().take(depth.min(inner.len() - 1)) {
                folder.push(part);
            }
            folder
        }
        None => file.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let shown = display_path(&folder);
    let shown = shown.trim_end_matches('/');
    if shown.is_empty() || shown == "." {
        ".".to_string()
    } else {
        shown.to_string()
    }
}

/// A file that was found but not read, and why (reported, never silent).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

impl Skipped {
    fn new(path: &Path, reason: impl Into<String>) -> Self {
        Skipped {
            path: display_path(path),
            reason: reason.into(),
        }
    }
}

/// The sources read and the files skipped, both in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// Held, with their texts, unless [`read_files`] let the texts go: then
    /// written out as they are read.
    pub sources: crate::sources::Sources,
    pub skipped: Vec<Skipped>,
    /// Files read with something to tell (a legacy encoding), in path order;
    /// `reason` is the note.
    pub notes: Vec<Skipped>,
}

/// Every source file under `paths`, in a stable order: each argument in the order
/// given, folders walked recursively with entries sorted by name.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    collect(paths).map(|listing| listing.files)
}

/// What walking the inputs found: the source files, in order, the files
/// skipped, and the source files' bytes (their sizes when listed), which
/// decide whether a run keeps the texts it reads.
struct Listing {
    files: Vec<PathBuf>,
    skipped: Vec<Skipped>,
    bytes: u64,
}

/// Source files under `paths` (sorted, without duplicates) and the entries of
/// walked folders that cannot be sources (FIFOs, devices, dangling links, loops).
/// A path named on the command line that is missing or not a file or folder is
/// an error; nothing is opened here, so a FIFO never blocks.
fn collect(paths: &[PathBuf]) -> Result<Listing, Error> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut bytes = 0u64;
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::input(path, format!("cannot read: {}", io_reason(&e))))?;
        if meta.is_dir() {
            let mut ancestors = vec![file_id(&meta)];
            walk(path, &mut files, &mut skipped, &mut bytes, &mut ancestors)?;
        } else if meta.is_file() {
            bytes = bytes.saturating_add(meta.len());
            files.push(path.clone());
        } else {
            return Err(Error::input(
                path,
                "not a regular file or folder (a device, FIFO or socket)",
            ));
        }
    }
    files.sort();
    files.dedup();
    skipped.sort();
    skipped.dedup();
    Ok(Listing {
        files,
        skipped,
        bytes,
    })
}

/// Folder nesting deeper than this is not followed.
const MAX_DEPTH: usize = 64;

/// Device and inode of a file, to recognise a folder already being walked.
#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<Skipped>,
    bytes: &mut u64,
    ancestors: &mut Vec<Option<(u64, u64)>>,
) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::input(dir, format!("cannot read folder: {}", io_reason(&e))))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                // A dangling link or a link to itself: say so when it looks like a source.
                if has_source_extension(&path) || e.raw_os_error() == Some(ELOOP) {
                    skipped.push(Skipped::new(
                        &path,
                        format!("cannot read: {}", io_reason(&e)),
                    ));
                }
                continue;
            }
        };
        if meta.is_dir() {
            let id = file_id(&meta);
            if id.is_some() && ancestors.contains(&id) {
                skipped.push(Skipped::new(
                    &path,
                    "symlink loop (a folder that contains itself)",
                ));
            } else if ancestors.len() > MAX_DEPTH {
                skipped.push(Skipped::new(
                    &path,
                    format!("folders nested more than {MAX_DEPTH} deep"),
                ));
            } else {
                ancestors.push(id);
                let result = walk(&path, files, skipped, bytes, ancestors);
                ancestors.pop();
                result?;
            }
        } else if !has_source_extension(&path) {
            // Listed, never silently ignored (an article saved as .html);
            // hidden files and the insides of hidden folders (.git) are
            // tools' business, not sources.
            if meta.is_file() && !hidden(&path) {
                skipped.push(Skipped::new(&path, NOT_A_SOURCE));
            }
            continue;
        } else if meta.is_file() {
            *bytes = bytes.saturating_add(meta.len());
            files.push(path);
        } else {
            skipped.push(Skipped::new(
                &path,
                "not a regular file (a device, FIFO or socket)",
            ));
        }
    }
    Ok(())
}

/// Why a file of another type found in a folder was not read.
const NOT_A_SOURCE: &str = "not a .txt or .md file";

/// A dot-file, or a file inside a dot-folder of the walked tree.
fn hidden(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|name| name.starts_with('.') && name != "." && name != "..")
    })
}

/// `ELOOP` on Linux and most Unixes ("too many levels of symbolic links").
const ELOOP: i32 = 40;

fn has_source_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if e.raw_os_error() == Some(ELOOP) => {
            "symlink loop (too many levels of symbolic links)".to_string()
        }
        _ => e.to_string(),
    }
}

/// What reading one file gave: a source (with a note to show, if any), or a
/// reason to skip it.
enum Read {
    Source(Box<Source>, Option<String>),
    Skip(String),
}

/// Reads and decodes one file (see [`decode`]); an error names the file.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    match read_one(path, &Options::default())? {
        Read::Source(source, _) => Ok(*source),
        Read::Skip(reason) => Err(Error::input(path, reason)),
    }
}

/// Reads one file: its type and size are checked before it is opened (a FIFO never
/// blocks, a huge file is never loaded), and at most `max_file_size` bytes are read.
fn read_one(path: &Path, options: &Options) -> Result<Read, Error> {
    Ok(match read_text(path, options) {
        Ok(Decoded { text, note }) => {
            Read::Source(Box::new(Source::from_text(display_path(path), text)), note)
        }
        Err(reason) => Read::Skip(reason),
    })
}

/// A file's decoded text, or why it is skipped. Reading a text again (story by
/// story) needs only this: its hash, lines and date are known from the first read.
fn read_text(path: &Path, options: &Options) -> Result<Decoded, String> {
    use std::io::Read as _;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return Err(format!("cannot read: {}", io_reason(&e))),
    };
    if !meta.is_file() {
        return Err("not a regular file (a device, FIFO or socket)".to_string());
    }
    // A span addresses at most `MAX_SOURCE_BYTES` (the CLI refuses a larger limit).
    let limit = options.max_file_size.min(MAX_SOURCE_BYTES as u64);
    let too_big = || {
        format!(
            "larger than --max-file-size ({} bytes > {limit})",
            meta.len()
        )
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return Err(format!("cannot read: {}", io_reason(&e))),
    };
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    if let Err(e) = file.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        return Err(format!("cannot read: {}", io_reason(&e)));
    }
    if bytes.len() as u64 > limit {
        // It grew while we read it.
        return Err(too_big());
    }
    match decode(&bytes) {
        // UTF-16 can grow by half as UTF-8: the decoded text must fit spans too.
        Ok(decoded) if decoded.text.len() > MAX_SOURCE_BYTES => Err(format!(
            "decoded text is {} bytes, over the {MAX_SOURCE_BYTES} (4 GiB - 1) a span can address",
            decoded.text.len()
        )),
        Ok(decoded) => Ok(decoded),
        // One bad file never stops the run: it is listed with the reason.
        Err(Decode::Binary(reason) | Decode::Invalid(reason)) => Err(reason),
    }
}

/// A decoded text, and a note when it was not UTF-8.
struct Decoded {
    text: String,
    note: Option<String>,
}

enum Decode {
    /// Not text at all: skipped with a warning.
    Binary(String),
    /// Text in a broken or unknown encoding: skipped with a hint.
    Invalid(String),
}

/// UTF-8 (with or without BOM) is taken as is, so spans are file offsets.
/// UTF-16 with a BOM is decoded to UTF-8 without the BOM: spans, `bytes` and
/// `sha256` then refer to the decoded text, not the file. A NUL byte in
/// anything else marks a binary file. Text that is not UTF-8 is read as
/// Windows-1252 (the legacy encoding of Western newsrooms, a superset of
/// Latin-1 in practice) with a note, unless it holds bytes Windows-1252 leaves
/// undefined or C1 controls: then it is some other encoding, skipped with a
/// hint rather than read as garbage.
fn decode(bytes: &[u8]) -> Result<Decoded, Decode> {
    let plain = |text: String| Decoded { text, note: None };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes).map(plain);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes).map(plain);
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Decode::Binary(format!(
            "binary file (NUL byte at offset {at})"
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(plain(text.to_string())),
        Err(e) => {
            let at = e.valid_up_to();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            // WHATWG's Windows-1252 maps its five undefined bytes to C1
            // controls, which no Windows-1252 text holds.
            if text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
                return Err(Decode::Invalid(format!(
                    "invalid UTF-8 at byte offset {at}, and not Windows-1252 either: \
                     convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)"
                )));
            }
            Ok(Decoded {
                text: text.into_owned(),
                note: Some(format!(
                    "not UTF-8 (invalid byte at offset {at}): read as Windows-1252; \
                     spans are offsets into the decoded text"
                )),
            })
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Decode> {
    if bytes.len() % 2 != 0 {
        return Err(Decode::Invalid(
            "invalid UTF-16 (an odd number of bytes)".to_string(),
        ));
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                // +2 for the BOM: the offset is into the file.
                return Err(Decode::Invalid(format!(
                    "invalid UTF-16 at byte offset {}",
                    2 + 2 * i
                )));
            }
        }
    }
    Ok(text)
}

/// The path as the user named it, with `/` separators on every platform.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Every source under `paths` with default options; files that cannot be sources
/// are left out (use [`read_all_with`] to learn which).
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<Source>, Error> {
    read_all_with(paths, &Options::default()).map(|ingested| ingested.sources.into_held())
}

/// Reads every source under `paths`. Binary, oversized and unreadable files,
/// FIFOs and devices inside folders, dangling links and symlink loops are
/// skipped and listed, and so are files in a broken encoding and files of
/// other types; a missing path or paths holding no `.txt`/`.md` file at all
/// are errors.
pub fn read_all_with(paths: &[PathBuf], options: &Options) -> Result<Ingested, Error> {
    read_files(paths, options, None).map(|(ingested, _)| ingested)
}

/// [`read_all_with`], keeping texts when the source files hold at most
/// `keep_up_to` bytes (always with `None`), else only what is known of each
/// source without it (a streamed run reads the texts again, story by story,
/// with [`Texts`]). The size is the listing's, so folders are walked once.
/// Says whether the texts were kept.
pub fn read_files(
    paths: &[PathBuf],
    options: &Options,
    keep_up_to: Option<u64>,
) -> Result<(Ingested, bool), Error> {
    let Listing {
        files,
        mut skipped,
        bytes,
    } = collect(paths)?;
    let keep_text = keep_up_to.is_none_or(|limit| bytes <= limit);
    if files.is_empty() && skipped.iter().all(|s| s.reason == NOT_A_SOURCE) {
        let named: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        return Err(Error::usage(format!(
            "{}: no sources (no .txt or .md files)",
            named.join(", ")
        )));
    }
    // Without their texts the sources are written out as they are read, a
    // batch at a time, so what is known of them never is all in memory.
    let mut sources = if keep_text {
        crate::sources::Sources::default()
    } else {
        crate::sources::Sources::written_out()
    };
    let mut notes = Vec::new();
    for batch in files.chunks(READ_BATCH) {
        // Read in parallel (rayon, current pool); results stay in path order.
        use rayon::prelude::*;
        let read: Vec<Result<Read, Error>> = batch
            .par_iter()
            .map(|p| {
                let read = read_one(p, options)?;
                Ok(match read {
                    Read::Source(source, note) if !keep_text => {
                        Read::Source(Box::new(source.without_text()), note)
                    }
                    read => read,
                })
            })
            .collect();
        for (path, read) in batch.iter().zip(read) {
            match read? {
                Read::Source(mut source, note) => {
                    if let Some(note) = note {
                        notes.push(Skipped::new(path, note));
                    }
                    // A `story:` in the source's front matter overrides its folder.
                    if source.story.is_empty() {
                        source.story = story_of(path, paths, options.story_depth);
                    }
                    sources.push(*source);
                }
                Read::Skip(reason) => skipped.push(Skipped::new(path, reason)),
            }
        }
    }
    skipped.sort();
    Ok((
        Ingested {
            sources,
            skipped,
            notes,
        },
        keep_text,
    ))
}

/// Files read in parallel before their sources join the run's: enough to
/// keep every core busy, few enough that their records take little memory.
const READ_BATCH: usize = 1024;

/// Reads sources' texts again, for a run that reads them story by story.
pub trait Texts: Sync {
    /// The text of source `index` (`source` is what is known of it).
    fn text(&self, index: usize, source: &Source) -> Result<String, Error>;
}

/// Files read again by their path.
pub struct Files;

impl Files {
    /// Reads `source`'s file as it was first read.
    pub fn read(source: &Source) -> Result<String, Error> {
        let path = Path::new(&source.path);
        let options = Options {
            max_file_size: MAX_SOURCE_BYTES as u64,
            ..Options::default()
        };
        match read_text(path, &options) {
            Ok(decoded) => Ok(decoded.text),
            Err(reason) => Err(Error::input(path, reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        // 0x81 is undefined in Windows-1252: some other encoding.
        let Err(Decode::Invalid(err)) = decode(b"abc\x81def") else {
            panic!("not an encoding error");
        };
        assert!(
            err.starts_with("invalid UTF-8 at byte offset 3, and not Windows-1252"),
            "{err}"
        );
    }

    #[test]
    fn windows_1252_is_read_with_a_note() {
        let decoded = decode(b"Caf\xe9 \x93quoted\x94 \x80 5").ok().unwrap();
        assert_eq!(decoded.text, "Café \u{201c}quoted\u{201d} € 5");
        let note = decoded.note.unwrap();
        assert!(
            note.starts_with("not UTF-8 (invalid byte at offset 3): read as Windows-1252"),
            "{note}"
        );
        assert!(decode(b"plain").ok().unwrap().note.is_none());
    }

    #[test]
    fn bom_is_kept_so_offsets_match_the_file() {
        let text = decode("\u{feff}Hello".as_bytes()).ok().unwrap().text;
        assert_eq!(text.len(), 8);
    }

    #[test]
    fn utf16_with_bom_is_decoded_without_the_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Ça va 😀".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le).ok().unwrap().text, "Ça va 😀");
        assert_eq!(decode(&be).ok().unwrap().text, "Ça va 😀");
        let Err(Decode::Invalid(err)) = decode(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]) else {
            panic!("lone surrogate accepted");
        };
        assert_eq!(err, "invalid UTF-16 at byte offset 4");
        assert!(matches!(
            decode(&[0xFF, 0xFE, b'a']),
            Err(Decode::Invalid(_))
        ));
    }

    #[test]
    fn nul_bytes_mark_binary_files() {
        let Err(Decode::Binary(reason)) = decode(b"PK\x03\x04\x00rest") else {
            panic!("binary accepted");
        };
        assert_eq!(reason, "binary file (NUL byte at offset 4)");
    }

    #[test]
    fn reads_the_source_date_and_warns_about_impossible_ones() {
        let source = Source::from_text("a.md", "\u{feff}---\ndate: 2025-12-02\n---\nText".into());
        assert_eq!(source.date.as_deref(), Some("2025-12-02"));
        let source = Source::from_text("a.md", "Headline\nDate: 2023-02-29\nText".into());
        assert_eq!(source.date, None);
        assert_eq!(source.date_warnings[0].line, 2);
        assert_eq!(front_matter_date("date: soon\nText").date, None);
    }

    #[test]
    fn reads_front_matter_story_without_control_characters() {
        let source = Source::from_text(
            "a.txt",
            "---\nstory: north\x1b[2Jferry\n---\nText.\n".into(),
        );
        assert_eq!(source.story, "north\u{fffd}[2Jferry");
        assert_eq!(
            Source::from_text("b.txt", "story:\nText.\n".into()).story,
            ""
        );
    }

    #[test]
    fn stories_are_folders_below_the_arguments() {
        let args = [PathBuf::from("day/"), PathBuf::from("one.txt")];
        let story = |file: &str, depth| story_of(Path::new(file), &args, depth);
        assert_eq!(story("day/storm/a.txt", 1), "day/storm");
        assert_eq!(story("day/storm/notes/a.txt", 1), "day/storm");
        assert_eq!(story("day/storm/notes/a.txt", 2), "day/storm/notes");
        assert_eq!(story("day/a.txt", 1), "day");
        assert_eq!(story("day/storm/a.txt", 0), "day");
        assert_eq!(story("one.txt", 1), ".");
        assert_eq!(story("elsewhere/two.txt", 1), "elsewhere");
    }
}
