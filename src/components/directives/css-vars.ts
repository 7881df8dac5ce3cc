// Sets CSS custom properties on an element through the CSSOM (element.style.setProperty). Lit's styleMap
// writes a style="" attribute on first render, which our Content-Security-Policy (no 'unsafe-inline' styles)
// rightly blocks; CSSOM changes are allowed.
import { noChange } from 'lit';
import { Directive, type ElementPart, PartType, directive, type PartInfo } from 'lit/directive.js';

class CssVarsDirective extends Directive {
  #set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssVars() goes on an element: <div ${cssVars({...})}>');
  }

  render(_vars: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [vars]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#set) if (!(name in vars)) style.removeProperty(name);
    for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
    this.#set = new Set(Object.keys(vars));
    return noChange;
  }
}

export const cssVars = directive(CssVarsDirective);
