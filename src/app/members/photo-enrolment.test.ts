// Hostile picture files (the corpus in test-corpus/images, kept in the repo) are judged from their size and header
// before any decoding: bombs and lying headers are refused as too large, the rest goes to the browser's decoder
// (which refuses what it cannot read; the end-to-end enrolment test covers that part).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, WORKING_SIDE, declaredSize, photoPlan } from './photo-enrolment';

const CORPUS = path.resolve(__dirname, '../../../test-corpus/images');
const plan = (name: string) => {
  const bytes = readFileSync(path.join(CORPUS, name));
  return photoPlan(bytes.length, declaredSize(bytes));
};

describe('photoPlan on the hostile picture corpus', () => {
  it('refuses decompression bombs and headers that declare gigantic pictures, before decoding', () => {
    expect(declaredSize(readFileSync(path.join(CORPUS, 'bomb-400-megapixels.png')))).toEqual({
      width: 20000,
      height: 20000,
    });
    expect(plan('bomb-400-megapixels.png')).toEqual({ problem: 'too-large' });
    expect(plan('header-lies.png')).toEqual({ problem: 'too-large' });
  });

  it('refuses an empty file as unreadable', () => {
    expect(plan('empty.jpg')).toEqual({ problem: 'unreadable' });
  });

  it('leaves files without a readable size to the browser decoder, at full size', () => {
    for (const name of ['not-an-image.jpg', 'zero-width.png', 'truncated.jpg']) expect(plan(name), name).toEqual({});
  });

  it('passes a script-carrying polyglot with a modest declared size on to the decoder, shrunk', () => {
    // "GIF89a/*" declares 10,799 x 16 pixels: not a bomb; the browser's decoder then refuses the rest.
    expect(plan('gif-polyglot.gif')).toEqual({ resizeWidth: WORKING_SIDE });
  });

  it('covers every file of the corpus', () => {
    // Every corpus file is judged without throwing, whatever its content.
    for (const name of readdirSync(CORPUS).filter((n) => n !== 'README.md')) expect(() => plan(name)).not.toThrow();
  });
});

describe('photoPlan sizes', () => {
  it('refuses files over the byte limit without reading their header', () => {
    expect(photoPlan(MAX_PHOTO_BYTES + 1, undefined)).toEqual({ problem: 'too-large' });
  });

  it('decodes big camera photos straight to the working size, keeping the aspect ratio', () => {
    expect(photoPlan(5_000_000, { width: 6000, height: 4000 })).toEqual({ resizeWidth: WORKING_SIDE });
    expect(photoPlan(5_000_000, { width: 3000, height: 4000 })).toEqual({ resizeWidth: 1536 });
    expect(photoPlan(500_000, { width: 1280, height: 960 })).toEqual({ resizeWidth: undefined });
  });
});
