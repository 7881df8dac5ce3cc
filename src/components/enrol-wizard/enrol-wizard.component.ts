// <enrol-wizard>: consent first (plain language, must be accepted), then guided capture at the camera (or photo
// files), then name and loyalty id, with a duplicate check before anything is saved. It renders the steps and
// reports the outcome with `enrol-complete`; saving goes through the members service.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../camera-view/camera-view.component';
import { CameraEnrolment, type CaptureState } from '../../app/members/camera-enrolment';
import { type PhotoOutcome, templatesFromPhotos } from '../../app/members/photo-enrolment';
import { ObserveController } from '../../app/observable';
import { consume } from '../../app/services/context';
import { demoShopContext, engineContext, membersContext } from '../../app/services/contexts';
import type { DemoShopService } from '../../app/services/demo-shop-service';
import type { EngineService } from '../../app/services/engine-service';
import type { MembersService } from '../../app/services/members-service';
import { PRESENTATION_SETTINGS } from '../../core/liveness/defaults';
import { CONSENT_POLICY_VERSION, CONSENT_SCOPES } from '../../core/members/consent';
import type { Member } from '../../core/members/member';
import type { CameraFrameDetail } from '../camera-view/camera-view.component';
import { emit } from '../emit';
import { formStyles } from '../shared-styles/form-styles';
import { strings } from '../../i18n/strings';
import { errorText } from '../../i18n/error-text';

declare global {
  interface HTMLElementTagNameMap {
    'enrol-wizard': EnrolWizard;
  }
  interface HTMLElementEventMap {
    'enrol-complete': CustomEvent<{ member: Member | undefined }>;
  }
}

type Step = 'consent' | 'capture' | 'details' | 'saving';

/**
 * @fires enrol-complete - `{ member }`: the member saved, or undefined when staff cancelled (bubbles,
 *   composed).
 */
@customElement('enrol-wizard')
export class EnrolWizard extends LitElement {
  static override styles = formStyles;

  @consume(engineContext) private engine!: EngineService;
  @consume(membersContext) private members!: MembersService;
  @consume(demoShopContext) private demo!: DemoShopService;
  @state() private step: Step = 'consent';
  @state() private agreed = false;
  @state() private historyAgreed = true;
  @state() private source: 'camera' | 'photos' = 'camera';
  @state() private photoOutcomes: PhotoOutcome[] = [];
  @state() private photoTemplates: Float32Array[] = [];
  @state() private duplicateOf: string | undefined;
  @state() private error = '';
  @state() private busy = false;

