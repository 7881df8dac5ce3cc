// <counter-page>: the screen staff face all day. For now: the live camera. Face overlays and the customer card
// are added on top of it.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../components/camera-view/camera-view.component';
import { strings } from '../../i18n/strings';

declare global {
  interface HTMLElementTagNameMap {
    'counter-page': CounterPage;
  }
}

@customElement('counter-page')
export class CounterPage extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: var(--space-4, 16px);
      grid-template-columns: minmax(0, 1fr);
    }
    @media (min-width: 900px) and (orientation: landscape) {
      :host {
        grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr);
      }
    }
    h2 {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `;

  @property({ attribute: false }) cameraDeviceId = '';

  override render() {
    return html`<h2>${strings.pages.counter.title}</h2>
      <camera-view autostart .deviceId=${this.cameraDeviceId}></camera-view>
      <empty-state .heading=${strings.pages.counter.title} .message=${strings.pages.counter.empty}></empty-state>`;
  }
}
