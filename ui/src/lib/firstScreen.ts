// The home screen's two questions (the database's state, the organisations), asked before the app's code is loaded so Keel answers while the window parses it.
import type { DatabaseStatus, Organisation } from './bindings';
import { commands } from './ipc';

export type FirstScreen = {
  status: Promise<DatabaseStatus>;
  organisations: Promise<Organisation[]>;
};

/** Asks both at once; a rejection is handled by whoever awaits it. */
export function askFirstScreen(): FirstScreen {
  const first = { status: commands.databaseStatus(), organisations: commands.listOrganisations() };
  // Not awaited when the status reports a problem: never an unhandled rejection.
  first.organisations.catch(() => {});
  first.status.catch(() => {});
  return first;
}
