import type { HttpFunctionOptions, HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { authenticateOperator, type Operator, type OperatorRole } from "../shared/auth";
import { httpFunction, type FunctionDefinition } from "./define";
import { withHttpErrors } from "./http-result";

export type OperatorHandler = (request: HttpRequest, context: InvocationContext, operator: Operator) => Promise<HttpResponseInit>;

export interface OperatorRouteOptions {
  methods: HttpMethod[];
  route: string;
  /** The app role a caller's token must carry. */
  role: OperatorRole;
  handler: OperatorHandler;
}

/**
 * Registers an operator route: the one place where `/api/*` checks who calls. Anonymous to the
 * Functions host, because callers (the console, curl) send only the operator's Entra bearer token and
 * a function key would not say who calls anyway: the token and its role decide (decision 0013).
 */
export function operatorHttpFunction(name: string, options: OperatorRouteOptions): FunctionDefinition {
  const http: HttpFunctionOptions = {
    methods: options.methods,
    route: options.route,
    authLevel: "anonymous",
    handler: withHttpErrors(async (request, context) => {
      const services = await getAppServices();
      const operator = await authenticateOperator(request.headers.get("authorization"), options.role, services.operatorTokens);
      return options.handler(request, context, operator);
    }),
  };
  httpFunction(name, http);
  return { kind: "http", name, options: http, role: options.role };
}
