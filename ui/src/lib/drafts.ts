// Drafts of typed text not yet committed (a note not yet added, an override or N/A reason not yet saved): kept in the database as the user types, so nothing typed is lost.
import { getContext, setContext } from 'svelte';

export type Drafts = {
  /** The draft of a field, if one is kept. */
  get(field: string): string | undefined;
  /** Keeps `text` as the field's draft (empty text forgets it); saved at once, newest wins. */
  keep(field: string, text: string): void;
  /** Resolves when every kept draft has been written. */
  flush(): Promise<void>;
};

/**
 * Drafts that write through `save`, one write in flight per field; a newer text for a field that is
 * being written is sent once the write ends, so the last text typed is the one stored.
 */
export function drafts(
  initial: Record<string, string>,
  save: (field: string, text: string) => Promise<unknown>,
  onerror?: (reason: unknown) => void,
): Drafts {
  const texts = new Map(Object.entries(initial));
  const waiting = new Map<string, string>();
  const writing = new Map<string, Promise<void>>();

  function write(field: string): Promise<void> {
    const running = writing.get(field);
    if (running) return running;
    const text = waiting.get(field);
    if (text === undefined) return Promise.resolve();
    waiting.delete(field);
    let failed = false;
    const done = save(field, text)
      .then(
        () => undefined,
        (reason) => {
          // Keep it for the next attempt (next keep or flush) unless something newer is waiting.
          failed = true;
          if (!waiting.has(field)) waiting.set(field, text);
          onerror?.(reason);
        },
      )
      .finally(() => {
        writing.delete(field);
      })
      .then(() => (!failed && waiting.has(field) && !writing.has(field) ? write(field) : undefined));
    writing.set(field, done);
    return done;
  }

  return {
    get: (field) => texts.get(field),
    keep(field, text) {
      if ((texts.get(field) ?? '') === text) return;
      if (text === '') texts.delete(field);
      else texts.set(field, text);
      waiting.set(field, text);
      void write(field);
    },
    async flush() {
      await Promise.all([...new Set([...writing.keys(), ...waiting.keys()])].map((f) => write(f)));
    },
  };
}

const KEY = Symbol('drafts');

export function provideDrafts(value: Drafts): void {
  setContext(KEY, value);
}

/** The walk-through's drafts, or none (e.g. a widget shown on its own). */
export function useDrafts(): Drafts | undefined {
  return getContext<Drafts | undefined>(KEY);
}

/** A draft that holds several values, as JSON; undefined when missing or unreadable. */
export function readDraft<T extends object>(text: string | undefined): Partial<T> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}
