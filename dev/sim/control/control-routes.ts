import { ControlInputError, objectBody, pickFlags, pickMailboxSettings } from "./control-input";
import { conditionalAccessFrom, policyChangeAudit, securityDefaultsAudit, signInsFrom } from "./policy-input";
import { customRoleFrom, groupFrom, roleGroupFrom } from "./directory-input";
import { applicationFrom, registerInExchange } from "./migration-input";
import { InvalidFaultSettingsError, parseFaultSettings } from "../faults/fault-settings";
import { operatorTokenRequestFrom } from "../identity/operator-token-input";
import { oidForUpn } from "../identity/operator-tokens";
import { mailboxView } from "../state/mailbox-record";
import { SimTenant } from "../state/sim-tenant";
import { json, parseJsonBody } from "../http/sim-http";
import type { SimRequest, SimResponse } from "../http/sim-http";
import type { SimulatorState } from "../state/simulator-state";

/** Largest tenant the control API creates. */
export const MAX_GENERATED_MAILBOXES = 1_000_000;

const controlError = (status: number, code: string, message: string): SimResponse => json(status, { error: { code, message } });
const tenantNotFound = (id: string): SimResponse => controlError(404, "TenantNotFound", `No simulated tenant '${id}'.`);

/** Serves /_sim/...: never faulted, throttled or counted. */
export function handleControl(state: SimulatorState, req: SimRequest): SimResponse {
  try {
    return route(state, req, req.url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent));
  } catch (error) {
    if (error instanceof ControlInputError || error instanceof InvalidFaultSettingsError || error instanceof SyntaxError) return controlError(400, "InvalidInput", error.message);
    throw error;
  }
}

