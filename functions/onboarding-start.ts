import { getAppServices } from "../shared/app-services";
import { readJsonBody } from "../shared/http/read-json-body";
import { startOnboarding } from "../shared/onboarding/start-onboarding";
import { operatorHttpFunction } from "./operator-route";

/** POST /api/onboarding `{"tenant": "<id or domain>"}`: the tenant's id and its admin-consent link; stores nothing. */
export const onboardingStart = operatorHttpFunction("onboardingStart", {
  methods: ["POST"],
  route: "onboarding",
  role: "Tenant.Manage",
  handler: async (request) => {
    const { settings } = await getAppServices();
    const body = await readJsonBody(request);
    return { status: 200, jsonBody: await startOnboarding(body, { authorityHost: settings.M365_AUTHORITY_HOST, clientId: settings.M365_CLIENT_ID }) };
  },
});
