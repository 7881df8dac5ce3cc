// <install-hint>: how to put the app on the iPad's home screen, where Safari offers no install prompt. It only
// renders; the host decides when it is shown and remembers that it was dismissed.
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { formStyles } from '../shared-styles/form-styles';
import { installHintStyles } from './install-hint.styles';

declare global {
  interface HTMLElementTagNameMap {
    'install-hint': InstallHint;
  }
  interface HTMLElementEventMap {
    'install-hint-dismissed': CustomEvent<null>;
  }
}

/**
 * @fires install-hint-dismissed - no detail: staff closed the hint (bubbles, composed).
 */
@customElement('install-hint')
export class InstallHint extends LitElement {
  static override styles = [formStyles, installHintStyles];

  override render() {
    const t = strings.installHint;
    return html`<div class="hint" role="note" aria-label=${t.label}>
      <p>${t.text}</p>
      <button class="secondary" @click=${() => emit(this, 'install-hint-dismissed', null)}>${t.dismiss}</button>
    </div>`;
  }
}
