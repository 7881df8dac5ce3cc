// <app-shell>: header with status, the section tabs, the lock screen and the current section. It builds the
// services once (app/services.ts), provides them to the pages, and routes the lock screen's events to the lock
// session; it holds no business logic of its own.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/empty-state/empty-state.component';
import '../../components/install-hint/install-hint.component';
import '../../components/lock-screen/lock-screen.component';
import '../../components/status-strip/status-strip.component';
import '../../components/update-prompt/update-prompt.component';
import '../../pages/counter-page/counter-page.component';
import '../../pages/members-page/members-page.component';
import '../../pages/products-page/products-page.component';
import '../../pages/settings-page/settings-page.component';
import '../../pages/watchlist-page/watchlist-page.component';
import '../../pages/audit-page/audit-page.component';
import '../../pages/analytics-page/analytics-page.component';
import type { CameraStateDetail } from '../../components/camera-view/camera-view.component';
import type { PassphraseSubmitDetail } from '../../components/lock-screen/lock-screen.component';
import { applyUpdate, pwaState } from '../../client/pwa';
import { currentLanguage, onLocaleChange, strings } from '../../i18n/strings';
import { WrongPassphraseError } from '../../store/errors';
import { appStatus, originReachable } from '../app-status';
import { ObserveController, observe } from '../observable';
import { ScreenWake, type ScreenWakeDeps, isInstalled, keepScreenOnApplies } from '../screen-wake';
import { needsHomeScreenHint } from '../../core/install/install-hint';
import { createServices, provideServices } from '../services';
import { watchAlertText } from '../services/watchlist-service';
import { staffName } from '../services/staff-service';
import { ROUTES, ROUTE_PERMISSION, type Route, hashForRoute, routeFromHash } from '../routes';
import { appShellStyles } from './app-shell.styles';
import { statusItems } from './status-items';
import { rerenderAll } from '../rerender-all';
import { errorText } from '../../i18n/error-text';

/** localStorage key: the home-screen hint was dismissed in this browser. */
const INSTALL_HINT_DISMISSED = 'counterpart.installHintDismissed';

declare global {
  interface HTMLElementTagNameMap {
    'app-shell': AppShell;
  }
}

@customElement('app-shell')
export class AppShell extends LitElement {
  static override styles = appShellStyles;

  @state() private route: Route = routeFromHash(location.hash);
  @state() private lockError = '';
  @state() private lockBusy = false;
  @state() private installHint = needsHomeScreenHint({
    userAgent: navigator.userAgent,
    maxTouchPoints: navigator.maxTouchPoints,
    installed: isInstalled(),
    dismissed: localStorage.getItem(INSTALL_HINT_DISMISSED) !== null,
  });

  readonly #services = createServices();
  readonly #status = new ObserveController(this, appStatus);
  readonly #pwa = new ObserveController(this, pwaState);
  readonly #store = new ObserveController(this, this.#services.lock.state);
  readonly #engine = new ObserveController(this, this.#services.engine.client.status);
  readonly #counter = new ObserveController(this, this.#services.counter.state);
  readonly #watchAlert = new ObserveController(this, this.#services.watchlist.alert);
  readonly #sync = new ObserveController(this, this.#services.sync.status);

