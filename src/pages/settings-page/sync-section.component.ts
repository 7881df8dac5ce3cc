// <sync-section>: Settings › Sync, for managers. On a tablet that does not sync yet: the server, chain, shop and
// the shop's CouchDB user, then either "start as the first tablet" or "join with a pairing code". On a tablet that
// syncs: where it syncs, a pairing code for the next tablet of the shop or for the first tablet of another shop of
// the chain, and stopping. Each failure says what went wrong and
// changes nothing (the sync service only saves anything once the server has agreed).
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { syncContext } from '../../app/services/contexts';
import type { SyncOutcome, SyncService } from '../../app/services/sync-service';
import { formatPairingCode } from '../../core/sync/pairing-code';
import { ActionController } from '../../components/controllers/action-controller';
import { formStyles } from '../../components/shared-styles/form-styles';
import { dateFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import type { SyncConnection, SyncFailureReason } from '../../shared/sync-api';

declare global {
  interface HTMLElementTagNameMap {
    'sync-section': SyncSection;
  }
}

class SyncFailure extends Error {}

function failureText(reason: SyncFailureReason): string {
  return strings.sync.failure[reason] ?? reason;
}

@customElement('sync-section')
export class SyncSection extends LitElement {
  static override styles = formStyles;

  @consume(syncContext) private sync!: SyncService;
  @state() private code: { code: string; expiresAt: number; newShop: boolean } | undefined;
  readonly #action = new ActionController(this);
  #observing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#observing) observe(this, this.sync.connection, this.sync.status);
    this.#observing = true;
  }

  /** Creates or joins, from the form; the password field is cleared either way. */
  #submit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const joining = (e.submitter as HTMLButtonElement | null)?.value === 'join';
    const f = Object.fromEntries(
      Array.from(new FormData(form).entries(), ([k, v]) => [k, typeof v === 'string' ? v.trim() : '']),
    );
    const connection: SyncConnection = {
      server: f.server ?? '',
      chain: f.chain ?? '',
      shop: f.shop ?? '',
      username: f.username ?? '',
      password: f.password ?? '',
    };
    void this.#action.run(async () => {
      const outcome: SyncOutcome = joining
        ? await this.sync.join(connection, f.code ?? '')
        : await this.sync.create(connection);
      if (!outcome.ok) throw new SyncFailure(failureText(outcome.reason));
      form.reset();
      return strings.sync.on(connection.server, connection.chain, connection.shop);
    });
  }

  #offer(newShop: boolean): void {
    void this.#action.run(async () => {
      const offered = await this.sync.offerPairing(newShop);
      if (!offered.ok) throw new SyncFailure(failureText(offered.reason));
      this.code = { code: offered.code, expiresAt: offered.expiresAt, newShop };
      return '';
    });
  }

  #stop(): void {
    void this.#action.run(async () => {
      await this.sync.stop();
      this.code = undefined;
      return strings.sync.stopped;
    });
  }

  override render() {
    const t = strings.sync;
    const busy = this.#action.busy;
    const connection = this.sync.connection.value;
    const body = !__SYNC_ORIGIN__
      ? html`<p class="hint">${t.notBuilt}</p>`
      : connection
        ? html`<p data-testid="sync-on">${t.on(connection.server, connection.chain, connection.shop)}</p>
            <button type="button" ?disabled=${busy} @click=${() => this.#offer(false)}>${t.offer}</button>
            <button type="button" ?disabled=${busy} @click=${() => this.#offer(true)}>${t.offerNewShop}</button>
            ${
              this.code
                ? html`<p role="status" data-testid="pairing-code">
                    ${(this.code.newShop ? t.offeredNewShop : t.offered)(
                      formatPairingCode(this.code.code),
                      dateFormat({ timeStyle: 'short' }).format(this.code.expiresAt),
                    )}
                  </p>`
                : nothing
            }
            <button type="button" ?disabled=${busy} @click=${this.#stop}>${t.stop}</button>`
        : html`<form @submit=${this.#submit}>
            <label>${t.server} <input name="server" type="url" required .value=${__SYNC_ORIGIN__} /></label>
            <label>${t.chain} <input name="chain" required autocomplete="off" aria-describedby="sync-names" /></label>
            <label>${t.shop} <input name="shop" required autocomplete="off" aria-describedby="sync-names" /></label>
            <p class="hint" id="sync-names">${t.namesHelp}</p>
            <label>${t.username} <input name="username" required autocomplete="username" /></label>
            <label
              >${t.password} <input name="password" type="password" required autocomplete="current-password"
            /></label>
            <button type="submit" value="create" ?disabled=${busy}>${t.create}</button>
            <label>${t.code} <input name="code" autocomplete="off" aria-describedby="sync-join" /></label>
            <p class="hint" id="sync-join">${t.joinHelp}</p>
            <button type="submit" value="join" ?disabled=${busy}>${t.join}</button>
          </form>`;
    return html`<section aria-labelledby="sync">
      <h3 id="sync">${t.title}</h3>
      <p class="hint">${t.intro}</p>
      ${body} ${busy ? html`<p role="status">${t.working}</p>` : this.#action.outcome()}
    </section>`;
  }
}
