/**
 * The one place that reads the environment. Scripts call readEnvironment(process.env) and pass
 * the values on (loadSite's `deployment`, the build's options), so nothing under src/ depends on
 * the process it happens to run in, and a test can give any values it likes.
 *
 * - SITE_URL, PATH_PREFIX: where the site is deployed, when that differs from data/site.yaml
 *   (a preview, or GitHub Pages under /<repository>/);
 * - CI=true: running on a build server (the accessibility check then needs its browser);
 * - GITHUB_ACTIONS=true: diagnostics are also printed as GitHub annotations.
 */
import { diagnostic } from './diagnostics/catalogue.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics/diagnostic.js';
import type { OutputFormat } from './diagnostics/format.js';

/** Where the site is deployed, overriding data/site.yaml's url and pathPrefix. */
export interface Deployment {
  url?: string;
  pathPrefix?: string;
}

export interface Environment {
  deployment: Deployment;
  /** CI=true */
  ci: boolean;
  /** GITHUB_ACTIONS=true: also print each diagnostic as a GitHub annotation. */
  githubActions: boolean;
}

const PATH_PREFIX_FORM = /^\/(?:[A-Za-z0-9._-]+\/)*$/;
const URL_FORM = /^https?:\/\/\S+$/;
/** Messages about the environment name no file: they are printed as "(environment) error [code] …". */
const ENVIRONMENT = { file: '(environment)', line: 0, column: 0 };

/** The settings in `env`, and a diagnostic for each variable that is set to something unusable. */
export function readEnvironment(env: NodeJS.ProcessEnv): { environment: Environment; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const deployment: Deployment = {};
  if (env.SITE_URL) {
    if (URL_FORM.test(env.SITE_URL)) deployment.url = env.SITE_URL;
    else diagnostics.push(diagnostic('bad-site-url', { variable: 'SITE_URL', value: env.SITE_URL }, ENVIRONMENT));
  }
  if (env.PATH_PREFIX) {
    const prefix = normalisePathPrefix(env.PATH_PREFIX);
    if (prefix) deployment.pathPrefix = prefix;
    else diagnostics.push(diagnostic('bad-path-prefix', { variable: 'PATH_PREFIX', value: env.PATH_PREFIX }, ENVIRONMENT));
  }
  return { environment: { deployment, ci: env.CI === 'true', githubActions: env.GITHUB_ACTIONS === 'true' }, diagnostics };
}

/** "notices", "/notices", "notices/" → "/notices/"; undefined when it cannot be a folder path. */
export function normalisePathPrefix(value: string): string | undefined {
  const prefix = `/${value.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return PATH_PREFIX_FORM.test(prefix) ? prefix : undefined;
}

/** The --format option: text (the default) or json; a diagnostic for anything else. */
export function readOutputFormat(value: string | undefined): { format: OutputFormat; diagnostics: Diagnostic[] } {
  if (value === undefined || value === 'text' || value === 'json') return { format: value ?? 'text', diagnostics: [] };
  return { format: 'text', diagnostics: [diagnostic('bad-output-format', { value }, { file: '(command line)', line: 0, column: 0 })] };
}

const MISSING = /Cannot find (?:module|package) '([^']+)'/;

/** The package a bare module specifier belongs to ("@scope/name/sub/path" → "@scope/name"); undefined for a file path. */
export function packageOf(specifier: string): string | undefined {
  if (/^(?:\.|\/|[A-Za-z]:[\\/]|file:|node:)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The one-line message (with its "run npm ci" hint) for an error that says a package is not
 * installed, or undefined for any other error. Used by the scripts' start-up guard (scripts/start-up.ts).
 */
export function missingDependencyMessage(error: unknown): string | undefined {
  // The error's code is lost when a stage wraps the error in its own message ("… could not be made: Cannot find module …").
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const specifier = MISSING.exec(message)?.[1];
  const name = specifier === undefined ? undefined : packageOf(specifier);
  return name ? formatDiagnostic(diagnostic('dependency-missing', { module: name }, ENVIRONMENT)) : undefined;
}
