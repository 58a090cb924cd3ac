// Unit tests of the new-organisation form: what it sends, and how it shows a refusal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import OrganisationForm from './OrganisationForm.svelte';
import type { Organisation, Sector } from './bindings';

type Create = (name: string, sector: Sector) => Promise<Organisation>;
let component: ReturnType<typeof mount> | undefined;

function render(create: Create, oncreated = vi.fn()) {
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  component = mount(OrganisationForm, { target, props: { create, oncreated } });
  const q = <T extends Element>(selector: string) => target.querySelector<T>(selector);
  return { target, q, oncreated };
}

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

async function submit(form: HTMLFormElement) {
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  // Let the awaited create() settle and Svelte re-render.
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

const acme: Organisation = {
  id: 1,
  name: 'Acme',
  sector: 'public-sector',
  sites: [],
  createdAt: '2026-11-24T08:00:00Z',
};

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
});

describe('OrganisationForm', () => {
  it('labels every control', () => {
    const { target } = render(vi.fn());
    for (const input of target.querySelectorAll('input')) {
      const labelled = input.id ? target.querySelector(`label[for="${input.id}"]`) : input.closest('label');
      expect(labelled, `input ${input.name}`).not.toBeNull();
    }
  });

  it('sends the name and chosen sector, then clears the name and confirms', async () => {
    const create = vi.fn<Create>().mockResolvedValue(acme);
    const { q, oncreated } = render(create);
    type(q<HTMLInputElement>('#org-name')!, 'Acme');
    const publicSector = q<HTMLInputElement>('input[value="public-sector"]')!;
    publicSector.click();
    flushSync();
    await submit(q<HTMLFormElement>('form')!);
    expect(create).toHaveBeenCalledWith('Acme', 'public-sector');
    expect(oncreated).toHaveBeenCalledWith(acme);
    expect(q<HTMLInputElement>('#org-name')!.value).toBe('');
    expect(q('[role="status"]')!.textContent).toContain('Created “Acme”');
    expect(q('[role="alert"]')).toBeNull();
  });

  it('shows a refusal next to the name and keeps what was typed', async () => {
    const create = vi.fn<Create>().mockRejectedValue({
      code: 'invalid_name',
      message: 'Organisation name is 10000 characters long; the limit is 200',
    });
    const { q, oncreated } = render(create);
    const long = 'x'.repeat(10_000);
    type(q<HTMLInputElement>('#org-name')!, long);
    await submit(q<HTMLFormElement>('form')!);
    const alert = q('#org-name-error');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toBe('Organisation name is 10000 characters long; the limit is 200');
    expect(q<HTMLInputElement>('#org-name')!.getAttribute('aria-invalid')).toBe('true');
    expect(q<HTMLInputElement>('#org-name')!.value).toBe(long);
    expect(oncreated).not.toHaveBeenCalled();
  });

  it('defaults to the commercial sector', () => {
    const { q } = render(vi.fn());
    expect(q<HTMLInputElement>('input[value="commercial"]')!.checked).toBe(true);
  });
});
