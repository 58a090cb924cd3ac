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
