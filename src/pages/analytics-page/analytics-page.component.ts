// <analytics-page>: footfall, unique and returning visitors, dwell, demographics, emotion over time, zones, the
// member visit log and conversion, for a date range; every table exportable as CSV.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/analytics-chart/analytics-chart.component';
import { consume } from '../../app/services/context';
import { auditContext, membersContext, staffContext, syncContext, visitsContext } from '../../app/services/contexts';
import type { StaffService } from '../../app/services/staff-service';
import type { AuditService } from '../../app/services/audit-service';
import type { MembersService } from '../../app/services/members-service';
import type { VisitsService } from '../../app/services/visits-service';
import type { SyncService } from '../../app/services/sync-service';
import { ALL_SHOPS, type AttendanceRow } from '../../app/analytics/analytics-data';
import { type AnalyticsSummary, DAY, dayStart } from '../../core/analytics/aggregates';
import { type Gap, gapsInRange } from '../../core/analytics/counting-gaps';
import { toCsv } from '../../core/analytics/csv-export';
import { isoDate, isoDateStart } from '../../core/catalogue/catalogue';
import { saveFile } from '../../components/save-file';
import { EMOTIONS } from '../../shared/face-engine-api';
import { formStyles } from '../../components/shared-styles/form-styles';
import { dateFormat, num, numberFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import { zoneName } from '../../i18n/zone-name';
import { css } from 'lit';

declare global {
  interface HTMLElementTagNameMap {
    'analytics-page': AnalyticsPage;
  }
}

const timeFmt = () => dateFormat({ dateStyle: 'medium', timeStyle: 'short' });
const hourFmt = () => dateFormat({ hour: '2-digit', minute: '2-digit' });
const dayFmt = () => dateFormat({ day: 'numeric', month: 'short' });

@customElement('analytics-page')
export class AnalyticsPage extends LitElement {
  static override styles = [
    formStyles,
    css`
      .notice {
        border: 1px solid var(--warning, #f59e0b);
        border-radius: var(--radius, 12px);
        padding: var(--space-2, 8px) var(--space-3, 12px);
        margin-bottom: var(--space-3, 12px);
      }
      .notice ul {
        margin: var(--space-1, 4px) 0 0;
      }
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: var(--space-3, 12px);
        margin-bottom: var(--space-4, 16px);
      }
      .tile {
        background: var(--surface, #16212c);
        border: 1px solid var(--border, #2c3b4a);
        border-radius: var(--radius, 12px);
        padding: var(--space-3, 12px);
      }
      .tile strong {
        display: block;
        font-size: 1.6rem;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: var(--space-4, 16px);
      }
    `,
  ];

  @consume(visitsContext) private visits!: VisitsService;
  @consume(membersContext) private members!: MembersService;
  @consume(auditContext) private audit!: AuditService;
  @consume(staffContext) private staff!: StaffService;
  @consume(syncContext) private sync!: SyncService;
  @state() private from = dayStart(Date.now()) - 6 * DAY;
  @state() private to = dayStart(Date.now()) + DAY;
  @state() private zone = '';
  /** The shop of the chain shown: '' for this one, a name, or ALL_SHOPS. */
  @state() private shop = '';
  /** The chain's other shops whose figures are here (none unless the shop syncs). */
  @state() private otherShops: string[] = [];
  @state() private summary: AnalyticsSummary | undefined;
  @state() private attendance: AttendanceRow[] = [];
  @state() private attendanceTruncated = false;
  @state() private purchasesByMembers: number | undefined = 0;
  @state() private search = '';
  @state() private queryMs = 0;
  @state() private wrongNames = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  /** This tablet's shop in the chain, while it syncs. */
  get #ownShop(): string | undefined {
    return this.sync.connection.value?.shop;
  }

  async #load(): Promise<void> {
    const own = this.#ownShop;
    this.otherShops = own ? (await this.visits.chainShops()).filter((s) => s !== own) : [];
    if (!this.otherShops.length) this.shop = '';
    const data = await this.visits.analytics(
      {
        from: this.from,
        to: this.to,
        zone: this.zone || undefined,
        shop: own && this.shop ? { show: this.shop, own } : undefined,
      },
      this.members.members.value.values(),
      strings.analytics.formerMember,
    );
    this.summary = data.summary;
    this.attendance = [...data.attendance];
    this.attendanceTruncated = data.attendanceTruncated;
    this.purchasesByMembers = data.purchasesByMembers;
    this.queryMs = data.timings.total;
    this.wrongNames = this.#showingOwnShop ? await this.audit.wrongNames(this.from, this.to) : 0;
  }

  get #showingOwnShop(): boolean {
    return !this.shop || this.shop === this.#ownShop;
  }

  #setRange(days: number): void {
    this.to = dayStart(Date.now()) + DAY;
    this.from = this.to - days * DAY;
    void this.#load();
  }

  #download(name: string, rows: (string | number)[][]): void {
    saveFile(
      `${name}-${isoDate(this.from)}-${isoDate(this.to - 1)}.csv`,
      new Blob([toCsv(rows)], { type: 'text/csv' }),
    );
  }

  /** Names, so a personal export: managers only, audited, and the file says what it is. */
  async #exportMemberVisits(): Promise<void> {
    await this.audit.personalExport('member-visits');
    this.#download('personal-data-member-visits', [
      ['member', 'arrived', 'left', 'zone'],
      ...this.attendance.map((a) => [a.name, new Date(a.start).toISOString(), new Date(a.end).toISOString(), a.zone]),
    ]);
  }

  #exportTables(): void {
    const s = this.summary;
    if (!s) return;
    this.#download('footfall-by-day', [
      ['day', 'visits', 'unique visitors'],
      ...s.footfallByDay.map(([d, v, u]) => [isoDate(d), v, u]),
    ]);
  }

  /** A chain's shops: this one, each other shop whose figures are here, and all of them. */
  #renderShopChoice() {
    const own = this.#ownShop;
    if (!own || !this.otherShops.length) return nothing;
    const t = strings.analytics;
    return html`<label class="inline"
      >${t.shop}
      <select
        data-testid="shop-choice"
        @change=${(e: Event) => (
          (this.shop = (e.target as HTMLSelectElement).value),
          (this.zone = ''),
          void this.#load()
        )}
      >
        <option value="" ?selected=${!this.shop}>${t.thisShop(own)}</option>
        ${this.otherShops.map((s) => html`<option value=${s} ?selected=${s === this.shop}>${s}</option>`)}
        <option value=${ALL_SHOPS} ?selected=${this.shop === ALL_SHOPS}>${t.allShops}</option>
      </select>
    </label>`;
  }

  /** When nothing was counted in the range (recorded, and going on now): a gap in the figures, said so. */
  #renderCameraOff(s: AnalyticsSummary) {
    const now = Date.now();
    // This counter's own gap going on now belongs to this shop's figures only.
    const ongoing = this.#showingOwnShop ? this.visits.notCountingSince(now) : undefined;
    const gaps: Gap[] = gapsInRange([...s.cameraOff, ...(ongoing ? [ongoing] : [])], this.from, Math.min(this.to, now));
    if (!gaps.length) return nothing;
    const t = strings.analytics;
    return html`<div class="notice" role="note" data-testid="camera-off">
      <strong>${t.cameraOff(gaps.length)}</strong>
      <ul>
        ${gaps.map(([a, b]) => html`<li>${timeFmt().format(a)} – ${hourFmt().format(b)}</li>`)}
      </ul>
    </div>`;
  }

  override render() {
    const t = strings.analytics;
    const s = this.summary;
    const hourly = this.to - this.from <= 2 * DAY;
    const ageGenderKeys = s ? Object.keys(s.ageGender).sort() : [];
    const bands = [...new Set(ageGenderKeys.map((k) => k.split('|')[0] ?? ''))].sort();
    const shown = this.attendance
      .filter((a) => !this.search || a.name.toLowerCase().includes(this.search.toLowerCase()))
      .slice(0, 200);
    return html`<h2>${strings.pages.analytics.title}</h2>
      <section class="row" aria-label=${t.range}>
        <label class="inline"
          >${t.from}
          <input
            type="date"
            .value=${isoDate(this.from)}
            @change=${(e: Event) => ((this.from = isoDateStart((e.target as HTMLInputElement).value)), void this.#load())}
          />
        </label>
        <label class="inline"
          >${t.to}
          <input
            type="date"
            .value=${isoDate(this.to - DAY)}
            @change=${(e: Event) => ((this.to = isoDateStart((e.target as HTMLInputElement).value) + DAY), void this.#load())}
          />
        </label>
        <button class="secondary" @click=${() => this.#setRange(1)}>${t.today}</button>
        <button class="secondary" @click=${() => this.#setRange(7)}>${t.week}</button>
        <button class="secondary" @click=${() => this.#setRange(30)}>${t.month}</button>
        <button class="secondary" @click=${() => this.#setRange(365)}>${t.year}</button>
        <label class="inline"
          >${t.zone}
          <select @change=${(e: Event) => ((this.zone = (e.target as HTMLSelectElement).value), void this.#load())}>
            <option value="">${t.allZones}</option>
            ${(s?.zones ?? []).map((z) => html`<option value=${z} ?selected=${z === this.zone}>${zoneName(z)}</option>`)}
          </select>
        </label>
        ${this.#renderShopChoice()}
        <button @click=${() => this.#exportTables()}>${t.export}</button>
      </section>
      ${this.#showingOwnShop ? nothing : html`<p class="hint" data-testid="other-shop">${t.otherShopNote}</p>`}
      ${
        s
          ? html`<div class="tiles" data-testid="analytics-tiles">
                <div class="tile" data-testid="footfall">
                  <span>${t.footfall}</span><strong>${num(s.footfall)}</strong>
                </div>
                <div class="tile" data-testid="unique"><span>${t.unique}</span><strong>${num(s.unique)}</strong></div>
                <div class="tile" data-testid="returning">
                  <span>${t.returning}</span><strong>${num(s.returning)}</strong>
                </div>
                <div class="tile"><span>${t.newVisitors}</span><strong>${num(s.new)}</strong></div>
                <div class="tile" data-testid="dwell">
                  <span>${t.dwell}</span><strong>${num(Math.round(s.averageDwellSeconds))} s</strong>
                </div>
                <div class="tile"><span>${t.members}</span><strong>${num(s.members)}</strong></div>
                <div class="tile" data-testid="conversion">
                  <span>${t.conversion}</span
                  ><strong
                    >${s.members && this.purchasesByMembers !== undefined ? `${num(this.purchasesByMembers)} / ${num(s.members)}` : '—'}</strong
                  >
                </div>
                <div class="tile"><span>${t.spoofs}</span><strong>${num(s.spoofs)}</strong></div>
                <div class="tile" data-testid="wrong-names">
                  <span>${t.wrongNames}</span><strong>${this.#showingOwnShop ? num(this.wrongNames) : '—'}</strong>
                  <span
                    >${t.perWeek(
                      numberFormat({ maximumFractionDigits: 1 }).format(
                        (this.wrongNames * 7 * DAY) / Math.max(DAY, this.to - this.from),
                      ),
                    )}</span
                  >
                </div>
              </div>
              ${s.uniqueCounters > 1 ? html`<p class="hint" data-testid="unique-summed">${t.uniqueSummed(s.uniqueCounters)}</p>` : nothing}
              ${this.#renderCameraOff(s)}
              <p class="hint">${t.queried(Math.round(this.queryMs))}</p>
              <div class="charts">
                <section>
                  <analytics-chart
                    .heading=${hourly ? t.footfallByHour : t.footfallByDay}
                    .labels=${hourly ? s.footfallByHour.map(([h]) => hourFmt().format(h)) : s.footfallByDay.map(([d]) => dayFmt().format(d))}
                    .series=${
                      hourly
                        ? [{ label: t.footfall, values: s.footfallByHour.map(([, v]) => v) }]
                        : [
                            { label: t.footfall, values: s.footfallByDay.map(([, v]) => v) },
                            { label: t.unique, values: s.footfallByDay.map(([, , u]) => u) },
                          ]
                    }
                  ></analytics-chart>
                </section>
                <section>
                  <analytics-chart
                    .heading=${t.dwellChart}
                    .labels=${s.dwell.map((d) => d.bucket)}
                    .series=${[{ label: t.footfall, values: s.dwell.map((d) => d.visits) }]}
                  ></analytics-chart>
                </section>
                <section>
                  <analytics-chart
                    .heading=${t.ageGender}
                    stacked
                    .labels=${bands}
                    .series=${['female', 'male', 'unknown'].map((g) => ({ label: g === 'unknown' ? t.unknown : strings.faces.gender[g as 'female' | 'male'], values: bands.map((b) => s.ageGender[`${b}|${g}`] ?? 0) }))}
                  ></analytics-chart>
                </section>
                <section>
                  <analytics-chart
                    type="line"
                    .heading=${t.emotion}
                    .labels=${s.emotionByHour.map(([h]) => (hourly ? hourFmt().format(h) : timeFmt().format(h)))}
                    .series=${EMOTIONS.map((e) => ({ label: strings.faces.emotion[e] ?? e, values: s.emotionByHour.map(([, m]) => Math.round((m[e] ?? 0) * 100)) }))}
                  ></analytics-chart>
                </section>
                <section>
                  <analytics-chart
                    .heading=${t.byZone}
                    .labels=${Object.keys(s.byZone).map(zoneName)}
                    .series=${[{ label: t.footfall, values: Object.values(s.byZone) }]}
                  ></analytics-chart>
                </section>
              </div>`
          : html`<p role="status">${t.loading}</p>`
      }
      <section aria-labelledby="attendance">
        <h3 id="attendance">${t.attendance}</h3>
        ${this.attendanceTruncated ? html`<p class="hint">${t.attendanceNewest(this.attendance.length)}</p>` : nothing}
        <div class="row">
          <label class="inline"
            >${t.search}
            <input type="search" @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
          /></label>
          ${
            this.staff.may('export-personal')
              ? html`<button class="secondary" @click=${() => void this.#exportMemberVisits()}>
                  ${t.exportPersonal}
                </button>`
              : nothing
          }
        </div>
        ${
          shown.length
            ? html`<div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t.member}</th>
                      <th scope="col">${t.arrived}</th>
                      <th scope="col">${t.stayed}</th>
                      <th scope="col">${t.zone}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${shown.map(
                      (a) =>
                        html`<tr>
                          <td>${a.name}</td>
                          <td>${timeFmt().format(a.start)}</td>
                          <td>${Math.round((a.end - a.start) / 1000)} s</td>
                          <td>${zoneName(a.zone)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${this.#showingOwnShop ? t.noAttendance : t.attendanceThisShopOnly}</p>`
        }
      </section>
      ${nothing}`;
  }
}
