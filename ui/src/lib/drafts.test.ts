// Unit tests of typed-text drafts: the newest text is the one stored, failures are kept for a retry.
import { describe, expect, it } from 'vitest';
import { drafts, readDraft } from './drafts';

describe('drafts', () => {
  it('stores the last text typed, one write at a time per field', async () => {
    const writes: [string, string][] = [];
    let release: () => void = () => {};
    const save = (field: string, text: string) =>
      new Promise<void>((resolve) => {
        writes.push([field, text]);
        release = resolve;
      });
    const kept = drafts({}, save);
    kept.keep('note:1.1', 'P');
    kept.keep('note:1.1', 'Pu');
    kept.keep('note:1.1', 'Pur');
    expect(writes).toEqual([['note:1.1', 'P']]);
    expect(kept.get('note:1.1')).toBe('Pur');
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(writes).toEqual([
      ['note:1.1', 'P'],
      ['note:1.1', 'Pur'],
    ]);
    release();
    await kept.flush();
  });

  it('forgets a field with empty text and starts from what was stored', async () => {
    const writes: [string, string][] = [];
    const kept = drafts({ 'na:2.1': '{"reason":""}' }, async (f, t) => void writes.push([f, t]));
    expect(kept.get('na:2.1')).toBe('{"reason":""}');
    kept.keep('na:2.1', '');
    await kept.flush();
    expect(kept.get('na:2.1')).toBeUndefined();
    expect(writes).toEqual([['na:2.1', '']]);
  });

  it('keeps a text whose write failed and sends it on the next flush', async () => {
    let fail = true;
    const writes: string[] = [];
    const errors: unknown[] = [];
    const kept = drafts(
      {},
      async (_f, t) => {
        writes.push(t);
        if (fail) throw new Error('disk full');
      },
      (e) => errors.push(e),
    );
    kept.keep('override:1.1:', 'why');
    await kept.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await kept.flush();
    expect(writes).toEqual(['why', 'why']);
  });
});

describe('readDraft', () => {
  it('reads JSON drafts and ignores anything else', () => {
    expect(readDraft<{ reason: string }>('{"reason":"x"}')).toEqual({ reason: 'x' });
    expect(readDraft(undefined)).toBeUndefined();
    expect(readDraft('not json')).toBeUndefined();
    expect(readDraft('3')).toBeUndefined();
  });
});
