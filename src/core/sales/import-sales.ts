// A whole sales import: stream the CSV, find the columns, validate each row, group lines into baskets and hand
// them on in batches, and report exactly what was rejected and why. Runs in the retail worker (and in Node
// tests); it never holds the whole file.
import { type Basket, BasketGrouper, type ProductSeen } from './basket-grouper';
import { type ColumnMapping, detectColumns, missingRequired } from './columns';
import { streamCsv } from './csv-stream';
import { type SalesFileSurvey, SalesFileSurveyor } from './file-survey';
import { type ImportRules, type RejectReason, toSaleLine } from './sale-line';

/** How far the reading of a file is: bytes read (of the file's size, when known) and data rows so far. */
export interface ReadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number | undefined;
  readonly rows: number;
}

export interface SalesImportOptions {
  /** Column mapping; detected from the header when omitted. */
  readonly mapping?: ColumnMapping;
  /** Date order and cancellation rule for the whole file (proposed by surveySales, confirmed by staff). */
  readonly rules: ImportRules;
  readonly totalBytes?: number;
  readonly batchSize?: number;
  /** Receives baskets in batches; the import waits for each batch to be stored. */
  readonly onBaskets: (baskets: Basket[]) => Promise<void>;
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly signal?: AbortSignal;
}

export interface RejectedRow {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  readonly reason: RejectReason;
}

export interface SalesImportReport {
  readonly header: readonly string[];
  readonly mapping: ColumnMapping;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Partial<Record<RejectReason, number>>>;
  /** The first rejected rows, for the report shown to staff (all of them are counted above). */
  readonly rejectedSample: readonly RejectedRow[];
  readonly baskets: number;
  readonly products: readonly ProductSeen[];
  readonly firstSaleAt: number | undefined;
  readonly lastSaleAt: number | undefined;
}

/**
 * A file that cannot be imported at all: empty, or without a column the import needs. The message is the problem
 * and the missing columns (`missing-columns:date,price`), so the error survives the worker boundary, where only
 * an error's name and message cross, and is told to staff in their language (i18n/error-text.ts).
 */
export class SalesFileError extends Error {
  constructor(
    readonly problem: 'empty' | 'missing-columns',
    readonly missing: readonly string[] = [],
  ) {
    super(missing.length ? `${problem}:${missing.join(',')}` : problem);
    this.name = 'SalesFileError';
  }

  /** The error again from what crossed a worker boundary (its name and message). */
  static revive(err: unknown): unknown {
    if (!(err instanceof Error) || err.name !== 'SalesFileError' || err instanceof SalesFileError) return err;
    const [problem, missing] = err.message.split(':');
    return new SalesFileError(problem === 'empty' ? 'empty' : 'missing-columns', missing ? missing.split(',') : []);
  }
}

const SAMPLE_LIMIT = 1000;

/** Finds the column mapping from the header row, or says which required columns are missing. */
function mappingFor(header: readonly string[], given: ColumnMapping | undefined): ColumnMapping {
  const mapping = given ?? detectColumns(header);
  const missing = missingRequired(mapping);
  if (missing.length) throw new SalesFileError('missing-columns', missing);
  return mapping;
}

export interface SurveyOptions {
  readonly mapping?: ColumnMapping;
  /** Day or month first when every date in the file could be either (the shop's locale). */
  readonly fallbackDateOrder: 'dmy' | 'mdy';
  readonly signal?: AbortSignal;
  /** The file's size, for progress; with it, onProgress hears how far the reading is after each chunk. */
  readonly totalBytes?: number;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** One pass over the whole file, storing nothing: the rules to propose for its import (./file-survey.ts). */
export async function surveySales(
  source: ReadableStream<Uint8Array>,
  options: SurveyOptions,
): Promise<SalesFileSurvey & { readonly header: readonly string[] }> {
  let header: string[] | undefined;
  let surveyor: SalesFileSurveyor | undefined;
  let bytesRead = 0;
  let rows = 0;
  await streamCsv(source, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (n) => (bytesRead = n),
    onRows: (chunk, firstIndex) => {
      for (let i = 0; i < chunk.length; i++) {
        const cells = chunk[i] as string[];
        if (firstIndex + i === 0 && !header) {
          header = cells;
          surveyor = new SalesFileSurveyor(mappingFor(cells, options.mapping));
          continue;
        }
        rows++;
        surveyor?.add(cells);
      }
      options.onProgress?.({ bytesRead, totalBytes: options.totalBytes, rows });
    },
  });
  if (!header || !surveyor) throw new SalesFileError('empty');
  return { header, ...surveyor.result(options.fallbackDateOrder) };
}

export async function importSales(
  source: ReadableStream<Uint8Array>,
  options: SalesImportOptions,
): Promise<SalesImportReport> {
  const batchSize = options.batchSize ?? 500;
  let header: string[] | undefined;
  let mapping = options.mapping;
  let rows = 0;
  let accepted = 0;
  let rejected = 0;
  let baskets = 0;
  let first: number | undefined;
  let last: number | undefined;
  let bytesRead = 0;
  const byReason: Partial<Record<RejectReason, number>> = {};
  const sample: RejectedRow[] = [];
  let pending: Basket[] = [];
  const grouper = new BasketGrouper((b) => pending.push(b));

  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    baskets += batch.length;
    await options.onBaskets(batch);
  };

  await streamCsv(source, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (n) => (bytesRead = n),
    onRows: async (chunk, firstIndex) => {
      for (let i = 0; i < chunk.length; i++) {
        const cells = chunk[i] as string[];
        const index = firstIndex + i;
        if (index === 0 && !header) {
          header = cells;
          mapping = mappingFor(cells, mapping);
          continue;
        }
        rows++;
        const result = toSaleLine(cells, mapping as ColumnMapping, options.rules);
        if (!result.ok) {
          rejected++;
          byReason[result.reason] = (byReason[result.reason] ?? 0) + 1;
          if (sample.length < SAMPLE_LIMIT) sample.push({ line: index + 1, reason: result.reason });
          continue;
        }
        accepted++;
        first = first === undefined ? result.line.at : Math.min(first, result.line.at);
        last = last === undefined ? result.line.at : Math.max(last, result.line.at);
        grouper.add(result.line);
      }
      options.onProgress?.({ bytesRead, totalBytes: options.totalBytes, rows });
      if (pending.length >= batchSize) await flush();
    },
  });
  if (!header) throw new SalesFileError('empty');
  grouper.flush();
  await flush();
  return {
    header,
    mapping: mapping as ColumnMapping,
    rows,
    accepted,
    rejected,
    rejectedByReason: byReason,
    rejectedSample: sample,
    baskets,
    products: [...grouper.products.values()],
    firstSaleAt: first,
    lastSaleAt: last,
  };
}
