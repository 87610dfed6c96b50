import type { PerUserMfaState } from "../domain/types";
import { readPerUserMfaStates } from "./graph-batch";
import type { BatchOptions } from "./graph-batch";
import { toConditionalAccessPolicy, toDirectoryUser, toPerUserMfaState, toPolicyAudit, toSmtpSignIn } from "./graph-mappers";
import type { GraphCaPolicyJson, GraphDirectoryAuditJson, GraphSignInJson, GraphUserJson } from "./graph-mappers";
import { readGroupMemberIds, readRoleAssignableGroups, readRoleGrants, readTransitiveGroups } from "./graph-directory";
import { readGroupEligibilities } from "./graph-group-eligibility";
import { graphPages } from "./graph-pages";
import type { GraphCall, GraphRequester } from "./graph-requester";
import { isM365Error, M365Error } from "./m365-error";
import type { AppSignIn, ConditionalAccessPolicy, DirectoryUser, GraphGateway, GroupEligibilityRecord, GroupMembership, PolicyAudit, RoleGrantKind, RoleGrantRecord, SmtpSignIn } from "./m365-gateway";

const USER_SELECT = "id,userPrincipalName,accountEnabled,assignedPlans";
const SECURITY_DEFAULTS = "/policies/identitySecurityDefaultsEnforcementPolicy";
/** Entra answers this code when a tenant has no P1 licence for sign-in logs. */
const NO_PREMIUM_CODE = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";
/** How many of a user's latest SMTP sign-ins diagnosis reads (one page). */
const RECENT_SIGN_INS = 20;

const userPath = (idOrUpn: string): string => `/users/${encodeURIComponent(idOrUpn)}`;

/** GraphGateway over the Graph SDK client, for one tenant. */
export class SdkGraphGateway implements GraphGateway {
  constructor(
    private readonly requester: GraphRequester,
    private readonly batchOptions: BatchOptions = {},
  ) {}

  async getSecurityDefaultsEnabled(): Promise<boolean> {
    const policy = await this.requester.send<{ isEnabled?: boolean }>({
      operation: "graph.getSecurityDefaults",
      method: "GET",
      path: SECURITY_DEFAULTS,
    });
    return policy.isEnabled === true;
  }

  async setSecurityDefaultsEnabled(enabled: boolean): Promise<void> {
    await this.requester.send({ operation: "graph.setSecurityDefaults", method: "PATCH", path: SECURITY_DEFAULTS, body: { isEnabled: enabled } });
  }

  async getUser(idOrUpn: string): Promise<DirectoryUser | null> {
    try {
      const json = await this.requester.send<GraphUserJson>({
        operation: "graph.getUser",
        method: "GET",
        path: `${userPath(idOrUpn)}?$select=${USER_SELECT},userType,proxyAddresses`,
      });
      return toDirectoryUser(json);
    } catch (e) {
      if (isM365Error(e) && e.kind === "not-found") return null;
      throw e;
    }
  }

  async *listUsers(): AsyncIterable<DirectoryUser[]> {
    // v1.0's user has no perUserMfaState: $select of it is a 400. Per-user MFA is read per user
    // (getPerUserMfaState / getPerUserMfaStates, beta authentication/requirements).
    const first: GraphCall = { operation: "graph.listUsers", method: "GET", path: `/users?$select=${USER_SELECT}&$top=999` };
    for await (const page of graphPages<GraphUserJson>(this.requester, first)) yield page.map(toDirectoryUser);
  }

  async getPerUserMfaState(userId: string): Promise<PerUserMfaState> {
    const json = await this.requester.send<{ perUserMfaState?: unknown }>({
      operation: "graph.getPerUserMfaState",
      method: "GET",
      version: "beta",
      path: `${userPath(userId)}/authentication/requirements`,
    });
    const state = toPerUserMfaState(json.perUserMfaState);
    if (state) return state;
    throw new M365Error("graph graph.getPerUserMfaState: Graph sent no recognisable perUserMfaState", {
      kind: "permanent",
      service: "graph",
      operation: "graph.getPerUserMfaState",
      code: "UnexpectedReply",
    });
  }

  async setPerUserMfaState(userId: string, state: PerUserMfaState): Promise<void> {
    await this.requester.send({
      operation: "graph.setPerUserMfaState",
      method: "PATCH",
      version: "beta",
      path: `${userPath(userId)}/authentication/requirements`,
      body: { perUserMfaState: state },
    });
  }

  getPerUserMfaStates(userIds: readonly string[]): Promise<Map<string, PerUserMfaState>> {
    return readPerUserMfaStates(this.requester, userIds, this.batchOptions);
  }

  getTransitiveGroups(userIdOrUpn: string): Promise<GroupMembership[]> {
    return readTransitiveGroups(this.requester, userIdOrUpn);
  }

  listRoleGrants(kind: RoleGrantKind, principalId?: string): Promise<RoleGrantRecord[]> {
    return readRoleGrants(this.requester, kind, principalId);
  }

