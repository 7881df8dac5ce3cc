// One staff action at a time on a page section: while it runs the section's buttons are disabled (`busy`), and
// its outcome is one line, a status when it worked, an alert (with the error's plain-language text) when not.
// A Lit reactive controller, so a section holds one of these instead of three states and the same try/finally.
import { type ReactiveController, type ReactiveControllerHost, type TemplateResult, html, nothing } from 'lit';
import { errorText } from '../../i18n/error-text';

export class ActionController implements ReactiveController {
  busy = false;
  message = '';
  error = '';

  /** `after` runs once an action succeeded, before its message shows (a section reloading what it shows). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly after?: () => Promise<void>,
  ) {
    host.addController(this);
  }

  // Lit's controller interface has only optional methods; one must exist for TypeScript to accept the class as one.
  hostConnected(): void {}

  /** Runs `work`, which returns the message to show when it worked. */
  async run(work: () => Promise<string>): Promise<void> {
    this.#set(true, '', '');
    try {
      const message = await work();
      await this.after?.();
      this.#set(false, message, '');
    } catch (err) {
      this.#set(false, '', errorText(err));
    }
  }

  /** An error found before any work started (a form that does not add up). */
  fail(text: string): void {
    this.#set(false, '', text);
  }

  /** The outcome line, for the host's template. */
  outcome(): TemplateResult | typeof nothing {
    if (this.message) return html`<p class="message" role="status">${this.message}</p>`;
    if (this.error) return html`<p class="message error" role="alert">${this.error}</p>`;
    return nothing;
  }

  #set(busy: boolean, message: string, error: string): void {
    this.busy = busy;
    this.message = message;
    this.error = error;
    this.host.requestUpdate();
  }
}
