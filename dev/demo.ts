import { startDemoStack } from "./demo-tenants";
import { waitForTerminal, type LocalStack } from "./local-stack";
import { DEMO_APPROVER, DEMO_OPERATOR, type OperatorSession } from "./operator-session";

interface Expected {
  status: string;
  applied: string[];
}

interface Scenario {
  title: string;
  request: Record<string, unknown>;
  expect: Expected;
  /** A second person approves the request once it waits for approval, and this is how it must end. */
  thenApprove?: { comment: string; expect: Expected };
  /** Then the requester undoes it (POST /api/remediations/{id}/undo), and this is how the undo must end. */
  thenUndo?: Expected;
}

/** The main scenarios, each with the ending a user should see. */
const SCENARIOS: Scenario[] = [
  {
    title: "A scanner blocked by all three settings: security defaults (tenant-wide) never go off on their own, even for Contoso's device accounts",
    request: { mailbox: "scanner@contoso.example", errorText: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy." },
    expect: { status: "awaiting-approval", applied: [] },
    thenApprove: { comment: "scanner only; Contoso moves it to OAuth next month", expect: { status: "succeeded", applied: ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"] } },
  },
  {
    title: "A printer (one of Fabrikam's device accounts) whose only problem is the mailbox flag: fixed on its own",
    request: { mailbox: "printer@fabrikam.example", errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." },
    expect: { status: "succeeded", applied: ["enable-mailbox-smtp-auth"] },
  },
  {
    title: "An app whose mailbox already works: nothing to change",
    request: { mailbox: "app@fabrikam.example" },
    expect: { status: "succeeded", applied: [] },
  },
  {
    title: "A mailbox that does not exist",
    request: { mailbox: "ghost@fabrikam.example", errorText: "550 5.1.1 User unknown" },
    expect: { status: "needs-attention", applied: [] },
  },
  {
    title: "Plan mode: what would be done, applying nothing",
    request: { mailbox: "copier@northwind.example", mode: "plan" },
    expect: { status: "planned", applied: [] },
  },
  {
    title: "The same block under the default standing policy (no device accounts: nothing runs alone): nothing runs until a second person approves",
    request: { mailbox: "copier@northwind.example" },
    expect: { status: "awaiting-approval", applied: [] },
    thenApprove: { comment: "copier only; Conditional Access replaces security defaults next week", expect: { status: "succeeded", applied: ["disable-security-defaults", "enable-mailbox-smtp-auth", "disable-per-user-mfa"] } },
    thenUndo: { status: "succeeded", applied: ["disable-per-user-mfa", "enable-mailbox-smtp-auth", "disable-security-defaults"] },
  },
  {
    title: "A Global Administrator with MFA enforced: MFA stays on",
    request: { mailbox: "admin@fabrikam.example", errorText: "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully." },
    expect: { status: "needs-attention", applied: [] },
  },
];

async function runScenario(stack: LocalStack, people: People, scenario: Scenario, index: number): Promise<boolean> {
  console.log(`\n${index + 1}. ${scenario.title}\n   ${people.requester.upn}: POST /api/remediations ${JSON.stringify(scenario.request)}`);
  const created = await people.requester.api("/api/remediations", { method: "POST", body: scenario.request });
  if (created.status !== 202) {
    console.log(`   ✗ expected 202, got ${created.status}: ${JSON.stringify(created.body)}`);
    return false;
  }
  const ok = report(await waitForTerminal(stack, created.body.id, 60_000), scenario.expect);
  if (!ok || !scenario.thenApprove) return ok;
  const path = `/api/remediations/${created.body.id}/approve`;
  const body = { comment: scenario.thenApprove.comment };
  const own = await people.requester.api(path, { method: "POST", body });
  console.log(`   ${people.requester.upn}: POST ${path} → ${own.status} ${own.body?.error?.code ?? ""} (nobody approves their own request)`);
  const second = await people.approver.api(path, { method: "POST", body });
  console.log(`   ${people.approver.upn}: POST ${path} ${JSON.stringify(body)} → ${second.status}`);
  const done = await waitForTerminal(stack, created.body.id, 60_000);
  console.log(`   asked by ${done.requestedBy?.upn}, approved by ${done.approval?.by?.upn}`);
  const bothPeople = own.status === 403 && second.status === 200 && done.requestedBy?.oid === people.requester.oid && done.approval?.by?.oid === people.approver.oid;
  const approvedOk = report(done, scenario.thenApprove.expect) && bothPeople;
  return scenario.thenUndo ? approvedOk && (await undo(stack, people, created.body.id, scenario.thenUndo)) : approvedOk;
}

/** The requester takes the fix back: every setting returns to its value before, newest change first. */
async function undo(stack: LocalStack, people: People, id: string, expected: Expected): Promise<boolean> {
  const path = `/api/remediations/${id}/undo`;
  const asked = await people.requester.api(path, { method: "POST" });
  console.log(`   ${people.requester.upn}: POST ${path} → ${asked.status} (restoring protection needs no second person)`);
  if (asked.status !== 202) return false;
  const done = await waitForTerminal(stack, asked.body.id, 60_000);
  const original = (await people.requester.api(`/api/remediations/${id}`)).body;
  console.log(`   undo ${done.id}: undoOf ${done.undoOf}; the original's undoneBy ${original.undoneBy}`);
  return report(done, expected) && done.undoOf === id && original.undoneBy === done.id;
}

/** The two people of the demo: one asks, another approves. */
interface People {
  requester: OperatorSession;
  approver: OperatorSession;
}

/** Prints how a request ended and whether that is what the scenario expects. */
function report(done: any, expected: Expected): boolean {
  const confirmed = (done.diagnosis?.causes ?? []).filter((c: { verdict: string }) => c.verdict === "confirmed").map((c: { id: string }) => c.id);
  console.log(`   diagnosis: ${confirmed.join(", ") || "no blocking cause confirmed"}`);
  for (const step of done.steps as Array<{ name: string; status: string; before?: string; after?: string; reason?: string }>) {
    const change = step.before && step.after ? ` (${step.before} → ${step.after})` : "";
    console.log(`   ${step.status.padEnd(10)} ${step.name}${change}${step.status === "skipped" && step.reason ? `: ${step.reason}` : ""}`);
  }
  if (done.attention) {
    console.log(`   needs a person: ${done.attention.reason}`);
    for (const line of done.attention.guidance ?? []) console.log(`     - ${line}`);
  }
  const applied = (done.steps as Array<{ name: string; status: string }>).filter((s) => s.status === "succeeded").map((s) => s.name);
  const ok = done.status === expected.status && JSON.stringify(applied) === JSON.stringify(expected.applied);
  console.log(`   ${ok ? "✓" : "✗"} ended ${done.status}${ok ? "" : ` (expected ${expected.status}, applied ${JSON.stringify(expected.applied)})`}`);
  return ok;
}

/** `npm run demo`: a private stack on free ports, every scenario end to end; exit 0 only if each ended as expected. */
async function main(): Promise<void> {
  console.log("Starting Azurite, the simulator and the local host on free ports...");
  const stack = await startDemoStack();
  let failures = 0;
  try {
    const people: People = { requester: await stack.signIn(DEMO_OPERATOR), approver: await stack.signIn(DEMO_APPROVER) };
    console.log(`Signed in from the simulator's operator tenant: ${people.requester.upn} (every role) asks; ${people.approver.upn} (Remediation.Approve) approves.`);
    for (const [i, scenario] of SCENARIOS.entries()) if (!(await runScenario(stack, people, scenario, i))) failures++;
    const contoso = await stack.simApi("/_sim/tenants/contoso-demo");
    console.log(`\nContoso after the demo: security defaults ${contoso.body.securityDefaults ? "on" : "off"}, organisation SMTP AUTH ${contoso.body.orgSmtpAuthDisabled ? "off" : "on"} (only the scanner's mailbox was opened).`);
  } finally {
    await stack.stop();
  }
  console.log(failures === 0 ? `\nAll ${SCENARIOS.length} scenarios ended as expected.` : `\n${failures} of ${SCENARIOS.length} scenarios did not end as expected.`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(`The demo could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
