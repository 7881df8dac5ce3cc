// Every user-facing string in one place, ready for translation: a translator edits a copy of this object and
// nothing else. Strings that embed values are functions so word order can change per language.
import type { CameraProblem } from '../components/camera-view/camera-errors';

export const strings = {
  appName: 'Counterpart',
  tagline: 'On-device retail assistant',
  nav: {
    label: 'Main sections',
    counter: 'Counter',
    members: 'Members',
    products: 'Products',
    analytics: 'Analytics',
    settings: 'Settings',
  },
  status: {
    label: 'System status',
    camera: 'Camera',
    cameraStates: { off: 'off', starting: 'starting', live: 'live', error: 'problem' } as Record<string, string>,
    backend: 'Engine',
    backendUnknown: 'starting',
    models: 'Models',
    modelsStates: { checking: 'checking', ready: 'ready', error: 'problem' } as Record<string, string>,
    network: 'Network',
    online: 'online',
    offline: 'offline (fine: nothing is sent anyway)',
  },
  camera: {
    regionLabel: 'Camera',
    choose: 'Camera',
    start: 'Start camera',
    stop: 'Stop camera',
    retry: 'Try again',
    starting: 'Starting the camera…',
    stopped: 'The camera is off.',
    videoLabel: 'Live camera picture',
    problems: {
      denied:
        'Camera access is blocked. Allow the camera for this app in the browser (the camera icon in the address bar, or Settings › Safari › Camera on an iPad), then try again.',
      'no-camera': 'No camera was found. Connect a camera, then try again.',
      'in-use': 'The camera is in use by another app or tab. Close it, then try again.',
      unplugged: 'The camera was disconnected. Reconnect it, then try again.',
      insecure: 'The camera only works when the app is opened over https or on this device (localhost).',
      unsupported: 'This browser cannot use a camera here. Use a current Chrome, Edge, Safari or Firefox.',
      failed: 'The camera could not be started. Try again, or choose another camera.',
    } satisfies Record<CameraProblem, string>,
  },
  faces: {
    listLabel: 'Faces in view',
    member: 'Member',
    visitor: (n: number) => `Visitor #${n}`,
    identifying: 'Identifying…',
    notLive: 'Photo?',
    gender: { female: 'female', male: 'male' } as Record<'female' | 'male', string>,
    emotion: {
      angry: 'angry',
      disgust: 'disgusted',
      fear: 'afraid',
      happy: 'happy',
      sad: 'sad',
      surprise: 'surprised',
      neutral: 'neutral',
    } as Record<string, string>,
  },
  models: {
    checking: 'Checking the face models…',
    problem: (detail: string) => `The face models cannot be used: ${detail} Reinstall or update the app.`,
  },
  update: {
    available: 'A new version of Counterpart is available.',
    reload: 'Reload now',
    later: 'Later',
    offlineReady: 'Counterpart is ready to work offline.',
    dismiss: 'Dismiss',
  },
  pages: {
    counter: { title: 'Counter', empty: 'Face analysis appears here when the camera is on.' },
    members: { title: 'Members', empty: 'No members yet. Enrolment, with the customer’s consent, arrives here.' },
    products: { title: 'Products', empty: 'No products yet. Import your catalogue and sales here.' },
    analytics: { title: 'Analytics', empty: 'No visits recorded yet.' },
    settings: { title: 'Settings', empty: 'Settings for camera, recognition and privacy appear here.' },
  },
} as const;
