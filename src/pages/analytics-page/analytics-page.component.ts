// <analytics-page>: store analytics. Filled in by the analytics feature; until there are visits it says so.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../components/empty-state/empty-state.component';
import type { AppContext } from '../../app/app-context';
import { strings } from '../../i18n/strings';

declare global {
  interface HTMLElementTagNameMap {
    'analytics-page': AnalyticsPage;
  }
}

@customElement('analytics-page')
export class AnalyticsPage extends LitElement {
  @property({ attribute: false }) context!: AppContext;

  override render() {
    return html`<empty-state
      .heading=${strings.pages.analytics.title}
      .message=${strings.pages.analytics.empty}
    ></empty-state>`;
  }
}
