// Unit tests of sorting the action list.
import { describe, expect, it } from 'vitest';
import type { ActionView } from './bindings';
import { sortActions } from './actions';

const action = (
  id: number,
  title: string,
  owner: string,
  due: string | null,
  status: ActionView['status'],
): ActionView => ({
  id,
  title,
  owner,
  due,
  status,
  node: null,
  completedOn: null,
  overdue: false,
});

const list = [
  action(1, 'Refresh the vision', 'CEO', '2026-06-30', 'done'),
  action(2, 'Run the staff survey', '', null, 'open'),
  action(3, 'audit suppliers', 'Purchasing', '2026-03-31', 'in-progress'),
];

describe('sortActions', () => {
  it('sorts by due date with undated actions last, either way', () => {
    expect(sortActions(list, 'due', true).map((a) => a.id)).toEqual([3, 1, 2]);
    expect(sortActions(list, 'due', false).map((a) => a.id)).toEqual([1, 3, 2]);
  });

  it('sorts titles without regard to case and statuses in workflow order', () => {
    expect(sortActions(list, 'title', true).map((a) => a.id)).toEqual([3, 1, 2]);
    expect(sortActions(list, 'status', true).map((a) => a.status)).toEqual(['open', 'in-progress', 'done']);
  });

  it('puts actions without an owner last and leaves the input alone', () => {
    expect(sortActions(list, 'owner', true).map((a) => a.id)).toEqual([1, 3, 2]);
    expect(list.map((a) => a.id)).toEqual([1, 2, 3]);
  });
});
