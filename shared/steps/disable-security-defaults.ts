import type { TenantGateways } from "../m365/m365-gateway";
import type { RemediationStep } from "./remediation-step";

/** Step 1 of the seed procedure: Entra ID security defaults off (tenant-wide). */
export const disableSecurityDefaults: RemediationStep = {
  name: "disable-security-defaults",
  setting: "security-defaults",
  writesTo: "tenant",
  subject: () => "tenant",
  appliedValue: "disabled",
  read: readSecurityDefaults,
  isRight: (value) => value === "disabled",
  async apply(gw) {
    await gw.graph.setSecurityDefaultsEnabled(false);
  },
  // The step only ever ran from "enabled", so undoing it turns security defaults back on.
  undo: {
    effect: "tightens",
    read: readSecurityDefaults,
    isRestored: (value) => value === "enabled",
    async apply(gw) {
      await gw.graph.setSecurityDefaultsEnabled(true);
    },
    restoredValue: () => "enabled",
  },
};

async function readSecurityDefaults(gw: TenantGateways): Promise<string> {
  return (await gw.graph.getSecurityDefaultsEnabled()) ? "enabled" : "disabled";
}
