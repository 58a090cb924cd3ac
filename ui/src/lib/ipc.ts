// Typed calls to Keel's Tauri commands, one per `#[tauri::command]` in src-tauri/src/commands.rs
// (the ipc test checks names and argument names); every failure becomes a CommandError.
import { invoke } from '@tauri-apps/api/core';
import type {
  ActionInput,
  ActionView,
  AssessmentItem,
  AssessmentView,
  AttachmentView,
  BackupView,
  BackupsView,
  ChartFileFormat,
  ChartKind,
  ChartView,
  CompareView,
  DatabaseStatus,
  ErrorCode,
  ExportDone,
  ExportKind,
  FrameworkChoice,
  IpcError,
  KpiDoc,
  KpiInput,
  MergedView,
  NewAssessmentInput,
  NextYearInput,
  NextYearOffer,
  NodeScore,
  NoteKind,
  NoteView,
  Organisation,
  ScoreSaved,
  SideBySideView,
  Sector,
} from './bindings';

/** A command failed; `message` is written for the user, `code` is for branching. */
export class CommandError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/** Normalises whatever `invoke` rejected with (our `{code, message}`, a Tauri string, an Error). */
export function toCommandError(reason: unknown): CommandError {
  if (reason instanceof CommandError) return reason;
  if (isIpcError(reason)) return new CommandError(reason.code, reason.message);
  if (reason instanceof Error) return new CommandError('internal', reason.message);
  if (typeof reason === 'string' && reason.length > 0) return new CommandError('internal', reason);
  return new CommandError('internal', 'Keel did not answer as expected; please try again.');
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toCommandError(reason);
  }
}

export const commands = {
  databaseStatus: () => call<DatabaseStatus>('database_status'),
  openDemo: () => call<DatabaseStatus>('open_demo'),
  openOwnDatabase: () => call<DatabaseStatus>('open_own_database'),
  listOrganisations: () => call<Organisation[]>('list_organisations'),
  createOrganisation: (name: string, sector: Sector) => call<Organisation>('create_organisation', { name, sector }),
  listFrameworks: () => call<FrameworkChoice[]>('list_frameworks'),
  importFramework: () => call<FrameworkChoice | null>('import_framework'),
  listAssessments: (organisationId: number | null) => call<AssessmentItem[]>('list_assessments', { organisationId }),
  createAssessment: (input: NewAssessmentInput) => call<number>('create_assessment', { input }),
  openAssessment: (id: number) => call<AssessmentView>('open_assessment', { id }),
  setScore: (id: number, node: string, score: NodeScore | null, assessor: string | null = null, rationale = '') =>
    call<ScoreSaved>('set_score', { id, assessor, node, score, rationale }),
  addNote: (id: number, node: string, kind: NoteKind, text: string) =>
    call<NoteView>('add_note', { id, node, kind, text }),
  deleteNote: (id: number, note: number) => call<null>('delete_note', { id, note }),
  setResumeNode: (id: number, node: string) => call<null>('set_resume_node', { id, node }),
  setDraft: (id: number, field: string, text: string) => call<null>('set_draft', { id, field, text }),
  drafts: (id: number) => call<Record<string, string>>('drafts', { id }),
  comparableAssessments: (id: number) => call<AssessmentItem[]>('comparable_assessments', { id }),
  addAttachment: (id: number, node: string) => call<AttachmentView | null>('add_attachment', { id, node }),
  addAction: (id: number, action: ActionInput) => call<ActionView>('add_action', { id, action }),
  updateAction: (id: number, actionId: number, action: ActionInput) =>
    call<ActionView>('update_action', { id, actionId, action }),
  finaliseAssessment: (id: number) => call<AssessmentItem>('finalise_assessment', { id }),
  duplicateAssessment: (id: number, period: number) => call<number>('duplicate_assessment', { id, period }),
  /** Next year's suggested title and what could come along. */
  nextYearOffer: (id: number, period: number) => call<NextYearOffer>('next_year_offer', { id, period }),
  /** Next year's draft, optionally from last year's scores (marked "from last year") and notes. */
  startNextYear: (id: number, next: NextYearInput) => call<number>('start_next_year', { id, next }),
  confirmCarriedScore: (id: number, node: string) => call<null>('confirm_carried_score', { id, node }),
  /** The charts as SVG; `dark` draws them on the dark surface with the same series colours. */
  assessmentCharts: (id: number, dark = false) => call<ChartView[]>('assessment_charts', { id, dark }),
  listKpis: (organisationId: number) => call<KpiDoc[]>('list_kpis', { organisationId }),
  saveKpiValue: (organisationId: number, input: KpiInput) =>
    call<KpiDoc[]>('save_kpi_value', { organisationId, input }),
  importKpis: (organisationId: number) => call<KpiDoc[] | null>('import_kpis', { organisationId }),
  sideBySide: (id: number) => call<SideBySideView | null>('side_by_side', { id }),
  compareAssessments: (id: number, others: number[] = [], dark = false) =>
    call<CompareView>('compare_assessments', { id, others, dark }),
  exportChart: (id: number, kind: ChartKind, format: ChartFileFormat, kpi: string | null = null) =>
    call<ExportDone | null>('export_chart', { id, kind, kpi, format }),
  exportFile: (id: number, kind: ExportKind) => call<ExportDone | null>('export_file', { id, kind }),
  listBackups: () => call<BackupsView>('list_backups'),
  backUpNow: () => call<BackupView | null>('back_up_now'),
  chooseBackupFile: () => call<BackupView | null>('choose_backup_file'),
  /** Restores the rolling backup `name`, or with `null` the file picked by `chooseBackupFile`. */
  restoreBackup: (name: string | null) => call<DatabaseStatus>('restore_backup', { name }),
  importAssessmentFile: () => call<AssessmentItem | null>('import_assessment_file'),
  mergeAssessorFiles: (id: number) => call<MergedView[] | null>('merge_assessor_files', { id }),
  renameOrganisation: (id: number, name: string) => call<Organisation>('rename_organisation', { id, name }),
  setOrganisationSector: (id: number, sector: Sector) => call<Organisation>('set_organisation_sector', { id, sector }),
  setOrganisationSites: (id: number, sites: string[]) => call<Organisation>('set_organisation_sites', { id, sites }),
  deleteOrganisation: (id: number) => call<null>('delete_organisation', { id }),
  deleteAssessment: (id: number) => call<AssessmentItem>('delete_assessment', { id }),
};

export type Commands = typeof commands;
