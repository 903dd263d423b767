/**
 * Random damage to real notices and data files, as fast-check arbitraries: deleted keys, values of
 * the wrong type, aliases, huge texts, control characters and lone surrogates (written as YAML
 * escapes, or raw), invalid UTF-8 and random bytes.
 *
 * Structural changes are made on the parsed data, which is then written back with js-yaml (a
 * shared value becomes an anchor and aliases); byte changes are made on the file itself.
 */
import fc from 'fast-check';
import yaml from 'js-yaml';

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
  /** The containers above this slot, to keep aliases from making cycles. */
  ancestors: Set<unknown>;
}

export type DataMutation =
  | { kind: 'delete-key'; pick: number }
  | { kind: 'wrong-type'; pick: number; value: unknown }
  | { kind: 'alias'; pick: number; target: number }
  | { kind: 'huge-text'; pick: number; unit: string; repeat: number }
  | { kind: 'escaped-character'; pick: number; character: string };

export type ByteMutation = { kind: 'raw-character'; at: number; character: string } | { kind: 'random-bytes'; at: number; bytes: number[] } | { kind: 'latin-1'; at: number };

/** Control characters the loader must refuse (C0 but tab/LF/CR, DEL, C1, U+FFFE/FFFF). */
export const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009b', '\ufffe', '\uffff'];
export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];

const pick = fc.nat({ max: 1_000_000 });

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: true }),
  fc.constant([]),
  fc.constant({}),
  fc.constant([{ type: 'paragraph' }]),
  fc.constant({ type: 'unknown-thing', text: 42 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('2026-02-30', 'not-a-date', 'javascript:alert(1)', '<script>alert(1)</script>', 'kent-county-council/nowhere', '../../etc/passwd'),
);

export const structuralMutation: fc.Arbitrary<DataMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-key' as const), pick }),
  fc.record({ kind: fc.constant('wrong-type' as const), pick, value: wrongValue }),
  fc.record({ kind: fc.constant('alias' as const), pick, target: pick }),
  fc.record({ kind: fc.constant('huge-text' as const), pick, unit: fc.constantFrom('x', 'word ', 'A long sentence about data. ', '<b>&amp;</b> '), repeat: fc.integer({ min: 2_000, max: 20_000 }) }),
);

export const escapedControlMutation: fc.Arbitrary<DataMutation> = fc.record({ kind: fc.constant('escaped-character' as const), pick, character: fc.constantFrom(...CONTROL_CHARACTERS) });
export const escapedSurrogateMutation: fc.Arbitrary<DataMutation> = fc.record({ kind: fc.constant('escaped-character' as const), pick, character: fc.constantFrom(...LONE_SURROGATES) });
export const rawControlMutation: fc.Arbitrary<ByteMutation> = fc.record({ kind: fc.constant('raw-character' as const), at: pick, character: fc.constantFrom(...CONTROL_CHARACTERS.filter((c) => c < '\ufffe')) });
export const randomBytesMutation: fc.Arbitrary<ByteMutation> = fc.record({ kind: fc.constant('random-bytes' as const), at: pick, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) });
export const latin1Mutation: fc.Arbitrary<ByteMutation> = fc.record({ kind: fc.constant('latin-1' as const), at: pick });

/** Every slot (a key of a mapping or an item of a list) in the data, in document order. */
function slots(data: unknown): Slot[] {
  const found: Slot[] = [];
  const walk = (value: unknown, ancestors: Set<unknown>) => {
    if (!value || typeof value !== 'object') return;
    const inner = new Set(ancestors).add(value);
    if (Array.isArray(value)) value.forEach((item, i) => (found.push({ parent: value, key: i, ancestors: inner }), walk(item, inner)));
    else for (const [key, item] of Object.entries(value)) found.push({ parent: value as Record<string, unknown>, key, ancestors: inner }), walk(item, inner);
  };
  walk(data, new Set());
  return found;
}

const get = (slot: Slot) => (slot.parent as Record<string | number, unknown>)[slot.key];
const set = (slot: Slot, value: unknown) => ((slot.parent as Record<string | number, unknown>)[slot.key] = value);

/** Applies structural and escaped-character changes to the YAML text; returns it rewritten by js-yaml. */
export function mutateData(text: string, mutations: readonly DataMutation[]): string {
  const data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  for (const mutation of mutations) {
    const all = slots(data);
    if (all.length === 0) break;
    const slot = all[mutation.pick % all.length]!;
    switch (mutation.kind) {
      case 'delete-key':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key as string];
        break;
      case 'wrong-type':
        set(slot, structuredClone(mutation.value));
        break;
      case 'alias': {
        // Share another list or mapping here (js-yaml writes it as an anchor and an alias), never an ancestor.
        const containers = all.map(get).filter((v) => v && typeof v === 'object' && !slot.ancestors.has(v));
        if (containers.length > 0) set(slot, containers[mutation.target % containers.length]);
        break;
      }
      case 'huge-text':
      case 'escaped-character': {
        const texts = all.filter((s) => typeof get(s) === 'string');
        if (texts.length === 0) break;
        const target = texts[mutation.pick % texts.length]!;
        const value = get(target) as string;
        if (mutation.kind === 'huge-text') set(target, mutation.unit.repeat(mutation.repeat));
        else {
          const at = mutation.pick % (value.length + 1);
          set(target, value.slice(0, at) + mutation.character + value.slice(at));
        }
        break;
      }
    }
  }
  return yaml.dump(data, { schema: yaml.CORE_SCHEMA, lineWidth: -1 });
}

/** Applies byte-level changes to a file's bytes. */
export function mutateBytes(bytes: Buffer, mutations: readonly ByteMutation[]): Buffer {
  let out = bytes;
  for (const mutation of mutations) {
    const at = mutation.at % (out.length + 1);
    const inserted =
      mutation.kind === 'raw-character'
        ? Buffer.from(mutation.character, 'utf8')
        : mutation.kind === 'latin-1'
          ? Buffer.from([0xe9]) // "é" as Latin-1 and Windows-1252 write it: invalid as UTF-8
          : Buffer.from(mutation.bytes);
    // Inside a text, not in the middle of a multi-byte letter: move to the next ASCII byte.
    let position = at;
    while (position < out.length && out[position]! >= 0x80) position++;
    out = Buffer.concat([out.subarray(0, position), inserted, out.subarray(mutation.kind === 'random-bytes' ? Math.min(out.length, position + inserted.length) : position)]);
  }
  return out;
}
