//! The query-plan check (issue 17): every statement the store runs for what the window and the
//! CLI do, recorded through SQLite's trace hook on a generated database, must find its rows
//! through an index (`EXPLAIN QUERY PLAN` shows no `SCAN` of a table without one), except the
//! few that list a whole table on purpose.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::{Arc, Mutex};

    use keel_core::exchange::{ActionDoc, ActionStatus, AssessmentStatus, NoteKind};
    use rusqlite::trace::{TraceEvent, TraceEventCodes};

    use crate::generated::{generate, Population};
    use crate::Store;

    /// Statements that read a whole table on purpose, with the reason.
    const WHOLE_TABLE: &[(&str, &str)] = &[
        ("FROM framework WHERE imported = 1", "the framework table holds one row per framework version"),
        ("FROM audit ORDER BY id DESC LIMIT", "newest entries first: reads only `limit` rows backwards"),
    ];

    fn record(store: &mut Store) -> Arc<Mutex<BTreeSet<String>>> {
        let seen = Arc::new(Mutex::new(BTreeSet::new()));
        let sink = Arc::clone(&seen);
        store
            .conn
            .trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |event: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(statement, _) = event {
                        sink.lock().expect("trace lock").insert(statement.sql().into_owned());
                    }
                }),
            )
            .expect("trace");
        seen
    }

    /// Everything the walk-through, Results, Compare, the PDF and the CLI ask of the store.
    fn exercise(store: &mut Store, long_running: &[i64]) {
        let newest = *long_running.last().expect("years");
        let org = store.assessment(newest).expect("assessment").organisation_id;
        store.organisations().expect("organisations");
        store.assessments(None).expect("all");
        store.assessments(Some(org)).expect("one organisation");
        store.assessment_framework(newest).expect("framework");
        store.history(newest, &[]).expect("history");
        store.history(newest, &long_running[..3]).expect("chosen history");
        store.pack_members(newest, &[]).expect("pack");
        store.export_with_framework(newest).expect("export");
        store.notes(newest).expect("notes");
        store.actions(newest).expect("actions");
        store.attachments(newest).expect("attachments");
        store.kpis(org).expect("kpis");
        store.resume_node(newest).expect("resume");
        store.audit_log(20).expect("audit");
        store.imported_frameworks().expect("imported");

        let draft = store.duplicate_as_draft(newest, 2026, "test").expect("draft");
        store.set_resume_node(draft, "1.1").expect("resume");
        let score = store.export_assessment(newest).expect("export").consensus["1.1"].score.clone();
        store.set_score(draft, None, "1.1", Some(&score), "why", "test").expect("agreed");
        store.set_score(draft, Some("priya"), "1.1", Some(&score), "", "test").expect("own");
        store.set_score(draft, Some("priya"), "1.1", None, "", "test").expect("clear own");
        store.set_score(draft, None, "1.1", None, "", "test").expect("clear agreed");
        let note = store.add_note(draft, "1.1", NoteKind::Evidence, "seen", "test").expect("note");
        store.delete_note(draft, note, "test").expect("delete note");
        let action = ActionDoc {
            title: "Do it".into(),
            owner: String::new(),
            due: None,
            status: ActionStatus::Open,
            node: None,
            completed_on: None,
        };
        let id = store.add_action(draft, &action, "test").expect("action");
        store.update_action(draft, id, &ActionDoc { status: ActionStatus::Done, ..action }, "test").expect("update");
        let mut file = store.export_assessment(newest).expect("export");
        file.assessment.uid = "plan-probe".into();
        file.assessment.period = 2030;
        let framework = store.assessment_framework(newest).expect("framework");
        let imported = store.import_assessment(&file, &framework, "test").expect("import");
        store.set_status(imported, AssessmentStatus::Draft, "test").expect("back to draft");
        store.merge_assessors(imported, &[("file", &file)], "test").expect("merge");
        store.set_status(draft, AssessmentStatus::Final, "test").expect("final");
    }

    /// The `detail` column of `EXPLAIN QUERY PLAN` (parameters left unbound: the plan does not
    /// depend on their values).
    fn plan_lines(plan: &mut rusqlite::Statement<'_>) -> Vec<String> {
        let mut rows = plan.raw_query();
        let mut lines = Vec::new();
        while let Some(row) = rows.next().expect("plan row") {
            lines.push(row.get::<_, String>(3).expect("detail"));
        }
        lines
    }

    #[test]
    fn every_hot_query_finds_its_rows_through_an_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
        let population = Population { organisations: 12, assessments: 120, long_years: 20 };
        let generated = generate(&mut store, population).expect("generate");
        let seen = record(&mut store);
        exercise(&mut store, &generated.long_running);
        let statements: Vec<String> = seen.lock().expect("trace lock").iter().cloned().collect();
        let statements: Vec<&String> = statements
            .iter()
            .filter(|sql| {
                let head = sql.trim_start().to_ascii_uppercase();
                ["SELECT", "UPDATE", "DELETE", "INSERT", "WITH"].iter().any(|k| head.starts_with(k))
            })
            .collect();
        assert!(statements.len() >= 25, "too few statements recorded to judge: {statements:#?}");
        assert!(
            statements.iter().any(|s| s.contains("FROM score WHERE assessment_id")),
            "the scores were never loaded: {statements:#?}"
        );
        let mut scans = Vec::new();
        for sql in statements {
            if WHOLE_TABLE.iter().any(|(part, _)| sql.contains(part)) {
                continue;
            }
            let mut plan = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("explain");
            let lines = plan_lines(&mut plan);
            // `SCAN t` alone reads the whole table; `SCAN t USING [COVERING] INDEX` walks an index in
            // order (the full list, newest first); `SEARCH` finds rows through a key.
            for line in lines.iter().filter(|l| l.starts_with("SCAN ") && !l.contains(" USING ")) {
                scans.push(format!(
                    "{line} (plan: {lines:?})  <-  {}",
                    sql.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
        }
        assert!(scans.is_empty(), "statements that read a whole table:\n{}", scans.join("\n"));
    }

    #[test]
    fn the_check_sees_a_query_without_an_index() {
        // The check above must be able to fail: the same test query on a table without an
        // index on what it filters shows a bare SCAN.
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("keel.sqlite3")).expect("open");
        let mut plan = store.conn.prepare("EXPLAIN QUERY PLAN SELECT id FROM audit WHERE actor = ?1").expect("explain");
        let lines = plan_lines(&mut plan);
        assert!(lines.iter().any(|l| l == "SCAN audit"), "{lines:?}");
    }
}
