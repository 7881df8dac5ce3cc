// <update-prompt>: "a new version is available — reload" and "ready to work offline" notices. It only renders;
// the host decides what "reload" does.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { updatePromptStyles } from './update-prompt.styles';

declare global {
  interface HTMLElementTagNameMap {
    'update-prompt': UpdatePrompt;
  }
  interface HTMLElementEventMap {
    'update-accepted': CustomEvent<null>;
  }
}

const OFFLINE_NOTICE_MS = 6000;

/**
 * @fires update-accepted - no detail: staff chose to reload into the new version (bubbles, composed).
 */
@customElement('update-prompt')
export class UpdatePrompt extends LitElement {
  static override styles = updatePromptStyles;

  @property({ type: Boolean, attribute: 'update-waiting' }) updateWaiting = false;
  @property({ type: Boolean, attribute: 'offline-ready' }) offlineReady = false;
  @state() private dismissedUpdate = false;
  @state() private dismissedOffline = false;

  #offlineTimer: ReturnType<typeof setTimeout> | undefined;

  override updated(changed: Map<string, unknown>): void {
    // "Ready to work offline" is news, not a question: it goes away by itself so it never hides a button for
    // long. The update prompt stays until staff answer it.
    if (changed.has('offlineReady') && this.offlineReady && !this.#offlineTimer) {
      this.#offlineTimer = setTimeout(() => (this.dismissedOffline = true), OFFLINE_NOTICE_MS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#offlineTimer);
  }

  override render() {
    const t = strings.update;
    if (this.updateWaiting && !this.dismissedUpdate) {
      return html`<div class="toast" role="alert">
        <span>${t.available}</span>
        <button class="primary" @click=${() => emit(this, 'update-accepted', null)}>${t.reload}</button>
        <button @click=${() => (this.dismissedUpdate = true)}>${t.later}</button>
      </div>`;
    }
    if (this.offlineReady && !this.dismissedOffline) {
      return html`<div class="toast" role="status">
        <span>${t.offlineReady}</span>
        <button @click=${() => (this.dismissedOffline = true)}>${t.dismiss}</button>
      </div>`;
    }
    return null;
  }
}
