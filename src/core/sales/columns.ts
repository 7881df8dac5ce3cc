// Which CSV column holds which field. The UCI Online Retail / Online Retail II headers are recognised out of the
// box (with their known spelling variants); any other file goes through a mapping the user confirms.

export const SALES_FIELDS = [
  'invoice',
  'code',
  'description',
  'quantity',
  'date',
  'price',
  'customer',
  'country',
] as const;
export type SalesField = (typeof SALES_FIELDS)[number];
export const REQUIRED_SALES_FIELDS: readonly SalesField[] = ['invoice', 'code', 'quantity', 'date'];

/** Column index per field (-1 = not in the file). */
export type ColumnMapping = Readonly<Record<SalesField, number>>;

const ALIASES: Record<SalesField, readonly string[]> = {
  invoice: [
    'invoice',
    'invoiceno',
    'invoicenumber',
    'receipt',
    'receiptno',
    'transaction',
    'transactionid',
    'orderid',
    'order',
  ],
  code: ['stockcode', 'productcode', 'sku', 'itemcode', 'code', 'productid', 'itemid', 'articleno'],
  description: ['description', 'productname', 'itemname', 'name', 'product'],
  quantity: ['quantity', 'qty', 'units', 'count'],
  date: ['invoicedate', 'date', 'datetime', 'orderdate', 'timestamp', 'saledate'],
  price: ['price', 'unitprice', 'priceeach', 'amount'],
  customer: ['customerid', 'customer', 'loyaltyid', 'memberid', 'clientid'],
  country: ['country', 'region'],
};

const normalise = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Guesses the mapping from a header row. Fields it cannot find map to -1. */
export function detectColumns(header: readonly string[]): ColumnMapping {
  const names = header.map(normalise);
  const mapping = {} as Record<SalesField, number>;
  for (const field of SALES_FIELDS) {
    mapping[field] = ALIASES[field].map((a) => names.indexOf(a)).find((i) => i >= 0) ?? -1;
  }
  return mapping;
}

export function missingRequired(mapping: ColumnMapping): SalesField[] {
  return REQUIRED_SALES_FIELDS.filter((f) => mapping[f] < 0);
}

/** True when the header is the UCI Online Retail schema: no mapping step needed. */
export function isOnlineRetailHeader(header: readonly string[]): boolean {
  const m = detectColumns(header);
  return missingRequired(m).length === 0 && m.price >= 0 && m.customer >= 0;
}
