/**
 * The GitHub workflow checks a large site in shards and a small one in a single job: the first job
 * counts pages (npm run check -- --plan), the shard jobs take their matrix from it, the merge job
 * merges their reports, and the site is published only after one of the two paths passed.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.js';

interface Job {
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix: { shard: string } };
  steps: { run?: string; uses?: string; with?: Record<string, unknown> }[];
}

describe('the accessibility workflow', () => {
  it('plans shards, checks a small site in one job and a large one in a matrix, merges, then publishes', async () => {
    const workflow = yaml.load(await readFile(path.join(REPO_ROOT, '.github/workflows/accessibility.yml'), 'utf8')) as { jobs: Record<string, Job> };
    const { plan, check, build, shard, merge, publish } = workflow.jobs;
    expect(plan!.steps.some((s) => s.run?.includes('npm run check -- --plan'))).toBe(true);
    expect(plan!.outputs).toMatchObject({ shards: expect.any(String), matrix: expect.any(String) });
    expect(check!.if).toBe("needs.plan.outputs.shards == '1'");
    expect(check!.steps.some((s) => s.run === 'npm run build')).toBe(true);
    expect(build!.if).toBe("needs.plan.outputs.shards != '1'");
    expect(build!.steps.some((s) => s.run?.includes('--check-in-shards'))).toBe(true);
    expect(shard!.strategy!.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(shard!.steps.some((s) => s.run?.includes('npm run check -- --shard "${{ matrix.shard }}"'))).toBe(true);
    expect(merge!.steps.some((s) => s.run === 'npm run check -- --merge reports/shard-*.json')).toBe(true);
    expect(publish!.needs).toEqual(['check', 'merge']);
    expect(publish!.if).toContain("needs.merge.result == 'success'");
  });

  it('npm run check -- --plan counts the default site as one shard, and several with a small shard size', async () => {
    const run = promisify(execFile);
    const plan = async (perShard: number) =>
      JSON.parse((await run(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/check.ts', '--plan', '--pages-per-shard', String(perShard)], { cwd: REPO_ROOT, env: { ...process.env, GITHUB_OUTPUT: '' } })).stdout);
    expect(await plan(400)).toMatchObject({ shards: 1, matrix: ['1/1'] });
    const small = await plan(5);
    expect(small.pages).toBeGreaterThan(10);
    expect(small.matrix[0]).toBe(`1/${small.shards}`);
    expect(small.shards).toBeGreaterThan(1);
  }, 60_000);
});
