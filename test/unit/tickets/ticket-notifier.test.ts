import { describe, expect, it } from "vitest";
import { createTicketNotifier } from "../../../shared/tickets/ticket-notifier";
import { renderNote } from "../../../shared/tickets/render-note";
import { resolveTenantPolicy } from "../../../shared/domain/tenant-policy";
import type { RemediationRecord } from "../../../shared/remediation/remediation-record";
import type { TicketNote } from "../../../shared/tickets/ticket-note";
import { MemoryClaims } from "./support/memory-claims";
import { MemoryQueue } from "./support/memory-queue";

function record(overrides: Partial<RemediationRecord> = {}): RemediationRecord {
  return {
    id: "req-9",
    tenantId: "fabrikam",
    mailbox: "copier.sofia@fabrikam.bg",
    mode: "apply",
    ticket: { system: "servicenow", id: "9d385017c611228701d22104cc95c371" },
    source: "webhook:servicenow",
    status: "running",
    diagnosis: {
      causes: [
        { id: "smtp-auth-disabled-mailbox", verdict: "confirmed", confidence: 0.9, evidence: [], fixStep: "enable-mailbox-smtp-auth" },
        { id: "wrong-credentials", verdict: "ruled-out", confidence: 0.1, evidence: [], fixStep: null },
      ],
      unknownLayers: [],
    },
    steps: [
      { name: "disable-security-defaults", status: "pending", attempts: 0 },
      { name: "enable-mailbox-smtp-auth", status: "pending", attempts: 0 },
      { name: "disable-per-user-mfa", status: "pending", attempts: 0 },
    ],
    stage: "enable-mailbox-smtp-auth",
    diagnoseAttempts: 1,
    createdAt: "2026-11-27T10:00:00Z",
    updatedAt: "2026-11-27T10:00:05Z",
    ...overrides,
  };
}

