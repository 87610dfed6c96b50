import { HVE_SMTP_ENDPOINT, hveAccountFor } from "../domain/migration-plan";
import { generatePassword } from "./generate-password";
import { migrationGateway } from "./migration-of";
import type { RemediationStep } from "./remediation-step";
import { removeCreatedUndo } from "./remove-created-undo";

/**
 * A High Volume Email account for the device (New-MailUser -HVEAccount), named after its mailbox so a
 * second run finds it. The password is generated here, sealed for the operator before the account
 * exists (so a crash never leaves an account whose password nobody holds), and shown once.
 */
export const createHveAccount: RemediationStep = {
  name: "create-hve-account",
  setting: "hve-account",
  writesTo: "tenant",
  subject: (target) => hveAccountFor(target.mailbox),
  appliedValue: "created",
  async read(gw, target) {
    return (await migrationGateway(gw).getHveAccount(hveAccountFor(target.mailbox))) ? "exists" : "absent";
  },
  isRight: (value) => value === "exists",
  async precondition(_gw, _target, context) {
    if (context?.credentials?.canStore) return null;
    return { code: "credentials-not-sealable", reason: "The HVE account's password could not be kept for the operator: set WEBHOOK_SEALING_SECRET (it seals generated credentials too) and run the request again." };
  },
  async apply(gw, target, context) {
    const address = hveAccountFor(target.mailbox);
    const password = generatePassword();
    if (!context?.credentials) throw new Error("No credential store: the precondition should have refused.");
    await context.credentials.put(context.requestId, { username: address, password, endpoint: HVE_SMTP_ENDPOINT }, context.now());
    await migrationGateway(gw).newHveAccount({ name: address.split("@")[0] ?? address, address, password });
  },
  createdObjects: (target) => [{ kind: "hve-account", id: hveAccountFor(target.mailbox) }],
  undo: removeCreatedUndo,
};
