//! Workspace-wide invariants from ARCHITECTURE.md, checked on every `cargo test`:
//! crate boundaries (from `cargo metadata`), SQL only in keel-store, and a purpose line at the
//! top of every source file.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use cargo_metadata::{DependencyKind, Metadata, MetadataCommand, PackageId};

fn metadata() -> Metadata {
    MetadataCommand::new().manifest_path(keel_e2e::workspace_root().join("Cargo.toml")).exec().expect("cargo metadata")
}

/// Names of every package `name` depends on at run time (normal dependencies, transitively).
fn runtime_closure(meta: &Metadata, name: &str) -> BTreeSet<String> {
    let resolve = meta.resolve.as_ref().expect("resolved dependency graph");
    let nodes: HashMap<&PackageId, _> = resolve.nodes.iter().map(|n| (&n.id, n)).collect();
    let names: HashMap<&PackageId, &str> = meta.packages.iter().map(|p| (&p.id, p.name.as_str())).collect();
    let root = meta
        .workspace_packages()
        .into_iter()
        .find(|p| p.name.as_str() == name)
        .unwrap_or_else(|| panic!("no workspace package {name}"));
    let mut seen = BTreeSet::new();
    let mut stack = vec![&root.id];
    while let Some(id) = stack.pop() {
        for dep in &nodes[id].deps {
            let normal = dep.dep_kinds.iter().any(|k| k.kind == DependencyKind::Normal);
            if normal && seen.insert(names[&dep.pkg].to_owned()) {
                stack.push(&dep.pkg);
            }
        }
    }
    seen
}

#[test]
fn keel_core_is_pure() {
    let meta = metadata();
    let deps = runtime_closure(&meta, "keel-core");
    for forbidden in ["tauri", "wry", "rusqlite", "libsqlite3-sys", "plotters", "keel-store"] {
        assert!(
            !deps.contains(forbidden),
            "keel-core must not depend on {forbidden} (it does, via its dependency graph)"
        );
    }
}

#[test]
fn only_keel_app_depends_on_tauri_and_only_keel_store_on_rusqlite() {
    let meta = metadata();
    for package in meta.workspace_packages() {
        let name = package.name.as_str();
        let deps = runtime_closure(&meta, name);
        if name != "keel-app" {
            assert!(!deps.contains("tauri"), "{name} depends on tauri; only keel-app (src-tauri) may");
        }
        let direct_rusqlite =
            package.dependencies.iter().any(|d| d.name == "rusqlite" && d.kind == DependencyKind::Normal);
        if name != "keel-store" {
            assert!(!direct_rusqlite, "{name} uses rusqlite directly; go through keel-store");
        }
    }
}

#[test]
fn charts_and_exports_work_on_data_not_on_the_database() {
    let meta = metadata();
    for name in ["keel-charts", "keel-export"] {
        let deps = runtime_closure(&meta, name);
        for forbidden in ["keel-store", "rusqlite", "tauri"] {
            assert!(!deps.contains(forbidden), "{name} must not depend on {forbidden}");
        }
    }
}

/// Source files of the workspace, skipping build output and installed packages.
fn source_files(extensions: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if !matches!(name.as_ref(), "target" | "node_modules" | "dist" | ".git" | "gen") {
                    walk(&path, extensions, out);
                }
            } else if extensions.iter().any(|ext| name.ends_with(ext)) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&keel_e2e::workspace_root(), extensions, &mut out);
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    let root = keel_e2e::workspace_root().canonicalize().expect("root");
    let path = path.canonicalize().expect("path");
    path.strip_prefix(&root).unwrap_or(&path).display().to_string()
}

