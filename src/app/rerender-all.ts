// After a change of language every screen must say it in the new one; components read their text at render time,
// so asking each Lit element under the shell to render again is enough (their state is untouched).
import { ReactiveElement } from 'lit';

/** Asks every Lit element under `root`, through shadow roots, to render again. */
export function rerenderAll(root: ParentNode): void {
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof ReactiveElement) el.requestUpdate();
    if (el.shadowRoot) rerenderAll(el.shadowRoot);
  }
}
