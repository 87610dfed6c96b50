import type { CasMailbox, GraphGateway, ExchangeGateway, TenantGateways } from "../../../../shared/m365/m365-gateway";
import { M365Error } from "../../../../shared/m365/m365-error";

/** An in-process tenant for unit tests of the audit: mailboxes and flags, no HTTP. */
export interface FakeTenant {
  securityDefaults: boolean;
  orgSmtpAuthDisabled: boolean;
  mailboxes: CasMailbox[];
  roles: Map<string, string[]>;
  /** Operations that fail with a permanent M365Error (e.g. "exchange.listCasMailboxes"). */
  failing: Set<string>;
}

export function fakeTenant(mailboxes: Array<[string, boolean | null]>): FakeTenant {
  return {
    securityDefaults: true,
    orgSmtpAuthDisabled: true,
    mailboxes: mailboxes.map(([address, flag], i) => ({ identity: address.split("@")[0] ?? address, primarySmtpAddress: address, externalDirectoryObjectId: `u${i}`, emailAddresses: [`SMTP:${address}`], smtpClientAuthenticationDisabled: flag })),
    roles: new Map(),
    failing: new Set(),
  };
}

export function fakeGateways(tenantId: string, t: FakeTenant): TenantGateways {
  const guard = (operation: string): void => {
    if (t.failing.has(operation)) throw new M365Error("denied", { kind: "permanent", service: operation.startsWith("graph") ? "graph" : "exchange", operation, status: 403 });
  };
  const notUsed = (): never => {
    throw new Error("not used by the audit");
  };
  const graph: GraphGateway = {
    getSecurityDefaultsEnabled: async () => (guard("graph.getSecurityDefaults"), t.securityDefaults),
    setSecurityDefaultsEnabled: notUsed,
    getUser: notUsed,
    listUsers: notUsed,
    getPerUserMfaState: notUsed,
    setPerUserMfaState: notUsed,
    getPerUserMfaStates: async () => new Map(),
    getTransitiveGroups: notUsed,
    listRoleGrants: async (kind) => {
      guard("graph.listRoleAssignments");
      if (kind === "eligible") return [];
      return [...t.roles].flatMap(([principalId, names]) => names.map((displayName) => ({ principalId, roleDefinitionId: displayName, definition: { displayName, isBuiltIn: true } })));
    },
    listRoleAssignableGroups: async () => [],
    listGroupEligibilities: async () => [],
    listGroupMemberIds: notUsed,
    listConditionalAccessPolicies: async () => [],
    listSmtpSignIns: async () => null,
  };
  const exchange: ExchangeGateway = {
    getCasMailbox: async (identity) => t.mailboxes.find((m) => m.identity === identity) ?? null,
    setCasMailboxSmtpAuthDisabled: async (identity, disabled) => {
      const m = t.mailboxes.find((x) => x.identity === identity);
      if (m) m.smtpClientAuthenticationDisabled = disabled;
    },
    async *listCasMailboxes() {
      guard("exchange.listCasMailboxes");
      for (let i = 0; i < t.mailboxes.length; i += 2) yield t.mailboxes.slice(i, i + 2);
    },
    getOrgSmtpAuthDisabled: async () => (guard("exchange.getTransportConfig"), t.orgSmtpAuthDisabled),
    setOrgSmtpAuthDisabled: notUsed,
    listRoleGroups: async () => [],
    listRoleGroupMemberIds: notUsed,
    getAuthenticationPolicyFor: notUsed,
  };
  return { tenantId, graph, exchange };
}
