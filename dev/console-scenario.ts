import { readFileSync } from "node:fs";
import { auditDemoTenants } from "./demo-tenants";
import type { LocalStack } from "./local-stack";
import { DEMO_APPROVER, DEMO_OPERATOR, registerOperator } from "./operator-session";

/** The request the console scenario leaves waiting: the demo tenant whose policy forbids tenant-wide changes. */
export const WAITING_MAILBOX = "copier@northwind.example";

/** The generic ticket the printer's request came from. */
const TICKET_ID = "4711";

/** What the console scenario set up. */
export interface ConsoleScenario {
  waitingRequestId: string;
  /** The request that came from Fabrikam's ticket and succeeded on its own. */
  ticketRequestId: string;
  requester: string;
  approver: string;
}

/**
 * A demo stack as the console shows it at its most useful: the requester and the approver on the
 * simulator's sign-in page, a request by the requester waiting for approval, one from a ticket that
 * succeeded on its own, and an audit of each demo tenant. Used by the console's browser test and `npm run screenshots`.
 */
export async function seedConsoleScenario(stack: LocalStack): Promise<ConsoleScenario> {
  const ca = readFileSync(stack.sim.caCertPath, "utf8");
  for (const person of [DEMO_OPERATOR, DEMO_APPROVER]) await registerOperator(stack.sim.baseUrl, ca, person);
  // The printer's ticket arrives through Fabrikam's own webhook, as a ticketing system would send it,
  // raised by one of Fabrikam's own people (a ticket from outside would only ask).
  const hook = await stack.api("/api/tenants/fabrikam-demo/webhook-secrets/generic", { method: "POST", body: {} });
  if (hook.status !== 201) throw new Error(`Fabrikam's webhook secret was not issued: ${hook.status}`);
  const done = await stack.anonymousApi(new URL(hook.body.url).pathname, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${hook.body.secret}` },
    body: JSON.stringify({ ticketId: TICKET_ID, subject: "Printer cannot scan to email", requester: "office.manager@fabrikam.example", description: "printer@fabrikam.example: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." }),
  });
  const waiting = await stack.api("/api/remediations", { method: "POST", body: { mailbox: WAITING_MAILBOX, errorText: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy.", ticket: { system: "jira", id: "OPS-42" } } });
  if (done.status !== 202 || waiting.status !== 202) throw new Error(`The scenario's requests were refused: ${done.status} ${waiting.status}`);
  await until(async () => (await stack.api(`/api/remediations/${waiting.body.id}`)).body.status === "awaiting-approval" && (await stack.api(`/api/remediations/${done.body.id}`)).body.status === "succeeded", "the scenario's requests to settle");
  // Basic-auth SMTP sign-ins in Fabrikam's log, so the tenants view shows who stops on 31 December.
  const signIns = await stack.simApi("/_sim/tenants/fabrikam-demo/sign-ins", {
    method: "POST",
    body: [
      { userPrincipalName: "printer@fabrikam.example", ipAddress: "203.0.113.20" },
      { userPrincipalName: "app@fabrikam.example", ipAddress: "198.51.100.7" },
      { userPrincipalName: "app@fabrikam.example", ipAddress: "198.51.100.8", errorCode: 50126 },
    ],
  });
  // And Contoso's multifunction printer, so the estate view shows senders of more than one tenant.
  const contoso = await stack.simApi("/_sim/tenants/contoso-demo/sign-ins", { method: "POST", body: [{ userPrincipalName: "mfp@contoso.example", ipAddress: "192.0.2.44" }] });
  if (signIns.status >= 300 || contoso.status >= 300) throw new Error(`The scenario's sign-ins were refused: ${signIns.status} ${contoso.status}`);
  await auditDemoTenants(stack);
  return { waitingRequestId: waiting.body.id, ticketRequestId: done.body.id, requester: DEMO_OPERATOR.upn, approver: DEMO_APPROVER.upn };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
