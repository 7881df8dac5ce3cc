import { describe, expect, it } from 'vitest';
import { may, removalProblem } from './staff-user';

describe('roles', () => {
  it('staff serve, enrol and sell; only managers do the rest', () => {
    for (const p of ['serve', 'enrol', 'sell'] as const) {
      expect(may('staff', p)).toBe(true);
      expect(may('manager', p)).toBe(true);
    }
    for (const p of [
      'erase',
      'merge',
      'export-personal',
      'backup',
      'watchlist',
      'settings',
      'staff-users',
      'audit',
    ] as const) {
      expect(may('staff', p)).toBe(false);
      expect(may('manager', p)).toBe(true);
    }
  });

  it('nobody may do anything while nobody is signed in', () => {
    expect(may(undefined, 'serve')).toBe(false);
  });

  it('a user cannot remove themselves, nor the last manager', () => {
    const users = [
      { id: 'm1', role: 'manager' as const },
      { id: 's1', role: 'staff' as const },
    ];
    expect(removalProblem(users, 'm1', 'm1')).toBe('self');
    expect(removalProblem(users, 's1', 'm1')).toBeUndefined();
    expect(removalProblem([...users, { id: 'm2', role: 'manager' }], 'm1', 'm2')).toBeUndefined();
    expect(removalProblem(users, 'm1', 'x')).toBe('last-manager');
    expect(removalProblem(users, 'nobody', 'm1')).toBe('unknown');
  });
});
