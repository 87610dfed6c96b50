import { randomUUID } from "node:crypto";
import { InvocationContext } from "@azure/functions";
import type { InvocationContextInit, LogHandler, LogLevel } from "@azure/functions";

/** Where the host writes its lines; tests capture them. */
export type HostLogger = (line: string) => void;

/** A log handler that prints `context.log` calls with the function name, as Core Tools does. */
export function functionLogHandler(functionName: string, write: HostLogger): LogHandler {
  return (level: LogLevel, ...args: unknown[]) => {
    const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? `${a.name}: ${a.message}` : safeJson(a))).join(" ");
    write(`[${functionName}] ${level === "information" ? "" : `${level}: `}${text}`);
  };
}

/** An InvocationContext for one run of a function, logging through the host. */
export function createInvocationContext(functionName: string, write: HostLogger, init: InvocationContextInit = {}): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    ...init,
    functionName,
    logHandler: functionLogHandler(functionName, write),
  });
}

/**
 * Runs one invocation and writes a single line for it (function, id, duration, outcome). A thrown
 * error is logged here with its message and rethrown for the trigger to handle.
 */
export async function runLogged<T>(context: InvocationContext, trigger: string, write: HostLogger, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    const result = await run();
    write(`Executed '${context.functionName}' (${trigger}, Succeeded, Id=${context.invocationId}, Duration=${elapsed(started)}ms)`);
    return result;
  } catch (e) {
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    write(`Executed '${context.functionName}' (${trigger}, Failed, Id=${context.invocationId}, Duration=${elapsed(started)}ms) ${reason}`);
    throw e;
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
