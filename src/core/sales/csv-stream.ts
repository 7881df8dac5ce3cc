// Streams CSV rows out of a web ReadableStream with Papa Parse, in constant memory, with back-pressure and
// cancellation. The same code runs in the browser (File.stream() in a worker) and in Node tests.
// Papa Parse streams Node-style readables; the adapter below presents a web stream in that shape.
import Papa from 'papaparse';

export interface CsvStreamOptions {
  /** Called with each batch of rows; the parser waits for the returned promise (back-pressure). */
  readonly onRows: (rows: string[][], firstRowIndex: number) => void | Promise<void>;
  /** Bytes consumed so far, for a progress bar. */
  readonly onProgress?: (bytesRead: number) => void;
  readonly signal?: AbortSignal;
  /** Auto-detected when omitted (',', ';', tab, '|'). */
  readonly delimiter?: string;
}

type Listener = (arg?: unknown) => void;

/** The subset of a Node readable that Papa Parse's stream reader uses, backed by a web stream. */
class WebStreamAdapter {
  readonly readable = true;
  readonly #reader: ReadableStreamDefaultReader<string>;
  readonly #listeners = new Map<string, Listener[]>();
  #paused = false;
  #pumping = false;
  #done = false;

  constructor(stream: ReadableStream<string>) {
    this.#reader = stream.getReader();
  }

  read(): null {
    return null;
  }

  on(event: string, fn: Listener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), fn]);
    if (event === 'data') queueMicrotask(() => void this.#pump());
    return this;
  }

  removeListener(event: string, fn: Listener): this {
    this.#listeners.set(
      event,
      (this.#listeners.get(event) ?? []).filter((f) => f !== fn),
    );
    return this;
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    void this.#pump();
  }

  /** Stops reading and ends the stream, so the parser completes. */
  cancel(reason: unknown): void {
    if (this.#done) return;
    this.#done = true;
    void this.#reader.cancel(reason).catch(() => undefined);
    this.#emit('end');
  }

  #emit(event: string, arg?: unknown): void {
    for (const fn of this.#listeners.get(event) ?? []) fn(arg);
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.#paused && !this.#done) {
        const { value, done } = await this.#reader.read();
        if (done) {
          this.#done = true;
          this.#emit('end');
          break;
        }
        if (value) this.#emit('data', value);
      }
    } catch (err) {
      this.#done = true;
      this.#emit('error', err);
    } finally {
      this.#pumping = false;
    }
  }
}

/** Counts the bytes flowing through, for progress. */
function countingStream(onBytes: (n: number) => void): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
}

/**
 * Spreadsheet exports mix "\r\n", "\n" and even lone "\r" line endings; the parser wants one kind. A "\r" at the end
 * of a chunk is held back until the next chunk shows whether a "\n" follows it.
 */
function normaliseNewlines(): TransformStream<string, string> {
  let pendingCR = false;
  return new TransformStream({
    transform(chunk, controller) {
      let text = (pendingCR ? '\r' : '') + chunk;
      pendingCR = text.endsWith('\r');
      if (pendingCR) text = text.slice(0, -1);
      controller.enqueue(text.replace(/\r\n?/g, '\n'));
    },
    flush(controller) {
      if (pendingCR) controller.enqueue('\n');
    },
  });
}

/** Parses the whole stream. Resolves when done; rejects with an AbortError when cancelled. */
export function streamCsv(source: ReadableStream<Uint8Array>, options: CsvStreamOptions): Promise<void> {
  const { onRows, onProgress, signal, delimiter } = options;
  const text = source
    .pipeThrough(countingStream((n) => onProgress?.(n)))
    // The decoder drops a UTF-8 byte order mark itself.
    .pipeThrough(new TextDecoderStream('utf-8') as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(normaliseNewlines());
  const input = new WebStreamAdapter(text);
  let rowIndex = 0;
  let failure: unknown;

  return new Promise<void>((resolve, reject) => {
    const onAbort = () => input.cancel(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (err?: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(new DOMException('Import cancelled', 'AbortError'));
      else if (err) reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
      else resolve();
    };
    Papa.parse<string[]>(input as unknown as Papa.LocalFile, {
      ...(delimiter ? { delimiter } : {}),
      delimitersToGuess: [',', ';', '\t', '|'],
      newline: '\n',
      skipEmptyLines: 'greedy',
      chunkSize: 1 << 20,
      chunk: (results, parser) => {
        if (signal?.aborted) {
          parser.abort();
          return;
        }
        const first = rowIndex;
        rowIndex += results.data.length;
        const pending = onRows(results.data, first);
        if (pending instanceof Promise) {
          // Papa's pause only stops parsing; stop reading too, or the file piles up in its queue.
          input.pause();
          parser.pause();
          pending.then(
            () => {
              parser.resume();
              input.resume();
            },
            (err: unknown) => {
              failure = err;
              parser.abort();
            },
          );
        }
      },
      complete: () => finish(failure),
      error: (err: unknown) => finish(err),
    });
  });
}
