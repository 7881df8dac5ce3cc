// <status-strip>: camera, engine backend, models and network at a glance. Colour is never the only signal: every
// item also says its state in words.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { statusStripStyles } from './status-strip.styles';

export type Tone = 'ok' | 'busy' | 'bad' | 'idle';

export interface StatusItem {
  readonly id: string;
  readonly name: string;
  readonly value: string;
  readonly tone: Tone;
  /** More about the value (e.g. how the engine backend was chosen), shown on hover and read by screen readers. */
  readonly detail?: string;
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
            <span class="value" title=${item.detail ?? nothing}>${item.value}</span
            >${item.detail ? html`<span class="visually-hidden">${item.detail}</span>` : nothing}
          </li>`,
      )}
    </ul>`;
  }
}
