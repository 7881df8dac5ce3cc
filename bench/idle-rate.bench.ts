// `npm run bench -- counter` adds the counter's idle behaviour, measured in one run on one camera: three people
// walk up to the counter and leave again, over and over (the scripted camera, see e2e/support/scripted-camera.ts,
// so the moment they appear is known on the page's clock). Reports:
// - busy_fps: frames analysed per second while the three are in view (from 1 s after they appear);
// - idle_fps: frames analysed per second with nobody in view, once the counter has had time to go idle (from
//   IDLE_PACING.idleAfterMs + 1 s after they left); empty_stretch_fps: the same over the whole empty stretch;
// - idle_to_busy_fps_ratio = idle_fps / busy_fps;
// - face_to_first_analysis_ms: from the scene change (the first camera frame with the people in it) to the
//   first analysis result that contains a face.
// Writes bench-results/idle-rate.json for bench.mjs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { IDLE_PACING } from '../src/core/counter/idle-pacing';
import { setUpApp } from '../e2e/support/app';
import { root } from '../e2e/support/clips';
import { applyLivenessChoice } from '../e2e/support/counter';
import { waitForFrames } from '../e2e/support/frames';
import { threePeopleShots } from '../e2e/support/scenes';
import { ScriptedCamera, installScriptedCamera } from '../e2e/support/scripted-camera';
import { summary } from './summary';

const cycles = Number(process.env.BENCH_IDLE_CYCLES ?? 0);
const EMPTY_MS = 15_000;
const BUSY_MS = 8_000;

const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;

test('analysed frames with nobody in view, and how soon a face that appears is analysed', async ({
  browser,
  baseURL,
}) => {
  test.skip(cycles === 0, 'only with npm run bench -- counter');
  const context = await browser.newContext({ permissions: ['camera'] });
  await installScriptedCamera(context, { three: { shots: threePeopleShots(), motion: 'live' } }, { first: 'three' });
  // The scenes are moved photos: taken as live, as a counter of real people would be (test build only).
  await applyLivenessChoice(context);
  const page = await context.newPage();
  await setUpApp(page, `${baseURL}/`);
  await page.getByRole('link', { name: 'Counter' }).click();
  const camera = new ScriptedCamera(page);
  await waitForFrames(page, { since: 0, faces: 3, count: 10, timeout: 180_000 });
  // Warm-up: JIT and the engine's first frames.
  await page.waitForTimeout(20_000);

  const frames = (from: number, to: number) =>
    page.evaluate(
      ({ from, to }) =>
        (window.counterpartDiagnostics?.frames(from - 5000) ?? []).filter(
          (f) => f.analysedAt >= from && f.analysedAt < to,
        ),
      { from, to },
    );
  const busy: number[] = [];
  const idle: number[] = [];
  const emptyStretch: number[] = [];
  const firstAnalysis: number[] = [];
  for (let i = 0; i < cycles; i++) {
    const left = await camera.show('nobody');
    await page.waitForTimeout(EMPTY_MS);
    const idleFrom = left + IDLE_PACING.idleAfterMs + 1000;
    idle.push(((await frames(idleFrom, left + EMPTY_MS)).length * 1000) / (left + EMPTY_MS - idleFrom));
    emptyStretch.push(((await frames(left, left + EMPTY_MS)).length * 1000) / EMPTY_MS);

    const shown = await camera.show('three');
    const analysedAt = await page
      .waitForFunction(
        (since) => (window.counterpartDiagnostics?.frames(since) ?? []).find((f) => f.faces > 0)?.analysedAt ?? false,
        shown,
        { polling: 'raf', timeout: 60_000 },
      )
      .then((h) => h.jsonValue() as Promise<number>);
    firstAnalysis.push(analysedAt - shown);
    await page.waitForTimeout(BUSY_MS);
    busy.push(((await frames(shown + 1000, shown + BUSY_MS)).length * 1000) / (BUSY_MS - 1000));
  }
  expect(busy.length).toBe(cycles);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const result = {
    busy_fps: round(mean(busy)),
    idle_fps: round(mean(idle)),
    idle_to_busy_fps_ratio: round(mean(idle) / mean(busy), 3),
    empty_stretch_fps: round(mean(emptyStretch)),
    face_to_first_analysis_ms: summary(firstAnalysis),
    idle_cycles: cycles,
    face_to_first_analysis_each_ms: firstAnalysis.map((x) => Math.round(x)),
  };
  await mkdir(path.join(root, 'bench-results'), { recursive: true });
  await writeFile(path.join(root, 'bench-results/idle-rate.json'), JSON.stringify(result));
  await context.close();
});
