import { css } from 'lit';

export const updatePromptStyles = css`
  :host {
    position: fixed;
    inset-inline: 0;
    bottom: max(16px, env(safe-area-inset-bottom));
    display: flex;
    /* At the side, not the centre, where forms put their main button. */
    justify-content: flex-end;
    padding-inline: 16px;
    pointer-events: none;
    z-index: 20;
  }
  .toast {
    pointer-events: auto;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px;
    padding: 12px 16px;
    border-radius: 12px;
    background: var(--surface-3, #0b3b36);
    color: var(--text, #f8fafc);
    box-shadow: 0 8px 24px rgba(0, 0, 0, 0.35);
    max-width: min(92vw, 640px);
  }
  button {
    min-height: 44px;
    padding: 0 16px;
    border-radius: 8px;
    font: inherit;
    cursor: pointer;
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
  }
  button.primary {
    background: var(--accent, #0f766e);
    color: var(--on-accent, #fff);
    border-color: transparent;
  }
  button:focus-visible {
    outline: 3px solid var(--focus, #f59e0b);
    outline-offset: 2px;
  }
`;
