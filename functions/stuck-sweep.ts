import type { InvocationContext, Timer } from "@azure/functions";
import { getAppServices } from "../shared/app-services";
import { expireUndecidedApprovals } from "../shared/remediation/expire-approvals";
import { resumeStuckRequests } from "../shared/remediation/resume-stuck-requests";
import { timerFunction } from "./define";

/** Every few minutes: resend the next message of requests that stopped moving (lost message, dead host), and end approvals nobody gave in time. */
export async function stuckSweepHandler(_timer: Timer, context: InvocationContext): Promise<void> {
  const services = await getAppServices();
  const result = await resumeStuckRequests(services.remediation, services.settings.STUCK_AFTER_MS);
  const expired = await expireUndecidedApprovals(services.remediation);
  context.log(`stuck sweep: examined ${result.examined}, resumed ${result.resumed}, approvals expired ${expired}`);
}

export const stuckSweep = timerFunction("stuckSweep", {
  schedule: "%SWEEP_SCHEDULE%",
  handler: stuckSweepHandler,
});
