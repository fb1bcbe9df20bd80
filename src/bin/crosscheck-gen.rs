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
    /// Folder to write into (created).
    #[arg(long)]
    out: PathBuf,
}

fn main() {
    let args = Args::parse();
    let knowledge = crosscheck::knowledge::Knowledge::builtin();
    let mut bytes = 0;
    for (path, text) in crosscheck::generate::corpus(args.stories, args.seed, &knowledge) {
        let target = args.out.join(&path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, &text));
        if let Err(e) = written {
            eprintln!("error: {}: {e}", target.display());
            std::process::exit(2);
        }
        bytes += text.len();
    }
    eprintln!(
        "wrote {} stories, {bytes} bytes, to {}",
        args.stories,
        args.out.display()
    );
}
