//! Command-line arguments resolved into a run, and the exit code it ends with.

use crate::error::Error;
use crate::findings::Status;
use crate::ingest;
use crate::knowledge::Knowledge;
use crate::pipeline::{self, Analysis};
use crate::report::{self, Format};
use crate::rules::{load, Rule, Severity};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

#[derive(Parser, Debug)]
#[command(
    name = "crosscheck",
    version,
    about = "Reports where the sources of a story contradict each other."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Threads to read sources with (default: every core). Output is the same for any number.
    #[arg(long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Report contradictions across the sources.
    Check(CheckArgs),
    /// Record today's findings as accepted (the CI baseline).
    Baseline(BaselineArgs),
    /// Print the extracted claims (triples with spans).
    Claims(ClaimsArgs),
    /// Score findings against a gold file (precision, recall).
    Eval(EvalArgs),
    /// List the loaded rules; exits 2 on an invalid rule file.
    Rules(RulesArgs),
    /// Accept a finding after review: writes `[[accept]]` with its
    /// fingerprint and your reason into crosscheck.toml (created if absent).
    Accept(AcceptArgs),
}

#[derive(Args, Debug)]
pub struct AcceptArgs {
    /// The finding's fingerprint, as every report shows it.
    pub fingerprint: String,
    /// Why the finding is accepted (kept in the file for the next reader).
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files or folders (read recursively; .txt and .md). Default: ./seeds
    ///
    /// Stories: each immediate subfolder of a folder named here is one story
    /// (files directly in a folder are that folder's story), and sources are
    /// compared only within their story, except a person's first name and
    /// name spelling, compared across stories that corroborate the person
    /// (same full name, or a shared office, party or organisation). A
    /// `story: NAME` line in a source's front matter puts it in story NAME;
    /// `[stories] depth = N` in crosscheck.toml sets how deep story folders
    /// are (0: each folder named here is one story).
    ///
    /// Archives: a path ending .jsonl or .ndjson (or any path with
    /// `--input-format jsonl`; `-` for standard input) holds article records,
    /// one JSON object a line with `id`, `text` and optionally `story`,
    /// `date` (YYYY-MM-DD), `source` or `outlet` (`[input]` in crosscheck.toml
    /// renames them). Records without a story are one story per archive.
    pub paths: Vec<PathBuf>,
    /// How to read the paths: `auto` (archives by their extension) or `jsonl`
    /// (every path is an archive of records).
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: crate::archive::InputFormat,
    /// Folder of rule files to add to the built-in rules (repeatable); a rule
    /// with a built-in rule's id replaces it. Default: ./rules when it exists.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Start from no rules: load only those of the rule folders (also
    /// `default_rules = false` in crosscheck.toml).
    #[arg(long)]
    pub no_default_rules: bool,
}

/// Limits on what is read (kept apart from `InputArgs` so existing callers stay valid).
#[derive(Args, Debug, Clone, Copy)]
pub struct LimitArgs {
    /// Skip (with a warning) files larger than this: bytes, or with K, M, G (KiB, MiB, GiB).
    /// At most 4095M: spans are 32-bit offsets.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_max_file_size)]
    pub max_file_size: u64,
}

