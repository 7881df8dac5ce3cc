// How every browser in our tests and harnesses is launched: Debian's Chromium, no background traffic to Google,
// and (optionally) a fake camera fed from a file of real faces.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchArgOptions {
  /** Grant camera access without a prompt (default true). */
  readonly autoGrantCamera?: boolean;
  /** A .y4m or .mjpeg file for the fake camera; without it Chromium draws its test pattern. */
  readonly fakeVideoFile?: string;
  /** How many test-pattern cameras Chromium offers (named fake_device_0, _1, ...); ignored with a file. */
  readonly fakeCameras?: number;
}

export function chromiumLaunchArgs(options: LaunchArgOptions = {}): string[] {
  const { autoGrantCamera = true, fakeVideoFile, fakeCameras } = options;
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-first-run',
    fakeCameras
      ? `--use-fake-device-for-media-stream=device-count=${fakeCameras}`
      : '--use-fake-device-for-media-stream',
    ...(autoGrantCamera ? ['--use-fake-ui-for-media-stream'] : []),
    ...(fakeVideoFile ? [`--use-file-for-fake-video-capture=${fakeVideoFile}`] : []),
  ];
}
