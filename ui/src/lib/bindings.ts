// Generated from Keel's Rust types by src-tauri/src/bindings.rs; do not edit by hand.
// Regenerate with `make bindings`; a test fails when this file drifts from the Rust types.

export type Sector = "commercial" | "public-sector";

export type Organisation = { 
/**
 * Database identifier; stable for the life of the database.
 */
id: number, name: string, sector: Sector, 
/**
 * Its sites, sorted.
 */
sites: Array<string>, 
/**
 * When the organisation was first recorded (UTC, RFC 3339).
 */
createdAt: string, };

export type ErrorCode = "invalid_name" | "duplicate_name" | "database_unavailable" | "database_error" | "database_damaged" | "not_found" | "locked" | "invalid_input" | "export_failed" | "dialog_failed" | "nothing_to_compare" | "not_comparable" | "internal";

export type IpcError = { code: ErrorCode, message: string, };

export type DatabaseStatus = { 
/**
 * The database file in use.
 */
path: string, 
/**
 * Whether it is the demo's database rather than the user's own.
 */
demo: boolean, 
/**
 * Why the database could not be opened; `null` when it is ready.
 */
problem: IpcError | null, 
/**
 * Whether the daily check and backup (full integrity check, seals, audit chain, then a
 * rolling backup) is still running in the background.
 */
dailyCheckRunning: boolean, 
/**
 * What the daily check or backup found wrong, with the newest good backup when there is
 * one; `null` when all is well (or it is still running).
 */
dailyCheckProblem: IpcError | null, 
/**
 * When the user's database is damaged: the newest sound rolling backup, which the window
 * offers to restore right there; `null` otherwise.
 */
newestBackup: BackupView | null, };

export type StakeholderGroup = "customers" | "people" | "owners" | "partners" | "society" | "regulators";

export type AssessmentStatus = "draft" | "consensus" | "final";

export type NoteKind = "evidence" | "strength" | "improvement";

export type ActionStatus = "open" | "in-progress" | "done" | "cancelled";

export type Label = { id: string, title: string, };

export type RadarElement = { id: string, title: string, attributes: Array<Label>, };

export type Band = { min: number, max: number, title: string, };

export type Level = { level: number, title: string, };

export type Scheme = { "kind": "radar", id: string, title: string, elements: Array<RadarElement>, bands: Array<Band>, } | { "kind": "conformity", id: string, title: string, } | { "kind": "maturity", id: string, title: string, levels: Array<Level>, } | { "kind": "panel", id: string, title: string, bands: Array<Band>, } | { "kind": "phases", id: string, title: string, phases: Array<Label>, };

export type RadarScore = { 
/**
 * Attribute id → 0–100 in steps of 5.
 */
attributes: { [key in string]: number }, override?: Override | null, };

export type Override = { percent: number, reason: string, };

export type Conformity = "conforming" | "partially" | "notConforming";

export type NotApplicable = { reason: string, };

export type NodeScore = { "radar": RadarScore } | { "conformity": Conformity } | { "maturity": number } | { "panel": number } | { "phases": { [key in string]: number } } | { "notApplicable": NotApplicable };

export type Status = "scored" | "partial" | "missing" | "not-applicable";

export type NodeResult = { id: string, number: string, title: string, depth: number, status: Status, 
/**
 * Points this node is worth after profile weighting and N/A renormalisation.
 */
maxPoints: number, 
/**
 * Score in % (for a partial parent: over its scored children only).
 */
percent: number | null, 
/**
 * Points earned by the scored part of this node.
 */
points: number, 
/**
 * For an overridden RADAR part: the computed % the assessor replaced.
 */
computedPercent: number | null, overrideReason: string | null, notApplicableReason: string | null, 
/**
 * The stakeholder groups this node serves: one row of the coverage matrix (node × group).
 */
stakeholders: Array<StakeholderGroup>, };