function notifierWith(queue: MemoryQueue, locale: "en" | "bg", warnings: string[] = [], claims = new MemoryClaims()) {
  return createTicketNotifier({
    queue,
    claims,
    tenants: { get: async () => ({ policy: resolveTenantPolicy({ locale }) }) },
    settings: { PUBLIC_BASE_URL: "https://smtpfix.example.net" },
    log: { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
  });
}

describe("createTicketNotifier", () => {
  it("queues one note per request and milestone, however often the milestone is reported", async () => {
    const queue = new MemoryQueue();
    const notify = notifierWith(queue, "en");
    await notify(record(), "accepted");
    await notify(record({ updatedAt: "2026-11-27T10:05:00Z" }), "accepted");
    await notify(record({ status: "succeeded" }), "completed");
    expect(queue.sent.map((m) => m.options.messageId)).toEqual(["req-9:accepted", "req-9:completed"]);
  });

  it("queues an accepted note with the plan and its risk in the tenant's language", async () => {
    const queue = new MemoryQueue();
    await notifierWith(queue, "bg")(record(), "accepted");
    const note = queue.sent[0]?.body as TicketNote;
    expect(queue.sent[0]?.options.messageId).toBe("req-9:accepted");
    expect(note).toMatchObject({ kind: "accepted", locale: "bg", content: { plan: [{ name: "enable-mailbox-smtp-auth" }], causes: [{ id: "smtp-auth-disabled-mailbox" }] } });
    expect(renderNote(note)).toContain("само тази пощенска кутия");
    expect(note.content.statusUrl).toBe("https://smtpfix.example.net/api/remediations/req-9");
  });

  it("writes a waiting request's coded reason in the tenant's language, the stored English kept for the API", async () => {
    const queue = new MemoryQueue();
    const reasonCode = { code: "awaiting-approval", params: { steps: "enable-mailbox-smtp-auth" }, parts: [{ code: "budget-used", params: { used: 25, max: 25 } }] };
    const reason = "Waiting for a second person to approve enable-mailbox-smtp-auth: This tenant's automatic changes for today are used up (25 of 25, policy maxAutomaticPerDay).";
    await notifierWith(queue, "bg")(record({ status: "awaiting-approval", reason, reasonCode, attention: { reason, guidance: [], causes: [] } }), "needs-attention");
    const text = renderNote(queue.sent[0]?.body as TicketNote);
    expect(text).toContain("Чака втори човек да одобри: включване на SMTP AUTH за пощенската кутия. Автоматичните промени за днес при този клиент са изчерпани (25 от 25");
    expect(text).not.toContain("Waiting for a second person");
  });

  it("queues a completed note with the verified values of the steps that ran", async () => {
    const queue = new MemoryQueue();
    const done = record({
      status: "succeeded",
      steps: [
        { name: "disable-security-defaults", status: "skipped", attempts: 1, before: "disabled", after: "disabled" },
        { name: "enable-mailbox-smtp-auth", status: "succeeded", attempts: 1, before: "disabled", after: "enabled" },
        { name: "disable-per-user-mfa", status: "pending", attempts: 0 },
      ],
    });
    await notifierWith(queue, "en")(done, "completed");
    const text = renderNote(queue.sent[0]?.body as TicketNote);
    expect(text).toContain("Enable SMTP AUTH for the mailbox: done (before: disabled, after: enabled)");
    expect(text).not.toContain("per-user MFA");
  });

  it("stays silent for requests without a ticket and never throws when the queue fails", async () => {
    const queue = new MemoryQueue();
    await notifierWith(queue, "en")(record({ ticket: undefined }), "completed");
    expect(queue.sent).toEqual([]);
    const failing = Object.assign(new MemoryQueue(), { send: async () => Promise.reject(new Error("AccountKey=secret")) });
    const warnings: string[] = [];
    await expect(notifierWith(failing, "en", warnings)(record(), "failed")).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain("AccountKey");
  });
});

describe("verification notes", () => {
  const window = { since: "2026-12-01T10:00:00.000Z", until: "2026-12-02T10:00:00.000Z", checkedAt: "2026-12-01T10:05:00.000Z" };

  it("tells the ticket, in English, when and from where the device signed in after the fix", async () => {
    const queue = new MemoryQueue();
    await notifierWith(queue, "en")(record({ status: "succeeded", verification: { ...window, status: "confirmed", signIn: { at: "2026-12-01T10:03:12Z", ipAddress: "203.0.113.7" } } }), "verified");
    const note = queue.sent[0]?.body as TicketNote;
    expect(queue.sent[0]?.options.messageId).toBe("req-9:verified");
    expect(renderNote(note)).toContain("signed in over SMTP AUTH successfully at 2026-12-01T10:03:12Z from 203.0.113.7");
  });

  it("tells the ticket, in Bulgarian, what is still wrong when the device's sign-in fails after the fix", async () => {
    const queue = new MemoryQueue();
    const failing = record({ status: "succeeded", verification: { ...window, status: "failing", cause: "wrong-credentials", signIn: { at: "2026-12-01T10:03:12Z", ipAddress: "203.0.113.7", errorCode: 50126 } } });
    await notifierWith(queue, "bg")(failing, "verification-failing");
    const text = renderNote(queue.sent[0]?.body as TicketNote);
    expect(queue.sent[0]?.options.messageId).toBe("req-9:still-failing");
    expect(text).toContain("грешка на Entra 50126 (wrong-credentials)");
    expect(text).toContain("пълния адрес");
  });

  it("asks the requester to retry the device when the window passed with no sign-in, in both languages", async () => {
    for (const [locale, phrase] of [["en", "in the 24 hours since the fix"], ["bg", "в последните 24 часа"]] as const) {
      const queue = new MemoryQueue();
      await notifierWith(queue, locale)(record({ status: "succeeded", verification: { ...window, status: "not-seen" } }), "not-seen");
      expect(renderNote(queue.sent[0]?.body as TicketNote)).toContain(phrase);
    }
  });
});