impl Default for LimitArgs {
    fn default() -> Self {
        LimitArgs {
            max_file_size: ingest::DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// `1048576`, `1024K`, `64M`, `1G` (also `KiB`, `MB`…; multiples of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 1048576, 512K, 64M)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown size unit `{unit}` (use K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// A `--report FORMAT=FILE`.
fn parse_report(text: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not FORMAT=FILE (e.g. sarif=results.sarif)"))?;
    let format = Format::from_str(format.trim(), true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!("unknown format `{format}` (one of {})", names.join(", "))
    })?;
    if file.is_empty() {
        return Err(format!("`{text}` names no file"));
    }
    Ok((format, PathBuf::from(file)))
}

/// A `--max-file-size`: a size (see [`parse_size`]) no larger than a span can address.
fn parse_max_file_size(text: &str) -> Result<u64, String> {
    let size = parse_size(text)?;
    let max = crate::span::MAX_SOURCE_BYTES as u64;
    if size > max {
        return Err(format!(
            "`{}` is over the limit of {max} bytes (4 GiB - 1, as spans are 32-bit \
             offsets): use at most 4095M",
            text.trim()
        ));
    }
    Ok(size)
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report there (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the report in another format to a file, from the same run
    /// (repeatable): `--report sarif=results.sarif --report html=report.html`.
    #[arg(long = "report", value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub reports: Vec<(Format, PathBuf)>,
    /// Which findings make the exit code 1.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Only findings at or above this severity count for the exit code.
    #[arg(long, value_enum, default_value = "warning")]
    pub min_severity: SeverityArg,
    /// Findings whose fingerprint this baseline holds are `baselined`, not `new`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: rewrite the baseline without the entries now fixed.
    #[arg(long, requires = "baseline")]
    pub prune: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Print the time spent per stage and the counts to standard error.
    #[arg(long)]
    pub stats: bool,
    /// Read the PATHs as claim shards (`crosscheck claims --format shard`;
    /// a folder: every file in it) instead of texts: the stories they hold
    /// are checked and linked as one run over the texts would, with the
    /// same findings, fingerprints and reports (all but `html`, which needs
    /// the whole texts).
    #[arg(long)]
    pub from_claims: bool,
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Configuration (accepted findings, rule settings). Default: ./crosscheck.toml when it exists.
    #[arg(long = "config", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Where to write the baseline (atomically); standard output without it.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ClaimsFormat,
    /// Write there (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold file (shared/spec/gold-format.md).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// The corpus folder the gold file describes.
    pub path: PathBuf,
    /// Folder of rule files to add to the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Start from no rules: load only those of the rule folders.
    #[arg(long)]
    pub no_default_rules: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: EvalFormat,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Folder of rule files to add to the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Start from no rules: load only those of the rule folders.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Write the built-in rule files (and knowledge lists, under
    /// DIR/knowledge/) to DIR, as files to start your own from.
    #[arg(long, value_name = "DIR", conflicts_with = "test")]
    pub export: Option<PathBuf>,
    /// With --export: overwrite files that exist.
    #[arg(long, requires = "export")]
    pub force: bool,
    /// Run every rule's examples (texts that must and must not be flagged);
    /// exits 1 when one fails.
    #[arg(long)]
    pub test: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    New,
    Any,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Info,
    Warning,
    Error,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    Text,
    Jsonl,
    /// Claim shards: everything `check --from-claims` needs to finish
    /// without the texts (versioned JSON Lines; see the README).
    Shard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Text,
    Json,
}

/// The most threads `--jobs` starts: reading and extracting are CPU-bound,
/// so threads past a few per core only cost memory (each has its own stack).
pub fn max_jobs() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    (cores * 4).max(8)
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = cli.jobs {
        let max = max_jobs();
        if jobs > max {
            eprintln!(
                "note: --jobs {jobs} capped at {max} (4 threads per core, at least 8): more only costs memory"
            );
        }
        pool = pool.num_threads(jobs.clamp(1, max));
    }
    let result = match pool.build() {
        Ok(pool) => pool.install(|| run_command(cli.command)),
        Err(e) => Err(Error::usage(format!(
            "cannot start {} threads: {e}",
            cli.jobs.unwrap_or(0)
        ))),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn run_command(command: Command) -> Result<i32, Error> {
    match command {
        Command::Check(args) => check(args),
        Command::Baseline(args) => write_baseline(args),
        Command::Claims(args) => claims(args),
        Command::Eval(args) => eval(args),
        Command::Rules(args) => list_rules(args),
        Command::Accept(args) => accept(args),
    }
}

/// Whether the built-in rules are loaded: not with `--no-default-rules`, nor
/// with `default_rules = false` in the configuration file (explicit, else
/// `./crosscheck.toml` when it exists).
pub fn default_rules(no_default_rules: bool, config: Option<&Path>) -> Result<bool, Error> {
    if no_default_rules {
        return Ok(false);
    }
    let local = PathBuf::from(crate::config::FILE_NAME);
    let path = match config {
        Some(path) => path,
        None if local.is_file() => local.as_path(),
        None => return Ok(true),
    };
    Ok(crate::config::default_rules(path)?.unwrap_or(true))
}

/// The built-in rules (unless `defaults` is false) extended by the rule files
/// of the `--rules` folders, else of `./rules` when it exists; knowledge lists
/// from the first of those folders with a `knowledge/` folder, each list it
/// holds replacing the built-in list of that name.
pub fn load_rules(dirs: &[PathBuf], defaults: bool) -> Result<(Vec<Rule>, Knowledge), Error> {
    let dirs: Vec<PathBuf> = if dirs.is_empty() {
        let local = PathBuf::from("rules");
        if local.is_dir() {
            vec![local]
        } else {
            Vec::new()
        }
    } else {
        dirs.to_vec()
    };
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for dir in &dirs {
        match load::read_dir(dir) {
            Ok(found) if found.is_empty() && !dir.join("knowledge").is_dir() => {
                errors.push(Error::input(
                    dir,
                    "no rule files (*.toml) and no knowledge/ folder in this folder",
                ))
            }
            Ok(mut found) => files.append(&mut found),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::many(errors));
    }
    let rules = load::extend(files, defaults)?;
    if rules.is_empty() {
        return Err(Error::usage(
            "no rules to run: the built-in rules are off (--no-default-rules or `default_rules = false`) and no rule folder holds a rule",
        ));
    }
    let knowledge_dir = dirs
        .iter()
        .map(|d| d.join("knowledge"))
        .find(|k| k.is_dir());
    let knowledge = match knowledge_dir {
        Some(dir) => Knowledge::load(&dir)?,
        None => Knowledge::builtin(),
    };
    Ok((rules, knowledge))
}

fn input_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    let seeds = PathBuf::from("seeds");
    if seeds.is_dir() {
        Ok(vec![seeds])
    } else {
        Err(Error::usage("no PATH given and no ./seeds folder here"))
    }
}

/// Inputs up to this many bytes are read once and kept whole (default 64 MiB;
/// `CROSSCHECK_READ_TWICE_ABOVE=BYTES` sets it, 0 always reads story by story).
fn read_twice_above() -> u64 {
    std::env::var("CROSSCHECK_READ_TWICE_ABOVE")
        .ok()
        .and_then(|bytes| bytes.trim().parse().ok())
        .unwrap_or(64 << 20)
}

pub fn analyze(input: &InputArgs) -> Result<Analysis, Error> {
    analyze_with(
        input,
        &ConfigArgs { path: None },
        &LimitArgs::default(),
        pipeline::Keep::All,
    )
}

/// The rules and knowledge a run uses, with the configuration (explicit, or
/// ./crosscheck.toml) that adjusted the rules.
fn configured_rules(
    input: &InputArgs,
    config: &ConfigArgs,
) -> Result<(Vec<Rule>, Knowledge, crate::config::Config), Error> {
    let config_path = config
        .path
        .clone()
        .or_else(|| Some(PathBuf::from(crate::config::FILE_NAME)).filter(|p| p.is_file()));
    let defaults = default_rules(input.no_default_rules, config_path.as_deref())?;
    let (rules, knowledge) = load_rules(&input.rules, defaults)?;
    let config = match &config_path {
        Some(path) => crate::config::Config::load(path, &rules)?,
        None => crate::config::Config::default(),
    };
    let rules = config.adjust(rules);
    Ok((rules, knowledge, config))
}

/// `check --from-claims`: the stories of claim shards checked and linked
/// with the configuration applied, as [`analyze_with`] checks texts.
fn analyze_shards(input: &InputArgs, config: &ConfigArgs) -> Result<Analysis, Error> {
    let (rules, _, config) = configured_rules(input, config)?;
    let read_started = std::time::Instant::now();
    let read = crate::shard::read_all(&input.paths)?;
    let read_time = read_started.elapsed();
    let analysis = pipeline::analyze_normalized(
        read.sources,
        read.claims,
        &rules,
        &pipeline::Progress::default(),
    );
    Ok(settled(analysis, read.skipped, read_time, &config))
}

/// The run with what reading found and the configuration's acceptances
/// applied (acceptances that match nothing are warned about).
fn settled(
    mut analysis: Analysis,
    skipped: Vec<ingest::Skipped>,
    read_time: std::time::Duration,
    config: &crate::config::Config,
) -> Analysis {
    analysis.skipped = skipped;
    analysis.stats.read = read_time;
    config.suppress(&mut analysis.findings);
    for warning in config.stale(&analysis.findings) {
        eprintln!("warning: {warning}");
    }
    analysis
}

/// Runs the pipeline with the configuration (explicit, or ./crosscheck.toml) applied.
fn analyze_with(
    input: &InputArgs,
    config: &ConfigArgs,
    limits: &LimitArgs,
    keep: pipeline::Keep,
) -> Result<Analysis, Error> {
    let (rules, knowledge, config) = configured_rules(input, config)?;
    let read_started = std::time::Instant::now();
    // Findings only, on a large input: texts are read story by story (see
    // `analyze_streamed`), paying a second read for memory that follows the
    // largest story. A smaller input is read once and kept.
    let keep_up_to = (keep == pipeline::Keep::Findings).then(read_twice_above);
    let (ingested, again, kept) = read_sources(
        input,
        limits,
        config.story_depth,
        &config.fields,
        keep_up_to,
    )?;
    let streamed = !kept;
    let read_time = read_started.elapsed();
    let sources = ingested.sources;
    let run = |sources, watched: &pipeline::Progress| -> Result<Analysis, Error> {
        if streamed {
            pipeline::analyze_streamed(sources, &rules, &knowledge, watched, &again)
        } else {
            Ok(pipeline::analyze_kept(
                sources, &rules, &knowledge, watched, keep,
            ))
        }
    };
    // A progress bar on stderr only when it is a terminal; cleared before the report.
    let watched = pipeline::Progress::default();
    let analysis = if std::io::stderr().is_terminal() {
        let total = sources.len();
        std::thread::scope(|scope| {
            let drawer = scope.spawn(|| draw_progress(&watched, total));
            let analysis = run(sources, &watched);
            drawer.thread().unpark();
            let _ = drawer.join();
            analysis
        })
    } else {
        run(sources, &watched)
    }?;
    Ok(settled(analysis, ingested.skipped, read_time, &config))
}

/// Redraws one stderr line (sources read, claims, findings) until the run is
/// done, then clears it.
fn draw_progress(progress: &pipeline::Progress, total: usize) {
    use pipeline::Stage;
    const WIDTH: usize = 24;
    loop {
        let stage = progress.stage();
        let done = progress.sources_done.load(Ordering::Relaxed);
        let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
        let what = match stage {
            Stage::Extracting => "extracting claims".to_string(),
            Stage::Normalizing => "joining entities".to_string(),
            Stage::CheckingRules => format!(
                "checking rules · {} findings",
                progress.findings.load(Ordering::Relaxed)
            ),
            Stage::Done => break,
        };
        eprint!(
            "\r\x1b[K[{}{}] {done}/{total} sources · {} claims · {what}",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            progress.claims.load(Ordering::Relaxed),
        );
        std::thread::park_timeout(std::time::Duration::from_millis(100));
    }
    eprint!("\r\x1b[K");
}

/// Reads the sources, warning on stderr about every skipped file and every
/// impossible source date; a run where
/// every file was skipped is an error.
fn read_sources(
    input: &InputArgs,
    limits: &LimitArgs,
    story_depth: Option<usize>,
    fields: &crate::archive::Fields,
    keep_up_to: Option<u64>,
) -> Result<(ingest::Ingested, crate::archive::Again, bool), Error> {
    let options = ingest::Options {
        max_file_size: limits.max_file_size,
        story_depth: story_depth.unwrap_or(ingest::DEFAULT_STORY_DEPTH),
    };
    let paths = input_paths(&input.paths)?;
    let (archives, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .into_iter()
        .partition(|p| crate::archive::is_archive(p, input.input_format));
    if archives.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::usage("`-` (standard input) named more than once"));
    }
    // Texts are kept when the whole input holds at most `keep_up_to` bytes:
    // the archives' sizes (standard input's is unknown: over any limit), then
    // the files' as ingest lists them.
    let archive_bytes = archives.iter().fold(0u64, |sum, archive| {
        let size = if archive.as_os_str() == "-" {
            u64::MAX
        } else {
            std::fs::metadata(archive).map_or(0, |meta| meta.len())
        };
        sum.saturating_add(size)
    });
    let files_up_to = match keep_up_to {
        None => Some(None),
        Some(limit) => limit.checked_sub(archive_bytes).map(Some),
    };
    let (mut ingested, keep_text) = match files_up_to {
        _ if files.is_empty() => (ingest::Ingested::default(), files_up_to.is_some()),
        Some(up_to) => ingest::read_files(&files, &options, up_to)?,
        // The archives alone are over the limit: no text is kept.
        None => {
            ingest::read_files(&files, &options, Some(0)).map(|(ingested, _)| (ingested, false))?
        }
    };
    let mut again = crate::archive::Again::new(fields);
    if ingested.sources.is_empty() && !keep_text {
        // Only archives: their records are written out as they are read.
        ingested.sources = crate::sources::Sources::written_out();
    }
    // Archives after files, each in the order given, records in file order.
    for archive in &archives {
        let first = ingested.sources.len();
        let mut read = crate::archive::read(
            archive,
            fields,
            limits.max_file_size,
            keep_text,
            &mut ingested.sources,
        )?;
        again.archive(&mut read, first);
        ingested.skipped.append(&mut read.skipped);
    }
    for skipped in &ingested.skipped {
        eprintln!("warning: {}: skipped: {}", skipped.path, skipped.reason);
    }
    for note in &ingested.notes {
        eprintln!("warning: {}: {}", note.path, note.reason);
    }
    for (shown, warning) in ingested.sources.date_warnings() {
        eprintln!("warning: {shown}:{}: {}", warning.line, warning.message);
    }
    if ingested.sources.is_empty() {
        return Err(Error::usage(match ingested.skipped.len() {
            1 => "no sources: the 1 file was skipped".to_string(),
            n => format!("no sources: all {n} files were skipped"),
        }));
    }
    Ok((ingested, again, keep_text))
}

fn write_baseline(args: BaselineArgs) -> Result<i32, Error> {
    let analysis = analyze_with(
        &args.input,
        &args.config,
        &args.limits,
        pipeline::Keep::Findings,
    )?;
    // A person entry that could not be read back would leave out findings
    // across stories: no baseline rather than one missing them.
    if let Some(failure) = &analysis.failure {
        return Err(Error::usage(format!(
            "cannot write the baseline: {failure}"
        )));
    }
    let baseline = crate::baseline::Baseline::from_findings(&analysis.findings);
    // Nor one missing a finding that could not be read back.
    if let Some(failure) = analysis.findings.failure() {
        return Err(Error::usage(format!(
            "cannot write the baseline: {failure}"
        )));
    }
    emit(args.output.as_deref(), &baseline.to_json())?;
    if let Some(path) = &args.output {
        let n = baseline.findings.len();
        eprintln!(
            "wrote {}: {n} finding{} accepted as the baseline",
            ingest::display_path(path),
            if n == 1 { "" } else { "s" }
        );
    }
    Ok(0)
}

fn check(args: CheckArgs) -> Result<i32, Error> {
    let baseline = args
        .baseline
        .as_deref()
        .map(crate::baseline::Baseline::load)
        .transpose()?;
    // Only the HTML report shows claims no finding rests on.
    let keep =
        if args.format == Format::Html || args.reports.iter().any(|(f, _)| *f == Format::Html) {
            pipeline::Keep::All
        } else {
            pipeline::Keep::Findings
        };
    let mut analysis = if args.from_claims {
        if keep == pipeline::Keep::All {
            return Err(Error::usage(
                "--from-claims cannot write the HTML report: it shows every claim in the whole \
                 texts, and shards keep only the lines claims are on",
            ));
        }
        analyze_shards(&args.input, &args.config)?
    } else {
        analyze_with(&args.input, &args.config, &args.limits, keep)?
    };
    if let Some(baseline) = &baseline {
        analysis.fixed = baseline.apply(&mut analysis.findings);
        let compared = baseline.compared();
        for entry in &analysis.fixed {
            eprintln!(
                "warning: {}:{}: baseline entry {} ({}) matches no finding (fixed, or a mistyped fingerprint); --prune removes it",
                compared.path,
                compared.line(&entry.fingerprint),
                entry.fingerprint,
                entry.rule
            );
        }
        analysis.baseline = Some(compared);
    }
    let colour = args.output.is_none()
        && args.format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let render_started = std::time::Instant::now();
    // Nothing half-written: a claim or person entry that cannot be read back
    // from the run's temporary files stops the run before any report begins.
    report::readable(&analysis)
        .map_err(|failure| Error::usage(format!("cannot write the report: {failure}")))?;
    emit_with(args.output.as_deref(), |out| {
        report::write(&analysis, args.format, colour, out)
    })?;
    for (format, path) in &args.reports {
        write_atomically_with(path, |out| report::write(&analysis, *format, false, out))?;
    }
    if args.stats {
        let s = &analysis.stats;
        let bytes = analysis.sources.bytes();
        eprintln!(
            "stats: {} sources, {bytes} bytes, {} claims, {} entities, {} findings; read {:.3}s, segment+extract {:.3}s, normalize {:.3}s, graph+rules {:.3}s, report {:.3}s",
            analysis.sources.len(),
            analysis.claim_count(),
            analysis.entity_count,
            analysis.findings.len(),
            s.read.as_secs_f64(),
            s.extract.as_secs_f64(),
            s.normalize.as_secs_f64(),
            s.rules.as_secs_f64(),
            render_started.elapsed().as_secs_f64()
        );
    }
    let min: Severity = args.min_severity.into();
    if let (true, Some(path), Some(baseline)) = (args.prune, &args.baseline, &baseline) {
        let pruned = baseline.pruned(&analysis.fixed);
        write_atomically(path, pruned.to_json().as_bytes())?;
        let (gone, left) = (analysis.fixed.len(), pruned.findings.len());
        eprintln!(
            "pruned {}: {gone} fixed entr{} removed, {left} entr{} kept",
            ingest::display_path(path),
            if gone == 1 { "y" } else { "ies" },
            if left == 1 { "y" } else { "ies" }
        );
    }
    let fail_on = args.fail_on.unwrap_or(if baseline.is_some() {
        FailOn::New
    } else {
        FailOn::Any
    });
    let failing = analysis
        .findings
        .briefs()
        .filter(|f| f.severity >= min)
        .any(|f| match fail_on {
            FailOn::None => false,
            FailOn::Any => f.status != Status::Suppressed,
            FailOn::New => f.status == Status::New,
        });
    // The process ends here: freeing every claim and source one by one would
    // only delay the exit.
    std::mem::forget(analysis);
    Ok(i32::from(failing))
}

/// Writes to the file atomically (a temporary file beside it, then a rename) or to stdout.
pub fn emit(output: Option<&Path>, content: &str) -> Result<(), Error> {
    emit_with(output, |out| out.write_all(content.as_bytes()))
}

/// Like `emit`, for content written piece by piece (buffered) as it is produced.
pub fn emit_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match output {
        Some(path) => write_atomically_with(path, write),
        None => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match write(&mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) ends the output quietly.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                // A full disk or a bad descriptor must not pass for a report.
                Err(e) => Err(Error::usage(format!(
                    "cannot write to standard output: {}",
                    ingest::io_reason(&e)
                ))),
            }
        }
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// Writes a temporary file beside `path`, then renames it over `path`: a reader
/// (or a run killed midway) never sees a partial file at `path`.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match std::fs::metadata(path) {
        // A device, a FIFO or a socket (`--output /dev/null`, a named pipe)
        // is written to where it is: renaming a file over it would replace
        // the device with a regular file.
        Ok(meta) if !meta.is_file() && !meta.is_dir() => return write_in_place(path, write),
        // A link to a file: the file it points to is replaced, not the link.
        Ok(meta) if meta.is_file() && path.is_symlink() => {
            if let Ok(target) = std::fs::canonicalize(path) {
                return write_atomically_with(&target, write);
            }
        }
        _ => {}
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if path.is_dir() {
        return Err(Error::input(path, "cannot write: is a folder, not a file"));
    }
    if !dir.is_dir() {
        return Err(Error::input(
            path,
            format!(
                "cannot write: the folder {} does not exist",
                ingest::display_path(dir)
            ),
        ));
    }
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out)?;
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            Ok(())
        })
        .and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        // The folder exists (checked above): a file that cannot be created
        // in it means a folder we may not write to, not a missing file.
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => format!(
                "permission denied: cannot create a file in {} (read-only or protected)",
                ingest::display_path(dir)
            ),
            std::io::ErrorKind::ReadOnlyFilesystem => format!(
                "{} is on a read-only file system",
                ingest::display_path(dir)
            ),
            _ => ingest::io_reason(&e),
        };
        Error::input(path, format!("cannot write: {reason}"))
    })
}

