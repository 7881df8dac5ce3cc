// What a member is, independent of how it is stored or shown.

/** The record of what a customer agreed to at enrolment. Kept with the member, encrypted. */
export interface Consent {
  /** Version of the consent text shown (so a later policy change can ask again). */
  readonly policyVersion: string;
  /** What was agreed, e.g. ['face-recognition', 'purchase-history']. */
  readonly scopes: readonly string[];
  readonly agreedAt: number;
  /** The staff user who took the consent. */
  readonly staff: string;
}

export interface MemberProfile {
  readonly displayName: string;
  /** The shop's loyalty / customer id, linking the member to their purchase history. */
  readonly loyaltyId?: string;
  readonly consent: Consent;
}

/**
 * How a member's face templates were made: at the camera (which requires the presentation-attack check to pass)
 * or from photo files staff imported (no liveness: staff vouch for the photos). 'unrecorded': enrolled before
 * the app kept this (schema 4 and earlier).
 */
export type EnrolmentSource = 'camera' | 'photos' | 'unrecorded';

export interface Member extends MemberProfile {
  /** Random id; carries no personal meaning. */
  readonly id: string;
  readonly createdAt: number;
  readonly enrolledFrom: EnrolmentSource;
}

export interface FaceTemplate {
  readonly id: string;
  readonly memberId: string;
  /** Embedding model id and version that produced `vector`. */
  readonly modelId: string;
  /** L2-normalised embedding. */
  readonly vector: Float32Array;
  readonly createdAt: number;
  /** Which merged-in record the capture came from (absent: the member's own); see TemplateRow. */
  readonly captureSet?: string;
}
