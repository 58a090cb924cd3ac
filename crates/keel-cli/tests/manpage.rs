//! The man page shipped in the .deb and .rpm (docs/keel.1) describes every command `keel --help`
//! lists, so the two cannot drift apart.

use std::process::Command;

#[test]
fn the_man_page_describes_every_command() {
    let help = Command::new(env!("CARGO_BIN_EXE_keel")).arg("--help").output().expect("run keel");
    let help = String::from_utf8(help.stdout).expect("utf-8");
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 15, "too few commands read from --help: {commands:?}");
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/keel.1")).expect("docs/keel.1");
    let described: Vec<&str> =
        page.lines().filter_map(|l| l.strip_prefix(".B ")).filter_map(|l| l.split_whitespace().next()).collect();
    let missing: Vec<&&str> = commands.iter().filter(|c| !described.contains(c)).collect();
    assert!(missing.is_empty(), "docs/keel.1 lacks {missing:?}");
    let version = Command::new(env!("CARGO_BIN_EXE_keel")).arg("--version").output().expect("run keel");
    let version = String::from_utf8(version.stdout).expect("utf-8");
    let number = version.trim().strip_prefix("keel ").expect("keel VERSION");
    assert!(page.contains(&format!("\"Keel {number}\"")), "docs/keel.1 is not for version {number}");
}
