import { operatorRef } from "../shared/auth/operator";
import { getAppServices } from "../shared/app-services";
import { approvePolicyChange } from "../shared/remediation/approve-policy-change";
import { verifiedDomainsReader } from "../shared/remediation/read-verified-domains";
import { operatorHttpFunction } from "./operator-route";

/** POST /api/tenants/{tenantId}/policy-changes/{changeId}/approve: another Tenant.Manage holder applies a pending loosening (200). */
export const policyChangeApprove = operatorHttpFunction("policyChangeApprove", {
  methods: ["POST"],
  route: "tenants/{tenantId}/policy-changes/{changeId}/approve",
  role: "Tenant.Manage",
  handler: async (request, context, operator) => {
    const services = await getAppServices();
    const deps = { registry: services.tenants, readVerifiedDomains: verifiedDomainsReader(services.gateways), events: services.tenantEvents, changes: services.policyChanges };
    const { change, tenant } = await approvePolicyChange(request.params.tenantId ?? "", request.params.changeId ?? "", operatorRef(operator), deps, new Date());
    context.log(`policy change ${change.changeId} of ${tenant.tenantId} by ${change.requestedBy.upn} approved by ${operator.upn}`);
    return { status: 200, jsonBody: { status: "applied", changeId: change.changeId, requestedBy: change.requestedBy, approvedBy: change.decidedBy, tenant } };
  },
});
