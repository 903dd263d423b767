// Search on the search page, with the Pagefind index the build writes to /pagefind/. The page works
// without this script (it lists every notice); with it, the matching notices are shown in a list
// above, the number found is announced (role="status"), and the address keeps the search (?q=…)
// so the back button and shared links work.
const form = document.querySelector('[data-search-form]');
const input = form && form.querySelector('input[name="q"]');
const box = document.querySelector('[data-search-results]');
const status = document.querySelector('[data-search-status]');
const list = document.querySelector('[data-search-list]');
const noJs = document.querySelector('[data-search-nojs]');
let pagefind;

async function loadPagefind() {
  if (!pagefind) {
    const base = new URL(form.dataset.pagefind, document.baseURI);
    const baseUrl = new URL('..', base).pathname;
    const engine = await import(`${base.pathname}pagefind.js`);
    await engine.options({ baseUrl });
    // A large site's index comes in parts (parts.json lists the others): search them all as one.
    const listed = await fetch(new URL('parts.json', base)).then((response) => (response.ok ? response.json() : { parts: [] }), () => ({ parts: [] }));
    for (const part of listed.parts || []) await engine.mergeIndex(new URL(part, base).pathname, { baseUrl });
    engine.init();
    pagefind = engine;
  }
  return pagefind;
}

function element(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function search(query) {
  const words = query.trim();
  list.replaceChildren();
  if (!words) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  status.textContent = 'Searching…';
  let found;
  try {
    const engine = await loadPagefind();
    const response = await engine.search(words);
    found = await Promise.all(response.results.slice(0, 50).map((result) => result.data()));
  } catch {
    status.textContent = 'Search is not working at the moment. Every notice is listed below.';
    return;
  }
  for (const page of found) {
    const item = element('li', { class: 'search-results__item' });
    const heading = element('h3', { class: 'heading-m' });
    heading.append(element('a', { href: page.url }, page.meta && page.meta.title ? page.meta.title : page.url));
    item.append(heading);
    // Pagefind's excerpt is escaped text with <mark> around the words found.
    const excerpt = element('p');
    excerpt.innerHTML = page.excerpt;
    item.append(excerpt);
    list.append(item);
  }
  const n = found.length;
  status.textContent = n === 0 ? `No notices found for ‘${words}’. Try other words, or look through every notice below.` : `${n} notice${n === 1 ? '' : 's'} found for ‘${words}’.`;
}

if (form && input && box && status && list) {
  if (noJs) noJs.hidden = true;
  const query = new URLSearchParams(location.search).get('q') || '';
  input.value = query;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.pushState(null, '', url);
    search(input.value);
  });
  window.addEventListener('popstate', () => {
    input.value = new URLSearchParams(location.search).get('q') || '';
    search(input.value);
  });
  if (query) search(query);
}
