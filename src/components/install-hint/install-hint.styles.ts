import { css } from 'lit';

// Buttons come from the shared form styles (the outline "secondary" button).

export const installHintStyles = css`
  :host {
    display: block;
  }
  .hint {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px;
    margin: 8px 16px 0;
    padding: 12px 16px;
    border-radius: 12px;
    border: 1px solid var(--border, #cbd5e1);
    background: var(--surface-2, #f1f5f9);
    color: var(--text, #0f172a);
  }
  p {
    margin: 0;
    flex: 1 1 24em;
  }
`;