/// Writes into an existing device or pipe, which has no partial state to hide.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out)?;
            out.flush()
        })
        .map_err(|e| Error::input(path, format!("cannot write: {}", ingest::io_reason(&e))))
}

/// `crosscheck accept FINGERPRINT --reason …`: the acceptance a reviewer would
/// otherwise type into crosscheck.toml by hand.
fn accept(args: AcceptArgs) -> Result<i32, Error> {
    let fingerprint = args.fingerprint.trim().to_ascii_lowercase();
    if !crate::config::is_fingerprint(&fingerprint) {
        return Err(Error::usage(format!(
            "`{}` is not a fingerprint (16 hexadecimal digits, as reports show them)",
            args.fingerprint
        )));
    }
    let reason = args.reason.trim();
    if reason.is_empty() {
        return Err(Error::usage(
            "--reason must say why the finding is accepted",
        ));
    }
    let path = args
        .config
        .path
        .unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME));
    let outcome = crate::config::accept(&path, &fingerprint, reason)?;
    eprintln!(
        "{} finding {fingerprint} in {}",
        match outcome {
            crate::config::Accepted::Added => "accepted",
            crate::config::Accepted::ReasonReplaced => "replaced the reason for accepted",
        },
        ingest::display_path(&path)
    );
    Ok(0)
}

