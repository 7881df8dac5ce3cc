// Staff users and what each role may do. Every user has their own passphrase, each wrapping the same data key,
// so adding or removing a user never re-encrypts data. Two roles: staff serve at the counter; managers also do
// what touches people's rights or the shop's set-up (erasure, merges, personal exports, the watch-list, settings,
// staff users, the audit log).

export type Role = 'manager' | 'staff';

export const ROLES: readonly Role[] = ['manager', 'staff'];

/** A staff user as the app shows them (the name is sealed at rest). */
export interface StaffUser {
  /** Random id: what the audit log records, never the name. */
  readonly id: string;
  readonly role: Role;
  /** '' for a first manager who gave no name (and the one made from the shared passphrase at schema 6). */
  readonly name: string;
  readonly createdAt: number;
}

/** Who is signed in: enough to check rights and to stamp the audit log. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
}

export type Permission =
  | 'serve'
  | 'enrol'
  | 'sell'
  | 'erase'
  | 'merge'
  | 'export-personal'
  | 'backup'
  | 'watchlist'
  | 'settings'
  | 'staff-users'
  | 'audit';

const STAFF_MAY: ReadonlySet<Permission> = new Set(['serve', 'enrol', 'sell']);

export function may(role: Role | undefined, permission: Permission): boolean {
  if (role === 'manager') return true;
  return role === 'staff' && STAFF_MAY.has(permission);
}

/**
 * Whether removing `id` would leave the shop without a manager, or remove the user doing it (a manager who wants
 * to leave asks another manager: nobody locks themselves out by accident).
 */
export function removalProblem(
  users: readonly Pick<StaffUser, 'id' | 'role'>[],
  id: string,
  actorId: string,
): 'self' | 'last-manager' | 'unknown' | undefined {
  const user = users.find((u) => u.id === id);
  if (!user) return 'unknown';
  if (id === actorId) return 'self';
  if (user.role === 'manager' && users.filter((u) => u.role === 'manager').length === 1) return 'last-manager';
  return undefined;
}
