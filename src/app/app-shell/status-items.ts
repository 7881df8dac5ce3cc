// What the status strip shows: camera, engine backend, models, storage, network and lock, each with a tone and,
// where it helps, a longer explanation (the backend's measured trials, the reminder to back up).
import type { EngineStatus } from '../../client/face-engine';
import type { BackendTrial } from '../../core/engine/choose-backend';
import type { EngineInfo } from '../../shared/face-engine-api';
import type { StatusItem } from '../../components/status-strip/status-strip.component';
import { strings } from '../../i18n/strings';
import type { AppStatus } from '../app-status';
import type { StoreState } from '../services/lock-session';
import type { SyncStatus } from '../services/sync-service';
import { dateFormat } from '../../i18n/formats';

export function statusItems(
  s: AppStatus,
  engine: EngineStatus,
  store: StoreState,
  fps: number,
  sync: SyncStatus = { state: 'off' },
): StatusItem[] {
  const t = strings.status;
  const engineValue =
    engine.state === 'ready'
      ? fps > 0
        ? t.engineRate(engine.info.backend, fps)
        : engine.info.backend
      : engine.state === 'failed'
        ? t.engineFailed
        : engine.state === 'restarting'
          ? t.engineRestarting
          : t.backendUnknown;
  return [
    {
      id: 'camera',
      name: t.camera,
      value: t.cameraStates[s.camera] ?? s.camera,
      tone: s.camera === 'live' ? 'ok' : s.camera === 'error' ? 'bad' : s.camera === 'starting' ? 'busy' : 'idle',
    },
    {
      id: 'backend',
      name: t.backend,
      value: engineValue,
      tone: engine.state === 'ready' ? 'ok' : engine.state === 'failed' ? 'bad' : 'busy',
      ...(engine.state === 'ready'
        ? {
            detail: backendDecision(engine.info),
          }
        : {}),
    },
    {
      id: 'models',
      name: t.models,
      value:
        engine.state === 'ready'
          ? (t.modelsStates.ready ?? '')
          : engine.state === 'failed'
            ? (t.modelsStates.error ?? '')
            : (t.modelsStates.checking ?? ''),
      tone: engine.state === 'ready' ? 'ok' : engine.state === 'failed' ? 'bad' : 'busy',
    },
    {
      id: 'storage',
      name: t.storage,
      value: s.persisted === undefined ? t.storageUnknown : s.persisted ? t.storagePersisted : t.storageBestEffort,
      tone: s.persisted ? 'ok' : 'idle',
      ...(s.persisted === false ? { detail: t.storageBackupReminder } : {}),
    },
    { id: 'network', name: t.network, value: s.online ? t.online : t.offline, tone: s.online ? 'ok' : 'idle' },
    {
      id: 'lock',
      name: t.lock,
      value: store.state === 'unlocked' ? t.unlocked : t.locked,
      tone: store.state === 'unlocked' ? 'ok' : 'idle',
    },
    ...(sync.state === 'off' ? [] : [syncItem(sync)]),
  ];
}

/** Replication, shown only on a tablet that syncs. */
function syncItem(sync: Exclude<SyncStatus, { state: 'off' }>): StatusItem {
  const t = strings.sync.status;
  const base = { id: 'sync', name: t.name };
  switch (sync.state) {
    case 'locked':
      return { ...base, value: t.locked, tone: 'idle' };
    case 'up-to-date':
      return { ...base, value: t.upToDate, tone: 'ok' };
    case 'sending':
      return { ...base, value: t.sending(sync.pending), tone: 'busy' };
    case 'offline':
      return {
        ...base,
        value: t.offline(dateFormat({ dateStyle: 'short', timeStyle: 'short' }).format(sync.since)),
        tone: 'idle',
      };
    case 'error':
      return { ...base, value: t.error(sync.reason), tone: 'bad' };
  }
}

/** The backend decision, as the tooltip: which engines were tried and how fast each ran. */
function backendDecision(info: EngineInfo): string {
  const t = strings.status;
  return [
    t.backendRunning(info.backend),
    info.trials.length ? t.backendMeasured(info.trials.map(backendTrial).join('; ')) : t.backendUntried,
    info.fallbackReason ? t.backendFallback(info.fallbackReason) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function backendTrial(trial: BackendTrial): string {
  const t = strings.status;
  if (!trial.ok) return trial.error ? t.trialUnavailableWhy(trial.name, trial.error) : t.trialUnavailable(trial.name);
  return (
    (trial.medianMs === undefined ? t.trialUntimed(trial.name) : t.trialTimed(trial.name, trial.medianMs)) +
    (trial.warmupMs === undefined ? '' : t.trialWarmup(trial.warmupMs)) +
    (trial.software ? t.trialSoftware : '') +
    (trial.abandoned ? t.trialAbandoned : '')
  );
}
