// Type declarations for the peers' "nobundle" builds (same API as their default entry points, but using the
// page's own tfjs instead of a bundled copy, so all three systems run on one tfjs and one backend).
declare module 'human-nobundle' {
  export * from '@vladmandic/human';
}
