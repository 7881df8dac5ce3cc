import { css } from 'lit';
import { visuallyHidden } from '../shared-styles/visually-hidden';

export const statusStripStyles = [
  visuallyHidden,
  css`
    :host {
      display: block;
      font-size: 0.9rem;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 14px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      white-space: nowrap;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--muted, #64748b);
      flex: none;
    }
    .ok .dot {
      background: var(--ok, #22c55e);
    }
    .busy .dot {
      background: var(--warn, #f59e0b);
    }
    .bad .dot {
      background: var(--bad, #ef4444);
    }
    .name {
      color: var(--text-muted, #94a3b8);
    }
  `,
];
