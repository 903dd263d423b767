/**
 * Notices whose long parts are parsed only when read. A rebuild of a large site takes most notices
 * from the load cache (src/build/cache-load.ts) and never reads their sections or their easy read's
 * sections: their pages, PDFs and checks come from caches too. Parsing those parts (nine tenths of
 * each entry) was most of a rebuild's loading, and of its garbage. So a cached notice's `sections`
 * and its easy read's `sections` are properties that parse their JSON the first time they are read,
 * in the place they had in the object (so JSON.stringify gives the same text), and a copy made with
 * copyKeepingLazy keeps them so. Reading them, spreading the object or serialising it gives the
 * values as they were stored: a lazy part is never a different value, only a later one.
 *
 * What the stages need of every notice's easy read without its sections is kept beside it, hidden
 * (a symbol, not copied by JSON): its picture keys (easyReadPictureKeys) and a digest of the whole
 * easy read (easyReadDigest).
 */
import { createHash } from 'node:crypto';

const PICTURE_KEYS = Symbol('the easy read’s picture keys');
const DIGEST = Symbol('the easy read’s digest');

type Kept = { [PICTURE_KEYS]?: readonly string[]; [DIGEST]?: string };

/**
 * An object with the properties of `plain`, in the order `order` gives, where each key of `lazy`
 * becomes a property whose value `lazy[key]` makes (parses) when it is first read. Keys of `order`
 * in neither are left out. `now`: every part is made at once, as a plain property (for a value that
 * is kept and frozen, the preview's).
 */
export function withLazyParts<T extends object>(plain: Record<string, unknown>, lazy: Record<string, () => unknown>, order: readonly string[], options: { now?: boolean } = {}): T {
  const object: Record<string, unknown> = {};
  for (const key of order) {
    if (key in lazy && options.now) {
      object[key] = lazy[key]!();
    } else if (key in lazy) {
      const make = lazy[key]!;
      let parsed: { value: unknown } | undefined;
      Object.defineProperty(object, key, {
        enumerable: true,
        configurable: true,
        get: () => (parsed ??= { value: make() }).value,
        // A stage that sets it (none does today) replaces it with a plain value.
        set: (value: unknown) => Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true }),
      });
    } else if (key in plain) {
      object[key] = plain[key];
    }
  }
  return object as T;
}

/** A shallow copy of `object` that leaves its lazy parts unparsed (a spread would read them); every property can be set. */
export function copyKeepingLazy<T extends object>(object: T): T {
  const descriptors = Object.getOwnPropertyDescriptors(object);
  for (const descriptor of Object.values(descriptors)) {
    descriptor.configurable = true;
    if ('value' in descriptor) descriptor.writable = true;
  }
  return Object.defineProperties({}, descriptors) as T;
}

/** Keeps an easy read's picture keys and digest with it (from the cache that stored them). */
export function keepEasyReadFacts(easyRead: object, facts: { pictureKeys: readonly string[]; digest: string }): void {
  Object.defineProperty(easyRead, PICTURE_KEYS, { value: facts.pictureKeys });
  Object.defineProperty(easyRead, DIGEST, { value: facts.digest });
}

/** Picture keys kept with an easy read, if any (easyReadPictureKeys in model/pictures.ts uses them). */
export function keptPictureKeys(easyRead: object | undefined): readonly string[] | undefined {
  return (easyRead as Kept | undefined)?.[PICTURE_KEYS];
}

/** A SHA-256 of the easy read's JSON: the digest kept with it, or made now. */
export function easyReadDigest(easyRead: object): string {
  return (easyRead as Kept)[DIGEST] ?? createHash('sha256').update(JSON.stringify(easyRead)).digest('hex');
}
