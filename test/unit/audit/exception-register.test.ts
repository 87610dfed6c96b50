import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExceptionRegister } from "../../../shared/audit/exception-register";
import type { RecordExceptionInput } from "../../../shared/audit/exception-record";
import { storageConnection, stopOwnStorage, uniqueTenantId } from "./support/storage";

let register: ExceptionRegister;
beforeAll(async () => {
  register = await ExceptionRegister.open(await storageConnection());
});
afterAll(stopOwnStorage);

function input(tenantId: string, parts: Partial<RecordExceptionInput> = {}): RecordExceptionInput {
  return {
    tenantId,
    subject: "printer@contoso.com",
    setting: "mailbox-smtp-auth",
    valueApplied: "false",
    requestId: "req-1",
    ticket: { system: "jira", id: "OPS-7", url: "https://jira.example/OPS-7" },
    requestedBy: "helpdesk@contoso.com",
    reason: "Scanner cannot send",
    grantedAt: new Date("2025-01-01T00:00:00.000Z"),
    expiresAt: new Date("2025-06-30T00:00:00.000Z"),
    ...parts,
  };
}

describe("ExceptionRegister", () => {
  it("records an exception and lists it with every field, the ticket included", async () => {
    const tenantId = uniqueTenantId();
    const recorded = await register.record(input(tenantId));
    expect(recorded.id).toBe("req-1:mailbox-smtp-auth");
    expect(await register.list(tenantId)).toEqual([
      {
        id: "req-1:mailbox-smtp-auth",
        tenantId,
        subject: "printer@contoso.com",
        setting: "mailbox-smtp-auth",
        valueApplied: "false",
        requestId: "req-1",
        ticket: { system: "jira", id: "OPS-7", url: "https://jira.example/OPS-7" },
        requestedBy: "helpdesk@contoso.com",
        reason: "Scanner cannot send",
        grantedAt: "2025-01-01T00:00:00.000Z",
        expiresAt: "2025-06-30T00:00:00.000Z",
      },
    ]);
  });

  it("records once per request and setting: a redelivered step keeps the first record", async () => {
    const tenantId = uniqueTenantId();
    await register.record(input(tenantId));
    const again = await register.record(input(tenantId, { grantedAt: new Date("2025-02-01T00:00:00.000Z") }));
    expect(again.grantedAt).toBe("2025-01-01T00:00:00.000Z");
    await register.record(input(tenantId, { setting: "per-user-mfa", valueApplied: "disabled" }));
    expect((await register.list(tenantId)).map((e) => e.setting).sort()).toEqual(["mailbox-smtp-auth", "per-user-mfa"]);
  });

  it("keeps tenants apart", async () => {
    const a = uniqueTenantId();
    const b = uniqueTenantId();
    await register.record(input(a));
    expect(await register.list(b)).toEqual([]);
  });

  it("closes an exception once, keeping the first close", async () => {
    const tenantId = uniqueTenantId();
    const { id } = await register.record(input(tenantId));
    const closed = await register.close(tenantId, id, "auto-reverted", new Date("2025-07-01T02:00:00.000Z"));
    expect(closed).toMatchObject({ closedAt: "2025-07-01T02:00:00.000Z", closedReason: "auto-reverted" });
    await register.close(tenantId, id, "revoked", new Date("2025-08-01T02:00:00.000Z"));
    expect((await register.get(tenantId, id))?.closedReason).toBe("auto-reverted");
    expect(await register.close(tenantId, "missing:per-user-mfa", "revoked", new Date())).toBeNull();
  });
});
