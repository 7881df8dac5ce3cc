// A counter sale given a till receipt number that a stored sale already has: the number identifies one sale, so
// the second is refused (the sales import matches the till's export by that number).
export class DuplicateReceiptError extends Error {
  constructor(readonly receipt: string) {
    super(`A sale with receipt number ${receipt} is already recorded.`);
    this.name = 'DuplicateReceiptError';
  }
}
