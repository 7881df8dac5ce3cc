// <staff-section>: the signed-in user's own passphrase (everyone), and for managers the staff users: who they
// are, their role, adding one (with their own passphrase, and the manager's to confirm) and removing one.
// The key vault does the key work and checks the role; this only collects the input and shows the outcome.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { observe } from '../../app/observable';
import { consume } from '../../app/services/context';
import { staffContext } from '../../app/services/contexts';
import { type StaffService, staffName } from '../../app/services/staff-service';
import { ROLES, type StaffUser } from '../../core/staff/staff-user';
import { formStyles } from '../../components/shared-styles/form-styles';
import { dateFormat } from '../../i18n/formats';
import { ActionController } from '../../components/controllers/action-controller';
import { strings } from '../../i18n/strings';

declare global {
  interface HTMLElementTagNameMap {
    'staff-section': StaffSection;
  }
}

/** The values of a form's named fields (then clears them: passphrases do not stay on screen). */
function takeFields(form: HTMLFormElement): Record<string, string> {
  const values = Object.fromEntries(
    Array.from(new FormData(form).entries(), ([k, v]) => [k, typeof v === 'string' ? v : '']),
  );
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type=password]')) input.value = '';
  return values;
}

@customElement('staff-section')
export class StaffSection extends LitElement {
  static override styles = formStyles;

  @consume(staffContext) private staff!: StaffService;
  /** The user whose removal is waiting for a second tap. */
  @state() private confirming: StaffUser | undefined;
  readonly #action = new ActionController(this);
  #observing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#observing) observe(this, this.staff.me, this.staff.users);
    this.#observing = true;
  }

  #changeOwn(e: SubmitEvent): void {
    e.preventDefault();
    const f = takeFields(e.target as HTMLFormElement);
    if (f.next !== f.nextConfirm) {
      this.#action.fail(strings.staff.mismatch);
      return;
    }
    void this.#action.run(async () => {
      await this.staff.changePassphrase(f.current ?? '', f.next ?? '');
      return strings.staff.changed;
    });
  }

  #add(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = takeFields(form);
    if (f.passphrase !== f.confirm) {
      this.#action.fail(strings.staff.mismatch);
      return;
    }
    const name = (f.name ?? '').trim();
    void this.#action.run(async () => {
      await this.staff.add(f.own ?? '', {
        name,
        role: f.role === 'manager' ? 'manager' : 'staff',
        passphrase: f.passphrase ?? '',
      });
      form.reset();
      return strings.staff.addedMessage(name);
    });
  }

  #remove(user: StaffUser): void {
    this.confirming = undefined;
    void this.#action.run(async () => {
      await this.staff.remove(user.id);
      return strings.staff.removed(staffName(user));
    });
  }

  #renderUsers(users: readonly StaffUser[], me: StaffUser) {
    const t = strings.staff;
    const date = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });
    return html`<section aria-labelledby="staff-users">
      <h3 id="staff-users">${t.title}</h3>
      <p class="hint">${t.help}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.name}</th>
              <th scope="col">${t.role}</th>
              <th scope="col">${t.added}</th>
              <th scope="col"><span class="visually-hidden">${t.remove}</span></th>
            </tr>
          </thead>
          <tbody>
            ${users.map(
              (u) =>
                html`<tr data-user=${u.id}>
                  <td>${staffName(u)}${u.id === me.id ? html` (${t.you})` : nothing}</td>
                  <td>${t.roles[u.role]}</td>
                  <td>${date.format(u.createdAt)}</td>
                  <td>
                    ${
                      u.id === me.id
                        ? nothing
                        : html`<button
                            class="secondary"
                            ?disabled=${this.#action.busy}
                            @click=${() => (this.confirming = u)}
                          >
                            ${t.remove}<span class="visually-hidden"> ${staffName(u)}</span>
                          </button>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        this.confirming
          ? html`<div role="alertdialog" aria-labelledby="remove-q">
              <p id="remove-q">${t.removeConfirm(staffName(this.confirming))}</p>
              <button class="danger" @click=${() => this.confirming && this.#remove(this.confirming)}>
                ${t.removeYes}
              </button>
              <button class="secondary" @click=${() => (this.confirming = undefined)}>${t.cancel}</button>
            </div>`
          : nothing
      }
      <form @submit=${this.#add} aria-labelledby="add-user">
        <h4 id="add-user">${t.addTitle}</h4>
        <label>${t.name} <input name="name" type="text" maxlength="60" required autocomplete="off" /></label>
        <label
          >${t.role}
          <select name="role">
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'staff'}>${t.roles[r]}</option>`)}
          </select>
        </label>
        <label
          >${t.newPassphrase}
          <input name="passphrase" type="password" minlength="8" required autocomplete="new-password"
        /></label>
        <label
          >${t.newConfirm} <input name="confirm" type="password" minlength="8" required autocomplete="new-password"
        /></label>
        <label>${t.ownPassphrase} <input name="own" type="password" required autocomplete="current-password" /></label>
        <button type="submit" ?disabled=${this.#action.busy}>${t.add}</button>
      </form>
    </section>`;
  }

  override render() {
    const me = this.staff.me.value;
    if (!me) return nothing;
    const t = strings.staff;
    return html`<section aria-labelledby="own-passphrase">
        <h3 id="own-passphrase">${t.accountTitle}</h3>
        <p data-testid="signed-in-as">${t.signedInAs(staffName(me), t.roles[me.role])}</p>
        <form @submit=${this.#changeOwn}>
          <label>${t.current} <input name="current" type="password" required autocomplete="current-password" /></label>
          <label
            >${t.next} <input name="next" type="password" minlength="8" required autocomplete="new-password"
          /></label>
          <label
            >${t.nextConfirm}
            <input name="nextConfirm" type="password" minlength="8" required autocomplete="new-password"
          /></label>
          <button type="submit" ?disabled=${this.#action.busy}>${t.change}</button>
        </form>
      </section>
      ${this.#action.outcome()}
      ${this.staff.may('staff-users') ? this.#renderUsers(this.staff.users.value, me) : nothing}`;
  }
}
