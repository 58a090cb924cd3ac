// Next year's draft: the dialog's sentences and the "from last year" marks.
import { describe, expect, it } from 'vitest';
import type { NextYearOffer } from './bindings';
import { alwaysCopied, carriedAfterSave, carriedSummary, notesOffer, scoresOffer } from './nextYear';

const offer: NextYearOffer = {
  period: 2026,
  title: 'Self-assessment 2026',
  scores: 27,
  notApplicable: 2,
  notes: 1,
  openActions: 3,
  assessors: 1,
};

describe('next year dialog', () => {
  it('says what comes along always and on request, with counts', () => {
    expect(alwaysCopied(offer)).toBe(
      "Next year's draft keeps the model and its weighting, the scope, 1 assessor and 3 open actions.",
    );
    expect(scoresOffer(offer)).toBe(
      "Start from last year's scores: 27 scores and 2 not-applicable decisions, each marked “from last year” until you confirm or change it.",
    );
    expect(scoresOffer({ ...offer, scores: 1, notApplicable: 0 })).toBe(
      "Start from last year's scores: 1 score, each marked “from last year” until you confirm or change it.",
    );
    expect(notesOffer(offer)).toContain('1 note:');
    expect(alwaysCopied({ ...offer, openActions: 0 })).toContain('1 assessor and no open actions.');
    expect(notesOffer({ ...offer, notes: 0 })).toContain('(no notes:');
  });
});

describe('from last year marks', () => {
  it('go when the agreed score is saved, stay for an assessor’s own score', () => {
    const marks = ['1.1', '1.2', '2.1'];
    expect(carriedAfterSave(marks, '1.2', null)).toEqual(['1.1', '2.1']);
    expect(carriedAfterSave(marks, '1.2', 'ana-lee')).toEqual(marks);
    expect(carriedAfterSave(marks, '9.9', null)).toEqual(marks);
    expect(marks).toEqual(['1.1', '1.2', '2.1']);
  });

  it('are summed up for the walk-through', () => {
    expect(carriedSummary([])).toBe('');
    expect(carriedSummary(['1.1'])).toBe('1 score is from last year: confirm or change it.');
    expect(carriedSummary(['1.1', '1.2'])).toBe('2 scores are from last year: confirm or change each.');
    // A carried not-applicable decision is named as one, as the dialog counts it.
    const na = (node: string) => node === '2.2';
    expect(carriedSummary(['1.1', '1.2', '1.3', '2.2'], na)).toBe(
      '3 scores and 1 not-applicable decision are from last year: confirm or change each.',
    );
    expect(carriedSummary(['2.2'], na)).toBe('1 not-applicable decision is from last year: confirm or change it.');
  });
});
