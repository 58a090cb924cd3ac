//! Generates the blank window's Tauri context.
fn main() {
    tauri_build::build();
}
