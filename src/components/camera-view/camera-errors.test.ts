import { describe, expect, it } from 'vitest';
import { classifyCameraError, describeCameras } from './camera-errors';

const named = (name: string) => Object.assign(new Error('x'), { name });

describe('classifyCameraError', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'insecure'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'in-use'],
    ['TypeError', 'unsupported'],
    ['SomethingNew', 'failed'],
  ])('%s -> %s', (name, problem) => {
    expect(classifyCameraError(named(name))).toBe(problem);
  });

  it('treats non-errors as a generic failure', () => {
    expect(classifyCameraError('boom')).toBe('failed');
  });
});

describe('describeCameras', () => {
  it('keeps only cameras, names unlabeled ones and spots front/back', () => {
    const cams = describeCameras([
      { deviceId: 'm', kind: 'audioinput', label: 'Mic' },
      { deviceId: 'a', kind: 'videoinput', label: 'Front Camera' },
      { deviceId: 'b', kind: 'videoinput', label: 'Back Camera' },
      { deviceId: 'c', kind: 'videoinput', label: '' },
    ]);
    expect(cams).toEqual([
      { deviceId: 'a', label: 'Front Camera', facing: 'user' },
      { deviceId: 'b', label: 'Back Camera', facing: 'environment' },
      { deviceId: 'c', label: 'Camera 3', facing: 'unknown' },
    ]);
  });
});
