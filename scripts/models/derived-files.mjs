// Files the install step derives from copied ones (e.g. a model with metadata written into it).
// Each entry: { from, to, how, derive(input: Buffer) => Buffer | Promise<Buffer> }, paths under public/models/.
export const DERIVED_FILES = [];
