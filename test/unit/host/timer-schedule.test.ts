import { afterEach, describe, expect, it, vi } from "vitest";
import { MissingAppSettingError, applySettings, resolveAppSettingReferences } from "../../../dev/host/app-settings";
import { parseTimeSpan } from "../../../dev/host/host-config";
import { TimerScheduleError, TimerScheduler, parseNcrontab } from "../../../dev/host/timer-schedule";

afterEach(() => {
  vi.useRealTimers();
});

describe("timer schedules", () => {
  it("reads six-field NCRONTAB in UTC, seconds first", () => {
    const cron = parseNcrontab("0 0 2 * * *");
    expect(cron.next(new Date("2025-03-01T01:59:59Z")).toISOString()).toBe("2025-03-01T02:00:00.000Z");
    expect(cron.next(new Date("2025-03-01T02:00:00Z")).toISOString()).toBe("2025-03-02T02:00:00.000Z");
    expect(parseNcrontab("*/30 * * * * *").next(new Date("2025-03-01T00:00:01Z")).toISOString()).toBe("2025-03-01T00:00:30.000Z");
  });

  it("rejects five-field cron and nonsense as the Functions host does", () => {
    expect(() => parseNcrontab("0 2 * * *")).toThrow(TimerScheduleError);
    expect(() => parseNcrontab("every night at two")).toThrow(TimerScheduleError);
  });

  it("resolves %SETTING% references and fails on a missing setting", () => {
    expect(resolveAppSettingReferences("%AUDIT_SCHEDULE%", { AUDIT_SCHEDULE: "0 30 1 * * *" })).toBe("0 30 1 * * *");
    expect(resolveAppSettingReferences("plain-queue", {})).toBe("plain-queue");
    expect(() => resolveAppSettingReferences("%NOPE%", {})).toThrow(MissingAppSettingError);
  });

  it("fires a timer at its next occurrence and again at the one after", async () => {
    vi.useFakeTimers({ now: new Date("2025-03-01T00:00:00Z") });
    const fired: string[] = [];
    const scheduler = new TimerScheduler([
      { name: "t", schedule: "0 */10 * * * *", fire: async (timer) => void fired.push(timer.scheduleStatus.next) },
    ]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fired).toEqual(["2025-03-01T00:20:00.000Z"]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fired).toHaveLength(2);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(fired).toHaveLength(2);
  });

  it("runs a runOnStartup timer once when started", async () => {
    vi.useFakeTimers({ now: new Date("2025-03-01T00:00:00Z") });
    let runs = 0;
    const scheduler = new TimerScheduler([{ name: "t", schedule: "0 0 2 * * *", runOnStartup: true, fire: async () => void runs++ }]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await scheduler.stop();
  });
});

describe("settings and host.json values", () => {
  it("applies file values only where the environment has none", () => {
    const env: NodeJS.ProcessEnv = { KEEP: "from-env" };
    const applied = applySettings({ KEEP: "from-file", ADD: "from-file" }, env);
    expect(env).toEqual({ KEEP: "from-env", ADD: "from-file" });
    expect(applied).toEqual(["ADD"]);
  });

  it("parses host.json TimeSpans", () => {
    expect(parseTimeSpan("00:05:00")).toBe(300_000);
    expect(parseTimeSpan("1.00:00:01.5")).toBe(86_401_500);
    expect(() => parseTimeSpan("5m")).toThrow();
  });
});
