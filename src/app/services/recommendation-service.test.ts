// Recommendations: nothing to suggest before there are sales, training saves the model and puts it to use, a
// sales change reloads it, and forgetting it leaves the card without suggestions.
import { describe, expect, it } from 'vitest';
import type { Member } from '../../core/members/member';
import type { HybridSettings } from '../../core/recommend/hybrid';
import type { TrainSummary } from '../../shared/retail-api';
import { RecommendationService } from './recommendation-service';
import type { SalesListener } from './sales-service';
import { SettingsService } from './settings-service';
import { unlockedStore } from './test-support';

/** The retail worker's recommender, recording what it was asked to do. */
function fakeClient() {
  const calls: string[] = [];
  return {
    calls,
    trainRecommender: (baskets: string[][], settings: HybridSettings) => {
      calls.push(`train ${baskets.length}`);
      return Promise.resolve({
        items: 2,
        baskets: baskets.length,
        seconds: 1,
        settings,
        tuning: undefined,
        saved: undefined,
      } as unknown as TrainSummary);
    },
    loadRecommender: (baskets: string[][]) => {
      calls.push(`load ${baskets.length}`);
      return Promise.resolve(baskets.length);
    },
    recommend: () => Promise.resolve([{ code: 'B2', score: 0.9, sources: [] }] as never),
  };
}

async function recommendations() {
  const store = await unlockedStore();
  const client = fakeClient();
  const listeners: SalesListener[] = [];
  const sales = { onChange: (l: SalesListener) => (listeners.push(l), () => undefined) };
  const settings = new SettingsService(store.settings);
  const service = new RecommendationService({ ...store, client, settings, sales });
  const salesChanged = () => Promise.all(listeners.map((l) => l()));
  await store.products.put([
    { code: 'A1', name: 'Scarf', category: 'accessories', price: 12 },
    { code: 'B2', name: 'Mug', category: 'home', price: 4 },
  ]);
  return { store, client, service, salesChanged };
}

const sale = (code: string) => [{ code, quantity: 1, price: 1 }];

describe('RecommendationService', () => {
  it('has nothing to suggest, and will not train, before there are sales', async () => {
    const { service } = await recommendations();
    await service.load();
    expect(await service.forSegment(undefined, undefined)).toEqual([]);
    await expect(service.train(() => undefined)).rejects.toThrow();
    expect(service.model.value).toBeUndefined();
  });

  it('trains on the stored sales, saves the model and puts it to use', async () => {
    const { store, client, service } = await recommendations();
    await store.purchases.recordCounterSale(sale('A1'), undefined, '30-39|female');
    await store.purchases.recordCounterSale(sale('B2'), undefined, '30-39|female');
    const outcome = await service.train(() => undefined);
    expect(outcome.baskets).toBe(2);
    expect(client.calls).toEqual(['train 2']);
    expect(service.model.value?.baskets).toBe(2);
    expect(await store.itemModels.latest()).toMatchObject({ id: 'current', baskets: 2 });
    expect((await service.forSegment('30-39', 'female')).length).toBeGreaterThan(0);
    await service.forget();
    expect(service.model.value).toBeUndefined();
    expect(await store.itemModels.latest()).toBeUndefined();
    expect(await service.forMember({ displayName: 'Ada' } as Member)).toEqual([]);
  });

  it('reloads on the new sales whenever sales change', async () => {
    const { store, client, salesChanged } = await recommendations();
    await store.purchases.recordCounterSale(sale('A1'));
    await salesChanged();
    await store.purchases.recordCounterSale(sale('B2'));
    await salesChanged();
    expect(client.calls).toEqual(['load 1', 'load 2']);
  });
});
