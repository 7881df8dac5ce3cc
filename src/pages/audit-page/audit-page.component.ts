// <audit-page>: the audit log for managers: what was done, when, by which staff user and to which record, for a
// date range and a kind of action, with a CSV export (times, actions, record ids and staff user ids: no names).
// Opening it is recorded in the log too.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { auditContext, staffContext } from '../../app/services/contexts';
import { AUDIT_KINDS, type AuditKind, type AuditService } from '../../app/services/audit-service';
import { type StaffService, staffName } from '../../app/services/staff-service';
import { isoDate, isoDateStart } from '../../core/catalogue/catalogue';
import { DAY } from '../../core/time/durations';
import { formStyles } from '../../components/shared-styles/form-styles';
import { saveFile } from '../../components/save-file';
import { dateFormat } from '../../i18n/formats';
import { errorText } from '../../i18n/error-text';
import { strings } from '../../i18n/strings';
import { managerOnly } from '../manager-only';

declare global {
  interface HTMLElementTagNameMap {
    'audit-page': AuditPage;
  }
}

type Row = Awaited<ReturnType<AuditService['list']>>[number];

@customElement('audit-page')
export class AuditPage extends LitElement {
  static override styles = formStyles;

  @consume(auditContext) private audit!: AuditService;
  @consume(staffContext) private staff!: StaffService;
  @state() private from = isoDateStart(isoDate(Date.now())) - 6 * DAY;
  @state() private to = isoDateStart(isoDate(Date.now())) + DAY;
  @state() private kind: AuditKind | '' = '';
  @state() private rows: readonly Row[] = [];
  @state() private error = '';
  #observing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#observing) observe(this, this.staff.users);
    this.#observing = true;
    if (this.staff.may('audit'))
      void this.audit.opened().then(
        () => this.#load(),
        (err: unknown) => (this.error = errorText(err)),
      );
  }

  async #load(): Promise<void> {
    try {
      this.rows = await this.audit.list(this.from, this.to, this.kind || undefined);
      this.error = '';
    } catch (err) {
      this.error = errorText(err);
    }
  }

  #who(id: string | undefined): string {
    if (!id) return '—';
    const user = this.staff.users.value.find((u) => u.id === id);
    return user ? staffName(user) : strings.auditPage.formerStaff;
  }

  #export(): void {
    saveFile(
      `audit-${isoDate(this.from)}-${isoDate(this.to - DAY)}.csv`,
      new Blob([this.audit.csv(this.rows)], { type: 'text/csv' }),
    );
  }

  override render() {
    const t = strings.auditPage;
    if (!this.staff.may('audit')) return managerOnly(strings.pages.audit.title, t.managerOnly);
    const title = html`<h2>${strings.pages.audit.title}</h2>`;
    const time = dateFormat({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    return html`${title}
      <p class="hint">${t.help}</p>
      <div class="row">
        <label
          >${t.from}
          <input
            type="date"
            .value=${isoDate(this.from)}
            @change=${(e: Event) => ((this.from = isoDateStart((e.target as HTMLInputElement).value)), void this.#load())}
        /></label>
        <label
          >${t.to}
          <input
            type="date"
            .value=${isoDate(this.to - DAY)}
            @change=${(e: Event) => ((this.to = isoDateStart((e.target as HTMLInputElement).value) + DAY), void this.#load())}
        /></label>
        <label
          >${t.kind}
          <select
            @change=${(e: Event) => ((this.kind = (e.target as HTMLSelectElement).value as AuditKind | ''), void this.#load())}
          >
            <option value="" ?selected=${this.kind === ''}>${t.allKinds}</option>
            ${AUDIT_KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t.kinds[k]}</option>`)}
          </select>
        </label>
        <button class="secondary" ?disabled=${!this.rows.length} @click=${() => this.#export()}>${t.export}</button>
      </div>
      ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
      <section>
        ${
          this.rows.length
            ? html`<div class="table-wrap">
                <table data-testid="audit-log">
                  <thead>
                    <tr>
                      <th scope="col">${t.time}</th>
                      <th scope="col">${t.action}</th>
                      <th scope="col">${t.record}</th>
                      <th scope="col">${t.user}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this.rows.map(
                      (r) =>
                        html`<tr>
                          <td>${time.format(r.at)}</td>
                          <td><code>${r.action}</code></td>
                          <td>${r.subject ? html`<code>${r.subject.slice(0, 8)}</code>` : '—'}</td>
                          <td>${this.#who(r.staff)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${t.empty}</p>`
        }
      </section>`;
  }
}
