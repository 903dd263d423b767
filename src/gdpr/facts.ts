/**
 * The facts a notice states at its top (where the data comes from, lawful bases, transfers,
 * automated decisions, exemptions). The schema lives in the content model (src/model/facts.ts),
 * since the notice schema includes it; re-exported here for the engine.
 */
export * from '../model/facts.js';
