import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_OPERATOR_API_AUDIENCE, SIM_OPERATOR_CLIENT_ID, SIM_OPERATOR_TENANT_ID } from "../../../dev/sim/identity/operator-tokens";
import { startSimulator, type RunningSimulator } from "../../../dev/sim/start-simulator";
import { authenticateOperator } from "../../../shared/auth/authenticate";
import { audienceForms, CLOCK_SKEW_SECONDS, OperatorTokenValidator } from "../../../shared/auth/token-validator";
import type { OperatorTokenRequest } from "../../../dev/sim/identity/operator-tokens";

/** The validator against the simulator's operator tenant over HTTPS (its CA is trusted by the test setup). */
describe("OperatorTokenValidator", () => {
  let sim: RunningSimulator;
  let validator: OperatorTokenValidator;
  const issue = (request: Partial<OperatorTokenRequest> = {}) => sim.state.operatorTokens.issue(sim.baseUrl, { upn: "Ops@MSP.example", roles: ["Remediation.Read"], ...request }).accessToken;
  const codeOf = (p: Promise<unknown>) => p.then(() => "accepted", (e: { code?: string }) => e.code);

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, smtpPort: 0, certDir: process.env.SIM_CERT_DIR });
    // No cooldown between key fetches, so the rotation below is seen at once (the default waits 30 s).
    validator = new OperatorTokenValidator({ tenantId: SIM_OPERATOR_TENANT_ID, audience: SIM_OPERATOR_API_AUDIENCE, authorityHost: sim.baseUrl, keysCooldownMs: 0, clientIds: [SIM_OPERATOR_CLIENT_ID] });
  });
  afterAll(async () => sim?.close());

  it("names the person by oid and lower-case UPN and keeps only this app's roles", async () => {
    const operator = await validator.validate(issue({ roles: ["Remediation.Read", "Global.Admin", "Tenant.Manage"] }));
    expect(operator).toMatchObject({ upn: "ops@msp.example", oid: expect.stringMatching(/^[0-9a-f-]{36}$/), roles: ["Remediation.Read", "Tenant.Manage"] });
  });

  it("accepts only tokens issued to a known client (azp): another app the operator consented to gets nothing", async () => {
    const error = await validator.validate(issue({ azp: "11111111-2222-3333-4444-555555555555", roles: ["Remediation.Approve"] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNAUTHENTICATED", status: 401, message: expect.stringContaining("OPERATOR_CLIENT_IDS") });
    const noClients = new OperatorTokenValidator({ tenantId: SIM_OPERATOR_TENANT_ID, audience: SIM_OPERATOR_API_AUDIENCE, authorityHost: sim.baseUrl });
    expect(await codeOf(noClients.validate(issue()))).toBe("UNAUTHENTICATED");
    expect(await codeOf(validator.validate(issue({ azp: SIM_OPERATOR_CLIENT_ID.toUpperCase() })))).toBe("accepted");
  });

  it("carries the token's groups, lower-cased, for tenants scoped to operator groups", async () => {
    const group = "AAAAAAAA-1111-2222-3333-444444444444";
    expect((await validator.validate(issue({ groups: [group] }))).groups).toEqual([group.toLowerCase()]);
    expect((await validator.validate(issue())).groups).toEqual([]);
  });

  it("fetches the keys again when a token names a key it has not seen (Entra rolled its keys)", async () => {
    await validator.validate(issue());
    sim.state.operatorTokens.rotateKey();
    await expect(validator.validate(issue())).resolves.toMatchObject({ upn: "ops@msp.example" });
  });

  it(`tolerates ${CLOCK_SKEW_SECONDS} seconds of clock skew on expiry, not more`, async () => {
    expect(await codeOf(validator.validate(issue({ expiresInSeconds: -(CLOCK_SKEW_SECONDS - 30) })))).toBe("accepted");
    expect(await codeOf(validator.validate(issue({ expiresInSeconds: -(CLOCK_SKEW_SECONDS + 30) })))).toBe("UNAUTHENTICATED");
  });

  it("lets nobody in when sign-in is not configured", async () => {
    const unconfigured = new OperatorTokenValidator({ authorityHost: sim.baseUrl });
    expect(await codeOf(unconfigured.validate(issue()))).toBe("UNAUTHENTICATED");
  });

  it("answers 'cannot check now' (503), not 'bad token', when the identity provider cannot be reached", async () => {
    const down = new OperatorTokenValidator({ tenantId: SIM_OPERATOR_TENANT_ID, audience: SIM_OPERATOR_API_AUDIENCE, authorityHost: "https://127.0.0.1:1" });
    expect(await codeOf(down.validate(issue()))).toBe("TEMPORARILY_UNAVAILABLE");
  });

  it("checks the role after the token: 403 FORBIDDEN names the missing role", async () => {
    const error = await authenticateOperator(`Bearer ${issue()}`, "Tenant.Manage", validator).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN", status: 403, message: expect.stringContaining("Tenant.Manage") });
  });

  it("asks for a bearer token with a challenge when none is sent", async () => {
    const error = await authenticateOperator(undefined, "Remediation.Read", validator).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNAUTHENTICATED", status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  });
});

describe("the sample settings", () => {
  it("name the simulator's operator tenant and API, so a fresh clone signs in against the simulator", () => {
    const values = JSON.parse(readFileSync(`${__dirname}/../../../local.settings.sample.json`, "utf8")).Values;
    expect(values).toMatchObject({ OPERATOR_TENANT_ID: SIM_OPERATOR_TENANT_ID, OPERATOR_API_AUDIENCE: SIM_OPERATOR_API_AUDIENCE, OPERATOR_AUTHORITY_HOST: "https://127.0.0.1:7080" });
  });
});

describe("audienceForms", () => {
  it("accepts the client id and its api:// URI for either form of the setting", () => {
    expect(audienceForms("5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c").sort()).toEqual(["5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c", "api://5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c"]);
    expect(audienceForms("api://5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c").sort()).toEqual(["5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c", "api://5b0e7f3c-2a91-4d6e-8c47-9e1d2f3a4b5c"]);
  });
});
