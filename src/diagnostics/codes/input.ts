/**
 * Messages about hostile or broken input and about publishing: encoding, size limits, pictures
 * that had to be cleaned or were refused, damaged cache entries, and the publish step.
 * The limits themselves are in src/input/limits.ts and docs/limits.md.
 */
import { define } from '../define.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

export const inputMessages = {
  'file-not-utf8': define<{ byte: string }>({
    severity: 'error',
    summary: 'A file is not saved as UTF-8 (for example, it was saved as Latin-1 or Windows-1252).',
    message: (p) => `this file is not UTF-8: the byte ${p.byte} here cannot be read as text.`,
    hint: () => 'Save the file as UTF-8 (in most editors: "Save with encoding", then "UTF-8"), and check the letters on this line.',
    example: { byte: '0xE9' },
  }),
  'control-character': define<{ character: string }>({
    severity: 'error',
    summary: 'Text contains an invisible control character (often pasted from another program).',
    message: (p) => `this text contains the invisible control character ${p.character}.`,
    hint: () => 'Delete the character (retype the words around it). It cannot be shown on a page and may change what a terminal shows.',
    example: { character: '\\u001b' },
  }),
  'file-too-large': define<{ bytes: number; limit: number }>({
    severity: 'error',
    summary: 'A file is larger than the size limit.',
    message: (p) => `this file is ${plural(p.bytes, 'byte')}, more than the limit of ${plural(p.limit, 'byte')}.`,
    hint: () => 'Split it into smaller notices, or check that nothing was pasted into it by mistake (see docs/limits.md).',
    example: { bytes: 3_000_000, limit: 2_000_000 },
  }),
  'yaml-too-many-nodes': define<{ limit: number }>({
    severity: 'error',
    summary: 'A YAML file grows past the node limit, usually because aliases (*name) repeat large parts again and again.',
    message: (p) => `this file grows to more than ${plural(p.limit, 'value')} once its aliases (*name) are filled in; reading stopped at this alias.`,
    hint: () => 'Write the repeated part out once, or use fewer aliases (see docs/limits.md).',
    example: { limit: 100_000 },
  }),
  'yaml-text-too-long': define<{ length: number; limit: number }>({
    severity: 'error',
    summary: 'One text in a YAML file is longer than the limit.',
    message: (p) => `this text is ${plural(p.length, 'character')} long, more than the limit of ${plural(p.limit, 'character')}.`,
    hint: () => 'Split it into several paragraphs or items (see docs/limits.md).',
    example: { length: 150_000, limit: 100_000 },
  }),
  'yaml-several-documents': define({
    severity: 'error',
    summary: 'A YAML file holds more than one document (a second "---" line), but each file is one notice or one data file.',
    message: () => 'a second YAML document starts here ("---"); a file can hold only one.',
    hint: () => 'Delete this "---" line, or move what follows it into a file of its own.',
    example: {},
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 40, column: 1 },
  }),
  'yaml-extension-case': define<{ name: string; expected: string }>({
    severity: 'error',
    summary: 'A file is named with an upper-case extension (.YAML, .Yml), so it would be ignored.',
    message: (p) => `the file ${p.name} is not read: notices must end in lower-case .yaml or .yml.`,
    hint: (p) => `Rename it to ${p.expected}.`,
    example: { name: 'early-help.YAML', expected: 'early-help.yaml' },
    exampleAt: { file: 'content/kent-county-council/early-help.YAML', line: 0, column: 0 },
  }),
  'path-is-folder': define({
    severity: 'error',
    summary: 'A folder is where a file should be.',
    message: () => 'this is a folder, but a file should be here.',
    hint: () => 'Move what is in the folder elsewhere and put the file in its place (see README.md).',
    example: {},
    exampleAt: { file: 'data/site.yaml', line: 0, column: 0 },
  }),
  'reserved-anchor': define<{ id: string }>({
    severity: 'error',
    summary: 'A section id is one the page layout uses itself (such as main-content, the target of the "Skip to main content" link).',
    message: (p) => `the section id '${p.id}' is used by the page layout itself.`,
    hint: (p) => `Choose another id, such as '${p.id}-section', or remove the id line to use the heading's.`,
    example: { id: 'main-content' },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 30, column: 11, path: 'sections[2].id' },
  }),
  'id-too-long': define<{ id: string; length: number; limit: number }>({
    severity: 'error',
    summary: 'An id is longer than the limit (it becomes part of web addresses and file names).',
    message: (p) => `the id '${p.id}' is ${plural(p.length, 'character')} long, more than the limit of ${plural(p.limit, 'character')}.`,
    hint: () => 'Use a shorter id: a few words that say what it is.',
    example: { id: 'early-help-and-preventative-services-privacy-notice', length: 120, limit: 80 },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 1, column: 5, path: 'id' },
  }),
  'implausible-date': define<{ given: string; from: number; to: number }>({
    severity: 'error',
    summary: 'A date is outside the years a notice can have (1990 to a few years from now).',
    message: (p) => `the date ${p.given} is not plausible: the year must be from ${p.from} to ${p.to}.`,
    hint: () => 'Check the year (YYYY-MM-DD, or YYYY-MM when the day is not known).',
    example: { given: '0000-01-01', from: 1990, to: 2031 },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 6, column: 14, path: 'lastUpdated' },
  }),
  'unknown-openmoji': define<{ hexcode: string }>({
    severity: 'error',
    summary: 'A picture in data/pictures.yaml names an OpenMoji hexcode that the openmoji package does not have.',
    message: (p) => `OpenMoji has no picture with the hexcode ${p.hexcode}.`,
    hint: () => 'Look the hexcode up in node_modules/openmoji/data/openmoji.json (capitals, e.g. "1F4DE"), and check that npm ci has run.',
    example: { hexcode: 'FFFFF' },
    exampleAt: { file: 'data/pictures.yaml', line: 14, column: 13, path: 'phone.openmoji' },
  }),
  'link-to-unknown-page': define<{ href: string; reason: string }>({
    severity: 'error',
    summary: 'A link to a page or section of this site points at nothing.',
    message: (p) => `the link to ${p.href} points at nothing: ${p.reason}.`,
    hint: () => 'Correct the address: a section is #<its id>, a notice is /<its id>/, its easy read /<its id>/easy-read/.',
    example: { href: '#who-we-arr', reason: "this notice has no section with the id 'who-we-arr'" },
    exampleAt: { file: 'content/kent-county-council/early-help.yaml', line: 40, column: 13, path: 'sections[1].body[0].text' },
  }),
  'dependency-missing': define<{ module: string }>({
    severity: 'error',
    summary: 'A package the build needs is not installed.',
    message: (p) => `the package ${p.module} is not installed.`,
    hint: () => 'Run npm ci (in the project folder), then try again.',
    example: { module: '@fontsource/atkinson-hyperlegible' },
    exampleAt: { file: '(environment)', line: 0, column: 0 },
  }),
  'table-too-large': define<{ rows: number; columns: number; maxRows: number; maxColumns: number }>({
    severity: 'error',
    summary: 'A table has more rows or columns than the limit.',
    message: (p) => `this table has ${plural(p.rows, 'row')} and ${plural(p.columns, 'column')}; the limit is ${plural(p.maxRows, 'row')} and ${plural(p.maxColumns, 'column')}.`,
    hint: () => 'Split the table, or publish the data as a separate document (see docs/limits.md).',
    example: { rows: 800, columns: 4, maxRows: 500, maxColumns: 12 },
  }),
  'picture-changed': define<{ file: string; changes: string[] }>({
    severity: 'warning',
    summary: 'A picture contained parts that could run code or load other files; they were removed before publishing.',
    message: (p) => `the picture ${p.file} was cleaned before publishing: ${p.changes.join('; ')}.`,
    hint: () => 'Save a clean copy of the picture (for example, export it again as "plain SVG") so the published picture is exactly the file you keep.',
    example: { file: 'data/pictures/kent-county-council/logo.svg', changes: ['removed a <script> element', 'removed the onload attribute from <svg>'] },
  }),
  'picture-refused': define<{ file: string; reason: string }>({
    severity: 'error',
    summary: 'A picture cannot be read or is not safe to publish, so it is not used.',
    message: (p) => `the picture ${p.file} cannot be used: ${p.reason}`,
    hint: () => 'Export the picture again as a plain SVG file, or choose another picture.',
    example: { file: 'data/pictures/kent-county-council/logo.svg', reason: 'it declares a DOCTYPE or entities (<!DOCTYPE or <!ENTITY), which can read other files or grow without end.' },
  }),
  'cache-entry-damaged': define<{ file: string; reason: string }>({
    severity: 'warning',
    summary: 'A cached file was damaged (cut short or changed); it is made again, never published as it was.',
    message: (p) => `the cached file ${p.file} is damaged (${p.reason}); it will be made again.`,
    hint: () => 'Nothing to do. If this happens often, check the disk, or delete the .cache/ folder.',
    example: { file: '.cache/pdf/3f/3f2a.pdf', reason: 'it is shorter than when it was written' },
  }),
  'stage-time-limit': define<{ stage: string; seconds: number; workingOn?: string }>({
    severity: 'error',
    summary: 'A stage of the build took longer than its time limit.',
    message: (p) => `the ${p.stage} stage took longer than ${plural(p.seconds, 'second')}${p.workingOn ? `; it was working on ${p.workingOn}` : ''}.`,
    hint: () => 'Check that file for very long texts or tables, then build again (see docs/limits.md).',
    example: { stage: 'PDF', seconds: 300, workingOn: 'content/kent-county-council/early-help.yaml' },
  }),
  'output-not-writable': define<{ dir: string; reason: string }>({
    severity: 'error',
    summary: 'The build cannot write the site folder, so it stops before making anything.',
    message: (p) => `the site cannot be published to ${p.dir}/: ${p.reason}.`,
    hint: (p) => `Make ${p.dir}/ and the folder it is in writable by you (or delete ${p.dir}/), then build again. Nothing was changed.`,
    example: { dir: '_site', reason: 'the folder it is in is read-only' },
  }),
  'output-locked': define<{ dir: string; lock: string; seconds: number }>({
    severity: 'error',
    summary: 'Another build was publishing to the same folder and did not finish in time.',
    message: (p) => `another build is publishing to ${p.dir}/ and did not finish within ${plural(p.seconds, 'second')} (its lock is ${p.lock}).`,
    hint: (p) => `Wait for the other build to finish and build again. If no other build is running, delete ${p.lock}.`,
    example: { dir: '_site', lock: '_site.lock', seconds: 60 },
  }),
  'output-swap-failed': define<{ dir: string; reason: string; previousAt?: string }>({
    severity: 'error',
    summary: 'The new site could not be moved into place; the previous site is kept.',
    message: (p) =>
      p.previousAt
        ? `the new site could not be moved into ${p.dir}/ (${p.reason}), and the previous site could not be put back: it is in ${p.previousAt}/.`
        : `the new site could not be moved into ${p.dir}/ (${p.reason}); the previous ${p.dir}/ is unchanged.`,
    hint: (p) => (p.previousAt ? `Rename ${p.previousAt}/ to ${p.dir}/ to restore the previous site, then fix the permissions and build again.` : `Make ${p.dir}/ and the folder it is in writable by you, then build again.`),
    example: { dir: '_site', reason: 'operation not permitted' },
  }),
  'output-old-site-kept': define<{ dir: string; previousAt: string; reason: string }>({
    severity: 'warning',
    summary: 'The new site was published, but the previous one could not be deleted.',
    message: (p) => `the new site is published in ${p.dir}/, but the previous site could not be deleted from ${p.previousAt}/ (${p.reason}).`,
    hint: () => 'The next build deletes it; you can also delete it yourself.',
    example: { dir: '_site', previousAt: '_site.previous-1234-lq3x', reason: 'permission denied' },
  }),
};
