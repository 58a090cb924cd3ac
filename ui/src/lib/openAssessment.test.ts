// Tests of the one state an open assessment's tabs share: one database read, charts drawn again only after a change, and nothing read while a write is in flight.
import { describe, expect, it, vi } from 'vitest';
import type { AssessmentView, ChartView } from './bindings';
import { DRAW_AHEAD_MS, OpenAssessment, type AssessmentSource } from './openAssessment.svelte';

function source(overrides: Partial<AssessmentSource> = {}) {
  const view = { id: 7, period: 2025, actions: [], notes: [] } as unknown as AssessmentView;
  const calls: string[] = [];
  const fake: AssessmentSource = {
    openAssessment: vi.fn(async (id: number) => {
      calls.push(`open ${id}`);
      return structuredClone(view);
    }),
    drafts: vi.fn(async () => {
      calls.push('drafts');
      return { 'note:1.1': 'half a sentence' };
    }),
    setDraft: vi.fn(async () => null),
    assessmentCharts: vi.fn(async (_id: number, dark: boolean) => {
      calls.push(`charts ${dark ? 'dark' : 'light'}`);
      return [] as ChartView[];
    }),
    ...overrides,
  };
  return { fake, calls };
}

describe('an open assessment', () => {
  it('is read from the database once, however many tabs ask', async () => {
    const { fake, calls } = source();
    const open = new OpenAssessment(7, fake);
    const [a, b] = await Promise.all([open.load(), open.load()]);
    const c = await open.load();
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(calls).toEqual(['open 7']);
    // A change made in one tab is what the next tab sees.
    a!.actions.push({ id: 1 } as never);
    expect((await open.load())!.actions).toHaveLength(1);
    await open.reload();
    expect(calls).toEqual(['open 7', 'open 7']);
  });

  it('keeps its drafts across tab switches without reading them again', async () => {
    const { fake, calls } = source();
    const open = new OpenAssessment(7, fake);
    const first = await open.drafts();
    first.keep('note:1.2', 'typed');
    const again = await open.drafts();
    expect(again.get('note:1.2')).toBe('typed');
    expect(again.get('note:1.1')).toBe('half a sentence');
    expect(calls.filter((c) => c === 'drafts')).toHaveLength(1);
  });

  it('draws its charts again only after a change or in another theme', async () => {
    const { fake, calls } = source();
    const open = new OpenAssessment(7, fake);
    await open.charts(false);
    await open.charts(false);
    expect(calls).toEqual(['charts light']);
    open.changed();
    await open.charts(false);
    await open.charts(true);
    expect(calls).toEqual(['charts light', 'charts light', 'charts dark']);
  });

  it('draws its charts ahead once a burst of changes pauses, and Results finds them drawn', async () => {
    vi.useFakeTimers();
    try {
      const { fake, calls } = source();
      const open = new OpenAssessment(7, fake);
      open.changed();
      vi.advanceTimersByTime(DRAW_AHEAD_MS / 2);
      open.changed();
      open.changed();
      expect(calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(DRAW_AHEAD_MS);
      expect(calls).toEqual(['charts light']);
      await open.charts(false);
      expect(calls).toEqual(['charts light']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits for a write in flight before it draws the charts', async () => {
    let finish: () => void = () => {};
    const { fake, calls } = source();
    const open = new OpenAssessment(7, fake);
    const write = open.track(
      new Promise<void>((resolve) => {
        finish = () => {
          calls.push('saved');
          resolve();
        };
      }),
    );
    const charts = open.charts(false);
    await Promise.resolve();
    expect(calls).toEqual([]);
    finish();
    await write;
    await charts;
    expect(calls).toEqual(['saved', 'charts light']);
  });

  it('says why it could not be read, and tries again next time', async () => {
    let fail = true;
    const { fake } = source({
      openAssessment: vi.fn(async () => {
        if (fail) throw { code: 'not_found', message: 'No assessment 7' };
        return { id: 7 } as unknown as AssessmentView;
      }),
    });
    const open = new OpenAssessment(7, fake);
    expect(await open.load()).toBeNull();
    expect(open.error).toBe('No assessment 7');
    fail = false;
    expect(await open.load()).not.toBeNull();
    expect(open.error).toBeNull();
  });
});
