import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOMMENDER } from '../core/recommend/defaults';
import type { ItemModelRow } from './schema';
import { openTestStore } from './test-support';

const model = (id: string, trainedAt: number): ItemModelRow => ({
  id,
  trainedAt,
  dataFrom: 0,
  dataTo: 1,
  baskets: 2,
  dim: 0,
  codes: [],
  vectors: new Float32Array(0),
  settings: DEFAULT_RECOMMENDER,
});

describe('ItemModelsStore', () => {
  it('gives the most recently trained model, and none once they are deleted', async () => {
    const { itemModels } = await openTestStore();
    expect(await itemModels.latest()).toBeUndefined();
    await itemModels.save(model('older', 1));
    await itemModels.save(model('newer', 2));
    expect((await itemModels.latest())?.id).toBe('newer');
    await itemModels.deleteAll();
    expect(await itemModels.latest()).toBeUndefined();
  });
});
