// <counter-page>: the screen staff face all day — the live camera with face overlays, and the card of the person
// being served. Frames go to the counter session; the page renders its state and routes taps and card actions.
// The app keeps it running while staff are on another screen or the app is locked (`parked`: out of sight and
// out of reach), so counting does not depend on which screen is open.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { cssVars } from '../../components/directives/css-vars';
import '../../components/camera-view/camera-view.component';
import '../../components/customer-card/customer-card.component';
import '../../components/face-overlay/face-overlay.component';
import '../../components/sale-dialog/sale-dialog.component';
import type { SaleDialog, SaleProduct, SaleSubmit } from '../../components/sale-dialog/sale-dialog.component';
import '../../components/flag-dialog/flag-dialog.component';
import type { FlagDialog, FlagSubmit } from '../../components/flag-dialog/flag-dialog.component';
import { DuplicateReceiptError } from '../../core/sales/duplicate-receipt';
import type { CounterSession, CounterState, TrackView } from '../../app/counter/counter-session';
import { type CardInfo, cardFor, withLiveAttributes } from '../../app/counter/card-data';
import { appStatus } from '../../app/app-status';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import {
  counterContext,
  demoShopContext,
  membersContext,
  recommendationsContext,
  salesContext,
  settingsContext,
  staffContext,
  visitsContext,
  watchlistContext,
} from '../../app/services/contexts';
import type { DemoShopService } from '../../app/services/demo-shop-service';
import type { MembersService } from '../../app/services/members-service';
import type { RecommendationService } from '../../app/services/recommendation-service';
import type { SalesService } from '../../app/services/sales-service';
import type { SettingsService } from '../../app/services/settings-service';
import type { StaffService } from '../../app/services/staff-service';
import type { VisitsService } from '../../app/services/visits-service';
import { type WatchlistService, watchAlertText } from '../../app/services/watchlist-service';
import type {
  CameraFrameDetail,
  CameraPickDetail,
  CameraStateDetail,
  CameraView,
} from '../../components/camera-view/camera-view.component';
import type { CardAction } from '../../components/customer-card/customer-card.component';
import { colourFor } from '../../components/face-overlay/face-overlay.component';
import { numberFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import { cameraSize } from '../../core/settings/settings';
import { counterPageStyles } from './counter-page.styles';
import { demoStatus } from './demo-status';
import { errorText } from '../../i18n/error-text';

declare global {
  interface HTMLElementTagNameMap {
    'counter-page': CounterPage;
  }
}

/** Frames per second sent to the engine; the engine drops what it cannot keep up with. */
const ANALYSIS_FPS = 15;

@customElement('counter-page')
export class CounterPage extends LitElement {
  static override styles = counterPageStyles;

  @consume(counterContext) private counter!: CounterSession;
  @consume(membersContext) private members!: MembersService;
  @consume(watchlistContext) private watchlist!: WatchlistService;
  @consume(demoShopContext) private demo!: DemoShopService;
  @consume(settingsContext) private settings!: SettingsService;
  @consume(staffContext) private staff!: StaffService;
  @consume(salesContext) private sales!: SalesService;
  @consume(visitsContext) private visits!: VisitsService;
  @consume(recommendationsContext) private recommendations!: RecommendationService;

  /** Running out of sight: another screen or the lock screen is shown. */
  @property({ type: Boolean, reflect: true }) parked = false;

  @state() private card: CardInfo | undefined;

  #observing = false;
  #cardFor: number | undefined;
  #cardKey = '';
  #cardRequest = 0;

  /** Null until the first render. */
  @query('camera-view') private cameraView!: CameraView | null;
  /** The camera was on when the app went into the background, so it comes back on with it. */
  #resumeCamera = false;
  readonly #onVisibility = () => {
    // In the background nobody watches the screen: the camera goes off (the people in front are not analysed,
    // their visits end) and comes back when the app is shown again.
    if (!this.cameraView) return;
    if (document.visibilityState === 'hidden') {
      this.#resumeCamera = this.cameraView.state === 'live' || this.cameraView.state === 'starting';
      if (this.#resumeCamera) this.cameraView.stop();
    } else if (this.#resumeCamera) {
      this.#resumeCamera = false;
      void this.cameraView.start();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (!this.#observing)
      observe(
        this,
        this.counter.state,
        this.members.members,
        this.watchlist.alert,
        this.demo.state,
        this.settings.settings,
      );
    this.#observing = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.counter.reset();
    // The camera stops with the page; its last state event, sent from outside the document, reaches nobody.
    appStatus.update((s) => ({ ...s, camera: 'off' }));
  }

  #onFrame(e: CustomEvent<CameraFrameDetail>): void {
    // Take ownership of the bitmap; it is transferred to the face worker.
    e.preventDefault();
    this.counter.submit(e.detail.bitmap, e.detail.capturedAt);
  }

  #onCameraState(e: CustomEvent<CameraStateDetail>): void {
    // Camera stopped, unplugged or withdrawn: the people in front can no longer be seen, so their visits end and
    // no card stays on screen for someone who may have gone.
    if (e.detail.state !== 'live') this.counter.reset();
  }

  /** A camera chosen on the counter is remembered, so the next start uses it too. */
  #onCameraPick(e: CustomEvent<CameraPickDetail>): void {
    void this.settings.save({ cameraDeviceId: e.detail.deviceId });
  }

  #selected(state: CounterState): TrackView | undefined {
    return state.tracks.find((t) => t.id === state.selectedId);
  }

  get #cardSources() {
    return { members: this.members, visits: this.visits, sales: this.sales, recommendations: this.recommendations };
  }

  override willUpdate(): void {
    if (this.parked) {
      // Nobody sees the card: none is built (and, while locked, nothing personal could be read for it).
      this.#cardKey = '';
      this.#cardRequest++;
      this.card = undefined;
      return;
    }
    const state = this.counter.state.value;
    const track = this.#selected(state);
    // The card is rebuilt only when the person or their segment changes, not on every frame; its age, gender and
    // emotion facts are added at render from the live track (see withLiveAttributes), as the overlay shows them.
    const key = track
      ? `${track.id}|${track.kind}|${track.memberId ?? ''}|${track.visitorId ?? ''}|${track.ageBand ?? ''}|${track.gender ?? ''}`
      : 'none';
    if (key === this.#cardKey) return;
    this.#cardKey = key;
    this.#cardFor = track?.id;
    const request = ++this.#cardRequest;
    void cardFor(this.#cardSources, track).then((card) => {
      if (request === this.#cardRequest) this.card = card;
    });
  }

  #saleFor: { memberId?: string | undefined; ageBand?: string | undefined; gender?: string | undefined } = {};
  @state() private saleProducts: SaleProduct[] = [];
  @state() private saleCustomer = '';
  @state() private saleMessage = '';
  /** After "Not this person": the member's capture that matched, which staff may remove. */
  @state() private wrongCapture: { templateId: string; similarity: number; name: string } | undefined;
  @query('sale-dialog') private saleDialog!: SaleDialog;
  @query('flag-dialog') private flagDialog!: FlagDialog;
  /** The track the flag dialog was opened for. */
  #flagFor: number | undefined;

  async #openSale(customer: string): Promise<void> {
    this.saleProducts = (await this.sales.listProducts()).filter((p) => !p.archived);
    this.saleCustomer = customer;
    this.saleMessage = '';
    await this.updateComplete;
    this.saleDialog.open();
  }

  async #onSale(e: CustomEvent<SaleSubmit>): Promise<void> {
    try {
      await this.sales.recordCounterSale(e.detail.lines, this.#saleFor, e.detail.receipt);
      this.saleMessage = strings.sale.recorded(e.detail.lines.reduce((n, l) => n + l.quantity, 0));
      this.#cardKey = ''; // the history changed: rebuild the card
      this.requestUpdate();
    } catch (err) {
      if (err instanceof DuplicateReceiptError) {
        // The sale is not lost: the dialog comes back with it, and says which number is taken.
        this.saleDialog.open(e.detail, strings.sale.duplicateReceipt(err.receipt));
        return;
      }
      this.saleMessage = strings.sale.failed(errorText(err));
    }
  }

  #onCardAction(e: CustomEvent<{ action: CardAction }>): void {
    const trackId = this.#cardFor;
    if (trackId === undefined) return;
    const track = this.counter.state.value.tracks.find((t) => t.id === trackId);
    if (e.detail.action === 'flag') {
      this.#flagFor = trackId;
      this.flagDialog.days = this.watchlist.daysFor(trackId);
      this.flagDialog.needsSecond = this.watchlist.needsSecondManager;
      this.flagDialog.open();
      return;
    }
    if (e.detail.action === 'not-this-person') {
      this.#wrongName(trackId);
      return;
    }
    if (e.detail.action === 'enrol') {
      // Consent first: the enrolment wizard starts with the consent screen and captures the face afresh.
      location.hash = '#/members?enrol';
      return;
    }
    // "Served" and "Add sale" both open the sale dialog; a served customer may also leave without buying.
    this.#saleFor = { memberId: track?.memberId, ageBand: track?.ageBand, gender: track?.gender };
    void this.#openSale(track?.memberId ? (this.members.members.value.get(track.memberId)?.displayName ?? '') : '');
  }

  /** The flag dialog's entry, for the track it was opened on (asked again, with why, if it failed). */
  async #onFlag(e: CustomEvent<FlagSubmit>): Promise<void> {
    const trackId = this.#flagFor;
    if (trackId === undefined) return;
    try {
      await this.watchlist.flagTrack(trackId, e.detail.reason, e.detail.secondPassphrase);
      this.saleMessage = strings.card.flagged;
    } catch (err) {
      this.flagDialog.open(strings.card.flagFailed(errorText(err)));
    }
  }

  /** "Not this person": the name goes from this visit at once; then the correction is recorded. */
  #wrongName(trackId: number): void {
    const rejected = this.counter.notThisPerson(trackId);
    if (!rejected) return;
    const name = this.members.members.value.get(rejected.memberId)?.displayName ?? '';
    this.wrongCapture = undefined;
    this.members.wrongName(rejected.memberId, rejected.face).then(
      (capture) => {
        this.saleMessage = strings.card.wrongName(name);
        // The capture that matched can go, unless it is the member's only one.
        if (capture && capture.captures > 1) this.wrongCapture = { ...capture, name };
      },
      (err: unknown) => (this.saleMessage = strings.card.wrongNameFailed(errorText(err))),
    );
  }

  #renderWrongCapture() {
    const c = this.wrongCapture;
    if (!c) return nothing;
    const similarity = numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(Math.max(0, c.similarity));
    return html`<div class="sale-message" data-testid="wrong-capture">
      <p>${strings.card.wrongCapture(c.name, similarity)}</p>
      <button
        class="secondary"
        @click=${() => {
          this.wrongCapture = undefined;
          this.members.removeCapture(c.templateId).then(
            () => (this.saleMessage = strings.card.captureRemoved(c.name)),
            (err: unknown) => (this.saleMessage = errorText(err)),
          );
        }}
      >
        ${strings.card.removeCapture}
      </button>
    </div>`;
  }

  #renderOverlay(state: CounterState) {
    const names = new Map([...this.members.members.value].map(([id, m]) => [id, m.displayName]));
    return html`<face-overlay
      slot="overlay"
      .tracks=${state.tracks}
      .frameWidth=${state.frameWidth}
      .frameHeight=${state.frameHeight}
      .selectedId=${state.selectedId}
      .names=${names}
      @face-select=${(e: CustomEvent<{ trackId: number }>) => this.counter.select(e.detail.trackId)}
    ></face-overlay>`;
  }

  #renderCard(state: CounterState) {
    const selected = this.#selected(state);
    return html`<customer-card
        class="card"
        data-identified-after=${this.card?.identifiedAfterMs ?? ''}
        ${cssVars(selected ? { '--card-colour': colourFor(selected.id) } : {})}
        .card=${withLiveAttributes(this.card, selected)}
        currency=${this.settings.currency}
        ?can-flag=${this.staff.may('watchlist')}
        @card-action=${this.#onCardAction}
      ></customer-card>
      ${this.saleMessage ? html`<p class="sale-message" role="status">${this.saleMessage}</p>` : nothing}
      ${this.#renderWrongCapture()}
      <sale-dialog
        .products=${this.saleProducts}
        customer=${this.saleCustomer}
        currency=${this.settings.currency}
        locale=${this.settings.locale}
        @sale-submit=${(e: CustomEvent<SaleSubmit>) => void this.#onSale(e)}
      ></sale-dialog>
      <flag-dialog @flag-submit=${(e: CustomEvent<FlagSubmit>) => void this.#onFlag(e)}></flag-dialog>`;
  }

  // Parked, only the camera is rendered (the same element throughout, so it runs on): no faces, names or card.
  override render() {
    const state = this.counter.state.value;
    const alert = this.watchlist.alert.value;
    const size = cameraSize(this.settings.value);
    const parked = this.parked;
    return html`<h2 class="visually-hidden">${strings.pages.counter.title}</h2>
      ${parked ? nothing : demoStatus(this.demo.state.value, this.members.members.value.size > 0)}
      ${
        alert && !parked
          ? html`<div class="alert" role="alert" data-testid="watch-alert">
              <strong>${watchAlertText(alert)}</strong>
              <button @click=${() => this.watchlist.dismissAlert()}>${strings.watch.dismiss}</button>
            </div>`
          : nothing
      }
      <div class="camera">
        <camera-view
          autostart
          yields
          .deviceId=${this.settings.value.cameraDeviceId}
          .width=${size.width}
          .height=${size.height}
          frame-rate=${ANALYSIS_FPS}
          @camera-pick=${this.#onCameraPick}
          @camera-frame=${this.#onFrame}
          @camera-state=${this.#onCameraState}
        >
          ${parked ? nothing : this.#renderOverlay(state)}
        </camera-view>
      </div>
      ${parked ? nothing : this.#renderCard(state)}`;
  }
}
