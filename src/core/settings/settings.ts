// Shop settings: what staff can change in the Settings screen, with safe defaults and validation (a damaged or
// older settings record falls back field by field to defaults instead of breaking the app).
import { z } from '../zod';
import { BACKENDS } from '../engine/choose-backend';
import { DEFAULT_RECOMMENDER } from '../recommend/defaults';
import type { HybridSettings } from '../recommend/hybrid';
import { CURRENCIES } from './shop-locale';

/**
 * The zone of a device whose shop has not named it: a key stored with visits, shown in the shop's language
 * (i18n: analytics.defaultZone), so a German shop reads "Theke" on data recorded under it.
 */
export const DEFAULT_ZONE = 'Counter';

export const CAMERA_RESOLUTIONS = ['640x480', '1280x720', '1920x1080'] as const;
export const KEEP_SCREEN_ON = ['when-installed', 'always', 'never'] as const;

export const settingsSchema = z.object({
  /** The camera to open ('' = the browser's default, the front camera on tablets). */
  cameraDeviceId: z.string().default(''),
  /** Asked of the camera; it delivers the nearest size it can. */
  cameraResolution: z.enum(CAMERA_RESOLUTIONS).default('1280x720'),
  /** 0 = lenient, 1 = strict; mapped to the recognition threshold (see recognition/strictness.ts). */
  strictness: z.number().min(0).max(1).default(0.5),
  showAge: z.boolean().default(true),
  showGender: z.boolean().default(true),
  showEmotion: z.boolean().default(true),
  /** Anonymous visitor templates and per-visitor rows are kept this long, then rolled up and deleted. */
  retentionHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /**
   * A flagged face that is not a member's (a template, kept sealed) is deleted this long after it was flagged or
   * last renewed, whatever expiry the flag had: other anonymous data goes after `retentionHours`.
   */
  watchFaceDays: z.number().int().min(1).max(30).default(7),
  /** A second manager confirms each new watch-list entry with their passphrase. */
  watchSecondManager: z.boolean().default(false),
  /** Lock after this long without interaction. */
  lockTimeoutMinutes: z.number().int().min(1).max(240).default(15),
  /**
   * Go on counting while the app is locked: anonymous visits only (nobody is recognised without the data key), so
   * quiet hours and breaks are not missing from footfall. Off: the camera is off while locked (a gap in Analytics).
   */
  countWhileLocked: z.boolean().default(true),
  backend: z.enum(['auto', ...BACKENDS]).default('auto'),
  /** Where this device stands, for analytics (e.g. "Front counter"); the shop's words, stored as typed. */
  zone: z.string().trim().min(1).max(60).default(DEFAULT_ZONE),
  alertSound: z.boolean().default(true),
  /** Keep the screen on while the counter's camera runs: always, never, or when installed (home screen app). */
  keepScreenOn: z.enum(KEEP_SCREEN_ON).default('when-installed'),
  theme: z.enum(['system', 'dark', 'light']).default('system'),
  /** The locale prices, numbers and dates are written in ('' = the browser's; see shop-locale.ts). */
  locale: z.string().trim().max(35).default(''),
  /** The shop's currency ('' = the currency of the locale's region). */
  currency: z.union([z.literal(''), z.enum(CURRENCIES)]).default(''),
  /** Items a member already bought: left out of their suggestions, or shown lower down. */
  purchasedItems: z.enum(['down-weight', 'filter']).default('down-weight'),
  /** item2vec hyper-parameters; defaults chosen on our validation split (core/recommend/defaults.ts). */
  // A multiple of 4, so training runs on the WebAssembly SIMD step (core/recommend/sgns-kernel.ts).
  item2vecDim: z.number().int().min(8).max(256).multipleOf(4).default(DEFAULT_RECOMMENDER.vectors.sgns.dim),
  item2vecEpochs: z.number().int().min(1).max(100).default(DEFAULT_RECOMMENDER.vectors.sgns.epochs),
  item2vecNegative: z.number().int().min(1).max(30).default(DEFAULT_RECOMMENDER.vectors.sgns.negative),
});

/** The recommender's settings with the shop's item2vec hyper-parameters applied. */
export function recommenderSettings(settings: Settings): HybridSettings {
  const base = DEFAULT_RECOMMENDER;
  return {
    ...base,
    vectors: {
      ...base.vectors,
      sgns: {
        ...base.vectors.sgns,
        dim: settings.item2vecDim,
        epochs: settings.item2vecEpochs,
        negative: settings.item2vecNegative,
      },
    },
  };
}

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * The settings that are the shop's, not one device's: on a shop whose tablets sync they replicate, so every
 * counter keeps personal data for the same time (retention), recognises as strictly, locks as soon, and writes
 * prices alike. The rest (camera, zone, engine, sound, screen, theme) belong to the device they are set on.
 */
export const SHOP_WIDE_SETTINGS = [
  'strictness',
  'showAge',
  'showGender',
  'showEmotion',
  'retentionHours',
  'watchFaceDays',
  'watchSecondManager',
  'lockTimeoutMinutes',
  'countWhileLocked',
  'locale',
  'currency',
  'purchasedItems',
  'item2vecDim',
  'item2vecEpochs',
  'item2vecNegative',
] as const satisfies readonly (keyof Settings)[];

export type ShopWideSettings = Pick<Settings, (typeof SHOP_WIDE_SETTINGS)[number]>;

export function shopWide(settings: Settings): ShopWideSettings {
  return Object.fromEntries(SHOP_WIDE_SETTINGS.map((k) => [k, settings[k]])) as ShopWideSettings;
}

/** The camera frame size the settings ask for. */
export function cameraSize(settings: Pick<Settings, 'cameraResolution'>): { width: number; height: number } {
  const [width = 1280, height = 720] = settings.cameraResolution.split('x').map(Number);
  return { width, height };
}

/** Reads a stored settings record, keeping every valid field and defaulting the rest. */
export function readSettings(stored: unknown): Settings {
  const input = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    const parsed = (field as z.ZodType).safeParse(input[key]);
    out[key] = parsed.success ? parsed.data : (DEFAULT_SETTINGS as Record<string, unknown>)[key];
  }
  return out as Settings;
}
