// Members and their face templates, sealed under the data key. Every multi-record change happens in one
// transaction, with encryption done before the transaction starts (an IndexedDB transaction commits as soon as
// it is left idle across an await on other work), so a failure leaves the store as it was.
import type { EnrolmentSource, FaceTemplate, Member, MemberProfile } from '../core/members/member';
import type { Database, WriteOptions } from './database';
import { StoreError } from './errors';
import type { KeyVault } from './key-vault';
import { type MemberRow, linkedPurchase } from './schema';
import { strings } from '../i18n/strings';

export interface NewTemplate {
  readonly modelId: string;
  readonly vector: Float32Array;
}

const memberContext = (id: string) => `members/${id}`;
export const templateContext = (id: string) => `templates/${id}`;

/** The audit action of a "Not this person" correction (Analytics counts them). */
export const WRONG_NAME_ACTION = 'visit.wrong-name';

export class MembersStore {
  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
  ) {}

  /**
   * Adds a member with their templates in one transaction: all of it is stored, or none. `enrolledFrom` says how
   * the templates were made (the app always says; 'unrecorded' only for callers that do not know).
   */
  async addMember(
    profile: MemberProfile,
    templates: readonly NewTemplate[],
    enrolledFrom: EnrolmentSource = 'unrecorded',
  ): Promise<Member> {
    this.vault.assertUnlocked();
    if (!profile.consent.agreedAt || !profile.consent.scopes.length)
      throw new StoreError(strings.errors.memberNeedsConsent);
    if (!profile.displayName.trim()) throw new StoreError(strings.errors.memberNeedsName);
    const member: Member = { ...profile, id: crypto.randomUUID(), createdAt: this.db.now(), enrolledFrom };
    const row = await this.memberRow(member.id, member.createdAt, enrolledFrom, profile);
    const templateRows = await Promise.all(templates.map((t) => this.#templateRow(member.id, t)));
    await this.db.write(['members', 'templates', 'audit'], async (tx) => {
      if (row.loyaltyLookup && (await tx.objectStore('members').index('byLoyalty').count(row.loyaltyLookup))) {
        throw new StoreError(strings.errors.loyaltyTaken);
      }
      await tx.objectStore('members').add(row);
      for (const t of templateRows) await tx.objectStore('templates').add(t);
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: 'member.enrolled', subject: member.id, staff: this.vault.actor?.id });
    });
    return member;
  }

  async addTemplates(memberId: string, templates: readonly NewTemplate[]): Promise<void> {
    this.vault.assertUnlocked();
    const rows = await Promise.all(templates.map((t) => this.#templateRow(memberId, t)));
    await this.db.write(['members', 'templates'], async (tx) => {
      if (!(await tx.objectStore('members').get(memberId))) throw new StoreError(strings.errors.memberGone);
      for (const r of rows) await tx.objectStore('templates').add(r);
    });
  }

  /**
   * Removes one face capture of a member (a wrong one, found through "Not this person"), audited. The member
   * keeps their other captures; a member needs at least one to be recognised, so the last one stays.
   */
  async removeTemplate(templateId: string): Promise<void> {
    const actor = this.vault.assertMay('enrol');
    await this.db.write(['templates', 'audit'], async (tx) => {
      const row = await tx.objectStore('templates').get(templateId);
      if (!row) throw new StoreError(strings.errors.captureGone);
      const left = await tx.objectStore('templates').index('byMember').count(row.memberId);
      if (left <= 1) throw new StoreError(strings.errors.lastCapture);
      await tx.objectStore('templates').delete(templateId);
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: 'member.capture-removed', subject: row.memberId, staff: actor.id });
    });
  }

  /**
   * Merges a duplicate member into another (managers only): the kept member gets the other's face captures,
   * visits, watch-list entries and, through the loyalty id, purchases (the kept member's loyalty id wins; if they
   * had none they take the other's), and the other record goes. One transaction; audited. Earlier audit rows about
   * the merged record now point to the kept one, so erasing the kept member later leaves no trace of either.
   */
  async mergeMembers(keepId: string, absorbId: string): Promise<Member> {
    const actor = this.vault.assertMay('merge');
    if (keepId === absorbId) throw new StoreError(strings.errors.mergeSame);
    const [keep, absorb] = await Promise.all([this.getMember(keepId), this.getMember(absorbId)]);
    if (!keep || !absorb) throw new StoreError(strings.errors.memberGone);
    const [keepLookup, absorbLookup] = await Promise.all([
      this.vault.memberLookup(keepId),
      this.vault.memberLookup(absorbId),
    ]);
    const loyaltyId = keep.loyaltyId ?? absorb.loyaltyId;
    const profile: MemberProfile = {
      displayName: keep.displayName,
      consent: keep.consent,
      ...(loyaltyId ? { loyaltyId } : {}),
    };
    const keepRow = await this.memberRow(keepId, keep.createdAt, keep.enrolledFrom, profile);
    const absorbLoyalty = absorb.loyaltyId ? await this.vault.customerLookup(absorb.loyaltyId) : undefined;
    // A new random id rather than the merged record's id, which the merge removes everywhere else.
    const absorbedSet = crypto.randomUUID();
    // Watch-list entries name the member inside their sealed part: re-sealed for the kept member beforehand
    // (no encryption inside the transaction, which would commit while it waits).
    const watchRows = await Promise.all(
      (await this.db.idb.getAllFromIndex('watchlist', 'byMember', absorbLookup)).map(async (row) => {
        const context = `watchlist/${row.id}`;
        const entry = await this.vault.openValue<Record<string, unknown>>(row.sealed, context);
        return {
          ...row,
          memberLookup: keepLookup,
          sealed: await this.vault.sealValue({ ...entry, memberId: keepId }, context),
        };
      }),
    );
    await this.db.write(['members', 'templates', 'visits', 'watchlist', 'purchases', 'audit'], async (tx) => {
      if (!(await tx.objectStore('members').get(absorbId))) throw new StoreError(strings.errors.memberGone);
      await tx.objectStore('members').delete(absorbId);
      await tx.objectStore('members').put(keepRow);
      // The merged record's own captures become one capture set; sets it had from earlier merges stay as they were.
      const templates = tx.objectStore('templates');
      for (const t of await templates.index('byMember').getAll(absorbId))
        await templates.put({ ...t, memberId: keepId, captureSet: t.captureSet ?? absorbedSet });
      const visits = tx.objectStore('visits');
      for (const v of await visits.index('byMember').getAll(absorbLookup))
        await visits.put({ ...v, memberLookup: keepLookup });
      for (const w of watchRows) await tx.objectStore('watchlist').put(w);
      if (absorbLoyalty && keepRow.loyaltyLookup && absorbLoyalty !== keepRow.loyaltyLookup) {
        const purchases = tx.objectStore('purchases');
        for (const p of await purchases.index('byCustomer').getAll(absorbLoyalty))
          await purchases.put(linkedPurchase({ ...p, customerLookup: keepRow.loyaltyLookup }));
      }
      let cursor = await tx.objectStore('audit').openCursor();
      while (cursor) {
        if (cursor.value.subject === absorbId) await cursor.update({ ...cursor.value, subject: keepId });
        cursor = await cursor.continue();
      }
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: 'member.merged', subject: keepId, staff: actor.id });
    });
    return { ...profile, id: keepId, createdAt: keep.createdAt, enrolledFrom: keep.enrolledFrom };
  }

  /** Staff said the counter named the wrong person ("Not this person"): audited, and counted in Analytics. */
  async logWrongName(memberId: string): Promise<void> {
    const actor = this.vault.assertMay('serve');
    await this.db.write(['audit'], async (tx) => {
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: WRONG_NAME_ACTION, subject: memberId, staff: actor.id });
    });
  }

  /**
   * A member's row as stored here: the profile sealed under this tablet's data key, the loyalty number as this
   * tablet's lookup hash. Also what replication writes a member from another tablet as (replicated-records.ts).
   */
  async memberRow(
    id: string,
    createdAt: number,
    enrolledFrom: EnrolmentSource,
    profile: MemberProfile,
  ): Promise<MemberRow> {
    return {
      id,
      createdAt,
      enrolledFrom,
      ...(profile.loyaltyId ? { loyaltyLookup: await this.vault.customerLookup(profile.loyaltyId) } : {}),
      sealed: await this.vault.sealValue(profile, memberContext(id)),
    };
  }

  async #templateRow(memberId: string, t: NewTemplate) {
    const id = crypto.randomUUID();
    const bytes = new Uint8Array(t.vector.buffer.slice(t.vector.byteOffset, t.vector.byteOffset + t.vector.byteLength));
    return {
      id,
      memberId,
      modelId: t.modelId,
      dim: t.vector.length,
      createdAt: this.db.now(),
      sealed: await this.vault.sealBytes(bytes, templateContext(id)),
    };
  }

  async getMember(id: string): Promise<Member | undefined> {
    this.vault.assertUnlocked();
    const row = await this.db.idb.get('members', id);
    return row ? this.#member(row) : undefined;
  }

  async listMembers(): Promise<Member[]> {
    this.vault.assertUnlocked();
    const rows = await this.db.idb.getAll('members');
    return Promise.all(rows.map((row) => this.#member(row)));
  }

  async #member(row: MemberRow): Promise<Member> {
    const profile = await this.vault.openValue<MemberProfile>(row.sealed, memberContext(row.id));
    // `??`: rows restored from a backup made before schema 5 lack the field.
    return { ...profile, id: row.id, createdAt: row.createdAt, enrolledFrom: row.enrolledFrom ?? 'unrecorded' };
  }

  async findMemberByLoyaltyId(loyaltyId: string): Promise<Member | undefined> {
    const lookup = await this.vault.customerLookup(loyaltyId);
    const row = await this.db.idb.getFromIndex('members', 'byLoyalty', lookup);
    return row ? this.getMember(row.id) : undefined;
  }

  /** All templates (decrypted), optionally only those of one embedding model. */
  async listTemplates(modelId?: string): Promise<FaceTemplate[]> {
    this.vault.assertUnlocked();
    const rows = modelId
      ? await this.db.idb.getAllFromIndex('templates', 'byModel', modelId)
      : await this.db.idb.getAll('templates');
    return Promise.all(
      rows.map(async (r) => {
        const bytes = await this.vault.openBytes(r.sealed, templateContext(r.id));
        return {
          id: r.id,
          memberId: r.memberId,
          modelId: r.modelId,
          createdAt: r.createdAt,
          ...(r.captureSet ? { captureSet: r.captureSet } : {}),
          vector: new Float32Array(bytes.buffer, bytes.byteOffset, r.dim),
        };
      }),
    );
  }

  /** Members whose templates were made by another model than `modelId`: they need re-enrolment. */
  async membersNeedingReenrolment(modelId: string): Promise<string[]> {
    const rows = await this.db.idb.getAll('templates');
    const current = new Set(rows.filter((r) => r.modelId === modelId).map((r) => r.memberId));
    return [...new Set(rows.filter((r) => r.modelId !== modelId && !current.has(r.memberId)).map((r) => r.memberId))];
  }

  /**
   * Changes a member's name, loyalty number ('' removes it) or consent record (a renewed consent). The loyalty
   * number stays unique; audited (without the values).
   */
  async updateMemberProfile(
    id: string,
    change: Partial<Pick<MemberProfile, 'displayName' | 'loyaltyId' | 'consent'>>,
  ): Promise<Member> {
    const actor = this.vault.assertMay('enrol');
    const current = await this.getMember(id);
    if (!current) throw new StoreError(strings.errors.memberGone);
    const displayName = (change.displayName ?? current.displayName).trim();
    if (!displayName) throw new StoreError(strings.errors.memberNeedsName);
    const loyaltyId = (change.loyaltyId ?? current.loyaltyId ?? '').trim();
    const profile: MemberProfile = {
      displayName,
      consent: change.consent ?? current.consent,
      ...(loyaltyId ? { loyaltyId } : {}),
    };
    const row = await this.memberRow(id, current.createdAt, current.enrolledFrom, profile);
    await this.db.write(['members', 'audit'], async (tx) => {
      if (row.loyaltyLookup) {
        const holders = await tx.objectStore('members').index('byLoyalty').getAllKeys(row.loyaltyLookup);
        if (holders.some((k) => k !== id)) throw new StoreError(strings.errors.loyaltyTaken);
      }
      await tx.objectStore('members').put(row);
      const action = change.consent ? 'member.consent-renewed' : 'member.edited';
      await tx.objectStore('audit').add({ at: this.db.now(), action, subject: id, staff: actor.id });
    });
    return { ...profile, id, createdAt: current.createdAt, enrolledFrom: current.enrolledFrom };
  }

  /** A member's face captures added later (from photos or the camera), audited. */
  async addCaptures(memberId: string, templates: readonly NewTemplate[]): Promise<void> {
    const actor = this.vault.assertMay('enrol');
    const rows = await Promise.all(templates.map((t) => this.#templateRow(memberId, t)));
    await this.db.write(['members', 'templates', 'audit'], async (tx) => {
      if (!(await tx.objectStore('members').get(memberId))) throw new StoreError(strings.errors.memberGone);
      for (const r of rows) await tx.objectStore('templates').add(r);
      await tx
        .objectStore('audit')
        .add({ at: this.db.now(), action: 'member.captures-added', subject: memberId, staff: actor.id });
    });
  }

  /**
   * Erases a member: their row, templates, visits and watch-list entries go, and their purchases are unlinked
   * (the shop keeps its sales figures, but nothing ties them to the person any more). The audit log records
   * that an erasure happened and who did it, with no personal data; earlier entries lose the member id.
   */
  async eraseMember(id: string): Promise<void> {
    const actor = this.vault.assertMay('erase');
    await this.#erase(id, { action: 'member.erased', staff: actor.id });
  }

  /**
   * Erases a member another tablet of the chain erased (replication: not sent back out). Audited as such; a
   * member this tablet never had is nothing to erase.
   */
  async eraseReplicated(id: string): Promise<void> {
    this.vault.assertUnlocked();
    await this.#erase(id, { action: 'member.erased-elsewhere' }, { replicated: true });
  }

  async #erase(id: string, audit: { action: string; staff?: string }, options: WriteOptions = {}): Promise<void> {
    const memberLookup = await this.vault.memberLookup(id);
    await this.db.write(
      ['members', 'templates', 'visits', 'watchlist', 'purchases', 'audit'],
      async (tx) => {
        const row = await tx.objectStore('members').get(id);
        if (!row) {
          if (options.replicated) return;
          throw new StoreError(strings.errors.memberGone);
        }
        await tx.objectStore('members').delete(id);
        for (const key of await tx.objectStore('templates').index('byMember').getAllKeys(id))
          await tx.objectStore('templates').delete(key);
        for (const key of await tx.objectStore('visits').index('byMember').getAllKeys(memberLookup))
          await tx.objectStore('visits').delete(key);
        for (const key of await tx.objectStore('watchlist').index('byMember').getAllKeys(memberLookup))
          await tx.objectStore('watchlist').delete(key);
        if (row.loyaltyLookup) {
          const purchases = tx.objectStore('purchases');
          for (const p of await purchases.index('byCustomer').getAll(row.loyaltyLookup)) {
            const { customerLookup: _unlinked, ...rest } = p;
            await purchases.put(linkedPurchase(rest));
          }
        }
        // Earlier audit entries keep what happened and when, but no longer say to whom.
        let cursor = await tx.objectStore('audit').openCursor();
        while (cursor) {
          if (cursor.value.subject === id) {
            const { subject: _removed, ...rest } = cursor.value;
            await cursor.update(rest);
          }
          cursor = await cursor.continue();
        }
        await tx.objectStore('audit').add({ at: this.db.now(), ...audit });
      },
      options,
    );
  }
}
