import { css } from 'lit';

export const counterPageStyles = css`
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
  .camera,
  .card {
    min-width: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
