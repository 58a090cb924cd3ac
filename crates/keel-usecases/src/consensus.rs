//! Several assessors on one assessment: their own files merged into the lead's (all or none;
//! merging twice changes nothing), and the spread of their scores per part.

use std::path::PathBuf;

use keel_core::consensus::{spread, NodeSpread};
use keel_core::exchange::ExchangeFile;
use keel_store::{MergedAssessor, Store};

use crate::{files, Error};

/// Assessors' own exchange files, each read and checked, with where it came from.
#[derive(Debug, Clone)]
pub struct AssessorFiles(Vec<(String, ExchangeFile)>);

/// Reads and checks every file before anything is merged (or a database opened): one bad file
/// refuses them all.
pub fn read_files(paths: &[PathBuf]) -> Result<AssessorFiles, Error> {
    let mut parsed = Vec::new();
    for path in paths {
        let origin = path.display().to_string();
        let (file, _) = ExchangeFile::parse(&files::read_text(path)?, &origin)?;
        parsed.push((origin, file));
    }
    Ok(AssessorFiles(parsed))
}

/// Merges the files into assessment `into`: all of them or none; merging twice changes nothing.
pub fn merge(store: &mut Store, files: &AssessorFiles, into: i64, actor: &str) -> Result<Vec<MergedAssessor>, Error> {
    let named: Vec<(&str, &ExchangeFile)> = files.0.iter().map(|(o, f)| (o.as_str(), f)).collect();
    Ok(store.merge_assessors(into, &named, actor)?)
}

/// Every assessor's score per scored part of assessment `id`, with the spread and the
/// disagreement flag above `threshold`; and the file, for the assessors' names.
pub fn spread_of(store: &Store, id: i64, threshold: f64) -> Result<(ExchangeFile, Vec<NodeSpread>), Error> {
    let (file, framework) = store.export_with_framework(id)?;
    let rows = spread(&file, &framework, threshold)?;
    Ok((file, rows))
}
