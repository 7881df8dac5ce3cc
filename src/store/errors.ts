// Storage failures each get their own type so the UI can say what happened and what to do.
import { strings } from '../i18n/strings';

export { WrongPassphraseError } from './crypto';

export class StoreError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No IndexedDB: private browsing on some browsers, or storage disabled by policy. */
export class StoreUnavailableError extends StoreError {}
/** Another tab holds the database open with an older version and must be closed before upgrading. */
export class StoreBlockedError extends StoreError {}
/** The device's storage quota is exhausted; the write was rolled back. */
export class StoreFullError extends StoreError {}
export class StoreLockedError extends StoreError {}
export class NotSetUpError extends StoreError {}
/** The signed-in user's role does not allow this (or the user was removed while signed in). */
export class NotAllowedError extends StoreError {}
export class TooManyAttemptsError extends StoreError {
  constructor(readonly retryAfterMs: number) {
    super(strings.errors.tooManyAttempts(Math.ceil(retryAfterMs / 1000)));
  }
}
/** A backup file was refused; `reason` says why in words staff can act on. */
export class BackupRejectedError extends StoreError {
  constructor(
    readonly reason: 'foreign' | 'corrupt' | 'newer-version' | 'wrong-passphrase',
    message: string,
  ) {
    super(message);
  }
}

export function isQuotaError(err: unknown): boolean {
  // Older Firefox names it differently.
  return (
    err instanceof DOMException && (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}
