// <app-shell>: header with status, the section tabs, and the current section. It wires events from components to
// app state; it holds no business logic of its own.
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/empty-state/empty-state.component';
import '../../components/status-strip/status-strip.component';
import '../../components/update-prompt/update-prompt.component';
import '../../pages/counter-page/counter-page.component';
import type { CameraStateDetail } from '../../components/camera-view/camera-view.component';
import type { StatusItem } from '../../components/status-strip/status-strip.component';
import { FaceEngineClient } from '../../client/face-engine';
import { applyUpdate, pwaState } from '../../client/pwa';
import { strings } from '../../i18n/strings';
import { type AppStatus, appStatus } from '../app-status';
import { ObserveController } from '../observable';
import { ROUTES, type Route, hashForRoute, routeFromHash } from '../routes';
import { appShellStyles } from './app-shell.styles';

declare global {
  interface HTMLElementTagNameMap {
    'app-shell': AppShell;
  }
}

function statusItems(s: AppStatus): StatusItem[] {
  const t = strings.status;
  return [
    {
      id: 'camera',
      name: t.camera,
      value: t.cameraStates[s.camera] ?? s.camera,
      tone: s.camera === 'live' ? 'ok' : s.camera === 'error' ? 'bad' : s.camera === 'starting' ? 'busy' : 'idle',
    },
    { id: 'backend', name: t.backend, value: s.backend ?? t.backendUnknown, tone: s.backend ? 'ok' : 'busy' },
    {
      id: 'models',
      name: t.models,
      value: t.modelsStates[s.models] ?? s.models,
      tone: s.models === 'ready' ? 'ok' : s.models === 'error' ? 'bad' : 'busy',
    },
    { id: 'network', name: t.network, value: s.online ? t.online : t.offline, tone: s.online ? 'ok' : 'idle' },
  ];
}

@customElement('app-shell')
export class AppShell extends LitElement {
  static override styles = appShellStyles;

  @state() private route: Route = routeFromHash(location.hash);

  readonly #status = new ObserveController(this, appStatus);
  readonly #pwa = new ObserveController(this, pwaState);
  readonly #engine = new FaceEngineClient();

  readonly #onHash = () => (this.route = routeFromHash(location.hash));
  readonly #onOnline = () => appStatus.update((s) => ({ ...s, online: navigator.onLine }));

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOnline);
    void this.#startEngine();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOnline);
    void this.#engine.dispose();
  }

  async #startEngine(): Promise<void> {
    appStatus.update((s) => ({ ...s, models: 'checking', modelsProblem: undefined }));
    try {
      await this.#engine.init();
      appStatus.update((s) => ({ ...s, models: 'ready' }));
    } catch (err) {
      const problem = err instanceof Error ? err.message : String(err);
      appStatus.update((s) => ({ ...s, models: 'error', modelsProblem: problem }));
    }
  }

  #onCameraState(e: CustomEvent<CameraStateDetail>): void {
    appStatus.update((s) => ({ ...s, camera: e.detail.state }));
  }

  #renderPage() {
    const p = strings.pages;
    switch (this.route) {
      case 'counter':
        return html`<counter-page></counter-page>`;
      default:
        return html`<empty-state .heading=${p[this.route].title} .message=${p[this.route].empty}></empty-state>`;
    }
  }

  override render() {
    const status = this.#status.value;
    const pwa = this.#pwa.value;
    return html`
      <header>
        <h1><img src="/icons/icon.svg" alt="" />${strings.appName}</h1>
        <status-strip .items=${statusItems(status)}></status-strip>
      </header>
      <nav aria-label=${strings.nav.label}>
        <ul>
          ${ROUTES.map(
            (r) =>
              html`<li>
                <a href=${hashForRoute(r)} aria-current=${r === this.route ? 'page' : 'false'}>${strings.nav[r]}</a>
              </li>`,
          )}
        </ul>
      </nav>
      <main @camera-state=${this.#onCameraState}>
        ${
          status.models === 'error' && status.modelsProblem
            ? html`<p class="banner" role="alert" data-testid="models-problem">
                ${strings.models.problem(status.modelsProblem)}
              </p>`
            : null
        }
        ${this.#renderPage()}
      </main>
      <update-prompt
        ?update-waiting=${pwa.updateWaiting}
        ?offline-ready=${pwa.offlineReady}
        @update-accepted=${applyUpdate}
      ></update-prompt>
    `;
  }
}
