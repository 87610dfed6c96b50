import type { RemediationStep } from "./remediation-step";

/** Step 1 of the seed procedure: Entra ID security defaults off (tenant-wide). */
export const disableSecurityDefaults: RemediationStep = {
  name: "disable-security-defaults",
  setting: "security-defaults",
  writesTo: "tenant",
  subject: () => "tenant",
  appliedValue: "disabled",
  async read(gw) {
    return (await gw.graph.getSecurityDefaultsEnabled()) ? "enabled" : "disabled";
  },
  isRight: (value) => value === "disabled",
  async apply(gw) {
    await gw.graph.setSecurityDefaultsEnabled(false);
  },
};
