// <update-prompt>: "a new version is available — reload" and "ready to work offline" notices. It only renders;
// the host decides what "reload" does.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { updatePromptStyles } from './update-prompt.styles';

declare global {
  interface HTMLElementTagNameMap {
    'update-prompt': UpdatePrompt;
  }
}

@customElement('update-prompt')
export class UpdatePrompt extends LitElement {
  static override styles = updatePromptStyles;

  @property({ type: Boolean, attribute: 'update-waiting' }) updateWaiting = false;
  @property({ type: Boolean, attribute: 'offline-ready' }) offlineReady = false;
  @state() private dismissedUpdate = false;
  @state() private dismissedOffline = false;

  override render() {
    const t = strings.update;
    if (this.updateWaiting && !this.dismissedUpdate) {
      return html`<div class="toast" role="alert">
        <span>${t.available}</span>
        <button
          class="primary"
          @click=${() => this.dispatchEvent(new CustomEvent('update-accepted', { bubbles: true, composed: true }))}
        >
          ${t.reload}
        </button>
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
