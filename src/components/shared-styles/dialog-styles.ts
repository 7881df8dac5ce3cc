// The modal dialog box the counter's dialogs share (sale, watch-list flag): one look, both themes.
import { css } from 'lit';

export const dialogBoxStyles = css`
  dialog {
    width: min(92vw, 520px);
    border: 1px solid var(--border, #2c3b4a);
    border-radius: var(--radius, 12px);
    background: var(--surface, #16212c);
    color: var(--text, #f8fafc);
    padding: var(--space-5, 20px);
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.5);
  }
`;
