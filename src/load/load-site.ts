/**
 * Stage 1: load and validate. Reads data/ and content/, checks every file against the schema and
 * every cross-reference between files, and resolves the notices into the `Site` that all later
 * stages read. Every problem in every file is reported in one run.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Block, ContactPoint, Notice, Organisation, Section, Site } from '../model/notice.js';
import {
  NoticeFile,
  OrganisationsFile,
  SiteFile,
  type BlockData,
  type NoticeFileData,
  type SectionFile,
  type SiteData,
} from '../model/schema.js';
import { contrastRatio, MIN_TEXT_CONTRAST } from '../text/colour.js';
import { latestDay, parsePartialDate } from '../text/dates.js';
import { isAllowedHref, linksIn, plainText } from '../text/markdown.js';
import { slugify } from '../text/slug.js';
import { isUsable } from '../text/contact.js';
import { checkEasyRead, easyReadDiagnostics } from '../easyread/check.js';
import { didYouMean, hasErrors, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import { parseYaml, type YamlSource } from './yaml-source.js';
import { diagnosticAt, validate } from './validate.js';

export interface LoadOptions {
  /** "Today", for review-date warnings. Default: now. */
  today?: Date;
  /** Content folder relative to root. Default: content. */
  contentDir?: string;
  /** Data folder relative to root. Default: data. */
  dataDir?: string;
}

export interface LoadResult {
  /** Undefined when any error was found. */
  site?: Site;
  diagnostics: Diagnostic[];
  /** Time spent on the easy-read checks (prose parsing is the slow part of loading). */
  easyReadMs: number;
}

/** Accumulates the easy-read check time of the current load (loads do not overlap). */
const easyReadTime = { ms: 0 };

/** Paths that notice ids may not take, because the site uses them itself. */
export const RESERVED_IDS = new Set(['organisations', 'assets', 'accessibility', 'easy-read', '404', 'sitemap-xml', 'pictures']);

const HEADER_TEXT = '#ffffff';

export async function loadSite(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const today = options.today ?? new Date();
  const contentDir = options.contentDir ?? 'content';
  const dataDir = options.dataDir ?? 'data';
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  easyReadTime.ms = 0;

  // --- Shared data -------------------------------------------------------------------------------
  const organisations = new Map<string, Organisation>();
  const publishers = new Set<string>();
  const orgSources = new Map<string, YamlSource>();
  for (const [file, isPublisher] of [
    [`${dataDir}/organisations.yaml`, true],
    [`${dataDir}/bodies.yaml`, false],
  ] as const) {
    const source = await readSource(root, file, report, isPublisher);
    if (!source) continue;
    const { value, diagnostics: problems } = validate(OrganisationsFile, source);
    diagnostics.push(...problems);
    for (const [id, data] of Object.entries(value ?? {})) {
      if (organisations.has(id)) {
        report(diagnosticAt(source, [id], 'error', `the id '${id}' is already used in ${organisations.get(id)!.source}.`, 'Give each organisation and body its own id.', 'key'));
        continue;
      }
      organisations.set(id, { ...data, id, source: file });
      orgSources.set(id, source);
      if (isPublisher) publishers.add(id);
      checkOrganisation(id, data, source, report);
    }
  }

  const siteSource = await readSource(root, `${dataDir}/site.yaml`, report, true);
  let siteData: SiteData | undefined;
  if (siteSource) {
    const { value, diagnostics: problems } = validate(SiteFile, siteSource);
    diagnostics.push(...problems);
    siteData = value;
    if (siteData && !organisations.has(siteData.owner)) {
      report(unknownOrganisation(siteSource, ['owner'], siteData.owner, [...publishers]));
    }
    if (siteData?.accessibility) {
      resolveContact(siteData.accessibility.contact, siteSource, ['accessibility', 'contact'], organisations, report);
    }
  }

  // --- Notices -----------------------------------------------------------------------------------
  const files = await listYamlFiles(path.join(root, contentDir));
  if (files.length === 0) {
    report({ severity: 'error', file: contentDir, line: 0, column: 0, path: '', message: 'there are no notices: no .yaml files were found.', hint: `Add a notice as ${contentDir}/<name>.yaml (see README.md, "Add or change a notice").` });
  }
  const notices: Notice[] = [];
  const byId = new Map<string, Notice>();
  for (const absolute of files) {
    const file = path.relative(root, absolute).split(path.sep).join('/');
    const source = await readSource(root, file, report, true);
    if (!source) continue;
    const { value, diagnostics: problems } = validate(NoticeFile, source);
    diagnostics.push(...problems);
    if (!value) continue;
    const notice = resolveNotice(value, source, organisations, publishers, today, report, siteData);
    if (!notice) continue;
    const clash = byId.get(notice.id);
    if (clash) {
      report(
        diagnosticAt(source, ['id'], 'error', `another notice, ${clash.source}, has the same id '${notice.id}': both would be published at ${notice.url}.`, 'Give this notice an id of its own.'),
      );
      continue;
    }
    byId.set(notice.id, notice);
    notices.push(notice);
  }

  if (hasErrors(diagnostics) || !siteData) return { diagnostics, easyReadMs: easyReadTime.ms };

  notices.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  const site: Site = {
    ...siteData,
    ...deploymentOverrides(process.env),
    owner: organisations.get(siteData.owner)!,
    pathPrefix: deploymentOverrides(process.env).pathPrefix ?? siteData.pathPrefix ?? '/',
    organisations,
    notices,
    published: notices.filter((n) => n.status === 'published'),
  };
  return { site, diagnostics, easyReadMs: easyReadTime.ms };
}

