import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../app-status';
import { statusItems } from './status-items';

const status = (persisted: boolean | undefined): AppStatus => ({ camera: 'live', online: true, persisted });
const storage = (persisted: boolean | undefined) =>
  statusItems(status(persisted), { state: 'starting' }, { state: 'locked' }, 0).find((i) => i.id === 'storage');

describe('statusItems', () => {
  it('says when the browser may clear the data, with a reminder to make a backup', () => {
    expect(storage(false)).toMatchObject({ value: 'may be cleared by the browser' });
    expect(storage(false)?.detail).toMatch(/Make a backup/);
    expect(storage(true)).toMatchObject({ value: 'kept', tone: 'ok' });
    expect(storage(true)?.detail).toBeUndefined();
    expect(storage(undefined)?.detail).toBeUndefined();
  });
});