fn claims(args: ClaimsArgs) -> Result<i32, Error> {
    if args.format == ClaimsFormat::Shard {
        return write_shard(args);
    }
    let defaults = default_rules(args.input.no_default_rules, None)?;
    let (rules, knowledge) = load_rules(&args.input.rules, defaults)?;
    // Claims are keyed per story, so the stories must be those `check` sees.
    let local = args
        .config
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::config::FILE_NAME));
    let config = if local.is_file() {
        crate::config::Config::load(&local, &rules)?
    } else {
        crate::config::Config::default()
    };
    let sources = read_sources(
        &args.input,
        &args.limits,
        config.story_depth,
        &config.fields,
        None,
    )?
    .0
    .sources
    .into_held();
    let claims = pipeline::claims(&sources, &rules, &knowledge);
    let out = match args.format {
        ClaimsFormat::Jsonl => crate::report::claims::jsonl(&claims, &sources),
        ClaimsFormat::Text | ClaimsFormat::Shard => crate::report::claims::text(&claims, &sources),
    };
    emit(args.output.as_deref(), &out)?;
    Ok(0)
}

/// `claims --format shard`: the claims as `check` would extract them (the
/// configuration's rule settings and story depth applied), with the files
/// skipped, for `check --from-claims` to finish elsewhere.
fn write_shard(args: ClaimsArgs) -> Result<i32, Error> {
    let (rules, knowledge, config) = configured_rules(&args.input, &args.config)?;
    let (ingested, _, _) = read_sources(
        &args.input,
        &args.limits,
        config.story_depth,
        &config.fields,
        None,
    )?;
    // Read without a limit, the sources keep their texts: they are held.
    let sources = ingested.sources.held();
    let claims = pipeline::claims(sources, &rules, &knowledge);
    emit_with(args.output.as_deref(), |out| {
        crate::shard::write(out, sources, &claims, &ingested.skipped)
    })?;
    Ok(0)
}

