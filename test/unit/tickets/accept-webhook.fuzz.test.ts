import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptWebhook } from "../../../shared/tickets/accept-webhook";
import { TICKET_SYSTEMS } from "../../../shared/domain/types";
import type { TicketSystem } from "../../../shared/domain/types";
import { FakeRemediations } from "./support/fake-remediations";
import { CONNECTWISE_SITE, FIXTURE_BY_SYSTEM, NOW, SECRETS, fixture, signedHeaders } from "./support/deliveries";

const SEED = 20261127;
const system = fc.constantFrom<TicketSystem>(...TICKET_SYSTEMS);
const anySystem = fc.oneof(system, fc.string({ maxLength: 20 }), fc.constantFrom("ZENDESK", "Jira", "__proto__", "constructor", ""));

/** Bodies from nothing at all to mangled copies of real deliveries. */
const body = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ ticketId: value, id: value, ticket: value, detail: value, issue: { key: value, fields: value } })),
  fc.tuple(system, fc.nat(), fc.string({ maxLength: 50 })).map(([s, at, junk]) => {
    const raw = fixture(FIXTURE_BY_SYSTEM[s]);
    const cut = at % raw.length;
    return raw.slice(0, cut) + junk + raw.slice(cut);
  }),
  fc.string({ unit: "grapheme", maxLength: 200 }).map((text) => JSON.stringify({ ticketId: "1", description: `<a href="mailto:${text}">${text}</a> {noformat}${text}` })),
);

/** What someone without the secret can send: random headers, then a signature or bearer made with a wrong secret. */
const forgery = fc.record({
  signedAs: system,
  guess: fc.string({ maxLength: 40 }),
  random: fc.dictionary(fc.string({ maxLength: 30 }), fc.string({ maxLength: 80 }), { maxKeys: 5 }),
});
const staleZendesk = fc.tuple(body, fc.integer({ min: 6, max: 100_000 })).map(([raw, minutesOld]) => ({
  raw,
  headers: signedHeaders("zendesk", raw, SECRETS.zendesk, new Date(NOW.getTime() - minutesOld * 60_000)),
}));

describe("acceptWebhook under fuzzing", () => {
  it("never answers 5xx and never starts a remediation or writes a note without a valid signature", async () => {
    await fc.assert(
      fc.asyncProperty(anySystem, body, forgery, async (s, raw, { signedAs, guess, random }) => {
        const headers = { ...random, ...signedHeaders(signedAs, raw, `${SECRETS[signedAs]}${guess}-wrong`) };
        const fake = new FakeRemediations();
        const result = await acceptWebhook({ system: s, rawBody: raw, headers }, fake.deps());
        expect(result.status).toBeLessThan(500);
        expect([401, 404, 413]).toContain(result.status);
        expect(fake.requests).toEqual([]);
        expect(fake.notes).toEqual([]);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("refuses Zendesk deliveries signed with the right secret but outside the replay window", async () => {
    await fc.assert(
      fc.asyncProperty(staleZendesk, async ({ raw, headers }) => {
        const fake = new FakeRemediations();
        const result = await acceptWebhook({ system: "zendesk", rawBody: raw, headers }, fake.deps());
        expect(result.status === 401 || result.status === 413).toBe(true);
        expect(fake.requests).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("answers every validly signed body with a 2xx or a clear 4xx, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(system, body, fc.dictionary(fc.constantFrom("content-type", "content-length", "x-atlassian-webhook-identifier", "idempotency-key"), fc.string({ maxLength: 40 })), async (s, raw, extra) => {
        const fake = new FakeRemediations();
        const result = await acceptWebhook({ system: s, rawBody: raw, headers: { ...extra, ...signedHeaders(s, raw) } }, fake.deps());
        // ConnectWise signs with a key its site hands out at the body's key URL: a body naming none cannot be proved (401).
        const unprovable = s === "connectwise" && !raw.includes(CONNECTWISE_SITE);
        expect(unprovable ? [401] : [200, 202, 400, 413, 415]).toContain(result.status);
        if (result.status >= 400) {
          expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(fake.requests).toEqual([]);
          expect(fake.notes).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("keeps a remediation's mailbox to one well-formed address, whatever the ticket text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 60 }), fc.emailAddress()), { maxLength: 8 }), async (parts) => {
        const fake = new FakeRemediations();
        const raw = JSON.stringify({ ticketId: "F-1", description: parts.join(" scanner ") });
        await acceptWebhook({ system: "generic", rawBody: raw, headers: signedHeaders("generic", raw) }, fake.deps());
        for (const request of fake.requests) expect(request.mailbox).toMatch(/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i);
        expect(fake.requests.length + fake.notes.length).toBe(1);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
