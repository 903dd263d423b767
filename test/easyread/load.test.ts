/**
 * The easy-read checks inside the load stage: a broken rule fails the load like any content error,
 * in the same one-run report; a relaxed rule with a reason loads and is listed.
 */
import { afterEach, describe, expect, it } from 'vitest';
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

describe('loading notices with an easy-read part', () => {
  it('fails the load on a broken rule, with the file, line and offending words, alongside other errors', async () => {
    const text = noticeYaml('easy-notice', easyRead('Your information is kept by the council.')).replace('lastUpdated: 2026-01-15', 'lastUpdated: 2026-02-30');
    project = await makeProject({ 'content/easy.yaml': text });
    const { site, diagnostics } = await loadSite(project.root);
    expect(site).toBeUndefined();
    const lines = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    const at = lineOf(text, 'is kept');
    expect(lines).toContain(
      `content/easy.yaml:${at.line}:${at.column} error easyRead.sections[0].items[0].text[0]: passive voice "is kept" in: "Your information is kept by the council."\n    Say who does it, as "we" or "you" or by name: "We keep your information safe", not "Your information is kept safe". To keep it, add to this item: relax: [{rule: passive-voice, reason: "…why…"}].`,
    );
    // The same run also reports the notice's other problem.
    expect(lines.some((l) => l.includes("'2026-02-30' is not a real date"))).toBe(true);
  });

  it('loads a notice whose only problem is relaxed with a reason, and lists the relaxation as a warning', async () => {
    const text = noticeYaml('easy-notice', easyRead('Your information is kept by the council.', '          relax:\n            - rule: passive-voice\n              reason: Testing that a relaxed rule is listed.\n'));
    project = await makeProject({ 'content/easy.yaml': text });
    const { site, diagnostics } = await loadSite(project.root);
    expect(site?.published.map((n) => n.id)).toEqual(['easy-notice']);
    expect(site!.published[0]!.easyRead!.sections[0]!.items[0]!.relax).toHaveLength(1);
    const relaxed = diagnostics.filter((d) => d.message.startsWith('relaxed:'));
    expect(relaxed.map(formatDiagnostic)).toEqual([
      `content/easy.yaml:${lineOf(text, 'rule: passive-voice').line}:15 warning easyRead.sections[0].items[0]: relaxed: passive-voice — Testing that a relaxed rule is listed.\n    Relaxed for: passive voice "is kept" in: "Your information is kept by the council."`,
    ]);
  });

  it('loads the five real notices with their easy-read versions, with no easy-read problem and no relaxed rule', async () => {
    const { site, diagnostics } = await loadSite(REPO_ROOT);
    expect(diagnostics.filter((d) => d.path.startsWith('easyRead')).map(formatDiagnostic)).toEqual([]);
    expect(site!.published).toHaveLength(5);
    for (const notice of site!.published) {
      expect(notice.easyRead, notice.id).toBeDefined();
      const items = notice.easyRead!.sections.flatMap((s) => s.items);
      expect(items.filter((i) => i.relax?.length), notice.id).toEqual([]);
    }
  });
});
