import { css } from 'lit';

export const lockScreenStyles = css`
  :host {
    display: grid;
    place-items: center;
    min-height: 60vh;
    padding: var(--space-4, 16px);
  }
  form {
    width: min(100%, 460px);
    display: grid;
    gap: var(--space-3, 12px);
    background: var(--surface, #16212c);
    border: 1px solid var(--border, #2c3b4a);
    border-radius: var(--radius, 12px);
    padding: var(--space-6, 24px);
  }
  h2 {
    margin: 0;
    font-size: 1.4rem;
  }
  .welcome {
    display: grid;
    gap: var(--space-2, 8px);
    padding-bottom: var(--space-3, 12px);
    border-bottom: 1px solid var(--border, #2c3b4a);
  }
  label.check {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  p {
    margin: 0;
    color: var(--text-muted, #a5b4c4);
    line-height: 1.5;
  }
  label {
    display: grid;
    gap: 6px;
    font-weight: 600;
  }
  input {
    min-height: 48px;
    font: inherit;
    padding: 0 12px;
    border-radius: 8px;
    border: 1px solid var(--border, #2c3b4a);
    background: var(--surface-2, #1e2b38);
    color: inherit;
  }
  button {
    min-height: 48px;
    font: inherit;
    font-weight: 600;
    border-radius: 8px;
    border: none;
    background: var(--accent, #0f766e);
    color: var(--on-accent, #fff);
    cursor: pointer;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  input:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--focus, #f59e0b);
    outline-offset: 2px;
  }
  .error {
    color: var(--bad, #f87171);
    font-weight: 600;
  }
`;
