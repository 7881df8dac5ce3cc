import { css } from 'lit';

export const customerCardStyles = css`
  :host {
    display: block;
    background: var(--surface, #16212c);
    border: 1px solid var(--border, #2c3b4a);
    border-radius: var(--radius, 12px);
    padding: var(--space-4, 16px);
    min-width: 0;
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--space-3, 12px);
    border-left: 6px solid var(--card-colour, var(--accent, #0f766e));
    padding-left: var(--space-3, 12px);
    min-height: 56px;
  }
  h2 {
    margin: 0;
    font-size: 1.4rem;
    overflow-wrap: anywhere;
  }
  .kind {
    color: var(--text-muted, #a5b4c4);
    font-size: 0.95rem;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
    gap: var(--space-2, 8px) var(--space-4, 16px);
    margin: var(--space-4, 16px) 0;
  }
  dt {
    color: var(--text-muted, #a5b4c4);
    font-size: 0.85rem;
  }
  dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  h3 {
    font-size: 1rem;
    margin: var(--space-4, 16px) 0 var(--space-2, 8px);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--space-2, 8px);
  }
  li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 2px var(--space-3, 12px);
    padding: var(--space-2, 8px) var(--space-3, 12px);
    background: var(--surface-2, #1e2b38);
    border-radius: 8px;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .price {
    text-align: right;
    white-space: nowrap;
  }
  .reason {
    grid-column: 1 / -1;
    color: var(--text-muted, #a5b4c4);
    font-size: 0.88rem;
  }
  .badge {
    display: inline-block;
    margin-left: 6px;
    padding: 1px 8px;
    border-radius: 10px;
    background: #b45309;
    color: #fff;
    font-size: 0.8rem;
    font-weight: 700;
  }
  .warning {
    margin: var(--space-3, 12px) 0;
    padding: var(--space-3, 12px);
    border-radius: 8px;
    background: #7f1d1d;
    color: #fff;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2, 8px);
    margin-top: var(--space-4, 16px);
  }
  button {
    min-height: 48px;
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
  button:focus-visible {
    outline: 3px solid var(--focus, #f59e0b);
    outline-offset: 2px;
  }
  .empty {
    color: var(--text-muted, #a5b4c4);
  }
`;
