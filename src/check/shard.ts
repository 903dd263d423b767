/**
 * Sharding: `npm run check -- --shard 2/3` checks a deterministic third of the site, so several
 * machines (a GitHub Actions matrix) can share a large site's check. Every page, PDF and stylesheet
 * goes to the shard that the hash of its site path names: the same path always lands in the same
 * shard, whatever else the site holds, and the shards 1/n … n/n together hold every item exactly once.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based: 1 … count. */
  index: number;
  count: number;
}

/** "2/3" → { index: 2, count: 3 }; undefined when it is not of that form, with 1 ≤ index ≤ count. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** The shard (1 … count) a site path belongs to: the first 48 bits of its SHA-256, modulo count. */
export function shardOf(sitePath: string, count: number): number {
  const hash = createHash('sha256').update(sitePath).digest();
  return (hash.readUIntBE(0, 6) % count) + 1;
}

export function inShard(sitePath: string, shard: Shard | undefined): boolean {
  return !shard || shard.count === 1 || shardOf(sitePath, shard.count) === shard.index;
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** Shards for a site of `pages` pages, at most `perShard` each: 1 shard (["1/1"]) up to that size. */
export function planShards(pages: number, perShard: number): { shards: number; matrix: string[] } {
  const shards = Math.max(1, Math.ceil(pages / Math.max(1, perShard)));
  return { shards, matrix: Array.from({ length: shards }, (_, i) => `${i + 1}/${shards}`) };
}
