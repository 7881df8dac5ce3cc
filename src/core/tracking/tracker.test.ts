import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACKER_OPTIONS, Tracker } from './tracker';

const box = (x: number, y = 100, size = 100) => ({ x, y, width: size, height: size });
const emb = (...xs: number[]) => {
  const v = Float32Array.from(xs);
  const n = Math.hypot(...xs);
  return v.map((x) => x / n);
};
const A = emb(1, 0, 0);
const B = emb(0, 1, 0);
const C = emb(0, 0, 1);

describe('Tracker', () => {
  it('keeps ids stable while faces move, and when others enter and leave', () => {
    const t = new Tracker<string>();
    t.update([{ box: box(0), embedding: A, data: 'a' }], 0);
    const idA = t.tracks[0]?.id;
    t.update(
      [
        { box: box(10), embedding: A, data: 'a' },
        { box: box(400), embedding: B, data: 'b' },
      ],
      100,
    );
    const idB = t.tracks.find((x) => x.data === 'b')?.id;
    t.update([{ box: box(20), data: 'a' }], 200); // b leaves; no embedding this frame
    t.update(
      [
        { box: box(30), data: 'a' },
        { box: box(600), embedding: C, data: 'c' },
      ],
      300,
    );
    expect(t.tracks.find((x) => x.data === 'a')?.id).toBe(idA);
    const idC = t.tracks.find((x) => x.data === 'c')?.id;
    expect(new Set([idA, idB, idC]).size).toBe(3);
  });

  it('does not swap identities when two people cross', () => {
    const t = new Tracker<string>();
    t.update(
      [
        { box: box(0), embedding: A, data: 'a' },
        { box: box(300), embedding: B, data: 'b' },
      ],
      0,
    );
    const ids = Object.fromEntries(t.tracks.map((x) => [x.data, x.id]));
    // They meet in the middle (boxes overlap each other's old positions) and end up swapped.
    t.update(
      [
        { box: box(140), embedding: A, data: 'a' },
        { box: box(160), embedding: B, data: 'b' },
      ],
      100,
    );
    t.update(
      [
        { box: box(300), embedding: A, data: 'a' },
        { box: box(0), embedding: B, data: 'b' },
      ],
      200,
    );
    const after = Object.fromEntries(t.tracks.map((x) => [x.data, x.id]));
    expect(after).toEqual(ids);
  });

  it('holds a briefly lost face for the grace period, then ends the track', () => {
    const t = new Tracker<string>({ ...DEFAULT_TRACKER_OPTIONS, graceMs: 1000, boxAlpha: 1, confirmHits: 1 });
    t.update([{ box: box(0), embedding: A, data: 'a' }], 0);
    const id = t.tracks[0]?.id;
    expect(t.update([], 500).ended).toHaveLength(0);
    expect(t.tracks[0]).toMatchObject({ id, visible: false });
    const back = t.update([{ box: box(5), data: 'a' }], 900);
    expect(back.started).toHaveLength(0);
    expect(t.tracks[0]).toMatchObject({ id, visible: true });
    t.update([], 1500);
    const gone = t.update([], 2001);
    expect(gone.ended.map((x) => x.id)).toEqual([id]);
    expect(t.tracks).toHaveLength(0);
  });

  it('drops a detection that does not come back in the next frames (a false positive), and confirms one that does', () => {
    const t = new Tracker<string>();
    // A face, and for one frame something in the background the detector took for a face.
    t.update(
      [
        { box: box(0), embedding: A, data: 'a' },
        { box: box(600), embedding: B, data: 'poster' },
      ],
      0,
    );
    const lost = t.update([{ box: box(2), embedding: A, data: 'a' }], 100);
    expect(lost.dropped.map((x) => x.data)).toEqual(['poster']);
    expect(lost.ended).toHaveLength(0);
    expect(t.tracks.map((x) => [x.data, t.isConfirmed(x)])).toEqual([['a', false]]);
    // Three frames in a row: the face is confirmed, and from then on is held through a miss (the grace period).
    t.update([{ box: box(4), embedding: A, data: 'a' }], 200);
    expect(t.tracks.map((x) => t.isConfirmed(x))).toEqual([true]);
    const miss = t.update([], 300);
    expect(miss.dropped).toHaveLength(0);
    expect(t.tracks[0]).toMatchObject({ data: 'a', visible: false });
    expect(t.tracks.map((x) => t.isConfirmed(x))).toEqual([true]);
  });

  it('re-acquires a face that jumped, by appearance, but never a different person at the same place', () => {
    const t = new Tracker<string>();
    t.update([{ box: box(0), embedding: A, data: 'a' }], 0);
    const id = t.tracks[0]?.id;
    t.update([{ box: box(500), embedding: A, data: 'a' }], 100);
    expect(t.tracks.map((x) => x.id)).toEqual([id]);
    const swap = t.update([{ box: box(500), embedding: B, data: 'b' }], 200);
    expect(swap.started).toHaveLength(1);
    expect(swap.started[0]?.id).not.toBe(id);
  });
});
