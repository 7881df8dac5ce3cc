// One small driver interface over the two ways we reach other browser engines: WebDriver classic for WebKitGTK
// (WebKitWebDriver, Safari's engine) and WebDriver BiDi for Firefox (puppeteer-core). The scenarios in
// *.engine.ts are written once against it. Elements are found through the app's shadow roots by the page-side
// query in ./page-query.ts (by CSS, by visible text, or by label), as a user would find them.

export type EngineName = 'webkit' | 'firefox';

export interface Query {
  /** A CSS selector, matched in the document and in every open shadow root. */
  readonly css?: string;
  /** Visible text the element contains (with `css`, narrows its matches). */
  readonly text?: string;
  /** A form control found by the text of its label. */
  readonly label?: string;
}

export interface EngineDriver {
  readonly name: EngineName;
  /** The engine's own version string, for the README's browser table. */
  version(): Promise<string>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs a self-contained function in the page and returns its (JSON) result. */
  evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
  /** The visible text of the first element matching `query`, '' when there is none. */
  text(query: Query): Promise<string>;
  fill(query: Query, text: string): Promise<void>;
  click(query: Query): Promise<void>;
  setFiles(query: Query, files: readonly string[]): Promise<void>;
  /** Console messages and uncaught errors of the page so far, as far as the protocol shows them. */
  logs(): Promise<readonly string[]>;
  close(): Promise<void>;
}
