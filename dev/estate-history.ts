import { ReadinessDailyStore } from "../shared/audit/readiness-daily-store";
import type { LocalStack } from "./local-stack";

const DAY_MS = 86_400_000;

/**
 * For `npm run screenshots` only: earlier nights' counts of basic-auth senders for each tenant, one
 * more sender every few nights back, so the estate chart has a road to show; a demo stack has audited
 * only tonight. Tonight's counts stay the real ones.
 */
export async function seedEstateHistory(stack: LocalStack, nights = 14): Promise<void> {
  const estate = await stack.api<{ generatedAt: string; tenants: Array<{ tenantId: string; onBasicAuth: number }> }>("/api/readiness");
  const store = await ReadinessDailyStore.open(stack.azurite.connectionString);
  const today = Date.parse(estate.body.generatedAt);
  for (let back = 1; back < nights; back++) {
    const day = new Date(today - back * DAY_MS).toISOString().slice(0, 10);
    for (const t of estate.body.tenants) {
      const sending = t.onBasicAuth + Math.floor(back / 3);
      await store.record({ day, tenantId: t.tenantId, runId: `history-${day}`, sending, accounts: sending });
    }
  }
}
