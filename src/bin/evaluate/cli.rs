//! The evaluator's arguments and what they produce (arguments → output text), apart from the I/O
//! in `main.rs` so tests can feed it arbitrary input. The model does the work.
use std::fmt;

use collab_risk::model::catalog::Catalog;
use collab_risk::model::decision::evaluate;
use collab_risk::model::error::ModelError;
use collab_risk::model::presets;
use collab_risk::model::scenario::Scenario;

/// Usage text.
pub const USAGE: &str = "usage: evaluate [--trials N] [--seed S] (FILE | - | --preset NAME)\n       evaluate --print-preset NAME\n       evaluate --list-presets";

/// A refused invocation: exit code 2 and one line on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// Stable machine code (a [`ModelError::code`] or `usage`).
    pub code: &'static str,
    /// One line naming the field and the problem.
    pub message: String,
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, always.
        let line: String = self
            .message
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        write!(f, "error [{}]: {line}", self.code)
    }
}

impl From<ModelError> for CliError {
    fn from(e: ModelError) -> Self {
        CliError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

fn usage(message: impl Into<String>) -> CliError {
    CliError {
        code: "usage",
        message: message.into(),
    }
}

/// What the command was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print preset names.
    ListPresets,
    /// Print a preset's scenario JSON.
    PrintPreset(String),
    /// Evaluate a preset.
    Preset(String),
    /// Evaluate a file (`-` = stdin).
    File(String),
    /// Print usage.
    Help,
}

/// Parsed arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub command: Command,
    pub trials: Option<u32>,
    pub seed: Option<u32>,
}

fn number(flag: &str, value: Option<&String>) -> Result<u32, CliError> {
    let value = value.ok_or_else(|| usage(format!("{flag}: needs a value")))?;
    value.trim().parse::<u32>().map_err(|_| CliError {
        code: "out_of_range",
        message: format!(
            "{flag}: `{value}` is not a whole number between 0 and {}",
            u32::MAX
        ),
    })
}

/// Parse the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Invocation, CliError> {
    let mut command = None;
    let mut trials = None;
    let mut seed = None;
    let mut iter = args.iter();
    let set = |c: Command, command: &mut Option<Command>| {
        if command.is_some() {
            Err(usage(
                "give only one of FILE, -, --preset, --print-preset, --list-presets",
            ))
        } else {
            *command = Some(c);
            Ok(())
        }
    };
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--help" | "-h" => set(Command::Help, &mut command)?,
            "--list-presets" => set(Command::ListPresets, &mut command)?,
            "--print-preset" => {
                let name = iter
                    .next()
                    .ok_or_else(|| usage("--print-preset: needs a preset name"))?;
                set(Command::PrintPreset(name.clone()), &mut command)?
            }
            "--preset" => {
                let name = iter
                    .next()
                    .ok_or_else(|| usage("--preset: needs a preset name"))?;
                set(Command::Preset(name.clone()), &mut command)?
            }
            "--trials" => trials = Some(number("--trials", iter.next())?),
            "--seed" => seed = Some(number("--seed", iter.next())?),
            "-" => set(Command::File("-".into()), &mut command)?,
            other if other.starts_with('-') => {
                return Err(usage(format!("unknown option `{other}`")))
            }
            file => set(Command::File(file.to_string()), &mut command)?,
        }
    }
    let command = command
        .ok_or_else(|| usage("nothing to do; give FILE, -, --preset NAME or --list-presets"))?;
    Ok(Invocation {
        command,
        trials,
        seed,
    })
}

/// Evaluate scenario bytes with optional overrides; the report as pretty JSON.
pub fn evaluate_bytes(
    bytes: &[u8],
    trials: Option<u32>,
    seed: Option<u32>,
) -> Result<String, CliError> {
    let catalog = Catalog::embedded()?;
    let scenario = Scenario::from_json_bytes(bytes, catalog)?;
    evaluate_scenario(scenario, trials, seed, catalog)
}

