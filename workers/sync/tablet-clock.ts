// This tablet's hybrid logical clock (core/sync/hlc.ts) over its wall clock: every change it makes is stamped, and
// every stamp it reads from another tablet moves it on, so its next change sorts after everything it has seen even
// when its own wall clock is behind. A stamp more than a day ahead of the wall clock is not followed: one tablet
// with a wrong date must not drag every other tablet's clock into the future.
import { ClockDriftError, type Hlc, formatHlc, parseHlc, receive, tick } from '../../src/core/sync/hlc';

export class TabletClock {
  #last: Hlc;

  constructor(
    tablet: string,
    private readonly now: () => number,
  ) {
    this.#last = { wall: 0, counter: 0, tablet };
  }

  /** The stamp of a change made now. */
  readonly stamp = (): string => {
    this.#last = tick(this.#last, this.now());
    return formatHlc(this.#last);
  };

  /** Another tablet's stamp, read. */
  receive(stamp: string): void {
    try {
      this.#last = receive(this.#last, parseHlc(stamp), this.now());
    } catch (err) {
      if (!(err instanceof ClockDriftError)) throw err;
    }
  }
}
