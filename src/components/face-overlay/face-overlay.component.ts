// <face-overlay>: boxes and labels for every tracked face, drawn on one canvas over the video (no DOM per face
// per frame). Tapping a face, or choosing it in the keyboard-accessible list, emits `face-select`.
import { LitElement, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { cssVars } from '../directives/css-vars';
import { emit } from '../emit';
import type { TrackView } from '../../app/counter/counter-session';
import { strings } from '../../i18n/strings';
import { faceOverlayStyles } from './face-overlay.styles';

/** Distinct, high-contrast colours; a track keeps its colour for its whole life. */
export const TRACK_COLOURS = ['#22d3ee', '#f472b6', '#a3e635', '#fbbf24', '#c084fc', '#fb923c', '#34d399', '#60a5fa'];
export const colourFor = (trackId: number) => TRACK_COLOURS[trackId % TRACK_COLOURS.length] as string;

export interface FaceSelectDetail {
  readonly trackId: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'face-overlay': FaceOverlay;
  }
  interface HTMLElementEventMap {
    'face-select': CustomEvent<FaceSelectDetail>;
  }
}

/** How the video frame maps into the element (object-fit: contain). */
function fit(frameW: number, frameH: number, boxW: number, boxH: number) {
  const scale = Math.min(boxW / frameW, boxH / frameH);
  return { scale, dx: (boxW - frameW * scale) / 2, dy: (boxH - frameH * scale) / 2 };
}

/**
 * @fires face-select - `{ trackId }`: staff tapped a face's box or chose it in the list (bubbles, composed).
 */
@customElement('face-overlay')
export class FaceOverlay extends LitElement {
  static override styles = faceOverlayStyles;

  @property({ attribute: false }) tracks: readonly TrackView[] = [];
  @property({ type: Number }) frameWidth = 0;
  @property({ type: Number }) frameHeight = 0;
  @property({ attribute: false }) selectedId: number | undefined;
  /** Member display names by member id (only while unlocked). */
  @property({ attribute: false }) names: ReadonlyMap<string, string> = new Map();

  @query('canvas') private canvas!: HTMLCanvasElement;

  readonly #resize = new ResizeObserver(() => this.#draw());

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  override updated(): void {
    this.#draw();
  }

  labelFor(t: TrackView): string {
    const f = strings.faces;
    if (t.kind === 'suspect') return f.suspect;
    if (t.kind === 'member' && t.memberId) return this.names.get(t.memberId) ?? f.member;
    if (t.kind === 'visitor' && t.visitorId !== undefined) return f.visitor(t.visitorId);
    return f.identifying;
  }

  #details(t: TrackView): string {
    const parts: string[] = [];
    if (t.ageBand) parts.push(t.ageBand);
    if (t.gender) parts.push(strings.faces.gender[t.gender]);
    if (t.emotion) parts.push(strings.faces.emotion[t.emotion.emotion] ?? t.emotion.emotion);
    return parts.join(' · ');
  }

  #draw(): void {
    const canvas = this.canvas as HTMLCanvasElement | undefined;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const w = this.clientWidth;
    const h = this.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!this.frameWidth || !this.frameHeight) return;
    const { scale, dx, dy } = fit(this.frameWidth, this.frameHeight, w, h);
    ctx.font = '600 14px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    for (const t of this.tracks) {
      const colour = colourFor(t.id);
      const x = dx + t.box.x * scale;
      const y = dy + t.box.y * scale;
      const bw = t.box.width * scale;
      const bh = t.box.height * scale;
      ctx.globalAlpha = t.visible ? 1 : 0.45;
      ctx.lineWidth = t.id === this.selectedId ? 4 : 2;
      ctx.strokeStyle = colour;
      ctx.setLineDash(t.kind === 'pending' ? [6, 4] : []);
      ctx.strokeRect(x, y, bw, bh);
      ctx.setLineDash([]);
      // Label above the box (or inside it at the top edge of the frame).
      const lines = [this.labelFor(t), this.#details(t)].filter(Boolean);
      const textW = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 12;
      const textH = lines.length * 18 + 6;
      const ly = y - textH - 2 >= 0 ? y - textH - 2 : y + 2;
      // Keep the label inside the picture when the face is near its right edge.
      const lx = Math.max(0, Math.min(x, w - textW));
      ctx.fillStyle = 'rgba(15, 23, 32, 0.82)';
      ctx.fillRect(lx, ly, textW, textH);
      ctx.fillStyle = colour;
      ctx.fillRect(lx, ly, 4, textH);
      ctx.fillStyle = '#f8fafc';
      lines.forEach((line, i) => ctx.fillText(line, lx + 8, ly + 4 + i * 18));
      if (t.emotion) {
        // A small bar under the box: how sure the emotion estimate is.
        ctx.fillStyle = 'rgba(15, 23, 32, 0.7)';
        ctx.fillRect(x, y + bh + 3, bw, 5);
        ctx.fillStyle = colour;
        ctx.fillRect(x, y + bh + 3, bw * t.emotion.score, 5);
      }
      if (t.live === false) {
        const badge = strings.faces.notLive;
        const bwid = ctx.measureText(badge).width + 12;
        ctx.fillStyle = '#b91c1c';
        ctx.fillRect(x + bw - bwid, y + bh - 22, bwid, 22);
        ctx.fillStyle = '#fff';
        ctx.fillText(badge, x + bw - bwid + 6, y + bh - 19);
      }
      ctx.globalAlpha = 1;
    }
  }

  #onTap(e: PointerEvent): void {
    if (!this.frameWidth) return;
    const rect = this.getBoundingClientRect();
    const { scale, dx, dy } = fit(this.frameWidth, this.frameHeight, rect.width, rect.height);
    const fx = (e.clientX - rect.left - dx) / scale;
    const fy = (e.clientY - rect.top - dy) / scale;
    const hit = this.tracks.find(
      (t) => fx >= t.box.x && fx <= t.box.x + t.box.width && fy >= t.box.y && fy <= t.box.y + t.box.height,
    );
    if (hit) this.#emit(hit.id);
  }

  #emit(trackId: number): void {
    emit(this, 'face-select', { trackId });
  }

  override render() {
    return html`<canvas aria-hidden="true" @pointerup=${this.#onTap}></canvas>
      <ul aria-label=${strings.faces.listLabel}>
        ${this.tracks.map(
          (t) =>
            html`<li>
              <button
                ${cssVars({ '--face-colour': colourFor(t.id) })}
                aria-pressed=${t.id === this.selectedId ? 'true' : 'false'}
                data-track=${t.id}
                @click=${() => this.#emit(t.id)}
              >
                ${this.labelFor(t)}
              </button>
            </li>`,
        )}
      </ul>`;
  }
}
