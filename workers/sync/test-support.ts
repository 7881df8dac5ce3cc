// For the sync worker's tests: what a server, or anyone reading its databases, can read of a document without a key.

/**
 * The document as JSON with its ciphertext and IV left out. Those two are random base64, which holds any short
 * string now and then by chance ("EAdaLMEE" failed a check for the name "Ada" in CI), and say nothing readable:
 * a plaintext placed there unsealed would be base64 itself, not the words a test looks for. So a test that no name,
 * number or id is on the server looks at every other field, where it would show.
 */
export function readableText(doc: object): string {
  return JSON.stringify(doc, (key, value: unknown) =>
    (key === 'ct' || key === 'iv') && typeof value === 'string' ? '(ciphertext)' : value,
  );
}
