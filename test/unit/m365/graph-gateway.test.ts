import { describe, expect, it } from "vitest";
import { BATCH_RETRY_BUDGET_MS, BATCH_SIZE } from "../../../shared/m365/graph-batch";
import { createGraphClient } from "../../../shared/m365/graph-client";
import { SdkGraphGateway } from "../../../shared/m365/graph-gateway";
import { GraphRequester } from "../../../shared/m365/graph-requester";
import { fakeFetch, fixedCredential, json } from "./fake-fetch";
import type { Responder } from "./fake-fetch";

function gateway(responder: Responder, baseUrl = "https://127.0.0.1:7080") {
  const fake = fakeFetch(responder);
  const credential = fixedCredential();
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  const client = createGraphClient({ credential, baseUrl, timeoutMs: 5_000, fetch: fake.fetch });
  const gw = new SdkGraphGateway(new GraphRequester(client, { sleep }), { sleep });
  return { gw, seen: fake.seen, credential, waits };
}

describe("SdkGraphGateway", () => {
  it("sends the bearer token to a custom host over https, asking for Microsoft's Graph scope", async () => {
    const { gw, seen, credential } = gateway(() => json(200, { isEnabled: true }));
    expect(await gw.getSecurityDefaultsEnabled()).toBe(true);
    expect(seen[0]!.url).toBe("https://127.0.0.1:7080/v1.0/policies/identitySecurityDefaultsEnforcementPolicy");
    expect(seen[0]!.headers["authorization"]).toBe("Bearer test-token");
    expect(credential.scopes).toEqual(["https://graph.microsoft.com/.default"]);
  });

  it("names the missing permission when Graph denies the read", async () => {
    const { gw } = gateway(() =>
      json(403, { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } }),
    );
    await expect(gw.listConditionalAccessPolicies()).rejects.toMatchObject({
      name: "M365Error",
      kind: "permanent",
      status: 403,
      code: "Authorization_RequestDenied",
      permission: "Policy.Read.All",
    });
  });

  it("returns null for a user Graph does not know", async () => {
    const { gw } = gateway(() => json(404, { error: { code: "Request_ResourceNotFound", message: "Resource does not exist." } }));
    expect(await gw.getUser("ghost@contoso.com")).toBeNull();
  });

  it("retries a throttled call no earlier than Retry-After, then succeeds", async () => {
    const { gw, waits, seen } = gateway((_req, i) =>
      i === 0 ? json(429, { error: { code: "TooManyRequests", message: "slow down" } }, { "Retry-After": "2" }) : json(200, { perUserMfaState: "enforced" }),
    );
    expect(await gw.getPerUserMfaState("u1")).toBe("enforced");
    expect(waits).toEqual([2000]);
    expect(seen[1]!.url).toBe("https://127.0.0.1:7080/beta/users/u1/authentication/requirements");
  });

  it("pages users 999 at a time following nextLink, maps the licence and never selects perUserMfaState (not a v1.0 user property)", async () => {
    const { gw, seen } = gateway((req) => {
      if (req.url.includes("skiptoken")) {
        return json(200, { value: [{ id: "b", userPrincipalName: "b@x", accountEnabled: false, assignedPlans: [] }] });
      }
      return json(200, {
        value: [
          { id: "a", userPrincipalName: "a@x", accountEnabled: true, assignedPlans: [{ service: "exchange", capabilityStatus: "Enabled" }] },
        ],
        "@odata.nextLink": "https://127.0.0.1:7080/v1.0/users?$skiptoken=abc",
      });
    });
    const pages = [];
    for await (const page of gw.listUsers()) pages.push(page);
    expect(pages).toEqual([
      [{ id: "a", userPrincipalName: "a@x", accountEnabled: true, exchangeLicensed: true }],
      [{ id: "b", userPrincipalName: "b@x", accountEnabled: false, exchangeLicensed: false }],
    ]);
    expect(decodeURIComponent(seen[0]!.url)).toContain("$top=999");
    expect(decodeURIComponent(seen[0]!.url)).not.toContain("perUserMfaState");
  });

  it("re-sends only the throttled $batch items after their Retry-After", async () => {
    const ids = Array.from({ length: BATCH_SIZE + 3 }, (_, i) => `u${i}`);
    let throttledOnce = false;
    const { gw, seen, waits } = gateway((req) => {
      const requests = JSON.parse(req.body).requests as Array<{ id: string; url: string }>;
      return json(200, {
        responses: requests.map((r) => {
          if (r.url.includes("/u3/") && !throttledOnce) {
            throttledOnce = true;
            return { id: r.id, status: 429, headers: { "Retry-After": "3" }, body: { error: { code: "TooManyRequests" } } };
          }
          if (r.url.includes("/u4/")) return { id: r.id, status: 404, body: { error: { code: "Request_ResourceNotFound" } } };
          return { id: r.id, status: 200, body: { perUserMfaState: "disabled" } };
        }),
      });
    });
    const states = await gw.getPerUserMfaStates(ids);
    expect(states.size).toBe(ids.length - 1);
    expect(states.get("u3")).toBe("disabled");
    expect(states.has("u4")).toBe(false);
    expect(waits).toEqual([3000]);
    expect(seen.map((r) => JSON.parse(r.body).requests.length).sort((a, b) => a - b)).toEqual([1, 3, BATCH_SIZE]);
    expect(seen[0]!.url).toBe("https://127.0.0.1:7080/beta/$batch");
  });

  it("leaves items absent when their Retry-After is longer than the read's retry budget", async () => {
    const seconds = String(BATCH_RETRY_BUDGET_MS / 1000 + 1);
    const { gw, waits } = gateway((req) => {
      const requests = JSON.parse(req.body).requests as Array<{ id: string }>;
      return json(200, { responses: requests.map((r) => ({ id: r.id, status: 429, headers: { "retry-after": seconds } })) });
    });
    const states = await gw.getPerUserMfaStates(["u1", "u2"]);
    expect(states.size).toBe(0);
    expect(waits).toEqual([]);
  });

  it("names the permission when an item inside a $batch is refused, instead of dropping the user", async () => {
    const { gw } = gateway((req) => {
      const requests = JSON.parse(req.body).requests as Array<{ id: string }>;
      return json(200, { responses: requests.map((r) => ({ id: r.id, status: 403, body: { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } } })) });
    });
    await expect(gw.getPerUserMfaStates(["u1", "u2"])).rejects.toMatchObject({ name: "M365Error", kind: "permanent", status: 403, permission: "Policy.Read.All", message: expect.stringContaining("the app needs the Policy.Read.All permission") });
  });

  it("reads a Conditional Access policy's app, location and platform conditions, null where Graph sends none", async () => {
    const { gw } = gateway(() =>
      json(200, {
        value: [
          {
            id: "ca1",
            displayName: "Block legacy auth except trusted",
            state: "enabled",
            conditions: {
              clientAppTypes: ["exchangeActiveSync", "other"],
              applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [] },
              users: { includeUsers: ["All"], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
              locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
              platforms: null,
            },
            grantControls: { operator: "OR", builtInControls: ["block"] },
          },
        ],
      }),
    );
    expect(await gw.listConditionalAccessPolicies()).toEqual([
      expect.objectContaining({ applications: { include: ["All"], exclude: [] }, locations: { include: ["All"], exclude: ["AllTrusted"] }, platforms: null }),
    ]);
  });

  it("reads a user's groups as an advanced query: ConsistencyLevel eventual and $count=true", async () => {
    const { gw, seen } = gateway(() => json(200, { "@odata.count": 1, value: [{ "@odata.type": "#microsoft.graph.group", id: "g1" }] }));
    expect(await gw.getTransitiveGroups("u1")).toEqual([{ id: "g1", displayName: null, isAssignableToRole: null }]);
    expect(seen[0]!.url).toContain("/v1.0/users/u1/transitiveMemberOf/microsoft.graph.group?");
    expect(seen[0]!.url).toContain("$count=true");
    expect(seen[0]!.headers["consistencylevel"]).toBe("eventual");
  });

  it("reads eligibilities with their role definitions, and none in a tenant without PIM's licence", async () => {
    let calls = 0;
    const { gw, seen } = gateway(() => {
      calls += 1;
      if (calls === 1) {
        return json(200, { value: [{ principalId: "u1", roleDefinitionId: "r1", roleDefinition: { displayName: "Mail Admin", isBuiltIn: false, isPrivileged: false, rolePermissions: [{ allowedResourceActions: ["microsoft.directory/users/basic/update"] }] } }] });
      }
      return json(400, { error: { code: "AadPremiumLicenseRequired", message: "The tenant needs an AAD Premium 2 license." } });
    });
    expect(await gw.listRoleGrants("eligible", "u1")).toEqual([
      { principalId: "u1", roleDefinitionId: "r1", definition: { displayName: "Mail Admin", isBuiltIn: false, isPrivileged: false, allowedResourceActions: ["microsoft.directory/users/basic/update"] } },
    ]);
    expect(decodeURIComponent(seen[0]!.url)).toContain("/roleManagement/directory/roleEligibilityScheduleInstances?$filter=principalId eq 'u1'&$expand=roleDefinition");
    expect(await gw.listRoleGrants("eligible", "u1")).toEqual([]);
  });

  it("reads PIM for Groups eligibilities by principal or group, owners as owners, and none without PIM's licence", async () => {
    let calls = 0;
    const { gw, seen } = gateway(() => {
      calls += 1;
      if (calls === 1) return json(200, { value: [{ groupId: "g1", principalId: "u1", accessId: "member" }, { groupId: "g2", principalId: "u1", accessId: "owner" }] });
      return json(400, { error: { code: "AadPremiumLicenseRequired", message: "The tenant needs an AAD Premium 2 license." } });
    });
    expect(await gw.listGroupEligibilities({ principalId: "u1" })).toEqual([
      { groupId: "g1", principalId: "u1", accessId: "member" },
      { groupId: "g2", principalId: "u1", accessId: "owner" },
    ]);
    expect(decodeURIComponent(seen[0]!.url)).toContain("/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=principalId eq 'u1'");
    expect(await gw.listGroupEligibilities({ groupId: "g'1" })).toEqual([]);
    expect(decodeURIComponent(seen[1]!.url)).toContain("$filter=groupId eq 'g''1'");
  });

  it("returns null sign-ins for a tenant without P1 sign-in logs", async () => {
    const { gw } = gateway(() =>
      json(403, { error: { code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant", message: "Neither tenant is B2C or tenant doesn't have premium license" } }),
    );
    expect(await gw.listSmtpSignIns("2026-01-01T00:00:00Z")).toBeNull();
  });
});
