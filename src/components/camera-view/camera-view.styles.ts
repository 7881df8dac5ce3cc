import { css } from 'lit';

export const cameraViewStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--space-2, 8px);
    min-height: 0;
  }
  .stage {
    position: relative;
    background: #000;
    border-radius: var(--radius, 12px);
    overflow: hidden;
    aspect-ratio: 4 / 3;
    width: 100%;
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: contain;
    display: block;
  }
  .overlay {
    position: absolute;
    inset: 0;
  }
  .message {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    gap: var(--space-3, 12px);
    padding: var(--space-4, 16px);
    text-align: center;
    color: #f8fafc;
    background: rgba(15, 23, 32, 0.88);
    font-size: 1.05rem;
    line-height: 1.4;
  }
  .message[hidden] {
    display: none;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2, 8px);
    align-items: center;
  }
  .file-pick {
    display: inline-flex;
    flex-wrap: wrap;
    gap: var(--space-2, 8px);
    align-items: center;
    font-size: 0.9rem;
    color: var(--text-muted, #a5b4c4);
  }
  .file {
    font-size: 0.9rem;
  }
  button,
  select {
    min-height: 44px;
    min-width: 44px;
    font: inherit;
    border-radius: 8px;
    padding: 0 var(--space-3, 12px);
  }
  button {
    background: var(--accent, #0f766e);
    color: var(--on-accent, #fff);
    border: none;
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: inherit;
    border: 1px solid currentColor;
  }
  select {
    background: var(--surface-2, #1e293b);
    color: inherit;
    border: 1px solid var(--border, #334155);
  }
  button:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--focus, #f59e0b);
    outline-offset: 2px;
  }
`;