  listGroupEligibilities(by: { principalId: string } | { groupId: string }): Promise<GroupEligibilityRecord[]> {
    return readGroupEligibilities(this.requester, by);
  }

  listRoleAssignableGroups(): Promise<GroupMembership[]> {
    return readRoleAssignableGroups(this.requester);
  }

  listGroupMemberIds(groupId: string): Promise<string[]> {
    return readGroupMemberIds(this.requester, groupId);
  }

  async listConditionalAccessPolicies(): Promise<ConditionalAccessPolicy[]> {
    const policies: ConditionalAccessPolicy[] = [];
    const first: GraphCall = { operation: "graph.listConditionalAccessPolicies", method: "GET", path: "/identity/conditionalAccess/policies" };
    for await (const page of graphPages<GraphCaPolicyJson>(this.requester, first)) policies.push(...page.map(toConditionalAccessPolicy));
    return policies;
  }

  async listPolicyAudits(sinceIso: string): Promise<PolicyAudit[]> {
    const audits: PolicyAudit[] = [];
    const filter = encodeURIComponent(`category eq 'Policy' and activityDateTime ge ${sinceIso}`);
    const first: GraphCall = { operation: "graph.listDirectoryAudits", method: "GET", path: `/auditLogs/directoryAudits?$filter=${filter}` };
    for await (const page of graphPages<GraphDirectoryAuditJson>(this.requester, first)) audits.push(...page.map(toPolicyAudit));
    return audits;
  }

  async getVerifiedDomains(): Promise<string[]> {
    const json = await this.requester.send<{ value?: Array<{ verifiedDomains?: Array<{ name?: string }> }> }>({
      operation: "graph.getOrganization",
      method: "GET",
      path: "/organization?$select=verifiedDomains",
    });
    return (json.value ?? []).flatMap((o) => o.verifiedDomains ?? []).flatMap((d) => (d.name ? [d.name.toLowerCase()] : []));
  }

  async listSmtpSignIns(sinceIso: string): Promise<SmtpSignIn[] | null> {
    const filter = `clientAppUsed eq 'Authenticated SMTP' and createdDateTime ge ${sinceIso}`;
    const first: GraphCall = {
      operation: "graph.listSmtpSignIns",
      method: "GET",
      path: `/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`,
    };
    return nullWithoutPremium(async () => {
      const signIns: SmtpSignIn[] = [];
      for await (const page of graphPages<GraphSignInJson>(this.requester, first)) signIns.push(...page.map(toSmtpSignIn));
      return signIns;
    });
  }

  async listRecentSmtpSignInsOf(upn: string, sinceIso: string): Promise<SmtpSignIn[] | null> {
    const filter = `clientAppUsed eq 'Authenticated SMTP' and userPrincipalName eq '${upn.replace(/'/g, "''")}' and createdDateTime ge ${sinceIso}`;
    const call: GraphCall = { operation: "graph.listRecentSmtpSignInsOf", method: "GET", path: `/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=${RECENT_SIGN_INS}` };
    return nullWithoutPremium(async () => {
      // The newest page is enough: only the latest attempts speak for the device now.
      const page = await this.requester.send<{ value?: GraphSignInJson[] }>(call);
      return (page.value ?? []).map(toSmtpSignIn);
    });
  }

  async listServicePrincipalSignIns(sinceIso: string): Promise<AppSignIn[] | null> {
    // Service-principal sign-ins are on beta only (learn.microsoft.com/graph/api/signin-list?view=graph-rest-beta).
    const filter = `signInEventTypes/any(t: t eq 'servicePrincipal') and createdDateTime ge ${sinceIso}`;
    const first: GraphCall = { operation: "graph.listServicePrincipalSignIns", method: "GET", version: "beta", path: `/auditLogs/signIns?$filter=${encodeURIComponent(filter)}` };
    return nullWithoutPremium(async () => {
      const signIns: AppSignIn[] = [];
      for await (const page of graphPages<GraphSignInJson & { appId?: string }>(this.requester, first)) {
        signIns.push(...page.map((json) => ({ ...toSmtpSignIn(json), appId: (json.appId ?? "").toLowerCase() })));
      }
      return signIns;
    });
  }

  async hasInteractiveSignInSince(userId: string, sinceIso: string): Promise<boolean | null> {
    const filter = `userId eq '${userId.replace(/'/g, "''")}' and clientAppUsed eq 'Browser' and createdDateTime ge ${sinceIso}`;
    const call: GraphCall = { operation: "graph.listInteractiveSignInsOf", method: "GET", path: `/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=1` };
    return nullWithoutPremium(async () => ((await this.requester.send<{ value?: unknown[] }>(call)).value ?? []).length > 0);
  }
}

/** A tenant without Entra ID P1 has no sign-in logs: null, which callers report as such, not an error. */
async function nullWithoutPremium<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (isM365Error(e) && e.code === NO_PREMIUM_CODE) return null;
    throw e;
  }
}