#[test]
fn sql_is_written_only_in_keel_store() {
    const SQL: [&str; 8] =
        ["CREATE TABLE", "INSERT INTO", "SELECT ", "DELETE FROM", "UPDATE ", "PRAGMA ", "DROP TABLE", "ALTER TABLE"];
    let mut offenders = Vec::new();
    for path in source_files(&[".rs", ".ts", ".svelte"]) {
        let rel = relative(&path);
        if rel.starts_with("crates/keel-store/") || rel == "tests/architecture.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        for (number, line) in text.lines().enumerate() {
            // String literals in upper case are how SQL appears in Rust and TypeScript.
            if SQL.iter().any(|kw| line.contains(&format!("\"{kw}")) || line.contains(&format!("'{kw}"))) {
                offenders.push(format!("{rel}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "SQL outside keel-store:\n{}", offenders.join("\n"));
}

#[test]
fn every_source_file_says_what_it_is_for() {
    let mut missing = Vec::new();
    for path in source_files(&[".rs", ".ts", ".svelte", ".js", "Cargo.toml", "Makefile", ".html", ".css", ".svg"]) {
        let rel = relative(&path);
        let text = std::fs::read_to_string(&path).expect("read source");
        let first = text.lines().next().unwrap_or_default();
        let ok = match Path::new(&rel).extension().and_then(|e| e.to_str()) {
            Some("rs") => first.starts_with("//!"),
            Some("ts" | "js") => first.starts_with("//"),
            Some("svelte" | "html" | "svg") => first.starts_with("<!--"),
            Some("css") => first.starts_with("/*"),
            _ => first.starts_with('#'),
        };
        if !ok {
            missing.push(format!("{rel}: first line is {first:?}"));
        }
    }
    assert!(missing.is_empty(), "files without a purpose line at the top:\n{}", missing.join("\n"));
}

/// Source lines of the two shells (the desktop app and the `keel` command), with their file.
fn shell_lines() -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for path in source_files(&[".rs"]) {
        let rel = relative(&path);
        if !(rel.starts_with("src-tauri/src/") || rel.starts_with("crates/keel-cli/src/")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        // A file's unit tests may set the store up directly; the shell's code ends there.
        for (number, line) in text.lines().enumerate().take_while(|(_, l)| !l.starts_with("#[cfg(test)]")) {
            let code = line.split("//").next().unwrap_or_default();
            out.push((rel.clone(), number + 1, code.to_owned()));
        }
    }
    out
}

/// Whether `line` calls a method on a variable called `store` (not a field such as `guard.store`).
fn calls_store_method(line: &str) -> bool {
    line.match_indices("store.").any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after: String =
            line[at + "store.".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let fresh = !before.is_some_and(|c| c == '.' || c == '_' || c.is_alphanumeric());
        let called = line[at + "store.".len() + after.len()..].starts_with('(');
        // Where the database file is, for a message, is no use case.
        fresh && called && after != "path"
    })
}

#[test]
fn the_shells_call_use_cases_not_the_store() {
    assert!(calls_store_method("    store.set_score(id)?;") && !calls_store_method("guard.store.as_ref()"));
    assert!(!calls_store_method("store.path().display()") && calls_store_method("f(&mut store.x())"));
    let offenders: Vec<String> = shell_lines()
        .into_iter()
        .filter(|(_, _, line)| calls_store_method(line) || line.contains("Store::open"))
        .map(|(file, number, line)| format!("{file}:{number}: {}", line.trim()))
        .collect();
    assert!(
        offenders.is_empty(),
        "the shells must go through keel_usecases (one function per use case), not the store:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_desktop_shell_holds_no_domain_rules() {
    // Domain work (scoring, consensus, KPIs, limits, file names) lives in keel-core and the use
    // cases; the Tauri crate only adapts. A call into keel-core's functions or a copied limit
    // here is a rule in the wrong place.
    let offenders: Vec<String> = shell_lines()
        .into_iter()
        .filter(|(file, _, _)| file.starts_with("src-tauri/src/"))
        .filter(|(_, _, line)| {
            let calls_core = line.match_indices("keel_core::").any(|(at, _)| {
                let path: String =
                    line[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
                let last = path.rsplit("::").next().unwrap_or_default();
                line[at + path.len()..].starts_with('(') && last.chars().next().is_some_and(char::is_lowercase)
            });
            calls_core || ["1900", "2200", "1e-6", "0.001"].iter().any(|limit| line.contains(limit))
        })
        .map(|(file, number, line)| format!("{file}:{number}: {}", line.trim()))
        .collect();
    assert!(offenders.is_empty(), "domain rules in the Tauri crate:\n{}", offenders.join("\n"));
}

#[test]
fn the_use_cases_know_no_shell() {
    let meta = metadata();
    let deps = runtime_closure(&meta, "keel-usecases");
    for forbidden in ["tauri", "wry", "clap", "rusqlite"] {
        // rusqlite arrives through keel-store only; the crate itself writes no SQL.
        if forbidden == "rusqlite" {
            let direct = meta
                .workspace_packages()
                .into_iter()
                .find(|p| p.name.as_str() == "keel-usecases")
                .is_some_and(|p| p.dependencies.iter().any(|d| d.name == "rusqlite"));
            assert!(!direct, "keel-usecases must reach the database through keel-store");
        } else {
            assert!(!deps.contains(forbidden), "keel-usecases must not depend on {forbidden}");
        }
    }
}
