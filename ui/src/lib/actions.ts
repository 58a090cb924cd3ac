// Sorting the action list; pure so it is unit-tested.
import { ACTION_STATUSES, type ActionStatus, type ActionView } from './bindings';

export type ActionColumn = 'title' | 'owner' | 'due' | 'status' | 'node';

// Order and labels come from Rust (ActionStatus::ALL and its labels) through the bindings.
const STATUS_ORDER = Object.fromEntries(ACTION_STATUSES.map((s, i) => [s.id, i])) as Record<ActionStatus, number>;

export const STATUS_TEXT = Object.fromEntries(ACTION_STATUSES.map((s) => [s.id, s.label])) as Record<
  ActionStatus,
  string
>;

/** Actions sorted by a column; empty values (no owner, no due date) always go last. */
export function sortActions(actions: readonly ActionView[], column: ActionColumn, ascending: boolean): ActionView[] {
  const key = (a: ActionView): string | number | null => {
    switch (column) {
      case 'status':
        return STATUS_ORDER[a.status];
      case 'due':
        return a.due;
      case 'node':
        return a.node;
      default:
        return a[column].trim() === '' ? null : a[column].toLocaleLowerCase();
    }
  };
  return [...actions].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (a === null || b === null) return a === b ? x.id - y.id : a === null ? 1 : -1;
    const order =
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : String(a).localeCompare(String(b), undefined, { numeric: true });
    return (ascending ? order : -order) || x.id - y.id;
  });
}

/** Whether an action is past its due date (ISO "YYYY-MM-DD") on `today` and not done or cancelled. */
export function isOverdue(action: Pick<ActionView, 'due' | 'status'>, today: string): boolean {
  return action.due !== null && action.due < today && (action.status === 'open' || action.status === 'in-progress');
}

/** Today's date as an ISO "YYYY-MM-DD" in the user's own time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
