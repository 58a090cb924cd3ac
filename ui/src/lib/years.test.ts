// Year columns that fit the window and the search of long lists (lib/years.ts).
import { describe, expect, it } from 'vitest';
import { gapAfter, leftOut, MAX_YEAR_COLUMNS, search, shownColumns } from './years';

describe('shownColumns', () => {
  it('shows every year while they fit', () => {
    for (let n = 0; n <= MAX_YEAR_COLUMNS; n++) expect(shownColumns(n)).toEqual([...Array(n).keys()]);
  });

  it('keeps the oldest and the newest years of 20', () => {
    const shown = shownColumns(20);
    expect(shown).toHaveLength(MAX_YEAR_COLUMNS);
    expect(shown[0]).toBe(0);
    expect(shown.slice(1)).toEqual([13, 14, 15, 16, 17, 18, 19]);
  });

  it('names the years left out and where the gap is', () => {
    const labels = Array.from({ length: 20 }, (_, i) => String(2006 + i));
    const shown = shownColumns(20);
    expect(leftOut(labels, shown)).toBe('2007–2018');
    expect(gapAfter(shown, 0)).toBe(true);
    expect(shown.slice(1).map((_, i) => gapAfter(shown, i + 1))).toEqual(Array(7).fill(false));
    expect(leftOut(labels.slice(0, 9), shownColumns(9))).toBe('2007');
    expect(leftOut(labels.slice(0, 5), shownColumns(5))).toBe('');
  });
});

describe('search', () => {
  const names = [
    'Northwind Castings Ltd',
    'Generated Organisation 0001',
    'Generated Organisation 0412',
    'Städtische Werke',
  ];
  it('matches every word, in any case, anywhere', () => {
    expect(search(names, '', (n) => n)).toEqual(names);
    expect(search(names, 'generated 04', (n) => n)).toEqual(['Generated Organisation 0412']);
    expect(search(names, 'CASTINGS', (n) => n)).toEqual(['Northwind Castings Ltd']);
    expect(search(names, 'städt', (n) => n)).toEqual(['Städtische Werke']);
    expect(search(names, 'nothing like it', (n) => n)).toEqual([]);
  });
});
