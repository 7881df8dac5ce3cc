// Opening the counter in the test build with a scripted camera (./scripted-camera.ts): the opening of every test
// that watches people come and go.
import type { BrowserContext } from '@playwright/test';
import type { TestOptions } from '../../src/test-hooks/test-options';
import { setUpApp, waitForModels } from './app';
import { type CameraScene, ScriptedCamera, type ScriptedCameraOptions, installScriptedCamera } from './scripted-camera';

/**
 * Test-only options the test build reads at start (src/test-hooks/test-options.ts), for every page of `context`.
 * Calls add up: each one's options are merged into those set before.
 */
export async function setTestOptions(context: BrowserContext, options: TestOptions): Promise<void> {
  await context.addInitScript((o) => {
    window.counterpartTestOptions = { ...window.counterpartTestOptions, ...o };
  }, options);
}

export interface LivenessChoice {
  /**
   * Face the real presentation-attack check (tests of attacks). By default the test build takes every face as
   * live: test clips move photos to look like people, which the real check rightly flags.
   */
  readonly realLivenessCheck?: boolean;
}

/** The liveness override for test clips, unless the test asks for the real check. */
export async function applyLivenessChoice(context: BrowserContext, choice: LivenessChoice = {}): Promise<void> {
  if (!choice.realLivenessCheck) await setTestOptions(context, { livenessOverride: 'assume-live' });
}

/**
 * The app set up (fresh profile, no demo shop) and on the Counter screen, its camera showing `scenes` on the
 * test's command (the first one given by `options.first`, else nobody). Faces are taken as live unless
 * `options.realLivenessCheck`.
 */
export async function openCounterWithScenes(
  context: BrowserContext,
  baseURL: string,
  scenes: Record<string, CameraScene>,
  options: ScriptedCameraOptions & LivenessChoice = {},
) {
  await applyLivenessChoice(context, options);
  await installScriptedCamera(context, scenes, options);
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);
  await page.getByRole('link', { name: 'Counter' }).click();
  await waitForModels(page);
  return { page, camera: new ScriptedCamera(page) };
}
