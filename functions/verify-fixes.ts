import type { InvocationContext, Timer } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { verifyFixes } from "../shared/remediation/verify-fixes";
import { timerFunction } from "./define";

/** Reads each tenant's sign-in log once for the fixes waiting for the device's next SMTP sign-in. */
export async function verifyFixesHandler(_timer: Timer, context: InvocationContext): Promise<void> {
  const services = await getAppServices();
  const r = await verifyFixes(services.remediation, { pollMs: services.settings.VERIFY_POLL_SECONDS * 1000 });
  context.log(`verifyFixes: ${r.tenants} tenant(s) with open verifications, ${r.queries} sign-in quer${r.queries === 1 ? "y" : "ies"}, ${r.checked} checked, ${r.changed} changed`);
}

export const verifyFixesFunction = timerFunction("verifyFixes", {
  // VERIFY_SCHEDULE is derived from VERIFY_POLL_SECONDS (infra/ writes both; settings.ts explains).
  schedule: "%VERIFY_SCHEDULE%",
  handler: verifyFixesHandler,
});
