/**
 * Notices for the benchmark that differ in their text, not only in their ids, so that no cache
 * keyed on content makes a copy free: each is one of the real notices with sentences added and
 * removed, names and numbers changed, list lengths and table rows varied. Seeded, so two runs of
 * the bench build the same notices.
 */
import yaml from 'js-yaml';

/** A small, fast, seeded generator (mulberry32). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['Ashford', 'Canterbury', 'Dartford', 'Dover', 'Folkestone', 'Maidstone', 'Sevenoaks', 'Swale', 'Thanet', 'Tonbridge', 'Basingstoke', 'Eastleigh', 'Fareham', 'Gosport', 'Havant', 'Winchester', 'Andover', 'Romsey'];
const SERVICES = ['Youth justice', 'Family support', 'Short breaks', 'Adoption support', 'Fostering', 'Care leavers', 'School admissions', 'Special educational needs', 'Virtual school', 'Family hubs', 'Disabled children', 'Missing children', 'Private fostering', 'Young carers'];
const THINGS = ['school attendance', 'health visits', 'housing needs', 'court orders', 'placement moves', 'contact arrangements', 'support plans', 'assessments', 'referrals', 'review meetings'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function sentence(random: () => number): string {
  const n = 2 + Math.floor(random() * 400);
  const templates = [
    () => `Our ${pick(random, PLACES)} team reviews about ${n} records of this kind each year.`,
    () => `We keep information about ${pick(random, THINGS)} for ${1 + Math.floor(random() * 30)} years after the case closes.`,
    () => `In ${2015 + Math.floor(random() * 10)} we shared information with ${n} partner organisations in ${pick(random, PLACES)}.`,
    () => `Staff in ${pick(random, PLACES)} and ${pick(random, PLACES)} use this information to plan ${pick(random, THINGS)}.`,
  ];
  return pick(random, templates)();
}

type Mutable = Record<string, unknown>;

function varyBlock(block: Mutable, random: () => number): void {
  if (block.type === 'paragraph' && typeof block.text === 'string' && random() < 0.6) {
    block.text = `${block.text} ${sentence(random)}`;
  } else if (block.type === 'list' && Array.isArray(block.items)) {
    const items = block.items as string[];
    const keep = items.filter(() => random() < 0.8);
    const extra = Array.from({ length: Math.floor(random() * 4) }, () => `information about ${pick(random, THINGS)} in ${pick(random, PLACES)}`);
    block.items = [...(keep.length ? keep : items.slice(0, 1)), ...extra];
  } else if (block.type === 'table' && Array.isArray(block.rows) && Array.isArray(block.columns)) {
    const columns = (block.columns as unknown[]).length;
    const rows = (block.rows as string[][]).filter(() => random() < 0.85);
    const extra = Array.from({ length: Math.floor(random() * 6) }, () =>
      Array.from({ length: columns }, (_, c) => (c === 0 ? `${pick(random, SERVICES)} records` : `Date of birth +${10 + Math.floor(random() * 90)} years`)),
    );
    block.rows = [...(rows.length ? rows : (block.rows as string[][]).slice(0, 1)), ...extra];
  }
}

function varySections(sections: Mutable[], random: () => number): void {
  for (const section of sections) {
    for (const block of (section.body as Mutable[] | undefined) ?? []) varyBlock(block, random);
    if (Array.isArray(section.sections)) varySections(section.sections as Mutable[], random);
  }
  if (random() < 0.5) {
    sections.push({ heading: `${pick(random, SERVICES)} in ${pick(random, PLACES)}`, body: [{ type: 'paragraph', text: `${sentence(random)} ${sentence(random)}` }] });
  }
}

/** Easy-read sentences stay within the easy-read rules: short, active, plain words. */
function varyEasyRead(easyRead: Mutable, random: () => number): void {
  const first = (easyRead.sections as Mutable[] | undefined)?.[0];
  const item = (first?.items as Mutable[] | undefined)?.[0];
  if (!item || !Array.isArray(item.text)) return;
  const line = `We help about ${2 + Math.floor(random() * 900)} families in ${pick(random, PLACES)}.`;
  // An item holds at most three sentences: past that, the new sentence gets an item of its own.
  if (item.text.length < 3) (item.text as string[]).push(line);
  else (first!.items as Mutable[]).splice(1, 0, { ...item, text: [line] });
}

/** The `index`th benchmark notice (1-based), made from one of the real notices' YAML texts. */
/**
 * The real notices link to each other's pages (/kent-childrens-social-care/easy-read/). In the
 * bench site those ids are gone, so each link goes to the first bench copy of the notice it named
 * (the build refuses links to pages that do not exist); so does a replacedBy naming one.
 */
function linksToBenchIds(sources: readonly string[], text: string): string {
  let out = text;
  sources.forEach((source, i) => {
    const realId = /^id:\s*["']?([\w-]+)/m.exec(source)?.[1];
    if (!realId) return;
    const benchId = `notice-${String(i + 1).padStart(5, '0')}`;
    out = out.split(`](/${realId}/`).join(`](/${benchId}/`);
    out = out.replace(new RegExp(`^(\\s*replacedBy:\\s*["']?)${realId}(["']?\\s*)$`, 'gm'), `$1${benchId}$2`);
  });
  return out;
}

export function benchNotice(sources: readonly string[], index: number, seed = 1): string {
  const random = randomSource(seed * 1_000_003 + index);
  const data = yaml.load(linksToBenchIds(sources, sources[(index - 1) % sources.length]!), { schema: yaml.CORE_SCHEMA }) as Mutable;
  const id = `notice-${String(index).padStart(5, '0')}`;
  data.id = id;
  data.title = `${pick(random, SERVICES)} privacy notice ${index}`;
  varySections(data.sections as Mutable[], random);
  if (data.easyRead) varyEasyRead(data.easyRead as Mutable, random);
  return yaml.dump(data, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
}

/** The same notice with one sentence of its text changed (for the one-notice rebuild). */
export function changeOneSentence(text: string): string {
  const data = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Mutable;
  const sections = data.sections as Mutable[];
  for (const section of sections) {
    const paragraph = ((section.body as Mutable[] | undefined) ?? []).find((b) => b.type === 'paragraph');
    if (paragraph) {
      paragraph.text = `${String(paragraph.text)} This sentence was added to measure a rebuild.`;
      return yaml.dump(data, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
    }
  }
  sections.push({ heading: 'Changed', body: [{ type: 'paragraph', text: 'This section was added to measure a rebuild.' }] });
  return yaml.dump(data, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
}
