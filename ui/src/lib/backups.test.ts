// Unit tests of how the Backups screen describes a backup.
import { describe, expect, it } from 'vitest';
import { backupDate, backupHolds, backupReason, fileSize } from './backups';

describe('backup descriptions', () => {
  it('counts what a backup holds, with finals when there are any', () => {
    expect(backupHolds({ organisations: 2, assessments: 3, finalAssessments: 1 })).toBe(
      '2 organisations, 3 assessments (1 final)',
    );
    expect(backupHolds({ organisations: 1, assessments: 1, finalAssessments: 0 })).toBe('1 organisation, 1 assessment');
    expect(backupHolds({ organisations: null, assessments: null, finalAssessments: null })).toBe('contents unknown');
  });

  it('says sizes and reasons in words', () => {
    expect(fileSize(812)).toBe('812 bytes');
    expect(fileSize(49152)).toBe('48 KB');
    expect(fileSize(3.2 * 1024 * 1024)).toBe('3.2 MB');
    expect(backupReason('daily')).toBe('Daily, at start');
    expect(backupReason('before-migration-v2')).toBe('Kept before upgrading the database (version 2)');
    expect(backupReason('something-new')).toBe('something-new');
  });

  it('says when the date is not known', () => {
    expect(backupDate({ madeAt: null })).toBe('date unknown');
    expect(backupDate({ madeAt: 'not a date' })).toBe('date unknown');
    expect(backupDate({ madeAt: '2026-12-06T20:14:31.123+00:00' })).toMatch(/2026/);
  });

  it('writes the date the British way unless the user locale says otherwise', () => {
    expect(backupDate({ madeAt: '2026-12-06T21:55:00' }, 'en-GB')).toBe('6 Dec 2026, 21:55');
  });
});
