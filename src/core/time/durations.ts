// Lengths of time in milliseconds (what Date.now() counts in). A day is 24 hours here: retention windows and
// expiries are lengths, not calendar days (a calendar day across a clock change is 23 or 25 hours).
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
