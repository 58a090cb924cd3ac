// Pure helpers for the walk-through: scheme lookup, band names, keyboard steps, score building.
import { STAKEHOLDER_GROUPS } from './bindings';
import type {
  AssessmentView,
  Band,
  NodeResult,
  NodeScore,
  OutlineNode,
  RadarScore,
  Scheme,
  Sector,
  Status,
} from './bindings';

/** A stakeholder group's name, in the sector's words when the sector is known (same ids in files). */
export function groupLabel(group: string, sector?: Sector | null): string {
  const found = STAKEHOLDER_GROUPS.find((g) => g.id === group);
  if (!found) return group;
  return sector ? found.bySector[sector] : found.label;
}

/** RADAR attributes, panels and phases move in steps of 5 on a 0–100 scale. */
export const STEP = 5;

/** The band a 0–100 value falls in, or null when the scheme has none for it. */
export function bandFor(bands: readonly Band[], value: number): string | null {
  return bands.find((b) => value >= b.min && value <= b.max)?.title ?? null;
}

/** "60 · Able" — the value with its band name, for screen readers and the visible label. */
export function describeValue(bands: readonly Band[], value: number | undefined): string {
  if (value === undefined) return 'Not scored';
  const band = bandFor(bands, value);
  return band ? `${value} · ${band}` : `${value}`;
}

/**
 * The value a key press moves a 0–100 scale to: arrows ±5, Page keys ±25, Home/End to the ends.
 * From "not scored" the first arrow press lands on 0 (down) or 5 (up). Returns `undefined` for
 * Delete/Backspace (clear) and `null` for keys the scale does not handle.
 */
export function stepValue(current: number | undefined, key: string): number | undefined | null {
  const clamp = (v: number) => Math.max(0, Math.min(100, v));
  const from = current ?? 0;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return current === undefined ? STEP : clamp(from + STEP);
    case 'ArrowLeft':
    case 'ArrowDown':
      return current === undefined ? 0 : clamp(from - STEP);
    case 'PageUp':
      return clamp(from + 5 * STEP);
    case 'PageDown':
      return clamp(from - 5 * STEP);
    case 'Home':
      return 0;
    case 'End':
      return 100;
    case 'Delete':
    case 'Backspace':
      return undefined;
    default:
      return null;
  }
}

/** Snaps a pointer-set value to the scale's steps. */
export function snap(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value / STEP) * STEP));
}

export function schemeOf(view: AssessmentView, node: OutlineNode): Scheme | null {
  return view.framework.schemes.find((s) => s.id === node.scheme) ?? null;
}

/** A RADAR score with one attribute changed (or cleared). */
export function withAttribute(score: RadarScore | undefined, attribute: string, value: number | undefined): RadarScore {
  const attributes = { ...(score?.attributes ?? {}) };
  if (value === undefined) delete attributes[attribute];
  else attributes[attribute] = value;
  return { attributes, override: score?.override };
}

/** The assessable nodes in framework order: the walk-through's steps. */
export function steps(view: AssessmentView): OutlineNode[] {
  return view.framework.nodes.filter((n) => n.scheme !== null);
}

export function resultOf(view: AssessmentView, id: string): NodeResult | undefined {
  return view.report.nodes.find((n) => n.id === id);
}

/** How many steps are done (scored or not applicable) out of all. */
export function progress(view: AssessmentView): { done: number; total: number } {
  const all = steps(view);
  const done = all.filter((n) => {
    const status = resultOf(view, n.id)?.status;
    return status === 'scored' || status === 'not-applicable';
  }).length;
  return { done, total: all.length };
}

export const STATUS_LABEL: Record<Status, string> = {
  scored: 'Scored',
  partial: 'Partly scored',
  missing: 'Not scored yet',
  'not-applicable': 'Not applicable',
};

export const STATUS_MARK: Record<Status, string> = {
  scored: '●',
  partial: '◐',
  missing: '○',
  'not-applicable': '–',
};

/** Whether a score is the not-applicable marker, and its reason. */
export function notApplicableReason(score: NodeScore | undefined): string | null {
  return score && 'notApplicable' in score ? score.notApplicable.reason : null;
}

/** The not-applicable score, or the reason it cannot be saved yet. */
export function notApplicable(reason: string): { score: NodeScore } | { error: string } {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return { error: 'Say why this does not apply; the reason is kept with the assessment.' };
  return { score: { notApplicable: { reason: trimmed } } };
}

/** Points with at most one decimal, as the results show them. */
export function points(value: number): string {
  return rounded(value, 1);
}

/** Points with exactly one decimal, for table columns that must line up. */
export function fixedPoints(value: number): string {
  return Number(rounded(value, 1)).toFixed(1);
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${rounded(value, 1)} %`;
}

/** A share as a whole percentage (coverage): 52.5 → "53 %". */
export function wholePercent(value: number): string {
  return `${rounded(value, 0)} %`;
}

/**
 * Keel's one rounding of a shown figure, as keel-core's `fmt_points` does it: half away from zero,
 * no trailing zeros (49.25 → "49.3", 39.96 → "40"); checked against the same cases as the Rust
 * side (crates/keel-core/tests/rounding.json).
 */
function rounded(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  const r = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return String(r === 0 ? 0 : r);
}

/** The assessor's override of a computed RADAR part score, or the reason it cannot be saved yet. */
export function radarOverride(
  percentText: string,
  reason: string,
): { percent: number; reason: string } | { error: string } {
  const value = Number(percentText.replace(',', '.'));
  if (percentText.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    return { error: 'Enter the score you judge right, from 0 to 100.' };
  }
  if (reason.trim() === '')
    return { error: 'Say why the computed score is not right; the reason is kept with the assessment.' };
  return { percent: value, reason: reason.trim() };
}
