// The built-in demo shop: a clothing store's catalogue and a year of sales, generated (seeded, deterministic)
// so a fresh install shows recommendations working at once, without any file to find.
//
// How the sales are made: every product belongs to one of six styles. Every customer follows a persona — a
// main style (most of what they buy), a second style (some of it) and a segment (age band, gender). A visit
// buys an "outfit": a few items from different categories, nearly all in the persona's styles. So the sales
// carry real structure — items of one style are bought together — which item2vec has to recover (see the test).
// Names, prices and sizes are invented; no real shop or person is described.
import type { Product } from '../catalogue/product';
import { Rng } from '../random/prng';
import { DAY, HOUR } from '../time/durations';

export const DEMO_STYLES = ['classic', 'street', 'outdoor', 'party', 'office', 'boho'] as const;
export type DemoStyle = (typeof DEMO_STYLES)[number];

type Category =
  | 'T-shirts'
  | 'Shirts'
  | 'Knitwear'
  | 'Jeans'
  | 'Trousers'
  | 'Dresses'
  | 'Skirts'
  | 'Jackets'
  | 'Coats'
  | 'Shoes'
  | 'Accessories';

/** Which categories each style sells, with names that make the style recognisable. */
const STYLE_ITEMS: Record<DemoStyle, Partial<Record<Category, readonly string[]>>> = {
  classic: {
    Shirts: ['Oxford shirt', 'Poplin shirt'],
    Knitwear: ['Merino crew jumper', 'Cable knit cardigan'],
    Trousers: ['Chinos', 'Wool trousers'],
    Coats: ['Camel overcoat', 'Trench coat'],
    Shoes: ['Leather loafers', 'Chelsea boots'],
    Accessories: ['Leather belt', 'Silk scarf'],
  },
  street: {
    'T-shirts': ['Graphic tee', 'Oversized tee'],
    Knitwear: ['Hoodie', 'Zip sweatshirt'],
    Jeans: ['Baggy jeans', 'Cargo jeans'],
    Jackets: ['Bomber jacket', 'Coach jacket'],
    Shoes: ['High-top trainers', 'Skate shoes'],
    Accessories: ['Bucket hat', 'Crossbody bag'],
  },
  outdoor: {
    'T-shirts': ['Merino base layer', 'Quick-dry tee'],
    Knitwear: ['Fleece pullover', 'Ribbed beanie jumper'],
    Trousers: ['Hiking trousers', 'Softshell trousers'],
    Jackets: ['Rain shell', 'Down gilet'],
    Shoes: ['Trail boots', 'Walking shoes'],
    Accessories: ['Wool beanie', 'Daypack'],
  },
  party: {
    Dresses: ['Sequin dress', 'Satin slip dress'],
    Skirts: ['Metallic mini skirt', 'Pleated midi skirt'],
    'T-shirts': ['Lace top', 'Silk camisole'],
    Jackets: ['Velvet blazer', 'Faux fur jacket'],
    Shoes: ['Strappy heels', 'Glitter pumps'],
    Accessories: ['Clutch bag', 'Statement earrings'],
  },
  office: {
    Shirts: ['Slim shirt', 'Non-iron shirt'],
    Trousers: ['Suit trousers', 'Tailored trousers'],
    Skirts: ['Pencil skirt', 'A-line skirt'],
    Jackets: ['Suit jacket', 'Tailored blazer'],
    Shoes: ['Oxford shoes', 'Block heel pumps'],
    Accessories: ['Laptop bag', 'Tie'],
  },
  boho: {
    Dresses: ['Floral maxi dress', 'Embroidered dress'],
    Skirts: ['Tiered skirt', 'Wrap skirt'],
    Shirts: ['Peasant blouse', 'Linen shirt'],
    Knitwear: ['Crochet cardigan', 'Fringe poncho'],
    Shoes: ['Suede sandals', 'Ankle boots'],
    Accessories: ['Straw hat', 'Woven bag'],
  },
};

const COLOURS = ['Black', 'Navy', 'Olive', 'Sand', 'Burgundy', 'Grey', 'White', 'Rust'];
const SIZES = ['XS-XL', 'S-XXL', '36-46', 'One size'];

export interface DemoProduct extends Product {
  readonly style: DemoStyle;
  readonly colour: string;
  readonly sizes: string;
}

export interface DemoPersona {
  readonly id: number;
  readonly main: DemoStyle;
  readonly second: DemoStyle;
  readonly ageBand: string;
  readonly gender: 'female' | 'male';
}

export interface DemoCustomer {
  readonly id: string;
  readonly persona: DemoPersona;
}

export interface DemoBasket {
  readonly invoice: string;
  readonly at: number;
  /** Loyalty id of the buyer, or '' for a sale to someone not in the loyalty scheme. */
  readonly customer: string;
  readonly segment: string;
  readonly items: readonly { readonly code: string; readonly quantity: number; readonly price: number }[];
}

