// How Compare prints its figures: as keel-core rounds them (two decimals, keel_core::scoring::fmt_number), so the shown change is the difference of the shown figures and the CLI and the exports print the same.
import { formatNumber } from './format';

/** A figure of a comparison (points or a balance index) as the CLI and the exports print it. */
export function shownFigure(value: number): string {
  return formatNumber(value, 2);
}

/** A figure with exactly two decimals, for table columns that line up (36 → "36.00"). */
export function fixedFigure(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** A percentage of a comparison, or a dash where there is none. */
export function shownPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value, 2)} %`;
}

/** A change with its sign: +11.95, −3.5, ±0, or a dash where there is none. */
export function signedChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const shown = formatNumber(Math.abs(value), 2);
  if (shown === '0') return '±0';
  return `${value > 0 ? '+' : '−'}${shown}`;
}
