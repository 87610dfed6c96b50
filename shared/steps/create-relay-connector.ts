import { relayConnectorName } from "../domain/migration-plan";
import type { InboundConnector } from "../m365/migration-gateway";
import { migrationGateway, senderIpOf } from "./migration-of";
import type { RemediationStep } from "./remediation-step";
import { removeCreatedUndo } from "./remove-created-undo";

const COVERED = "covered by ";

const listing = (connectors: InboundConnector[], ip: string): InboundConnector[] => connectors.filter((c) => c.senderIpAddresses.includes(ip));
const relays = (c: InboundConnector): boolean => c.enabled && c.connectorType.toLowerCase() === "onpremises";

/**
 * An OnPremises inbound connector that recognises the device by its IP address (New-InboundConnector).
 * RejectDirectSend does not stop this route: Exchange rejects only anonymous mail from an accepted
 * domain that matches no inbound connector (learn.microsoft.com/powershell/module/exchangepowershell/
 * set-organizationconfig, RejectDirectSend; techcommunity.microsoft.com/blog/exchange/4408790), and
 * the connector is what makes it match. Its state is read so the trail says what the connector unblocks.
 */
export const createRelayConnector: RemediationStep = {
  name: "create-relay-connector",
  setting: "inbound-connector",
  writesTo: "tenant",
  subject: (target) => relayConnectorName(senderIpOf(target)),
  appliedValue: "created",
  async read(gw, target) {
    const ip = senderIpOf(target);
    const migration = migrationGateway(gw);
    const [connectors, rejectDirectSend] = await Promise.all([migration.listInboundConnectors(), migration.getRejectDirectSend()]);
    const relaying = listing(connectors, ip).find(relays);
    if (relaying) return `${COVERED}${relaying.name}`;
    return rejectDirectSend ? "absent (RejectDirectSend on: the device's anonymous mail is refused with 550 5.7.68)" : "absent";
  },
  isRight: (value) => value.startsWith(COVERED),
  async precondition(gw, target) {
    const ip = senderIpOf(target);
    const other = listing(await migrationGateway(gw).listInboundConnectors(), ip)[0];
    if (!other) return null;
    // A second connector for the same address would compete with the first; a person decides which stays.
    return {
      code: "connector-conflict",
      reason: `The inbound connector "${other.name}" (${other.connectorType}${other.enabled ? "" : ", disabled"}) already lists ${ip}: enable it as an OnPremises connector or remove the address from it, then ask again.`,
    };
  },
  async apply(gw, target) {
    const ip = senderIpOf(target);
    await migrationGateway(gw).newRelayConnector({ name: relayConnectorName(ip), senderIp: ip });
  },
  createdObjects: (target) => [{ kind: "inbound-connector", id: relayConnectorName(senderIpOf(target)) }],
  undo: removeCreatedUndo,
};
