import type { MigrationPath, StepName } from "./types";

/** What a migration request asks for: the path, its one parameter, and whether basic auth goes afterwards. */
export interface MigrationRequest {
  path: MigrationPath;
  /** relay-connector: the device's public IPv4 address, the only one the connector accepts. */
  senderIp?: string;
  /** oauth-app: the application (client) id of an app registered in the customer's tenant. */
  appId?: string;
  /** After the move, turn SMTP AUTH off again for the old mailbox and close its exception. */
  retireBasicAuth?: boolean;
}

/**
 * The steps of each path, in order. OAuth SMTP still goes through SMTP AUTH (with a token instead of
 * a password), so the oauth-app path keeps the mailbox's SMTP AUTH on — the fix step, with its own
 * policy and exception — and never retires it.
 */
export function migrationSteps(request: MigrationRequest): StepName[] {
  const retire: StepName[] = request.retireBasicAuth ? ["retire-basic-auth"] : [];
  switch (request.path) {
    case "high-volume-email":
      return ["create-hve-account", "check-hve-billing-policy", ...retire];
    case "relay-connector":
      return ["create-relay-connector", ...retire];
    case "oauth-app":
      return ["register-exchange-service-principal", "grant-app-mailbox-access", "enable-mailbox-smtp-auth"];
  }
}

/** The HVE account made for a mailbox: one per device mailbox, so a second run finds it instead of making another. */
export function hveAccountFor(mailbox: string): string {
  const [local, domain] = mailbox.toLowerCase().split("@");
  return `hve-${local}@${domain}`;
}

/** The inbound connector made for a sender IP, named so a second run (or a person) recognises it. */
export function relayConnectorName(senderIp: string): string {
  return `smtp-auth-remediation relay ${senderIp}`;
}

/**
 * Where HVE accounts send: smtp.hve.mx.microsoft on 587 with STARTTLS (smtp-hve.office365.com is to be
 * deprecated; learn.microsoft.com/exchange/mail-flow-best-practices/high-volume-mails-m365).
 */
export const HVE_SMTP_ENDPOINT = "smtp.hve.mx.microsoft:587";