/**
 * Where the site is deployed can differ from data/site.yaml without editing it (e.g. a preview,
 * or GitHub Pages under /<repository>/): SITE_URL and PATH_PREFIX override url and pathPrefix.
 */
export function deploymentOverrides(env: NodeJS.ProcessEnv): { url?: string; pathPrefix?: string } {
  const overrides: { url?: string; pathPrefix?: string } = {};
  if (env.SITE_URL) {
    if (!/^https?:\/\/\S+$/.test(env.SITE_URL)) throw new Error(`SITE_URL must be a web address starting https:// (it is '${env.SITE_URL}').`);
    overrides.url = env.SITE_URL;
  }
  if (env.PATH_PREFIX) {
    const prefix = `/${env.PATH_PREFIX.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
    if (!/^\/(?:[A-Za-z0-9._-]+\/)*$/.test(prefix)) throw new Error(`PATH_PREFIX must be a folder such as /notices/ (it is '${env.PATH_PREFIX}').`);
    overrides.pathPrefix = prefix;
  }
  return overrides;
}

async function readSource(root: string, file: string, report: (d: Diagnostic) => void, required: boolean): Promise<YamlSource | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(root, file), 'utf8');
  } catch {
    if (required) report({ severity: 'error', file, line: 0, column: 0, path: '', message: 'this file is missing.', hint: 'Restore it from git, or create it (see README.md).' });
    return undefined;
  }
  const parsed = parseYaml(file, text);
  if (!parsed.ok) {
    report(parsed.diagnostic);
    return undefined;
  }
  if (parsed.source.data === undefined || parsed.source.data === null) {
    report({ severity: 'error', file, line: 1, column: 1, path: '', message: 'this file is empty.', hint: 'Fill it in (see README.md), or delete it.' });
    return undefined;
  }
  return parsed.source;
}

async function listYamlFiles(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

function checkOrganisation(id: string, data: z.infer<typeof OrganisationsFile>[string], source: YamlSource, report: (d: Diagnostic) => void): void {
  if (data.brandColour) {
    const ratio = contrastRatio(HEADER_TEXT, data.brandColour);
    if (ratio < MIN_TEXT_CONTRAST) {
      report(
        diagnosticAt(
          source,
          [id, 'brandColour'],
          'error',
          `the brand colour ${data.brandColour} is too light: white header text on it has a contrast of ${ratio.toFixed(2)}:1, and WCAG 2.2 AA needs at least ${MIN_TEXT_CONTRAST}:1.`,
          'Use a darker shade of the brand colour (many brand guides give one for text).',
        ),
      );
    }
  }
  const points = Object.entries(data.contacts ?? {});
  if (data.dataProtectionOfficer) points.push(['dataProtectionOfficer', data.dataProtectionOfficer]);
  for (const [pointId, point] of points) {
    const pointPath = pointId === 'dataProtectionOfficer' ? [id, pointId] : [id, 'contacts', pointId];
    if (!isUsable(point)) {
      report(
        diagnosticAt(
          source,
          pointPath,
          'warning',
          `the contact point '${pointId}' of ${data.name} has no address, email, phone or website, so readers cannot use it.`,
          'Add at least an email address or a postal address.',
        ),
      );
    }
  }
}

function unknownOrganisation(source: YamlSource, at: PathSegment[], id: string, known: string[]): Diagnostic {
  return diagnosticAt(source, at, 'error', `there is no organisation with the id '${id}'.`, didYouMean(id, known) ?? `Add it to data/organisations.yaml, or use one of: ${known.join(', ')}.`);
}

function resolveContact(
  ref: string,
  source: YamlSource,
  at: PathSegment[],
  organisations: Map<string, Organisation>,
  report: (d: Diagnostic) => void,
): ContactPoint | undefined {
  const [orgId, pointId, extra] = ref.split('/');
  const organisation = organisations.get(orgId ?? '');
  if (!organisation || extra !== undefined) {
    report(unknownOrganisation(source, at, orgId ?? ref, [...organisations.keys()]));
    return undefined;
  }
  const points = organisation.contacts ?? {};
  const names = Object.keys(points);
  if (pointId === undefined) {
    const first = names[0];
    if (!first) {
      report(diagnosticAt(source, at, 'error', `${organisation.name} has no contact points in ${organisation.source}.`, `Add one under ${orgId}.contacts.`));
      return undefined;
    }
    return { ...points[first]!, ref: `${orgId}/${first}`, organisation };
  }
  if (pointId === 'dpo' && organisation.dataProtectionOfficer) {
    return { ...organisation.dataProtectionOfficer, ref, organisation };
  }
  const point = points[pointId];
  if (!point) {
    report(
      diagnosticAt(
        source,
        at,
        'error',
        `${organisation.name} has no contact point '${pointId}'.`,
        didYouMean(pointId, names) ?? `Its contact points are: ${names.join(', ') || 'none'} (in ${organisation.source}).`,
      ),
    );
    return undefined;
  }
  return { ...point, ref, organisation };
}

/**
 * The contact point a reference such as "kent-county-council/information-resilience" names, by the
 * same rules as resolveContact (no point: the first; "dpo": the data protection officer), for a
 * reference that loading has already validated (the accessibility statement's contact).
 */
export function findContactPoint(ref: string, organisations: ReadonlyMap<string, Organisation>): ContactPoint | undefined {
  const [orgId, pointId, extra] = ref.split('/');
  const organisation = organisations.get(orgId ?? '');
  if (!organisation || extra !== undefined) return undefined;
  const points = organisation.contacts ?? {};
  if (pointId === undefined) {
    const first = Object.keys(points)[0];
    return first ? { ...points[first]!, ref: `${orgId}/${first}`, organisation } : undefined;
  }
  if (pointId === 'dpo' && organisation.dataProtectionOfficer) return { ...organisation.dataProtectionOfficer, ref, organisation };
  const point = points[pointId];
  return point ? { ...point, ref, organisation } : undefined;
}

function resolveNotice(
  data: NoticeFileData,
  source: YamlSource,
  organisations: Map<string, Organisation>,
  publishers: Set<string>,
  today: Date,
  report: (d: Diagnostic) => void,
  siteData: SiteData | undefined,
): Notice | undefined {
  let ok = true;
  const fail = (d: Diagnostic) => {
    if (d.severity === 'error') ok = false;
    report(d);
  };

  if (RESERVED_IDS.has(data.id)) {
    fail(diagnosticAt(source, ['id'], 'error', `the id '${data.id}' is used by the site itself.`, `Choose another id, e.g. '${data.id}-notice'.`));
  }
  const organisation = organisations.get(data.organisation);
  if (!organisation || !publishers.has(data.organisation)) {
    fail(unknownOrganisation(source, ['organisation'], data.organisation, [...publishers]));
  }

  const lastUpdated = parsePartialDate(data.lastUpdated);
  const nextReview = parsePartialDate(data.nextReview);
  if (!lastUpdated) fail(diagnosticAt(source, ['lastUpdated'], 'error', `'${data.lastUpdated}' is not a real date.`, 'Check the day and month.'));
  if (!nextReview) fail(diagnosticAt(source, ['nextReview'], 'error', `'${data.nextReview}' is not a real date.`, 'Check the day and month.'));
  if (lastUpdated && nextReview && latestDay(nextReview) < latestDay(lastUpdated)) {
    fail(diagnosticAt(source, ['nextReview'], 'error', `the next review (${data.nextReview}) is before the last update (${data.lastUpdated}).`, 'Set nextReview to a date after lastUpdated.'));
  }
  if (nextReview && latestDay(nextReview) < today) {
    report(
      diagnosticAt(source, ['nextReview'], 'warning', `this notice was due for review by ${data.nextReview}.`, 'Review the notice, then update lastUpdated and nextReview.'),
    );
  }
  if (/[.!?]\s+\S/.test(plainText(data.summary).trim())) {
    report(diagnosticAt(source, ['summary'], 'warning', 'the summary should be one sentence.', 'Shorten it to one sentence; the sections hold the detail.'));
  }

  // Every text field: links must use an allowed scheme.
  walkTexts(data, [], (text, at) => {
    for (const link of linksIn(text)) {
      if (!isAllowedHref(link.href.trim())) {
        fail(
          diagnosticAt(source, at, 'error', `the link '${link.text}' goes to '${link.href}', which is not allowed.`, 'Links must start with https://, http://, mailto: or tel: (or / for a page of this site).'),
        );
      }
    }
  });

  // The easy-read version: its rules, pictures and relaxed rules (src/easyread/check.ts).
  if (data.easyRead) {
    const started = performance.now();
    for (const d of easyReadDiagnostics(checkEasyRead(data.easyRead, source, data.organisation))) fail(d);
    easyReadTime.ms += performance.now() - started;
  }

  const anchors = new Set<string>();
  const sections = data.sections
    .map((section, i) => resolveSection(section, ['sections', i], 2, source, organisations, anchors, fail, report))
    .filter((s): s is Section => s !== undefined);
  if (!ok || !organisation || !lastUpdated || !nextReview) return undefined;

  const referenced = new Set<string>([organisation.id]);
  walkBlocks(sections, (block) => {
    if (block.type === 'contact') referenced.add(block.contact.organisation.id);
  });
  const contentHash = createHash('sha256')
    .update(source.text)
    .update(JSON.stringify([...referenced].sort().map((id) => organisations.get(id))))
    .update(JSON.stringify(siteData ?? {}))
    .digest('hex');

  return {
    id: data.id,
    url: `/${data.id}/`,
    source: source.file,
    title: data.title,
    // A title such as "Early help privacy notice" says what it is already: no caption above it.
    caption: data.caption ?? (/privacy notice/i.test(data.title) ? '' : 'Privacy notice'),
    organisation,
    summary: data.summary,
    status: data.status,
    lastUpdated,
    nextReview,
    law: data.law ?? 'uk-gdpr',
    sections,
    easyRead: data.easyRead,
    contentHash,
  };
}

function resolveSection(
  data: SectionFile,
  at: PathSegment[],
  level: number,
  source: YamlSource,
  organisations: Map<string, Organisation>,
  anchors: Set<string>,
  fail: (d: Diagnostic) => void,
  report: (d: Diagnostic) => void,
): Section | undefined {
  if (level > 6) {
    fail(diagnosticAt(source, at, 'error', 'sections are nested too deeply: HTML has no heading below level 6.', 'Move this section up a level.'));
    return undefined;
  }
  let id = data.id ?? (slugify(plainText(data.heading)) || 'section');
  if (anchors.has(id)) {
    if (data.id) fail(diagnosticAt(source, [...at, 'id'], 'error', `another section of this notice already has the id '${id}'.`, 'Give each section its own id.'));
    let n = 2;
    while (anchors.has(`${id}-${n}`)) n++;
    id = `${id}-${n}`;
  }
  anchors.add(id);

  const body: Block[] = [];
  (data.body ?? []).forEach((block, i) => {
    const resolved = resolveBlock(block, [...at, 'body', i], source, organisations, fail);
    if (resolved) body.push(resolved);
  });
  const children = (data.sections ?? []).map((child, i) => resolveSection(child, [...at, 'sections', i], level + 1, source, organisations, anchors, fail, report));

  const blocks = data.body ?? [];
  if (blocks.length === 0 && children.length === 0) {
    report(diagnosticAt(source, at, 'warning', `the section '${plainText(data.heading)}' is empty.`, 'Add its text, or remove the section.'));
  }
  // A sentence that introduces something ("please contact:") must be followed by it.
  const last = blocks[blocks.length - 1];
  if (last?.type === 'paragraph' && /:\s*$/.test(plainText(last.text)) && children.length === 0) {
    report(
      diagnosticAt(
        source,
        [...at, 'body', blocks.length - 1],
        'warning',
        `the section '${plainText(data.heading)}' ends with "${tail(plainText(last.text), 60)}" but nothing follows it: the details are missing from the source.`,
        'Add what it introduces (for example a contact block), or reword the sentence.',
      ),
    );
  }

  return {
    id,
    heading: data.heading,
    level,
    covers: data.covers ?? [],
    body,
    sections: children.filter((s): s is Section => s !== undefined),
  };
}

function resolveBlock(
  block: BlockData,
  at: PathSegment[],
  source: YamlSource,
  organisations: Map<string, Organisation>,
  fail: (d: Diagnostic) => void,
): Block | undefined {
  switch (block.type) {
    case 'paragraph':
      return block;
    case 'list':
      return { type: 'list', intro: block.intro, ordered: block.ordered ?? false, items: block.items };
    case 'address':
      return block;
    case 'table': {
      let ok = true;
      block.rows.forEach((row, r) => {
        if (row.length !== block.columns.length) {
          ok = false;
          fail(
            diagnosticAt(source, [...at, 'rows', r], 'error', `this row has ${row.length} cell${row.length === 1 ? '' : 's'} but the table has ${block.columns.length} columns.`, 'Give every row one cell per column (use "" for an empty cell).'),
          );
        }
      });
      return ok ? { type: 'table', caption: block.caption, columns: block.columns, rows: block.rows, rowHeaders: block.rowHeaders ?? true } : undefined;
    }
    case 'contact': {
      const contact = resolveContact(block.contact, source, [...at, 'contact'], organisations, fail);
      if (contact && !isUsable(contact)) {
        // The gap must be visible to whoever maintains the notice, not only in data/.
        fail(
          diagnosticAt(
            source,
            [...at, 'contact'],
            'warning',
            `the contact details '${block.contact}' give only a name: readers have no address, email or phone to use.`,
            `Complete the contact point in ${contact.organisation.source}.`,
          ),
        );
      }
      return contact ? { type: 'contact', contact } : undefined;
    }
  }
}

/** The end of a long text, starting at a word: "…please contact:". */
function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(-max);
  return `…${cut.slice(cut.indexOf(' ') + 1)}`;
}

/** Calls `visit` for every text field of a notice file, with its path. */
function walkTexts(value: unknown, at: PathSegment[], visit: (text: string, at: PathSegment[]) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((item, i) => walkTexts(item, [...at, i], visit));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkTexts(item, [...at, key], visit);
}

/** Calls `visit` for every block of the sections, depth first, in reading order. */
export function walkBlocks(sections: readonly Section[], visit: (block: Block, section: Section) => void): void {
  for (const section of sections) {
    for (const block of section.body) visit(block, section);
    walkBlocks(section.sections, visit);
  }
}