export type GroupResult = { group: StakeholderGroup, 
/**
 * Points-weighted mean % of the scored assessable nodes tagged with this group.
 */
percent: number | null, 
/**
 * Assessable, applicable nodes tagged with this group.
 */
nodes: number, 
/**
 * Of those, how many are scored.
 */
scored: number, 
/**
 * Share of the framework's points that these nodes carry, in % (a node serving several
 * groups counts for each).
 */
weightShare: number, };

export type ScoreReport = { frameworkId: string, frameworkHash: string, profile: string, 
/**
 * The weighting's title as a person reads it, e.g. "Every requirement equal".
 */
profileTitle: string, 
/**
 * The framework's maximum (1000 for EFQM).
 */
maxPoints: number, 
/**
 * Points earned so far: the sum over scored nodes; never extrapolated.
 */
totalPoints: number, 
/**
 * Total as % of the maximum; only when every applicable node is scored.
 */
percent: number | null, complete: boolean, 
/**
 * Framework order, parents before children.
 */
nodes: Array<NodeResult>, 
/**
 * Ids of assessable, applicable nodes not (fully) scored yet.
 */
missing: Array<string>, 
/**
 * The total explained line by line.
 */
explanation: Array<string>, stakeholders: Array<GroupResult>, 
/**
 * Groups not looked at by any applicable node.
 */
unassessedGroups: Array<StakeholderGroup>, 
/**
 * 100 − (best group % − worst group %): 100 when every scored group fares alike.
 */
balanceIndex: number | null, };

export type CriterionRef = { id: string, number: string, title: string, };

export type ProfileWeights = { id: string, title: string, description: string, 
/**
 * Criterion id → points.
 */
points: { [key in string]: number }, };

export type FrameworkChoice = { 
/**
 * The content hash: names this exact version.
 */
hash: string, id: string, title: string, edition: string, version: string, totalPoints: number, 
/**
 * Brought in from a file rather than built in.
 */
imported: boolean, 
/**
 * The top-level nodes, whose points a weighting profile sets.
 */
criteria: Array<CriterionRef>, 
/**
 * Its weighting profiles, the framework's own points first.
 */
profiles: Array<ProfileWeights>, 
/**
 * Sector id → the profile a new assessment of an organisation in that sector starts on
 * (`Framework::sector_profile`).
 */
sectorProfiles: { [key in string]: string }, };

export type AssessmentItem = { id: number, 
/**
 * Stable across databases: the same assessment exported and imported elsewhere keeps it.
 */
uid: string, organisationId: number, organisation: string, framework: string, 
/**
 * The model as people say it ("EFQM Model 2020 structure"); `framework` is its id.
 */
frameworkTitle: string, period: number, title: string, status: AssessmentStatus, };

export type AssessorInput = { name: string, role: string, };

export type NewAssessmentInput = { organisationId: number, 
/**
 * The chosen framework's content hash.
 */
framework: string, period: number, title: string, scope: string, 
/**
 * The profile the weights started from.
 */
profile: string, 
/**
 * Criterion id → points, when the user edited the profile's weights.
 */
customPoints: { [key in string]: number } | null, assessors: Array<AssessorInput>, };

export type NextYearInput = { period: number, 
/**
 * The new title; blank for next year's title made from last year's
 * (`keel_core::form::next_years_title`).
 */
title: string, 
/**
 * Start from last year's agreed scores and not-applicable decisions, each marked "from
 * last year" until confirmed or changed.
 */
carryScores: boolean, 
/**
 * Bring last year's notes (evidence, strengths, areas for improvement) too.
 */
carryNotes: boolean, };

export type NextYearOffer = { period: number, title: string, 
/**
 * Agreed scores that would come along (not-applicable decisions not counted).
 */
scores: number, notApplicable: number, notes: number, 
/**
 * Open and in-progress actions, which always come along.
 */
openActions: number, assessors: number, };

export type OutlineNode = { id: string, number: string, title: string, 
/**
 * Keel's own guidance for the assessor.
 */
prompt: string, 
/**
 * The id of its scheme in [`FrameworkOutline::schemes`] when it is scored.
 */
scheme: string | null, depth: number, parent: string | null, stakeholders: Array<StakeholderGroup>, };

