//! Entry point of the Keel desktop app; everything lives in the library so tests can drive it.

fn main() -> std::process::ExitCode {
    keel_app::main()
}
