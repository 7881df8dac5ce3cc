// <flag-dialog>: staff add the person in front of the counter to the watch-list: why (required), for how long
// (said, not chosen here: members 30 days, a face that is not a member's no longer than the shop's face
// retention), and, when the shop asks for it, a second manager's passphrase typed on the spot. It only collects
// the input and emits `flag-submit`; the page flags, and says if it failed.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { flagDialogStyles } from './flag-dialog.styles';

export interface FlagSubmit {
  readonly reason: string;
  /** The second manager's passphrase, when the shop requires one. */
  readonly secondPassphrase?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'flag-dialog': FlagDialog;
  }
  interface HTMLElementEventMap {
    'flag-submit': CustomEvent<FlagSubmit>;
  }
}

/**
 * @fires flag-submit - `{ reason, secondPassphrase? }`: the entry to add (bubbles, composed).
 */
@customElement('flag-dialog')
export class FlagDialog extends LitElement {
  static override styles = flagDialogStyles;

  /** How long the entry will be kept, in days (said in the dialog). */
  @property({ type: Number }) days = 30;
  /** The shop asks a second manager to confirm each new entry. */
  @property({ type: Boolean, attribute: 'needs-second' }) needsSecond = false;
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('#reason') private reason!: HTMLTextAreaElement;
  @query('#second') private second!: HTMLInputElement | null;

  /** Opens empty, or again with why the last try failed (the reason is kept). */
  open(error = ''): void {
    this.error = error;
    if (!error) this.reason.value = '';
    if (this.second) this.second.value = '';
    this.dialog.showModal();
    this.reason.focus();
  }

  close(): void {
    this.dialog.close();
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    const reason = this.reason.value.trim();
    if (!reason) {
      this.error = strings.errors.watchReasonMissing;
      return;
    }
    const secondPassphrase = this.second?.value;
    if (this.second) this.second.value = '';
    this.dialog.close();
    emit(this, 'flag-submit', { reason, ...(this.needsSecond && secondPassphrase ? { secondPassphrase } : {}) });
  }

  override render() {
    const t = strings.flagDialog;
    return html`<dialog aria-labelledby="flag-title">
      <form @submit=${this.#submit}>
        <h2 id="flag-title">${t.title}</h2>
        <label>${t.reason} <textarea id="reason" required maxlength="200"></textarea></label>
        <p class="hint">${t.kept(this.days)}</p>
        ${
          this.needsSecond
            ? html`<label>${t.second} <input id="second" type="password" required autocomplete="off" /></label>
                <p class="hint">${t.secondHelp}</p>`
            : nothing
        }
        ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
        <div class="row">
          <button type="submit">${t.add}</button>
          <button type="button" class="secondary" @click=${() => this.close()}>${t.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }
}
