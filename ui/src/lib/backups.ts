// What the Backups screen says about a backup: its date, why it was made, its size and what it holds.
import type { BackupView } from './bindings';
import { formatDateTime, userLocale } from './format';

/** When the backup was made, in the user's time zone; "date unknown" when it cannot be told. */
export function backupDate(backup: Pick<BackupView, 'madeAt'>, locale = userLocale()): string {
  if (!backup.madeAt) return 'date unknown';
  const date = new Date(backup.madeAt);
  return Number.isNaN(date.getTime()) ? 'date unknown' : formatDateTime(date, locale);
}

const REASONS: Record<string, string> = {
  daily: 'Daily, at start',
  'before-restore': 'Kept before a restore',
  manual: 'Made by hand',
};

/** Why the backup was made, in words. */
export function backupReason(reason: string): string {
  if (REASONS[reason]) return REASONS[reason];
  const migration = /^before-migration-v(\d+)$/.exec(reason);
  if (migration) return `Kept before upgrading the database (version ${migration[1]})`;
  return reason === '' ? 'Chosen file' : reason;
}

/** A byte count as people read it: 812 bytes, 48 KB, 3.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a sound backup holds: "2 organisations, 3 assessments (1 final)". */
export function backupHolds(backup: Pick<BackupView, 'organisations' | 'assessments' | 'finalAssessments'>): string {
  if (backup.organisations === null || backup.assessments === null) return 'contents unknown';
  const finals = backup.finalAssessments ?? 0;
  const assessments = plural(backup.assessments, 'assessment', 'assessments');
  return `${plural(backup.organisations, 'organisation', 'organisations')}, ${assessments}${finals > 0 ? ` (${finals} final)` : ''}`;
}
