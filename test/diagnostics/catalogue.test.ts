/**
 * The error catalogue: every code the source uses is in it, every entry renders its example the
 * way the terminal prints it, and docs/errors.md is the catalogue's current text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, isCode, type Code } from '../../src/diagnostics/catalogue.js';
import { renderErrorDocs, renderExample } from '../../src/diagnostics/docs.js';
import { REPO_ROOT } from '../helpers/project.js';

/** The arguments of every call to `name(` in `text`, split at top-level commas. */
function callArguments(text: string, name: string): string[][] {
  const calls: string[][] = [];
  const pattern = new RegExp(`\\b${name}\\(`, 'g');
  for (const match of text.matchAll(pattern)) {
    const args: string[] = [];
    let depth = 0;
    let quote: string | undefined;
    let current = '';
    for (let i = match.index + match[0].length; i < text.length; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\') current += c + text[++i];
        else {
          if (c === quote) quote = undefined;
          current += c;
        }
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      if ('([{'.includes(c)) depth++;
      if (')]}'.includes(c)) {
        if (depth === 0) break;
        depth--;
      }
      if (c === ',' && depth === 0) {
        args.push(current.trim());
        current = '';
      } else current += c;
    }
    args.push(current.trim());
    calls.push(args);
  }
  return calls;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The code argument of each way the source makes a diagnostic: diagnostic(code …), diagnosticAt(source, path, code …), finding(code …). */
const CODE_ARGUMENT: Record<string, number> = { diagnostic: 0, diagnosticAt: 2, finding: 0 };

describe('the error catalogue', () => {
  const used = new Map<string, string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const [name, index] of Object.entries(CODE_ARGUMENT)) {
      for (const args of callArguments(text, name)) {
        const literal = /^'([^']+)'$/.exec(args[index] ?? '');
        if (literal) used.set(literal[1]!, path.relative(REPO_ROOT, file));
      }
    }
  }

  it('has every code the source uses', () => {
    expect(used.size).toBeGreaterThan(40);
    for (const [code, file] of used) expect(isCode(code), `${code} (used in ${file})`).toBe(true);
  });

  it('names every code in kebab case, with a summary, a fix and an example that renders as the terminal prints it', () => {
    for (const code of Object.keys(catalogue) as Code[]) {
      expect(code).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      const entry = catalogue[code];
      expect(entry.summary, code).toMatch(/^[A-Z"'].*[.)]$/);
      const example = renderExample(code);
      expect(example, code).toContain(` ${entry.severity} [${code}] `);
      const [first, hint] = example.split('\n    ');
      expect(first, code).toMatch(/^[^\n]+?(:\d+:\d+)? (error|warning) \[[a-z0-9-]+\] /);
      expect(hint?.trim(), code).toBeTruthy();
    }
  });

  it('is documented in docs/errors.md, which is up to date (npm run docs:errors)', () => {
    const written = readFileSync(path.join(REPO_ROOT, 'docs/errors.md'), 'utf8');
    expect(written, 'docs/errors.md is stale: run npm run docs:errors').toBe(renderErrorDocs());
    for (const code of Object.keys(catalogue)) expect(written).toContain(`\n## ${code}\n`);
  });
});
