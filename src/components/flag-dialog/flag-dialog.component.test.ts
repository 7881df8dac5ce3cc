// <flag-dialog> in a real browser: a reason is required, the stay is stated, and a second manager's passphrase is
// asked for only when the shop wants one; what it sends.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { strings } from '../../i18n/strings';
import type { FlagDialog, FlagSubmit } from './flag-dialog.component';
import './flag-dialog.component';

afterEach(() => document.body.replaceChildren());

const t = strings.flagDialog;

async function openDialog(needsSecond: boolean): Promise<{ el: FlagDialog; sent: FlagSubmit[] }> {
  const el = document.createElement('flag-dialog');
  el.days = 7;
  el.needsSecond = needsSecond;
  const sent: FlagSubmit[] = [];
  document.body.addEventListener('flag-submit', (e) => sent.push(e.detail));
  document.body.append(el);
  await el.updateComplete;
  el.open();
  return { el, sent };
}

describe('<flag-dialog>', () => {
  it('needs a reason, says how long the entry is kept, and sends the reason', async () => {
    const { sent } = await openDialog(false);
    await expect.element(page.getByText(t.kept(7))).toBeVisible();
    expect(page.getByLabelText(t.second).elements()).toHaveLength(0);
    await userEvent.click(page.getByRole('button', { name: t.add }));
    expect(sent).toEqual([]);
    await userEvent.fill(page.getByLabelText(t.reason), '  Took a scarf  ');
    await userEvent.click(page.getByRole('button', { name: t.add }));
    expect(sent).toEqual([{ reason: 'Took a scarf' }]);
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
  });

  it('asks for a second manager’s passphrase when the shop wants one, and shows why a try failed', async () => {
    const { el, sent } = await openDialog(true);
    await userEvent.fill(page.getByLabelText(t.reason), 'Abusive');
    await userEvent.fill(page.getByLabelText(t.second), 'lee passphrase');
    await userEvent.click(page.getByRole('button', { name: t.add }));
    expect(sent).toEqual([{ reason: 'Abusive', secondPassphrase: 'lee passphrase' }]);
    el.open('Not added: a second manager is needed');
    await el.updateComplete;
    await expect.element(page.getByRole('alert')).toHaveTextContent('a second manager is needed');
    // The reason stays for the next try; the passphrase does not.
    await expect.element(page.getByLabelText(t.reason)).toHaveValue('Abusive');
    await expect.element(page.getByLabelText(t.second)).toHaveValue('');
  });
});
