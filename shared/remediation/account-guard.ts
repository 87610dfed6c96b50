import { unresolvedAccount, type AccountIdentity } from "../domain/account-identity";
import { recheckAccount } from "../domain/account-recheck";
import { englishReason } from "../domain/request-reasons";
import type { TenantPolicy } from "../domain/types";
import { accountOf } from "../m365/account-of";
import type { TenantGateways } from "../m365/m365-gateway";
import type { RemediationStep, StepRefusal, StepTarget } from "../steps";

/**
 * The account check right before a write. A write Exchange addresses by the mailbox's address needs
 * Exchange's answer now: it is the step's own Get-CASMailbox (the caller passes gateways that share
 * one read per attempt), so the check adds no call that could fail on its own. A read that fails
 * throws, for the worker to retry or fail the step; either way nothing is written.
 */
export async function accountRefusal(gw: TenantGateways, def: RemediationStep, target: StepTarget, recorded: AccountIdentity | undefined, policy: TenantPolicy): Promise<StepRefusal | null> {
  const resolved = def.writesTo === "mailbox-address" ? await gw.exchange.getCasMailbox(target.mailbox).then((cas) => (cas ? accountOf(null, cas) : null)) : undefined;
  const code = recheckAccount({
    mailbox: target.mailbox,
    userId: target.userId,
    recorded: recorded ?? unresolvedAccount(target.userId),
    resolved,
    protectedAccounts: policy.protectedAccounts,
  });
  return code ? { code: code.code, reason: englishReason(code) } : null;
}
