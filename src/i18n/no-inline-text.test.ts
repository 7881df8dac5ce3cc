// No user-facing text outside the catalogue: every Lit template in the app's source (components, pages, the app
// shell) is parsed, and any words written into it, as text between tags or as an attribute people read
// (aria-label, title, placeholder, alt, label), fail this test; so does an error raised with a sentence of its own
// (`new StoreError('The device is full.')`) anywhere in src/ or workers/, apart from the listed programming
// errors staff never see. Text belongs in ./catalogue, where it is translated.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const WORKERS = join(ROOT, '..', 'workers');
const SCANNED = ['components', 'pages', 'app', 'client'];
/** Marks where an expression `${...}` sits in a template's static text. */
const HOLE = '\u0000';
const READ_ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
];
const WORDS = /[A-Za-zÀ-ÿ]{2,}/;
/** Well under the app's count (156 at this writing): the scan must see them. */
const MIN_TEMPLATES = 120;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The static text of every html`` template in `code`, holes marked. */
function templates(code: string, fileName: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && ['html', 'svg'].includes(node.tag.getText(source))) {
      const t = node.template;
      found.push(
        ts.isNoSubstitutionTemplateLiteral(t)
          ? t.text
          : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(HOLE),
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Words written into a template: text between tags, and readable attributes with literal words. */
function inlineText(template: string): string[] {
  const out: string[] = [];
  const withoutComments = template.replace(/<!--[\s\S]*?-->/g, '');
  const tags = /<[^>]*>/g;
  for (const tag of withoutComments.match(tags) ?? []) {
    for (const name of READ_ATTRIBUTES) {
      const value = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(tag);
      const text = (value?.[1] ?? value?.[2] ?? value?.[3] ?? '').replaceAll(HOLE, ' ');
      if (WORDS.test(text)) out.push(`${name}="${text.trim()}"`);
    }
  }
  for (const text of withoutComments.split(tags)) {
    const words = text
      .replaceAll(HOLE, ' ')
      .replace(/&[a-z]+;/g, ' ')
      .trim();
    if (WORDS.test(words)) out.push(words);
  }
  return out;
}

describe('templates', () => {
  it('finds words between tags and in readable attributes, and nothing in expressions or markup', () => {
    expect(inlineText(`<p>Hello ${HOLE}</p><button aria-label="Close">${HOLE}</button>`)).toEqual([
      'aria-label="Close"',
      'Hello',
    ]);
    expect(inlineText(`<div class="card wide" data-testid="x" aria-label=${HOLE}>${HOLE} · ${HOLE}</div>`)).toEqual([]);
    expect(inlineText(`<!-- a comment --><span>&nbsp;</span>`)).toEqual([]);
  });

  it('hold no user-facing text of their own: it all comes from the catalogue', () => {
    const scanned = SCANNED.flatMap((dir) =>
      sourceFiles(join(ROOT, dir)).flatMap((file) =>
        templates(readFileSync(file, 'utf8'), file).map((template) => ({ file: relative(ROOT, file), template })),
      ),
    );
    // The scan reaches the app's templates (a broken file walk would find nothing and pass).
    expect(scanned.length).toBeGreaterThan(MIN_TEMPLATES);
    const found = scanned.flatMap(({ file, template }) => inlineText(template).map((text) => `${file}: ${text}`));
    expect(found).toEqual([]);
  });
});

/**
 * Errors worded in English on purpose: programming errors (a call out of order, a missing migration), the network
 * guard's refusal (console only), cancellations (AbortErrors, which screens recognise by name and report in their
 * own words), and the face worker's account of why no backend ran, shown as the detail after the translated
 * sentence that reports it (a worker does not know the shop's language).
 */
const DEVELOPER_ERRORS = new Set([
  'src/client/retail-client.ts: Training cancelled',
  'src/core/recommend/evaluate.ts: Evaluation cancelled',
  'src/core/recommend/tuner.ts: Tuning cancelled',
  'src/core/sales/csv-stream.ts: Import cancelled',
  'workers/face/engine.ts: No backend could run the face models:',
  'src/store/schema.ts: No migration to schema version',
  'src/shared/same-origin-fetch.ts: Counterpart keeps every request on this device; refused',
  'workers/face/engine.ts: The face engine is not initialised.',
  'workers/retail/retail.worker.ts: No recommendation model has been trained yet.',
]);

/** The opening words of every error raised with a sentence written into the code (`new XError('Sentence …')`). */
function errorSentences(code: string, fileName: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && /(Error|Exception)$/.test(node.expression.getText(source))) {
      const first = node.arguments?.[0];
      const text =
        first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
          ? first.text
          : first && ts.isTemplateExpression(first)
            ? first.head.text
            : undefined;
      if (text && /^[A-Z][a-z]* [a-z]/.test(text)) found.push(text.trim());
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('errors', () => {
  it('are worded in the catalogue when staff can see them', () => {
    expect(errorSentences("throw new StoreError('The device is full.');", 'x.ts')).toEqual(['The device is full.']);
    expect(errorSentences('throw new Error(strings.errors.storeFull);', 'x.ts')).toEqual([]);
    const files = [...sourceFiles(ROOT).filter((f) => !f.includes('/i18n/')), ...sourceFiles(WORKERS)];
    const found = files.flatMap((file) =>
      errorSentences(readFileSync(file, 'utf8'), file).map((text) => `${relative(join(ROOT, '..'), file)}: ${text}`),
    );
    expect(found.filter((f) => !DEVELOPER_ERRORS.has(f))).toEqual([]);
  });
});
