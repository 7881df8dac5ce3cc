// The counter screen under a steady camera of real faces (three people, moving like live people, looping), for
// `npm run bench -- counter` (5 minutes) and `npm run bench -- soak --minutes 30`; with `--clip FILE` the camera
// plays that clip instead (Chromium's fake camera loops it), the demo shop is loaded, and the Analytics figures
// the run produced are added (visits, unique and returning visitors, visits per gender and age band). Samples
// every second:
// analysed frames per second and camera-to-result latency (frame captured -> result applied to the overlay
// state); counts main-thread long tasks (> 50 ms); reads JS heap and the engine's tensor count at start (after
// one minute of warm-up) and end. Writes the figures to bench-results/counter.json for bench.mjs to print.
//
// Staff touch the screen now and then (a key press every two minutes), as at a real counter: without it the
// idle lock (15 minutes by default) would lock the app at a time nobody chose. The soak (BENCH_SCREEN_CHANGES)
// also goes through a staff member's day every eight minutes: two minutes on Products, two on Analytics, two
// locked (counting goes on, see README "Counting while staff are elsewhere"), two back on the Counter;
// `screens` reports the seconds spent on each. Its warm-up also visits every screen once, so the start figures
// count each screen built once, as the end's do; it ends back on the Counter. Each time staff come back to the
// Counter it reads the live heap, the page's DOM nodes and event listeners, and how many anonymous visitors the
// day has (each keeps a template in memory until the retention window ends: data, not a leak); at start and end,
// `heap_kb_by_kind` splits the live heap into the app's objects, strings, compiled code and the browser's native
// objects (bench/heap-snapshot.ts), so growth can be traced to its kind. A
// second in which no frame was analysed counts as stalled; `stalled_seconds` and `longest_stall_s` report it,
// with the app and engine state seen during the stall, so a frozen counter cannot pass as a steady one.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setUpApp, unlock } from '../e2e/support/app';
import { buildClip, root } from '../e2e/support/clips';
import { applyLivenessChoice } from '../e2e/support/counter';
import { launchWithCamera } from '../e2e/support/members';
import { threePeopleShots } from '../e2e/support/scenes';
import { test } from '@playwright/test';
import { heapByKind } from './heap-snapshot';
import { summary } from './summary';

const minutes = Number(process.env.BENCH_MINUTES ?? 5);
/** A clip to play as the camera (.mjpeg or .y4m) instead of the three people. */
const clipFile = process.env.BENCH_CLIP;
/** Change screens and lock now and then during the run (the soak). */
const screenChanges = process.env.BENCH_SCREEN_CHANGES === '1';
const SCREENS = ['Products', 'Analytics', 'locked', 'Counter'] as const;

