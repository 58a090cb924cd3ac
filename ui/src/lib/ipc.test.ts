// Unit tests of the IPC error normalisation: every rejection becomes a readable CommandError.
import { describe, expect, it } from 'vitest';
import { CommandError, toCommandError } from './ipc';

describe('toCommandError', () => {
  it('keeps the code and message of a Keel error', () => {
    const e = toCommandError({ code: 'duplicate_name', message: 'An organisation named "Acme" already exists' });
    expect(e).toBeInstanceOf(CommandError);
    expect(e.code).toBe('duplicate_name');
    expect(e.message).toBe('An organisation named "Acme" already exists');
  });

  it('turns a bare string from Tauri into an internal error with that text', () => {
    const e = toCommandError('command create_organisation not allowed by ACL');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('command create_organisation not allowed by ACL');
  });

  it('never produces an empty message', () => {
    for (const reason of [undefined, null, '', 42, {}]) {
      const e = toCommandError(reason);
      expect(e.code).toBe('internal');
      expect(e.message.length).toBeGreaterThan(10);
    }
  });

  it('passes a CommandError through unchanged', () => {
    const original = new CommandError('invalid_name', 'Organisation name is empty');
    expect(toCommandError(original)).toBe(original);
  });
});
