// <watchlist-page>: the watch-list for managers: who is on it (a member, or a face that is not a member's), why,
// who flagged them and when, and until when; renew or remove an entry. Opening it is audited (the service does
// both the role check and the audit row before anything is shown). Staff see that it is for managers.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { membersContext, staffContext, watchlistContext } from '../../app/services/contexts';
import type { MembersService } from '../../app/services/members-service';
import { type StaffService, staffName } from '../../app/services/staff-service';
import type { WatchlistService } from '../../app/services/watchlist-service';
import { formStyles } from '../../components/shared-styles/form-styles';
import { dateFormat } from '../../i18n/formats';
import { ActionController } from '../../components/controllers/action-controller';
import { errorText } from '../../i18n/error-text';
import { strings } from '../../i18n/strings';
import { managerOnly } from '../manager-only';

declare global {
  interface HTMLElementTagNameMap {
    'watchlist-page': WatchlistPage;
  }
}

type Entry = WatchlistService['entries']['value'][number];

@customElement('watchlist-page')
export class WatchlistPage extends LitElement {
  static override styles = formStyles;

  @consume(watchlistContext) private watchlist!: WatchlistService;
  @consume(membersContext) private members!: MembersService;
  @consume(staffContext) private staff!: StaffService;
  /** Set once the list was opened (and the opening audited). */
  @state() private opened = false;
  @state() private confirming: Entry | undefined;
  readonly #action = new ActionController(this);
  #observing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#observing) observe(this, this.watchlist.entries, this.members.members, this.staff.users);
    this.#observing = true;
    if (this.staff.may('watchlist')) void this.#open();
  }

  async #open(): Promise<void> {
    try {
      await this.watchlist.view();
      this.opened = true;
    } catch (err) {
      this.#action.fail(errorText(err));
    }
  }

  #act(work: () => Promise<void>, done: string): void {
    void this.#action.run(async () => {
      await work();
      return done;
    });
  }

  #who(e: Entry): string {
    const t = strings.watchPage;
    if (!e.memberId) return t.face;
    return this.members.members.value.get(e.memberId)?.displayName ?? t.formerMember;
  }

  #flaggedBy(e: Entry): string {
    const user = this.staff.users.value.find((u) => u.id === e.staff);
    return user ? staffName(user) : strings.watchPage.formerStaff;
  }

  override render() {
    const t = strings.watchPage;
    if (!this.staff.may('watchlist')) return managerOnly(strings.pages.watchlist.title, t.managerOnly);
    const title = html`<h2>${strings.pages.watchlist.title}</h2>`;
    const day = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
    const entries = [...this.watchlist.entries.value].sort((a, b) => b.createdAt - a.createdAt);
    return html`${title}
      <p class="hint">${t.help(this.watchlist.faceDays)}</p>
      ${this.#action.outcome()}
      ${
        this.confirming
          ? html`<div role="alertdialog" aria-labelledby="remove-q">
              <p id="remove-q">${t.removeConfirm(this.#who(this.confirming))}</p>
              <button
                class="danger"
                @click=${() => {
                  const entry = this.confirming;
                  this.confirming = undefined;
                  if (entry) this.#act(() => this.watchlist.remove(entry.id), t.removed);
                }}
              >
                ${t.removeYes}
              </button>
              <button class="secondary" @click=${() => (this.confirming = undefined)}>${strings.staff.cancel}</button>
            </div>`
          : nothing
      }
      <section>
        ${
          !this.opened
            ? nothing
            : entries.length
              ? html`<div class="table-wrap">
                  <table data-testid="watchlist">
                    <thead>
                      <tr>
                        <th scope="col">${t.who}</th>
                        <th scope="col">${t.reason}</th>
                        <th scope="col">${t.flaggedBy}</th>
                        <th scope="col">${t.flaggedAt}</th>
                        <th scope="col">${t.expires}</th>
                        <th scope="col"><span class="visually-hidden">${t.actions}</span></th>
                      </tr>
                    </thead>
                    <tbody>
                      ${entries.map(
                        (e) =>
                          html`<tr>
                            <td>${this.#who(e)}</td>
                            <td>${e.reason}</td>
                            <td>${this.#flaggedBy(e)}</td>
                            <td>${day.format(e.createdAt)}</td>
                            <td>${day.format(e.expiresAt)}</td>
                            <td>
                              <button
                                class="secondary"
                                @click=${() => this.#act(() => this.watchlist.renew(e.id), t.renewed)}
                              >
                                ${t.renew}<span class="visually-hidden"> ${this.#who(e)}</span>
                              </button>
                              <button class="danger" @click=${() => (this.confirming = e)}>
                                ${t.remove}<span class="visually-hidden"> ${this.#who(e)}</span>
                              </button>
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
              : html`<p>${t.empty}</p>`
        }
      </section>`;
  }
}
