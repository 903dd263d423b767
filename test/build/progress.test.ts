import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, progressLine } from '../../src/build/progress.js';

function clock(start = 0) {
  const state = { t: start };
  return { now: () => state.t, set: (t: number) => (state.t = t) };
}

describe('progress', () => {
  it('estimates the time left from the pace so far', () => {
    expect(progressLine('PDFs', 100, 400, 30_000)).toBe('PDFs 100/400 (25%), about 1 min 30 s left');
    expect(progressLine('PDFs', 400, 400, 30_000)).toBe('PDFs 400/400 (100%)');
    expect(progressLine('Pages', 1, 4, 1000, 8)).toBe('[##------] Pages 1/4 (25%), about 3 s left');
  });

  it('says nothing about work that ends within the quiet time', () => {
    const c = clock();
    const out: string[] = [];
    const p = createProgress({ label: 'PDFs', total: 10, live: false, write: (t) => out.push(t), now: c.now });
    for (let i = 0; i < 10; i++) {
      c.set(i * 200);
      p.advance();
    }
    p.finish();
    expect(out).toEqual([]);
  });

  it('prints a line every ten seconds in a log, then the total', () => {
    const c = clock();
    const out: string[] = [];
    const p = createProgress({ label: 'Pages', total: 100, live: false, write: (t) => out.push(t), now: c.now });
    for (let i = 1; i <= 100; i++) {
      c.set(i * 500); // one page every half second: 50 s in all
      p.advance();
    }
    p.finish();
    // First line after the quiet time (3 s), then every 10 s: at 3 s, 13 s, 23 s, 33 s, 43 s.
    expect(out.filter((l) => l.includes('left'))).toHaveLength(5);
    expect(out[0]).toBe('Pages 6/100 (6%), about 47 s left\n');
    expect(out.at(-1)).toBe('Pages: 100/100 in 50 s\n');
    expect(out.every((l) => !l.includes('\r'))).toBe(true);
  });

  it('redraws one line in a terminal and ends it with a newline', () => {
    const c = clock();
    const out: string[] = [];
    const p = createProgress({ label: 'PDFs', total: 4, live: true, write: (t) => out.push(t), now: c.now, quietMs: 0, barWidth: 4 });
    c.set(1000);
    p.advance();
    c.set(2000);
    p.advance(3);
    p.finish();
    expect(out[0]).toBe('\r[#---] PDFs 1/4 (25%), about 3 s left\x1b[K');
    expect(out.at(-1)).toBe('\rPDFs: 4/4 in 2 s\x1b[K\n');
  });

  it('writes durations people read', () => {
    expect(formatDuration(400)).toBe('0 s');
    expect(formatDuration(61_000)).toBe('1 min 01 s');
    expect(formatDuration(3_726_000)).toBe('1 h 02 min');
  });
});
