import { describe, expect, it } from 'vitest';
import { ScreenWake, type WakeSentinel, keepScreenOnApplies } from './screen-wake';

/** A page whose visibility the test sets, and a wake lock the browser drops when the page is hidden. */
function browser(options: { refuse?: boolean } = {}) {
  const page: { visibilityState: DocumentVisibilityState } = { visibilityState: 'visible' };
  const doc = Object.assign(new EventTarget(), page);
  const held: (WakeSentinel & { released: boolean })[] = [];
  let requests = 0;
  const wakeLock = {
    request: () => {
      requests++;
      if (options.refuse) return Promise.reject(new DOMException('battery saver', 'NotAllowedError'));
      const s = {
        released: false,
        release: () => ((s.released = true), Promise.resolve()),
      };
      held.push(s);
      return Promise.resolve(s);
    },
  };
  const hide = () => {
    doc.visibilityState = 'hidden';
    for (const s of held) s.released = true;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  const show = () => {
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { doc, wakeLock, hide, show, requests: () => requests };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ScreenWake', () => {
  it('keeps the screen on while wanted, asks again after the page was hidden, and lets go when not', async () => {
    const b = browser();
    const wake = new ScreenWake({ wakeLock: b.wakeLock, document: b.doc });
    await wake.keepOn(true);
    expect(wake.held).toBe(true);
    b.hide();
    expect(wake.held).toBe(false);
    b.show();
    await settle();
    expect(wake.held).toBe(true);
    expect(b.requests()).toBe(2);
    await wake.keepOn(false);
    expect(wake.held).toBe(false);
    b.hide();
    b.show();
    await settle();
    expect(b.requests()).toBe(2);
  });

  it('does nothing where the browser has no wake lock or refuses it', async () => {
    const none = new ScreenWake({ wakeLock: undefined, document: browser().doc });
    await none.keepOn(true);
    expect([none.supported, none.held]).toEqual([false, false]);
    const b = browser({ refuse: true });
    const refused = new ScreenWake({ wakeLock: b.wakeLock, document: b.doc });
    await expect(refused.keepOn(true)).resolves.toBeUndefined();
    expect(refused.held).toBe(false);
  });

  it('applies the setting: always, never, or only when installed', () => {
    expect(keepScreenOnApplies('when-installed', true)).toBe(true);
    expect(keepScreenOnApplies('when-installed', false)).toBe(false);
    expect(keepScreenOnApplies('always', false)).toBe(true);
    expect(keepScreenOnApplies('never', true)).toBe(false);
  });
});
