/**
 * The ids of the completeness report. They live in the content model (src/model/gdpr-ids.ts),
 * since the notice schema accepts them in `covers` and `exemptions`; re-exported here for the engine.
 */
export * from '../model/gdpr-ids.js';
