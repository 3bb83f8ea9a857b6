import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { rebuildDirtyQualityMonths } from './commands/rebuildQuality.js';
import { PASS_MONTHS, rebuildDirtyMonths } from './commands/rebuildSummaries.js';

/**
 * The worker that keeps the dashboard's summaries (metrics/summaries.ts: years, months, and the
 * days of recent months; the answer quality ones of metrics/qualitySummaries.ts) current:
 * the rebuilding itself is a command (commands/rebuildSummaries.ts). A pass rebuilds at most
 * PASS_MONTHS months, a kept month only its changed days.
 */
export interface RollupWorker {
  stop(): Promise<void>;
}

/** Rebuilds dirty months every `everyMs`, and again at once while a pass was full. */
export function startRollupWorker({ db, everyMs, logger }: { db: Db; everyMs: number; logger: Logger }): RollupWorker {
  const log = logger.child({ component: 'dashboard' });
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = rebuildDirtyMonths(db)
      // One after the other: the embedded database has one connection.
      .then(async (months) => [months, await rebuildDirtyQualityMonths(db)] as const)
      .then(([months, quality]) => {
        if (months.length || quality.length) log.debug({ months, quality }, 'dashboard summaries rebuilt');
        return months.length >= PASS_MONTHS || quality.length >= PASS_MONTHS;
      })
      .catch((err) => {
        // A failed pass is logged and the next one tries again: the worker keeps running.
        log.error({ err }, 'dashboard summaries: rebuild failed');
        return false;
      })
      .then((more) => {
        if (!stopping) timer = setTimeout(tick, more ? 0 : everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
