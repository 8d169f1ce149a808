//! The `evaluate` binary as a script calls it: output on stdout and exit code 0, or exit code 2 and
//! one line `error [code]: …` on stderr. (Its argument handling is unit-tested in
//! src/bin/evaluate/cli.rs.)
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn evaluate(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evaluate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the evaluate binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("stdin written");
    child.wait_with_output().expect("evaluate finishes")
}

#[test]
fn a_preset_on_stdin_gives_a_report() {
    let preset = evaluate(&["--print-preset", "article-50"], b"");
    assert!(preset.status.success());
    let report = evaluate(&["--trials", "100", "-"], &preset.stdout);
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let text = String::from_utf8(report.stdout).unwrap();
    assert!(text.contains("112881.125"), "{text}");
}

#[test]
fn refusals_exit_2_with_one_line_on_stderr() {
    for (args, stdin, code) in [
        (&["--bogus"][..], &b""[..], "usage"),
        (&["-"][..], &b"{\"format\": 1"[..], "invalid_json"),
        (&["no-such-file.json"][..], &b""[..], "io_error"),
    ] {
        let out = evaluate(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("error [{code}]: ")), "{err}");
    }
}

/// A plan that does not exist, or one named for more users than it is sold for: one line, exit 2.
#[test]
fn a_bad_plan_exits_2_with_one_line() {
    let preset = evaluate(&["--print-preset", "trading-20"], b"");
    let text = String::from_utf8(preset.stdout).unwrap();
    let unknown = text.replace("\"plan\": \"business_basic\"", "\"plan\": \"gold\"");
    let mut over: serde_json::Value = serde_json::from_str(&text).unwrap();
    over["organisation"]["users"] = 80.into();
    over["options"][2]["plan"] = "starter".into();
    for (stdin, code, says) in [
        (unknown.into_bytes(), "unknown_plan", "gold"),
        (
            over.to_string().into_bytes(),
            "plan_over_cap",
            "at most 50 users, not 80",
        ),
    ] {
        let out = evaluate(&["-"], &stdin);
        assert_eq!(out.status.code(), Some(2), "{code}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("error [{code}]: ")), "{err}");
        assert!(err.contains(says), "{err}");
    }
}
