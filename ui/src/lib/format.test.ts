// Unit tests of the window's number, date and clause-number formatting.
import { describe, expect, it } from 'vitest';
import { compareClause, formatDate, formatNumber, formatTime } from './format';

describe('formatNumber', () => {
  it('rounds to two decimals at most and drops trailing zeros', () => {
    expect(formatNumber(100 / 7)).toBe('14.29');
    expect(formatNumber((100 / 7) * 7)).toBe('100');
    expect(formatNumber(100.00000000000001)).toBe('100');
    expect(formatNumber(1020)).toBe('1020');
    expect(formatNumber(21.95, 1)).toBe('22');
    expect(formatNumber(-0.001)).toBe('0');
  });
  it('follows the locale for the decimal sign', () => {
    expect(formatNumber(14.5, 1, 'de-DE')).toBe('14,5');
  });
});

describe('dates and times', () => {
  it('writes dates day first in en-GB', () => {
    expect(formatDate('2026-01-12', 'en-GB')).toBe('12/01/2026');
    expect(formatDate('2026-01-12', 'en-US')).toBe('1/12/26');
  });
  it('writes times on the 24-hour clock in en-GB', () => {
    expect(formatTime(new Date(2026, 0, 12, 2, 4, 53), 'en-GB')).toBe('02:04:53');
  });
  it('leaves what is not a date alone', () => {
    expect(formatDate('soon', 'en-GB')).toBe('soon');
  });
});

describe('compareClause', () => {
  it('sorts clause numbers numerically, not as text', () => {
    const clauses = ['10.3', '5.1', '7.1.5.1', '10.1', '5.1.1', '4.4', '7.1.5', '9.1', '6.1'];
    expect([...clauses].sort(compareClause)).toEqual([
      '4.4',
      '5.1',
      '5.1.1',
      '6.1',
      '7.1.5',
      '7.1.5.1',
      '9.1',
      '10.1',
      '10.3',
    ]);
  });
  it('orders letters after the number they follow', () => {
    expect(['2b', '10a', '2a', '1a'].sort(compareClause)).toEqual(['1a', '2a', '2b', '10a']);
  });
});
