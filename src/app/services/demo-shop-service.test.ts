// The demo shop: first-run progress (loading, training, ready), a failure shown without losing anything,
// removal (retraining on what is left, or forgetting the model), and the loyalty id offered to the first member.
import { describe, expect, it } from 'vitest';
import { DEMO_SELF_CUSTOMER } from '../../core/demo/demo-shop';
import { Observable } from '../../core/observable';
import type { Member } from '../../core/members/member';
import { DemoShopService } from './demo-shop-service';

function demo(options: { failTraining?: boolean; purchasesLeft?: number; loadedEarlier?: boolean } = {}) {
  const calls: string[] = [];
  let loaded = options.loadedEarlier ?? false;
  const demoData = {
    load: () => {
      loaded = true;
      return Promise.resolve({ products: 40, purchases: 900 });
    },
    remove: () => {
      loaded = false;
      return Promise.resolve();
    },
    isLoaded: () => Promise.resolve(loaded),
  };
  const purchases = { count: () => Promise.resolve(options.purchasesLeft ?? 0) };
  const recommendations = {
    train: async (onProgress: (f: number) => void) => {
      calls.push('train');
      onProgress(0.5);
      if (options.failTraining) throw new Error('out of memory');
      return Promise.resolve({ items: 1, baskets: 1, seconds: 1, tuning: undefined });
    },
    forget: () => Promise.resolve(void calls.push('forget')),
  };
  const members = { members: new Observable<ReadonlyMap<string, Member>>(new Map()) };
  const service = new DemoShopService({ demoData, purchases, recommendations, members });
  const states: string[] = [];
  service.state.subscribe((s) => states.push(s.state === 'training' ? `training ${s.fraction}` : s.state));
  return { service, states, calls, members };
}

describe('DemoShopService', () => {
  it('loads the shop, trains on it and says how far it has got', async () => {
    const { service, states } = demo();
    await service.load();
    expect(states).toEqual(['loading', 'training 0', 'training 0.5', 'ready']);
    expect(service.state.value).toEqual({ state: 'ready', products: 40, purchases: 900 });
  });

  it('shows a failure instead of throwing', async () => {
    const { service } = demo({ failTraining: true });
    await service.load();
    expect(service.state.value).toEqual({ state: 'failed', message: 'out of memory' });
  });

  it('removes the shop: retrains on the sales left, or forgets the model when too few are left', async () => {
    const few = demo();
    await few.service.load();
    await few.service.remove();
    expect(few.service.state.value.state).toBe('absent');
    expect(few.calls).toEqual(['train', 'forget']);
    const many = demo({ purchasesLeft: 5 });
    await many.service.remove();
    expect(many.calls).toEqual(['train']);
  });

  it('finds a demo shop loaded earlier, and offers its customer to the first member only', async () => {
    const none = demo();
    await none.service.detect();
    expect(none.service.state.value.state).toBe('absent');
    expect(none.service.loyaltyIdForFirstMember()).toBeUndefined();
    const { service, members } = demo({ loadedEarlier: true });
    await service.detect();
    expect(service.state.value).toEqual({ state: 'ready', products: 0, purchases: 0 });
    expect(service.loyaltyIdForFirstMember()).toBe(DEMO_SELF_CUSTOMER);
    members.members.set(new Map([['m1', { displayName: 'Ada' } as Member]]));
    expect(service.loyaltyIdForFirstMember()).toBeUndefined();
  });
});
