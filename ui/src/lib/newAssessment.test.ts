// Unit tests of the new-assessment form: validation messages and what it sends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { FrameworkChoice } from './bindings';
import NewAssessmentForm from './NewAssessmentForm.svelte';
import { profileWeights, toInput, validateDraft, weightSum, type NewAssessmentDraft } from './newAssessment';

const framework: FrameworkChoice = {
  hash: 'abc',
  id: 'tiny',
  title: 'Tiny model',
  edition: '2020',
  version: '1.0.0',
  totalPoints: 1000,
  imported: false,
  criteria: [
    { id: '1', number: '1', title: 'Direction' },
    { id: '2', number: '2', title: 'Execution' },
    { id: '3', number: '3', title: 'Results' },
  ],
  sectorProfiles: { commercial: 'default', 'public-sector': 'default' },
  profiles: [
    { id: 'default', title: 'Own points', description: '', points: { '1': 300, '2': 300, '3': 400 } },
    {
      id: 'public-sector',
      title: 'Public sector',
      description: 'Citizens first',
      points: { '1': 250, '2': 250, '3': 500 },
    },
  ],
};

function draft(overrides: Partial<NewAssessmentDraft> = {}): NewAssessmentDraft {
  return {
    framework: 'abc',
    period: '2026',
    title: 'Self-assessment 2026',
    scope: '',
    profile: 'default',
    weights: profileWeights(framework, 'default'),
    assessors: [{ name: 'Priya', role: 'Lead' }],
    ...overrides,
  };
}

describe('validation', () => {
  it('accepts a complete draft', () => {
    expect(validateDraft(draft(), framework)).toEqual({});
  });

  it('names every bad field', () => {
    const errors = validateDraft(
      draft({
        period: '26',
        title: '  ',
        assessors: [
          { name: 'Ana', role: '' },
          { name: ' ana ', role: '' },
        ],
      }),
      undefined,
    );
    expect(Object.keys(errors).sort()).toEqual(['assessors', 'framework', 'period', 'title']);
    expect(errors.period).toContain('2026');
  });

  it('says what the weights add up to and what they must', () => {
    const errors = validateDraft(draft({ weights: { '1': '300', '2': '300', '3': '350' } }), framework);
    expect(errors.weights).toBe('The weights add up to 950; they must add up to 1000.');
    const zero = validateDraft(draft({ weights: { '1': '0', '2': 'x', '3': '1000' } }), framework);
    expect(zero.weights).toBe('Give criterion 1, 2 more than 0 points.');
    expect(weightSum({ a: '12.5', b: '', c: '7.5' })).toBe(20);
  });
});

describe('what is sent', () => {
  it('sends no custom weights when the profile is unchanged', () => {
    expect(
      toInput(draft({ profile: 'public-sector', weights: profileWeights(framework, 'public-sector') }), framework, 7),
    ).toEqual({
      organisationId: 7,
      framework: 'abc',
      period: 2026,
      title: 'Self-assessment 2026',
      scope: '',
      profile: 'public-sector',
      customPoints: null,
      assessors: [{ name: 'Priya', role: 'Lead' }],
    });
  });

  it('sends edited weights as numbers and drops blank assessor rows', () => {
    const input = toInput(
      draft({ weights: { '1': '200', '2': '300', '3': '500' }, assessors: [{ name: '', role: '' }] }),
      framework,
      7,
    );
    expect(input.customPoints).toEqual({ '1': 200, '2': 300, '3': 500 });
    expect(input.assessors).toEqual([]);
  });
});

describe('the form', () => {
  let component: ReturnType<typeof mount> | undefined;
  afterEach(() => {
    if (component) unmount(component);
  });

  it('shows the profile weights, refuses a bad sum next to the table, and sends a good one', async () => {
    const create = vi.fn().mockResolvedValue(42);
    const oncreated = vi.fn();
    const target = document.createElement('div');
    document.body.replaceChildren(target);
    component = mount(NewAssessmentForm, {
      target,
      props: { organisationId: 3, frameworks: [framework], create, oncreated },
    });
    flushSync();
    const q = <T extends Element>(s: string) => target.querySelector<T>(s)!;
    expect(q<HTMLInputElement>('#weight-3').value).toBe('400');
    expect(q('#weights-sum').textContent).toBe('1000 of 1000');

    const weight = q<HTMLInputElement>('#weight-3');
    weight.value = '450';
    weight.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(q('#weights-sum').getAttribute('data-ok')).toBe('false');
    q<HTMLFormElement>('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    flushSync();
    expect(q('#na-weights-error').textContent).toContain('add up to 1050');
    expect(create).not.toHaveBeenCalled();

    const profile = q<HTMLSelectElement>('#na-profile');
    profile.value = 'public-sector';
    profile.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(q<HTMLInputElement>('#weight-3').value).toBe('500');
    q<HTMLFormElement>('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ organisationId: 3, profile: 'public-sector', customPoints: null }),
    );
    expect(oncreated).toHaveBeenCalledWith(42);
  });
});

describe('weights that do not divide evenly', () => {
  const sevenths: FrameworkChoice = {
    ...framework,
    totalPoints: 100,
    criteria: Array.from({ length: 7 }, (_, i) => ({
      id: String(i + 4),
      number: String(i + 4),
      title: `Clause ${i + 4}`,
    })),
    profiles: [
      {
        id: 'default',
        title: 'Own points',
        description: '',
        points: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [String(i + 4), 100 / 7])),
      },
    ],
  };
  const seventhsDraft = (weights = profileWeights(sevenths, 'default')) =>
    draft({ framework: 'abc', weights, profile: 'default' });

  it('shows two decimals and keeps the exact points while they are left alone', () => {
    const weights = profileWeights(sevenths, 'default');
    expect(Object.values(weights)).toEqual(Array(7).fill('14.29'));
    expect(validateDraft(seventhsDraft(), sevenths).weights).toBeUndefined();
    expect(toInput(seventhsDraft(), sevenths, 1).customPoints).toBeNull();
  });

  it('counts the typed figures once one is edited', () => {
    const weights = { ...profileWeights(sevenths, 'default'), '4': '20' };
    expect(validateDraft(seventhsDraft(weights), sevenths).weights).toBe(
      'The weights add up to 105.74; they must add up to 100.',
    );
  });
});
