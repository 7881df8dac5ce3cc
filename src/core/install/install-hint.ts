// Whether to show the "Add to Home Screen" hint. Safari on iPad and iPhone has no install prompt: a shop only
// learns that the app can live on the home screen (full screen, offline, its storage kept) if it is told. The
// hint is for iOS and iPadOS browsers only (elsewhere the browser offers its own Install button), never once the
// app runs from the home screen, and never again once dismissed.

export interface InstallContext {
  readonly userAgent: string;
  /** iPadOS reports itself as a Mac; a Mac with a touch screen is an iPad. */
  readonly maxTouchPoints: number;
  /** Running from the home screen (navigator.standalone or display-mode: standalone). */
  readonly installed: boolean;
  readonly dismissed: boolean;
}

export function isAppleMobile(userAgent: string, maxTouchPoints: number): boolean {
  return /\b(iPad|iPhone|iPod)\b/.test(userAgent) || (/\bMacintosh\b/.test(userAgent) && maxTouchPoints > 1);
}

export function needsHomeScreenHint(c: InstallContext): boolean {
  return !c.installed && !c.dismissed && isAppleMobile(c.userAgent, c.maxTouchPoints);
}
