/**
 * The accessibility gate: every page and PDF of a built site, checked before anyone can publish it.
 * The runner (runner.ts) schedules the check modules (checks/: pa11y with axe-core,
 * html-validate, links, PDF structure) over the site, with a result cache, a JSON report and a
 * console summary. This file only gathers the public API; nothing inside src/check imports it.
 */
export { runGate, defaultConcurrency, DEFAULT_CACHE_DIR, DEFAULT_REPORT_PATH, GATE_VERSION, PAGE_TIMEOUT_MS, type GateOptions } from './runner.js';
export { gateChecks, describeGateChecks } from './checks/all.js';
export { BrowserNotFoundError, findBrowser } from './browser.js';
export { accessibilityStatement, type AccessibilityStatementView, type BuildTest } from './statement.js';
export { failedWhere, formatSummary } from './summary.js';
export { serveSite, type SiteServer } from './serve.js';
export { inShard, parseShard, planShards, shardOf, type Shard } from './shard.js';
export { mergeGateResults } from './merge.js';
export { gateStatement } from './statement.js';
export type { CheckContext, CheckDescription, Finding, GateResult, GateStatement, PageCheck, PageResult, PageToCheck, Verdict } from './types.js';