test('counter under a steady camera', async ({ baseURL }) => {
  const clip =
    clipFile ??
    (await buildClip({
      name: 'bench-counter',
      scenes: [
        {
          shots: threePeopleShots(),
          seconds: 20,
          live: true,
        },
      ],
    }));
  // gc() in the page, so the heap is read after a full collection (live memory, not garbage awaiting collection),
  // and exact heap figures (Chromium otherwise rounds them).
  const browser = await launchWithCamera(clip, ['--js-flags=--expose-gc', '--enable-precise-memory-info']);
  const context = await browser.newContext({ permissions: ['camera'] });
  // The clip's people are moved photos: taken as live, as a counter of real people would be (test build only).
  await applyLivenessChoice(context);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  // A clip is tried as a new user would: with the demo shop.
  await setUpApp(page, `${baseURL}/`, { demo: clipFile !== undefined });
  await page.getByRole('link', { name: 'Counter' }).click();
  await page.waitForFunction(() => (window.counterpartDiagnostics?.counter().faces ?? 0) > 0, undefined, {
    timeout: 120_000,
  });
  /** `collect`: run a full garbage collection first (start and end only: it costs the page a few ms). */
  const read = (collect = false) =>
    page.evaluate(async (collect) => {
      const d = window.counterpartDiagnostics;
      const w = window as unknown as { longTasks: number[]; gc?: () => void };
      if (collect) w.gc?.();
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        counter: d?.counter(),
        tensors: (await d?.engineMemory())?.numTensors ?? NaN,
        heapMb: memory ? memory.usedJSHeapSize / 1048576 : NaN,
        longTasks: w.longTasks.length,
        t: performance.now(),
      };
    }, collect);
  const cdp = screenChanges ? await context.newCDPSession(page) : undefined;
  /** Live heap, DOM nodes and listeners, and the day's unique visitors, after a full collection. */
  const atCounter = async () => {
    const { heapMb } = await read(true);
    const dom = cdp ? await cdp.send('Memory.getDOMCounters') : undefined;
    const unique = await page.evaluate(async () => (await window.counterpartDiagnostics?.analytics(1))?.unique);
    return { heapMb: Math.round(heapMb * 100) / 100, nodes: dom?.nodes, listeners: dom?.jsEventListeners, unique };
  };
  // One minute of warm-up (JIT, caches, the engine's first frames; with screen changes, every screen once), then
  // measure.
  const warmUpEnds = Date.now() + 60_000;
  if (screenChanges) {
    for (const name of ['Products', 'Analytics']) {
      await page.getByRole('link', { name }).click();
      await page.waitForTimeout(5000);
    }
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.waitForTimeout(5000);
    await unlock(page);
    await page.getByRole('link', { name: 'Counter' }).click();
  }
  await page.waitForTimeout(Math.max(0, warmUpEnds - Date.now()));
  const start = await read(true);
  const startAtCounter = screenChanges ? await atCounter() : undefined;
  const startKinds = cdp ? await heapByKind(cdp) : undefined;
  const fps: number[] = [];
  const latency: number[] = [];
  const until = Date.now() + minutes * 60_000;
  let end = start;
  let lastActivity = Date.now();
  let stalledSeconds = 0;
  let stall = 0;
  let longestStall = 0;
  const stallStates = new Set<string>();
  let screen: (typeof SCREENS)[number] = 'Counter';
  let screenIndex = SCREENS.length - 1;
  const screens: Record<string, number> = {};
  /** What `atCounter` read each time staff came back to the Counter: flat when nothing leaks. */
  const returns: Awaited<ReturnType<typeof atCounter>>[] = [];
  while (Date.now() < until) {
    await page.waitForTimeout(1000);
    screens[screen] = (screens[screen] ?? 0) + 1;
    if (Date.now() - lastActivity > 120_000) {
      lastActivity = Date.now();
      if (screenChanges) {
        if (screen === 'locked') await unlock(page);
        screenIndex = (screenIndex + 1) % SCREENS.length;
        screen = SCREENS[screenIndex] ?? 'Counter';
        if (screen === 'locked') await page.getByRole('button', { name: 'Lock' }).click();
        else await page.getByRole('link', { name: screen }).click();
        if (screen === 'Counter') returns.push(await atCounter());
      } else await page.keyboard.press('Shift');
    }
    const previous = end;
    end = await read();
    if (!end.counter) continue;
    if (end.counter.analysedFrames === previous.counter?.analysedFrames) {
      // No frame analysed since the last sample: not a frame rate, a stall.
      stalledSeconds++;
      longestStall = Math.max(longestStall, ++stall);
      stallStates.add(`store ${end.counter.store}, engine ${end.counter.engine}, error ${end.counter.error ?? '-'}`);
      continue;
    }
    stall = 0;
    fps.push(end.counter.fps);
    if (end.counter.latencyMs !== undefined) latency.push(end.counter.latencyMs);
  }
  if (screen === 'locked') await unlock(page);
  if (screenChanges && screen !== 'Counter') {
    await page.getByRole('link', { name: 'Counter' }).click();
    await page.waitForTimeout(5000);
  }
  const last = await read(true);
  const endAtCounter = screenChanges ? await atCounter() : undefined;
  const endKinds = cdp ? await heapByKind(cdp) : undefined;
  // The visits still on screen end (as when the camera stops) and are recorded before Analytics is read.
  const analytics = clipFile
    ? await page.evaluate(async () => {
        await window.counterpartDiagnostics?.endVisits();
        const figures = await window.counterpartDiagnostics?.analytics(1);
        // Each visit as the counter reported it (seconds from the first visit's start), to see splits and merges.
        const visits = window.counterpartDiagnostics?.visits() ?? [];
        const t0 = visits[0]?.start ?? 0;
        const visit_log = visits.map((v) => ({ ...v, start: Math.round((v.start - t0) / 100) / 10 }));
        return figures && { ...figures, visit_log };
      })
    : undefined;
  const measuredMinutes = (end.t - start.t) / 60_000;
  const half = Math.floor(fps.length / 2);
  const result = {
    minutes: Math.round(measuredMinutes * 10) / 10,
    fps: summary(fps),
    fps_first_half: summary(fps.slice(0, half)).median,
    fps_second_half: summary(fps.slice(half)).median,
    latency_ms: summary(latency),
    long_tasks_per_minute: Math.round(((end.longTasks - start.longTasks) / measuredMinutes) * 10) / 10,
    heap_mb: { start: Math.round(start.heapMb * 100) / 100, end: Math.round(last.heapMb * 100) / 100 },
    tensors: { start: start.tensors, end: last.tensors },
    faces: end.counter?.faces ?? 0,
    frames_analysed: (end.counter?.analysedFrames ?? 0) - (start.counter?.analysedFrames ?? 0),
    stalled_seconds: stalledSeconds,
    longest_stall_s: longestStall,
    stall_states: [...stallStates],
    ...(screenChanges
      ? {
          screens,
          heap_mb_at_returns_to_counter: returns.map((r) => r.heapMb),
          dom_nodes_at_returns_to_counter: returns.map((r) => r.nodes),
          listeners_at_returns_to_counter: returns.map((r) => r.listeners),
          unique_visitors_at_returns_to_counter: returns.map((r) => r.unique),
          at_counter: { start: startAtCounter, end: endAtCounter },
          heap_kb_by_kind: { start: startKinds, end: endKinds },
        }
      : {}),
    ...(clipFile ? { clip: path.basename(clipFile), warm_up_minutes: 1, ...analytics } : {}),
  };
  await mkdir(path.join(root, 'bench-results'), { recursive: true });
  await writeFile(path.join(root, 'bench-results/counter.json'), JSON.stringify(result));
  await browser.close();
});
