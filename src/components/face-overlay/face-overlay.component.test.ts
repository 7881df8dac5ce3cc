// <face-overlay> in a real browser: one box per face drawn where the face is on the letterboxed video, labelled
// with who it is, and `face-select` when staff tap a face or choose it from the keyboard list.
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { TrackView } from '../../app/counter/counter-session';
import { strings } from '../../i18n/strings';
import { colourFor, type FaceOverlay } from './face-overlay.component';
import './face-overlay.component';

const f = strings.faces;

function track(id: number, box: TrackView['box'], more: Partial<TrackView> = {}): TrackView {
  return {
    id,
    box,
    visible: true,
    kind: 'visitor',
    memberId: undefined,
    visitorId: id,
    ageBand: undefined,
    gender: undefined,
    emotion: undefined,
    live: undefined,
    liveReason: '',
    firstSeen: 0,
    identifiedAfterMs: undefined,
    ...more,
  };
}

// A 1280x720 frame shown in a 640x480 element: scale 0.5, letterboxed by 60 px above and below.
const FRAME = { width: 1280, height: 720 };
const STAGE = { width: 640, height: 480 };
const SCALE = 0.5;
const TOP = 60;

const ana = track(
  1,
  { x: 200, y: 160, width: 240, height: 280 },
  {
    kind: 'member',
    memberId: 'm-1',
    visitorId: undefined,
    ageBand: '30-39',
    gender: 'female',
  },
);
const visitor = track(2, { x: 800, y: 200, width: 200, height: 240 });

async function mount(tracks: readonly TrackView[], selectedId?: number): Promise<FaceOverlay> {
  const stage = document.createElement('div');
  stage.style.cssText = `position: relative; width: ${STAGE.width}px; height: ${STAGE.height}px;`;
  const el = document.createElement('face-overlay');
  el.frameWidth = FRAME.width;
  el.frameHeight = FRAME.height;
  el.tracks = tracks;
  el.selectedId = selectedId;
  el.names = new Map([['m-1', 'Ana Silva']]);
  stage.append(el);
  document.body.append(stage);
  await el.updateComplete;
  return el;
}

function canvasOf(el: FaceOverlay): HTMLCanvasElement {
  const canvas = el.shadowRoot?.querySelector('canvas');
  if (!canvas) throw new Error('no canvas');
  return canvas;
}

