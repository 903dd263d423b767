import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { changesInWords, describeChanges, sentencesOf } from '../../src/history/diff.js';

const load = (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA });

interface BlockLike { type: string; text?: string; intro?: string; items?: string[] }
interface SectionLike { heading: string; id?: string; covers?: string[]; body?: BlockLike[]; sections?: SectionLike[] }
interface NoticeLike {
  title: string;
  summary: string;
  sections: SectionLike[];
  easyRead: { sections: { heading: string; items: { picture: string; alt: string; text: string[] }[] }[] };
}

const base: NoticeLike = {
  title: 'How we use your information',
  summary: 'How Test Council uses information.',
  sections: [
    { heading: 'Who we are', covers: ['controller'], body: [{ type: 'paragraph', text: 'We are **Test Council**. We keep your information safe.' }] },
    {
      heading: 'Your information',
      sections: [
        { heading: 'How long we keep it', covers: ['retention'], body: [{ type: 'paragraph', text: 'We keep records for 75 years. Then we delete them.' }] },
        { heading: 'Who we share it with', covers: ['recipients'], body: [{ type: 'list', intro: 'We share it with:', items: ['schools', 'the NHS'] }] },
      ],
    },
  ],
  easyRead: { sections: [{ heading: 'Who we are', items: [{ picture: 'council', alt: 'A council building', text: ['We are Test Council.'] }] }] },
};

const clone = (): NoticeLike => structuredClone(base);

describe('describeChanges', () => {
  it('finds nothing when only the layout of the YAML changed', () => {
    const wrapped = load(`title: How we use your information
summary: >-
  How Test Council
  uses information.
sections:
  - heading: Who we are
    covers: [controller]
    body:
      - {type: paragraph, text: "We are **Test Council**. We keep your information safe."}
  - heading: Your information
    sections:
      - heading: How long we keep it
        covers: [retention]
        body: [{type: paragraph, text: We keep records for 75 years.  Then we delete them.}]
      - heading: Who we share it with
        covers: [recipients]
        body: [{type: list, intro: "We share it with:", items: [schools, the NHS]}]
easyRead: {sections: [{heading: Who we are, items: [{picture: council, alt: A council building, text: [We are Test Council.]}]}]}
`);
    expect(describeChanges(base, wrapped)).toEqual({ fields: [], sections: [], easyRead: undefined, coversChanged: [], textChanged: false });
    // Bold is not a change of words either.
    const unbold = clone();
    unbold.sections[0]!.body![0]!.text = 'We are Test Council. We keep your information safe.';
    expect(describeChanges(base, unbold).textChanged).toBe(false);
  });

  it('names the sentences added and removed in a reworded section, with its covers tags and those of its parents', () => {
    const after = clone();
    after.sections[1]!.sections![0]!.body![0]!.text = 'We keep records for 25 years. Then we delete them.';
    const changes = describeChanges(base, after);
    expect(changes.sections).toEqual([
      {
        change: 'reworded',
        heading: 'How long we keep it',
        headingPath: ['Your information', 'How long we keep it'],
        previousHeading: undefined,
        sentencesAdded: ['We keep records for 25 years.'],
        sentencesRemoved: ['We keep records for 75 years.'],
        reordered: false,
        covers: ['retention'],
        path: ['sections', 1, 'sections', 0],
      },
    ]);
    expect(changes.coversChanged).toEqual(['retention']);
    expect(changesInWords(changes)).toEqual(['Reworded the section “Your information / How long we keep it”: 1 sentence added, 1 sentence removed.']);
  });

  it('reports sections added, removed and renamed, matching by id first', () => {
    const after = clone();
    after.sections.splice(0, 1, { heading: 'About us', covers: ['controller'], body: [{ type: 'paragraph', text: 'We are **Test Council**. We keep your information safe. We have a data protection officer.' }] });
    after.sections[1]!.sections!.pop();
    after.sections.push({ heading: 'Your rights', covers: ['rights'], body: [{ type: 'paragraph', text: 'You can ask for a copy.' }] });
    const changes = describeChanges(base, after);
    expect(changesInWords(changes)).toEqual([
      'Renamed the section “Who we are” to “About us”, and reworded it: 1 sentence added.',
      'Added the section “Your rights”.',
      'Removed the section “Your information / Who we share it with”.',
    ]);
    expect(changes.coversChanged).toEqual(['controller', 'recipients', 'rights']);

    // The same heading under a new id is matched by the id.
    const withIds = { sections: [{ id: 'who', heading: 'Who we are', body: [{ type: 'paragraph', text: 'One.' }] }] };
    const renamedWithId = { sections: [{ id: 'who', heading: 'About us', body: [{ type: 'paragraph', text: 'Two.' }] }] };
    expect(describeChanges(withIds, renamedWithId).sections.map((s) => s.change)).toEqual(['renamed']);
  });

  it('reports the title, summary and easy-read version, and sentences put in another order', () => {
    const after = clone();
    after.title = 'How we use information about you';
    after.sections[0]!.body![0]!.text = 'We keep your information safe. We are **Test Council**.';
    after.easyRead.sections[0]!.items[0]!.text = ['We are Test Council.', 'We keep your information safe.'];
    const changes = describeChanges(base, after);
    expect(changesInWords(changes)).toEqual([
      'Changed the title from “How we use your information” to “How we use information about you”.',
      'Reworded the section “Who we are”: sentences put in a different order.',
      'Changed the easy-read version: 1 sentence added.',
    ]);
  });

  it('compares versions that no longer match the schema without failing', () => {
    expect(describeChanges(undefined, base).sections.map((s) => s.change)).toEqual(['added', 'added', 'added', 'added']);
    expect(describeChanges({ sections: 'not a list' }, { sections: [{ heading: 42 }] }).textChanged).toBe(true);
  });

  it('splits sentences after full stops, question and exclamation marks', () => {
    expect(sentencesOf('Is it safe? Yes!  We check it.\nEvery year.')).toEqual(['Is it safe?', 'Yes!', 'We check it.', 'Every year.']);
    expect(sentencesOf('See [our page](https://example.org/a.b). Thanks')).toEqual(['See our page.', 'Thanks']);
  });
});
