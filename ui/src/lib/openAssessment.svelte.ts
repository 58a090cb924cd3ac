// One open assessment's state, shared by its tabs: read from the database once when it opens, kept up to date by the tab that changes it, so switching tabs reads no database.
import type { AssessmentView, ChartView } from './bindings';
import { commands, toCommandError } from './ipc';
import { drafts as draftStore, type Drafts } from './drafts';
import { prefersDark } from './svg';

/** How long after the last change the charts are drawn ahead of Results (ms): a burst of
 * changes draws once, and Results opened a moment later finds them drawn or on their way. */
export const DRAW_AHEAD_MS = 150;

export type AssessmentSource = {
  openAssessment(id: number): Promise<AssessmentView>;
  drafts(id: number): Promise<Record<string, string>>;
  setDraft(id: number, field: string, text: string): Promise<unknown>;
  assessmentCharts(id: number, dark: boolean): Promise<ChartView[]>;
};

export class OpenAssessment {
  /** The assessment as the window shows it; `null` until the first read ends. */
  view = $state<AssessmentView | null>(null);
  /** Why the assessment could not be read, if it could not. */
  error = $state<string | null>(null);
  /** Why a draft could not be kept (shown until the next draft is kept). */
  draftError = $state<string | null>(null);
  /** Counts the changes made through this state (scores, notes, actions, finalising). */
  revision = $state(0);

  #reading: Promise<AssessmentView | null> | null = null;
  #drafts: Promise<Drafts> | null = null;
  #charts: { revision: number; dark: boolean; charts: Promise<ChartView[]> } | null = null;
  #drawAhead: ReturnType<typeof setTimeout> | null = null;
  // Bookkeeping of writes in flight, never shown: a plain Set on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #writes = new Set<Promise<unknown>>();

  constructor(
    readonly id: number,
    private readonly source: AssessmentSource = commands,
  ) {}

  /** The assessment, read once; later calls answer from memory. */
  load(): Promise<AssessmentView | null> {
    if (this.view) return Promise.resolve(this.view);
    this.#reading ??= this.source.openAssessment(this.id).then(
      (view) => {
        this.view = view;
        this.error = null;
        return this.view;
      },
      (reason) => {
        this.error = toCommandError(reason).message;
        this.#reading = null;
        return null;
      },
    );
    return this.#reading;
  }

  /** Reads the assessment again (after a change made elsewhere, such as finalising). */
  async reload(): Promise<AssessmentView | null> {
    await this.settled();
    this.view = null;
    this.#reading = null;
    this.changed();
    return this.load();
  }

  /** The drafts of typed text, read once and written through as the user types. */
  drafts(): Promise<Drafts> {
    this.#drafts ??= this.source.drafts(this.id).then((stored) =>
      draftStore(
        stored,
        (field, text) => this.source.setDraft(this.id, field, text).then(() => (this.draftError = null)),
        (reason) => (this.draftError = toCommandError(reason).message),
      ),
    );
    return this.#drafts;
  }

  /** Records that something changed, so what is drawn from the database (charts) is drawn again,
   * ahead of Results: once the changes pause for `DRAW_AHEAD_MS`. */
  changed(): void {
    this.revision += 1;
    if (this.#drawAhead !== null) clearTimeout(this.#drawAhead);
    this.#drawAhead = setTimeout(() => {
      this.#drawAhead = null;
      void this.charts(prefersDark()).catch(() => {});
    }, DRAW_AHEAD_MS);
  }

  /** Keeps a write in view until it ends, so a tab opened meanwhile waits for it (see `settled`). */
  track<T>(write: Promise<T>): Promise<T> {
    this.#writes.add(write);
    const done = () => this.#writes.delete(write);
    write.then(done, done);
    return write;
  }

  /** Resolves once every write started through `track` has ended. */
  async settled(): Promise<void> {
    while (this.#writes.size > 0) await Promise.allSettled([...this.#writes]);
  }

  /** The charts of the assessment as it is now; drawn again only after a change or a theme switch. */
  charts(dark: boolean): Promise<ChartView[]> {
    const revision = this.revision;
    const kept = this.#charts;
    if (kept && kept.revision === revision && kept.dark === dark) return kept.charts;
    const charts = this.settled().then(() => this.source.assessmentCharts(this.id, dark));
    this.#charts = { revision, dark, charts };
    charts.catch(() => {
      if (this.#charts?.charts === charts) this.#charts = null;
    });
    return charts;
  }
}