/** The colour of the canvas pixel at element coordinates (x, y), as #rrggbb. */
function pixel(el: FaceOverlay, x: number, y: number): string {
  const dpr = window.devicePixelRatio || 1;
  const ctx = canvasOf(el).getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const [r = 0, g = 0, b = 0] = ctx.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data;
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Where a frame box lands in the element. */
const onStage = (box: TrackView['box']) => ({
  x: box.x * SCALE,
  y: TOP + box.y * SCALE,
  width: box.width * SCALE,
  height: box.height * SCALE,
});

let strokes: MockInstance<CanvasRenderingContext2D['strokeRect']>;
let texts: MockInstance<CanvasRenderingContext2D['fillText']>;

beforeEach(() => {
  // Spies that record and still draw, so both the calls and the pixels can be checked.
  strokes = vi.spyOn(CanvasRenderingContext2D.prototype, 'strokeRect');
  texts = vi.spyOn(CanvasRenderingContext2D.prototype, 'fillText');
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('<face-overlay>', () => {
  it('draws one box per face, where the face is on the letterboxed video, in the face’s colour', async () => {
    const el = await mount([ana, visitor]);
    const boxes = strokes.mock.calls.slice(-2);
    expect(boxes).toEqual([ana, visitor].map((t) => Object.values(onStage(t.box))));

    for (const t of [ana, visitor]) {
      const b = onStage(t.box);
      // The middle of each side is painted in the track's colour; the middle of the box is left clear.
      expect(pixel(el, b.x, b.y + b.height / 2)).toBe(colourFor(t.id));
      expect(pixel(el, b.x + b.width, b.y + b.height / 2)).toBe(colourFor(t.id));
      expect(pixel(el, b.x + b.width / 2, b.y + b.height)).toBe(colourFor(t.id));
      const ctx = canvasOf(el).getContext('2d');
      const dpr = window.devicePixelRatio || 1;
      expect(ctx?.getImageData((b.x + b.width / 2) * dpr, (b.y + b.height / 2) * dpr, 1, 1).data[3]).toBe(0);
    }
    // Nothing above the letterbox line: the frame starts 60 px down.
    expect(pixel(el, ana.box.x * SCALE, TOP - 30)).not.toBe(colourFor(ana.id));
  });

  it('labels each face above its box: a member by name with age and gender, a visitor by number', async () => {
    const el = await mount([ana, visitor]);
    const drawn = texts.mock.calls.map(([text, x, y]) => ({ text, x, y }));
    const a = onStage(ana.box);
    const v = onStage(visitor.box);
    const anaName = drawn.find((d) => d.text === 'Ana Silva');
    const anaDetails = drawn.find((d) => d.text === `30-39 · ${f.gender.female}`);
    const visitorName = drawn.find((d) => d.text === f.visitor(2));
    expect(anaName).toBeDefined();
    expect(anaDetails).toBeDefined();
    expect(visitorName).toBeDefined();
    // Text sits just inside the label, which sits just above the box and starts at its left edge.
    expect(anaName?.x).toBe(a.x + 8);
    expect(anaName?.y).toBeLessThan(a.y);
    expect(anaDetails?.y).toBe((anaName?.y ?? 0) + 18);
    expect(visitorName?.x).toBe(v.x + 8);
    expect(visitorName?.y).toBeLessThan(v.y);
    // The label's edge bar is in the face's colour.
    expect(pixel(el, a.x + 1, a.y - 10)).toBe(colourFor(ana.id));

    // The keyboard list says the same.
    const buttons = page.getByRole('button', { includeHidden: true }).elements();
    expect(buttons.map((b) => b.textContent.trim())).toEqual(['Ana Silva', f.visitor(2)]);
  });

  it('says a face is being identified, or may be a photo, until it is known', async () => {
    const pending = track(3, { x: 100, y: 100, width: 200, height: 200 }, { kind: 'pending', visitorId: undefined });
    const photo = track(4, { x: 700, y: 100, width: 200, height: 200 }, { kind: 'suspect', live: false });
    await mount([pending, photo]);
    const drawn = texts.mock.calls.map(([text]) => text);
    expect(drawn).toContain(f.identifying);
    expect(drawn).toContain(f.suspect);
    expect(drawn).toContain(f.notLive);
    expect(drawn).not.toContain(f.member);
  });

  it('redraws when the faces move, keeping one box per face', async () => {
    const el = await mount([ana, visitor]);
    const moved = { ...visitor, box: { ...visitor.box, x: 900 } };
    strokes.mockClear();
    el.tracks = [moved];
    await el.updateComplete;
    expect(strokes.mock.calls).toEqual([Object.values(onStage(moved.box))]);
    expect(pixel(el, onStage(visitor.box).x, onStage(visitor.box).y + 20)).not.toBe(colourFor(visitor.id));
  });

  it('sends face-select with the track id when staff tap a face', async () => {
    const el = await mount([ana, visitor]);
    const heard: { trackId: number; bubbles: boolean; composed: boolean }[] = [];
    document.body.addEventListener('face-select', (e) =>
      heard.push({ trackId: e.detail.trackId, bubbles: e.bubbles, composed: e.composed }),
    );
    const v = onStage(visitor.box);
    await userEvent.click(page.elementLocator(canvasOf(el)), {
      position: { x: v.x + v.width / 2, y: v.y + v.height / 2 },
    });
    // A tap on no face selects nothing.
    await userEvent.click(page.elementLocator(canvasOf(el)), { position: { x: 10, y: 10 } });
    expect(heard).toEqual([{ trackId: visitor.id, bubbles: true, composed: true }]);
  });

  it('sends face-select from the keyboard list, which marks the selected face', async () => {
    const el = await mount([ana, visitor], ana.id);
    const buttons = [...(el.shadowRoot?.querySelectorAll('button') ?? [])];
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    const heard: number[] = [];
    el.addEventListener('face-select', (e) => heard.push(e.detail.trackId));
    buttons[1]?.focus();
    await userEvent.keyboard('{Enter}');
    expect(heard).toEqual([visitor.id]);
  });
});
