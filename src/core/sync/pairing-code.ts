// One-time pairing codes (docs/design/sync.md, "Joining a tablet"): 12 characters of Crockford's base32, 60 bits,
// shown on a tablet that is already in and typed on the one joining. Crockford's alphabet has no I, L, O or U, and
// reading accepts the letters people confuse with digits (I and L as 1, O as 0), lower case, spaces and dashes.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 12;
/** Bits of randomness in a code: what an attacker who controls the server must guess offline. */
export const PAIRING_CODE_BITS = PAIRING_CODE_LENGTH * 5;

/** A new code from `random` (filled by crypto.getRandomValues in the app; a test passes its own). */
export function newPairingCode(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array): string {
  // One byte per character, 5 bits of it used: 256 is a multiple of 32, so every character is equally likely.
  const bytes = random(new Uint8Array(PAIRING_CODE_LENGTH));
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** The code as shown: three groups of four ("7K3M-Q9TD-2XHW"). */
export function formatPairingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The canonical code from what was typed, or undefined if it cannot be one. */
export function readPairingCode(typed: string): string | undefined {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== PAIRING_CODE_LENGTH) return undefined;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return undefined;
  return cleaned;
}
