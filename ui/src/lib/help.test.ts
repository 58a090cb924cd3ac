// Unit tests of the in-app help: every topic has text, and the figures agree with the scoring rules.
import { describe, expect, it } from 'vitest';
import { HELP } from './help';

describe('in-app help', () => {
  it('has a title and text for every topic', () => {
    for (const [topic, text] of Object.entries(HELP)) {
      expect(text.title.length, topic).toBeGreaterThan(0);
      expect(text.paragraphs.length, topic).toBeGreaterThan(0);
      for (const p of text.paragraphs) expect(p.length, topic).toBeGreaterThan(40);
    }
  });

  it('states the same arithmetic as keel-core', () => {
    expect(HELP.conformity.paragraphs.join(' ')).toContain('100 %, 50 % and 0 %');
    expect(HELP.maturity.paragraphs.join(' ')).toContain(
      'level 1 counts 0 %, level 3 counts 50 % and level 5 counts 100 %',
    );
    expect(HELP.balance.paragraphs.join(' ')).toContain('100 minus the gap');
    expect(HELP.radar.paragraphs.join(' ')).toContain('0 to 100 in steps of 5');
  });
});
