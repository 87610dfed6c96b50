import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Operator } from "../../../shared/auth/operator";
import { STEP_NAMES } from "../../../shared/domain/types";
import { decideApproval } from "../../../shared/remediation/decide-approval";
import type { RemediationRecord } from "../../../shared/remediation/remediation-record";
import { buildHarness, type Harness } from "./support/worker-harness";

/** Erin as her token names her: UPN only. The directory knows her proxy address too. */
const ERIN: Operator = { oid: "0e000000-0000-4000-a000-00000000e1e1", upn: "erin@msp.example", roles: ["Remediation.Approve"], groups: [], addresses: ["erin@msp.example"] };

describe("deciding a request that came from a ticket", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await buildHarness();
  });

  /** A request a ticket by `requester` asked for, waiting for approval. */
  const ticketRequest = async (requester: string): Promise<RemediationRecord> => {
    const now = h.clock.now.toISOString();
    const record: RemediationRecord = {
      id: randomUUID(),
      tenantId: h.tenantId,
      mailbox: "printer@contoso.com",
      userId: "u1",
      mode: "apply",
      source: "webhook:generic",
      ticketRequester: requester,
      status: "awaiting-approval",
      steps: STEP_NAMES.map((name) => ({ name, status: name === "enable-mailbox-smtp-auth" ? "pending" : "skipped", attempts: 0 })),
      approvalRequest: { plan: { steps: ["enable-mailbox-smtp-auth"], mailbox: "printer@contoso.com", userId: "u1" }, reasons: [] },
      stage: "diagnose",
      diagnoseAttempts: 1,
      createdAt: now,
      updatedAt: now,
    };
    await h.deps.requests.create(record);
    return record;
  };
  const decide = (record: RemediationRecord) => decideApproval(record.id, "approved", {}, ERIN, h.deps).then(() => "approved", (e: { code?: string }) => e.code);

  it("refuses an approver whose proxy address in the operators' directory filed the ticket, in any case or with a +tag", async () => {
    h.operators.set(ERIN.oid, ["erin@msp.example", "e.smith@msp-mail.example"]);
    for (const from of ["e.smith@msp-mail.example", "E.Smith+printers@MSP-mail.example"]) {
      const record = await ticketRequest(from);
      expect([from, await decide(record)]).toEqual([from, "SELF_APPROVAL"]);
      expect((await h.deps.requests.get(record.id))?.record.status).toBe("awaiting-approval");
    }
  });

  it("refuses, and says why, when the approver's addresses cannot be read: the ticket cannot be shown not to be theirs", async () => {
    const record = await ticketRequest("someone@customer.example");
    await expect(decideApproval(record.id, "approved", {}, ERIN, h.deps)).rejects.toMatchObject({ code: "APPROVER_ADDRESSES_UNKNOWN", message: expect.stringContaining("operators' directory could not be read") });
    expect((await h.deps.requests.get(record.id))?.record.status).toBe("awaiting-approval");
  });

  it("lets an approver decide a ticket someone else filed once their addresses are read", async () => {
    h.operators.set(ERIN.oid, ["erin@msp.example", "e.smith@msp-mail.example"]);
    const record = await ticketRequest("someone@customer.example");
    expect(await decide(record)).toBe("approved");
    expect((await h.deps.requests.get(record.id))?.record.approval).toMatchObject({ decision: "approved", by: { oid: ERIN.oid } });
  });
});