export type FrameworkOutline = { id: string, title: string, edition: string, version: string, totalPoints: number, schemes: Array<Scheme>, 
/**
 * Framework order, parents before children.
 */
nodes: Array<OutlineNode>, };

export type AssessorView = { key: string, name: string, role: string, };

export type NoteView = { id: number, node: string, kind: NoteKind, text: string, createdAt: string, };

export type ActionView = { id: number, title: string, owner: string, 
/**
 * ISO date.
 */
due: string | null, status: ActionStatus, node: string | null, completedOn: string | null, 
/**
 * Past its due date today and not done (`ActionDoc::is_overdue`).
 */
overdue: boolean, };

export type ActionInput = { title: string, owner: string, 
/**
 * ISO date (YYYY-MM-DD) or empty.
 */
due: string | null, status: ActionStatus, node: string | null, };

export type AttachmentView = { id: number, node: string, name: string, size: number, };

export type AssessmentView = { id: number, organisationId: number, organisation: string, sector: Sector, title: string, period: number, scope: string, 
/**
 * The weighting profile, or `custom` when the weights were edited.
 */
profile: string, status: AssessmentStatus, assessors: Array<AssessorView>, framework: FrameworkOutline, 
/**
 * The agreed scores: node id → score.
 */
agreed: { [key in string]: NodeScore }, 
/**
 * Why each agreed score is what it is: node id → rationale.
 */
rationale: { [key in string]: string }, 
/**
 * Per node someone scored: each assessor's %, the spread and the disagreement flag.
 */
spread: Array<NodeSpread>, 
/**
 * For results parts (RADAR with Trends and Targets): what the organisation's KPIs suggest.
 */
suggestions: { [key in string]: Suggestion }, 
/**
 * Each assessor's own scores: assessor key → node id → score.
 */
own: { [key in string]: { [key in string]: NodeScore } }, notes: Array<NoteView>, actions: Array<ActionView>, attachments: Array<AttachmentView>, report: ScoreReport, 
/**
 * Where the user left off.
 */
resumeNode: string | null, 
/**
 * The seal made when the assessment was finalised; `null` until then.
 */
seal: SealView | null, 
/**
 * Nodes whose agreed score came from last year and is not yet confirmed or changed.
 */
carried: Array<string>, };

export type SealView = { 
/**
 * The first hex digits of the SHA-256.
 */
short: string, 
/**
 * The whole SHA-256 (hex).
 */
hash: string, 
/**
 * When it was sealed (RFC 3339, UTC).
 */
sealedAt: string, };

export type ChartKind = "criteria-radar" | "criterion-points" | "stakeholder-balance" | "conformity" | "coverage" | "year-on-year" | "trend" | "assessor-spread" | "kpi-trend";

export type ChartView = { kind: ChartKind, title: string, svg: string, 
/**
 * The size the SVG is drawn at (pixels), for the image's place before it loads.
 */
width: number, height: number, };

export type ExportKind = "report" | "workbook" | "scores-csv" | "exchange";

export type ChartFileFormat = "svg" | "png" | "print-png";

export type ExportDone = { path: string, bytes: number, };

export type Progress = { 
/**
 * What is running, e.g. `report`.
 */
job: string, 
/**
 * What it is doing now, for people.
 */
stage: string, done: number, total: number, };

export type ScoreSaved = { report: ScoreReport, 
/**
 * The assessors' spread after the change.
 */
spread: Array<NodeSpread>, savedAt: string, };

export type NodeSpread = { node: string, number: string, title: string, 
/**
 * Each assessor's %, in the order of the file's assessors (`null`: not scored by them).
 */
percents: Array<number | null>, min: number | null, max: number | null, 
/**
 * Population standard deviation of the given scores.
 */
stdDev: number | null, 
/**
 * max − min is above the threshold.
 */
disagreement: boolean, 
/**
 * The agreed %, when recorded.
 */
agreed: number | null, 
/**
 * Why the agreed score is what it is.
 */
rationale: string, };

