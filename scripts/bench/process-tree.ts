/**
 * Peak memory of a whole process tree (a build and everything it starts: worker threads, the
 * browser and its renderer processes), sampled from /proc every 200 ms. Linux only; elsewhere the
 * figures are 0 and the bench falls back on the child's own peak from its resource usage.
 *
 * Two figures are kept, because they answer different questions:
 * - PSS (proportional set size, `Pss:` in /proc/<pid>/smaps_rollup) counts a page shared by n
 *   processes as 1/n in each, so the tree's sum counts Chromium's shared memory (its program, its
 *   fonts, the pages its zygote shares with every renderer) once. It is the memory the tree really
 *   takes, and the figure the gate's 1 GiB limit is about.
 * - The sum of every process's VmRSS counts each shared page again in every process that maps it,
 *   so a browser of six processes looks several hundred MB larger than it is. Kept beside PSS for
 *   comparison with figures measured before PSS was.
 * A page shared with a process outside the tree (another Chromium on the same machine) is split
 * with it too, so on a busy machine PSS can read a little low; the RSS sum is the upper bound.
 */
import { readFile, readdir } from 'node:fs/promises';

export interface TreeMemory {
  /** Sum of the tree's proportional set sizes, in bytes. */
  pssBytes: number;
  /** Sum of the tree's resident set sizes (shared pages counted once per process), in bytes. */
  rssSumBytes: number;
  /** Processes in the tree when sampled. */
  processes: number;
}

/** VmRSS in kB from the text of /proc/<pid>/status; 0 when absent (a kernel thread, a zombie). */
export function parseStatusRssKb(status: string): number {
  return Number(/^VmRSS:\s+(\d+)\s*kB/m.exec(status)?.[1] ?? 0);
}

/** Pss in kB from the text of /proc/<pid>/smaps_rollup; undefined when the line is missing. */
export function parseSmapsRollupPssKb(rollup: string): number | undefined {
  const match = /^Pss:\s+(\d+)\s*kB/m.exec(rollup);
  return match ? Number(match[1]) : undefined;
}

async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = await readdir(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const text = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8');
      for (const child of text.split(/\s+/).filter(Boolean)) out.push(Number(child));
    } catch {
      // the task ended while we looked
    }
  }
  return out;
}

async function readOr(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** One process's figures in kB. Without smaps_rollup (kernels before 4.14) PSS falls back on RSS. */
async function processMemoryKb(pid: number): Promise<{ pss: number; rss: number }> {
  const [status, rollup] = await Promise.all([readOr(`/proc/${pid}/status`), readOr(`/proc/${pid}/smaps_rollup`)]);
  const rss = parseStatusRssKb(status);
  return { rss, pss: parseSmapsRollupPssKb(rollup) ?? rss };
}

export async function treeMemory(root: number): Promise<TreeMemory> {
  let pss = 0;
  let rss = 0;
  const queue = [root];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const memory = await processMemoryKb(pid);
    pss += memory.pss;
    rss += memory.rss;
    queue.push(...(await childrenOf(pid)));
  }
  return { pssBytes: pss * 1024, rssSumBytes: rss * 1024, processes: seen.size };
}

/** The RSS sum alone (the figure reported before PSS was measured). */
export async function treeRssBytes(root: number): Promise<number> {
  return (await treeMemory(root)).rssSumBytes;
}

export interface TreePeaks {
  /** Highest PSS sum seen: the tree's real peak. */
  peakPssBytes: number;
  /** Highest RSS sum seen (not necessarily in the same sample). */
  peakRssSumBytes: number;
}

/** Samples the tree under `pid` until stopped; resolves to the peaks seen. */
export function watchTreeMemory(pid: number, intervalMs = 200): { stop(): Promise<TreePeaks> } {
  const peaks: TreePeaks = { peakPssBytes: 0, peakRssSumBytes: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const sample = await treeMemory(pid);
      peaks.peakPssBytes = Math.max(peaks.peakPssBytes, sample.pssBytes);
      peaks.peakRssSumBytes = Math.max(peaks.peakRssSumBytes, sample.rssSumBytes);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ...peaks };
    },
  };
}

/** The tree's peak as PSS (see the top of this file); the bench's figure. */
export function watchTreeRss(pid: number, intervalMs = 200): { stop(): Promise<number> } {
  const watch = watchTreeMemory(pid, intervalMs);
  return { stop: async () => (await watch.stop()).peakPssBytes };
}
