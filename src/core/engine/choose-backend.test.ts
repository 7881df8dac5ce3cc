import { describe, expect, it } from 'vitest';
import { candidateOrder, chooseBackend, median, percentile, shouldAbandon } from './choose-backend';

describe('chooseBackend', () => {
  it('picks the fastest sound backend, not the first available', () => {
    expect(
      chooseBackend([
        { name: 'webgpu', ok: true, software: true, medianMs: 4000 },
        { name: 'webgl', ok: true, software: true, medianMs: 900 },
        { name: 'wasm', ok: true, medianMs: 80 },
      ]),
    ).toBe('wasm');
    expect(
      chooseBackend([
        { name: 'webgpu', ok: true, medianMs: 12 },
        { name: 'wasm', ok: true, medianMs: 80 },
      ]),
    ).toBe('webgpu');
  });

  it('ignores failed and abandoned trials and uses cpu only as a last resort', () => {
    expect(
      chooseBackend([
        { name: 'webgpu', ok: false, error: 'no adapter' },
        { name: 'webgl', ok: true, medianMs: 10, abandoned: true },
        { name: 'wasm', ok: true, medianMs: 90 },
        { name: 'cpu', ok: true, medianMs: 60 },
      ]),
    ).toBe('wasm');
    expect(chooseBackend([{ name: 'cpu', ok: true, medianMs: 600 }])).toBe('cpu');
    expect(chooseBackend([{ name: 'wasm', ok: false }])).toBeUndefined();
  });

  it('honours a forced backend that works, and falls back when it does not', () => {
    const trials = [
      { name: 'webgl' as const, ok: true, medianMs: 500 },
      { name: 'wasm' as const, ok: true, medianMs: 80 },
    ];
    expect(chooseBackend(trials, 'webgl')).toBe('webgl');
    expect(chooseBackend(trials, 'webgpu')).toBe('wasm');
  });
});

describe('candidateOrder', () => {
  it('puts a forced backend first and leaves out excluded ones', () => {
    expect(candidateOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidateOrder('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
    expect(candidateOrder('auto', ['webgpu'])).toEqual(['webgl', 'wasm', 'cpu']);
  });
});

describe('statistics', () => {
  it('median and percentile', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
  it('abandons a trial that is far behind, or whose first run takes too long', () => {
    expect(shouldAbandon({ ms: 500, warmup: false }, 100)).toBe(true);
    expect(shouldAbandon({ ms: 200, warmup: false }, 100)).toBe(false);
    expect(shouldAbandon({ ms: 10_000, warmup: false }, undefined)).toBe(false);
    expect(shouldAbandon({ ms: 11_000, warmup: true }, undefined)).toBe(true);
    expect(shouldAbandon({ ms: 5_000, warmup: true }, undefined)).toBe(false);
  });

  it('never abandons the backend staff forced, so a slow choice still runs', () => {
    expect(shouldAbandon({ ms: 11_000, warmup: true }, undefined, true)).toBe(false);
    expect(shouldAbandon({ ms: 500, warmup: false }, 100, true)).toBe(false);
    // ...and the trial it gives is one chooseBackend honours.
    expect(
      chooseBackend([{ name: 'webgl', ok: true, warmupMs: 11_000, medianMs: 900, abandoned: false }], 'webgl'),
    ).toBe('webgl');
  });
});
