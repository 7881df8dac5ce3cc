// <install-hint> in a real browser: it tells staff how to add the app to the home screen, and closing it sends
// the event the app shell remembers.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { strings } from '../../i18n/strings';
import './install-hint.component';

afterEach(() => document.body.replaceChildren());

describe('<install-hint>', () => {
  it('explains Add to Home Screen and says when staff close it', async () => {
    const el = document.createElement('install-hint');
    document.body.append(el);
    let dismissed = 0;
    document.body.addEventListener('install-hint-dismissed', () => dismissed++);
    const note = page.getByRole('note', { name: strings.installHint.label });
    await expect.element(note).toHaveTextContent('Add to Home Screen');
    await userEvent.click(page.getByRole('button', { name: strings.installHint.dismiss }));
    expect(dismissed).toBe(1);
  });
});
