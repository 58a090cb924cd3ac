//! TypeScript declarations of every type that crosses IPC, generated from the Rust types.
//!
//! The result is committed as `ui/src/lib/bindings.ts`; the `bindings` test fails when it
//! drifts and rewrites it when run with `KEEL_UPDATE_BINDINGS=1` (`make bindings`).

use ts_rs::TS;

use crate::{DatabaseStatus, ErrorCode, IpcError};
use keel_core::{Organisation, Sector};

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// The full text of the bindings file.
pub fn typescript() -> String {
    let cfg = ts_rs::Config::default();
    let decls = [
        Sector::decl(&cfg),
        Organisation::decl(&cfg),
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        DatabaseStatus::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from Keel's Rust types by src-tauri/src/bindings.rs; do not edit by hand.\n\
         // Regenerate with `make bindings`; a test fails when this file drifts from the Rust types.\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
