import { describe, expect, it } from "vitest";
import { resolveTenantId } from "../../../shared/onboarding/resolve-tenant-id";
import { adminConsentLink } from "../../../shared/onboarding/consent-link";
import { APP_PERMISSIONS } from "../../../shared/m365/permission-manifest";

const AUTHORITY = "https://login.microsoftonline.com";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/** A fetch that answers every URL with one response, and remembers the URLs asked. */
function answering(status: number, body: unknown): typeof fetch & { asked: string[] } {
  const asked: string[] = [];
  const fake = (async (url: string | URL | Request) => {
    asked.push(String(url));
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof fetch & { asked: string[] };
  fake.asked = asked;
  return fake;
}

describe("naming a tenant for onboarding", () => {
  it("reads a domain's tenant id from the issuer of Entra's discovery document", async () => {
    const fetch = answering(200, { issuer: `${AUTHORITY}/${TENANT}/v2.0` });
    expect(await resolveTenantId("Contoso.com", AUTHORITY, fetch)).toEqual({ tenantId: TENANT, domain: "contoso.com" });
    expect(fetch.asked).toEqual([`${AUTHORITY}/contoso.com/v2.0/.well-known/openid-configuration`]);
  });

  it("takes a tenant id as it is, asking nobody", async () => {
    const fetch = answering(500, {});
    expect(await resolveTenantId(TENANT.toUpperCase(), AUTHORITY, fetch)).toEqual({ tenantId: TENANT });
    expect(fetch.asked).toEqual([]);
  });

  it.each([
    [400, { error: "invalid_tenant" }, "TENANT_NOT_RESOLVED"],
    [503, {}, "TEMPORARILY_UNAVAILABLE"],
    [200, { issuer: 42 }, "TEMPORARILY_UNAVAILABLE"],
  ])("answers Entra's %i with %j as %s", async (status, body, code) => {
    await expect(resolveTenantId("contoso.com", AUTHORITY, answering(status, body))).rejects.toMatchObject({ code });
  });

  it("refuses what is neither a tenant id nor a domain, asking nobody", async () => {
    const fetch = answering(200, {});
    await expect(resolveTenantId("contoso.com/../x", AUTHORITY, fetch)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(fetch.asked).toEqual([]);
  });

  it("builds the admin-consent link for the tenant, granting the manifest's permissions", () => {
    expect(adminConsentLink(`${AUTHORITY}/`, TENANT, "app-123")).toEqual({ url: `${AUTHORITY}/${TENANT}/adminconsent?client_id=app-123`, permissions: APP_PERMISSIONS });
  });
});
