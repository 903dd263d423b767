/**
 * Parts parsed when first read (src/model/lazy-parts.ts): an object made with them is the same JSON
 * as the plain one, key for key and in order; a part is made once, and only when read; a copy keeps
 * it unmade; the facts kept with an easy read stand for its sections.
 */
import { describe, expect, it } from 'vitest';
import { copyKeepingLazy, easyReadDigest, keepEasyReadFacts, withLazyParts } from '../../src/model/lazy-parts.js';
import { easyReadPictureKeys } from '../../src/model/pictures.js';

const easyRead = { title: 'About us', sections: [{ heading: 'Why', items: [{ text: 'We keep notes.', picture: 'notes' }, { text: 'We share them.', picture: 'share' }, { text: 'Again.', picture: 'notes' }] }], words: [] };

function lazyEasyRead() {
  let made = 0;
  const { sections, ...plain } = easyRead;
  const object = withLazyParts<typeof easyRead>(plain, { sections: () => (made++, JSON.parse(JSON.stringify(sections)) as unknown) }, Object.keys(easyRead));
  return { object, made: () => made };
}

describe('lazy parts', () => {
  it('give the same JSON, in the same order, and make a part once, when it is first read', () => {
    const { object, made } = lazyEasyRead();
    expect(made()).toBe(0);
    expect(Object.keys(object)).toEqual(['title', 'sections', 'words']);
    expect(object.title).toBe('About us');
    expect(made()).toBe(0);
    expect(JSON.stringify(object)).toBe(JSON.stringify(easyRead));
    expect(object.sections[0]!.items).toHaveLength(3);
    expect({ ...object }).toEqual(easyRead);
    expect(made()).toBe(1);
  });

  it('stay unmade in a copy that keeps them, which can be changed without changing the original', () => {
    const { object, made } = lazyEasyRead();
    const copy = copyKeepingLazy(object);
    copy.title = 'Changed';
    expect(made()).toBe(0);
    expect(object.title).toBe('About us');
    expect(copy.sections).toEqual(easyRead.sections);
    // A copy of a frozen object can be changed too.
    const frozen = copyKeepingLazy(Object.freeze({ ...easyRead }) as typeof easyRead);
    frozen.title = 'Changed';
    expect(frozen.title).toBe('Changed');
  });

  it('are made at once, as plain properties in their place, when asked to be', () => {
    const { sections, ...plain } = easyRead;
    let made = 0;
    const object = withLazyParts<typeof easyRead>(plain, { sections: () => (made++, sections) }, Object.keys(easyRead), { now: true });
    expect(made).toBe(1);
    expect(Object.getOwnPropertyDescriptor(object, 'sections')?.get).toBeUndefined();
    expect(JSON.stringify(object)).toBe(JSON.stringify(easyRead));
  });

  it('can be set, which replaces the part with the value given', () => {
    const { object, made } = lazyEasyRead();
    object.sections = [];
    expect(object.sections).toEqual([]);
    expect(made()).toBe(0);
    expect(JSON.stringify(object)).toBe(JSON.stringify({ ...easyRead, sections: [] }));
  });

  it("keep an easy read's picture keys and digest beside it, which stand for its sections and equal what they give", () => {
    const { object, made } = lazyEasyRead();
    keepEasyReadFacts(object, { pictureKeys: easyReadPictureKeys(easyRead), digest: easyReadDigest(easyRead) });
    expect(easyReadPictureKeys(object)).toEqual(['notes', 'share']);
    expect(easyReadDigest(object)).toBe(easyReadDigest(easyRead));
    expect(made()).toBe(0);
    // Not part of its JSON, nor of a copy made by spreading it.
    expect(JSON.stringify(object)).toBe(JSON.stringify(easyRead));
    expect(easyReadDigest({ ...object })).toBe(easyReadDigest(easyRead));
  });
});