export type Direction = "higher-is-better" | "lower-is-better";

export type KpiDoc = { 
/**
 * Short key, unique within the organisation.
 */
key: string, name: string, group: StakeholderGroup, unit: string, direction: Direction, target?: number | null, 
/**
 * Financial (true) or non-financial (false) measure.
 */
financial: boolean, 
/**
 * Period (e.g. `2025`) → value.
 */
values: { [key in string]: number }, };

export type Suggestion = { 
/**
 * 0–100 in steps of 5: the share of relevant KPIs improving over the last three periods.
 */
trends: number | null, 
/**
 * 0–100 in steps of 5: the graded credit of the relevant KPIs with a target this period —
 * full for a target met, less the further a KPI falls short (`kpi::target_credit`).
 */
targets: number | null, 
/**
 * Why, in words, naming the KPIs.
 */
reason: string, };

export type KpiInput = { 
/**
 * An existing KPI's key; empty for a new KPI (the key is made from the name).
 */
key: string, name: string, group: StakeholderGroup, unit: string, direction: Direction, target: number | null, financial: boolean, period: string, value: number, };

export type NodeChange = { id: string, number: string, title: string, depth: number, points: Array<number>, percents: Array<number | null>, 
/**
 * Latest points minus the one before.
 */
pointsChange: number, 
/**
 * Latest % minus the one before, when both are scored.
 */
percentChange: number | null, 
/**
 * Improvement actions on this node (or below it) completed since the previous assessment.
 */
completedActions: Array<string>, };

export type GroupChange = { group: StakeholderGroup, percents: Array<number | null>, 
/**
 * Latest % minus the one before, when both are known.
 */
change: number | null, };

export type Lurch = { from: string, to: string, gained: StakeholderGroup, gain: number, lost: StakeholderGroup, loss: number, };

export type Unmatched = { id: string, title: string, 
/**
 * Labels of the assessments that have it.
 */
presentIn: Array<string>, };

export type VersionMapping = { label: string, 
/**
 * The framework it was made against.
 */
from: string, 
/**
 * The version maps it went through, in order.
 */
through: Array<string>, 
/**
 * Its scored nodes that feed nothing in the newer edition.
 */
dropped: Array<string>, 
/**
 * Nodes of the current framework with no counterpart in it (not compared for that year).
 */
uncovered: Array<string>, };

export type Comparison = { labels: Array<string>, 
/**
 * Total points per assessment.
 */
totals: Array<number>, maxPoints: number, 
/**
 * Latest total minus the one before it.
 */
totalChange: number, 
/**
 * Criteria (top-level nodes) in framework order.
 */
criteria: Array<NodeChange>, 
/**
 * Every node present in all assessments, in framework order.
 */
nodes: Array<NodeChange>, 
/**
 * Up to [`TOP`] scored parts that rose most (latest against the one before), best first.
 */
mostImproved: Array<NodeChange>, 
/**
 * Up to [`TOP`] scored parts that fell most, worst first.
 */
concerns: Array<NodeChange>, groups: Array<GroupChange>, 
/**
 * The balance index per assessment.
 */
balance: Array<number | null>, lurches: Array<Lurch>, 
/**
 * Nodes not found in every assessment.
 */
unmatched: Array<Unmatched>, 
/**
 * Earlier assessments of another framework edition, carried through version maps.
 */
versionMaps: Array<VersionMapping>, };

export type SideRow = { id: string, number: string, title: string, 
/**
 * The EFQM score in %.
 */
efqm: number | null, 
/**
 * The ISO 9001 clauses' conformity carried through the crosswalk, in %.
 */
iso: number | null, 
/**
 * The ISO clauses that speak to it.
 */
clauses: Array<string>, 
/**
 * 0–1: how much of it the ISO assessment gives evidence for.
 */
coverage: number, };

