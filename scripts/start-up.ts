/**
 * Start-up guard for every script: a package that is not installed (npm ci not run, or run
 * before a dependency was added) is one line saying so and what to do, never a stack trace:
 *
 *   (environment) error [dependency-missing] the package @fontsource/atkinson-hyperlegible is not installed.
 *       Run npm ci (in the project folder), then try again.
 *
 * The npm scripts load it before the script itself (node --import tsx --import ./scripts/start-up.ts), so
 * it also catches a package that a script imports directly, which fails before any of the
 * script's own code runs; each script imports it first too, for when it is run with tsx alone.
 * The environment variables are read by src/config.ts (readEnvironment), whose diagnostics the
 * scripts print the same way (environmentOrExit).
 */
import { missingDependencyMessage, readEnvironment, type Environment } from '../src/config.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';

function onFailure(error: unknown): void {
  const message = missingDependencyMessage(error);
  if (message) {
    console.error(message);
    process.exit(2);
  }
  // Anything else is a fault in the program, not in the content or the environment: show it whole.
  console.error(error);
  process.exit(1);
}

const flag = Symbol.for('notice-site.start-up');
const registry = globalThis as unknown as Record<symbol, boolean>;
if (!registry[flag]) {
  registry[flag] = true;
  process.on('uncaughtException', onFailure);
  process.on('unhandledRejection', onFailure);
}

/** The environment (src/config.ts), or its problems printed one line each and exit code 2. */
export function environmentOrExit(env: NodeJS.ProcessEnv = process.env): Environment {
  const { environment, diagnostics } = readEnvironment(env);
  if (diagnostics.length) {
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    process.exit(2);
  }
  return environment;
}
