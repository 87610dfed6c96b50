import type { HttpFunctionOptions, HttpMethod, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { authenticateOperator, requireTenantScope, type Operator, type OperatorRole } from "../shared/auth";
import type { AppServices } from "../shared/app-services";
import { isRemediationId } from "../shared/remediation/find-remediation";
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
      await requireRouteTenantInScope(request, operator, services);
      return options.handler(request, context, operator);
    }),
  };
  httpFunction(name, http);
  return { kind: "http", name, options: http, role: options.role };
}

/**
 * A route naming a tenant (`{tenantId}`) or a request (`{id}`, whose tenant it is) answers 403 to an
 * operator outside that tenant's operatorGroups, before its handler runs. Unknown ones fall through to
 * the handler's own 404. Routes that find their tenant in the body or query check it themselves.
 */
async function requireRouteTenantInScope(request: HttpRequest, operator: Operator, services: AppServices): Promise<void> {
  const { tenantId: named, id } = request.params;
  const tenantId = named ?? (id && isRemediationId(id) ? (await services.requests.get(id))?.record.tenantId : undefined);
  const tenant = tenantId ? await services.tenants.get(tenantId) : null;
  if (tenant) requireTenantScope(operator, tenant);
}
