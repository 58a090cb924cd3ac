// The Backups screen while the day's check and backup run in the background: it says so, and lists the new backup once they are done.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import type { BackupView } from './bindings';

let listed: BackupView[] = [];
let asked = 0;
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (command: string) => {
    if (command !== 'list_backups') throw new Error(`unexpected command ${command}`);
    asked += 1;
    return { database: '/data/keel.sqlite3', folder: '/data/backups', backups: listed };
  },
}));

import Backups from './Backups.svelte';

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  asked = 0;
});

const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

describe('the Backups screen', () => {
  it('says the check is running, and lists the new backup once it is done', async () => {
    listed = [];
    const props = $state({ checking: true, checked: false });
    const target = document.createElement('div');
    document.body.replaceChildren(target);
    component = mount(Backups, { target, props });
    await settle();
    expect(target.querySelector('#daily-check-running')?.textContent).toContain('running in the background');
    expect(asked).toBe(1);
    // The list below agrees: no promise of a backup "next time" while today's is being made.
    expect(target.querySelector('.empty')?.textContent).toContain("today's is being made now");
    expect(target.querySelector('#daily-check-done')).toBeNull();

    listed = [{ name: 'keel-20261207T080000.000Z-daily.sqlite3' } as unknown as BackupView];
    props.checking = false;
    props.checked = true;
    flushSync();
    await settle();
    expect(target.querySelector('#daily-check-running')).toBeNull();
    expect(target.querySelector('#daily-check-done')?.textContent).toContain('found no problems');
    expect(asked).toBe(2);
  });
});
