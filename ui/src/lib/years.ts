// Lists and tables that grow with the database (issue 17): which year columns a table shows so
// that 20 years fit a 1200 px window, and search plus paging for long lists.

/** The most year columns a table shows side by side. */
export const MAX_YEAR_COLUMNS = 8;

/**
 * The indices of the columns shown out of `count`, oldest first: every one when they fit, else
 * the oldest (the baseline) and the newest `max - 1`.
 */
export function shownColumns(count: number, max: number = MAX_YEAR_COLUMNS): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (count <= max) return all;
  return [0, ...all.slice(count - (max - 1))];
}

/** The labels left out by {@link shownColumns}, as "2007–2018" (or one label), or '' when none. */
export function leftOut(labels: string[], shown: number[]): string {
  const hidden = labels.filter((_, i) => !shown.includes(i));
  const first = hidden[0];
  const last = hidden[hidden.length - 1];
  if (first === undefined || last === undefined) return '';
  return hidden.length === 1 ? first : `${first}–${last}`;
}

/** Whether a gap (left-out columns) comes right after shown column `position`. */
export function gapAfter(shown: number[], position: number): boolean {
  const here = shown[position];
  const next = shown[position + 1];
  return here !== undefined && next !== undefined && next !== here + 1;
}

/** The items whose text contains every word of `query` (any case); all when the query is blank. */
export function search<T>(items: T[], query: string, text: (item: T) => string): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((item) => {
    const haystack = text(item).toLocaleLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
