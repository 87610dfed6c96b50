import { describe, expect, it } from "vitest";
import type { CreatedObject } from "../../../shared/domain/created-objects";
import type { TenantGateways } from "../../../shared/m365/m365-gateway";
import type { MigrationGateway } from "../../../shared/m365/migration-gateway";
import { STEPS } from "../../../shared/steps";

const APP = "app-1";
const SP_OBJECT = "sp-object-1";
const target = { mailbox: "printer@contoso.example", userId: null };

/** A tenant holding what a move made, and the Remove- calls the undo sent, in order. */
function tenantWithMove() {
  const state = { hve: true, connector: true, sp: true, rights: ["FullAccess"] };
  const removed: string[] = [];
  const migration: Partial<MigrationGateway> = {
    getHveAccount: async (a) => (state.hve ? { primarySmtpAddress: a, externalDirectoryObjectId: "x" } : null),
    listInboundConnectors: async () => (state.connector ? [{ name: "relay 10.0.0.5", connectorType: "OnPremises", senderIpAddresses: ["10.0.0.5"], enabled: true }] : []),
    getExchangeServicePrincipal: async (appId) => (state.sp ? { appId, objectId: SP_OBJECT, displayName: "App" } : null),
    getMailboxAccessRights: async (_m, user) => (user === SP_OBJECT ? state.rights : []),
    removeHveAccount: async (a) => void (removed.push(`Remove-MailUser ${a}`), (state.hve = false)),
    removeInboundConnector: async (n) => void (removed.push(`Remove-InboundConnector ${n}`), (state.connector = false)),
    removeExchangeServicePrincipal: async (id) => void (removed.push(`Remove-ServicePrincipal ${id}`), (state.sp = false)),
    removeMailboxAccess: async (m, u, r) => void (removed.push(`Remove-MailboxPermission ${m} ${u} ${r.join(",")}`), (state.rights = [])),
  };
  const gw = { tenantId: "t", migration } as unknown as TenantGateways;
  return { gw, removed };
}

const undoOf = (name: keyof typeof STEPS) => {
  const undo = STEPS[name].undo;
  if (!undo) throw new Error(`${name} has no undo`);
  return undo;
};

describe("a move's undo", () => {
  it("removes each object a creating step made with its Remove- cmdlet, and reads 'removed' after", async () => {
    const { gw, removed } = tenantWithMove();
    const cases: Array<[keyof typeof STEPS, CreatedObject]> = [
      ["grant-app-mailbox-access", { kind: "mailbox-permission", id: target.mailbox, user: APP, accessRights: ["FullAccess"] }],
      ["register-exchange-service-principal", { kind: "exchange-service-principal", id: APP }],
      ["create-relay-connector", { kind: "inbound-connector", id: "relay 10.0.0.5" }],
      ["create-hve-account", { kind: "hve-account", id: "hve-printer@contoso.example" }],
    ];
    for (const [name, created] of cases) {
      const undo = undoOf(name);
      const recorded = { before: "absent", created: [created] };
      expect(undo.isRestored(await undo.read(gw, target, recorded), recorded)).toBe(false);
      await undo.apply(gw, target, recorded);
      expect(await undo.read(gw, target, recorded)).toBe("removed");
      expect(undo.restoredValue(recorded)).toBe("removed");
    }
    expect(removed).toEqual([
      `Remove-MailboxPermission ${target.mailbox} ${APP} FullAccess`,
      `Remove-ServicePrincipal ${APP}`,
      "Remove-InboundConnector relay 10.0.0.5",
      "Remove-MailUser hve-printer@contoso.example",
    ]);
  });

  it("removes nothing that is already gone", async () => {
    const { gw, removed } = tenantWithMove();
    const recorded = { before: "absent", created: [{ kind: "hve-account" as const, id: "hve-printer@contoso.example" }] };
    await undoOf("create-hve-account").apply(gw, target, recorded);
    await undoOf("create-hve-account").apply(gw, target, recorded);
    expect(removed).toEqual(["Remove-MailUser hve-printer@contoso.example"]);
  });

  it("removing what a move made tightens; re-opening SMTP AUTH after a retirement weakens and re-checks privilege; the billing check has nothing to undo", () => {
    const creating = ["create-hve-account", "create-relay-connector", "register-exchange-service-principal", "grant-app-mailbox-access"] as const;
    expect(creating.map((name) => undoOf(name).effect)).toEqual(["tightens", "tightens", "tightens", "tightens"]);
    expect(undoOf("retire-basic-auth").effect).toBe("weakens");
    expect(undoOf("retire-basic-auth").precondition).toBeTypeOf("function");
    expect(STEPS["check-hve-billing-policy"].undo).toBeUndefined();
  });

  it("retire-basic-auth's undo writes the mailbox's own before-value back, or no value of its own", async () => {
    const writes: Array<boolean | null> = [];
    const gw = { exchange: { setCasMailboxSmtpAuthDisabled: async (_m: string, v: boolean | null) => void writes.push(v) } } as unknown as TenantGateways;
    const undo = undoOf("retire-basic-auth");
    await undo.apply(gw, target, { before: "enabled" });
    await undo.apply(gw, target, { before: "follows organisation" });
    expect(writes).toEqual([false, null]);
    expect(undo.isRestored("enabled", { before: "enabled" })).toBe(true);
    expect(undo.isRestored("disabled", { before: "enabled" })).toBe(false);
  });
});
