//! Build script: generates Tauri's context, and from `src/commands.rs` — the one place a
//! command is added — the invoke handler, the app manifest (so each command needs a
//! permission before the web view may call it) and `capabilities/main.json`, which grants them.

#[path = "command_list.rs"]
mod command_list;

use command_list::{capability, command_names};

fn main() {
    println!("cargo:rerun-if-changed=src/commands.rs");
    println!("cargo:rerun-if-changed=command_list.rs");
    let source = std::fs::read_to_string("src/commands.rs").expect("read src/commands.rs");
    let names = command_names(&source);
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let handler = format!(
        "tauri::generate_handler![{}]",
        names.iter().map(|n| format!("crate::commands::{n}")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(std::path::Path::new(&out).join("handler.rs"), handler).expect("write handler.rs");
    // Written only when it changes, so a build leaves the checked-in file alone.
    let capability = capability(&names);
    let path = "capabilities/main.json";
    if std::fs::read_to_string(path).ok().as_deref() != Some(capability.as_str()) {
        std::fs::write(path, capability).expect("write capabilities/main.json");
    }
    // The manifest keeps the names for the whole build: leaked once, in a build script.
    let commands: &'static [&'static str] =
        Box::leak(names.into_iter().map(|n| &*Box::leak(n.into_boxed_str())).collect::<Vec<_>>().into_boxed_slice());
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
