//! The evaluator's arguments and what they produce (arguments → output text), apart from the I/O
//! in `main.rs` so tests can feed it arbitrary input. The model does the work.
use std::fmt;

use collab_risk::model::catalog::Catalog;
use collab_risk::model::decision::evaluate;
use collab_risk::model::error::{InputError, ModelError};
use collab_risk::model::presets;
use collab_risk::model::scenario::Scenario;
use collab_risk::model::share::{decode_fragment, encode_fragment, ShareError};

/// Usage text.
pub const USAGE: &str = "usage: evaluate [--trials N] [--seed S] (FILE | - | --preset NAME | --link URL)\n       evaluate --make-link (FILE | - | --preset NAME)\n       evaluate --print-preset NAME\n       evaluate --print-link URL\n       evaluate --list-presets";

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

impl From<ShareError> for CliError {
    fn from(e: ShareError) -> Self {
        CliError {
            code: e.code(),
            message: e.to_string(),
        }
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
    /// Evaluate the scenario in a share link (a URL or its fragment).
    Link(String),
    /// Print the scenario JSON a share link holds.
    PrintLink(String),
    /// Print usage.
    Help,
}

/// Parsed arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub command: Command,
    /// Print the scenario's share-link fragment (`s=1.…`) instead of evaluating it.
    pub make_link: bool,
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
    let mut make_link = false;
    let mut iter = args.iter();
    let set = |c: Command, command: &mut Option<Command>| {
        if command.is_some() {
            Err(usage(
                "give only one of FILE, -, --preset, --link, --print-preset, --print-link, --list-presets",
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
            "--link" => {
                let url = iter
                    .next()
                    .ok_or_else(|| usage("--link: needs a share link"))?;
                set(Command::Link(url.clone()), &mut command)?
            }
            "--print-link" => {
                let url = iter
                    .next()
                    .ok_or_else(|| usage("--print-link: needs a share link"))?;
                set(Command::PrintLink(url.clone()), &mut command)?
            }
            "--make-link" => make_link = true,
            "--trials" => trials = Some(number("--trials", iter.next())?),
            "--seed" => seed = Some(number("--seed", iter.next())?),
            "-" => set(Command::File("-".into()), &mut command)?,
            other if other.starts_with('-') => {
                return Err(usage(format!("unknown option `{other}`")))
            }
            file => set(Command::File(file.to_string()), &mut command)?,
        }
    }
    let command = command.ok_or_else(|| {
        usage("nothing to do; give FILE, -, --preset NAME, --link URL or --list-presets")
    })?;
    if make_link
        && !matches!(
            command,
            Command::File(_) | Command::Preset(_) | Command::Link(_)
        )
    {
        return Err(usage(
            "--make-link: give the scenario as FILE, -, --preset NAME or --link URL",
        ));
    }
    Ok(Invocation {
        command,
        make_link,
        trials,
        seed,
    })
}

/// Evaluate scenario bytes with optional overrides; the report as pretty JSON (what `run` does
/// for FILE and `-`; the tests feed it arbitrary bytes).
#[cfg(test)]
pub fn evaluate_bytes(
    bytes: &[u8],
    trials: Option<u32>,
    seed: Option<u32>,
) -> Result<String, CliError> {
    let catalog = Catalog::embedded()?;
    let scenario = Scenario::from_json_bytes(bytes, catalog)?;
    evaluate_scenario(scenario, trials, seed, catalog)
}

/// The scenario with the overrides applied, validated (a refused override names its flag).
fn prepared(
    mut scenario: Scenario,
    trials: Option<u32>,
    seed: Option<u32>,
    catalog: &Catalog,
) -> Result<Scenario, CliError> {
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
    Ok(scenario)
}

fn evaluate_scenario(
    scenario: Scenario,
    trials: Option<u32>,
    seed: Option<u32>,
    catalog: &Catalog,
) -> Result<String, CliError> {
    let scenario = prepared(scenario, trials, seed, catalog)?;
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
    let scenario = match invocation.command {
        Command::Help => return Ok(USAGE.to_string()),
        Command::ListPresets => return Ok(presets::names().join("\n")),
        Command::PrintPreset(name) => return Ok(presets::load(&name)?.to_json_pretty()?),
        Command::PrintLink(url) => return Ok(decode_fragment(&url, catalog)?.to_json_pretty()?),
        Command::Preset(name) => presets::load(&name)?,
        Command::Link(url) => decode_fragment(&url, catalog)?,
        Command::File(path) => {
            let limit = catalog.limits.input_bytes.max;
            let bytes = read_input(&path, limit.saturating_add(1)).map_err(|message| CliError {
                code: "io_error",
                message: format!("{path}: {message}"),
            })?;
            Scenario::from_json_bytes(&bytes, catalog)?
        }
    };
    if invocation.make_link {
        let scenario = prepared(scenario, invocation.trials, invocation.seed, catalog)?;
        return Ok(encode_fragment(&scenario)?);
    }
    evaluate_scenario(scenario, invocation.trials, invocation.seed, catalog)
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
            "article-50\nbank-200\nclinic-30\nschool-80\ntrading-20"
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
        // Share links: made from a scenario, read back, evaluated as the scenario itself is.
        let link = call(&["--make-link", "--preset", "clinic-30", "--seed", "11"]).unwrap();
        assert!(link.starts_with("s=1."), "{link}");
        let url = format!("https://example.org/tools/collab-risk/#{link}");
        let mut scenario = presets::load("clinic-30").unwrap();
        scenario.simulation.seed = 11;
        assert_eq!(
            call(&["--print-link", &url]).unwrap(),
            scenario.to_json_pretty().unwrap()
        );
        assert_eq!(
            call(&["--link", &url]).unwrap(),
            call(&["--preset", "clinic-30", "--seed", "11"]).unwrap()
        );
        assert_eq!(
            call(&["--link", "#s=1.AAAA"]).unwrap_err().code,
            "share_corrupt"
        );
        assert_eq!(call(&["--make-link"]).unwrap_err().code, "usage");
        assert_eq!(
            call(&["--make-link", "--print-preset", "clinic-30"])
                .unwrap_err()
                .code,
            "usage"
        );
        let too_big = vec![b' '; 2_000_000];
        assert_eq!(
            evaluate_bytes(&too_big, None, None).unwrap_err().code,
            "input_too_large"
        );
    }
}
