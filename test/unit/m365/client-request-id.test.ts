import { describe, expect, it } from "vitest";
import { ExchangeInvoker } from "../../../shared/m365/exchange-invoker";
import { createGraphClient } from "../../../shared/m365/graph-client";
import { GraphRequester } from "../../../shared/m365/graph-requester";
import { fakeFetch, fixedCredential, json } from "./fake-fetch";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sleep = async () => {};

describe("client-request-id on every Microsoft 365 call", () => {
  it("Exchange: a fresh id per attempt, asked back, and the failed attempt's id on the error", async () => {
    const fake = fakeFetch(() => json(503, { error: { code: "ServiceUnavailable", message: "busy" } }));
    const invoker = new ExchangeInvoker({ baseUrl: "https://outlook.office365.com", tenantId: "t1", credential: fixedCredential(), timeoutMs: 5_000, fetch: fake.fetch, policy: { sleep } });
    const error = await invoker.invoke({ operation: "exchange.getCasMailbox", cmdlet: "Get-CASMailbox", parameters: {} }).catch((e: unknown) => e);
    const ids = fake.seen.map((r) => r.headers["client-request-id"]);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fake.seen[0]!.headers["return-client-request-id"]).toBe("true");
    expect(error).toMatchObject({ name: "M365Error", kind: "transient", clientRequestId: ids.at(-1) });
  });

  it("Graph: the id the request carried is the one on the error", async () => {
    const fake = fakeFetch(() => json(403, { error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." } }));
    const client = createGraphClient({ credential: fixedCredential(), baseUrl: "https://127.0.0.1:7080", timeoutMs: 5_000, fetch: fake.fetch });
    const error = await new GraphRequester(client, { sleep }).send({ operation: "graph.listConditionalAccessPolicies", method: "GET", path: "/identity/conditionalAccess/policies" }).catch((e: unknown) => e);
    const sent = fake.seen[0]!.headers["client-request-id"];
    expect(sent).toMatch(GUID);
    expect(error).toMatchObject({ name: "M365Error", status: 403, clientRequestId: sent });
  });
});
