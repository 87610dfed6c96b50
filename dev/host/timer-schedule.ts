import { CronExpressionParser } from "cron-parser";
import type { Timer } from "@azure/functions";

/** Raised for a schedule the Functions host would reject. */
export class TimerScheduleError extends Error {
  override readonly name = "TimerScheduleError";
}

/**
 * Validates an NCRONTAB expression as the Functions host reads it: six fields, seconds first, UTC.
 * cron-parser would also take five fields (no seconds), which Azure rejects, so that is checked here.
 */
export function parseNcrontab(schedule: string): { next(after: Date): Date } {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new TimerScheduleError(`Timer schedule "${schedule}" must have 6 fields (second minute hour day month day-of-week).`);
  }
  try {
    CronExpressionParser.parse(schedule, { tz: "UTC" });
  } catch (e) {
    throw new TimerScheduleError(`Timer schedule "${schedule}" is invalid: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    next: (after) => CronExpressionParser.parse(schedule, { tz: "UTC", currentDate: after }).next().toDate(),
  };
}

/** The timer argument a timer trigger receives, shaped like the real host's. */
export function timerInfo(isPastDue: boolean, last: Date | undefined, next: Date | undefined): Timer {
  return {
    isPastDue,
    schedule: { adjustForDST: false },
    scheduleStatus: {
      last: (last ?? new Date(0)).toISOString(),
      next: (next ?? new Date(0)).toISOString(),
      lastUpdated: new Date().toISOString(),
    },
  };
}

/** One timer function the scheduler drives. */
export interface ScheduledTimer {
  name: string;
  /** Already resolved (no `%SETTING%` left). */
  schedule: string;
  runOnStartup?: boolean;
  fire: (timer: Timer) => Promise<void>;
}

// setTimeout overflows past ~24.8 days; longer waits are taken in steps.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Fires timer functions on their NCRONTAB schedules until stopped; one run of a timer at a time. */
export class TimerScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly entries: readonly ScheduledTimer[],
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const entry of entries) parseNcrontab(entry.schedule);
  }

  /** Arms every timer, and runs those with runOnStartup once now. */
  start(): void {
    for (const entry of this.entries) {
      const cron = parseNcrontab(entry.schedule);
      if (entry.runOnStartup) this.track(entry.fire(timerInfo(false, undefined, cron.next(this.now()))));
      this.arm(entry, cron, undefined);
    }
  }

  /** Disarms every timer and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private arm(entry: ScheduledTimer, cron: { next(after: Date): Date }, last: Date | undefined): void {
    if (this.stopped) return;
    const due = cron.next(this.now());
    const wait = (target: Date) => {
      const delay = Math.min(Math.max(0, target.getTime() - this.now().getTime()), MAX_TIMEOUT_MS);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.now().getTime() < target.getTime()) return wait(target);
        const run = entry.fire(timerInfo(false, last, cron.next(target)));
        this.track(run);
        void run.catch(() => undefined).finally(() => this.arm(entry, cron, target));
      }, delay);
      this.timers.add(timer);
    };
    wait(due);
  }

  private track(run: Promise<void>): void {
    const tracked = run.catch(() => undefined).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
