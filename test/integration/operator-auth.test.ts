import { generateKeyPairSync, createHmac, sign } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectFunctionDefinitions, requireFunctionModules } from "../../dev/host/function-loader";
import { startDemoStack } from "../../dev/demo-tenants";
import type { LocalStack } from "../../dev/local-stack";
import { operatorToken } from "../../dev/operator-session";
import { OPERATOR_ROLES } from "../../shared/auth/operator-roles";

/** Every HTTP function of the build, as the host serves them. */
const HTTP_FUNCTIONS = collectFunctionDefinitions(requireFunctionModules(path.join(__dirname, "../../dist/functions"))).flatMap((f) => (f.kind === "http" ? [f] : []));
const OPERATOR_ROUTES = HTTP_FUNCTIONS.flatMap((f) => (f.role ? [{ name: f.name, role: f.role, method: f.options.methods?.[0] ?? "GET", path: `/api/${concrete(f.options.route ?? f.name)}` }] : []));
/** The only routes anyone may call without signing in: health, ticketing webhooks (signed), the console page. */
const PUBLIC_ROUTE = /^(health|webhooks\/.*|console(\/.*)?)$/;

function concrete(route: string): string {
  return route.replace(/\{id\}/g, "00000000-0000-4000-8000-000000000000").replace(/\{tenantId\}/g, "fabrikam-demo").replace(/\{[^}]+\}/g, "x");
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("operator sign-in on every operator route, over HTTP through the host", () => {
  let stack: LocalStack;
  let ca: string;
  let valid: string;
  const call = (token: string | undefined, route = "/api/tenants") => stack.anonymousApi(route, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const mint = (identity: Parameters<typeof operatorToken>[2]) => operatorToken(stack.sim.baseUrl, ca, identity).then((t) => t.token);

  beforeAll(async () => {
    stack = await startDemoStack();
    ca = (await import("node:fs")).readFileSync(stack.sim.caCertPath, "utf8");
    valid = await mint({ upn: "reader@msp.example", roles: ["Remediation.Read"] });
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("puts every /api route but health, webhooks and the console behind an app role", () => {
    expect(OPERATOR_ROUTES.length).toBeGreaterThanOrEqual(10);
    const unguarded = HTTP_FUNCTIONS.filter((f) => !f.role && !PUBLIC_ROUTE.test(f.options.route ?? f.name)).map((f) => f.name);
    expect(unguarded).toEqual([]);
  });

  it("registers every operator route anonymous to the Functions host, so the bearer token decides (decision 0013)", () => {
    const keyed = HTTP_FUNCTIONS.filter((f) => f.role && f.options.authLevel !== "anonymous").map((f) => f.name);
    expect(keyed).toEqual([]);
  });

  it("answers 401 UNAUTHENTICATED with a Bearer challenge on every operator route when no token is sent", async () => {
    for (const route of OPERATOR_ROUTES) {
      const res = await stack.anonymousApi(route.path, { method: route.method, ...(route.method === "GET" ? {} : { body: {} }) });
      expect([route.name, res.status, res.body.error?.code]).toEqual([route.name, 401, "UNAUTHENTICATED"]);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
    }
  });

  it("answers 403 FORBIDDEN naming the role on every operator route for a token with every other role", async () => {
    for (const route of OPERATOR_ROUTES) {
      const token = await mint({ upn: "almost@msp.example", roles: OPERATOR_ROLES.filter((r) => r !== route.role) });
      const res = await stack.anonymousApi(route.path, { method: route.method, headers: { authorization: `Bearer ${token}` }, ...(route.method === "GET" ? {} : { body: {} }) });
      expect([route.name, res.status, res.body.error?.code]).toEqual([route.name, 403, "FORBIDDEN"]);
      expect(res.body.error.message).toContain(route.role);
    }
  });

  it("lets a valid token with the role through", async () => {
    const res = await call(valid);
    expect(res.status).toBe(200);
    expect(res.body.tenants.map((t: { tenantId: string }) => t.tenantId)).toContain("fabrikam-demo");
  });

  it("refuses an unsigned token (alg none)", async () => {
    const [, payload] = valid.split(".");
    const res = await call(`${b64({ typ: "JWT", alg: "none" })}.${payload}.`);
    expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer error="invalid_token"/);
  });

  it("refuses a token signed by another key, even one that borrows the real key's id", async () => {
    const [header, payload] = valid.split(".");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const kid = JSON.parse(Buffer.from(header ?? "", "base64url").toString()).kid as string;
    for (const h of [{ typ: "JWT", alg: "RS256", kid }, { typ: "JWT", alg: "RS256", kid: "attacker-key" }]) {
      const unsigned = `${b64(h)}.${payload}`;
      const res = await call(`${unsigned}.${sign("sha256", Buffer.from(unsigned), privateKey).toString("base64url")}`);
      expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    }
  });

  it("refuses an HS256 token keyed with the public key (algorithm confusion)", async () => {
    const jwks = await stack.simApi(`/${"8d4f3a2e-6b1c-4e57-9a0d-1f2e3d4c5b6a"}/discovery/v2.0/keys`);
    const [, payload] = valid.split(".");
    const unsigned = `${b64({ typ: "JWT", alg: "HS256", kid: jwks.body.keys[0].kid })}.${payload}`;
    const res = await call(`${unsigned}.${createHmac("sha256", JSON.stringify(jwks.body.keys[0])).update(unsigned).digest("base64url")}`);
    expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
  });

  it("refuses a tampered token (roles added after signing)", async () => {
    const [header, payload, signature] = valid.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const res = await call(`${header}.${b64({ ...claims, roles: [...OPERATOR_ROLES] })}.${signature}`);
    expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
  });

  it("refuses an expired token, a token for another audience and one from another tenant", async () => {
    const expired = await mint({ upn: "reader@msp.example", roles: ["Remediation.Read"], expiresInSeconds: -600 });
    const otherAudience = await mint({ upn: "reader@msp.example", roles: ["Remediation.Read"], audience: "https://graph.microsoft.com" });
    const otherTenant = await mint({ upn: "reader@msp.example", roles: ["Remediation.Read"], tenantId: "northwind-demo" });
    for (const [token, why] of [[expired, /expired/], [otherAudience, /aud/], [otherTenant, /iss|tenant/]] as const) {
      const res = await call(token);
      expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
      expect(res.body.error.message).toMatch(why);
    }
  });

  it("refuses a token issued to another client (azp): any app an operator consents to could ask for one", async () => {
    const viaOtherApp = await mint({ upn: "approver@msp.example", roles: [...OPERATOR_ROLES], azp: "11111111-2222-4333-8444-555555555555" });
    const res = await call(viaOtherApp);
    expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    expect(res.body.error.message).toContain("OPERATOR_CLIENT_IDS");
  });

  it("refuses garbage and non-bearer Authorization headers", async () => {
    for (const authorization of ["Bearer", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz", `Bearer ${"a".repeat(12_000)}`]) {
      const res = await stack.anonymousApi("/api/tenants", { headers: { authorization } });
      expect([authorization.slice(0, 20), res.status]).toEqual([authorization.slice(0, 20), 401]);
    }
  });

  it("serves health without a token", async () => {
    expect(await stack.anonymousApi("/api/health")).toMatchObject({ status: 200, body: { status: "ok" } });
  });
});
