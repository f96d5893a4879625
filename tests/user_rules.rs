//! User rules: `--rules DIR`, `pwflow test-rules DIR`, the rules/README.md worked example, and
//! the committed JSON Schema of the rule format.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pwflow() -> Command {
    Command::cargo_bin("pwflow").expect("binary builds")
}

#[test]
fn the_worked_example_is_the_shipped_example_and_passes_its_fixtures() {
    let readme = fs::read_to_string(root().join("rules/README.md")).expect("rules/README.md");
    let start = readme.find("```toml\n").expect("toml block") + "```toml\n".len();
    let end = start + readme[start..].find("```").expect("closing fence");
    let example =
        fs::read_to_string(root().join("examples/custom-rules/acme/rc-connect.toml")).expect("example");
    assert_eq!(&readme[start..end], example, "rules/README.md and examples/custom-rules differ");
    pwflow()
        .current_dir(root())
        .args(["test-rules", "examples/custom-rules"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 passed, 0 failed"));
}

#[test]
fn built_in_rules_pass_the_same_harness() {
    pwflow()
        .current_dir(root())
        .args(["test-rules", "rules", "--fixtures", "fixtures"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 0 failed"));
}

#[test]
fn missing_and_noisy_cases_fail() {
    let dir = TempDir::new().expect("tempdir");
    let d = dir.path();
    fs::create_dir_all(d.join("acme")).expect("mkdir");
    fs::copy(root().join("examples/custom-rules/acme/rc-connect.toml"), d.join("acme/rc-connect.toml"))
        .expect("copy");
    let fx = d.join("fixtures/acme/rc-connect");
    fs::create_dir_all(&fx).expect("mkdir");
    // Marker on the wrong line: one missing, one noisy.
    fs::write(fx.join("positive.php"), "<?php // expect: acme/rc-connect\nRcClient::connect($u, $e, $p);\n")
        .expect("write");
    fs::write(fx.join("negative.php"), "<?php\nRcClient::connectJwt($jwt);\n").expect("write");
    pwflow()
        .args(["test-rules"])
        .arg(d)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("MISSING")
                .and(predicate::str::contains("positive.php:1 acme/rc-connect")),
        )
        .stdout(
            predicate::str::contains("NOISY").and(predicate::str::contains("positive.php:2 acme/rc-connect")),
        )
        .stdout(predicate::str::contains("0 passed, 2 failed"));
    // No fixtures at all is a failure too.
    fs::remove_dir_all(d.join("fixtures")).expect("rm");
    pwflow()
        .args(["test-rules"])
        .arg(d)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("NO FIXTURES acme/rc-connect"));
}

#[test]
fn user_rules_run_beside_the_built_in_ones() {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join("a.php"), "<?php\nRcClient::connect($u, $e, $p);\n").expect("write");
    pwflow()
        .current_dir(dir.path())
        .args(["check", ".", "--isolated", "--rules"])
        .arg(root().join("examples/custom-rules/acme"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[acme/rc-connect]"));
}

/// A user rule may use query syntax the native matcher does not read (here a quantifier): the
/// language then runs as a compiled tree-sitter query, and the built-in rules for it still
/// report in the same run.
#[test]
fn user_rules_with_quantifiers_fall_back_to_tree_sitter_queries() {
    let dir = TempDir::new().expect("tempdir");
    let rules = dir.path().join("rules/acme");
    fs::create_dir_all(&rules).expect("mkdir");
    let rule = fs::read_to_string(root().join("examples/custom-rules/acme/rc-connect.toml"))
        .expect("example")
        .replace("id = \"acme/rc-connect\"", "id = \"acme/rc-connect-args\"")
        .replace("arguments: (arguments) @args", "arguments: (arguments (argument)+ @arg) @args");
    assert!(rule.contains("(argument)+"), "the example's query changed; adapt this test");
    fs::write(rules.join("rc-connect-args.toml"), rule).expect("write");
    fs::write(
        dir.path().join("a.php"),
        "<?php\nRcClient::connect($u, $e, $p);\n$body = \"grant_type=password&username=u&password=p\";\n\
         http_post(\"https://platform.ringcentral.com/restapi/oauth/token\", $body);\n",
    )
    .expect("write");
    pwflow()
        .current_dir(dir.path())
        .args(["check", "a.php", "--isolated", "--format", "json", "--rules", "rules/acme"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"acme/rc-connect-args\""))
        .stdout(predicate::str::contains("\"ringcentral/password-grant-request\""));
}

/// A check reads the captures it needs by name: a rule whose query lacks one is refused when
/// the rules are tested, at the query's position, instead of never matching.
#[test]
fn a_check_whose_capture_the_query_lacks_is_a_rule_error() {
    let dir = TempDir::new().expect("tempdir");
    let rules = dir.path().join("acme");
    fs::create_dir_all(&rules).expect("mkdir");
    let rule = fs::read_to_string(root().join("examples/custom-rules/acme/rc-connect.toml"))
        .expect("example")
        .replace("primary = \"call\"", "primary = \"call\"\nchecks = [\"php-password-login\"]");
    assert!(rule.contains("checks = ["), "the example's header changed; adapt this test");
    fs::write(rules.join("rc-connect.toml"), rule).expect("write");
    pwflow()
        .args(["test-rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("check `php-password-login` needs the capture `@receiver`"))
        .stderr(predicate::str::contains("rc-connect.toml:12:"));
}
