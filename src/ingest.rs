//! Reading sources: files and folders into decoded texts with a line index.

use crate::error::Error;
use crate::span::LineIndex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Extensions read when a folder is walked.
const SOURCE_EXTENSIONS: &[&str] = &["txt", "md"];

/// One source document. `text` is the file exactly as read (BOM and CRLF kept), so
/// every span is a byte offset into the file on disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user named it (relative stays relative), `/`-separated.
    pub path: String,
    pub text: String,
    pub sha256: String,
    pub line_index: LineIndex,
    /// Publication date from front matter (`date: 2025-12-02` on one of the first lines).
    pub date: Option<String>,
}

impl Source {
    pub fn from_text(path: impl Into<String>, text: String) -> Self {
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        let line_index = LineIndex::new(&text);
        let date = front_matter_date(&text);
        Source {
            path: path.into(),
            text,
            sha256,
            line_index,
            date,
        }
    }

    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.line_index.line_column(&self.text, offset)
    }

    pub fn bytes(&self) -> usize {
        self.text.len()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `date: YYYY-MM-DD` within the first five lines (a front-matter block or a plain header line).
fn front_matter_date(text: &str) -> Option<String> {
    text.lines().take(5).find_map(|line| {
        let rest = line.trim().strip_prefix("date:")?.trim();
        let date = rest.get(..10)?;
        let bytes = date.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        shape_ok.then(|| date.to_string())
    })
}

/// Every source file under `paths`, in a stable order: each argument in the order
/// given, folders walked recursively with entries sorted by name.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::input(path, format!("cannot read: {}", io_reason(&e))))?;
        if meta.is_dir() {
            walk(path, &mut files, 0)?;
        } else if meta.is_file() {
            files.push(path.clone());
        } else {
            return Err(Error::input(path, "not a regular file or folder"));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Folder nesting deeper than this is treated as a symlink loop.
const MAX_DEPTH: usize = 64;

fn walk(dir: &Path, files: &mut Vec<PathBuf>, depth: usize) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Err(Error::input(
            dir,
            "folders nested too deeply (a symlink loop?)",
        ));
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::input(dir, format!("cannot read folder: {}", io_reason(&e))))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, files, depth + 1)?;
        } else if meta.is_file() && has_source_extension(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn has_source_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads and decodes one file. UTF-8 (with or without BOM) is accepted as is;
/// anything else is an error naming the first bad byte.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::input(path, format!("cannot read: {}", io_reason(&e))))?;
    let text = decode(&bytes).map_err(|reason| Error::input(path, reason))?;
    Ok(Source::from_text(display_path(path), text))
}

fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("is UTF-16 encoded; convert it to UTF-8".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(format!("invalid UTF-8 at byte offset {}", e.valid_up_to())),
    }
}

/// The path as the user named it, with `/` separators on every platform.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Reads the files in parallel (rayon, current pool); sources stay in path order.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<Source>, Error> {
    use rayon::prelude::*;
    collect_files(paths)?
        .par_iter()
        .map(|p| read_source(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode(b"abc\xffdef").unwrap_err();
        assert_eq!(err, "invalid UTF-8 at byte offset 3");
    }

    #[test]
    fn bom_is_kept_so_offsets_match_the_file() {
        let text = decode("\u{feff}Hello".as_bytes()).unwrap();
        assert_eq!(text.len(), 8);
    }

    #[test]
    fn reads_front_matter_date() {
        assert_eq!(
            front_matter_date("---\ndate: 2025-12-02\n---\nText").as_deref(),
            Some("2025-12-02")
        );
        assert_eq!(front_matter_date("date: soon\nText"), None);
    }
}
