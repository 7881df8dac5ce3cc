import { css } from 'lit';
import { visuallyHidden } from '../../components/shared-styles/visually-hidden';

export const counterPageStyles = [
  visuallyHidden,
  css`
    /* Counting on out of sight (another screen or the lock screen is shown): laid out as usual, so the browser keeps
     the video playing, but invisible and under everything. */
    :host([parked]) {
      position: fixed;
      inset: 0;
      opacity: 0;
      pointer-events: none;
      z-index: -1;
      overflow: hidden;
    }
    .demo {
      grid-column: 1 / -1;
      margin: 0;
      padding: var(--space-3, 12px);
      border-radius: var(--radius, 12px);
      background: var(--surface, #16212c);
      border: 1px dashed var(--accent, #4fb3ff);
      display: flex;
      gap: var(--space-3, 12px);
      align-items: center;
      flex-wrap: wrap;
    }
    :host {
      display: grid;
      gap: var(--space-4, 16px);
      grid-template-columns: minmax(0, 1fr);
      align-items: start;
    }
    /* Landscape tablets and laptops: camera and card side by side. Portrait: stacked. */
    @media (min-width: 900px) and (orientation: landscape) {
      :host {
        grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr);
      }
    }
    .alert {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-3, 12px);
      padding: var(--space-3, 12px) var(--space-4, 16px);
      border-radius: var(--radius, 12px);
      background: #b91c1c;
      color: #fff;
      font-size: 1.1rem;
    }
    .alert button {
      min-height: 44px;
      padding: 0 var(--space-4, 16px);
      border-radius: 8px;
      border: 2px solid #fff;
      background: transparent;
      color: #fff;
      font: inherit;
      cursor: pointer;
    }
    .camera,
    .card {
      min-width: 0;
    }
  `,
];
