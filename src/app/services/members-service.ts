// Members: the decrypted list (empty while locked), the gallery the counter recognises them against, enrolment,
// erasure on request, and the encrypted backup that moves a shop's members (and everything else) to a new tablet.
import { Observable } from '../../core/observable';
import type { Consent, Member, MemberProfile } from '../../core/members/member';
import { type Gallery, type OpenSetPolicy, buildGallery } from '../../core/recognition/gallery';
import { policyForStrictness } from '../../core/recognition/strictness';
import { dot } from '../../core/tracking/vectors';
import { CONSENT_POLICY_VERSION } from '../../core/members/consent';
import { type BackupFile, type ImportSummary, exportBackup, importBackup } from '../../store/backup';
import type { Database } from '../../store/database';
import type { KeyVault } from '../../store/key-vault';
import type { MembersStore } from '../../store/members-store';
import type { EngineService } from './engine-service';
import type { SettingsService } from './settings-service';
import { strings } from '../../i18n/strings';

/** One face capture of a member, as the member page shows it. */
export interface MemberCapture {
  readonly id: string;
  readonly createdAt: number;
  /** The highest similarity to any other member's capture (undefined when there is nobody else). */
  readonly closestOther: number | undefined;
}

export interface MembersDeps {
  readonly store: Pick<
    MembersStore,
    | 'listMembers'
    | 'listTemplates'
    | 'addMember'
    | 'eraseMember'
    | 'removeTemplate'
    | 'logWrongName'
    | 'mergeMembers'
    | 'updateMemberProfile'
    | 'addCaptures'
  >;
  readonly vault: KeyVault;
  /** For the backup, which copies every record kind. */
  readonly database: Database;
  readonly engine: Pick<EngineService, 'info' | 'embeddingModel'>;
  readonly settings: SettingsService;
}

export class MembersService {
  /** Members by id (decrypted; empty while locked). */
  readonly members = new Observable<ReadonlyMap<string, Member>>(new Map());
  #gallery: Gallery | undefined;
  #policy: OpenSetPolicy;

  constructor(private readonly deps: MembersDeps) {
    this.#policy = policyForStrictness(deps.settings.value.strictness);
    deps.settings.settings.subscribe((s) => {
      this.#policy = policyForStrictness(s.strictness);
    });
  }

  /** The enrolled members' templates, as a matrix to match faces against (undefined while locked). */
  get gallery(): Gallery | undefined {
    return this.#gallery;
  }

  /** How sure a match must be, from the strictness setting. */
  get policy(): OpenSetPolicy {
    return this.#policy;
  }

  /** Reloads members and rebuilds the gallery matrix (after unlocking, enrolment, erasure). */
  async refresh(): Promise<void> {
    if (!this.deps.vault.isUnlocked) return;
    const info = this.deps.engine.info.value;
    const [members, templates] = await Promise.all([
      this.deps.store.listMembers(),
      this.deps.store.listTemplates(info?.embeddingModel),
    ]);
    this.members.set(new Map(members.map((m) => [m.id, m])));
    this.#gallery = buildGallery(templates, info?.embeddingDim);
  }

  /** Locked: names and templates leave memory. */
  clear(): void {
    this.members.set(new Map());
    this.#gallery = undefined;
  }

  /**
   * Stores a new member with their templates (one transaction) and rebuilds the gallery. The consent is recorded
   * as taken by the signed-in staff user.
   */
  async enrol(
    details: Omit<MemberProfile, 'consent'> & { readonly consent: Omit<Consent, 'staff'> },
    templates: readonly Float32Array[],
    enrolledFrom: 'camera' | 'photos',
  ): Promise<Member> {
    const modelId = this.deps.engine.embeddingModel;
    if (!modelId) throw new Error(strings.errors.engineNotReady);
    if (!templates.length) throw new Error(strings.errors.noCaptures);
    const actor = this.deps.vault.assertMay('enrol');
    const profile: MemberProfile = { ...details, consent: { ...details.consent, staff: actor.id } };
    const member = await this.deps.store.addMember(
      profile,
      templates.map((vector) => ({ modelId, vector })),
      enrolledFrom,
    );
    await this.refresh();
    return member;
  }

