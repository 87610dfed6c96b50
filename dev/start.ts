import path from "node:path";
import { readFileSync } from "node:fs";
import { AZURITE_DEFAULT_PORTS, isListening, startAzurite } from "./azurite";
import { auditDemoTenants, DEMO_TENANTS, onboardDemoTenants, seedSimulator } from "./demo-tenants";
import { hostKeysBanner } from "./host-keys-banner";
import { startHostProcess } from "./host-process";
import { DEMO_APPROVER, DEMO_OPERATOR, registerOperator, signInOperator, type OperatorSession } from "./operator-session";
import { DEFAULT_PORT, DEFAULT_SMTP_PORT, startSimulator } from "./sim/start-simulator";

const REPO_ROOT = path.join(__dirname, "..", "..");
const HOST_PORT = Number(process.env.LOCAL_HOST_PORT ?? 7071);

/**
 * `npm start`: Azurite (data in .azurite/), the simulator with the demo tenants, and the local
 * Functions host as its own process. Azurite and the simulator are reused when already running
 * (`npm run azurite`, `npm run sim`), so the host can be restarted while storage and tenants live on.
 */
async function main(): Promise<void> {
  const azurite = await startAzurite({ location: path.join(REPO_ROOT, ".azurite"), ...portsOf(AZURITE_DEFAULT_PORTS), quiet: true });
  say(azurite.reused ? "Azurite: reusing the one on ports 10000-10002" : "Azurite: started (data in .azurite/)");

  const certDir = path.join(REPO_ROOT, ".sim");
  const simReused = await isListening(DEFAULT_PORT);
  const sim = simReused ? null : await startSimulator({ port: DEFAULT_PORT, smtpPort: DEFAULT_SMTP_PORT, certDir });
  const simBaseUrl = `https://127.0.0.1:${DEFAULT_PORT}`;
  const caCertPath = sim?.caCertPath ?? path.join(certDir, "cert.pem");
  say(sim ? `Simulator: started on ${simBaseUrl} (SMTP on 127.0.0.1:${DEFAULT_SMTP_PORT})` : `Simulator: reusing the one on ${simBaseUrl}`);
  await seedSimulator(simBaseUrl, readFileSync(caCertPath, "utf8"));

  const host = await startHostProcess({
    port: HOST_PORT,
    echo: true,
    env: { AzureWebJobsStorage: azurite.connectionString, NODE_EXTRA_CA_CERTS: caCertPath, QUEUE_TRANSPORT: "local" },
  });
  // A day-long token, so the printed curl lines keep working through a working day.
  const operator = await signInOperator(simBaseUrl, readFileSync(caCertPath, "utf8"), host.url, { ...DEMO_OPERATOR, expiresInSeconds: 86_400 });
  await onboardDemoTenants(operator);
  // Audited once now, so the console's audits and tenants views have something to show before 02:00.
  await auditDemoTenants(operator).then(
    () => say("Audit: each demo tenant audited once (POST /api/tenants/{id}/audits)"),
    (e: unknown) => say(`Audit: not done yet, the views may be empty for a while (${e instanceof Error ? e.message : String(e)})`),
  );
  for (const person of [DEMO_OPERATOR, DEMO_APPROVER]) await registerOperator(simBaseUrl, readFileSync(caCertPath, "utf8"), person);
  printWelcome(host.url, simBaseUrl, operator);
  console.log(hostKeysBanner(host.url, host.keysFile, host.masterKey));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    say(`${signal}: stopping...`);
    await host.stop("SIGTERM");
    await sim?.close();
    await azurite.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  host.child.once("exit", (code) => {
    if (!stopping) say(`The host exited (${code}). Azurite and the simulator keep running; press Ctrl+C to stop them.`);
  });
}

function portsOf(p: typeof AZURITE_DEFAULT_PORTS) {
  return { blobPort: p.blob, queuePort: p.queue, tablePort: p.table };
}

function say(line: string): void {
  console.log(`[start] ${line}`);
}

function printWelcome(api: string, sim: string, operator: OperatorSession): void {
  const tenants = DEMO_TENANTS.map((t) => `    ${t.tenantId.padEnd(15)} ${t.displayName}\n${t.mailboxes.map((m) => `      ${m.upn.padEnd(28)} ${m.story}`).join("\n")}`).join("\n");
  console.log(`
Ready.
  API        ${api}/api   (health: ${api}/api/health)
  Simulator  ${sim}   (tenant state: ${sim}/_sim/tenants/contoso-demo)

Demo tenants (onboarded):
${tenants}

Signed in as ${operator.upn} (oid ${operator.oid}) with every app role; this token is good for 24 hours:
  export TOKEN='${operator.token}'
A second person, who may approve what the first one asked for:
  export APPROVER_TOKEN=$(curl -sk -X POST ${sim}/_sim/operator-tokens -H 'content-type: application/json' \\
    -d '{"upn":"approver@msp.example","roles":["Remediation.Read","Remediation.Approve"]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')

Fix the scanner that is blocked by all three settings (it waits for a second person: security
defaults are tenant-wide and never go off on their own):
  curl -si -X POST ${api}/api/remediations -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"mailbox":"scanner@contoso.example","errorText":"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox."}'

Then follow the Location header it returns:
  curl -s ${api}/api/remediations/<id> -H "authorization: Bearer $TOKEN"

Approve a request that waits for a second person (with the other person's token):
  curl -s -X POST ${api}/api/remediations/<id>/approve -H "authorization: Bearer $APPROVER_TOKEN" -H 'content-type: application/json' -d '{"comment":"ok"}'

And see what changed in the tenant:
  curl -sk ${sim}/_sim/tenants/contoso-demo
  curl -sk ${sim}/_sim/tenants/contoso-demo/mailboxes/scanner@contoso.example

The operator console: ${api}/api/console
  Sign in on the simulator's Entra page as ${DEMO_OPERATOR.upn} (asks for changes) or
  ${DEMO_APPROVER.upn} (approves what someone else asked for). The simulator's certificate is
  self-signed: open ${sim}/_sim/health once in the same browser and accept it first.

Ctrl+C stops everything this command started.
`);
}

main().catch((e: unknown) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
