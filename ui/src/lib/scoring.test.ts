// Unit tests of the walk-through's pure helpers: bands, keyboard steps, building scores.
import { describe, expect, it } from 'vitest';
import type { Band } from './bindings';
import { bandFor, describeValue, notApplicable, snap, stepValue, withAttribute } from './scoring';

const bands: Band[] = [
  { min: 0, max: 9, title: 'No evidence' },
  { min: 10, max: 39, title: 'Limited' },
  { min: 40, max: 69, title: 'Able' },
  { min: 70, max: 89, title: 'Comprehensive' },
  { min: 90, max: 100, title: 'Outstanding' },
];

describe('bands', () => {
  it('names the band at both of its ends', () => {
    expect(bandFor(bands, 0)).toBe('No evidence');
    expect(bandFor(bands, 9)).toBe('No evidence');
    expect(bandFor(bands, 10)).toBe('Limited');
    expect(bandFor(bands, 69)).toBe('Able');
    expect(bandFor(bands, 100)).toBe('Outstanding');
    expect(bandFor([], 50)).toBeNull();
  });

  it('describes a value with its band, and an unscored one as such', () => {
    expect(describeValue(bands, 60)).toBe('60 · Able');
    expect(describeValue(bands, undefined)).toBe('Not scored');
    expect(describeValue([], 35)).toBe('35');
  });
});

describe('keyboard steps', () => {
  it('moves in steps of 5 and stays within 0–100', () => {
    expect(stepValue(60, 'ArrowRight')).toBe(65);
    expect(stepValue(60, 'ArrowDown')).toBe(55);
    expect(stepValue(100, 'ArrowUp')).toBe(100);
    expect(stepValue(0, 'ArrowLeft')).toBe(0);
    expect(stepValue(90, 'PageUp')).toBe(100);
    expect(stepValue(20, 'PageDown')).toBe(0);
    expect(stepValue(45, 'Home')).toBe(0);
    expect(stepValue(45, 'End')).toBe(100);
  });

  it('leaves "not scored" on the first press and clears with Delete', () => {
    expect(stepValue(undefined, 'ArrowRight')).toBe(5);
    expect(stepValue(undefined, 'ArrowLeft')).toBe(0);
    expect(stepValue(undefined, 'Home')).toBe(0);
    expect(stepValue(70, 'Delete')).toBeUndefined();
    expect(stepValue(70, 'a')).toBeNull();
    expect(stepValue(70, 'Tab')).toBeNull();
  });

  it('snaps pointer values to the steps', () => {
    expect(snap(62)).toBe(60);
    expect(snap(63)).toBe(65);
    expect(snap(-4)).toBe(0);
    expect(snap(104)).toBe(100);
  });
});

describe('scores', () => {
  it('changes one RADAR attribute and keeps the rest and the override', () => {
    const start = { attributes: { sound: 40 }, override: { percent: 50, reason: 'panel view' } };
    const next = withAttribute(start, 'integrated', 60);
    expect(next).toEqual({
      attributes: { sound: 40, integrated: 60 },
      override: { percent: 50, reason: 'panel view' },
    });
    expect(start.attributes).toEqual({ sound: 40 });
    expect(withAttribute(next, 'sound', undefined).attributes).toEqual({ integrated: 60 });
  });

  it('needs a reason before a node is not applicable', () => {
    expect(notApplicable('   ')).toHaveProperty('error');
    expect(notApplicable(' No suppliers: all in-house ')).toEqual({
      score: { notApplicable: { reason: 'No suppliers: all in-house' } },
    });
  });
});
