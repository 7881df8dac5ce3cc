// Staff users: who is signed in (and what their role lets them do), the list of users for managers, adding and
// removing users, and changing one's own passphrase. The key vault does the key work and enforces the roles; this
// keeps what the screens show in step with it.
import { Observable } from '../../core/observable';
import { type Permission, type Role, type StaffUser, may } from '../../core/staff/staff-user';
import { WrongPassphraseError } from '../../store/errors';
import type { KeyVault } from '../../store/key-vault';
import { strings } from '../../i18n/strings';

type Vault = Pick<
  KeyVault,
  'actor' | 'listUsers' | 'addUser' | 'removeUser' | 'renameUser' | 'changePassphrase' | 'isUnlocked'
>;

/** A user's name as the screens show it: unnamed first managers are "Manager", in the shop's language. */
export function staffName(user: Pick<StaffUser, 'name'>): string {
  return user.name || strings.staff.defaultManagerName;
}

export class StaffService {
  /** The signed-in user, with their name (undefined while locked). */
  readonly me = new Observable<StaffUser | undefined>(undefined);
  /** Every user (managers only; empty for staff and while locked). */
  readonly users = new Observable<readonly StaffUser[]>([]);

  constructor(private readonly vault: Vault) {}

  /** Whether the signed-in user may do `permission` (false while locked). */
  may(permission: Permission): boolean {
    return may(this.vault.actor?.role, permission);
  }

  /** Unlocked: learn who it is. */
  async load(): Promise<void> {
    const actor = this.vault.actor;
    if (!actor) return;
    const all = await this.vault.listUsers();
    this.me.set(all.find((u) => u.id === actor.id));
    this.users.set(may(actor.role, 'staff-users') ? all : []);
  }

  /** Locked: nobody is signed in. */
  clear(): void {
    this.me.set(undefined);
    this.users.set([]);
  }

  async add(ownPassphrase: string, user: { name: string; role: Role; passphrase: string }): Promise<void> {
    await ownPassphraseChecked(this.vault.addUser(ownPassphrase, user));
    await this.load();
  }

  async remove(id: string): Promise<void> {
    await this.vault.removeUser(id);
    await this.load();
  }

  async rename(id: string, name: string): Promise<void> {
    await this.vault.renameUser(id, name);
    await this.load();
  }

  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    return ownPassphraseChecked(this.vault.changePassphrase(oldPassphrase, newPassphrase));
  }
}

/** A wrong passphrase here is the user's own, re-typed to confirm: say so (not "wrong passphrase" as at unlock). */
async function ownPassphraseChecked<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof WrongPassphraseError) throw new Error(strings.staff.wrongOwn, { cause: err });
    throw err;
  }
}
