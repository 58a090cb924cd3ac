// Short in-app explanations, in Keel's own words, of the scoring ideas the window shows: RADAR, ISO conformity and maturity, CAF panels, the balance index, weighting profiles.

export type HelpTopic = 'radar' | 'conformity' | 'maturity' | 'panel' | 'balance' | 'profiles';

export interface HelpText {
  title: string;
  paragraphs: string[];
}

/** Every topic's explanation. The figures match keel-core's scoring rules (docs/scoring.md). */
export const HELP: Record<HelpTopic, HelpText> = {
  radar: {
    title: 'How RADAR scoring works here',
    paragraphs: [
      'A part is judged on a few attributes, grouped into elements: for an enabler, how good the approach is, how widely it is put into practice, and how it is measured and improved; for a results part, how relevant and trustworthy the figures are and how well they perform (trends, targets, comparisons).',
      'Each attribute gets 0 to 100 in steps of 5. Keel takes the mean of the attributes in each element, then the mean of the elements: that is the part’s percentage, and its share of the criterion’s points follows from it.',
      'The bands (for example 40–69) only name a range so that assessors talk about the same thing; the number you set is what counts. Pick the band that matches the evidence first, then move within it.',
      'If the whole picture differs from the arithmetic, record an override with a reason: the computed score stays visible next to it.',
    ],
  },
  conformity: {
    title: 'Conformity',
    paragraphs: [
      'Each clause is answered as conforming, partially conforming or not conforming, from the evidence seen. Keel counts them as 100 %, 50 % and 0 % when it adds up the clauses.',
      'Mark a clause not applicable only when it truly does not apply to your scope; it then drops out and the other clauses share its weight.',
    ],
  },
  maturity: {
    title: 'Maturity levels',
    paragraphs: [
      'A maturity level says how settled a practice is, from the first level (done, but depending on individuals) to the top level (measured and steadily improved). Conformity asks whether a requirement is met; maturity asks how well the way of meeting it is established.',
      'Keel spreads the levels evenly over 0–100 %: with five levels, level 1 counts 0 %, level 3 counts 50 % and level 5 counts 100 %.',
    ],
  },
  panel: {
    title: 'Scoring panels',
    paragraphs: [
      'A panel gives one score from 0 to 100, read against the band descriptions next to the scale; where the panel has phases (plan, do, check, act), each phase is scored and Keel takes their mean.',
    ],
  },
  balance: {
    title: 'The stakeholder balance index',
    paragraphs: [
      'Keel works out a score per stakeholder group from the parts that serve it. The balance index is 100 minus the gap between the best-served and the worst-served group: 100 means every group fares alike; 70 means one group is 30 points behind another.',
      'It needs at least two scored groups. A low index is a prompt to ask why one group is left behind, not a verdict by itself.',
    ],
  },
  profiles: {
    title: 'Weighting profiles',
    paragraphs: [
      'A profile decides how many of the total points each criterion carries. The framework’s own points are one profile; others shift weight, for example towards citizens and users in the public sector or towards owners in a commercial firm.',
      'An organisation’s sector only picks which profile a new assessment starts from. You can adjust the weights before you start; once the assessment exists its weighting stays as it was, so its points never change behind your back.',
    ],
  },
};
