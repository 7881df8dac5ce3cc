// <member-detail>: one member's page: their details (name, loyalty number), consent record (renewed when the
// customer agrees again; withdrawal is erasure, on the list), face captures (how close each comes to other
// members, remove one, add more from photo files), visits and purchases. Emits `member-detail-close`.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../components/camera-view/camera-view.component';
import type { CameraFrameDetail } from '../../components/camera-view/camera-view.component';
import { CameraEnrolment } from '../../app/members/camera-enrolment';
import { templatesFromPhotos } from '../../app/members/photo-enrolment';
import { ObserveController } from '../../app/observable';
import { PRESENTATION_SETTINGS } from '../../core/liveness/defaults';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { engineContext, membersContext, salesContext, staffContext, visitsContext } from '../../app/services/contexts';
import type { EngineService } from '../../app/services/engine-service';
import type { MemberCapture, MembersService } from '../../app/services/members-service';
import type { SalesService } from '../../app/services/sales-service';
import { type StaffService, staffName } from '../../app/services/staff-service';
import type { VisitsService } from '../../app/services/visits-service';
import type { Member } from '../../core/members/member';
import { emit } from '../../components/emit';
import { formStyles } from '../../components/shared-styles/form-styles';
import { dateFormat, numberFormat } from '../../i18n/formats';
import { ActionController } from '../../components/controllers/action-controller';
import { errorText } from '../../i18n/error-text';
import { strings } from '../../i18n/strings';

declare global {
  interface HTMLElementTagNameMap {
    'member-detail': MemberDetail;
  }
  interface HTMLElementEventMap {
    'member-detail-close': CustomEvent<undefined>;
  }
}

interface History {
  readonly visits: number;
  readonly lastVisit: number | undefined;
  readonly purchases: readonly { readonly id: string; readonly at: number; readonly items: number }[] | undefined;
}

const day = () => dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });

/**
 * @fires member-detail-close - staff went back to the member list (bubbles, composed).
 */
@customElement('member-detail')
export class MemberDetail extends LitElement {
  static override styles = formStyles;