fn evaluate_scenario(
    mut scenario: Scenario,
    trials: Option<u32>,
    seed: Option<u32>,
    catalog: &Catalog,
) -> Result<String, CliError> {
    if let Some(t) = trials {
        scenario.simulation.trials = t;
    }
    if let Some(s) = seed {
        scenario.simulation.seed = s;
    }
    scenario
        .validate(catalog)
        .map_err(|e| match (e.path(), trials) {
            ("simulation.trials", Some(_)) => CliError {
                code: e.code(),
                message: format!(
                    "--trials: {}",
                    e.to_string().trim_start_matches("simulation.trials: ")
                ),
            },
            _ => e.into(),
        })?;
    let report = evaluate(&scenario, catalog)?;
    Ok(report.to_json_pretty()?)
}

/// Reads a file path or `-` (stdin), at most the given number of bytes.
pub type InputReader<'a> = dyn FnMut(&str, u64) -> Result<Vec<u8>, String> + 'a;

/// Run an invocation. `read_input` reads a file path or `-` (stdin) into bytes; the
/// binary passes a reader that stops after the size limit.
pub fn run(args: &[String], read_input: &mut InputReader<'_>) -> Result<String, CliError> {
    let invocation = parse_args(args)?;
    let catalog = Catalog::embedded()?;
    match invocation.command {
        Command::Help => Ok(USAGE.to_string()),
        Command::ListPresets => Ok(presets::names().join("\n")),
        Command::PrintPreset(name) => Ok(presets::load(&name)?.to_json_pretty()?),
        Command::Preset(name) => evaluate_scenario(
            presets::load(&name)?,
            invocation.trials,
            invocation.seed,
            catalog,
        ),
        Command::File(path) => {
            let limit = catalog.limits.input_bytes.max;
            let bytes = read_input(&path, limit.saturating_add(1)).map_err(|message| CliError {
                code: "io_error",
                message: format!("{path}: {message}"),
            })?;
            evaluate_bytes(&bytes, invocation.trials, invocation.seed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn evaluator_never_panics_on_strings(text in ".{0,400}") {
            let _ = evaluate_bytes(text.as_bytes(), Some(100), None);
        }

        #[test]
        fn evaluator_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = evaluate_bytes(&bytes, Some(100), None);
        }

        #[test]
        fn evaluator_never_panics_on_mutated_presets(preset in 0usize..4, at in 0usize..4000, insert in "[-0-9a-z\"{}\\[\\],:. e]{0,12}", cut in 0usize..8) {
            let text = presets::json(presets::names()[preset]).unwrap();
            let at = at % text.len();
            let mut s: Vec<u8> = text.as_bytes().to_vec();
            let end = (at + cut).min(s.len());
            s.splice(at..end, insert.bytes());
            let result = evaluate_bytes(&s, Some(100), None);
            if let Err(e) = result {
                prop_assert!(!e.to_string().contains('\n'));
            }
        }
    }

    #[test]
    fn cli_arguments() {
        let call = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            run(&args, &mut |_path: &str, _limit: u64| {
                Err("no such file".to_string())
            })
        };
        assert_eq!(
            call(&["--list-presets"]).unwrap(),
            "article-50\nbank-200\nclinic-30\nschool-80"
        );
        assert!(call(&["--print-preset", "school-80"])
            .unwrap()
            .contains("collab-risk/scenario"));
        let out = call(&["--preset", "article-50", "--trials", "100", "--seed", "7"]).unwrap();
        assert!(out.contains("112881.125") && out.contains("140000"));
        assert_eq!(
            call(&["--preset", "article-50", "--trials", "200001"])
                .unwrap_err()
                .code,
            "out_of_range"
        );
        assert_eq!(
            call(&["--preset", "article-50", "--trials", "-3"])
                .unwrap_err()
                .code,
            "out_of_range"
        );
        assert_eq!(
            call(&["--preset", "nope"]).unwrap_err().code,
            "unknown_preset"
        );
        assert_eq!(call(&["--bogus"]).unwrap_err().code, "usage");
        assert_eq!(call(&[]).unwrap_err().code, "usage");
        assert_eq!(call(&["missing.json"]).unwrap_err().code, "io_error");
        let too_big = vec![b' '; 2_000_000];
        assert_eq!(
            evaluate_bytes(&too_big, None, None).unwrap_err().code,
            "input_too_large"
        );
    }
}
