//! The management-review pack: a PDF report, an XLSX workbook with native Excel charts, a CSV
//! of node scores, and chart files, all from a [`Pack`] (one scored assessment and the earlier
//! ones of the same organisation and framework). Every file is written atomically by
//! [`write_atomically`]: a failed or interrupted export never leaves a truncated file.

mod csv_export;
mod pdf;
mod text;
mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use keel_charts::build::{self, Assessed};
use keel_charts::{Chart, ChartKind, Footer};
use keel_core::comparison::{compare, CompareError, Compared, Comparison, VersionMapping};
use keel_core::crosswalk::{carry, iso_9001_to_efqm_2020, project, side_by_side, version_path, SideBySide};
use keel_core::exchange::ExchangeFile;
use keel_core::framework::builtin_framework;
use keel_core::scoring::{score, ScoreReport};
use keel_core::{Framework, InputError};

pub use csv_export::{neutralise, node_scores_csv, node_scores_csv_with, CsvConvention};
pub use pdf::report_pdf;
pub use xlsx::workbook_xlsx;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Chart(#[from] keel_charts::ChartError),
    #[error("the {kind} chart needs {needs}")]
    ChartNeeds { kind: &'static str, needs: String },
    #[error("no {kind} chart for this assessment: {why}; charts that fit it: {fits}")]
    ChartDoesNotFit { kind: &'static str, why: String, fits: String },
    #[error("cannot write {}: {source}; nothing was written", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot build the {what}: {message}")]
    Build { what: &'static str, message: String },
    #[error("the report would not be a conforming PDF/A-2a and PDF/UA-1 file, so none was written: {problems}")]
    NotConforming { problems: String },
}

/// An exchange file with its framework and its agreed result.
#[derive(Debug, Clone)]
pub struct Scored {
    pub file: ExchangeFile,
    pub framework: Framework,
    pub report: ScoreReport,
}

impl Scored {
    pub fn new(file: ExchangeFile, framework: Framework) -> Result<Scored, ExportError> {
        let origin = format!("assessment {:?}", file.assessment.title);
        let report = file.score(&framework, None, &origin)?;
        Ok(Scored { file, framework, report })
    }

    /// How charts and tables name this assessment: its period.
    pub fn label(&self) -> String {
        self.file.assessment.period.to_string()
    }
}

/// What an export is made from.
#[derive(Debug, Clone)]
pub struct Pack {
    pub current: Scored,
    /// Earlier assessments to compare with, oldest first.
    pub earlier: Vec<Scored>,
    /// The day the export is made (ISO 8601), printed in footers.
    pub date: String,
    /// The same organisation's assessment of the same period against the other kind of model
    /// (ISO 9001 for an EFQM 2020 assessment, and the other way round), for the side-by-side
    /// view through the crosswalk.
    pub counterpart: Option<Scored>,
}

impl Pack {
    pub fn footer(&self) -> Footer {
        Footer {
            organisation: self.current.file.organisation.name.clone(),
            source: format!("{} · {}", self.current.framework.title(), self.current.file.assessment.period),
            date: self.date.clone(),
        }
    }

    /// The earlier assessments and the current one, oldest first.
    pub fn history(&self) -> Vec<&Scored> {
        self.earlier.iter().chain(std::iter::once(&self.current)).collect()
    }

    /// Whether the current assessment uses an ISO 9001-structure framework.
    pub fn is_iso(&self) -> bool {
        self.current.framework.kind() == keel_core::ModelKind::ManagementSystem
    }

    /// The year-on-year comparison of the history (earlier assessments and the current one).
    /// Earlier assessments of another edition of the model are carried onto the current
    /// framework through the built-in version maps (see [`Comparison::version_maps`]).
    pub fn comparison(&self) -> Result<Comparison, CompareError> {
        let history = self.history();
        let labels: Vec<String> = history.iter().map(|s| s.label()).collect();
        let mut mappings = Vec::new();
        let mut reports: Vec<std::borrow::Cow<'_, ScoreReport>> = Vec::new();
        for (s, label) in history.iter().zip(&labels) {
            match self.carried(s, label)? {
                Some((report, mapping)) => {
                    reports.push(std::borrow::Cow::Owned(report));
                    mappings.push(mapping);
                }
                None => reports.push(std::borrow::Cow::Borrowed(&s.report)),
            }
        }
        let compared: Vec<Compared<'_>> = history
            .iter()
            .zip(&labels)
            .zip(&reports)
            .map(|((s, label), report)| Compared {
                label,
                report,
                actions: &s.file.actions,
                period_end: chrono::NaiveDate::from_ymd_opt(s.file.assessment.period, 12, 31),
            })
            .collect();
        let mut comparison = compare(&compared)?;
        comparison.version_maps = mappings;
        Ok(comparison)
    }

    /// An earlier assessment of another edition, carried onto the current framework; `None`
    /// when it is of the same framework or no version map leads there.
    fn carried(&self, s: &Scored, label: &str) -> Result<Option<(ScoreReport, VersionMapping)>, CompareError> {
        let target = &self.current.framework;
        if s.framework.id() == target.id() {
            return Ok(None);
        }
        let Some(path) = version_path(s.framework.id(), target.id()) else { return Ok(None) };
        let fail = |message: String| CompareError::VersionMap { label: label.to_owned(), message };
        let mut report = s.report.clone();
        let (mut dropped, mut uncovered) = (Vec::new(), Vec::new());
        for (i, map) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let to = if last {
                target
            } else {
                builtin_framework(&map.to).ok_or_else(|| fail(format!("framework {} is not built in", map.to)))?
            };
            let carried = carry(map, &report, to);
            if i == 0 {
                dropped = carried.dropped;
            }
            uncovered = carried.uncovered;
            let weights = if last { self.current_weights() } else { to.default_weights() };
            report = score(to, &weights, &carried.scores).map_err(|e| fail(e.to_string()))?;
        }
        let mapping = VersionMapping {
            label: label.to_owned(),
            from: s.framework.id().to_owned(),
            through: path.iter().map(|m| m.id.clone()).collect(),
            dropped,
            uncovered,
        };
        Ok(Some((report, mapping)))
    }

    /// The weights the current assessment is scored with.
    fn current_weights(&self) -> keel_core::framework::Weights {
        let framework = &self.current.framework;
        let assessment = &self.current.file.assessment;
        match &assessment.custom_profile {
            Some(custom) => framework.custom_weights(custom, "current assessment").ok(),
            None => framework.weights(&assessment.profile),
        }
        .unwrap_or_else(|| framework.default_weights())
    }

    /// EFQM criterion scores next to ISO 9001 clause conformity, when the pack has both.
    pub fn side_by_side(&self) -> Option<SideBySide> {
        let other = self.counterpart.as_ref()?;
        let crosswalk = iso_9001_to_efqm_2020();
        let (iso, efqm) = if self.current.framework.id() == crosswalk.from && other.framework.id() == crosswalk.to {
            (&self.current, other)
        } else if self.current.framework.id() == crosswalk.to && other.framework.id() == crosswalk.from {
            (other, &self.current)
        } else {
            return None;
        };
        Some(side_by_side(crosswalk, &iso.report, &efqm.report, &efqm.framework))
    }

    /// The charts that say something about this pack, in the order the results show them: no
    /// trend without an earlier assessment, no spread without assessors' own scores, no KPI
    /// trend without KPIs, conformity bars only for ISO 9001.
    pub fn chart_kinds(&self) -> Vec<ChartKind> {
        let file = &self.current.file;
        ChartKind::ALL
            .into_iter()
            .filter(|kind| match kind {
                ChartKind::CriteriaRadar => !self.is_iso(),
                ChartKind::Conformity => self.is_iso(),
                ChartKind::YearOnYear | ChartKind::Trend => !self.earlier.is_empty(),
                ChartKind::AssessorSpread => file.scores.values().any(|own| !own.is_empty()),
                ChartKind::KpiTrend => !file.kpis.is_empty(),
                ChartKind::CriterionPoints | ChartKind::StakeholderBalance | ChartKind::Coverage => true,
            })
            .collect()
    }

    /// Why `kind` says nothing about this pack, or `None` when it fits (see [`Pack::chart_kinds`]).
    pub fn chart_misfit(&self, kind: ChartKind) -> Option<String> {
        if self.chart_kinds().contains(&kind) {
            return None;
        }
        let model = self.current.framework.title();
        Some(match kind {
            ChartKind::Conformity => {
                format!("it shows ISO 9001 conformity per clause, and {model} is not an ISO 9001 model")
            }
            ChartKind::CriteriaRadar => format!("it shows EFQM criteria, and {model} is made of ISO 9001 clauses"),
            ChartKind::YearOnYear | ChartKind::Trend => "it compares years, and there is no earlier assessment".into(),
            ChartKind::AssessorSpread => "no assessor has scored on their own".into(),
            ChartKind::KpiTrend => "the assessment has no KPIs".into(),
            _ => "it does not fit this assessment".into(),
        })
    }

    /// A chart of this pack; `kpi` picks the KPI of a `kpi-trend` chart (default: the first).
    /// A kind that does not fit the pack (conformity bars on an EFQM assessment) is refused,
    /// naming the kinds that do.
    pub fn chart(&self, kind: ChartKind, kpi: Option<&str>) -> Result<Chart, ExportError> {
        if let Some(why) = self.chart_misfit(kind) {
            let fits: Vec<&str> = self.chart_kinds().into_iter().map(ChartKind::id).collect();
            return Err(ExportError::ChartDoesNotFit { kind: kind.id(), why, fits: fits.join(", ") });
        }
        let mut chart = self.chart_unchecked(kind, kpi)?;
        if self.is_iso() {
            // ISO 9001 is made of clauses.
            rename_criteria(&mut chart);
        }
        Ok(chart)
    }

    fn chart_unchecked(&self, kind: ChartKind, kpi: Option<&str>) -> Result<Chart, ExportError> {
        let labels: Vec<String> = self.history().iter().map(|s| s.label()).collect();
        let history: Vec<Assessed<'_>> =
            self.history().iter().zip(&labels).map(|(s, label)| Assessed { label, report: &s.report }).collect();
        let current = history[history.len() - 1];
        let previous = history.len().checked_sub(2).map(|i| history[i]);
        let footer = self.footer();
        Ok(match kind {
            ChartKind::CriteriaRadar => build::criteria_radar(current, previous, footer),
            ChartKind::CriterionPoints => build::criterion_points(current, footer),
            ChartKind::StakeholderBalance => build::stakeholder_balance(current, footer),
            ChartKind::Conformity => build::conformity(current, footer),
            ChartKind::Coverage if self.is_iso() => {
                let target = builtin_framework("efqm-2020").ok_or_else(|| ExportError::ChartNeeds {
                    kind: kind.id(),
                    needs: "the EFQM 2020 framework".into(),
                })?;
                let projection = project(iso_9001_to_efqm_2020(), &self.current.report, target);
                build::crosswalk_coverage(&projection, target, footer)
            }
            ChartKind::Coverage => build::coverage(current, &self.current.framework, footer),
            ChartKind::YearOnYear => build::year_on_year(&history, footer),
            ChartKind::Trend => build::trend(&history, footer),
            ChartKind::AssessorSpread => build::assessor_spread(
                &self.current.file,
                &self.current.framework,
                keel_core::limits::DISAGREEMENT_THRESHOLD,
                footer,
            )?,
            ChartKind::KpiTrend => {
                let kpis = &self.current.file.kpis;
                let chosen = match kpi {
                    Some(key) => kpis.iter().find(|k| k.key == key).ok_or_else(|| ExportError::ChartNeeds {
                        kind: kind.id(),
                        needs: format!(
                            "a KPI of this assessment; {key:?} is not one (known: {})",
                            kpis.iter().map(|k| k.key.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    })?,
                    None => kpis
                        .first()
                        .ok_or_else(|| ExportError::ChartNeeds { kind: kind.id(), needs: "at least one KPI".into() })?,
                };
                build::kpi_trend(chosen, footer)
            }
        })
    }
}

/// "criterion" becomes "clause" in a chart title.
fn rename_criteria(chart: &mut Chart) {
    let title = match chart {
        Chart::CriteriaRadar(c) | Chart::StakeholderBalance(c) => &mut c.title,
        Chart::CriterionPoints(c) | Chart::Conformity(c) => &mut c.title,
        Chart::Coverage(c) => &mut c.title,
        Chart::YearOnYear(c) => &mut c.title,
        Chart::Trend(c) => &mut c.title,
        Chart::AssessorSpread(c) => &mut c.title,
        Chart::KpiTrend(c) => &mut c.title,
    };
    *title = title.replace("criterion", "clause");
}

/// Writes `bytes` to `path` through a temporary file in the same directory, flushed to disk and
/// renamed over the target only when complete: an existing file is replaced only on success.
/// A new file gets the mode a normal save gets (0666 less the umask); an overwritten file keeps
/// its mode.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let fail = |source| ExportError::Write { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".keel-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666 the kernel takes the umask off, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    if let Ok(existing) = std::fs::metadata(path) {
        if existing.is_file() {
            temp.as_file().set_permissions(existing.permissions()).map_err(fail)?;
        }
    }
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The file formats a chart can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    /// Screen size, 96 dpi.
    Png,
    /// A4 width at 300 dpi.
    PrintPng,
}

/// A chart file's bytes: exactly the SVG the window shows, or that SVG rasterised.
pub fn chart_file(chart: &Chart, format: ChartFormat) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ChartFormat::Svg => keel_charts::render_svg(chart, keel_charts::SCREEN)?.into_bytes(),
        ChartFormat::Png => keel_charts::render_png(chart, keel_charts::SCREEN, 1.0, 96)?,
        ChartFormat::PrintPng => keel_charts::render_png(chart, keel_charts::SCREEN, keel_charts::PRINT_SCALE, 300)?,
    })
}

/// The status; a final assessment with its seal (the short SHA-256 of its record, as Keel's
/// check verifies it), so a printed report can be matched to the sealed record.
pub fn status_line(file: &keel_core::exchange::ExchangeFile) -> String {
    match file.assessment.status {
        keel_core::exchange::AssessmentStatus::Final => {
            format!("final · seal {}", keel_core::seal::short(&keel_core::seal::seal(file)))
        }
        keel_core::exchange::AssessmentStatus::Draft => "draft: not final, scores can still change".to_owned(),
        keel_core::exchange::AssessmentStatus::Consensus => {
            "in consensus: not final, scores can still change".to_owned()
        }
    }
}
