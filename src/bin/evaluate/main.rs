//! Headless evaluator: scenario JSON in, report JSON out.
//! `evaluate FILE | - | --preset NAME | --link URL [--trials N] [--seed S]`,
//! `--make-link (FILE | - | --preset NAME)` (the share link's fragment), `--print-preset NAME`,
//! `--print-link URL` (the scenario a link holds), `--list-presets`. Bad input: exit code 2 and one line on stderr.
use std::io::Read;
use std::process::ExitCode;

mod cli;

/// Read at most `limit` bytes from a file or stdin (`-`).
fn read_input(path: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map(|_| bytes).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match cli::run(&args, &mut read_input) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
