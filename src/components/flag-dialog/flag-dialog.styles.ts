import { css } from 'lit';
import { dialogBoxStyles } from '../shared-styles/dialog-styles';
import { formStyles } from '../shared-styles/form-styles';

export const flagDialogStyles = [
  formStyles,
  dialogBoxStyles,
  css`
    textarea {
      min-height: 88px;
      font: inherit;
      padding: 8px 10px;
      border-radius: 8px;
    }
  `,
];
