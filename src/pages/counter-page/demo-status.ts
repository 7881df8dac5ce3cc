// The first-run demo shop's progress on the counter, then an invitation to enrol yourself while there are no
// members.
import { html, nothing } from 'lit';
import type { DemoState } from '../../app/services/demo-shop-service';
import { strings } from '../../i18n/strings';

export function demoStatus(demo: DemoState, hasMembers: boolean) {
  const t = strings.demo;
  switch (demo.state) {
    case 'absent':
      return nothing;
    case 'loading':
      return html`<p class="demo" role="status" data-testid="demo-status">${t.loading}</p>`;
    case 'training':
      return html`<p class="demo" role="status" data-testid="demo-status">
        ${t.training}
        <progress max="1" .value=${demo.fraction} aria-label=${t.training}></progress>
      </p>`;
    case 'failed':
      return html`<p class="demo" role="alert" data-testid="demo-status">${t.failed(demo.message)}</p>`;
    case 'ready':
      return hasMembers
        ? nothing
        : html`<p class="demo" role="status" data-testid="demo-status">
            ${t.ready} <a href="#/members?enrol">${t.enrolYourself}</a>
          </p>`;
  }
}