  readonly #screenWake = new ScreenWake({
    wakeLock: (navigator as { wakeLock?: ScreenWakeDeps['wakeLock'] }).wakeLock,
    document,
  });

  readonly #onHash = () => (this.route = routeFromHash(location.hash));
  readonly #onOnline = () => void this.#checkNetwork();
  #networkTimer: ReturnType<typeof setInterval> | undefined;
  #stopLocale: (() => void) | undefined;

  async #checkNetwork(): Promise<void> {
    const online = await originReachable();
    if (online !== appStatus.value.online) appStatus.update((s) => ({ ...s, online }));
  }

  constructor() {
    super();
    provideServices(this, this.#services);
    observe(this, this.#services.settings.settings, this.#services.staff.me);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOnline);
    void this.#checkNetwork();
    this.#networkTimer = setInterval(() => void this.#checkNetwork(), 30_000);
    void this.#services.start();
    void this.#requestPersistence();
    this.#services.settings.settings.subscribe((s) => {
      document.documentElement.dataset.theme = s.theme === 'system' ? '' : s.theme;
      this.#applyScreenWake();
    });
    // The alert can sound later, raised by the camera rather than a tap: arm the audio on the first tap.
    this.#services.alertSound.armOnFirstGesture(window);
    document.documentElement.lang = currentLanguage();
    this.#stopLocale = onLocaleChange(() => {
      document.documentElement.lang = currentLanguage();
      this.requestUpdate();
      rerenderAll(this.renderRoot);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOnline);
    clearInterval(this.#networkTimer);
    this.#stopLocale?.();
    void this.#services.dispose();
  }

  /** Ask the browser not to evict our data under storage pressure; the answer is shown in the status strip. */
  async #requestPersistence(): Promise<void> {
    const storage = (navigator as { storage?: StorageManager }).storage;
    if (!storage?.persist) return;
    const persisted = (await storage.persisted()) || (await storage.persist().catch(() => false));
    appStatus.update((s) => ({ ...s, persisted }));
  }

  #dismissInstallHint(): void {
    this.installHint = false;
    // Not personal data: only that this browser has seen the hint.
    localStorage.setItem(INSTALL_HINT_DISMISSED, new Date().toISOString());
  }

  #onCameraState(e: CustomEvent<CameraStateDetail>): void {
    appStatus.update((s) => ({ ...s, camera: e.detail.state }));
    this.#applyScreenWake();
  }

  /** The screen stays on while the counter's camera runs, as the shop's setting says. */
  #applyScreenWake(): void {
    const setting = this.#services.settings.value.keepScreenOn;
    const live = appStatus.value.camera === 'live';
    void this.#screenWake.keepOn(live && keepScreenOnApplies(setting, isInstalled()));
  }

  async #onPassphrase(e: CustomEvent<PassphraseSubmitDetail>): Promise<void> {
    this.lockBusy = true;
    this.lockError = '';
    try {
      if (e.detail.mode === 'setup') {
        await this.#services.lock.setUp(e.detail.passphrase, e.detail.name);
        if (e.detail.demo) void this.#services.demo.load();
      } else await this.#services.lock.unlock(e.detail.passphrase);
    } catch (err) {
      this.lockError = err instanceof WrongPassphraseError ? strings.lock.wrong : errorText(err);
    } finally {
      this.lockBusy = false;
    }
  }

  /**
   * The counter runs whenever the app is unlocked, whichever screen is open, and while it is locked too unless the
   * shop switched that off (settings: countWhileLocked); it is out of sight unless it is the screen shown.
   */
  #renderCounter() {
    const store = this.#store.value.state;
    const counting = store === 'unlocked' || (store === 'locked' && this.#services.settings.value.countWhileLocked);
    if (!counting) return nothing;
    const parked = store !== 'unlocked' || this.route !== 'counter';
    return html`<counter-page
      ?parked=${parked}
      ?inert=${parked}
      aria-hidden=${parked ? 'true' : nothing}
    ></counter-page>`;
  }

  /** Who unlocked, so that a shared tablet shows whose rights are in use (and whose id the audit log records). */
  #renderSignedIn() {
    const me = this.#services.staff.me.value;
    if (!me) return nothing;
    return html`<span class="signed-in" data-testid="signed-in"
      >${strings.lock.signedIn(staffName(me), strings.staff.roles[me.role])}</span
    >`;
  }

  /** A watch-list alert raised while staff are on another screen (the Counter screen shows its own). */
  #renderWatchAlert() {
    const alert = this.#watchAlert.value;
    if (!alert || this.#store.value.state !== 'unlocked' || this.route === 'counter') return nothing;
    return html`<div class="banner watch" role="alert" data-testid="watch-alert">
      <strong>${watchAlertText(alert)}</strong>
      <a href=${hashForRoute('counter')}>${strings.nav.counter}</a>
      <button @click=${() => this.#services.watchlist.dismissAlert()}>${strings.watch.dismiss}</button>
    </div>`;
  }

  #renderPage() {
    switch (this.route) {
      case 'counter':
        return nothing; // always there: see #renderCounter
      case 'members':
        return html`<members-page></members-page>`;
      case 'products':
        return html`<products-page></products-page>`;
      case 'analytics':
        return html`<analytics-page></analytics-page>`;
      case 'settings':
        return html`<settings-page></settings-page>`;
      case 'watchlist':
        return html`<watchlist-page></watchlist-page>`;
      case 'audit':
        return html`<audit-page></audit-page>`;
    }
  }

  #renderMain() {
    const store = this.#store.value;
    switch (store.state) {
      case 'opening':
        return html`<p role="status">${strings.storage.opening}</p>`;
      case 'unavailable':
        return html`<div class="banner" role="alert">
          <p>${store.message}</p>
          ${store.reload ? html`<button @click=${() => location.reload()}>${strings.storage.reload}</button>` : nothing}
        </div>`;
      case 'setup-needed':
        return html`<lock-screen
          mode="setup"
          .error=${this.lockError}
          ?busy=${this.lockBusy}
          @passphrase-submit=${this.#onPassphrase}
        ></lock-screen>`;
      case 'locked':
        return html`<lock-screen
          mode="unlock"
          .error=${this.lockError}
          ?busy=${this.lockBusy}
          @passphrase-submit=${this.#onPassphrase}
        ></lock-screen>`;
      case 'unlocked':
        return this.#renderPage();
    }
  }

  override render() {
    const status = this.#status.value;
    const pwa = this.#pwa.value;
    const engine = this.#engine.value;
    const store = this.#store.value;
    const unlocked = store.state === 'unlocked';
    return html`
      <header>
        <h1><img src="${import.meta.env.BASE_URL}icons/icon.svg" alt="" />${strings.appName}</h1>
        <status-strip
          .items=${statusItems(status, engine, store, this.#counter.value.fps, this.#sync.value)}
        ></status-strip>
        ${unlocked ? this.#renderSignedIn() : nothing}
        ${unlocked ? html`<button class="lock" @click=${() => void this.#services.lock.lock()}>${strings.lock.lockNow}</button>` : nothing}
      </header>
      ${
        unlocked
          ? html`<nav aria-label=${strings.nav.label}>
              <ul>
                ${ROUTES.filter((r) => {
                  const needs = ROUTE_PERMISSION[r];
                  return !needs || this.#services.staff.may(needs);
                }).map(
                  (r) =>
                    html`<li>
                      <a href=${hashForRoute(r)} aria-current=${r === this.route ? 'page' : 'false'}
                        >${strings.nav[r]}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>`
          : html`<div></div>`
      }
      ${this.installHint ? html`<install-hint @install-hint-dismissed=${this.#dismissInstallHint}></install-hint>` : nothing}
      <main @camera-state=${this.#onCameraState}>
        ${engine.state === 'failed' ? html`<p class="banner" role="alert" data-testid="models-problem">${strings.models.problem(engine.error)}</p>` : nothing}
        ${this.#renderWatchAlert()} ${this.#renderCounter()} ${this.#renderMain()}
      </main>
      <update-prompt
        ?update-waiting=${pwa.updateWaiting}
        ?offline-ready=${pwa.offlineReady}
        @update-accepted=${applyUpdate}
      ></update-prompt>
    `;
  }
}
