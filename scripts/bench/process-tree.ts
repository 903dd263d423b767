/**
 * Peak resident memory of a whole process tree (a build and everything it starts: worker
 * threads, the browser and its renderer processes), sampled from /proc every 200 ms. Linux only;
 * elsewhere it reports the child's own peak from its resource usage.
 */
import { readFile, readdir } from 'node:fs/promises';

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

async function rssKb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export async function treeRssBytes(root: number): Promise<number> {
  let total = 0;
  const queue = [root];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += await rssKb(pid);
    queue.push(...(await childrenOf(pid)));
  }
  return total * 1024;
}

/** Samples the tree under `pid` until stopped; resolves to the peak seen. */
export function watchTreeRss(pid: number, intervalMs = 200): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await treeRssBytes(pid));
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
