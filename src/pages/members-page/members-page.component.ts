// <members-page>: the member list, enrolment (consent first), erasure on request, and the encrypted backup that
// moves a shop's data to a new tablet.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/enrol-wizard/enrol-wizard.component';
import './member-detail.component';
import { ObserveController } from '../../app/observable';
import { consume } from '../../app/services/context';
import { membersContext, staffContext } from '../../app/services/contexts';
import type { MembersService } from '../../app/services/members-service';
import type { StaffService } from '../../app/services/staff-service';
import type { Member } from '../../core/members/member';
import { formStyles } from '../../components/shared-styles/form-styles';
import { saveFile } from '../../components/save-file';
import { dateFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import { errorText } from '../../i18n/error-text';

declare global {
  interface HTMLElementTagNameMap {
    'members-page': MembersPage;
  }
}

const shortDate = () => dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });

@customElement('members-page')
export class MembersPage extends LitElement {
  static override styles = formStyles;

  @consume(membersContext) private members!: MembersService;
  @consume(staffContext) private staff!: StaffService;
  @state() private enrolling = location.hash.includes('enrol');
  @state() private message = '';
  @state() private error = '';
  @state() private filter = '';
  /** The member whose page is open. */
  @state() private openId = '';
  /** The merge chosen (ids), waiting for its confirmation when `confirmMerge` is set. */
  @state() private mergeKeep = '';
  @state() private mergeAbsorb = '';
  @state() private confirmMerge = false;
  #members: ObserveController<ReadonlyMap<string, Member>> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#members ??= new ObserveController(this, this.members.members);
  }

  async #erase(member: Member): Promise<void> {
    if (!confirm(strings.members.eraseConfirm(member.displayName))) return;
    try {
      await this.members.erase(member.id);
      this.message = strings.members.erased;
    } catch (err) {
      this.error = errorText(err);
    }
  }

  async #merge(): Promise<void> {
    const members = this.members.members.value;
    const keep = members.get(this.mergeKeep);
    const absorb = members.get(this.mergeAbsorb);
    this.confirmMerge = false;
    if (!keep || !absorb) return;
    this.error = '';
    try {
      await this.members.merge(keep.id, absorb.id);
      this.message = strings.members.merged(absorb.displayName, keep.displayName);
      this.mergeKeep = this.mergeAbsorb = '';
    } catch (err) {
      this.error = errorText(err);
    }
  }

  #renderMerge(all: readonly Member[]) {
    const t = strings.members;
    const names = new Map(all.map((m) => [m.id, m.displayName]));
    const select = (label: string, value: string, set: (id: string) => void) =>
      html`<label
        >${label}
        <select
          @change=${(e: Event) => {
            this.confirmMerge = false;
            set((e.target as HTMLSelectElement).value);
          }}
        >
          <option value="" ?selected=${value === ''}>${t.choose}</option>
          ${all.map((m) => html`<option value=${m.id} ?selected=${value === m.id}>${m.displayName}${m.loyaltyId ? ` (${m.loyaltyId})` : ''}</option>`)}
        </select></label
      >`;
    const ready = this.mergeKeep !== '' && this.mergeAbsorb !== '' && this.mergeKeep !== this.mergeAbsorb;
    return html`<section aria-labelledby="merge">
      <h3 id="merge">${t.mergeTitle}</h3>
      <p class="hint">${t.mergeHelp}</p>
      <div class="row">
        ${select(t.mergeKeep, this.mergeKeep, (id) => (this.mergeKeep = id))}
        ${select(t.mergeAbsorb, this.mergeAbsorb, (id) => (this.mergeAbsorb = id))}
        <button class="secondary" ?disabled=${!ready} @click=${() => (this.confirmMerge = true)}>${t.merge}</button>
      </div>
      ${
        this.confirmMerge && ready
          ? html`<div role="alertdialog" aria-labelledby="merge-q">
              <p id="merge-q">${t.mergeConfirm(names.get(this.mergeAbsorb) ?? '', names.get(this.mergeKeep) ?? '')}</p>
              <button class="danger" @click=${() => void this.#merge()}>${t.mergeYes}</button>
              <button class="secondary" @click=${() => (this.confirmMerge = false)}>${t.cancel}</button>
            </div>`
          : nothing
      }
    </section>`;
  }

  async #export(): Promise<void> {
    try {
      const file = await this.members.exportBackup();
      saveFile(file.name, new Blob([new Uint8Array(file.bytes)], { type: 'application/json' }));
      this.message = strings.members.exported(file.name);
    } catch (err) {
      this.error = errorText(err);
    }
  }

  async #import(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const passphrase = prompt(strings.members.importPassphrase) ?? '';
    if (!passphrase) return;
    this.error = '';
    try {
      const summary = await this.members.importBackup(new Uint8Array(await file.arrayBuffer()), passphrase);
      this.message = strings.members.imported(summary.members, summary.purchases);
      // The store is locked now (its key changed with the import); the shell shows the lock screen.
    } catch (err) {
      this.error = errorText(err);
    }
  }

  override render() {
    const t = strings.members;
    if (this.enrolling) {
      return html`<enrol-wizard
        @enrol-complete=${(e: CustomEvent<{ member: Member | undefined }>) => {
          this.enrolling = false;
          if (location.hash.includes('enrol')) location.hash = '#/members';
          if (e.detail.member) this.message = t.enrolled(e.detail.member.displayName);
        }}
      ></enrol-wizard>`;
    }
    if (this.openId && this.#members?.value.has(this.openId)) {
      return html`<member-detail
        .memberId=${this.openId}
        @member-detail-close=${() => (this.openId = '')}
      ></member-detail>`;
    }
    const members = [...(this.#members?.value.values() ?? [])]
      .filter(
        (m) =>
          !this.filter ||
          m.displayName.toLowerCase().includes(this.filter.toLowerCase()) ||
          m.loyaltyId?.includes(this.filter),
      )
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const sortedAll = [...(this.#members?.value.values() ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName),
    );
    // Erasure, merges and the backup (which holds everyone's personal data) are for managers.
    const mayErase = this.staff.may('erase');
    return html`<h2>${strings.pages.members.title}</h2>
      ${this.message ? html`<p class="message" role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button @click=${() => (this.enrolling = true)}>${t.enrol}</button>
        <label class="inline"
          >${t.search}
          <input
            type="search"
            .value=${this.filter}
            @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <section>
        ${
          members.length
            ? html`<div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t.name}</th>
                      <th scope="col">${t.loyalty}</th>
                      <th scope="col">${t.since}</th>
                      <th scope="col">${t.enrolledFrom}</th>
                      <th scope="col"><span class="visually-hidden">${t.actions}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${members.map(
                      (m) =>
                        html`<tr>
                          <td>
                            <button
                              class="link"
                              aria-label=${strings.memberPage.open(m.displayName)}
                              @click=${() => (this.openId = m.id)}
                            >
                              ${m.displayName}
                            </button>
                          </td>
                          <td>${m.loyaltyId ?? '—'}</td>
                          <td>${shortDate().format(m.createdAt)}</td>
                          <td>${t.enrolledVia[m.enrolledFrom]}</td>
                          <td>
                            ${
                              mayErase
                                ? html`<button
                                    class="danger"
                                    @click=${() => void this.#erase(m)}
                                    aria-label=${t.eraseLabel(m.displayName)}
                                  >
                                    ${t.erase}
                                  </button>`
                                : nothing
                            }
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${strings.pages.members.empty}</p>`
        }
      </section>
      ${this.staff.may('merge') && this.#members?.value.size ? this.#renderMerge(sortedAll) : nothing}
      ${
        this.staff.may('backup')
          ? html`<section aria-labelledby="backup">
              <h3 id="backup">${t.backup}</h3>
              <p class="hint">${t.backupHelp}</p>
              <div class="row">
                <button class="secondary" @click=${() => void this.#export()}>${t.export}</button>
                <label class="inline"
                  >${t.import} <input type="file" accept=".json,application/json" @change=${this.#import}
                /></label>
              </div>
            </section>`
          : nothing
      }`;
  }
}
