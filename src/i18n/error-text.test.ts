// A sales file refused in the worker reaches staff in their language, with the names of the missing columns,
// after crossing the worker boundary (where only an error's name and message survive).
import { afterEach, expect, it } from 'vitest';
import { SalesFileError } from '../core/sales/import-sales';
import { errorText } from './error-text';
import { setLocale } from './strings';

afterEach(() => setLocale('en-GB'));

/** What comlink hands the caller for an error thrown in a worker: a plain Error with the name and message. */
function acrossWorker(err: Error): Error {
  return Object.assign(new Error(err.message), { name: err.name });
}

it('tells a refused sales file in the shop language, the missing columns by their names', () => {
  const refused = SalesFileError.revive(acrossWorker(new SalesFileError('missing-columns', ['date', 'price'])));
  expect(refused).toBeInstanceOf(SalesFileError);
  expect(errorText(refused)).toBe('The file has no column for: Date, Unit price. Map the columns by hand.');
  setLocale('de-DE');
  expect(errorText(refused)).toBe(
    'Die Datei hat keine Spalte für: Datum, Einzelpreis. Ordnen Sie die Spalten von Hand zu.',
  );
  expect(errorText(SalesFileError.revive(acrossWorker(new SalesFileError('empty'))))).toBe('Die Datei ist leer.');
});

it('passes other errors through by their message', () => {
  const other = new TypeError('Failed to fetch');
  expect(SalesFileError.revive(other)).toBe(other);
  expect(errorText(other)).toBe('Failed to fetch');
  expect(errorText('plain')).toBe('plain');
});
