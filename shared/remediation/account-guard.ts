import { isConsistentAccount, isProtectedAccount } from "../domain/account-identity";
import { accountOf } from "../m365/account-of";
import { englishReason, reasonCode } from "../domain/request-reasons";
import type { TenantPolicy } from "../domain/types";
import type { TenantGateways } from "../m365/m365-gateway";
import type { StepRefusal, StepTarget } from "../steps";

/**
 * The standing policy's account checks again, right before a write: the request's address must still
 * resolve in Exchange to the mailbox of the Entra user that was checked (an alias can be moved to
 * another mailbox), and no name of that account may be protected now (the policy may have changed).
 * A failed read throws, for the worker to retry or fail the step; either way nothing is written.
 */
export async function accountRefusal(gw: TenantGateways, target: StepTarget, policy: TenantPolicy): Promise<StepRefusal | null> {
  if (!target.userId) return refusal(reasonCode("account-unresolved", { mailbox: target.mailbox }));
  const [user, cas] = await Promise.all([gw.graph.getUser(target.userId), gw.exchange.getCasMailbox(target.mailbox)]);
  const account = accountOf(user, cas);
  if (!isConsistentAccount(account) || account.userId?.toLowerCase() !== target.userId.toLowerCase()) {
    return refusal(reasonCode("account-changed", { mailbox: target.mailbox, userId: target.userId }));
  }
  if (isProtectedAccount(target.mailbox, account, policy.protectedAccounts)) return refusal(reasonCode("protected-account", { mailbox: target.mailbox }));
  return null;
}

function refusal(code: ReturnType<typeof reasonCode>): StepRefusal {
  return { code: code.code, reason: englishReason(code) };
}
