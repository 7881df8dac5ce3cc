// A small shop's sales and catalogue in the formats staff import (Online Retail II CSV, catalogue CSV).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clipDir } from './clips';

export const CUSTOMER = 'C-2001';
const OUTDOOR = ['OUT1', 'OUT2', 'OUT3', 'OUT4', 'OUT5', 'OUT6'];
const PARTY = ['PTY1', 'PTY2', 'PTY3', 'PTY4', 'PTY5', 'PTY6'];

/** Sales with two clear styles; the member bought outdoor things only. Returns the CSV text. */
export function salesCsv(now: Date): string {
  const lines = ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country'];
  const day = (d: number) => {
    const t = new Date(now.getTime() - d * 86_400_000);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')} 10:00`;
  };
  let invoice = 500000;
  const sale = (items: string[], d: number, customer = '') => {
    invoice++;
    for (const code of items)
      lines.push(`${invoice},${code},Item ${code},1,${day(d)},10.00,${customer},United Kingdom`);
  };
  for (let i = 0; i < 40; i++) {
    // Every outdoor basket has three of the six outdoor items (rotating), likewise for party.
    sale(
      [0, 1, 2].map((k) => OUTDOOR[(i + k * 2) % 6] as string),
      60 - (i % 50),
      `X-${i % 7}`,
    );
    sale(
      [0, 1, 2].map((k) => PARTY[(i + k * 2) % 6] as string),
      60 - (i % 50),
    );
  }
  sale(['OUT1', 'OUT2'], 20, CUSTOMER);
  sale(['OUT2', 'OUT3'], 10, CUSTOMER);
  // A return (negative quantity) and a broken row: skipped and reported, never aborting the import.
  lines.push(`C${invoice},OUT1,Item OUT1,-1,${day(5)},10.00,${CUSTOMER},United Kingdom`);
  lines.push(`${invoice + 1},,Nameless,1,not a date,1.00,,United Kingdom`);
  return lines.join('\r\n') + '\r\n';
}

export function catalogueCsv(now: Date): string {
  const iso = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const rows = ['code,name,category,price,discount,from,to'];
  OUTDOOR.forEach((c, i) =>
    rows.push(
      `${c},Outdoor item ${i + 1},${i % 2 ? 'Jackets' : 'Boots'},${20 + i}.00,${c === 'OUT5' ? `25,${iso(-3)},${iso(7)}` : ',,'}`,
    ),
  );
  PARTY.forEach((c, i) => rows.push(`${c},Party item ${i + 1},${i % 2 ? 'Dresses' : 'Shoes'},${30 + i}.00,,,`));
  return rows.join('\n') + '\n';
}

/**
 * Later sales of a product added by hand (HAT1), each basket with one of the member's outdoor items, so the
 * retrained recommender has something to suggest it from. Returns the CSV text.
 */
export function hatSalesCsv(now: Date): string {
  const lines = ['Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country'];
  const day = new Date(now.getTime() - 2 * 86_400_000);
  const at = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')} 11:00`;
  for (let i = 0; i < 12; i++) {
    const invoice = 600000 + i;
    lines.push(`${invoice},HAT1,Felt hat,1,${at},24.50,X-${i % 7},United Kingdom`);
    lines.push(`${invoice},${OUTDOOR[i % 3] as string},Item,1,${at},10.00,X-${i % 7},United Kingdom`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** Writes the shop's files for `now` (sales, catalogue, the later hat sales) and returns their paths. */
export async function writeShopFiles(now: Date): Promise<{ sales: string; catalogue: string; hatSales: string }> {
  await mkdir(clipDir, { recursive: true });
  const files = {
    sales: path.join(clipDir, 'sales.csv'),
    catalogue: path.join(clipDir, 'catalogue.csv'),
    hatSales: path.join(clipDir, 'hat-sales.csv'),
  };
  await writeFile(files.sales, salesCsv(now));
  await writeFile(files.catalogue, catalogueCsv(now));
  await writeFile(files.hatSales, hatSalesCsv(now));
  return files;
}