  #capture: CameraEnrolment | undefined;
  #captureState: ObserveController<CaptureState> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#capture ??= new CameraEnrolment(this.engine.client, PRESENTATION_SETTINGS, this.engine.assumeLive);
    this.#captureState ??= new ObserveController(this, this.#capture.state);
  }

  get #templates(): Float32Array[] {
    return this.source === 'photos' ? this.photoTemplates : (this.#capture?.templates ?? []);
  }

  #finish(member: Member | undefined): void {
    emit(this, 'enrol-complete', { member });
  }

  #onFrame(e: CustomEvent<CameraFrameDetail>): void {
    e.preventDefault();
    this.#capture?.submit(e.detail.bitmap);
  }

  async #onPhotos(e: Event): Promise<void> {
    const files = [...((e.target as HTMLInputElement).files ?? [])];
    if (!files.length) return;
    this.busy = true;
    try {
      const result = await templatesFromPhotos(
        this.engine.client,
        files.map((f) => ({ name: f.name, image: f })),
      );
      this.photoTemplates = result.templates;
      this.photoOutcomes = result.outcomes;
    } finally {
      this.busy = false;
    }
  }

  #toDetails(): void {
    // Before a second record is created for the same person, say whom this face already matches.
    const gallery = this.members.gallery;
    this.duplicateOf = undefined;
    if (gallery) {
      for (const t of this.#templates) {
        const id = gallery.identify(t, this.members.policy).memberId;
        if (id) {
          this.duplicateOf = this.members.members.value.get(id)?.displayName ?? id;
          break;
        }
      }
    }
    this.step = 'details';
  }

  async #save(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v.trim() : '';
    };
    const displayName = text('name');
    const loyaltyId = text('loyalty');
    this.step = 'saving';
    this.error = '';
    try {
      const member = await this.members.enrol(
        {
          displayName,
          ...(loyaltyId ? { loyaltyId } : {}),
          consent: {
            policyVersion: CONSENT_POLICY_VERSION,
            scopes: this.historyAgreed ? CONSENT_SCOPES : CONSENT_SCOPES.filter((s) => s !== 'purchase-history'),
            agreedAt: Date.now(),
          },
        },
        this.#templates,
        this.source === 'photos' ? 'photos' : 'camera',
      );
      this.#finish(member);
    } catch (err) {
      this.error = errorText(err);
      this.step = 'details';
    }
  }

  #renderConsent() {
    const t = strings.enrol;
    return html`<section aria-labelledby="consent-title">
      <h3 id="consent-title">${t.consentTitle}</h3>
      ${t.consentText.map((p) => html`<p>${p}</p>`)}
      <label class="inline"
        ><input
          type="checkbox"
          name="agree"
          .checked=${this.agreed}
          @change=${(e: Event) => (this.agreed = (e.target as HTMLInputElement).checked)}
        />
        ${t.agree}</label
      >
      <label class="inline"
        ><input
          type="checkbox"
          .checked=${this.historyAgreed}
          @change=${(e: Event) => (this.historyAgreed = (e.target as HTMLInputElement).checked)}
        />
        ${t.agreeHistory}</label
      >
      <div class="row">
        <button ?disabled=${!this.agreed} @click=${() => (this.step = 'capture')}>${t.continue}</button>
        <button class="secondary" @click=${() => this.#finish(undefined)}>${t.cancel}</button>
      </div>
    </section>`;
  }

  #renderCapture() {
    const t = strings.enrol;
    const cs = this.#captureState?.value;
    const photos = this.source === 'photos';
    const enough = photos ? this.photoTemplates.length > 0 : Boolean(cs?.done);
    return html`<section aria-labelledby="capture-title">
      <h3 id="capture-title">${t.captureTitle}</h3>
      <div class="row" role="radiogroup" aria-label=${t.source}>
        <label class="inline"
          ><input type="radio" name="source" .checked=${!photos} @change=${() => (this.source = 'camera')} />
          ${t.fromCamera}</label
        >
        <label class="inline"
          ><input type="radio" name="source" .checked=${photos} @change=${() => (this.source = 'photos')} />
          ${t.fromPhotos}</label
        >
      </div>
      ${
        photos
          ? html`<label
                >${t.choosePhotos} <input type="file" accept="image/*" multiple @change=${this.#onPhotos}
              /></label>
              ${this.busy ? html`<p role="status">${t.checkingPhotos}</p>` : nothing}
              <ul data-testid="photo-outcomes">
                ${this.photoOutcomes.map(
                  (o) =>
                    html`<li>
                      ${o.name}: ${o.accepted ? t.photoOk : o.problems.map((p) => t.problems[p] ?? p).join(', ')}
                    </li>`,
                )}
              </ul>`
          : html`<camera-view autostart frame-rate="8" @camera-frame=${this.#onFrame}></camera-view>
              <p class="message" role="status" data-testid="capture-status">
                ${cs?.done ? t.captureDone : (cs?.problems.map((p) => t.problems[p] ?? p)[0] ?? t.holdStill)} —
                ${t.progress(cs?.captured ?? 0, cs?.needed ?? 3)}
              </p>`
      }
      <div class="row">
        <button ?disabled=${!enough} @click=${() => this.#toDetails()}>${t.continue}</button>
        <button class="secondary" @click=${() => this.#finish(undefined)}>${t.cancel}</button>
      </div>
    </section>`;
  }

  #renderDetails() {
    const t = strings.enrol;
    return html`<form @submit=${this.#save} aria-labelledby="details-title">
      <section>
        <h3 id="details-title">${t.detailsTitle}</h3>
        ${this.duplicateOf ? html`<p class="message error" role="alert">${t.duplicate(this.duplicateOf)}</p>` : nothing}
        <label>${t.name} <input name="name" required maxlength="80" autocomplete="off" /></label>
        <label
          >${t.loyalty}
          <input
            name="loyalty"
            maxlength="40"
            autocomplete="off"
            .value=${this.demo.loyaltyIdForFirstMember() ?? ''}
          /><span class="hint">${t.loyaltyHelp}</span></label
        >
        ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
        <div class="row">
          <button type="submit" ?disabled=${this.step === 'saving'}>${this.duplicateOf ? t.saveAnyway : t.save}</button>
          <button type="button" class="secondary" @click=${() => this.#finish(undefined)}>${t.cancel}</button>
        </div>
      </section>
    </form>`;
  }

  override render() {
    const t = strings.enrol;
    return html`<h2>${t.title}</h2>
      ${this.step === 'consent' ? this.#renderConsent() : this.step === 'capture' ? this.#renderCapture() : this.#renderDetails()}`;
  }
}
