import { describe, expect, it } from 'vitest';
import { NotAllowedError } from '../../store/errors';
import { openTestStore } from '../../store/test-support';
import { AuditService, kindOf } from './audit-service';

describe('AuditService', () => {
  it('lists a range of one kind, newest first, for managers only, and exports it without names', async () => {
    let now = 1_000_000;
    const store = await openTestStore(undefined, () => now);
    await store.vault.setUp('manager passphrase', 'Maria Manager');
    const audit = new AuditService({ log: store.audit, vault: store.vault });
    now += 1000;
    await store.audit.add('member.erased', undefined, store.vault.actor?.id);
    now += 1000;
    await store.audit.add('watchlist.flagged', 'w1', store.vault.actor?.id);
    now += 1000;
    await store.audit.add('member.enrolled', 'm2', store.vault.actor?.id);
    await audit.opened();

    const members = await audit.list(1_000_500, now + 1, 'member');
    expect(members.map((r) => r.action)).toEqual(['member.enrolled', 'member.erased']);
    expect((await audit.list(0, now + 1)).map((r) => r.action)).toContain('audit.viewed');
    expect(await audit.list(0, 1_001_500)).toHaveLength(2); // store.created and member.erased

    const csv = audit.csv(members);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFtime,action,record,staff_user');
    expect(csv).toContain(`member.enrolled,m2,${store.vault.actor?.id}`);
    expect(csv).not.toContain('Maria');

    await store.vault.addUser('manager passphrase', { name: 'Sam', role: 'staff', passphrase: 'sam passphrase' });
    store.vault.lock();
    await store.vault.unlock('sam passphrase');
    await expect(audit.list(0, now + 1)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(audit.opened()).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('groups actions into the kinds the screen filters by', () => {
    expect(kindOf('unlocked')).toBe('unlock');
    expect(kindOf('unlock.failed')).toBe('unlock');
    expect(kindOf('sales.imported')).toBe('sale');
    expect(kindOf('staff.added.manager')).toBe('staff');
  });
});
