/**
 * Progress for long work (PDFs, the accessibility check): a count and an estimate of the time
 * left. In a terminal it redraws one line in place; in CI logs, where a redrawn line is noise, it
 * prints a line at most every ten seconds. Short jobs (under a few seconds) print nothing at all.
 * The clock and the output are passed in, so the reporter keeps no hidden state and tests run on a
 * fixed clock.
 */
export interface ProgressOptions {
  label: string;
  total: number;
  /** true: redraw one line (a terminal); false: a line every `intervalMs` (CI logs). */
  live: boolean;
  write: (text: string) => void;
  now?: () => number;
  /** Nothing is shown before this much time has passed. Default 3 s. */
  quietMs?: number;
  /** Gap between lines in a log. Default 10 s. */
  intervalMs?: number;
  /** Width of the bar in a terminal. Default 24 characters. */
  barWidth?: number;
}

export interface Progress {
  /** `done` more items finished. */
  advance(done?: number): void;
  /** The work is over: ends a live line, says how long it took if anything was shown. */
  finish(): void;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "PDFs 120/400 (30%), about 1 min 10 s left" (a bar in front of it when live). */
export function progressLine(label: string, done: number, total: number, elapsedMs: number, barWidth?: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const left = done > 0 && done < total ? `, about ${formatDuration((elapsedMs / done) * (total - done))} left` : '';
  const bar = barWidth ? `[${'#'.repeat(Math.round(share * barWidth)).padEnd(barWidth, '-')}] ` : '';
  return `${bar}${label} ${done}/${total} (${Math.floor(share * 100)}%)${left}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const quietMs = options.quietMs ?? 3000;
  const intervalMs = options.intervalMs ?? 10_000;
  const started = now();
  let done = 0;
  let lastShown: number | undefined;
  let shownLive = false;

  const show = (at: number) => {
    const line = progressLine(options.label, done, options.total, at - started, options.live ? (options.barWidth ?? 24) : undefined);
    if (options.live) {
      options.write(`\r${line}\x1b[K`);
      shownLive = true;
    } else options.write(`${line}\n`);
    lastShown = at;
  };

  return {
    advance(count = 1) {
      done = Math.min(options.total, done + count);
      const at = now();
      if (at - started < quietMs) return;
      if (lastShown === undefined || (options.live ? at - lastShown >= 100 : at - lastShown >= intervalMs)) show(at);
    },
    finish() {
      if (lastShown === undefined) return;
      const elapsed = now() - started;
      const end = `${options.label}: ${done}/${options.total} in ${formatDuration(elapsed)}`;
      options.write(options.live && shownLive ? `\r${end}\x1b[K\n` : `${end}\n`);
    },
  };
}

/** Live in a terminal, a line every ten seconds otherwise (CI, a log file). */
export function progressToStderr(label: string, total: number, stream: NodeJS.WriteStream, ci: boolean): Progress {
  return createProgress({ label, total, live: Boolean(stream.isTTY) && !ci, write: (text) => stream.write(text) });
}
