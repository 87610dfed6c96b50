// First: app.setup must run before any function registers.
import "./app-setup";
import { app } from "@azure/functions";
import type { HttpFunctionOptions, ServiceBusQueueFunctionOptions, TimerFunctionOptions } from "@azure/functions";
import type { OperatorRole } from "../shared/auth";

/**
 * Registers a function with the Functions host and returns its definition, so that tests and the
 * local host in dev/ can find and call the same handler with the same options.
 */
export type FunctionDefinition =
  /** `role`: an operator route (operator-route.ts) and the app role it needs; without, the route is public. */
  | { kind: "http"; name: string; options: HttpFunctionOptions; role?: OperatorRole }
  | { kind: "serviceBusQueue"; name: string; options: ServiceBusQueueFunctionOptions }
  | { kind: "timer"; name: string; options: TimerFunctionOptions };

export function httpFunction(name: string, options: HttpFunctionOptions): FunctionDefinition {
  app.http(name, options);
  return { kind: "http", name, options };
}

export function serviceBusQueueFunction(name: string, options: ServiceBusQueueFunctionOptions): FunctionDefinition {
  app.serviceBusQueue(name, options);
  return { kind: "serviceBusQueue", name, options };
}

export function timerFunction(name: string, options: TimerFunctionOptions): FunctionDefinition {
  app.timer(name, options);
  return { kind: "timer", name, options };
}
