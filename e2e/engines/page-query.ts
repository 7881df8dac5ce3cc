// Runs in the page (it is sent as source text, so it must not refer to anything outside itself): finds the first
// visible element matching a query in the document and in every open shadow root, depth first.
import type { Query } from './driver';

export function queryInPage(query: Query): Element | null {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return (r.width > 0 && r.height > 0) || el instanceof HTMLInputElement;
  };
  const all: Element[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const hasText = (el: Element, text: string) => el.textContent.replace(/\s+/g, ' ').includes(text);
  if (query.label) {
    for (const el of all) {
      if (el instanceof HTMLLabelElement && hasText(el, query.label) && el.control && visible(el)) return el.control;
    }
    return null;
  }
  const candidates = query.css ? all.filter((el) => el.matches(query.css ?? '*')) : all;
  const text = query.text;
  const matching = text === undefined ? candidates : candidates.filter((el) => hasText(el, text));
  // With text only, the innermost element that has it (a button, not the page around it).
  const innermost =
    text !== undefined && !query.css
      ? matching.filter((el) => !matching.some((o) => o !== el && el.contains(o)))
      : matching;
  return innermost.find(visible) ?? null;
}
