// Unit tests of the scoring widgets: what they show, what a key press or a choice sends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { NodeScore, Scheme } from '../bindings';
import ScoreWidget from './ScoreWidget.svelte';

const radar: Scheme = {
  kind: 'radar',
  id: 'radar-enablers',
  title: 'RADAR',
  elements: [
    {
      id: 'approach',
      title: 'Approach',
      attributes: [
        { id: 'sound', title: 'Sound' },
        { id: 'integrated', title: 'Integrated' },
      ],
    },
    { id: 'deployment', title: 'Deployment', attributes: [{ id: 'implemented', title: 'Implemented' }] },
  ],
  bands: [
    { min: 0, max: 39, title: 'Limited' },
    { min: 40, max: 69, title: 'Able' },
    { min: 70, max: 100, title: 'Strong' },
  ],
};
const conformity: Scheme = { kind: 'conformity', id: 'conformity', title: 'Conformity' };
const maturity: Scheme = {
  kind: 'maturity',
  id: 'maturity',
  title: 'Maturity',
  levels: [
    { level: 1, title: 'Initial' },
    { level: 2, title: 'Managed' },
    { level: 3, title: 'Defined' },
  ],
};
const phases: Scheme = {
  kind: 'phases',
  id: 'pdca',
  title: 'PDCA',
  phases: [
    { id: 'plan', title: 'Plan' },
    { id: 'do', title: 'Do' },
  ],
};

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
});

function render(scheme: Scheme, score: NodeScore | undefined, disabled = false) {
  const onchange = vi.fn();
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  component = mount(ScoreWidget, { target, props: { scheme, score, node: '1.1', disabled, onchange } });
  flushSync();
  return { target, onchange, q: <T extends Element>(s: string) => target.querySelector<T>(s) };
}

function key(element: Element, key: string) {
  element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  flushSync();
}

describe('RADAR widget', () => {
  it('shows every attribute under its element with the band of its value', () => {
    const { target } = render(radar, { radar: { attributes: { sound: 45 } } });
    expect([...target.querySelectorAll('legend')].map((l) => l.textContent)).toContain('Approach');
    const labels = [...target.querySelectorAll('.scale label')].map((l) => l.textContent);
    expect(labels).toEqual(['Sound', 'Integrated', 'Implemented']);
    const outputs = [...target.querySelectorAll('.scale-value')].map((o) => o.textContent);
    expect(outputs).toEqual(['45 · Able', 'Not scored', 'Not scored']);
    expect(target.querySelector('#attr-sound')?.getAttribute('aria-valuetext')).toBe('45 · Able');
    expect(target.querySelector('.bands')?.textContent).toContain('70–100 Strong');
  });

  it('sends the whole part score when one attribute moves by keyboard, in steps of 5', () => {
    const { q, onchange } = render(radar, { radar: { attributes: { sound: 45 } } });
    key(q('#attr-sound')!, 'ArrowRight');
    expect(onchange).toHaveBeenLastCalledWith({ radar: { attributes: { sound: 50 }, override: undefined } });
    key(q('#attr-integrated')!, 'End');
    expect(onchange).toHaveBeenLastCalledWith({
      radar: { attributes: { sound: 45, integrated: 100 }, override: undefined },
    });
    key(q('#attr-sound')!, 'Delete');
    expect(onchange).toHaveBeenLastCalledWith({ radar: { attributes: {}, override: undefined } });
    onchange.mockClear();
    key(q('#attr-sound')!, 'x');
    expect(onchange).not.toHaveBeenCalled();
  });

  it('overrides the computed part score only with a score and a reason', () => {
    const { q, onchange } = render(radar, { radar: { attributes: { sound: 45 } } });
    const percent = q<HTMLInputElement>('#override-percent')!;
    const reason = q<HTMLTextAreaElement>('#override-reason')!;
    percent.value = '70';
    percent.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q<HTMLButtonElement>('#override-save')!.click();
    flushSync();
    expect(q('#override-error')?.textContent).toContain('Say why');
    expect(onchange).not.toHaveBeenCalled();
    reason.value = 'Deployment evidence from the second site was not scored';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    percent.value = '170';
    percent.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q<HTMLButtonElement>('#override-save')!.click();
    flushSync();
    expect(q('#override-error')?.textContent).toContain('0 to 100');
    percent.value = '70';
    percent.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q<HTMLButtonElement>('#override-save')!.click();
    flushSync();
    expect(onchange).toHaveBeenLastCalledWith({
      radar: {
        attributes: { sound: 45 },
        override: { percent: 70, reason: 'Deployment evidence from the second site was not scored' },
      },
    });
  });

  it('sends nothing from a disabled (final) assessment', () => {
    const { q } = render(radar, undefined, true);
    expect(q<HTMLInputElement>('#attr-sound')!.disabled).toBe(true);
    expect(q<HTMLInputElement>('#not-applicable')!.disabled).toBe(true);
  });
});

describe('choice widgets', () => {
  it('offers the three conformity answers and sends the one chosen', () => {
    const { target, onchange } = render(conformity, { conformity: 'partially' });
    const radios = [...target.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.value)).toEqual(['conforming', 'partially', 'notConforming']);
    expect(radios.find((r) => r.checked)?.value).toBe('partially');
    radios[2]!.click();
    flushSync();
    expect(onchange).toHaveBeenLastCalledWith({ conformity: 'notConforming' });
  });

  it('shows maturity levels with their names and sends the level number', () => {
    const { target, onchange } = render(maturity, undefined);
    expect([...target.querySelectorAll('.choices .choice-row span:first-of-type')].map((s) => s.textContent)).toEqual([
      '1 · Initial',
      '2 · Managed',
      '3 · Defined',
    ]);
    target.querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!.click();
    flushSync();
    expect(onchange).toHaveBeenLastCalledWith({ maturity: 2 });
  });

  it('scores phases one by one and clears the node when the last phase is cleared', () => {
    const { q, onchange } = render(phases, { phases: { plan: 30 } });
    key(q('#phase-do')!, 'ArrowUp');
    expect(onchange).toHaveBeenLastCalledWith({ phases: { plan: 30, do: 5 } });
    key(q('#phase-plan')!, 'Backspace');
    expect(onchange).toHaveBeenLastCalledWith(null);
  });
});

describe('not applicable', () => {
  it('refuses to save without a reason, then saves the reason', () => {
    const { q, onchange } = render(conformity, undefined);
    q<HTMLInputElement>('#not-applicable')!.click();
    flushSync();
    const reason = q<HTMLTextAreaElement>('#na-reason')!;
    q<HTMLButtonElement>('.score-widget button')!.click();
    flushSync();
    expect(q('#na-reason-error')?.textContent).toContain('Say why');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(onchange).not.toHaveBeenCalled();
    reason.value = 'We design nothing: products are made to customer drawings';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q<HTMLButtonElement>('.score-widget button')!.click();
    flushSync();
    expect(onchange).toHaveBeenLastCalledWith({
      notApplicable: { reason: 'We design nothing: products are made to customer drawings' },
    });
    expect(q('#na-reason-error')).toBeNull();
  });

  it('shows a saved reason and restores the widget when switched off', () => {
    const { q, onchange } = render(conformity, { notApplicable: { reason: 'Outsourced' } });
    expect(q<HTMLInputElement>('#not-applicable')!.checked).toBe(true);
    expect(q<HTMLTextAreaElement>('#na-reason')!.value).toBe('Outsourced');
    q<HTMLInputElement>('#not-applicable')!.click();
    flushSync();
    expect(onchange).toHaveBeenLastCalledWith(null);
    expect(q('input[type=radio]')).not.toBeNull();
  });
});
