import { css } from 'lit';

export const appShellStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto auto 1fr;
    min-height: 100dvh;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--space-2) var(--space-4);
    padding: var(--space-3) var(--space-4);
    background: var(--surface);
    border-bottom: 1px solid var(--border);
  }
  h1 {
    margin: 0;
    font-size: 1.35rem;
    display: flex;
    align-items: center;
    gap: var(--space-2);
  }
  h1 img {
    width: 32px;
    height: 32px;
  }
  .signed-in {
    color: var(--text-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 16ch;
  }
  button.lock {
    min-height: 44px;
    padding: 0 var(--space-4);
    border-radius: 8px;
    border: 1px solid var(--border);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  button.lock:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  nav {
    background: var(--surface);
    border-bottom: 1px solid var(--border);
    overflow-x: auto;
  }
  nav ul {
    display: flex;
    margin: 0;
    padding: 0 var(--space-2);
    list-style: none;
  }
  nav a {
    display: inline-flex;
    align-items: center;
    min-height: 48px;
    padding: 0 var(--space-4);
    color: var(--text-muted);
    text-decoration: none;
    border-bottom: 3px solid transparent;
    font-weight: 500;
  }
  nav a[aria-current='page'] {
    color: var(--text);
    border-bottom-color: var(--accent-strong);
  }
  nav a:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: -3px;
  }
  main {
    padding: var(--space-4);
    min-width: 0;
  }
  .banner.watch {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-3);
    align-items: center;
    background: #b91c1c;
    color: #fff;
    border-left: none;
  }
  .banner.watch a {
    color: #fff;
  }
  .banner {
    margin: 0 0 var(--space-4);
    padding: var(--space-3) var(--space-4);
    border-radius: var(--radius);
    background: var(--surface-2);
    border-left: 4px solid var(--bad);
  }
`;
