// <settings-page>: camera, recognition strictness (with its measured false-match rate), which estimates to
// show, the shop's locale and currency, retention, lock timeout, engine backend, zone and theme. Changes are
// saved as they are made. Only managers see (and may change) them; everyone sees their own passphrase, and
// managers the staff users (staff-section).
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { engineContext, settingsContext, staffContext } from '../../app/services/contexts';
import type { StaffService } from '../../app/services/staff-service';
import type { EngineService } from '../../app/services/engine-service';
import type { SettingsService } from '../../app/services/settings-service';
import { BACKENDS } from '../../core/engine/choose-backend';
import { falseMatchRate, falseNonMatchRate, thresholdForStrictness } from '../../core/recognition/strictness';
import { CAMERA_RESOLUTIONS, KEEP_SCREEN_ON, type Settings } from '../../core/settings/settings';
import { type CameraDevice, listCameras } from '../../components/camera-view/camera-errors';
import { formStyles } from '../../components/shared-styles/form-styles';
import { numberFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import { zoneKey, zoneName } from '../../i18n/zone-name';
import { renderShopSection } from './shop-section';
import './staff-section.component';
import './sync-section.component';

/** The settings that are numbers. */
type NumberSetting = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

declare global {
  interface HTMLElementTagNameMap {
    'settings-page': SettingsPage;
  }
}

function percent(x: number): string {
  if (x === 0) return numberFormat({ style: 'percent' }).format(0);
  if (x < 0.0001) return strings.settingsPage.oneIn(Math.round(1 / x));
  return numberFormat({ style: 'percent', maximumSignificantDigits: 2 }).format(x);
}

@customElement('settings-page')
export class SettingsPage extends LitElement {
  static override styles = formStyles;

  @consume(settingsContext) private settings!: SettingsService;
  @consume(engineContext) private engine!: EngineService;
  @consume(staffContext) private staff!: StaffService;
  /** The cameras this device has (labels only once camera access has been allowed). */
  @state() private cameras: CameraDevice[] = [];
  #observing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#observing) observe(this, this.settings.settings, this.engine.client.status, this.staff.me);
    this.#observing = true;
    void this.#listCameras();
  }

  async #listCameras(): Promise<void> {
    const cameras = await listCameras((navigator as { mediaDevices?: MediaDevices }).mediaDevices);
    // Without camera access the browser lists cameras with no id: nothing to choose between yet.
    this.cameras = cameras.filter((c) => c.deviceId);
  }

  #renderCameraChoice(s: Settings) {
    const t = strings.settingsPage;
    const gone = s.cameraDeviceId !== '' && !this.cameras.some((c) => c.deviceId === s.cameraDeviceId);
    // The hint is outside the label (and describes the select), so the control's name is just "Camera".
    return html`<label
        >${t.cameraDevice}
        <select
          aria-describedby="camera-hint"
          @change=${(e: Event) => this.#save({ cameraDeviceId: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${s.cameraDeviceId === ''}>${t.cameraDefault}</option>
          ${this.cameras.map((c) => html`<option value=${c.deviceId} ?selected=${s.cameraDeviceId === c.deviceId}>${c.label}</option>`)}
          ${gone ? html`<option value=${s.cameraDeviceId} selected>${t.cameraGone}</option>` : null}
        </select></label
      >
      <p class="hint" id="camera-hint">${t.cameraHelp}</p>`;
  }

  #save(change: Partial<Settings>): void {
    void this.settings.save(change);
  }

  /** A labelled number input for one numeric setting, within [min, max] (and a step, when not 1). */
  #numberField(s: Settings, key: NumberSetting, label: string, [min, max, step = 1]: readonly number[], hint?: string) {
    return html`<label
      >${label}
      <input
        type="number"
        min=${min}
        max=${max}
        step=${step}
        .value=${String(s[key])}
        @change=${(e: Event) => this.#save({ [key]: Number((e.target as HTMLInputElement).value) })}
      />
      ${hint ? html`<span class="hint">${hint}</span>` : nothing}
    </label>`;
  }

  override render() {
    const s = this.settings.value;
    const t = strings.settingsPage;
    const threshold = thresholdForStrictness(s.strictness);
    const engineState = this.engine.client.status.value;
    if (!this.staff.may('settings')) {
      return html`<h2>${strings.pages.settings.title}</h2>
        <p class="hint" data-testid="settings-manager-only">${strings.staff.managerOnly}</p>
        <staff-section></staff-section>`;
    }
    return html`<h2>${strings.pages.settings.title}</h2>
      <section aria-labelledby="rec">
        <h3 id="rec">${t.recognition}</h3>
        <label
          >${t.strictness}
          <input
            type="range"
            min="0"
            max="1"
            step="0.05"
            .value=${String(s.strictness)}
            aria-valuetext=${t.strictnessValue(percent(falseMatchRate(threshold)))}
            @change=${(e: Event) => this.#save({ strictness: Number((e.target as HTMLInputElement).value) })}
          />
          <span class="hint" data-testid="fmr"
            >${t.strictnessHelp(percent(falseMatchRate(threshold)), percent(falseNonMatchRate(threshold)))}</span
          >
        </label>
      </section>
      <section aria-labelledby="show">
        <h3 id="show">${t.show}</h3>
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${s.showAge}
            @change=${(e: Event) => this.#save({ showAge: (e.target as HTMLInputElement).checked })}
          />
          ${t.showAge}</label
        >
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${s.showGender}
            @change=${(e: Event) => this.#save({ showGender: (e.target as HTMLInputElement).checked })}
          />
          ${t.showGender}</label
        >
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${s.showEmotion}
            @change=${(e: Event) => this.#save({ showEmotion: (e.target as HTMLInputElement).checked })}
          />
          ${t.showEmotion}</label
        >
      </section>
      <section aria-labelledby="cam">
        <h3 id="cam">${t.camera}</h3>
        ${this.#renderCameraChoice(s)}
        <label
          >${t.resolution}
          <select
            @change=${(e: Event) => this.#save({ cameraResolution: (e.target as HTMLSelectElement).value as Settings['cameraResolution'] })}
          >
            ${CAMERA_RESOLUTIONS.map((r) => html`<option value=${r} ?selected=${s.cameraResolution === r}>${r}</option>`)}
          </select>
        </label>
        <label
          >${t.backend}
          <select
            @change=${(e: Event) => this.#save({ backend: (e.target as HTMLSelectElement).value as Settings['backend'] })}
          >
            <option value="auto" ?selected=${s.backend === 'auto'}>${t.backendAuto}</option>
            ${BACKENDS.map((b) => html`<option value=${b} ?selected=${s.backend === b}>${b}</option>`)}
          </select>
          <span class="hint">${t.backendHelp}</span>
        </label>
        <p class="hint" role="status" data-testid="backend-in-use">
          ${
            engineState.state === 'ready'
              ? t.backendInUse(engineState.info.backend)
              : engineState.state === 'failed'
                ? t.backendFailed(engineState.error)
                : t.backendStarting
          }
        </p>
      </section>
      ${renderShopSection(s, this.settings, (change) => this.#save(change))}
      <section aria-labelledby="privacy">
        <h3 id="privacy">${t.privacy}</h3>
        ${this.#numberField(s, 'retentionHours', t.retention, [1, 720], t.retentionHelp)}
        ${this.#numberField(s, 'watchFaceDays', t.watchFaceDays, [1, 30], t.watchFaceDaysHelp)}
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${s.watchSecondManager}
            @change=${(e: Event) => this.#save({ watchSecondManager: (e.target as HTMLInputElement).checked })}
          />
          ${t.watchSecondManager}</label
        >
        ${this.#numberField(s, 'lockTimeoutMinutes', t.lockTimeout, [1, 240])}
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${s.countWhileLocked}
            @change=${(e: Event) => this.#save({ countWhileLocked: (e.target as HTMLInputElement).checked })}
          />
          ${t.countWhileLocked}</label
        >
        <span class="hint">${t.countWhileLockedHelp}</span>
      </section>
      <section aria-labelledby="recommendations">
        <h3 id="recommendations">${t.recommendations}</h3>
        <label
          >${t.purchasedItems}
          <select
            @change=${(e: Event) =>
              this.#save({ purchasedItems: (e.target as HTMLSelectElement).value as Settings['purchasedItems'] })}
          >
            ${(['down-weight', 'filter'] as const).map(
              (v) => html`<option value=${v} ?selected=${s.purchasedItems === v}>${t.purchasedOptions[v]}</option>`,
            )}
          </select>
        </label>
        ${this.#numberField(s, 'item2vecDim', t.item2vecDim, [8, 256, 4])}
        ${this.#numberField(s, 'item2vecEpochs', t.item2vecEpochs, [1, 100])}
        ${this.#numberField(s, 'item2vecNegative', t.item2vecNegative, [1, 30])}
        <span class="hint">${t.item2vecHelp}</span>
      </section>
      <section aria-labelledby="device">
        <h3 id="device">${t.device}</h3>
        <label
          >${t.zone}
          <input
            type="text"
            maxlength="60"
            .value=${zoneName(s.zone)}
            @change=${(e: Event) => this.#save({ zone: zoneKey((e.target as HTMLInputElement).value) })}
          />
        </label>
        <label class="inline"
          ><input
            type="checkbox"
            .checked=${s.alertSound}
            @change=${(e: Event) => this.#save({ alertSound: (e.target as HTMLInputElement).checked })}
          />
          ${t.alertSound}</label
        >
        <label
          >${t.keepScreenOn}
          <select
            @change=${(e: Event) =>
              this.#save({ keepScreenOn: (e.target as HTMLSelectElement).value as Settings['keepScreenOn'] })}
          >
            ${KEEP_SCREEN_ON.map(
              (v) => html`<option value=${v} ?selected=${s.keepScreenOn === v}>${t.keepScreenOnOptions[v]}</option>`,
            )}
          </select>
        </label>
        <label
          >${t.theme}
          <select
            @change=${(e: Event) => this.#save({ theme: (e.target as HTMLSelectElement).value as Settings['theme'] })}
          >
            ${(['system', 'dark', 'light'] as const).map((v) => html`<option value=${v} ?selected=${s.theme === v}>${t.themes[v]}</option>`)}
          </select>
        </label>
      </section>
      <sync-section></sync-section>
      <staff-section></staff-section>`;
  }
}
