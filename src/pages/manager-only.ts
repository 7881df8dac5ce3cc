// What a page for managers shows anyone else: its title and why there is nothing under it. The page's content is
// not rendered at all (not hidden), and the store refuses the work anyway (KeyVault.assertMay).
import { type TemplateResult, html } from 'lit';

export function managerOnly(title: string, why: string): TemplateResult {
  return html`<h2>${title}</h2>
    <p data-testid="manager-only">${why}</p>`;
}
