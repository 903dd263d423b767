/**
 * The easy-read stage on what the load stage read: a broken rule is reported like any content
 * error, in the same one-run report (even for a notice with other errors); a relaxed rule with a
 * reason passes and is listed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkEasyReads } from '../../src/easyread/check.js';
import { loadSite } from '../../src/load/load-site.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { makeProject, noticeYaml, REPO_ROOT, type TestProject } from '../helpers/project.js';
import { lineOf } from './helpers.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

const easyRead = (line: string, extra = '') => `easyRead:
  sections:
    - heading: Who we are
      items:
        - picture: council
          alt: A council building.
${extra}          text:
            - ${line}
`;

/** Loads a project and runs the easy-read stage on it, as the build and npm run validate do. */
async function loadAndCheck(root: string) {
  const loaded = await loadSite({ root });
  const easyRead = checkEasyReads(loaded);
  return { site: loaded.site, diagnostics: [...loaded.diagnostics, ...easyRead.diagnostics], loadDiagnostics: loaded.diagnostics, relaxed: easyRead.relaxed };
}

describe('checking the easy-read part of loaded notices', () => {
  it('reports a broken rule with the file, line and offending words, alongside the notice\'s other errors', async () => {
    const text = noticeYaml('easy-notice', easyRead('Your information is kept by the council.')).replace('lastUpdated: 2026-01-15', 'lastUpdated: 2026-02-30');
    project = await makeProject({ 'content/easy.yaml': text });
    const { site, diagnostics, loadDiagnostics } = await loadAndCheck(project.root);
    expect(site).toBeUndefined();
    // The loader itself does not run the easy-read checks.
    expect(loadDiagnostics.filter((d) => d.path.startsWith('easyRead'))).toEqual([]);
    const lines = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    const at = lineOf(text, 'is kept');
    expect(lines).toContain(
      `content/easy.yaml:${at.line}:${at.column} error [passive-voice] easyRead.sections[0].items[0].text[0]: passive voice "is kept" in: "Your information is kept by the council."\n    Say who does it, as "we" or "you" or by name: "We keep your information safe", not "Your information is kept safe". To keep it, add to this item: relax: [{rule: passive-voice, reason: "…why…"}].`,
    );
    // The same run also reports the notice's other problem.
    expect(lines.some((l) => l.includes("'2026-02-30' is not a real date"))).toBe(true);
  });

  it('checks the easy-read part of a notice that breaks the schema elsewhere', async () => {
    const text = noticeYaml('easy-notice', easyRead('Your information is kept by the council.')).replace('status: published', 'status: publish');
    project = await makeProject({ 'content/easy.yaml': text });
    const { diagnostics } = await loadAndCheck(project.root);
    // The one-item easy read gives none of the ways to get help either (tested in help.test.ts).
    expect(diagnostics.filter((d) => d.severity === 'error' && d.code !== 'easy-read-help-missing').map((d) => d.code)).toEqual(['value-not-allowed', 'passive-voice']);
  });

  it('passes a notice whose only problem is relaxed with a reason, and lists the relaxation as a warning', async () => {
    const text = noticeYaml('easy-notice', easyRead('Your information is kept by the council.', '          relax:\n            - rule: passive-voice\n              reason: Testing that a relaxed rule is listed.\n'));
    project = await makeProject({ 'content/easy.yaml': text });
    const { site, diagnostics, relaxed: listed } = await loadAndCheck(project.root);
    expect(listed).toHaveLength(1);
    expect(site?.published.map((n) => n.id)).toEqual(['easy-notice']);
    expect(site!.published[0]!.easyRead!.sections[0]!.items[0]!.relax).toHaveLength(1);
    const relaxed = diagnostics.filter((d) => d.message.startsWith('relaxed:'));
    expect(relaxed.map(formatDiagnostic)).toEqual([
      `content/easy.yaml:${lineOf(text, 'rule: passive-voice').line}:15 warning [rule-relaxed] easyRead.sections[0].items[0]: relaxed: passive-voice — Testing that a relaxed rule is listed.\n    Relaxed for: passive voice "is kept" in: "Your information is kept by the council."`,
    ]);
  });

  it('loads the five real notices with their easy-read versions, with no easy-read problem and no relaxed rule but the model notice\'s missing contact', async () => {
    const { site, diagnostics, relaxed } = await loadAndCheck(REPO_ROOT);
    expect(diagnostics.filter((d) => d.path.startsWith('easyRead') && d.code !== 'rule-relaxed').map(formatDiagnostic)).toEqual([]);
    // The model notice names no council, so its easy read cannot give a working contact: relaxed with a reason.
    expect(relaxed.map((r) => `${r.file} ${r.rule}`)).toEqual(['content/model-local-authority/children-in-need.yaml help-contact']);
    expect(site!.published).toHaveLength(5);
    for (const notice of site!.published) {
      expect(notice.easyRead, notice.id).toBeDefined();
      const items = notice.easyRead!.sections.flatMap((s) => s.items);
      expect(items.filter((i) => i.relax?.length), notice.id).toEqual([]);
    }
  });
});
