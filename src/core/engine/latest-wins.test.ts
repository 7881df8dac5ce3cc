import { describe, expect, it } from 'vitest';
import { LatestWins } from './latest-wins';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A queue whose jobs finish when the test says (gates), recording which started and which were dropped. */
function gatedQueue() {
  const gates = new Map<number, ReturnType<typeof deferred<string>>>();
  const started: number[] = [];
  const dropped: number[] = [];
  const q = new LatestWins<number, string>(
    (n) => {
      started.push(n);
      const d = deferred<string>();
      gates.set(n, d);
      return d.promise;
    },
    (n) => dropped.push(n),
  );
  return { gates, started, dropped, q };
}

describe('LatestWins', () => {
  it('runs one job at a time and replaces the waiting one, dropping it', async () => {
    const { gates, started, dropped, q } = gatedQueue();
    const p1 = q.submit(1);
    const p2 = q.submit(2);
    const p3 = q.submit(3);
    await expect(p2).rejects.toMatchObject({ name: 'AbortError' });
    expect(dropped).toEqual([2]);
    expect(started).toEqual([1]);
    gates.get(1)?.resolve('one');
    await expect(p1).resolves.toBe('one');
    await Promise.resolve();
    expect(started).toEqual([1, 3]);
    gates.get(3)?.resolve('three');
    await expect(p3).resolves.toBe('three');
    expect(q.busy).toBe(false);
  });

  it('never replaces a kept job: frames arriving meanwhile replace only each other, and kept jobs run first', async () => {
    const { gates, started, dropped, q } = gatedQueue();
    const frame1 = q.submit(1);
    const photoA = q.submit(100, undefined, { keep: true });
    const frame2 = q.submit(2);
    const photoB = q.submit(101, undefined, { keep: true });
    const frame3 = q.submit(3);
    await expect(frame2).rejects.toMatchObject({ name: 'AbortError' });
    expect(dropped).toEqual([2]);
    const settle = async (n: number, value: string) => {
      gates.get(n)?.resolve(value);
      await Promise.resolve();
      await Promise.resolve();
    };
    await settle(1, 'f1');
    await settle(100, 'a');
    await settle(101, 'b');
    await settle(3, 'f3');
    expect(started).toEqual([1, 100, 101, 3]);
    await expect(Promise.all([frame1, photoA, photoB, frame3])).resolves.toEqual(['f1', 'a', 'b', 'f3']);
  });

  it('drops an aborted waiting job and discards an aborted running job', async () => {
    const gate = deferred<string>();
    const dropped: number[] = [];
    const q = new LatestWins<number, string>(
      () => gate.promise,
      (n) => dropped.push(n),
    );
    const running = new AbortController();
    const waiting = new AbortController();
    const p1 = q.submit(1, running.signal);
    const p2 = q.submit(2, waiting.signal);
    waiting.abort();
    await expect(p2).rejects.toMatchObject({ name: 'AbortError' });
    expect(dropped).toEqual([2]);
    running.abort();
    gate.resolve('late');
    await expect(p1).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes failures through and keeps going', async () => {
    let n = 0;
    const q = new LatestWins<number, number>((x) =>
      ++n === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(x * 2),
    );
    await expect(q.submit(1)).rejects.toThrow('boom');
    await expect(q.submit(4)).resolves.toBe(8);
  });

  it('drops input submitted with an already-aborted signal', async () => {
    const dropped: number[] = [];
    const q = new LatestWins<number, number>(
      (x) => Promise.resolve(x),
      (x) => dropped.push(x),
    );
    const c = new AbortController();
    c.abort();
    await expect(q.submit(7, c.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(dropped).toEqual([7]);
  });
});
