// <recommender-summary>: what the Products screen says about the recommendation model in use (see
// describe-model.ts). Renders only its `model`; nothing when no model has been trained yet.
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from '../shared-styles/form-styles';
import { strings } from '../../i18n/strings';
import { describeModel, type ModelInfo } from './describe-model';

declare global {
  interface HTMLElementTagNameMap {
    'recommender-summary': RecommenderSummary;
  }
}

@customElement('recommender-summary')
export class RecommenderSummary extends LitElement {
  static override styles = formStyles;

  @property({ attribute: false }) model: ModelInfo | undefined;

  override render() {
    if (!this.model) return nothing;
    const d = describeModel(this.model);
    return html`<div
      class="message"
      role="group"
      aria-label=${strings.products.model.label}
      data-testid="model-summary"
    >
      <p><strong>${strings.products.model.label}</strong></p>
      ${d.method ? html`<p>${d.method}</p>` : nothing}
      <p>${d.check}</p>
      <p class="hint">${d.learned}</p>
    </div>`;
  }
}
