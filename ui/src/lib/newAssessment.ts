// The new-assessment form's model and validation, kept pure so it is unit-tested without a window.
import { LIMITS, type FrameworkChoice, type NewAssessmentInput } from './bindings';
import { formatNumber } from './format';

export interface NewAssessmentDraft {
  framework: string;
  period: string;
  title: string;
  scope: string;
  profile: string;
  /** Criterion id → points as typed. */
  weights: Record<string, string>;
  assessors: { name: string; role: string }[];
}

export type DraftErrors = Partial<Record<'framework' | 'period' | 'title' | 'weights' | 'assessors', string>>;

/**
 * The weights of a profile as the form's text fields, to two decimals (ISO's 100/7 shows as 14.29). Left as they are,
 * the profile's exact points are used (see `toInput`); once edited, the typed figures are what count.
 */
export function profileWeights(framework: FrameworkChoice, profile: string): Record<string, string> {
  const found = framework.profiles.find((p) => p.id === profile) ?? framework.profiles[0];
  const out: Record<string, string> = {};
  for (const c of framework.criteria) out[c.id] = formatNumber(found?.points[c.id] ?? 0, 2);
  return out;
}

export function weightSum(weights: Record<string, string>): number {
  return Object.values(weights).reduce((sum, v) => sum + (Number.parseFloat(v) || 0), 0);
}

/** Every problem with the draft, by field; empty when it can be sent. */
export function validateDraft(draft: NewAssessmentDraft, framework: FrameworkChoice | undefined): DraftErrors {
  const errors: DraftErrors = {};
  if (!framework) errors.framework = 'Choose a framework.';
  const period = Number(draft.period);
  if (!/^\d{4}$/.test(draft.period.trim()) || period < LIMITS.firstPeriod || period > LIMITS.lastPeriod) {
    errors.period = 'Enter the year assessed, e.g. 2026.';
  }
  if (draft.title.trim().length === 0) errors.title = 'Give the assessment a title.';
  else if ([...draft.title.trim()].length > LIMITS.maxTitleChars)
    errors.title = `Keep the title to ${LIMITS.maxTitleChars} characters.`;
  if (framework) {
    const bad = framework.criteria.filter((c) => {
      const v = Number(draft.weights[c.id]);
      return !Number.isFinite(v) || v <= 0 || (draft.weights[c.id] ?? '').trim() === '';
    });
    const sum = weightSum(draft.weights);
    if (bad.length > 0) {
      errors.weights = `Give criterion ${bad.map((c) => c.number).join(', ')} more than 0 points.`;
    } else if (weightsEdited(draft, framework) && !addsUp(sum, framework.totalPoints)) {
      errors.weights = `The weights add up to ${round(sum)}; they must add up to ${framework.totalPoints}.`;
    }
  }
  const names = draft.assessors.map((a) => a.name.trim().toLowerCase()).filter((n) => n.length > 0);
  if (new Set(names).size !== names.length)
    errors.assessors = 'Each assessor once, please: two rows have the same name.';
  return errors;
}

/** Whether typed weights add up to the total: keel_core::limits::adds_up, with the same tolerance. */
export function addsUp(sum: number, total: number): boolean {
  return Math.abs(sum - total) <= LIMITS.weightTolerance * Math.max(Math.abs(total), 1);
}

function round(v: number): string {
  return Number.isInteger(v) ? `${v}` : v.toFixed(2);
}

/** Whether the typed weights differ from the profile's. */
export function weightsEdited(draft: NewAssessmentDraft, framework: FrameworkChoice): boolean {
  const base = profileWeights(framework, draft.profile);
  return framework.criteria.some((c) => Number(draft.weights[c.id]) !== Number(base[c.id]));
}

export function toInput(
  draft: NewAssessmentDraft,
  framework: FrameworkChoice,
  organisationId: number,
): NewAssessmentInput {
  const custom = weightsEdited(draft, framework)
    ? Object.fromEntries(framework.criteria.map((c) => [c.id, Number(draft.weights[c.id])]))
    : null;
  return {
    organisationId,
    framework: framework.hash,
    period: Number(draft.period),
    title: draft.title.trim(),
    scope: draft.scope.trim(),
    profile: draft.profile,
    customPoints: custom,
    assessors: draft.assessors.filter((a) => a.name.trim().length > 0),
  };
}
