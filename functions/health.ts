import { getAppServices } from "../shared/app-services";
import { httpFunction } from "./define";

/** GET /api/health: 200 once settings load and Table Storage answers; 503 otherwise. */
export const health = httpFunction("health", {
  methods: ["GET"],
  route: "health",
  authLevel: "anonymous",
  handler: async (_request, context) => {
    try {
      const services = await getAppServices();
      await services.tenants.list();
      return { status: 200, jsonBody: { status: "ok" } };
    } catch (e) {
      context.warn(`health: not ready: ${e instanceof Error ? e.message : String(e)}`);
      return { status: 503, jsonBody: { status: "unavailable" } };
    }
  },
});
