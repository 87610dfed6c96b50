import { unknown } from "../domain/layer";
import { privilegeRefusal } from "../domain/privilege-guard";
import type { StepName } from "../domain/types";
import { readUserPrivilege } from "../m365/read-privilege";
import type { StepRefusal, StepTarget } from "./remediation-step";
import type { TenantGateways } from "../m365/m365-gateway";

/**
 * The privilege guardrail again, right before an account-weakening write: roles can be granted or
 * activated between diagnosis and the write. Same reader and decision as diagnosis and planning.
 * A read that failed transiently throws, so the worker retries the step instead of refusing it.
 */
export function privilegePrecondition(step: StepName) {
  return async (gw: TenantGateways, target: StepTarget): Promise<StepRefusal | null> => {
    const read = target.userId ? await readUserPrivilege(gw, target.userId) : { privilege: unknown<string[]>(`no Entra user is known for ${target.mailbox}`) };
    // A throttled or transient read is retried by the worker like any other; only a lasting gap refuses.
    if (!read.privilege.known && "retryable" in read && read.retryable) throw read.retryable;
    const privilege = read.privilege;
    const refusal = privilegeRefusal(step, privilege, "en");
    return refusal ? { code: refusal.code, reason: `${target.mailbox}: ${refusal.reason}` } : null;
  };
}
