/**
 * Pictures by key: the shared OpenMoji set in data/pictures.yaml, an organisation's own SVGs in
 * data/pictures/<organisation>/ (which win over shared keys), and errors that name the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENMOJI_CREDIT, PictureLibrary, svgSize } from '../../src/easyread/pictures.js';
import { loadPictures } from '../../src/load/pictures.js';
import { findPicture, pictureKeysFor } from '../../src/model/pictures.js';
import { makeProject, REPO_ROOT, type TestProject } from '../helpers/project.js';
import { checkEasyReadYaml, errors, lineOf, NOTICE_HEAD } from './helpers.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#1d3b6e"/></svg>';

describe('the shared pictures (data/pictures.yaml)', () => {
  const library = new PictureLibrary(REPO_ROOT);

  it('has no problems, and every key names an OpenMoji SVG that exists', () => {
    expect(library.problems('kent-county-council')).toEqual([]);
    const data = yaml.load(readFileSync(path.join(REPO_ROOT, 'data/pictures.yaml'), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, { openmoji: string; description: string }>;
    const keys = Object.keys(data);
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const entry = library.entry(key, 'kent-county-council')!;
      expect(entry.svg, key).toMatch(new RegExp(`${data[key]!.openmoji}\\.svg$`));
      expect(existsSync(entry.svg), entry.file).toBe(true);
      expect(library.svg(entry.svg), entry.file).toEqual({ width: 72, height: 72 });
      expect(data[key]!.description.length).toBeGreaterThan(3);
    }
  });

  it('has the keys the issue names', () => {
    for (const key of ['phone', 'lock', 'family', 'school', 'doctor', 'council', 'complain']) expect(library.keys('any'), key).toContain(key);
  });
});

describe('findPicture and pictureKeysFor (the loaded library)', () => {
  const pictures = loadPictures({ root: REPO_ROOT });

  it('resolves a key to the absolute path of its SVG in the openmoji package, with the OpenMoji credit', () => {
    const phone = findPicture(pictures, 'phone', 'kent-county-council');
    expect(phone).toMatchObject({ svg: expect.stringMatching(/openmoji\/color\/svg\/1F4DE\.svg$/), credit: OPENMOJI_CREDIT, file: 'openmoji/color/svg/1F4DE.svg' });
    expect(path.isAbsolute(phone!.svg)).toBe(true);
    expect(OPENMOJI_CREDIT).toMatchObject({ text: 'OpenMoji', licence: 'CC BY-SA 4.0' });
  });

  it('returns undefined for an unknown key, and lists the known keys sorted', () => {
    expect(findPicture(pictures, 'no-such-picture', 'kent-county-council')).toBeUndefined();
    const keys = pictureKeysFor(pictures, 'kent-county-council');
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('council');
  });
});

describe("an organisation's own pictures", () => {
  let project: TestProject;
  let library: PictureLibrary;

  beforeAll(async () => {
    project = await makeProject({
      'data/pictures.yaml': `phone:\n  openmoji: "1F4DE"\n  description: A telephone.\ncouncil:\n  openmoji: "1F3DB"\n  description: A building.\nbroken:\n  openmoji: "FFFFF"\n  description: A hexcode OpenMoji does not have.\n`,
      'data/pictures/test-council/town-hall.svg': SVG,
      'data/pictures/test-council/phone.svg': SVG,
      'data/pictures/test-council/not-an-svg.svg': 'this is not an SVG',
      'data/pictures/test-council/pictures.yaml': `town-hall:\n  description: Our town hall.\n  credit:\n    text: Photo by Test Council\n    licence: CC BY 4.0\n    url: https://test.example.org\n`,
      'data/pictures/other-council/town-hall.svg': SVG,
    });
    library = new PictureLibrary(project.root);
  });

  afterAll(async () => {
    await project.cleanup();
  });

  it('are used by key, with their credit, and win over a shared key of the same name', () => {
    expect(library.entry('town-hall', 'test-council')).toMatchObject({
      origin: 'organisation',
      svg: path.join(project.root, 'data/pictures/test-council/town-hall.svg'),
      credit: { text: 'Photo by Test Council', licence: 'CC BY 4.0', url: 'https://test.example.org' },
    });
    expect(library.entry('phone', 'test-council')).toMatchObject({ origin: 'organisation', file: 'data/pictures/test-council/phone.svg' });
    expect(library.entry('phone', 'other-council')).toMatchObject({ origin: 'shared', credit: OPENMOJI_CREDIT });
    expect(library.keys('test-council')).toEqual(['broken', 'council', 'not-an-svg', 'phone', 'town-hall']);
    expect(library.svg(library.entry('town-hall', 'test-council')!.svg)).toEqual({ width: 200, height: 100 });
  });

  it("are only for that organisation's notices", () => {
    const checked = checkEasyReadYaml(item('town-hall'), library, 'another-council');
    expect(errors(checked).map((d) => d.message)).toEqual(["there is no picture 'town-hall'."]);
    expect(errors(checkEasyReadYaml(item('town-hall'), library, 'test-council'))).toEqual([]);
  });

  it('report a missing OpenMoji file, naming the file, at the line that uses it', () => {
    const text = item('broken');
    const [error] = errors(checkEasyReadYaml(text, library, 'test-council'));
    expect(error!.message).toMatch(/^the picture 'broken' \(data\/pictures\.yaml:7\) cannot be used: its file .*openmoji\/color\/svg\/FFFFF\.svg is missing or is not an SVG\.$/);
    expect(error!.line).toBe(lineOf(NOTICE_HEAD + text, 'picture: broken').line);
  });

  it('report a file that is not an SVG, naming it', () => {
    const [error] = errors(checkEasyReadYaml(item('not-an-svg'), library, 'test-council'));
    expect(error!.message).toBe("the picture 'not-an-svg' (data/pictures/test-council/not-an-svg.svg) cannot be used: its file data/pictures/test-council/not-an-svg.svg is missing or is not an SVG.");
  });

  it('report problems in a credits file with its line', async () => {
    await project.write('data/pictures/other-council/pictures.yaml', 'town-hall:\n  credit:\n    text: Photo\n');
    const problems = new PictureLibrary(project.root).problems('other-council');
    expect(problems).toEqual([
      // The shared file's own problem, once, at its entry: the hexcode OpenMoji does not have.
      expect.objectContaining({ file: 'data/pictures.yaml', line: 8, code: 'unknown-openmoji' }),
      expect.objectContaining({ file: 'data/pictures/other-council/pictures.yaml', line: 3, message: "the required field 'licence' is missing." }),
    ]);
  });

  it('pick up a new file on the next load (watch mode loads again on every change)', async () => {
    await project.write('data/pictures/test-council/new-picture.svg', SVG);
    expect(library.entry('new-picture', 'test-council')).toBeUndefined();
    expect(findPicture(loadPictures({ root: project.root }), 'new-picture', 'test-council')).toMatchObject({ origin: 'organisation' });
  });
});

describe('svgSize', () => {
  it('reads the viewBox, else width and height, and rejects what is not an SVG', () => {
    expect(svgSize('<svg viewBox="0 0 72 72"></svg>')).toEqual({ width: 72, height: 72 });
    expect(svgSize('<?xml version="1.0"?><svg width="30px" height="10px"></svg>')).toEqual({ width: 30, height: 10 });
    expect(svgSize('<html></html>')).toBeUndefined();
    expect(svgSize('this is not an SVG')).toBeUndefined();
  });

  it('reads the attributes with an XML parser: comments, a doctype, commas and attribute order do not matter', () => {
    expect(svgSize('<!-- made by hand --><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,200,100"><g viewBox="0 0 1 1"/></svg>')).toEqual({ width: 200, height: 100 });
    expect(svgSize("<svg height='10' width='30'></svg>")).toEqual({ width: 30, height: 10 });
    // A relative width says nothing about the shape: OpenMoji's 72 × 72.
    expect(svgSize('<svg width="100%" height="100%"></svg>')).toEqual({ width: 72, height: 72 });
  });
});

function item(picture: string): string {
  return `easyRead:
  sections:
    - heading: About us
      items:
        - picture: ${picture}
          alt: Our town hall.
          text:
            - We are Test Council.
`;
}
