// <customer-card> in a real browser: what staff see for each kind of person at the counter, and the action events
// the buttons send to the page.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { setFormatLocale } from '../../i18n/formats';
import { strings } from '../../i18n/strings';
import './customer-card.component';
import type { CardAction, CardData, CustomerCard } from './customer-card.component';

const t = strings.card;
const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'GBP' });

const member: CardData = {
  kind: 'member',
  title: 'Ana Silva',
  subtitle: t.member,
  colour: '#22d3ee',
  facts: [
    { label: t.memberSince, value: '3 Mar 2026' },
    { label: t.visits, value: '12' },
  ],
  recommendationsTitle: t.recommended,
  recommendations: [
    { code: 'SCARF', name: 'Wool scarf', price: 20, reason: 'Bought with Winter coat' },
    { code: 'HAT', name: 'Straw hat', price: 30, discountPercent: 20, reason: '20% off now' },
  ],
};

const suspect: CardData = {
  kind: 'suspect',
  title: t.suspect,
  subtitle: '',
  colour: '#f472b6',
  facts: [],
  recommendationsTitle: t.recommended,
  recommendations: [],
  warning: t.suspectWarning,
};

const visitor: CardData = {
  kind: 'visitor',
  title: 'Visitor #4',
  subtitle: t.visitor,
  colour: '#a3e635',
  facts: [],
  recommendationsTitle: t.promotions,
  recommendations: [{ code: 'BAG', name: 'Woven bag', price: 45, reason: 'On offer' }],
};

async function mount(card: CardData | undefined, canFlag = true): Promise<CustomerCard> {
  const el = document.createElement('customer-card');
  el.card = card;
  el.canFlag = canFlag;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** Every `card-action` that bubbles up to the body, as the page around the card would hear it. */
function heardActions(): { action: CardAction; bubbles: boolean; composed: boolean }[] {
  const heard: { action: CardAction; bubbles: boolean; composed: boolean }[] = [];
  document.body.addEventListener('card-action', (e) =>
    heard.push({ action: e.detail.action, bubbles: e.bubbles, composed: e.composed }),
  );
  return heard;
}

afterEach(() => document.body.replaceChildren());

describe('<customer-card>', () => {
  it('says nobody is at the counter when there is no card, or an empty one', async () => {
    await mount(undefined);
    await expect.element(page.getByRole('status')).toHaveTextContent(t.nobody);
    document.body.replaceChildren();
    await mount({ ...member, kind: 'empty' });
    await expect.element(page.getByRole('status')).toHaveTextContent(t.nobody);
    expect(page.getByTestId('card-title').query()).toBeNull();
  });

  it("shows a member's name, facts and recommendations, with discounted prices", async () => {
    await mount(member);
    await expect.element(page.getByTestId('card-title')).toHaveTextContent('Ana Silva');
    await expect.element(page.getByText(t.memberSince)).toBeVisible();
    await expect.element(page.getByText('3 Mar 2026')).toBeVisible();
    await expect.element(page.getByRole('heading', { name: t.recommended })).toBeVisible();

    const items = page.getByTestId('recommendations').getByRole('listitem');
    expect(items.elements().map((li) => li.getAttribute('data-code'))).toEqual(['SCARF', 'HAT']);
    const [scarf, hat] = items.elements();
    expect(scarf?.textContent).toContain('Wool scarf');
    expect(scarf?.textContent).toContain(money.format(20));
    expect(scarf?.textContent).toContain('Bought with Winter coat');
    // 20 % off 30: the price staff quote is 24, with the discount beside it.
    expect(hat?.textContent).toContain(money.format(24));
    expect(hat?.textContent).not.toContain(money.format(30));
    expect(hat?.textContent).toContain('−20%');
    expect(hat?.textContent).toContain('20% off now');

    await expect.element(page.getByRole('button', { name: t.addSale })).toBeVisible();
    await expect.element(page.getByRole('button', { name: t.served })).toBeVisible();
    await expect.element(page.getByRole('button', { name: t.flag })).toBeVisible();
    // A member is already enrolled.
    expect(page.getByRole('button', { name: t.enrol }).query()).toBeNull();
  });

  it('writes prices in the shop’s currency and locale, at the price the sale dialog charges', async () => {
    setFormatLocale('de-DE');
    try {
      const el = await mount({
        ...member,
        recommendations: [{ code: 'CAP', name: 'Cap', price: 9.99, discountPercent: 15, reason: 'On offer' }],
      });
      el.currency = 'EUR';
      await el.updateComplete;
      const cap = page.getByTestId('recommendations').getByRole('listitem').element();
      // 15 % off 9.99 is 8.4915: charged (and shown) as 8.49, written the German way, in euros.
      expect(cap.textContent).toContain('8,49\u00a0€');
      expect(cap.textContent).toContain('−15\u00a0%');
    } finally {
      setFormatLocale(undefined);
    }
  });

  it('shows "Not recognised" and the warning for a suspected photo, with no recommendations or actions', async () => {
    await mount(suspect);
    await expect.element(page.getByTestId('card-title')).toHaveTextContent('Not recognised');
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.suspectWarning);
    expect(page.getByTestId('recommendations').query()).toBeNull();
    expect(page.getByRole('button').elements()).toHaveLength(0);
  });

  it('offers to enrol a visitor, and each button sends its action to the page', async () => {
    await mount(visitor);
    await expect.element(page.getByTestId('card-title')).toHaveTextContent('Visitor #4');
    await expect.element(page.getByRole('heading', { name: t.promotions })).toBeVisible();
    const heard = heardActions();

    await userEvent.click(page.getByRole('button', { name: t.enrol }));
    await userEvent.click(page.getByRole('button', { name: t.addSale }));
    await userEvent.click(page.getByRole('button', { name: t.served }));
    await userEvent.click(page.getByRole('button', { name: t.flag }));

    expect(heard).toEqual(
      (['enrol', 'add-sale', 'served', 'flag'] as const).map((action) => ({ action, bubbles: true, composed: true })),
    );
  });

  it('offers Flag only when the page says the user may (managers)', async () => {
    await mount(visitor, false);
    await expect.element(page.getByRole('button', { name: t.served })).toBeVisible();
    expect(page.getByRole('button', { name: t.flag }).elements()).toHaveLength(0);
  });

  it('shows what a new card says when the person changes', async () => {
    const el = await mount(member);
    el.card = suspect;
    await el.updateComplete;
    await expect.element(page.getByTestId('card-title')).toHaveTextContent(t.suspect);
    expect(page.getByText('Ana Silva').query()).toBeNull();
  });
});
