// A product as the shop sells it. This is the one product type: the catalogue CSV parses into it, the demo shop
// and the products store extend it with what only they need (a persona style, bookkeeping), and the card's
// recommendations and the sale dialog pick the fields they use from it.

export interface Discount {
  readonly percent: number;
  /** ISO dates (yyyy-mm-dd), inclusive. */
  readonly from: string;
  readonly to: string;
}

export interface Product {
  readonly code: string;
  readonly name: string;
  /** Empty when the shop gave none (shown as the catalogue's word for it, in the shop's language). */
  readonly category: string;
  readonly price: number;
  readonly discount?: Discount;
  /**
   * Archived: no longer sold. Kept, because past sales name it, but never suggested and not offered in the sale
   * dialog.
   */
  readonly archived?: boolean;
}
