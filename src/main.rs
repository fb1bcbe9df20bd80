use clap::Parser;

/// mimalloc instead of the system allocator: extraction allocates and frees
/// small strings and vectors for every sentence and token, and glibc's malloc
/// and free took about a tenth of a run (README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match crosscheck::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are not errors; bad usage exits 2 as the contract says.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    std::process::exit(crosscheck::cli::run(cli));
}
