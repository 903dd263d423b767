/** Messages of the PDF stage: pictures it cannot draw, tables too wide for paper, letters the typeface lacks. */
import { define } from '../define.js';

export const pdfMessages = {
  'pdf-picture-unknown': define<{ key: string; organisation: string }>({
    severity: 'error',
    summary: 'An easy-read item names a picture that is in neither the shared pictures nor the organisation’s own.',
    message: (p) => `there is no easy-read picture called '${p.key}'.`,
    hint: (p) => `Use a key from data/pictures.yaml, or add ${p.organisation}'s own picture as data/pictures/${p.organisation}/${p.key}.svg.`,
    example: { key: 'phone-call', organisation: 'kent-county-council' },
  }),
  'pdf-picture-unusable': define<{ key: string; reason: string }>({
    severity: 'error',
    summary: 'The picture registry could not resolve an easy-read picture.',
    message: (p) => `the easy-read picture '${p.key}' cannot be used. ${p.reason}`,
    hint: () => 'Check data/pictures.yaml and the organisation’s picture folder.',
    example: { key: 'phone', reason: 'data/pictures.yaml cannot be read.' },
  }),
  'pdf-picture-unreadable': define<{ key: string; file: string; reason: string }>({
    severity: 'error',
    summary: 'The SVG file of an easy-read picture cannot be read.',
    message: (p) => `the easy-read picture '${p.key}' cannot be read from ${p.file} (${p.reason}).`,
    hint: () => 'Restore the file, or choose another picture.',
    example: { key: 'phone', file: 'data/pictures/test-council/phone.svg', reason: 'ENOENT' },
  }),
  'pdf-picture-not-svg': define<{ file: string; reason: string }>({
    severity: 'error',
    summary: 'An easy-read picture is not an SVG file the PDF can draw.',
    message: (p) => `the picture ${p.file} is not a readable SVG file (${p.reason}).`,
    hint: () => 'Replace the file, or choose another picture.',
    example: { file: 'data/pictures/test-council/phone.svg', reason: 'parseXml: unexpected end of file' },
  }),
  'pdf-table-too-wide': define<{ caption: string; size: number; columns: number; needed: number; available: number; widest: string }>({
    severity: 'error',
    summary: 'A table does not fit across an A4 page, even landscape with the smallest text.',
    message: (p) =>
      `the table "${p.caption}" is too wide for an A4 page, even on a landscape page with ${p.size} pt text: its ${p.columns} columns need at least ${p.needed} pt and the page has ${p.available} pt.`,
    hint: (p) => `Split it into two tables with fewer columns, or shorten the longest words (the widest columns are ${p.widest}).`,
    example: { caption: 'How long we keep records', size: 7, columns: 12, needed: 910, available: 770, widest: '"Legal basis" and "Retention"' },
  }),
  'pdf-missing-letter': define<{ letters: string }>({
    severity: 'warning',
    summary: 'The PDF typeface has no letter for a character in the notice.',
    message: (p) => `the PDF typeface has no letter for ${p.letters}; the PDF shows the nearest letter or "\ufffd" instead.`,
    hint: () => 'Use another character if you can.',
    example: { letters: '"🙂" (U+1F642)' },
  }),
  'pdf-not-made': define<{ what: string; reason: string }>({
    severity: 'error',
    summary: 'A PDF could not be made (a problem the other messages do not name).',
    message: (p) => `the ${p.what} could not be made: ${p.reason}`,
    hint: () => 'Run the build again; if it fails again, report the message with the notice file.',
    example: { what: 'PDF', reason: 'out of memory.' },
  }),
};
