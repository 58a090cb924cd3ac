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
