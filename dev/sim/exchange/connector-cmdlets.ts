import { isIPv4 } from "node:net";
import { invalidParameter, objectNotFound, taskFailed } from "./exchange-errors";
import { failure, list, objects, text } from "./cmdlet-result";
import type { CmdletCall, CmdletResult } from "./cmdlets";
import type { InboundConnectorRecord } from "../state/migration-records";

/*
 * Inbound connectors (learn.microsoft.com/powershell/module/exchangepowershell/new-inboundconnector):
 * -Name and -SenderDomains are mandatory; -ConnectorType Partner (default) or OnPremises;
 * -SenderIPAddresses takes IPv4 addresses (CIDR ranges too, not simulated).
 */

function connectorObject(c: InboundConnectorRecord): Record<string, unknown> {
  return {
    Identity: c.name, Name: c.name, ConnectorType: c.connectorType, SenderIPAddresses: c.senderIpAddresses,
    SenderDomains: c.senderDomains.map((d) => `smtp:${d};1`), RestrictDomainsToIPAddresses: c.restrictDomainsToIPAddresses,
    Enabled: c.enabled, WhenCreated: c.whenCreated,
  };
}

export function getInboundConnector(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity).toLowerCase();
  const all = [...call.tenant.inboundConnectors.values()];
  if (!identity) return objects(all.map(connectorObject));
  const found = call.tenant.inboundConnectors.get(identity);
  return found ? objects([connectorObject(found)]) : failure(objectNotFound(identity, call.tenant.domain));
}

export function newInboundConnector(call: CmdletCall): CmdletResult {
  const p = call.parameters;
  const name = text(p.Name);
  const senderDomains = list(p.SenderDomains);
  const ips = list(p.SenderIPAddresses);
  const type = text(p.ConnectorType) || "Partner";
  if (!name) return failure(invalidParameter("Cannot validate argument on parameter 'Name'. The argument is null or empty."));
  if (senderDomains.length === 0) return failure(invalidParameter("Cannot validate argument on parameter 'SenderDomains'. The argument is null or empty."));
  if (type !== "OnPremises" && type !== "Partner") {
    return failure(invalidParameter(`Cannot process argument transformation on parameter 'ConnectorType'. Cannot convert value "${type}" to type "Microsoft.Exchange.Data.TenantInboundConnectorType".`));
  }
  const badIp = ips.find((ip) => !isIPv4(ip));
  if (badIp) return failure(invalidParameter(`Cannot process argument transformation on parameter 'SenderIPAddresses'. "${badIp}" is not a valid IPv4 address.`));
  if (call.tenant.inboundConnectors.has(name.toLowerCase())) {
    return failure(taskFailed(`The inbound connector "${name}" already exists.`, "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException"));
  }
  const connector: InboundConnectorRecord = {
    name, connectorType: type, senderIpAddresses: ips, senderDomains, enabled: p.Enabled !== false,
    restrictDomainsToIPAddresses: p.RestrictDomainsToIPAddresses === true, whenCreated: new Date().toISOString(),
  };
  const tenant = call.tenant;
  tenant.write(() => tenant.inboundConnectors.set(name.toLowerCase(), connector), call.propagationDelayMs);
  return objects([connectorObject(connector)]);
}

/** Remove-InboundConnector -Identity: what an undo of create-relay-connector runs. */
export function removeInboundConnector(call: CmdletCall): CmdletResult {
  const identity = text(call.parameters.Identity).toLowerCase();
  if (!call.tenant.inboundConnectors.has(identity)) return failure(objectNotFound(identity, call.tenant.domain));
  const tenant = call.tenant;
  tenant.write(() => tenant.inboundConnectors.delete(identity), call.propagationDelayMs);
  return objects([]);
}
