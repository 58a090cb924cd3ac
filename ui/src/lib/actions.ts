// Sorting the action list; pure so it is unit-tested.
import type { ActionStatus, ActionView } from './bindings';

export type ActionColumn = 'title' | 'owner' | 'due' | 'status' | 'node';

const STATUS_ORDER: Record<ActionStatus, number> = { open: 0, 'in-progress': 1, done: 2, cancelled: 3 };

export const STATUS_TEXT: Record<ActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

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
    const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
    return (ascending ? order : -order) || x.id - y.id;
  });
}
