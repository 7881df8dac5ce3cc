// The consent a customer gives at enrolment. The text is versioned: when it changes, the version changes, and
// members enrolled under an older version can be asked again.
export const CONSENT_POLICY_VERSION = '2026-11-1';

/** Face recognition is what enrolment is for; the purchase-history link is optional. */
export const CONSENT_SCOPES: readonly string[] = ['face-recognition', 'purchase-history'];
