// The counter's side of the presentation-attack check: each track's verdict (or, in the test build only, the
// override that takes every face as live), whether a landmark sample is due, and announcing each person once,
// when they are first shown as someone — a member only after the check has passed (core/counter/shown-as).
import { type ShownAs, shownKey } from '../../core/counter/shown-as';
import {
  type LivenessVerdict,
  type TrackIdentity,
  landmarksDue,
  livenessVerdict,
} from '../../core/counter/track-identity';
import type { PresentationSettings } from '../../core/liveness/presentation-check';

export class LivenessGate {
  /** Who each track was last announced as. */
  readonly #announced = new Map<number, string>();

  constructor(
    private readonly settings: PresentationSettings,
    private readonly assumeLive: boolean,
  ) {}

  verdict(id: TrackIdentity): LivenessVerdict {
    if (__TEST_HOOKS__ && this.assumeLive) return { live: true, reason: 'ok' };
    return livenessVerdict(id, this.settings);
  }

  /** True when some track needs landmarks from the next frame. */
  landmarksDue(identities: Iterable<TrackIdentity>, now: number): boolean {
    for (const id of identities) if (landmarksDue(id, now, this.settings)) return true;
    return false;
  }

  /** Calls `announce` when the track is shown as someone new (not while pending or judged a picture). */
  announce<V extends ShownAs>(trackId: number, view: V, announce: (view: V) => void): void {
    const who = shownKey(view);
    if (who === undefined || this.#announced.get(trackId) === who) return;
    this.#announced.set(trackId, who);
    announce(view);
  }

  forget(trackId: number): void {
    this.#announced.delete(trackId);
  }
}
