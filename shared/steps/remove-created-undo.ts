import type { CreatedObject } from "../domain/created-objects";
import type { TenantGateways } from "../m365/m365-gateway";
import type { MigrationGateway } from "../m365/migration-gateway";
import { migrationGateway } from "./migration-of";
import type { StepUndo, UndoRecord } from "./step-undo";

const REMOVED = "removed";

/** Whether the object is still in the tenant; a permission's holder is the app's Exchange service principal. */
async function present(migration: MigrationGateway, o: CreatedObject): Promise<boolean> {
  switch (o.kind) {
    case "hve-account":
      return (await migration.getHveAccount(o.id)) !== null;
    case "inbound-connector":
      return (await migration.listInboundConnectors()).some((c) => c.name.toLowerCase() === o.id.toLowerCase());
    case "exchange-service-principal":
      return (await migration.getExchangeServicePrincipal(o.id)) !== null;
    case "mailbox-permission": {
      const sp = o.user ? await migration.getExchangeServicePrincipal(o.user) : null;
      if (!sp) return false; // without its service principal the grant names nobody Exchange knows
      const rights = await migration.getMailboxAccessRights(o.id, sp.objectId);
      return (o.accessRights ?? []).some((r) => rights.includes(r));
    }
  }
}

async function remove(migration: MigrationGateway, o: CreatedObject): Promise<void> {
  switch (o.kind) {
    case "hve-account":
      return migration.removeHveAccount(o.id);
    case "inbound-connector":
      return migration.removeInboundConnector(o.id);
    case "exchange-service-principal":
      return migration.removeExchangeServicePrincipal(o.id);
    case "mailbox-permission":
      return migration.removeMailboxAccess(o.id, o.user ?? "", o.accessRights ?? []);
  }
}

async function stillThere(gw: TenantGateways, recorded: UndoRecord): Promise<CreatedObject[]> {
  const migration = migrationGateway(gw);
  const created = recorded.created ?? [];
  const found = await Promise.all(created.map((o) => present(migration, o)));
  return created.filter((_, i) => found[i]);
}

/**
 * The undo of a migration step that created something: each recorded object removed with its
 * Remove- cmdlet, newest first. Removing an account, connector or app permission takes a way in
 * away, so it tightens and needs no second person (decision 0016).
 */
export const removeCreatedUndo: StepUndo = {
  effect: "tightens",
  async read(gw, _target, recorded) {
    const left = await stillThere(gw, recorded);
    return left.length === 0 ? REMOVED : `present: ${left.map((o) => `${o.kind} ${o.id}`).join(", ")}`;
  },
  isRestored: (value) => value === REMOVED,
  async apply(gw, _target, recorded) {
    const migration = migrationGateway(gw);
    for (const o of (await stillThere(gw, recorded)).reverse()) await remove(migration, o);
  },
  restoredValue: () => REMOVED,
};
