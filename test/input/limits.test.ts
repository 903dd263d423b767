import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, StageTimeLimitError, countingYamlLoad, tableSizeProblem, withTimeLimit } from '../../src/input/limits.js';
import { REPO_ROOT } from '../helpers/project.js';

/** A billion-laughs file: each level is ten aliases of the one before. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('countingYamlLoad', () => {
  it('reads every real notice and data file well within the limits', () => {
    const files = [
      ...readdirSync(path.join(REPO_ROOT, 'data')).filter((f) => f.endsWith('.yaml')).map((f) => `data/${f}`),
      ...readdirSync(path.join(REPO_ROOT, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => `content/${f}`),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const result = countingYamlLoad(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file);
      expect(result.ok, file).toBe(true);
      if (result.ok) expect(result.nodes, file).toBeLessThan(LIMITS.yamlNodes / 10);
    }
  });

  it('stops an alias bomb early, at the alias that passed the limit', () => {
    const text = aliasBomb(9); // 10^10 values once expanded
    expect(text.length).toBeLessThan(4096);
    const start = performance.now();
    const result = countingYamlLoad(text, 'content/bomb.yaml');
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(500);
    expect(result).toEqual({
      ok: false,
      problem: {
        file: 'content/bomb.yaml',
        code: 'yaml-too-many-nodes',
        // a4 (line 5) is ten copies of a3's 11,111 values: its eighth *a3 takes the total past 100,000.
        line: 5,
        column: expect.any(Number),
        message: 'this file grows to more than 100,000 values once its aliases (*name) are filled in; reading stopped at this alias.',
      },
    });
    if (!result.ok) expect(text.split('\n')[result.problem.line - 1]!.slice(result.problem.column - 1)).toMatch(/^\*a3, \*a3, \*a3\]$/);
  });

  it('counts each value once, and an alias in a block list once, at its own line', () => {
    expect(countingYamlLoad('a: [1, 2]\nb: {c: d}\n', 'data/x.yaml')).toMatchObject({ ok: true, nodes: 9 });
    // The file, a, b and a's 11 values make 14; the first *a brings the total to 25, the second to 36.
    const text = 'a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb:\n  - *a\n  - *a\n  - *a\n';
    expect(countingYamlLoad(text, 'data/x.yaml', { ...LIMITS, yamlNodes: 30 })).toMatchObject({ ok: false, problem: { line: 4, column: 5 } });
    expect(countingYamlLoad(text, 'data/x.yaml', { ...LIMITS, yamlNodes: 48 })).toMatchObject({ ok: true, nodes: 48 }); // 14 + the list + 3 × 11
  });

  it('counts merge keys (<<: *name) at their full size too', () => {
    const lines = ['b0: &b0 {k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1}'];
    for (let i = 1; i <= 8; i++) lines.push(`b${i}: &b${i} [${Array.from({ length: 10 }, () => `{<<: *b${i - 1}}`).join(', ')}]`);
    const result = countingYamlLoad(lines.join('\n'), 'data/merge.yaml', { ...LIMITS, yamlNodes: 10_000 });
    expect(result).toMatchObject({ ok: false, problem: { code: 'yaml-too-many-nodes' } });
  });

  it('refuses a text over the length limit, at its line', () => {
    const text = `id: x\nsummary: ${'a'.repeat(200)}\n`;
    expect(countingYamlLoad(text, 'content/a.yaml', { ...LIMITS, stringLength: 100 })).toEqual({
      ok: false,
      problem: { file: 'content/a.yaml', code: 'yaml-text-too-long', line: 2, column: 10, message: 'this text is 200 characters long, more than the limit of 100 characters.' },
    });
  });

  it('refuses a file over the size limit before parsing it', () => {
    expect(countingYamlLoad('x: 1\n'.repeat(100), 'content/a.yaml', { ...LIMITS, fileBytes: 100 })).toMatchObject({
      ok: false,
      problem: { file: 'content/a.yaml', line: 0, column: 0, code: 'file-too-large', message: 'this file is 500 bytes, more than the limit of 100 bytes.' },
    });
  });

  it('reports YAML syntax errors with their position and escaped text', () => {
    const result = countingYamlLoad('a: 1\nb: "open \u001b\n', 'content/a.yaml');
    expect(result).toMatchObject({ ok: false, problem: { code: 'yaml-syntax', line: expect.any(Number) } });
    if (!result.ok) expect(result.problem.message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('tables and time limits', () => {
  it('names tables over the row or column limit', () => {
    expect(tableSizeProblem(10, 3)).toBeUndefined();
    expect(tableSizeProblem(501, 3)).toBe('this table has 501 rows and 3 columns; the limit is 500 rows and 12 columns.');
  });

  it('stops a stage that takes too long and names what it was working on', async () => {
    const slow = withTimeLimit('PDF', 0.05, async (progress) => {
      progress.workingOn = 'content/kent-county-council/early-help.yaml';
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return 'done';
    });
    await expect(slow).rejects.toBeInstanceOf(StageTimeLimitError);
    await expect(slow).rejects.toThrow('the PDF stage took longer than 0.05 seconds; it was working on content/kent-county-council/early-help.yaml.');
    await expect(withTimeLimit('HTML', 5, async () => 42)).resolves.toBe(42);
  });
});
