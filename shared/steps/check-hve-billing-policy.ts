import { hveAccountFor } from "../domain/migration-plan";
import { migrationGateway } from "./migration-of";
import type { RemediationStep } from "./remediation-step";

const VALID = "BillingPolicyValid";

/**
 * Reads the HVE account's billing policy (Get-HVEAccountBillingPolicy): any status but
 * BillingPolicyValid means the account cannot send, and only a person with the tenant's billing can
 * fix that, so the request stops as needs-attention naming the status. It never writes.
 */
export const checkHveBillingPolicy: RemediationStep = {
  name: "check-hve-billing-policy",
  setting: "hve-billing-policy",
  writesTo: "tenant",
  subject: (target) => hveAccountFor(target.mailbox),
  appliedValue: VALID,
  async read(gw, target) {
    return migrationGateway(gw).getHveBillingPolicyStatus(hveAccountFor(target.mailbox));
  },
  isRight: (value) => value === VALID,
  async precondition(gw, target) {
    const address = hveAccountFor(target.mailbox);
    const status = await migrationGateway(gw).getHveBillingPolicyStatus(address);
    return {
      code: "hve-billing-policy-invalid",
      reason: `The HVE account ${address} cannot send yet: Get-HVEAccountBillingPolicy says ${status}. Link a billing policy to it (Get-BillingPolicy -ResourceType HVE, then Set-HVEAccountBillingPolicy -Identity ${address} -BillingPolicyId <id>) and ask again.`,
    };
  },
  async apply() {
    throw new Error("check-hve-billing-policy only reads; its precondition stops the request instead.");
  },
};
