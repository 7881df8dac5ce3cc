// <sale-dialog> in a real browser: prices, the discount in force, line and basket totals in the shop's currency;
// quantities changed and lines removed; what it sends when staff record the sale.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Product } from '../../core/catalogue/product';
import { strings } from '../../i18n/strings';
import type { SaleDialog, SaleSubmit } from './sale-dialog.component';
import './sale-dialog.component';

afterEach(() => document.body.replaceChildren());

const products: Product[] = [
  {
    code: 'S1',
    name: 'Wool scarf',
    category: 'accessories',
    price: 19.99,
    discount: { percent: 15, from: '2000-01-01', to: '2999-12-31' },
  },
  { code: 'M1', name: 'Mug', category: 'home', price: 6.5 },
];

async function openDialog(currency = 'GBP'): Promise<SaleDialog> {
  const el = document.createElement('sale-dialog');
  el.products = products;
  el.currency = currency;
  document.body.append(el);
  await el.updateComplete;
  el.open();
  return el;
}

async function add(code: string, quantity: number): Promise<void> {
  await userEvent.fill(page.getByLabelText(strings.sale.product), code);
  await userEvent.fill(page.getByLabelText(strings.sale.quantity, { exact: true }), String(quantity));
  await userEvent.click(page.getByRole('button', { name: strings.sale.add, exact: true }));
}

const pounds = (n: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'GBP' }).format(n);

describe('<sale-dialog>', () => {
  it('shows each line’s price and discount, and the total of two items, one on discount', async () => {
    await openDialog();
    await add('S1', 2);
    await add('M1', 3);
    // 19.99 less 15 % is 16.99 a scarf: 33.98 for two; three mugs 19.50; 53.48 in all.
    await expect.element(page.getByRole('row').filter({ hasText: 'Wool scarf' })).toHaveTextContent('15 % off');
    await expect.element(page.getByTestId('sale-total')).toHaveTextContent(pounds(53.48));

    await userEvent.fill(page.getByLabelText(strings.sale.quantityOf('Mug')), '1');
    await userEvent.keyboard('{Tab}');
    await expect.element(page.getByTestId('sale-total')).toHaveTextContent(pounds(40.48));
    await userEvent.click(page.getByRole('button', { name: strings.sale.removeItem('Wool scarf') }));
    await expect.element(page.getByTestId('sale-total')).toHaveTextContent(pounds(6.5));
  });

  it('adds the same product twice as one line', async () => {
    await openDialog();
    await add('M1', 1);
    await add('M1', 2);
    await expect.element(page.getByLabelText(strings.sale.quantityOf('Mug'))).toHaveValue(3);
    expect(page.getByTestId('line-total').elements()).toHaveLength(1);
  });

  it('writes amounts in the shop’s currency', async () => {
    await openDialog('EUR');
    await add('M1', 2);
    const euros = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(13);
    await expect.element(page.getByTestId('sale-total')).toHaveTextContent(euros);
  });

  it('sends the lines and the till’s receipt number when staff record the sale', async () => {
    await openDialog();
    const sent: SaleSubmit[] = [];
    document.body.addEventListener('sale-submit', (e) => sent.push(e.detail));
    await add('M1', 2);
    await userEvent.fill(page.getByLabelText(/Till receipt number/), ' 5501 ');
    await userEvent.click(page.getByRole('button', { name: strings.sale.record }));
    expect(sent).toEqual([{ lines: [{ code: 'M1', quantity: 2 }], receipt: '5501' }]);
  });

  it('opens again with a sale that could not be recorded, and says why', async () => {
    const el = await openDialog();
    el.close();
    el.open(
      { lines: [{ code: 'M1', quantity: 2 }], receipt: '77' },
      'A sale with receipt number 77 is already recorded.',
    );
    await expect.element(page.getByRole('alert')).toHaveTextContent('receipt number 77');
    await expect.element(page.getByTestId('sale-total')).toHaveTextContent(pounds(13));
    await expect.element(page.getByLabelText(/Till receipt number/)).toHaveValue('77');
  });
});
