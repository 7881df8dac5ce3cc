// What staff read when something fails: the app's own errors in the shop's language (a sales file that cannot be
// imported is told with the names of the columns it lacks), anything else by its message (the browser's own, in
// the browser's language).
import { SalesFileError } from '../core/sales/import-sales';
import { strings } from './strings';

export function errorText(err: unknown): string {
  if (err instanceof SalesFileError) {
    if (err.problem === 'empty') return strings.errors.salesFileEmpty;
    const fields = strings.products.fields;
    return strings.errors.salesFileColumns(err.missing.map((f) => fields[f] ?? f).join(', '));
  }
  return err instanceof Error ? err.message : String(err);
}
