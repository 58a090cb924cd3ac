// Next year's draft: what the dialog says it copies, and the "from last year" marks on carried scores.
import type { NextYearOffer } from './bindings';

const count = (n: number, one: string, many: string) => (n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`);

/** What always comes along into next year's draft. */
export function alwaysCopied(offer: NextYearOffer): string {
  return (
    `Next year's draft keeps the model and its weighting, the scope, ` +
    `${count(offer.assessors, 'assessor', 'assessors')} and ${count(offer.openActions, 'open action', 'open actions')}.`
  );
}

/** What ticking "start from last year's scores" brings. */
export function scoresOffer(offer: NextYearOffer): string {
  const na =
    offer.notApplicable > 0
      ? ` and ${count(offer.notApplicable, 'not-applicable decision', 'not-applicable decisions')}`
      : '';
  return `Start from last year's scores: ${count(offer.scores, 'score', 'scores')}${na}, each marked “from last year” until you confirm or change it.`;
}

/** What ticking "bring the notes" brings. */
export function notesOffer(offer: NextYearOffer): string {
  return `Bring last year's notes too (${count(offer.notes, 'note', 'notes')}: evidence, strengths, areas for improvement).`;
}

/** The marks after a score is saved: an agreed score saved for a node is this year's, so its mark goes; an assessor's own score changes nothing. */
export function carriedAfterSave(carried: readonly string[], node: string, assessor: string | null): string[] {
  return assessor ? [...carried] : carried.filter((n) => n !== node);
}

/**
 * How many carried answers still wait for a confirmation, as a sentence (empty when none); a carried
 * not-applicable decision is named as one, not counted as a score, as the dialog counts them.
 */
export function carriedSummary(
  carried: readonly string[],
  notApplicable: (node: string) => boolean = () => false,
): string {
  if (carried.length === 0) return '';
  const decisions = carried.filter(notApplicable).length;
  const scores = carried.length - decisions;
  const what = [
    scores > 0 ? `${scores} ${scores === 1 ? 'score' : 'scores'}` : '',
    decisions > 0 ? `${decisions} not-applicable ${decisions === 1 ? 'decision' : 'decisions'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const verb = carried.length === 1 ? 'is' : 'are';
  return `${what} ${verb} from last year: confirm or change ${carried.length === 1 ? 'it' : 'each'}.`;
}
