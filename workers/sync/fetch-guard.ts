// Imported first by the sync worker, so the guard is in place before PouchDB's modules are evaluated: the worker
// may reach the deployment's one sync origin and nothing else; with no sync origin built in it reaches nothing.
import { restrictFetchToOrigin } from '../../src/shared/same-origin-fetch';

restrictFetchToOrigin(globalThis, __SYNC_ORIGIN__ || undefined);
