// Compare's figures: the shown change is the difference of the shown figures (keel-core rounds both the same way).
import { describe, expect, it } from 'vitest';
import { fixedFigure, shownFigure, shownPercent, signedChange } from './compare';

const parse = (s: string) => Number(s.replace('−', '-').replace('±', '').replace('+', ''));

describe('compare figures', () => {
  it('prints two decimals without trailing zeros, like keel_core::scoring::fmt_number', () => {
    expect(shownFigure(422.22)).toBe('422.22');
    expect(shownFigure(434.2)).toBe('434.2');
    expect(shownFigure(1000)).toBe('1000');
    expect(shownPercent(62.5)).toBe('62.5 %');
    expect(shownPercent(null)).toBe('—');
    expect(fixedFigure(36)).toBe('36.00');
    expect(fixedFigure(43.61)).toBe('43.61');
  });

  it('signs a change and shows no change as ±0', () => {
    expect(signedChange(11.96)).toBe('+11.96');
    expect(signedChange(-3.5)).toBe('−3.5');
    expect(signedChange(0)).toBe('±0');
    expect(signedChange(0.001)).toBe('±0');
    expect(signedChange(undefined)).toBe('—');
  });

  it('shows a change equal to the difference of the shown figures for rounded comparisons', () => {
    // keel-core gives totals rounded to two decimals and the change as their difference.
    const cases: [number, number, number][] = [
      [422.22, 434.18, 11.96],
      [422.2, 434.2, 12],
      [0.1, 0.3, 0.2],
      [999.99, 0.01, -999.98],
    ];
    for (const [before, now, change] of cases) {
      const difference = Math.round((parse(shownFigure(now)) - parse(shownFigure(before))) * 100) / 100;
      expect(parse(signedChange(change))).toBe(difference);
    }
  });
});

describe('points on every screen', () => {
  it('round like keel_core::scoring::fmt_number, so Results, Compare, the CLI and the PDF agree', async () => {
    const { points, fixedPoints } = await import('./scoring');
    expect(points(584.9375)).toBe('584.94');
    expect(points(100 / 7)).toBe('14.29');
    expect(points(1000)).toBe('1000');
    expect(points(422.2)).toBe('422.2');
    expect(fixedPoints(422.2)).toBe('422.20');
    expect(fixedPoints(584.9375)).toBe('584.94');
    expect(points(584.9375)).toBe(shownFigure(584.94));
  });
});
