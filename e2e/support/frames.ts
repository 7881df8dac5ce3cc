// Waiting on what the app has analysed, not on the clock: the test build's diagnostics log every analysed frame
// with the time it was captured (src/test-hooks/diagnostics.ts). A test shows a scene (./scripted-camera.ts),
// then waits for enough frames captured after that moment; a slow machine only makes the wait longer.
import { type Page, expect } from '@playwright/test';
import { patience } from './patience';

export interface FrameCondition {
  /** Only frames captured at or after this page time (what ScriptedCamera.show returned). */
  readonly since: number;
  /** Faces visible in the frame. */
  readonly faces: number;
  /** Open tracks after the frame (0 = every visit on screen has ended). */
  readonly tracks?: number;
  /** How many such frames (default 1). */
  readonly count?: number;
  readonly timeout?: number;
}

/** Frames analysed so far that meet `condition`. */
export function framesMeeting(page: Page, condition: FrameCondition): Promise<number> {
  const { since, faces, tracks } = condition;
  return page.evaluate(
    ({ since, faces, tracks }) =>
      (window.counterpartDiagnostics?.frames(since) ?? []).filter(
        (f) => f.faces === faces && (tracks === undefined || f.tracks === tracks),
      ).length,
    { since, faces, tracks },
  );
}

/** Waits until the app has analysed `count` frames that meet `condition`. */
export async function waitForFrames(page: Page, condition: FrameCondition): Promise<void> {
  await expect
    .poll(() => framesMeeting(page, condition), {
      message: `frames with ${condition.faces} face(s) analysed since ${Math.round(condition.since)} ms`,
      timeout: condition.timeout ?? patience(120_000),
    })
    .toBeGreaterThanOrEqual(condition.count ?? 1);
}

/** Frames the counter has analysed so far: rises while frames flow. */
export function analysedFrames(page: Page): Promise<number> {
  return page.evaluate(() => window.counterpartDiagnostics?.counter().analysedFrames ?? 0);
}

/**
 * Waits until the app has analysed a few frames with one person in view (captured at or after `since`), then
 * until the card shows `title`.
 */
export async function waitForCard(page: Page, title: string | RegExp, since = 0): Promise<void> {
  await waitForFrames(page, { since, faces: 1, count: 3 });
  await expect(page.getByTestId('card-title')).toHaveText(title);
}
