import { afterEach, describe, expect, it } from 'vitest';
import { dateFormat, formatLocale, num, numberFormat, setFormatLocale } from './formats';

describe('formats in the shop’s locale', () => {
  afterEach(() => setFormatLocale(undefined));

  it('writes numbers and dates the way the shop’s locale does, and follows a change at once', () => {
    const day = Date.UTC(2026, 11, 2, 12);
    setFormatLocale('de-DE');
    expect(formatLocale()).toBe('de-DE');
    expect(num(1234.5)).toBe('1.234,5');
    expect(dateFormat({ day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(day)).toBe(
      '2.12.2026',
    );
    setFormatLocale('en-US');
    expect(num(1234.5)).toBe('1,234.5');
    expect(dateFormat({ day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(day)).toBe(
      '12/2/2026',
    );
    expect(numberFormat({ style: 'percent' }).format(0.25)).toBe('25%');
  });
});
