import { css } from 'lit';
import { dialogBoxStyles } from '../shared-styles/dialog-styles';
import { visuallyHidden } from '../shared-styles/visually-hidden';

export const saleDialogStyles = [
  visuallyHidden,
  dialogBoxStyles,
  css`
    form {
      display: grid;
      gap: var(--space-3, 12px);
    }
    h2 {
      margin: 0;
      font-size: 1.2rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2, 8px);
      align-items: end;
    }
    label {
      display: grid;
      gap: 4px;
    }
    input {
      min-height: 44px;
      font: inherit;
      padding: 0 10px;
      border-radius: 8px;
      border: 1px solid var(--border, #2c3b4a);
      background: var(--surface-2, #0f1922);
      color: inherit;
    }
    input[type='number'] {
      width: 6em;
    }
    button {
      min-height: 44px;
      padding: 0 16px;
      border-radius: 8px;
      font: inherit;
      cursor: pointer;
    }
    ul {
      margin: 0;
      padding-left: 1.2em;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 4px 6px;
      text-align: left;
      vertical-align: middle;
    }
    thead th {
      font-weight: normal;
      color: var(--muted, #94a3b8);
    }
    tfoot th,
    tfoot td {
      border-top: 1px solid var(--border, #2c3b4a);
      font-weight: bold;
    }
    .num {
      text-align: right;
      white-space: nowrap;
    }
    .code,
    .discount,
    .hint {
      color: var(--muted, #94a3b8);
      font-size: 0.85em;
    }
    .hint {
      margin: 0;
    }
    td input[type='number'] {
      width: 4.5em;
    }
    .error {
      color: var(--danger, #ff8a80);
      margin: 0;
    }
  `,
];
