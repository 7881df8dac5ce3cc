import { css } from 'lit';

export const faceOverlayStyles = css`
  :host {
    position: absolute;
    inset: 0;
    display: block;
  }
  canvas {
    width: 100%;
    height: 100%;
    display: block;
    cursor: pointer;
    touch-action: manipulation;
  }
  /* The face list mirrors the drawing for keyboard and screen-reader users; visible on focus only. */
  ul {
    position: absolute;
    left: 8px;
    bottom: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  button {
    min-height: 44px;
    padding: 0 12px;
    border-radius: 22px;
    border: 2px solid var(--face-colour, #fff);
    background: rgba(15, 23, 32, 0.85);
    color: #fff;
    font: inherit;
    opacity: 0;
    pointer-events: none;
  }
  ul:focus-within button {
    opacity: 1;
    pointer-events: auto;
  }
  button:focus-visible {
    outline: 3px solid var(--focus, #f59e0b);
    outline-offset: 2px;
  }
  button[aria-pressed='true'] {
    background: rgba(15, 118, 110, 0.95);
  }
`;
