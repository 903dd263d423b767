/**
 * Sharding the gate: --shard 1/2 and --shard 2/2 together check every page, PDF and stylesheet
 * exactly once, and merging their reports gives the same findings, counts and accessibility
 * statement data as one full run. A merge with a shard missing or twice fails, never looks complete.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeGateResults, parseShard, planShards, runGate, shardOf, type GateResult } from '../../src/check/index.js';
import { goodPages, makePdf, problemPages, tempDir, writeSite } from '../../scripts/check-engines/fixture-site.js';

let root: string;
let siteDir: string;
let full: GateResult;
let shards: GateResult[];

const gate = (name: string, shard?: { index: number; count: number }) =>
  runGate({ siteDir, cacheDir: path.join(root, `cache-${name}`), reportPath: false, concurrency: 2, log: () => undefined, shard });

beforeAll(async () => {
  root = await tempDir('shard');
  siteDir = path.join(root, '_site');
  await writeSite(siteDir, { ...goodPages(), ...problemPages(), 'docs/tagged.pdf': await makePdf(true), 'docs/untagged.pdf': await makePdf(false) });
  full = await gate('full');
  shards = [await gate('one', { index: 1, count: 2 }), await gate('two', { index: 2, count: 2 })];
}, 180_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const key = (f: GateResult['failures'][number]) => `${f.page} ${f.check} ${f.runner ?? ''} ${f.rule} ${f.element}`;

describe('shards', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '-1/2', '1/2/3']) expect(parseShard(bad), bad).toBeUndefined();
  });

  it('puts a path in the same shard every time, and spreads paths over every shard', () => {
    expect(shardOf('/kent-early-help/', 4)).toBe(shardOf('/kent-early-help/', 4));
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const s = shardOf(`/notice-${i}/`, 4);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4]);
    for (const n of counts.values()) expect(n).toBeGreaterThan(200);
  });

  it('plans one shard up to the limit, and more above it', () => {
    expect(planShards(17, 400)).toEqual({ shards: 1, matrix: ['1/1'] });
    expect(planShards(2015, 400)).toEqual({ shards: 6, matrix: ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6'] });
  });

  it('1/2 and 2/2 together check every page and PDF exactly once', () => {
    const checked = shards.flatMap((s) => s.pages.map((p) => p.page)).sort();
    expect(checked).toEqual(full.pages.map((p) => p.page).sort());
    expect(new Set(checked).size).toBe(checked.length);
    expect(shards.every((s) => s.pages.length > 0)).toBe(true);
    expect(shards.map((s) => s.shard)).toEqual([
      { index: 1, count: 2, pages: shards[0]!.pages.length },
      { index: 2, count: 2, pages: shards[1]!.pages.length },
    ]);
  });

  it('merging the shards gives the same findings, counts and statement as one full run', () => {
    const merged = mergeGateResults(shards.map((result, i) => ({ file: `shard-${i + 1}.json`, result })));
    expect(merged.ok).toBe(full.ok);
    expect(merged.failures.map(key).sort()).toEqual(full.failures.map(key).sort());
    expect(merged.pages.map((p) => [p.page, p.verdict, p.failures])).toEqual([...full.pages].sort((a, b) => a.page.localeCompare(b.page)).map((p) => [p.page, p.verdict, p.failures]));
    const { checked: _a, cached: _b, ...counts } = merged.counts;
    const { checked: _c, cached: _d, ...fullCounts } = full.counts;
    expect(counts).toEqual(fullCounts);
    expect(merged.statement).toEqual(full.statement);
    expect(merged.statement).toMatchObject({ standard: 'WCAG 2.2 AA', pages: 9, pdfs: 2, passed: false });
    expect(merged.mergedFrom).toEqual(['shard-1.json', 'shard-2.json']);
  });

  it('a merge with a shard missing, or the same shard twice, fails', () => {
    const missing = mergeGateResults([{ file: 'shard-1.json', result: shards[0]! }]);
    expect(missing.ok).toBe(false);
    expect(missing.failures[0]).toMatchObject({ code: 'shards-missing' });
    expect(missing.failures[0]!.message).toContain('2/2');
    const twice = mergeGateResults([
      { file: 'a.json', result: shards[0]! },
      { file: 'b.json', result: shards[0]! },
    ]);
    expect(twice.failures.map((f) => f.code)).toEqual(expect.arrayContaining(['shards-mismatch', 'shards-missing']));
  });

  it('merging passing shards passes, with the statement of a passing run', () => {
    const passing = shards.map((s) => ({ ...s, ok: true, failures: [], pages: s.pages.map((p) => ({ ...p, verdict: 'passed' as const, failures: 0 })) }));
    const merged = mergeGateResults(passing.map((result, i) => ({ file: `s${i}.json`, result })));
    expect(merged.ok).toBe(true);
    expect(merged.statement.passed).toBe(true);
  });
});
