// Typed calls to Keel's Tauri commands; every failure becomes a CommandError with code and message.
import { invoke } from '@tauri-apps/api/core';
import type { DatabaseStatus, ErrorCode, IpcError, Organisation, Sector } from './bindings';

/** A command failed; `message` is written for the user, `code` is for branching. */
export class CommandError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/** Normalises whatever `invoke` rejected with (our `{code, message}`, a Tauri string, an Error). */
export function toCommandError(reason: unknown): CommandError {
  if (reason instanceof CommandError) return reason;
  if (isIpcError(reason)) return new CommandError(reason.code, reason.message);
  if (reason instanceof Error) return new CommandError('internal', reason.message);
  if (typeof reason === 'string' && reason.length > 0) return new CommandError('internal', reason);
  return new CommandError('internal', 'Keel did not answer as expected; please try again.');
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toCommandError(reason);
  }
}

export const commands = {
  databaseStatus: () => call<DatabaseStatus>('database_status'),
  listOrganisations: () => call<Organisation[]>('list_organisations'),
  createOrganisation: (name: string, sector: Sector) =>
    call<Organisation>('create_organisation', { name, sector }),
};
