//! Node scores as CSV for any other tool: one row per node in framework order, the agreed
//! result and each assessor's own %, numbers written as plain numbers (dot decimals).

use crate::{ExportError, Pack};

/// The CSV text of the current assessment's node scores.
pub fn node_scores_csv(pack: &Pack) -> Result<Vec<u8>, ExportError> {
    let current = &pack.current;
    let assessors = current.file.assessor_percents(&current.framework);
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ExportError::Build { what: "CSV", message: e.to_string() };
    let mut header: Vec<String> = ["node", "number", "title", "level", "status", "percent", "points", "max_points"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend(assessors.iter().map(|(key, _)| format!("percent_{key}")));
    out.write_record(&header).map_err(fail)?;
    let number = |v: Option<f64>| v.map(|v| format!("{}", (v * 1000.0).round() / 1000.0)).unwrap_or_default();
    for node in &current.report.nodes {
        let mut row = vec![
            node.id.clone(),
            node.number.clone(),
            node.title.clone(),
            (node.depth + 1).to_string(),
            format!("{:?}", node.status).to_lowercase(),
            number(node.percent),
            number(Some(node.points)),
            number(Some(node.max_points)),
        ];
        row.extend(assessors.iter().map(|(_, p)| number(p.get(&node.id).copied())));
        out.write_record(&row).map_err(fail)?;
    }
    out.into_inner().map_err(|e| ExportError::Build { what: "CSV", message: e.to_string() })
}
