//! Writes a generated benchmark corpus: `crosscheck-gen --stories N --seed S --out DIR`.

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "crosscheck-gen",
    about = "Write a deterministic corpus of generated stories for benchmarks."
)]
struct Args {
    /// Number of story folders.
    #[arg(long, default_value_t = 100)]
    stories: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into (created); with `--format jsonl`, the archive file.
    #[arg(long)]
    out: PathBuf,
    /// `files`: a folder per story; `jsonl`: one archive of article records
    /// (`id` = the file's path, `story` = its folder, `text`), as
    /// `crosscheck check` reads them.
    #[arg(long, value_enum, default_value = "files")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Files,
    Jsonl,
}

fn fail(target: &std::path::Path, e: std::io::Error) -> ! {
    eprintln!("error: {}: {e}", target.display());
    std::process::exit(2);
}

fn main() {
    let args = Args::parse();
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    let mut bytes = 0;
    let corpus = crosscheck::generate::corpus(args.stories, args.seed, &knowledge);
    if args.format == Format::Jsonl {
        use std::io::Write;
        let file = std::fs::File::create(&args.out).unwrap_or_else(|e| fail(&args.out, e));
        let mut out = std::io::BufWriter::new(file);
        for (path, text) in corpus {
            let path = path.replace('\\', "/");
            let story = path.rsplit_once('/').map_or("", |(story, _)| story);
            let record = serde_json::json!({"id": path, "story": story, "text": text});
            bytes += text.len();
            writeln!(out, "{record}").unwrap_or_else(|e| fail(&args.out, e));
        }
        out.flush().unwrap_or_else(|e| fail(&args.out, e));
        eprintln!(
            "wrote {} stories, {bytes} bytes of text, to {}",
            args.stories,
            args.out.display()
        );
        return;
    }
    for (path, text) in corpus {
        let target = args.out.join(&path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, &text));
        if let Err(e) = written {
            fail(&target, e);
        }
        bytes += text.len();
    }
    eprintln!(
        "wrote {} stories, {bytes} bytes, to {}",
        args.stories,
        args.out.display()
    );
}