  /** Erases a member everywhere and forgets them in memory. */
  async erase(memberId: string): Promise<void> {
    await this.deps.store.eraseMember(memberId);
    await this.refresh();
  }

  /**
   * Staff said the counter named the wrong person: audited, and the member's capture closest to the face seen is
   * returned (with its similarity) so staff can remove it if it is a wrong capture.
   */
  async wrongName(
    memberId: string,
    face: Float32Array | undefined,
  ): Promise<{ templateId: string; similarity: number; captures: number } | undefined> {
    await this.deps.store.logWrongName(memberId);
    if (!face) return undefined;
    const templates = (await this.deps.store.listTemplates(this.deps.engine.embeddingModel)).filter(
      (t) => t.memberId === memberId,
    );
    let best: { templateId: string; similarity: number } | undefined;
    for (const t of templates) {
      const similarity = dot(t.vector, face);
      if (!best || similarity > best.similarity) best = { templateId: t.id, similarity };
    }
    return best && { ...best, captures: templates.length };
  }

  /** Changes a member's name or loyalty number ('' removes it). */
  async updateDetails(memberId: string, change: { displayName: string; loyaltyId: string }): Promise<void> {
    await this.deps.store.updateMemberProfile(memberId, change);
    await this.refresh();
  }

  /** The customer agreed again, to the current consent text, with the same scopes; taken by whoever is signed in. */
  async renewConsent(memberId: string): Promise<void> {
    const member = this.members.value.get(memberId);
    if (!member) throw new Error(strings.errors.memberGone);
    const actor = this.deps.vault.assertMay('enrol');
    const consent: Consent = {
      policyVersion: CONSENT_POLICY_VERSION,
      scopes: member.consent.scopes,
      agreedAt: Date.now(),
      staff: actor.id,
    };
    await this.deps.store.updateMemberProfile(memberId, { consent });
    await this.refresh();
  }

  /**
   * A member's face captures (of the engine's current model), each with how close it comes to any other member's
   * captures: a capture that looks like someone else is the one that gets the wrong name.
   */
  async captures(memberId: string): Promise<MemberCapture[]> {
    const templates = await this.deps.store.listTemplates(this.deps.engine.embeddingModel);
    const others = templates.filter((t) => t.memberId !== memberId);
    return templates
      .filter((t) => t.memberId === memberId)
      .map((t) => ({
        id: t.id,
        createdAt: t.createdAt,
        closestOther: others.length ? Math.max(...others.map((o) => dot(o.vector, t.vector))) : undefined,
      }));
  }

  /** More face captures for a member (from photo files), then the gallery is rebuilt. */
  async addCaptures(memberId: string, vectors: readonly Float32Array[]): Promise<void> {
    const modelId = this.deps.engine.embeddingModel;
    if (!modelId) throw new Error(strings.errors.engineNotReady);
    if (!vectors.length) throw new Error(strings.errors.noCaptures);
    await this.deps.store.addCaptures(
      memberId,
      vectors.map((vector) => ({ modelId, vector })),
    );
    await this.refresh();
  }

  /** Merges a duplicate member into another (managers only) and rebuilds the gallery. */
  async merge(keepId: string, absorbId: string): Promise<Member> {
    const kept = await this.deps.store.mergeMembers(keepId, absorbId);
    await this.refresh();
    return kept;
  }

  /** Removes one capture of a member and rebuilds the gallery. */
  async removeCapture(templateId: string): Promise<void> {
    await this.deps.store.removeTemplate(templateId);
    await this.refresh();
  }

  exportBackup(): Promise<BackupFile> {
    return exportBackup(this.deps.database, this.deps.vault);
  }

  /** Replaces this device's data with a backup's; the vault locks (the key came with the backup). */
  importBackup(bytes: Uint8Array, passphrase: string): Promise<ImportSummary> {
    return importBackup(this.deps.database, this.deps.vault, bytes, passphrase);
  }
}
