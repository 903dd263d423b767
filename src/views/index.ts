/** The models both renderers draw: the page templates and the PDF renderer lay out only what these say. */
export * from './inline.js';
export * from './notice.js';
export * from './easy-read.js';
export * from './updates.js';
export * from './history.js';
export * from './feeds.js';
export { helpContact } from './help.js';
