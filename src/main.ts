// Entry point: define the app shell and register the service worker (offline support and update prompts).
import './app/app-shell/app-shell.component';
import { registerServiceWorker } from './client/pwa';

void registerServiceWorker();
