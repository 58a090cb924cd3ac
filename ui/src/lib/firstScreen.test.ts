// Unit tests of the first screen's questions: both go out at once, before either is answered, and a refused list is never an unhandled rejection.
import { afterEach, describe, expect, it, vi } from 'vitest';

const asked: string[] = [];
const answers: Record<string, () => Promise<unknown>> = {};
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string) => {
    asked.push(command);
    const answer = answers[command];
    return answer ? answer() : Promise.reject(new Error(`unexpected command ${command}`));
  },
}));

import { askFirstScreen } from './firstScreen';

afterEach(() => {
  asked.length = 0;
});

describe('askFirstScreen', () => {
  it('asks for the status and the organisations before either answers', async () => {
    let answer: (value: unknown) => void = () => {};
    answers.database_status = () => new Promise((resolve) => (answer = resolve));
    answers.list_organisations = () => Promise.resolve([{ id: 1, name: 'Acme' }]);
    const first = askFirstScreen();
    expect(asked).toEqual(['database_status', 'list_organisations']);
    answer({ path: '/tmp/keel.sqlite3', problem: null });
    expect((await first.status).path).toBe('/tmp/keel.sqlite3');
    expect(await first.organisations).toHaveLength(1);
  });

  // Vitest fails the run on an unhandled rejection: the list is refused and nobody awaits it
  // until after the wait below.
  it('leaves a refused list for the caller, never unhandled', async () => {
    answers.database_status = () => Promise.resolve({ problem: { code: 'database_damaged', message: 'damaged' } });
    answers.list_organisations = () => Promise.reject({ code: 'database_damaged', message: 'damaged' });
    const first = askFirstScreen();
    expect((await first.status).problem).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(first.organisations).rejects.toMatchObject({ code: 'database_damaged' });
  });
});
