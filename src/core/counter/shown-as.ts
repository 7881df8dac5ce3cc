// What the counter may show a tracked face as, given whom it was recognised as and the presentation-attack
// verdict: a face judged a photo or screen is never given a member's name (or a visitor number), and a member
// match is shown as still being checked until the verdict is live — never a name before the check has passed.
import type { IdentityKind } from './track-identity';

export interface ShownAs {
  readonly kind: IdentityKind | 'suspect';
  readonly memberId: string | undefined;
  readonly visitorId: number | undefined;
}

export function shownAs(
  recognised: { kind: IdentityKind; memberId: string | undefined; visitorId: number | undefined },
  live: boolean | undefined,
): ShownAs {
  if (live === false) return { kind: 'suspect', memberId: undefined, visitorId: undefined };
  if (recognised.kind === 'member' && live !== true)
    return { kind: 'pending', memberId: undefined, visitorId: recognised.visitorId };
  return { kind: recognised.kind, memberId: recognised.memberId, visitorId: recognised.visitorId };
}

/** Who a face is shown as, as one key (undefined while pending or suspect): to announce each person once. */
export function shownKey(s: ShownAs): string | undefined {
  if (s.kind === 'member') return `m${s.memberId}`;
  return s.kind === 'visitor' ? `v${s.visitorId}` : undefined;
}