export interface DemoShop {
  readonly products: readonly DemoProduct[];
  readonly customers: readonly DemoCustomer[];
  readonly baskets: readonly DemoBasket[];
}

/** The loyalty id a member enrolled during the demo is linked to, so their card has a history at once. */
export const DEMO_SELF_CUSTOMER = 'DEMO-0001';

export interface DemoOptions {
  readonly seed?: number;
  /** The shop's "today": sales run for the year before it; discounts run around it. */
  readonly now: number;
  readonly customers?: number;
  readonly basketsPerDay?: number;
}

const AGE_BANDS = ['20-29', '30-39', '40-49', '50-59', '60-69'];

function isoDate(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function generateDemoShop(options: DemoOptions): DemoShop {
  const rng = new Rng(options.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)] as T;

  // Catalogue: every style's items in three colours each.
  const products: DemoProduct[] = [];
  let n = 1;
  for (const style of DEMO_STYLES) {
    for (const [category, names] of Object.entries(STYLE_ITEMS[style])) {
      for (const name of names) {
        const colours = new Set<string>();
        while (colours.size < 3) colours.add(pick(COLOURS));
        for (const colour of colours) {
          const base = 15 + rng.nextInt(50) * 2 + (category === 'Coats' || category === 'Jackets' ? 60 : 0);
          const onSale = rng.nextFloat() < 0.1;
          products.push({
            code: `D${String(n++).padStart(4, '0')}`,
            name: `${name} — ${colour}`,
            category,
            price: base - 0.01,
            style,
            colour,
            sizes: category === 'Accessories' ? 'One size' : pick(SIZES.slice(0, 3)),
            ...(onSale
              ? {
                  discount: {
                    percent: pick([10, 15, 20, 25, 30]),
                    from: isoDate(options.now - 7 * DAY),
                    to: isoDate(options.now + 21 * DAY),
                  },
                }
              : {}),
          });
        }
      }
    }
  }
  const byStyle = new Map<DemoStyle, DemoProduct[]>(DEMO_STYLES.map((s) => [s, products.filter((p) => p.style === s)]));

  // Personas: each style with a second style and a segment.
  const personas: DemoPersona[] = [];
  for (const [i, main] of DEMO_STYLES.entries()) {
    for (let k = 0; k < 3; k++) {
      let second = pick(DEMO_STYLES);
      while (second === main) second = pick(DEMO_STYLES);
      const gender =
        main === 'party' || main === 'boho'
          ? rng.nextFloat() < 0.85
            ? 'female'
            : 'male'
          : rng.nextFloat() < 0.5
            ? 'female'
            : 'male';
      personas.push({ id: i * 3 + k, main, second, ageBand: pick(AGE_BANDS), gender });
    }
  }
  const customerCount = options.customers ?? 400;
  const customers: DemoCustomer[] = Array.from({ length: customerCount }, (_, i) => ({
    id: `DEMO-${String(i + 1).padStart(4, '0')}`,
    persona: pick(personas),
  }));

  // A year of visits, busier at weekends and in December.
  const baskets: DemoBasket[] = [];
  const perDay = options.basketsPerDay ?? 40;
  const start = options.now - 365 * DAY;
  let invoice = 100_000;
  for (let day = 0; day < 365; day++) {
    const date = new Date(start + day * DAY);
    const weekend = date.getDay() === 0 || date.getDay() === 6;
    const december = date.getMonth() === 11;
    const count = Math.round(perDay * (weekend ? 1.5 : 1) * (december ? 1.6 : 1) * (0.8 + 0.4 * rng.nextFloat()));
    for (let v = 0; v < count; v++) {
      const customer = pick(customers);
      const persona = customer.persona;
      const size = 1 + rng.nextInt(5);
      const used = new Set<string>();
      const items: { code: string; quantity: number; price: number }[] = [];
      for (let k = 0; k < size; k++) {
        const r = rng.nextFloat();
        const style = r < 0.75 ? persona.main : r < 0.95 ? persona.second : pick(DEMO_STYLES);
        const choices = (byStyle.get(style) ?? []).filter((p) => !used.has(p.category));
        if (!choices.length) continue;
        const p = pick(choices);
        used.add(p.category);
        items.push({ code: p.code, quantity: 1, price: p.price });
      }
      if (!items.length) continue;
      const at = start + day * DAY + (9 + rng.nextInt(10)) * HOUR + rng.nextInt(HOUR);
      baskets.push({
        invoice: `DEMO${invoice++}`,
        at,
        // Seven in ten buyers show their loyalty card.
        customer: rng.nextFloat() < 0.7 ? customer.id : '',
        segment: `${persona.ageBand}|${persona.gender}`,
        items,
      });
    }
  }
  return { products, customers, baskets };
}
