//! Build script: generates Tauri's context and declares every app command in the app manifest,
//! so each one needs an explicit permission in `capabilities/` before the web view may call it.

/// Must list exactly the commands in `keel_app::commands` (the `ipc` test calls each one).
const COMMANDS: &[&str] = &[
    "database_status",
    "open_demo",
    "open_own_database",
    "list_organisations",
    "create_organisation",
    "list_frameworks",
    "import_framework",
    "list_assessments",
    "create_assessment",
    "open_assessment",
    "set_score",
    "add_note",
    "delete_note",
    "set_resume_node",
    "add_attachment",
    "add_action",
    "update_action",
    "finalise_assessment",
    "duplicate_assessment",
    "assessment_charts",
    "compare_assessments",
    "side_by_side",
    "list_kpis",
    "save_kpi_value",
    "import_kpis",
    "export_chart",
    "export_file",
    "list_backups",
    "back_up_now",
    "choose_backup_file",
    "restore_backup",
    "import_assessment_file",
    "merge_assessor_files",
    "rename_organisation",
    "set_organisation_sector",
    "set_organisation_sites",
    "delete_organisation",
    "delete_assessment",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
