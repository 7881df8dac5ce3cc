import { describe, expect, it } from 'vitest';
import { REPEAT_AFTER_MS, RepeatPictureFilter, THUMBNAIL_SIDE } from './repeat-picture';

/** A thumbnail of one grey level, opaque unless said otherwise. */
const picture = (grey: number, alpha = 255) => {
  const rgba = new Uint8ClampedArray(THUMBNAIL_SIDE * THUMBNAIL_SIDE * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([grey, grey, grey, alpha], i);
  return rgba;
};

describe('RepeatPictureFilter', () => {
  it('drops a copy identical to the last picture handed on, and keeps one that differs by one byte', () => {
    const filter = new RepeatPictureFilter();
    expect(filter.judge(picture(100), 0)).toBe('new');
    expect(filter.judge(picture(100), 120)).toBe('repeat');
    const noisy = picture(100);
    noisy[17] = 101;
    expect(filter.judge(noisy, 500)).toBe('new');
    expect(filter.judge(picture(100), 900)).toBe('new'); // not the last one handed on
  });

  it('lets the same picture through again once a second has passed: one picture shown for long is judged', () => {
    const filter = new RepeatPictureFilter();
    expect(filter.judge(picture(80), 1000)).toBe('new');
    expect(filter.judge(picture(80), 1000 + REPEAT_AFTER_MS / 2)).toBe('repeat');
    expect(filter.judge(picture(80), 1000 + REPEAT_AFTER_MS)).toBe('new');
    expect(filter.judge(picture(80), 1100 + REPEAT_AFTER_MS)).toBe('repeat');
  });

  it('calls a fully transparent copy blank, and one opaque pixel is enough to be a picture', () => {
    const filter = new RepeatPictureFilter();
    expect(filter.judge(picture(0, 0), 0)).toBe('blank');
    const one = picture(0, 0);
    one[3] = 255;
    expect(filter.judge(one, 0)).toBe('new');
  });
});
