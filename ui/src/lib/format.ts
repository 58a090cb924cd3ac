// Numbers, dates and clause numbers as the window shows them: rounded one way, in the user's locale (en-GB when unknown), sorted numerically.

/** The locale for dates and numbers: the user's, else British English (Keel's own language). */
export function userLocale(): string {
  const wanted = typeof navigator !== 'undefined' ? navigator.language : '';
  // With no locale set (the C or POSIX locale), WebKit and ICU report US English: that is
  // not the user's choice, so it counts as unknown.
  const system = new Intl.DateTimeFormat().resolvedOptions().locale;
  return localeOrBritish(wanted, system);
}

/** `wanted` as a canonical locale, or en-GB when it is empty, invalid or stands for the C/POSIX locale. */
export function localeOrBritish(wanted: string, system = ''): string {
  if (!wanted || /^(c|posix)([-_.].*)?$/i.test(wanted) || /posix/i.test(system)) return 'en-GB';
  try {
    return Intl.getCanonicalLocales(wanted)[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}

/** A number rounded to at most `decimals` places, without trailing zeros: 14.28571… → "14.29", 100.00000000000001 → "100". */
export function formatNumber(value: number, decimals = 2, locale = 'en-GB'): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: decimals, useGrouping: false }).format(
    Object.is(rounded, -0) ? 0 : rounded,
  );
}

/** A date (ISO "2026-01-12" or a Date) as the locale writes it: 12/01/2026 in en-GB. */
export function formatDate(value: string | Date, locale = userLocale()): string {
  const date =
    typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short' }).format(date);
}

/** A day as the locale writes it in words: "6 Dec 2026" in en-GB (lists, where a short date could be misread). */
export function formatDay(value: string | Date, locale = userLocale()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A moment as the locale writes it: "6 Dec 2026, 21:55" in en-GB. */
export function formatDateTime(value: string | Date, locale = userLocale()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A time of day as the locale writes it: 02:04:53 in en-GB. */
export function formatTime(value: string | Date, locale = userLocale()): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(date);
}

/** Orders clause numbers numerically part by part: 5.1 < 5.1.1 < 7.1.5.1 < 10.3; letters after digits (1a < 1b). */
export function compareClause(a: string, b: string): number {
  const parts = (s: string) => s.split(/[.\s]+/).filter(Boolean);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' });
    if (order !== 0) return order;
  }
  return 0;
}
