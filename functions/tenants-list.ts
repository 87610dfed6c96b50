import { getAppServices } from "../shared/app-services";
import { httpFunction } from "./define";
import { withHttpErrors } from "./http-result";

/** GET /api/tenants: every onboarded tenant with its policy. */
export const listTenants = httpFunction("tenantsList", {
  methods: ["GET"],
  route: "tenants",
  authLevel: "function",
  handler: withHttpErrors(async () => {
    const services = await getAppServices();
    return { status: 200, jsonBody: { tenants: await services.tenants.list() } };
  }),
});