export type SideGroup = { group: StakeholderGroup, efqm: number | null, 
/**
 * The ISO 9001 assessment's own score for the clauses tagged with the group.
 */
iso: number | null, 
/**
 * Share (%) of the group's EFQM points the ISO assessment gives any evidence for.
 */
isoCoverage: number, };

export type SideBySide = { criteria: Array<SideRow>, parts: Array<SideRow>, groups: Array<SideGroup>, 
/**
 * Groups the ISO 9001 assessment leaves unassessed (below the coverage threshold).
 */
unassessedByIso: Array<StakeholderGroup>, };

export type SideBySideView = { efqm: AssessmentItem, iso: AssessmentItem, side: SideBySide, };

export type CompareView = { comparison: Comparison, 
/**
 * The assessments compared, oldest first.
 */
assessments: Array<AssessmentItem>, charts: Array<ChartView>, };

export type BackupView = { 
/**
 * The file name; a rolling backup is restored by this name.
 */
name: string, path: string, 
/**
 * When it was made (UTC, RFC 3339), when known.
 */
madeAt: string | null, 
/**
 * Why it was made: "daily", "before-restore", "before-migration-v2", "manual"…
 */
reason: string, bytes: number, organisations: number | null, assessments: number | null, finalAssessments: number | null, 
/**
 * Why it cannot be restored; `null` when it is a sound Keel database.
 */
problem: string | null, };

export type BackupsView = { database: string, folder: string, 
/**
 * Newest first.
 */
backups: Array<BackupView>, };

export type MergedView = { 
/**
 * The file's name.
 */
file: string, key: string, name: string, 
/**
 * The assessor was not on the assessment before.
 */
new: boolean, added: number, changed: number, unchanged: number, notesAdded: number, };

/** Every sector with its label, in the order the UI offers them. */
export const SECTORS: ReadonlyArray<{ id: Sector; label: string }> = [
  { id: "commercial", label: "Commercial" },
  { id: "public-sector", label: "Public sector" },
];

/** Every stakeholder group with its label (and its name in each sector's words), in the order the results show them. */
export const STAKEHOLDER_GROUPS: ReadonlyArray<{ id: StakeholderGroup; label: string; bySector: Record<Sector, string> }> = [
  { id: "customers", label: "Customers", bySector: { "commercial": "Customers", "public-sector": "Citizens & service users" } },
  { id: "people", label: "People", bySector: { "commercial": "People", "public-sector": "People" } },
  { id: "owners", label: "Owners", bySector: { "commercial": "Owners", "public-sector": "Funders & governing bodies" } },
  { id: "partners", label: "Partners & suppliers", bySector: { "commercial": "Partners & suppliers", "public-sector": "Partners & suppliers" } },
  { id: "society", label: "Society", bySector: { "commercial": "Society", "public-sector": "Society" } },
  { id: "regulators", label: "Regulators", bySector: { "commercial": "Regulators", "public-sector": "Regulators & inspectorates" } },
];

/** Every kind of note with its label, in the order the walk-through offers them. */
export const NOTE_KINDS: ReadonlyArray<{ id: NoteKind; label: string }> = [
  { id: "evidence", label: "Evidence" },
  { id: "strength", label: "Strength" },
  { id: "improvement", label: "Area for improvement" },
];

/** Every action status with its label, in the order of the action plan. */
export const ACTION_STATUSES: ReadonlyArray<{ id: ActionStatus; label: string }> = [
  { id: "open", label: "Open" },
  { id: "in-progress", label: "In progress" },
  { id: "done", label: "Done" },
  { id: "cancelled", label: "Cancelled" },
];

/** The limits every input is checked against (keel_core::limits); the window checks early, Rust decides. */
export const LIMITS = {
  firstPeriod: 1900,
  lastPeriod: 2200,
  maxTitleChars: 200,
  maxNameChars: 200,
  weightTolerance: 1e-6,
  disagreementThreshold: 15,
  thinCoverage: 50,
} as const;
