/**
 * The completeness report as the build runs it: on a copy of the real content, each problem is a
 * diagnostic at the notice's file and line; strict mode turns a missing item into an error, but
 * never for an old-law notice.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCompletenessReport } from '../../src/gdpr/report-file.js';
import { checkCompleteness } from '../../src/gdpr/stage.js';
import { loadSite } from '../../src/load/load-site.js';
import { REPO_ROOT } from '../helpers/project.js';

const EARLY_HELP = 'content/kent-county-council/early-help.yaml';
const TODAY = new Date('2026-11-29T00:00:00Z');
let root: string | undefined;

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

/** A copy of the real content and data, with `edit` applied to the early help notice and data/site.yaml. */
async function project(edit: { notice?: (text: string) => string; site?: (text: string) => string } = {}) {
  root = await mkdtemp(path.join(os.tmpdir(), 'notices-gdpr-'));
  for (const folder of ['content', 'data']) await cp(path.join(REPO_ROOT, folder), path.join(root, folder), { recursive: true });
  for (const [file, change] of [[EARLY_HELP, edit.notice], ['data/site.yaml', edit.site]] as const) {
    if (change) await writeFile(path.join(root, file), change(await readFile(path.join(root, file), 'utf8')));
  }
  const loaded = await loadSite({ root, today: TODAY });
  expect(loaded.site, loaded.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  return { loaded, text: edit.notice ? edit.notice(await readFile(path.join(REPO_ROOT, EARLY_HELP), 'utf8')) : '', ...checkCompleteness(loaded.site!, loaded.notices.map((n) => n.source), { today: TODAY }) };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('the completeness stage', () => {
  it('reports every notice, writes reports/completeness.json and a table row for each', async () => {
    const { reports, table } = await project();
    expect(reports.map((r) => r.notice).sort()).toEqual([
      'children-in-need-model-notice',
      'hampshire-children-in-need-dpa-1998',
      'kent-children-in-need-dpa-1998',
      'kent-childrens-social-care',
      'kent-early-help',
    ]);
    const file = await writeCompletenessReport(root!, reports);
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, string>>;
    expect(json['kent-early-help']!.retention).toBe('present');
    expect(json['kent-early-help']!['complain-to-us']).toBe('present');
    expect(table).toHaveLength(reports.length + 3);
  });

  it('removing covers: [retention] from the early help notice makes retention missing, with a warning naming the file and line', async () => {
    const { reports, diagnostics, text } = await project({ notice: (t) => t.replace('    covers: [retention]\n', '') });
    expect(reports.find((r) => r.notice === 'kent-early-help')!.items.retention.status).toBe('missing');
    const warning = diagnostics.find((d) => d.file === EARLY_HELP && d.code === 'gdpr-item-missing' && d.message.startsWith('retention is missing'));
    // It points at the section that plainly covers retention, and suggests the tag.
    expect(warning).toMatchObject({ severity: 'warning', file: EARLY_HELP, line: lineOf(text, '- heading: How long your personal data will be kept') });
    expect(warning!.hint).toBe("Add retention to the covers of 'How long your personal data will be kept'.");
    expect(warning!.line).toBeGreaterThan(0);
  });

  it('a section tagged retention that only says "as long as necessary" is partial, with a warning at its covers line', async () => {
    const { reports, diagnostics, text } = await project({
      notice: (t) => {
        const start = t.indexOf('    covers: [retention]');
        const end = t.indexOf('\n  - heading:', start);
        return `${t.slice(0, start)}    covers: [retention]\n    body:\n      - type: paragraph\n        text: We keep your information for as long as necessary.\n${t.slice(end + 1)}`;
      },
    });
    expect(reports.find((r) => r.notice === 'kent-early-help')!.items.retention.status).toBe('partial');
    const warning = diagnostics.find((d) => d.file === EARLY_HELP && d.code === 'gdpr-tag-without-evidence' && d.message.startsWith('retention'));
    expect(warning).toMatchObject({ severity: 'warning', line: lineOf(text, 'covers: [retention]') });
  });

  it('strict mode makes a missing item an error, except in old-law notices', async () => {
    const { diagnostics } = await project({ site: (t) => `${t}completeness:\n  strict: true\n` });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.code === 'gdpr-item-missing')).toBe(true);
    expect(errors.some((d) => d.file.endsWith('dpa-1998.yaml'))).toBe(false);
    expect(diagnostics.filter((d) => d.code === 'gdpr-tag-without-evidence').every((d) => d.severity === 'warning')).toBe(true);
  });

  it('reads the facts a notice states at its top: "none" covers transfers and automated decisions', async () => {
    const { reports } = await project({ notice: (t) => t.replace('sections:\n', 'transfersAbroad: none\nautomatedDecisions: none\nsections:\n') });
    const report = reports.find((r) => r.notice === 'kent-early-help')!;
    expect([report.items.transfers.status, report.items['automated-decisions'].status]).toEqual(['present', 'present']);
    expect(report.factsInferred).toBe(false);
  });
});
