// <status-strip>: camera, engine backend, models and network at a glance. Colour is never the only signal: every
// item also says its state in words.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { statusStripStyles } from './status-strip.styles';

export type Tone = 'ok' | 'busy' | 'bad' | 'idle';

export interface StatusItem {
  readonly id: string;
  readonly name: string;
  readonly value: string;
  readonly tone: Tone;
}

declare global {
  interface HTMLElementTagNameMap {
    'status-strip': StatusStrip;
  }
}

@customElement('status-strip')
export class StatusStrip extends LitElement {
  static override styles = statusStripStyles;

  @property({ attribute: false }) items: readonly StatusItem[] = [];

  override render() {
    return html`<ul aria-label=${strings.status.label}>
      ${this.items.map(
        (item) =>
          html`<li class=${item.tone} data-status=${item.id}>
            <span class="dot" aria-hidden="true"></span><span class="name">${item.name}:</span>
            <span class="value">${item.value}</span>
          </li>`,
      )}
    </ul>`;
  }
}
