/** The bench's memory figures: PSS (shared pages counted once) beside the RSS sum. */
import { describe, expect, it } from 'vitest';
import { parseSmapsRollupPssKb, parseStatusRssKb, treeMemory } from '../../scripts/bench/process-tree.js';

const rollup = `55db285d8000-7fff213e2000 ---p 00000000 00:00 0                          [rollup]
Rss:                1736 kB
Pss:                 286 kB
Pss_Dirty:           112 kB
Pss_Anon:            112 kB
Shared_Clean:       1588 kB
`;

describe('process memory figures', () => {
  it('reads Pss from smaps_rollup, not Pss_Dirty or Pss_Anon', () => {
    expect(parseSmapsRollupPssKb(rollup)).toBe(286);
    expect(parseSmapsRollupPssKb('Rss: 10 kB\n')).toBeUndefined();
    expect(parseSmapsRollupPssKb('')).toBeUndefined();
  });

  it('reads VmRSS from status, and 0 when a process has none', () => {
    expect(parseStatusRssKb('Name:\tnode\nVmHWM:\t  90000 kB\nVmRSS:\t   65432 kB\nRssAnon:\t 1 kB\n')).toBe(65432);
    expect(parseStatusRssKb('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBe(0);
  });

  it.runIf(process.platform === 'linux')('measures this process: PSS is above 0 and no more than the RSS sum', async () => {
    const memory = await treeMemory(process.pid);
    expect(memory.processes).toBeGreaterThanOrEqual(1);
    expect(memory.pssBytes).toBeGreaterThan(0);
    expect(memory.pssBytes).toBeLessThanOrEqual(memory.rssSumBytes);
  });
});