fn eval(args: EvalArgs) -> Result<i32, Error> {
    let defaults = default_rules(args.no_default_rules, None)?;
    let (rules, knowledge) = load_rules(&args.rules, defaults)?;
    let score = crate::eval::run(&args.gold, &args.path, &rules, &knowledge)?;
    let out = match args.format {
        EvalFormat::Text => crate::eval::render_text(&score),
        EvalFormat::Json => serde_json::to_string_pretty(&score).expect("score serialises") + "\n",
    };
    emit(None, &out)?;
    Ok(0)
}

fn list_rules(args: RulesArgs) -> Result<i32, Error> {
    if let Some(dir) = &args.export {
        return export_rules(dir, args.force);
    }
    let defaults = default_rules(args.no_default_rules, None)?;
    let (rules, knowledge) = load_rules(&args.rules, defaults)?;
    if args.test {
        let (ran, failures) = crate::rules::examples::run(&rules, &knowledge);
        let mut out = String::new();
        for failure in &failures {
            out.push_str(&format!(
                "{}: [{}] {}\n",
                failure.origin, failure.rule, failure.message
            ));
        }
        out.push_str(&format!(
            "rule examples: {} passed, {} failed\n",
            ran - failures.len(),
            failures.len()
        ));
        emit(None, &out)?;
        return Ok(if failures.is_empty() { 0 } else { 1 });
    }
    let mut out = String::new();
    for rule in &rules {
        out.push_str(&format!(
            "{:<24} {:<8} {:<11} {:<20} {}\n",
            rule.id,
            rule.severity.as_str(),
            format!("{:?}", rule.compare).to_lowercase(),
            rule.predicates.join(","),
            load::provenance(rule, defaults)
        ));
    }
    emit(None, &out)?;
    Ok(0)
}

