// Changes a site permission the way the browser does when staff change it in the site settings: through the
// DevTools protocol, for the page's own origin and browser context, so the page gets the real change event (and
// Chromium ends a camera track whose permission is withdrawn).
import type { Browser, CDPSession, Page } from '@playwright/test';

// The override lasts only as long as the DevTools session that set it, so one session per browser stays open.
const sessions = new WeakMap<Browser, Promise<CDPSession>>();

export async function setCameraPermission(
  browser: Browser,
  page: Page,
  setting: 'granted' | 'denied' | 'prompt',
): Promise<void> {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  let session = sessions.get(browser);
  if (!session) {
    session = browser.newBrowserCDPSession();
    sessions.set(browser, session);
  }
  await (
    await session
  ).send('Browser.setPermission', {
    permission: { name: 'camera' },
    setting,
    origin: new URL(page.url()).origin,
    browserContextId: targetInfo.browserContextId,
  });
}
