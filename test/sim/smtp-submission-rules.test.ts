import { describe, expect, it } from "vitest";
import { SENDER_THREADS_PER_MAILBOX, SenderThreadLimit } from "../../dev/sim/smtp/sender-thread-limit";
import { decideMailFrom } from "../../dev/sim/smtp/smtp-mail-from-decision";
import { SMTP_REPLIES } from "../../dev/sim/smtp/smtp-replies";
import { replyForTlsProtocol } from "../../dev/sim/smtp/smtp-tls-policy";
import { SimTenant } from "../../dev/sim/state/sim-tenant";
import type { MailFromAttempt } from "../../dev/sim/smtp/smtp-mail-from-decision";

const UPN = "user000001@rules.test";

function attempt(overrides: Partial<MailFromAttempt> & { restrictedSender?: boolean } = {}): MailFromAttempt {
  const tenant = new SimTenant("rules", "rules.test", 1);
  tenant.mailboxes.upsert(UPN, { restrictedSender: overrides.restrictedSender ?? false });
  return { sender: UPN, user: UPN, record: tenant.mailboxes.find(UPN), hasSenderThread: true, ...overrides };
}

describe("MAIL FROM after AUTH", () => {
  it("accepts the authenticated mailbox as sender, whatever the case", () => {
    expect(decideMailFrom(attempt({ sender: UPN.toUpperCase() }))).toBeUndefined();
  });

  it("refuses a session without a sender thread before anything else", () => {
    expect(decideMailFrom(attempt({ hasSenderThread: false, restrictedSender: true, sender: "other@rules.test" }))).toBe(SMTP_REPLIES.senderThreadLimit);
  });

  it("refuses a restricted mailbox with 5.1.8 before the send-as check", () => {
    expect(decideMailFrom(attempt({ restrictedSender: true, sender: "other@rules.test" }))).toBe(SMTP_REPLIES.badOutboundSender);
  });

  it("refuses another sender with 5.7.60", () => {
    expect(decideMailFrom(attempt({ sender: "other@rules.test" }))).toBe(SMTP_REPLIES.senderNotPermitted);
  });
});

describe("sender thread limit", () => {
  it("gives a mailbox three threads and refuses the fourth", () => {
    const limit = new SenderThreadLimit();
    const granted = ["s1", "s2", "s3", "s4"].map((id) => limit.acquire(id, UPN));
    expect(SENDER_THREADS_PER_MAILBOX).toBe(3);
    expect(granted).toEqual([true, true, true, false]);
    expect(limit.inUse(UPN)).toBe(3);
  });

  it("counts each mailbox separately and ignores the case of the address", () => {
    const limit = new SenderThreadLimit(1);
    expect(limit.acquire("s1", UPN)).toBe(true);
    expect(limit.acquire("s2", UPN.toUpperCase())).toBe(false);
    expect(limit.acquire("s3", "user000002@rules.test")).toBe(true);
  });

  it("lets a session that already holds a thread keep it without taking another", () => {
    const limit = new SenderThreadLimit(2);
    limit.acquire("s1", UPN);
    expect(limit.acquire("s1", UPN)).toBe(true);
    expect(limit.inUse(UPN)).toBe(1);
  });

  it("frees the thread of a closed session for the next one, and ignores sessions that held none", () => {
    const limit = new SenderThreadLimit(1);
    limit.acquire("s1", UPN);
    limit.release("never-authenticated");
    expect(limit.acquire("s2", UPN)).toBe(false);
    limit.release("s1");
    expect(limit.inUse(UPN)).toBe(0);
    expect(limit.acquire("s2", UPN)).toBe(true);
  });
});

describe("TLS version after STARTTLS", () => {
  it.each(["TLSv1", "TLSv1.1", "SSLv3"])("answers 421 4.7.66 to %s", (protocol) => {
    expect(replyForTlsProtocol(protocol)).toBe(SMTP_REPLIES.tlsVersionUnsupported);
    expect(SMTP_REPLIES.tlsVersionUnsupported.code).toBe(421);
  });

  it.each(["TLSv1.2", "TLSv1.3"])("lets %s through", (protocol) => {
    expect(replyForTlsProtocol(protocol)).toBeUndefined();
  });

  it("lets a session without a known protocol through (no TLS yet)", () => {
    expect(replyForTlsProtocol(null)).toBeUndefined();
  });
});
