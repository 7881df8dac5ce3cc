// <lock-screen>: asks for a staff user's passphrase — to create the first manager's on first run, or to unlock
// as whoever's passphrase it is. While it shows, no
// personal data is on screen or in memory. Emits `passphrase-submit`; the host does the cryptography.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { strings } from '../../i18n/strings';
import { emit } from '../emit';
import { lockScreenStyles } from './lock-screen.styles';

export interface PassphraseSubmitDetail {
  readonly mode: 'setup' | 'unlock';
  readonly passphrase: string;
  /** First run only: the first manager's name ('' when left blank). */
  readonly name: string;
  /** First run only: load the built-in demo shop. */
  readonly demo: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'lock-screen': LockScreen;
  }
  interface HTMLElementEventMap {
    'passphrase-submit': CustomEvent<PassphraseSubmitDetail>;
  }
}

/**
 * @fires passphrase-submit - `{ mode, passphrase, name, demo }`: staff submitted a passphrase that passed the form's own
 *   checks (bubbles, composed).
 */
@customElement('lock-screen')
export class LockScreen extends LitElement {
  static override styles = lockScreenStyles;

  @property() mode: 'setup' | 'unlock' = 'unlock';
  @property() error = '';
  @property({ type: Boolean }) busy = false;
  @state() private mismatch = false;

  @query('#passphrase') private input!: HTMLInputElement;
  @query('#confirm') private confirm!: HTMLInputElement | null;
  @query('#demo') private demo!: HTMLInputElement | null;
  @query('#name') private name!: HTMLInputElement | null;

  override firstUpdated(): void {
    this.input.focus();
  }

  #submit(e: Event): void {
    e.preventDefault();
    const passphrase = this.input.value;
    if (this.mode === 'setup' && this.confirm && this.confirm.value !== passphrase) {
      this.mismatch = true;
      return;
    }
    this.mismatch = false;
    emit(this, 'passphrase-submit', {
      mode: this.mode,
      passphrase,
      name: this.name?.value.trim() ?? '',
      demo: Boolean(this.demo?.checked),
    });
    this.input.value = '';
    if (this.confirm) this.confirm.value = '';
  }

  override render() {
    const t = strings.lock;
    const setup = this.mode === 'setup';
    const error = this.mismatch ? t.mismatch : this.error;
    return html`<form @submit=${this.#submit} aria-labelledby="lock-title">
      ${
        setup
          ? html`<section class="welcome" aria-labelledby="welcome-title">
              <h2 id="welcome-title">${t.welcomeTitle}</h2>
              ${t.welcome.map((line) => html`<p>${line}</p>`)}
            </section>`
          : nothing
      }
      <h2 id="lock-title">${setup ? t.setupTitle : t.unlockTitle}</h2>
      <p>${setup ? t.setupHelp : t.unlockHelp}</p>
      ${
        setup
          ? html`<label>${t.managerName} <input id="name" type="text" autocomplete="name" maxlength="60" /></label>`
          : nothing
      }
      <label
        >${t.passphrase}
        <input
          id="passphrase"
          type="password"
          autocomplete=${setup ? 'new-password' : 'current-password'}
          minlength="8"
          required
        />
      </label>
      ${
        setup
          ? html`<label
              >${t.confirm} <input id="confirm" type="password" autocomplete="new-password" minlength="8" required
            /></label>`
          : nothing
      }
      ${setup ? html`<label class="check"><input id="demo" type="checkbox" checked /> ${t.loadDemo}</label>` : nothing}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : setup ? t.create : t.unlock}</button>
    </form>`;
  }
}
