// Frames arrive faster than a slow device can analyse them. Queueing them would add latency with every frame, so
// at most one job runs and at most one waits: a newer submission replaces the waiting one, which is dropped
// (its resources freed) and rejected as superseded. Abortable: an aborted waiting job is dropped; an aborted
// running job finishes in the background but its result is discarded. A job submitted with `keep` (a photo staff
// chose, while the counter's frames go on) is never replaced: kept jobs wait in order and run before the frame.

export class SupersededError extends Error {
  constructor(message = 'Replaced by a newer frame') {
    super(message);
    this.name = 'AbortError';
  }
}

interface Waiting<TIn, TOut> {
  readonly input: TIn;
  readonly resolve: (value: TOut) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export class LatestWins<TIn, TOut> {
  #running = false;
  #waiting: Waiting<TIn, TOut> | undefined;
  readonly #kept: Waiting<TIn, TOut>[] = [];

  constructor(
    private readonly run: (input: TIn) => Promise<TOut>,
    /** Frees an input that will never run (e.g. closes an ImageBitmap). */
    private readonly drop: (input: TIn) => void = () => undefined,
  ) {}

  /** True while a job runs. */
  get busy(): boolean {
    return this.#running;
  }

  submit(input: TIn, signal?: AbortSignal, options: { readonly keep?: boolean } = {}): Promise<TOut> {
    if (signal?.aborted) {
      this.drop(input);
      return Promise.reject(new SupersededError('Aborted'));
    }
    return new Promise<TOut>((resolve, reject) => {
      const onAbort = () => {
        const kept = this.#kept.findIndex((k) => k.input === input);
        if (this.#waiting?.input !== input && kept < 0) return;
        if (kept >= 0) this.#kept.splice(kept, 1);
        else this.#waiting = undefined;
        this.drop(input);
        reject(new SupersededError('Aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const job: Waiting<TIn, TOut> = { input, resolve, reject, signal, onAbort };
      if (!this.#running) this.#start(job);
      else if (options.keep) this.#kept.push(job);
      else this.#replaceWaiting(job);
    });
  }

  #replaceWaiting(job: Waiting<TIn, TOut>): void {
    const old = this.#waiting;
    this.#waiting = job;
    if (old) {
      old.signal?.removeEventListener('abort', old.onAbort);
      this.drop(old.input);
      old.reject(new SupersededError());
    }
  }

  #start(job: Waiting<TIn, TOut>): void {
    this.#running = true;
    let outcome: Promise<TOut>;
    try {
      outcome = this.run(job.input);
    } catch (err) {
      outcome = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    outcome
      .then(
        (value) => {
          if (job.signal?.aborted) job.reject(new SupersededError('Aborted'));
          else job.resolve(value);
        },
        (err: unknown) => job.reject(err),
      )
      .finally(() => {
        job.signal?.removeEventListener('abort', job.onAbort);
        this.#running = false;
        const kept = this.#kept.shift();
        const next = kept ?? this.#waiting;
        if (!kept) this.#waiting = undefined;
        if (next) this.#start(next);
      });
  }
}
