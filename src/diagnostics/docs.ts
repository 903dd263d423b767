/**
 * docs/errors.md, made from the catalogue: one heading per code with its severity, when it is
 * reported, an example exactly as the terminal prints it, and what to do. `npm run docs:errors`
 * writes it; a test fails when the file is stale.
 */
import { catalogue, diagnostic, type Code } from './catalogue.js';
import type { ExamplePlace, MessageDefinition } from './define.js';
import { formatDiagnostic } from './diagnostic.js';

const DEFAULT_PLACE: ExamplePlace = { file: 'content/kent-county-council/early-help.yaml', line: 12, column: 15 };

const INTRO = `# Errors and warnings

<!-- Generated from src/diagnostics/codes/*.ts by npm run docs:errors. Do not edit by hand. -->

The build (\`npm run build\`), \`npm run validate\` and the accessibility check report each problem
on one line, with the file, line and column, whether it is an error or a warning, its code in
square brackets, where in the YAML it is, and what is wrong; the line under it says what to do:

\`\`\`text
content/kent-county-council/early-help.yaml:42:15 error [unknown-block-type] sections[3].body[0].type: unknown block type 'paragrah'.
    Did you mean 'paragraph'?
\`\`\`

An **error** stops the build, and the site already published stays as it was. A **warning** is
printed and the build goes on. Every problem in every file is reported in one run.

The code is stable: search this page for it. \`--format json\` prints each problem as one JSON
object per line instead (\`code\`, \`severity\`, \`file\`, \`line\`, \`column\`, \`path\`, \`message\`,
\`hint\`), for editors and other tools. Under GitHub Actions each problem is also printed as an
annotation, so it shows on the pull request next to the line it is about.
`;

/** The example diagnostic of a catalogue entry, as the terminal prints it. */
export function renderExample(code: Code): string {
  const entry = catalogue[code] as unknown as MessageDefinition<object>;
  const place = entry.exampleAt ?? DEFAULT_PLACE;
  return formatDiagnostic(diagnostic(code, entry.example as never, { ...place, path: place.path ?? '' }));
}

export function renderErrorDocs(): string {
  const sections = (Object.keys(catalogue) as Code[])
    .sort()
    .map((code) => {
      const entry = catalogue[code] as unknown as MessageDefinition<object>;
      const hint = entry.hint?.(entry.example);
      return [
        `## ${code}`,
        '',
        `**${entry.severity === 'error' ? 'Error' : 'Warning'}.** ${entry.summary}`,
        '',
        '```text',
        renderExample(code),
        '```',
        '',
        `**What to do:** ${hint ?? 'see the message.'}`,
        '',
      ].join('\n');
    });
  const index = (Object.keys(catalogue) as Code[])
    .sort()
    .map((code) => `[${code}](#${code})`)
    .join(' · ');
  return `${INTRO}\n${index}\n\n${sections.join('\n')}`;
}
