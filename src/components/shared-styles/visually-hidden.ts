// Text for screen readers only (a table column's name, an icon button's label): kept in the accessibility tree,
// taking no space on screen. One rule, shared by every component that needs it.
import { css } from 'lit';

export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
