// Unit tests of the window's number, date and clause-number formatting.
import { describe, expect, it } from 'vitest';
import {
  compareClause,
  formatDate,
  formatDateTime,
  formatDay,
  formatNumber,
  formatTime,
  localeOrBritish,
} from './format';

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
  it('writes days and moments in words, day first, on the 24-hour clock in en-GB', () => {
    expect(formatDay('2026-12-06T21:55:00', 'en-GB')).toBe('6 Dec 2026');
    expect(formatDateTime(new Date(2026, 11, 6, 21, 55), 'en-GB')).toBe('6 Dec 2026, 21:55');
    expect(formatDateTime(new Date(2026, 11, 6, 21, 55), 'en-US')).toBe('Dec 6, 2026, 9:55 PM');
  });
  it('takes British English when the locale is unknown or the C/POSIX one', () => {
    expect(localeOrBritish('')).toBe('en-GB');
    expect(localeOrBritish('c')).toBe('en-GB');
    expect(localeOrBritish('C.UTF-8')).toBe('en-GB');
    expect(localeOrBritish('en-US', 'en-US-u-va-posix')).toBe('en-GB');
    expect(localeOrBritish('not a locale!')).toBe('en-GB');
    expect(localeOrBritish('de-de', 'de-DE')).toBe('de-DE');
    expect(localeOrBritish('en-US', 'en-US')).toBe('en-US');
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