  @property() memberId = '';
  @consume(membersContext) private members!: MembersService;
  @consume(visitsContext) private visits!: VisitsService;
  @consume(salesContext) private sales!: SalesService;
  @consume(staffContext) private staff!: StaffService;
  @consume(engineContext) private engine!: EngineService;
  @state() private captures: readonly MemberCapture[] = [];
  @state() private history: History | undefined;
  /** Capturing more faces at the camera (the same checks as at enrolment, liveness included). */
  #capture: { enrolment: CameraEnrolment; state: ObserveController<CameraEnrolment['state']['value']> } | undefined;
  readonly #action = new ActionController(this, () => this.#load());
  #observing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#observing) observe(this, this.members.members, this.staff.users);
    this.#observing = true;
    void this.#load().catch((err: unknown) => this.#action.fail(errorText(err)));
  }

  get #member(): Member | undefined {
    return this.members.members.value.get(this.memberId);
  }

  /** Captures and history, again after every action (an action's own outcome line reports a failure). */
  async #load(): Promise<void> {
    const member = this.#member;
    if (!member) return;
    const [captures, stats, purchases] = await Promise.all([
      this.members.captures(member.id),
      this.visits.memberStats(member.id),
      member.loyaltyId ? this.sales.purchasesOf(member.loyaltyId) : Promise.resolve(undefined),
    ]);
    this.captures = captures;
    this.history = {
      visits: stats.visits,
      lastVisit: stats.lastVisit,
      purchases: purchases?.map((p) => ({ id: p.id, at: p.at, items: p.items.reduce((n, i) => n + i.quantity, 0) })),
    };
  }

  #saveDetails(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' ? v : '';
    };
    void this.#action.run(async () => {
      await this.members.updateDetails(this.memberId, { displayName: text('name'), loyaltyId: text('loyalty') });
      return strings.memberPage.saved;
    });
  }

  #addPhotos(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    void this.#action.run(async () => {
      const result = await templatesFromPhotos(
        this.engine.client,
        files.map((f) => ({ name: f.name, image: f })),
      );
      if (!result.templates.length) throw new Error(strings.memberPage.noUsablePhoto);
      await this.members.addCaptures(this.memberId, result.templates);
      return strings.memberPage.capturesAdded(result.templates.length);
    });
  }

  #startCamera(): void {
    const enrolment = new CameraEnrolment(this.engine.client, PRESENTATION_SETTINGS, this.engine.assumeLive);
    this.#capture = { enrolment, state: new ObserveController(this, enrolment.state) };
    this.requestUpdate();
  }

  #stopCamera(): void {
    if (this.#capture) this.removeController(this.#capture.state);
    this.#capture = undefined;
    this.requestUpdate();
  }

  #saveCameraCaptures(): void {
    const templates = this.#capture?.enrolment.templates ?? [];
    this.#stopCamera();
    void this.#action.run(async () => {
      await this.members.addCaptures(this.memberId, templates);
      return strings.memberPage.capturesAdded(templates.length);
    });
  }

  #renderCamera() {
    const t = strings.memberPage;
    const capture = this.#capture;
    if (!capture) {
      return html`<button class="secondary" ?disabled=${this.#action.busy} @click=${() => this.#startCamera()}>
        ${t.addFromCamera}
      </button>`;
    }
    const cs = capture.state.value;
    const e = strings.enrol;
    return html`<camera-view
        autostart
        frame-rate="8"
        @camera-frame=${(ev: CustomEvent<CameraFrameDetail>) => {
          ev.preventDefault();
          capture.enrolment.submit(ev.detail.bitmap);
        }}
      ></camera-view>
      <p class="message" role="status" data-testid="capture-status">
        ${cs.done ? e.captureDone : (cs.problems.map((p) => e.problems[p] ?? p)[0] ?? e.holdStill)} —
        ${e.progress(cs.captured, cs.needed)}
      </p>
      <div class="row">
        <button ?disabled=${!cs.done} @click=${() => this.#saveCameraCaptures()}>${t.saveCaptures}</button>
        <button class="secondary" @click=${() => this.#stopCamera()}>${e.cancel}</button>
      </div>`;
  }

  #renderConsent(member: Member) {
    const t = strings.memberPage;
    const by = this.staff.users.value.find((u) => u.id === member.consent.staff);
    return html`<section aria-labelledby="consent">
      <h3 id="consent">${t.consentTitle}</h3>
      <p data-testid="consent-record">
        ${t.consentRecord(member.consent.policyVersion, day().format(member.consent.agreedAt), by ? staffName(by) : t.aStaffUser)}
        ${t.scopes(member.consent.scopes.join(', '))}
      </p>
      <button
        class="secondary"
        ?disabled=${this.#action.busy}
        @click=${() =>
          void this.#action.run(async () => {
            await this.members.renewConsent(member.id);
            return t.consentRenewed;
          })}
      >
        ${t.renewConsent}
      </button>
      <p class="hint">${t.withdrawHelp}</p>
    </section>`;
  }

  #renderCaptures() {
    const t = strings.memberPage;
    const percent = numberFormat({ style: 'percent', maximumFractionDigits: 0 });
    return html`<section aria-labelledby="captures">
      <h3 id="captures">${t.capturesTitle}</h3>
      <p class="hint">${t.capturesHelp}</p>
      <ul data-testid="captures">
        ${this.captures.map(
          (c) =>
            html`<li>
              ${t.capture(day().format(c.createdAt))} —
              ${c.closestOther === undefined ? t.noOther : t.closestOther(percent.format(Math.max(0, c.closestOther)))}
              ${
                this.captures.length > 1
                  ? html`<button
                      class="secondary"
                      ?disabled=${this.#action.busy}
                      @click=${() =>
                        void this.#action.run(async () => {
                          await this.members.removeCapture(c.id);
                          return t.captureRemoved;
                        })}
                    >
                      ${t.removeCapture}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      ${this.#renderCamera()}
      <label
        >${t.addPhotos}
        <input type="file" accept="image/*" multiple ?disabled=${this.#action.busy} @change=${this.#addPhotos}
      /></label>
    </section>`;
  }

  #renderHistory(member: Member) {
    const t = strings.memberPage;
    const h = this.history;
    if (!h) return nothing;
    return html`<section aria-labelledby="history">
      <h3 id="history">${t.visitsTitle}</h3>
      <p data-testid="member-visits">
        ${t.visits(h.visits)} ${h.lastVisit !== undefined ? t.lastVisit(day().format(h.lastVisit)) : nothing}
      </p>
      <h3>${t.purchasesTitle}</h3>
      ${
        !member.loyaltyId
          ? html`<p>${t.noLoyalty}</p>`
          : h.purchases?.length
            ? html`<ul data-testid="member-purchases">
                ${h.purchases.slice(0, 20).map((p) => html`<li>${t.purchase(day().format(p.at), p.items)}</li>`)}
              </ul>`
            : html`<p>${t.noPurchases}</p>`
      }
    </section>`;
  }

  override render() {
    const member = this.#member;
    const t = strings.memberPage;
    const back = html`<button class="secondary" @click=${() => emit(this, 'member-detail-close', undefined)}>
      ${t.back}
    </button>`;
    if (!member)
      return html`${back}
        <p>${strings.errors.memberGone}</p>`;
    return html`${back}
      <h2>${member.displayName}</h2>
      ${this.#action.outcome()}
      <section aria-labelledby="details">
        <h3 id="details">${t.details}</h3>
        <form @submit=${this.#saveDetails}>
          <label
            >${strings.members.name}
            <input name="name" type="text" maxlength="80" required .value=${member.displayName}
          /></label>
          <label
            >${strings.members.loyalty}
            <input name="loyalty" type="text" maxlength="40" .value=${member.loyaltyId ?? ''}
          /></label>
          <button type="submit" ?disabled=${this.#action.busy}>${t.save}</button>
        </form>
      </section>
      ${this.#renderConsent(member)} ${this.#renderCaptures()} ${this.#renderHistory(member)}`;
  }
}
