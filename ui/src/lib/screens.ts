// The screens beyond the home list, each loaded on first use (and fetched in the background once the first screen is drawn), so start-up parses only what the home screen needs.
export const screens = {
  organisation: () => import('./OrganisationView.svelte'),
  walk: () => import('./Walkthrough.svelte'),
  results: () => import('./Results.svelte'),
  compare: () => import('./Compare.svelte'),
  actions: () => import('./Actions.svelte'),
  files: () => import('./AssessmentFiles.svelte'),
  backups: () => import('./Backups.svelte'),
};

/** Fetches and compiles every screen's code ahead of its first use, after `delayMs`. */
export function preloadScreens(delayMs: number): void {
  setTimeout(() => {
    for (const load of Object.values(screens)) void load().catch(() => {});
  }, delayMs);
}
