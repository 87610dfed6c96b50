import type { InvocationContext, Timer } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { getAuditService } from "../shared/audit/audit-service-from-app";
import { timerFunction } from "./define";

/** Enqueues one audit message per onboarded tenant. `POST /admin/functions/nightlyAudit` runs it now. */
export async function nightlyAudit(_timer: Timer, context: InvocationContext): Promise<void> {
  const audit = await getAuditService(await getAppServices());
  const { runId, tenants } = await audit.scheduleAll();
  context.log(`nightlyAudit: run ${runId} queued for ${tenants} tenant(s).`);
}

export const nightlyAuditFunction = timerFunction("nightlyAudit", {
  // Resolved from the AUDIT_SCHEDULE app setting (NCRONTAB, UTC); settings.ts defaults it to 02:00.
  schedule: "%AUDIT_SCHEDULE%",
  handler: nightlyAudit,
});
