//! A blank Tauri 2 window: the page calls `ping` once and shows the answer. `make bench`
//! measures how soon its screen is still, the same way as Keel's home screen.

#[tauri::command]
fn ping() -> &'static str {
    "ready"
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("keel-blank-window: {e}");
            std::process::exit(1);
        });
}