function route(state: SimulatorState, req: SimRequest, path: string[]): SimResponse {
  const [area, tenantId, sub, item] = path;
  const key = `${req.method} ${area ?? ""}${tenantId === undefined ? "" : "/:t"}${sub === undefined ? "" : `/${sub}`}${item === undefined ? "" : "/:i"}`;
  if (path.length > 4) return controlError(404, "NotFound", "Unknown control route.");
  switch (key) {
    case "GET health": return json(200, { status: "ok" });
    case "GET calls": return calls(state, req);
    case "DELETE calls": state.calls.reset(); return { status: 204 };
    case "GET faults": return json(200, state.faults.settings);
    case "PUT faults": state.faults.configure(parseFaultSettings(parseJsonBody(req.body))); return json(200, state.faults.settings);
    case "GET tenants": return json(200, { value: state.tenantIds() });
    case "POST tenants": return createTenant(state, objectBody(parseJsonBody(req.body)));
    case "POST operators": {
      const request = operatorTokenRequestFrom(objectBody(parseJsonBody(req.body)));
      return json(201, state.operators.register({ ...request, oid: request.oid ?? oidForUpn(request.upn) }));
    }
    case "POST operator-tokens": {
      const request = operatorTokenRequestFrom(objectBody(parseJsonBody(req.body)));
      // Only operators of the API's own tenant and audience can also sign in on the sign-in page.
      if (!request.tenantId && !request.audience) state.operators.register({ ...request, oid: request.oid ?? oidForUpn(request.upn) });
      const issued = state.operatorTokens.issue(req.baseUrl, request);
      return json(200, { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn, oid: issued.oid });
    }
  }
  const tenant = tenantId === undefined ? undefined : state.tenant(tenantId);
  if (area !== "tenants" || tenantId === undefined) return controlError(404, "NotFound", "Unknown control route.");
  if (!tenant) return tenantNotFound(tenantId);
  const body = (): Record<string, unknown> => objectBody(parseJsonBody(req.body));
  switch (key) {
    case "GET tenants/:t": return json(200, tenant.summary());
    case "PATCH tenants/:t": {
      const input = body();
      const audit = securityDefaultsAudit(tenant.flags.securityDefaults, input);
      Object.assign(tenant.flags, pickFlags(input));
      if (audit) tenant.directoryAudits.push(audit);
      return json(200, tenant.summary());
    }
    case "DELETE tenants/:t": state.deleteTenant(tenant.tenantId); return { status: 204 };
    case "GET tenants/:t/mailboxes/:i": {
      const record = tenant.mailboxes.find(item ?? "");
      return record ? json(200, mailboxView(record)) : controlError(404, "MailboxNotFound", `No mailbox '${item}'.`);
    }
    case "PUT tenants/:t/mailboxes/:i": {
      if (!(item ?? "").includes("@")) return controlError(400, "InvalidInput", "The mailbox must be a UPN (name@domain).");
      const settings = pickMailboxSettings(body());
      // As in Exchange, an address belongs to one recipient only.
      const taken = settings.proxyAddresses?.find((a) => { const owner = tenant.mailboxes.find(a); return owner && owner.userPrincipalName.toLowerCase() !== (item ?? "").toLowerCase(); });
      if (taken) return controlError(400, "ProxyAddressInUse", `The proxy address ${taken} is already used by another recipient.`);
      return json(200, mailboxView(tenant.mailboxes.upsert(item ?? "", settings)));
    }
    case "PUT tenants/:t/conditional-access/:i": {
      const input = body();
      const policy = conditionalAccessFrom(item ?? "", input);
      const audit = policyChangeAudit(tenant.conditionalAccess.get(policy.id), policy, input);
      tenant.conditionalAccess.set(policy.id, policy);
      if (audit) tenant.directoryAudits.push(audit);
      return json(200, policy);
    }
    case "DELETE tenants/:t/conditional-access/:i": tenant.conditionalAccess.delete(item ?? ""); return { status: 204 };
    case "PUT tenants/:t/authentication-policies/:i": {
      const allow = body().allowBasicAuthSmtp;
      if (typeof allow !== "boolean") return controlError(400, "InvalidInput", "allowBasicAuthSmtp must be a boolean.");
      const policy = { name: item ?? "", allowBasicAuthSmtp: allow };
      tenant.authenticationPolicies.set(policy.name.toLowerCase(), policy);
      return json(200, policy);
    }
    case "PUT tenants/:t/groups/:i": {
      const group = groupFrom(item ?? "", body());
      tenant.groups.set(group.id, group);
      return json(200, group);
    }
    case "DELETE tenants/:t/groups/:i": tenant.groups.delete((item ?? "").toLowerCase()); return { status: 204 };
    case "PUT tenants/:t/role-groups/:i": {
      const group = roleGroupFrom(item ?? "", body());
      tenant.roleGroups.set(group.name.toLowerCase(), group);
      return json(200, group);
    }
    case "PUT tenants/:t/role-definitions/:i": {
      const role = customRoleFrom(item ?? "", body());
      tenant.customRoles.set(role.displayName.toLowerCase(), role);
      return json(200, role);
    }
    case "DELETE tenants/:t/authentication-policies/:i": tenant.authenticationPolicies.delete((item ?? "").toLowerCase()); return { status: 204 };
    case "PUT tenants/:t/applications/:i": {
      const app = applicationFrom(tenant, item ?? "", body());
      tenant.applications.set(app.appId, app);
      const { secret, ...shown } = app;
      void secret;
      return json(200, shown);
    }
    case "PUT tenants/:t/exchange-service-principals/:i": return json(200, registerInExchange(tenant, item ?? "", body()));
    case "GET tenants/:t/sign-ins": return json(200, { value: tenant.signIns });
    case "POST tenants/:t/sign-ins": {
      const records = signInsFrom(tenant, parseJsonBody(req.body));
      records.forEach((r) => tenant.addSignIn(r));
      return json(201, { value: records });
    }
    case "DELETE tenants/:t/sign-ins": tenant.signIns = []; return { status: 204 };
  }
  return controlError(404, "NotFound", "Unknown control route.");
}

function createTenant(state: SimulatorState, body: Record<string, unknown>): SimResponse {
  const { tenantId, domain } = body;
  const count = body.mailboxes ?? 0;
  if (typeof tenantId !== "string" || !tenantId || typeof domain !== "string" || !domain) {
    return controlError(400, "InvalidInput", "tenantId and domain are required strings.");
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > MAX_GENERATED_MAILBOXES) {
    return controlError(400, "InvalidInput", `mailboxes must be an integer from 0 to ${MAX_GENERATED_MAILBOXES}.`);
  }
  const tenant = new SimTenant(tenantId, domain, count);
  Object.assign(tenant.flags, pickFlags(body));
  state.putTenant(tenant);
  return json(201, tenant.summary());
}

function calls(state: SimulatorState, req: SimRequest): SimResponse {
  const counts = state.calls.counts();
  const log = req.url.searchParams.get("log");
  if (log !== "1" && log !== "true") return json(200, counts);
  return json(200, { ...counts, log: state.calls.entries(req.url.searchParams.get("tenantId") ?? undefined) });
}
