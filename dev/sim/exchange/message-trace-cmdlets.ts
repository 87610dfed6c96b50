import { invalidParameter } from "./exchange-errors";
import { failure, objects, text } from "./cmdlet-result";
import type { CmdletCall, CmdletResult } from "./cmdlets";

const DAY_MS = 86_400_000;

/** A -StartDate / -EndDate value, or undefined when absent; null when Exchange could not bind it. */
function dateParameter(value: unknown): number | undefined | null {
  if (value === undefined || value === null || value === "") return undefined;
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? null : at;
}

/**
 * Get-MessageTraceV2 (learn.microsoft.com/powershell/module/exchangepowershell/get-messagetracev2):
 * -StartDate/-EndDate (default: the last 48 hours; at most 10 days per query), -FromIP, -SenderAddress;
 * up to 1000 results, newest first, times in UTC.
 */
export function getMessageTraceV2(call: CmdletCall): CmdletResult {
  const p = call.parameters;
  const start = dateParameter(p.StartDate);
  const end = dateParameter(p.EndDate);
  if (start === null || end === null) return failure(invalidParameter("Cannot process argument transformation on parameter 'StartDate'. Cannot convert value to type \"System.DateTime\"."));
  const until = end ?? Date.now();
  const since = start ?? until - 2 * DAY_MS;
  if (until - since > 10 * DAY_MS) return failure(invalidParameter("You can only return 10 days worth of data per query: use a smaller StartDate and EndDate interval."));
  const fromIp = text(p.FromIP);
  const sender = text(p.SenderAddress).toLowerCase();
  const found = call.tenant.messageTrace
    .filter((m) => Date.parse(m.received) >= since && Date.parse(m.received) <= until && (!fromIp || m.fromIp === fromIp) && (!sender || m.senderAddress.toLowerCase() === sender))
    .sort((a, b) => b.received.localeCompare(a.received))
    .slice(0, 1000);
  return objects(found.map((m) => ({
    MessageTraceId: m.messageTraceId, Received: m.received, SenderAddress: m.senderAddress, RecipientAddress: m.recipientAddress,
    FromIP: m.fromIp, ToIP: null, Status: m.status, Subject: "",
  })));
}
