import { css } from 'lit';
import { formStyles } from '../shared-styles/form-styles';

export const flagDialogStyles = [
  formStyles,
  css`
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
    textarea {
      min-height: 88px;
      font: inherit;
      padding: 8px 10px;
      border-radius: 8px;
    }
  `,
];
