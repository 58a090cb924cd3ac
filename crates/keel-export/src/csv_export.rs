//! Node scores as CSV for any other tool: one row per node in framework order, the agreed
//! result and each assessor's own %. UTF-8 with a byte-order mark (so Excel reads "Führung"
//! right); text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, tab or carriage return) are neutralised with a leading apostrophe, as OWASP recommends.
//! Two conventions: comma-separated with decimal points (the default, for every tool and English
//! Excel), or semicolon-separated with decimal commas (European Excel, where `5.357` would read
//! as 5357).

use crate::{ExportError, Pack};

/// How the CSV separates fields and writes decimals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvConvention {
    /// Commas between fields, decimal points: `1.1,Define purpose,59.375`.
    #[default]
    Standard,
    /// Semicolons between fields, decimal commas: `1.1;Define purpose;59,375`.
    European,
}

impl CsvConvention {
    pub fn id(self) -> &'static str {
        match self {
            CsvConvention::Standard => "standard",
            CsvConvention::European => "european",
        }
    }

    pub fn from_id(id: &str) -> Option<CsvConvention> {
        [CsvConvention::Standard, CsvConvention::European].into_iter().find(|c| c.id() == id)
    }
}

/// The UTF-8 byte-order mark every CSV starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell a spreadsheet will not run: one that starts like a formula gets an apostrophe.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The CSV text of the current assessment's node scores, in the standard convention.
pub fn node_scores_csv(pack: &Pack) -> Result<Vec<u8>, ExportError> {
    node_scores_csv_with(pack, CsvConvention::Standard)
}

/// The CSV text of the current assessment's node scores in `convention`.
pub fn node_scores_csv_with(pack: &Pack, convention: CsvConvention) -> Result<Vec<u8>, ExportError> {
    let current = &pack.current;
    let assessors = current.file.assessor_percents(&current.framework);
    let delimiter = match convention {
        CsvConvention::Standard => b',',
        CsvConvention::European => b';',
    };
    let mut out = csv::WriterBuilder::new().delimiter(delimiter).from_writer(BOM.to_vec());
    let fail = |e: csv::Error| ExportError::Build { what: "CSV", message: e.to_string() };
    let mut header: Vec<String> = ["node", "number", "title", "level", "status", "percent", "points", "max_points"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    header.extend(assessors.iter().map(|(key, _)| neutralise(&format!("percent_{key}"))));
    out.write_record(&header).map_err(fail)?;
    let number = |v: Option<f64>| {
        let text = v.map(|v| format!("{}", (v * 1000.0).round() / 1000.0)).unwrap_or_default();
        match convention {
            CsvConvention::Standard => text,
            CsvConvention::European => text.replace('.', ","),
        }
    };
    for node in &current.report.nodes {
        let mut row = vec![
            neutralise(&node.id),
            neutralise(&node.number),
            neutralise(&node.title),
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
