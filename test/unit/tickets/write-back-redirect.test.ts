import { afterEach, describe, expect, it } from "vitest";
import { deliverNote } from "../../../shared/tickets/deliver-note";
import type { TicketNote } from "../../../shared/tickets/ticket-note";
import { FakeTicketServer } from "./support/fake-ticket-server";

const running: FakeTicketServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

describe("write-back and redirects", () => {
  it("does not follow a comment API's redirect: the credentials never go where it points", async () => {
    const elsewhere = new FakeTicketServer();
    running.push(elsewhere);
    const target = await elsewhere.start();
    const redirecting = new FakeTicketServer([{ status: 307, headers: { location: `${target}/api/v2/tickets/1.json` } }]);
    running.push(redirecting);
    const base = await redirecting.start();
    const note: TicketNote = { id: "req-1:accepted", system: "zendesk", ticketId: "1", kind: "accepted", locale: "en", content: {} };
    const outcome = await deliverNote(note, { raw: {} }, fetch, { connection: { baseUrl: base, credentials: { authorization: "Bearer secret-token" }, options: {} } });
    expect(outcome).toEqual({ outcome: "give-up", reason: "zendesk comment API answered HTTP 307" });
    expect(redirecting.calls).toHaveLength(1);
    expect(elsewhere.calls).toEqual([]);
  });
});
