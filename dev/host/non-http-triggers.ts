import { randomUUID } from "node:crypto";
import type { Timer } from "@azure/functions";
import type { FunctionDefinition } from "../../functions/define";
import type { LocalHostConfig } from "./host-config";
import { createInvocationContext, functionLogHandler, runLogged } from "./invocation-log";
import type { HostLogger } from "./invocation-log";
import { LocalQueueReceiver } from "./local-queue-receiver";
import type { QueueTriggerHandler } from "./local-queue-receiver";
import { TimerScheduler, parseNcrontab, timerInfo } from "./timer-schedule";

type TimerDefinition = Extract<FunctionDefinition, { kind: "timer" }>;
type QueueDefinition = Extract<FunctionDefinition, { kind: "serviceBusQueue" }>;

/** What {@link NonHttpTriggers} needs from the host. */
export interface NonHttpTriggerOptions {
  hostConfig: LocalHostConfig;
  /** Resolves `%SETTING%` references. */
  resolve: (text: string) => string;
  log: HostLogger;
  env: Readonly<Record<string, string | undefined>>;
  queue?: { lockSeconds?: number; maxDeliveryCount?: number; idlePollMs?: number };
}

/**
 * Timer and Service Bus triggers of the local host, plus the admin endpoint's "run it now".
 * Schedules and queue names are resolved up front, so a bad one stops the host at start as in Azure.
 */
export class NonHttpTriggers {
  private readonly timers: TimerDefinition[];
  private readonly queues: { definition: QueueDefinition; queueName: string }[];
  private readonly scheduler: TimerScheduler;
  private readonly receivers: LocalQueueReceiver[] = [];
  private readonly adminRuns = new Set<Promise<void>>();

  constructor(
    private readonly functions: readonly FunctionDefinition[],
    private readonly options: NonHttpTriggerOptions,
  ) {
    this.timers = functions.filter((f): f is TimerDefinition => f.kind === "timer");
    this.queues = functions
      .filter((f): f is QueueDefinition => f.kind === "serviceBusQueue")
      .map((definition) => ({ definition, queueName: options.resolve(definition.options.queueName) }));
    this.scheduler = new TimerScheduler(
      this.timers.map((t) => ({
        name: t.name,
        schedule: options.resolve(t.options.schedule),
        runOnStartup: t.options.runOnStartup ?? false,
        fire: (timer: Timer) => this.runTimer(t, timer),
      })),
    );
  }

  /** Starts the queue receivers (local transport only) and arms the timers. */
  async start(): Promise<void> {
    const { env, log, hostConfig } = this.options;
    if (this.queues.length > 0 && env.QUEUE_TRANSPORT !== "local") {
      log("QUEUE_TRANSPORT is not 'local': Service Bus triggers are not run by the local host.");
    }
    if (env.QUEUE_TRANSPORT === "local") {
      for (const { definition, queueName } of this.queues) {
        const receiver = new LocalQueueReceiver({
          connectionString: env.AzureWebJobsStorage ?? "UseDevelopmentStorage=true",
          queueName,
          functionName: definition.name,
          handler: this.loggedQueueHandler(definition),
          logHandler: functionLogHandler(definition.name, log),
          log,
          ...this.options.queue,
          ...(hostConfig.maxConcurrentCalls !== undefined ? { maxConcurrentCalls: hostConfig.maxConcurrentCalls } : {}),
          ...(hostConfig.maxLockRenewalMs !== undefined ? { maxLockRenewalMs: hostConfig.maxLockRenewalMs } : {}),
        });
        await receiver.start();
        this.receivers.push(receiver);
      }
    }
    this.scheduler.start();
  }

  /** Runs a non-HTTP function once in the background, as `POST /admin/functions/{name}` does; false if unknown. */
  runNow(name: string, input: string): boolean {
    const definition = this.functions.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!definition || definition.kind === "http") return false;
    const run =
      definition.kind === "timer"
        ? this.runTimer(definition, this.timerNow(definition))
        : this.runQueueOnce(definition, input);
    const tracked = run.finally(() => this.adminRuns.delete(tracked));
    this.adminRuns.add(tracked);
    return true;
  }

  /** Stops timers and receivers, waiting briefly for handlers in flight. */
  async stop(graceMs = 10_000): Promise<void> {
    await Promise.all([this.scheduler.stop(), ...this.receivers.map((r) => r.stop(graceMs))]);
    await Promise.allSettled([...this.adminRuns]);
  }

  private timerNow(definition: TimerDefinition): Timer {
    const next = parseNcrontab(this.options.resolve(definition.options.schedule)).next(new Date());
    return timerInfo(false, undefined, next);
  }

  private async runTimer(definition: TimerDefinition, timer: Timer): Promise<void> {
    const context = createInvocationContext(definition.name, this.options.log);
    await runLogged(context, "Timer", this.options.log, () => definition.options.handler(timer, context)).catch(() => undefined);
  }

  private async runQueueOnce(definition: QueueDefinition, input: string): Promise<void> {
    const context = createInvocationContext(definition.name, this.options.log, {
      triggerMetadata: { messageId: randomUUID(), deliveryCount: 1, enqueuedTimeUtc: new Date().toISOString(), applicationProperties: {} },
    });
    await runLogged(context, "Admin", this.options.log, () => definition.options.handler(parseInput(input), context)).catch(() => undefined);
  }

  private loggedQueueHandler(definition: QueueDefinition): QueueTriggerHandler {
    return (body, context) => runLogged(context, "ServiceBus", this.options.log, () => definition.options.handler(body, context));
  }
}

/** Admin input is a string; a queue trigger gets it parsed when it is JSON, as the host does. */
function parseInput(input: string): unknown {
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}
