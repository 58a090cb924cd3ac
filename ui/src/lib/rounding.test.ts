// The window rounds a shown figure as keel-core does (CLI, PDF): the same cases, read from the Rust side's file.
import { describe, expect, it } from 'vitest';
import rounding from '../../../crates/keel-core/tests/rounding.json';
import { fixedPoints, percent, points, wholePercent } from './scoring';

describe('one rounding everywhere', () => {
  it.each(rounding.cases)('$value → $points, $percent, $whole', (c) => {
    expect(points(c.value)).toBe(c.points);
    expect(percent(c.value)).toBe(c.percent);
    expect(wholePercent(c.value)).toBe(c.whole);
    // Table columns keep one decimal so they line up, with the same rounding.
    expect(fixedPoints(c.value)).toBe(Number(c.points).toFixed(1));
  });
});
