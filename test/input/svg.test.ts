import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSvgSanitiser, sanitiseSvg, svgMessage } from '../../src/input/svg.js';
import { LIMITS } from '../../src/input/limits.js';
import { REPO_ROOT } from '../helpers/project.js';

// One window for the whole file: making one costs about 50 ms.
const context = createSvgSanitiser();
afterAll(() => context.close());

const wrap = (inner: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${inner}</svg>`;

function cleaned(text: string) {
  const result = sanitiseSvg(text, LIMITS, context);
  if ('error' in result) throw new Error(`refused: ${result.error}`);
  return result;
}

function refused(text: string, limits = LIMITS) {
  const result = sanitiseSvg(text, limits, context);
  if (!('error' in result)) throw new Error(`not refused: ${result.svg}`);
  return result.error;
}

describe('sanitiseSvg: hostile pictures', () => {
  it('removes <script> elements', () => {
    const result = cleaned(wrap('<script>alert(1)</script><script xlink:href="https://evil.example/x.js"/><rect width="1" height="1"/>'));
    expect(result.svg).not.toMatch(/script|alert/);
    expect(result.svg).toContain('<rect');
    expect(result.changes).toContain('removed 2 <script> elements');
  });

  it('removes event handlers', () => {
    const result = cleaned(wrap('<rect width="1" height="1" onclick="x()" onmouseover="y()"/>', ' onload="alert(1)"'));
    expect(result.svg).not.toMatch(/onload|onclick|onmouseover|alert/);
    expect(result.changes).toEqual(expect.arrayContaining(['removed the onload attribute from <svg>', 'removed the onclick attribute from <rect>', 'removed the onmouseover attribute from <rect>']));
  });

  it('removes javascript: links', () => {
    const result = cleaned(wrap('<a href="javascript:alert(1)"><rect width="1" height="1"/></a><a xlink:href=" JaVaScRiPt:alert(2)"><circle r="1"/></a>'));
    expect(result.svg).not.toMatch(/javascript/i);
    expect(result.changes.join('\n')).toMatch(/removed the href attribute from <a>/);
    expect(result.changes.join('\n')).toMatch(/removed the xlink:href attribute from <a>/);
  });

  it('removes external <image> and <use> references, keeps those inside the picture', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const result = cleaned(
      wrap(`<defs><circle id="dot" r="1"/></defs><image href="https://evil.example/track.png"/><image xlink:href="file:///etc/passwd"/><image href="${png}"/><use href="https://evil.example/a.svg#x"/><use href="#dot"/>`),
    );
    expect(result.svg).not.toMatch(/evil|file:/);
    expect(result.svg).toContain(png);
    expect(result.changes).toContain('removed 2 <image> elements that load another file');
    expect(result.svg).toContain('<use href="#dot"/>');
    expect(result.changes).toContain('removed the href attribute from <use>, which pointed outside the picture');
  });

  it('removes references hidden in filters, patterns and xml:base', () => {
    const result = cleaned(
      wrap('<filter id="f"><feImage href="https://evil.example/x.png"/></filter><pattern id="p" xlink:href="https://evil.example/p.svg#q"/><g xml:base="https://evil.example/"><use href="#p"/></g>'),
    );
    expect(result.svg).not.toMatch(/evil/);
    expect(result.changes).toEqual([
      'removed the href attribute from <feImage>, which pointed outside the picture',
      'removed the xlink:href attribute from <pattern>, which pointed outside the picture',
      'removed the xml:base attribute from <g>',
    ]);
  });

  it('removes foreignObject with an iframe', () => {
    const result = cleaned(wrap('<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject><rect width="1" height="1"/>'));
    expect(result.svg).not.toMatch(/foreignObject|iframe|evil/i);
    expect(result.changes).toContain('removed a <foreignObject> element');
  });

  it('removes style sheets that import others, and url() outside the picture', () => {
    const result = cleaned(
      wrap(
        '<style>@import url(https://evil.example/a.css); rect { fill: red }</style><style>circle { fill: blue }</style>' +
          '<rect width="1" height="1" style="fill: url(https://evil.example/p.svg#g)"/><circle r="1" fill="url(https://evil.example/g.svg#x)"/>' +
          '<linearGradient id="g"><stop offset="0"/></linearGradient><rect width="1" height="1" fill="url(#g)"/>',
      ),
    );
    expect(result.svg).not.toMatch(/evil|@import/);
    expect(result.svg).toContain('circle { fill: blue }');
    expect(result.svg).toContain('fill="url(#g)"');
    expect(result.changes).toEqual(
      expect.arrayContaining([
        'removed a <style> element that loads other files',
        'removed the style attribute from <rect>, which pointed outside the picture',
        'removed the fill attribute from <circle>, which pointed outside the picture',
      ]),
    );
  });

  it('removes an xml-stylesheet instruction', () => {
    const result = cleaned(`<?xml version="1.0"?>\n<?xml-stylesheet href="https://evil.example/x.css" type="text/css"?>\n${wrap('<rect width="1" height="1"/>')}`);
    expect(result.svg).not.toMatch(/stylesheet|evil/);
    expect(result.changes).toContain('removed the <?xml-stylesheet?> instruction');
  });

  it('refuses XXE and entity bombs before parsing', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${wrap('<text>&x;</text>')}`;
    const bomb = `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${wrap('<text>&c;</text>')}`;
    for (const text of [xxe, bomb]) expect(refused(text)).toMatch(/DOCTYPE or entities/);
    expect(refused(`<!doctype svg>${wrap('')}`)).toMatch(/DOCTYPE/);
  });

  it('refuses broken files and files that are not SVG, with the parser position', () => {
    expect(refused('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toMatch(/not well-formed SVG: 1:\d+/);
    expect(refused('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toMatch(/not an SVG picture/);
    expect(refused('<svg><rect/></svg>')).toMatch(/not an SVG picture/); // no SVG namespace
    expect(refused('')).toMatch(/not well-formed/);
  });

  it('refuses pictures over the size limits', () => {
    expect(refused(wrap('<rect/>'.repeat(50)), { ...LIMITS, pictureElements: 20 })).toMatch(/51 elements, more than the limit of 20/);
    expect(refused(wrap(' '.repeat(2000)), { ...LIMITS, pictureBytes: 1000 })).toMatch(/more than the limit of 1,000 bytes/);
  });

  it('gives catalogue messages for changed and refused pictures', () => {
    const file = 'data/pictures/test-council/logo.svg';
    expect(svgMessage(file, { svg: '', changes: [] })).toBeUndefined();
    expect(svgMessage(file, { svg: '', changes: ['removed a <script> element'] })).toEqual({
      code: 'picture-changed',
      severity: 'warning',
      message: `the picture ${file} was cleaned before publishing: removed a <script> element.`,
    });
    expect(svgMessage(file, { error: 'it is broken.' })).toMatchObject({ code: 'picture-refused', severity: 'error' });
  });

  it('works without a context (one window per call)', () => {
    const result = sanitiseSvg(wrap('<script>1</script>'));
    expect(result).toMatchObject({ changes: ['removed a <script> element'] });
  });
});

describe('sanitiseSvg: clean pictures', () => {
  const openmoji = path.join(REPO_ROOT, 'node_modules/openmoji/color/svg');

  it('leaves OpenMoji pictures unchanged in meaning', () => {
    for (const name of ['1F4DE.svg', '1F3DB.svg', '1F9D1-200D-2696-FE0F.svg', '2696.svg']) {
      const text = readFileSync(path.join(openmoji, name), 'utf8');
      const result = cleaned(text);
      expect(result.changes, name).toEqual([]);
      const elements = (svg: string) => svg.match(/<[a-zA-Z][^\s/>]*/g);
      expect(elements(result.svg), name).toEqual(elements(text));
      expect(result.svg.replace(/\s+/g, ' ').length, name).toBeGreaterThan(text.replace(/\s+/g, ' ').length * 0.95);
    }
  });

  it('keeps gradients, fragment references and embedded bitmaps', () => {
    const text = wrap('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="1" height="1" fill="url(#g)"/><image href="data:image/jpeg;base64,/9j/4AAQ"/><use xlink:href="#g"/>');
    const result = cleaned(text);
    expect(result.changes).toEqual([]);
    expect(result.svg).toContain('fill="url(#g)"');
    expect(result.svg).toContain('data:image/jpeg;base64');
  });
});
