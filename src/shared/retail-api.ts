// The contract between the UI and the retail worker (sales import, item2vec training, recommendations).
import type { Basket } from '../core/sales/basket-grouper';
import type { ColumnMapping } from '../core/sales/columns';
import type { ReadProgress, SalesImportReport, SurveyOptions } from '../core/sales/import-sales';
import type { SalesFileSurvey } from '../core/sales/file-survey';
import type { ImportRules } from '../core/sales/sale-line';
import type { Metrics, QueryCase } from '../core/recommend/evaluate';
import type { HybridSettings, Recommendation, WeightedItem } from '../core/recommend/hybrid';
import type { TrainingProgress } from '../core/recommend/train-tuned';
import type { TuningReport } from '../core/recommend/tuner';
import type { CardMetrics } from '../core/recommend/evaluate-card';
import type { CatalogueInfo } from '../core/recommend/rerank';

export interface ImportSalesOptions {
  readonly mapping?: ColumnMapping;
  /** Confirmed by staff in the import preview (proposed by surveySales). */
  readonly rules: ImportRules;
}

/** What surveySales found in a whole file, with its header row. */
export type SalesFileSurveyWithHeader = SalesFileSurvey & { readonly header: readonly string[] };

/** How far the worker has read a sales file (for the survey and the import alike). */
export type ImportProgress = ReadProgress;

/** Where the worker sends what it parsed; the UI side stores it. */
export interface ImportSink {
  onBaskets(baskets: Basket[]): Promise<void>;
  onProgress(progress: ImportProgress): void;
}

/** Saved item2vec output (what the store keeps between sessions), keyed by item code. */
export interface SavedVectors {
  readonly codes: readonly string[];
  readonly dim: number;
  /** codes.length x dim, row-major. */
  readonly vectors: Float32Array;
  /** Top-K neighbour graph in CSR form over `codes`. */
  readonly neighbours: { readonly rowPtr: Int32Array; readonly cols: Int32Array; readonly values: Float32Array };
}

export interface TrainSummary {
  readonly items: number;
  readonly baskets: number;
  readonly seconds: number;
  readonly tokens: number;
  readonly pairs: number;
  /** Of `seconds`, the time spent training item2vec itself. */
  readonly sgnsSeconds: number;
  /** What the model was trained with (the tuner's winner when tuned). */
  readonly settings: HybridSettings;
  /** How the settings were chosen (undefined when they were given, e.g. by the item2vec benchmark). */
  readonly tuning: TuningReport | undefined;
  /** Present when item2vec was trained. */
  readonly saved: SavedVectors | undefined;
}

export interface EvaluationOptions {
  readonly withoutVectors: boolean;
  readonly card?: {
    /** Product names and categories (no discounts: the card path is scored as on an ordinary day). */
    readonly catalogue: readonly (readonly [string, CatalogueInfo])[];
    readonly purchasedItems: 'filter' | 'down-weight';
    /** The "today" the query items are bought on. */
    readonly now: number;
  };
}

export interface RetailWorkerApi {
  /** Reads the first rows of a CSV (for the column-mapping step). */
  previewCsv(file: Blob, rows: number): Promise<string[][]>;
  /** Reads the whole file once, storing nothing, and proposes its date order and cancellation rule. */
  /** Reads the whole file as job `jobId` (cancel stops it), reporting how far it is. */
  surveySales(
    jobId: string,
    file: Blob,
    options: Omit<SurveyOptions, 'signal' | 'totalBytes' | 'onProgress'>,
    onProgress: (progress: ImportProgress) => void,
  ): Promise<SalesFileSurveyWithHeader>;
  importSales(jobId: string, file: Blob, options: ImportSalesOptions, sink: ImportSink): Promise<SalesImportReport>;
  /**
   * Trains the recommender on `baskets` (item codes, oldest first) and keeps it for `recommend`. With `tune`,
   * the settings are chosen on the shop's own recent baskets first (core/recommend/tuner.ts) and `settings`
   * only supplies item2vec's hyper-parameters; without it they are used as given. Progress goes to
   * `onProgress`. Training is one synchronous loop, so the worker cannot receive a `cancel` message while it
   * runs: the caller cancels by setting `cancelFlag[0]` to 1 (shared memory, checked every few baskets); the
   * previous model then stays in use.
   */
  trainRecommender(
    baskets: string[][],
    settings: HybridSettings,
    onProgress: (progress: TrainingProgress) => void,
    cancelFlag: Int32Array | undefined,
    tune: boolean,
  ): Promise<TrainSummary>;
  /** Rebuilds the recommender from current baskets and saved vectors (no training); undefined = co-occurrence only. */
  loadRecommender(baskets: string[][], settings: HybridSettings, saved: SavedVectors | undefined): Promise<number>;
  /** Top-k items for a weighted query, never `exclude` (nor query items unless kept); [] before any model. */
  recommend(items: WeightedItem[], k: number, exclude: string[], keepQueryItems: boolean): Promise<Recommendation[]>;
  /**
   * The evaluation protocol on the current model (for the eval command): on the raw scorer, or with `card`
   * through the member card's own pipeline (core/recommend/evaluate-card.ts). `withoutVectors` scores the
   * same model with its item2vec term removed, to measure what the vectors add.
   */
  evaluateRecommender(cases: QueryCase[], options: EvaluationOptions): Promise<Metrics | CardMetrics>;
  /** Cancels a running job (import or training); its promise rejects with an AbortError. */
  cancel(jobId: string): Promise<void>;
}
