import { describe, expect, it } from 'vitest';
import { openTestStore } from './test-support';

describe('ImportsStore', () => {
  it('records an import together with its audit entry', async () => {
    const store = await openTestStore(undefined, () => 42);
    await store.imports.record({ id: 'sha', name: 'sales.csv', at: 40, accepted: 10, rejected: 1 });
    expect(await store.imports.list()).toEqual([{ id: 'sha', name: 'sales.csv', at: 40, accepted: 10, rejected: 1 }]);
    expect(await store.database.idb.getAll('audit')).toContainEqual(
      expect.objectContaining({ at: 42, action: 'sales.imported' }),
    );
  });
});
