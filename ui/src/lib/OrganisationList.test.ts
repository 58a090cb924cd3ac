// The home list at scale: 500 organisations show a page at a time, searched by name or site.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import OrganisationList from './OrganisationList.svelte';
import type { Organisation } from './bindings';

let component: ReturnType<typeof mount> | undefined;

const many: Organisation[] = Array.from({ length: 500 }, (_, i) => ({
  id: i + 1,
  name: `Generated Organisation ${String(i + 1).padStart(4, '0')}`,
  sector: i % 2 === 0 ? 'commercial' : 'public-sector',
  sites: i === 41 ? ['Rotherham machining'] : [],
  createdAt: '2026-11-24T08:00:00Z',
}));

function render(organisations: Organisation[]) {
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  component = mount(OrganisationList, { target, props: { organisations } });
  const rows = () => [...target.querySelectorAll('li.org .org-name')].map((e) => e.textContent);
  const q = <T extends Element>(selector: string) => target.querySelector<T>(selector);
  return { rows, q };
}

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
});

describe('OrganisationList', () => {
  it('shows a page of 500, and more on request', () => {
    const { rows, q } = render(many);
    expect(rows()).toHaveLength(25);
    expect(q('#org-count')?.textContent).toBe('500 organisations');
    q<HTMLButtonElement>('#org-more')?.click();
    flushSync();
    expect(rows()).toHaveLength(50);
    expect(rows()[49]).toBe('Generated Organisation 0050');
  });

  it('finds organisations by name or site', () => {
    const { rows, q } = render(many);
    const input = q<HTMLInputElement>('#org-search');
    if (!input) throw new Error('no search box');
    input.value = 'organisation 0412';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(rows()).toEqual(['Generated Organisation 0412']);
    expect(q('#org-count')?.textContent).toBe('1 of 500');
    expect(q('#org-more')).toBeNull();
    input.value = 'rotherham';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(rows()).toEqual(['Generated Organisation 0042']);
  });

  it('shows a short list whole, without a search box', () => {
    const { rows, q } = render(many.slice(0, 3));
    expect(rows()).toHaveLength(3);
    expect(q('#org-search')).toBeNull();
  });
});
