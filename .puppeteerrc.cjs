// Puppeteer must never download its own browser here: only the npm registry and Debian's
// packages are reachable. The accessibility check uses the system Chromium instead
// (PUPPETEER_EXECUTABLE_PATH, else /usr/bin/chromium): see src/check/browser.ts.
module.exports = { skipDownload: true };
