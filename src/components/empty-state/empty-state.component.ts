// <empty-state>: what a section shows before it has anything to show.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

declare global {
  interface HTMLElementTagNameMap {
    'empty-state': EmptyState;
  }
}

@customElement('empty-state')
export class EmptyState extends LitElement {
  static override styles = css`
    :host {
      display: block;
      padding: var(--space-6, 24px);
      border: 1px dashed var(--border, #334155);
      border-radius: var(--radius, 12px);
      color: var(--text-muted, #94a3b8);
      text-align: center;
    }
    h2 {
      margin: 0 0 var(--space-2, 8px);
      color: var(--text, #f1f5f9);
      font-size: 1.25rem;
    }
    p {
      margin: 0;
    }
  `;

  @property() heading = '';
  @property() message = '';

  override render() {
    return html`<h2>${this.heading}</h2>
      <p>${this.message}</p>`;
  }
}
