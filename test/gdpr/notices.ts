/**
 * The real notices of content/ as the completeness engine reads them, made straight from their
 * YAML and data/ (headings, tags, text, contact blocks as their lines), with the line of any YAML
 * path for messages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { PathSegment } from '../../src/diagnostics/diagnostic.js';
import type { EvidenceContext } from '../../src/gdpr/evidence.js';
import { allSections, fromNotice, fullText, type AssessInput } from '../../src/gdpr/input.js';
import { parseYaml } from '../../src/load/yaml-source.js';
import type { Block, ContactPoint, Notice, Organisation, Section } from '../../src/model/notice.js';
import type { NoticeFileData, OrganisationData, SectionFile } from '../../src/model/schema.js';
import { slugify } from '../../src/text/slug.js';
import { REPO_ROOT } from '../helpers/project.js';

export const REAL_NOTICES = [
  'content/kent-county-council/early-help.yaml',
  'content/kent-county-council/childrens-social-care.yaml',
  'content/model-local-authority/children-in-need.yaml',
  'content/kent-county-council/children-in-need-dpa-1998.yaml',
  'content/hampshire-county-council/children-in-need-dpa-1998.yaml',
] as const;

function organisations(): Map<string, Organisation> {
  const all = new Map<string, Organisation>();
  for (const file of ['data/organisations.yaml', 'data/bodies.yaml']) {
    const data = yaml.load(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, OrganisationData>;
    for (const [id, organisation] of Object.entries(data)) all.set(id, { ...organisation, id, source: file });
  }
  return all;
}

function contactPoint(ref: string, all: Map<string, Organisation>): ContactPoint {
  const [orgId, pointId] = ref.split('/');
  const organisation = all.get(orgId!)!;
  const point = pointId === 'dpo' ? organisation.dataProtectionOfficer! : organisation.contacts![pointId ?? Object.keys(organisation.contacts!)[0]!]!;
  return { ...point, ref, organisation };
}

function section(data: SectionFile, level: number, all: Map<string, Organisation>): Section {
  return {
    id: data.id ?? slugify(data.heading),
    heading: data.heading,
    level,
    covers: data.covers ?? [],
    body: (data.body ?? []).map((block): Block => {
      switch (block.type) {
        case 'contact':
          return { type: 'contact', contact: contactPoint(block.contact, all) };
        case 'list':
          return { ...block, ordered: block.ordered ?? false };
        case 'table':
          return { ...block, rowHeaders: block.rowHeaders ?? true };
        default:
          return block;
      }
    }),
    sections: (data.sections ?? []).map((child) => section(child, level + 1, all)),
  };
}

export interface LoadedNotice {
  input: AssessInput;
  /** The 1-based line where a YAML path starts. */
  lineOf(at: readonly PathSegment[]): number;
}

/** A notice from its YAML text (a real file, or one edited by a test). */
export function noticeFromYaml(file: string, text: string): LoadedNotice {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) throw new Error(parsed.diagnostic.message);
  const data = parsed.source.data as NoticeFileData;
  const all = organisations();
  const notice: Pick<Notice, 'id' | 'source' | 'law' | 'organisation' | 'sections'> = {
    id: data.id,
    source: file,
    law: data.law ?? 'uk-gdpr',
    organisation: all.get(data.organisation)!,
    sections: data.sections.map((child) => section(child, 2, all)),
  };
  return { input: fromNotice(notice), lineOf: (at) => parsed.source.positionOf(at).line };
}

export function realNoticeText(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

const loaded = new Map<string, LoadedNotice>();

export function realNotice(file: string): LoadedNotice {
  if (!loaded.has(file)) loaded.set(file, noticeFromYaml(file, realNoticeText(file)));
  return loaded.get(file)!;
}

/** The text a tag on the section with this heading claims (its own text and its sub-sections'). */
export function sectionText(file: string, heading: string): string {
  const { input } = realNotice(file);
  const section = allSections(input.sections).find((candidate) => candidate.heading === heading);
  if (!section) throw new Error(`no section '${heading}' in ${file}`);
  return fullText(section);
}

export function evidenceContext(file: string): EvidenceContext {
  const { input } = realNotice(file);
  return { organisationNames: [input.organisation.name, input.organisation.shortName].filter((name): name is string => Boolean(name)), hasDpo: input.organisation.hasDpo };
}