/// `crosscheck rules --export DIR`: the built-in rule files and knowledge lists
/// as files. Nothing is written when a file exists (unless `force`); each file
/// is written atomically.
fn export_rules(dir: &Path, force: bool) -> Result<i32, Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::input(
            dir,
            "is not a folder; --export takes a folder",
        ));
    }
    let knowledge = dir.join("knowledge");
    let mut files: Vec<(PathBuf, &str)> = load::BUILTIN_RULES
        .iter()
        .map(|(name, text)| (dir.join(name), *text))
        .collect();
    files.extend(
        crate::knowledge::LISTS
            .iter()
            .map(|(name, text)| (knowledge.join(name), *text)),
    );
    if !force {
        if let Some((path, _)) = files.iter().find(|(path, _)| path.exists()) {
            return Err(Error::input(
                path,
                "exists; not overwritten (--force overwrites the exported files)",
            ));
        }
    } else if let Some((path, _)) = files.iter().find(|(path, _)| path.is_dir()) {
        return Err(Error::input(path, "is a folder; cannot write a file there"));
    }
    std::fs::create_dir_all(&knowledge).map_err(|e| {
        Error::input(
            &knowledge,
            format!("cannot create: {}", ingest::io_reason(&e)),
        )
    })?;
    for (path, text) in &files {
        write_atomically(path, text.as_bytes())?;
    }
    eprintln!(
        "wrote {} rule files and {} knowledge lists to {}",
        load::BUILTIN_RULES.len(),
        crate::knowledge::LISTS.len(),
        ingest::display_path(dir)
    );
    Ok(0)
}
