// Camera scenes several tests (and the counter benchmark) share, built from the real people in ./people.
import { type Shot, buildClip } from './clips';
import { facematchMan, samplePerson } from './people';

/** One person standing at the counter, moving like a live person (looped by the fake camera). */
export function oneVisitorClip(): Promise<string> {
  return buildClip({ name: 'one-visitor', scenes: [{ shots: [samplePerson('blonde')], seconds: 6, live: true }] });
}

/** Three different people side by side: two women from face-api's samples and the facematch man. */
export function threePeopleShots(): Shot[] {
  return [
    samplePerson('blonde', { x: 0.02, y: 0.2, width: 0.3, height: 0.5 }),
    samplePerson('brunette', { x: 0.35, y: 0.2, width: 0.3, height: 0.5 }),
    facematchMan(6, { x: 0.69, y: 0.25, width: 0.28, height: 0.4 }),
  ];
}
