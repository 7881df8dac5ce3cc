// Form and table styles shared by the section pages: large touch targets, visible focus, both themes.
import { css } from 'lit';
import { visuallyHidden } from './visually-hidden';

export const formStyles = [
  visuallyHidden,
  css`
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 var(--space-4, 16px);
      font-size: 1.4rem;
    }
    h3 {
      margin: var(--space-6, 24px) 0 var(--space-2, 8px);
      font-size: 1.1rem;
    }
    section {
      background: var(--surface, #16212c);
      border: 1px solid var(--border, #2c3b4a);
      border-radius: var(--radius, 12px);
      padding: var(--space-4, 16px);
      margin-bottom: var(--space-4, 16px);
    }
    label {
      display: grid;
      gap: 6px;
      margin: var(--space-3, 12px) 0;
      font-weight: 600;
    }
    label.inline {
      display: flex;
      align-items: center;
      gap: var(--space-2, 8px);
    }
    .hint {
      font-weight: 400;
      color: var(--text-muted, #a5b4c4);
      font-size: 0.9rem;
    }
    input,
    select,
    textarea {
      min-height: 44px;
      font: inherit;
      padding: 0 10px;
      border-radius: 8px;
      border: 1px solid var(--border, #2c3b4a);
      background: var(--surface-2, #1e2b38);
      color: inherit;
      max-width: 100%;
    }
    input[type='checkbox'] {
      min-height: 24px;
      width: 24px;
      height: 24px;
    }
    input[type='range'] {
      padding: 0;
    }
    button {
      min-height: 44px;
      padding: 0 var(--space-4, 16px);
      border-radius: 8px;
      font: inherit;
      font-weight: 600;
      border: none;
      cursor: pointer;
      background: var(--accent, #0f766e);
      color: var(--on-accent, #fff);
    }
    button.secondary {
      background: transparent;
      color: inherit;
      border: 1px solid var(--border, #2c3b4a);
    }
    button.danger {
      background: #b91c1c;
    }
    /* A name that opens its page: reads as text with an underline, still a 44 px target. */
    button.link {
      background: transparent;
      color: inherit;
      padding: 0;
      font-weight: 400;
      text-align: start;
      text-decoration: underline;
    }
    button[disabled] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    :is(input, select, button, textarea, a):focus-visible {
      outline: 3px solid var(--focus, #f59e0b);
      outline-offset: 2px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2, 8px);
      align-items: center;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 8px;
      border-bottom: 1px solid var(--border, #2c3b4a);
      vertical-align: middle;
    }
    th {
      color: var(--text-muted, #a5b4c4);
      font-weight: 600;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .message {
      padding: var(--space-3, 12px);
      border-radius: 8px;
      background: var(--surface-2, #1e2b38);
      border-left: 4px solid var(--accent-strong, #14b8a6);
    }
    .message.error {
      border-left-color: var(--bad, #f87171);
    }
    progress {
      width: 100%;
      height: 16px;
    }
  `,
];
