import { describe, expect, it } from "vitest";
import type { PerUserMfaState } from "../../../shared/domain/types";
import type { GraphGateway } from "../../../shared/m365/m365-gateway";
import { readMfaStates } from "../../../shared/audit/read-mfa-states";

/** A Graph fake that records whether the listing or the per-user $batch was used. */
function graphWith(batchStates: Record<string, PerUserMfaState>) {
  const calls = { listed: 0, batched: [] as string[][] };
  const graph = {
    async *listUsers() {
      calls.listed += 1;
      yield [];
    },
    async getPerUserMfaStates(ids: readonly string[]) {
      calls.batched.push([...ids]);
      return new Map(ids.flatMap((id) => (batchStates[id] ? [[id, batchStates[id]] as const] : [])));
    },
  } as unknown as GraphGateway;
  return { graph, calls };
}

describe("readMfaStates", () => {
  it("reads nothing when no user is wanted", async () => {
    const { graph, calls } = graphWith({});
    expect(await readMfaStates(graph, new Set())).toEqual(new Map());
    expect(calls).toEqual({ listed: 0, batched: [] });
  });

  it("reads the wanted users through the documented per-user read, never the user listing (v1.0 users have no perUserMfaState)", async () => {
    const { graph, calls } = graphWith({ u1: "enforced", u2: "disabled" });
    expect(await readMfaStates(graph, new Set(["u1", "u2", "u3"]))).toEqual(new Map([["u1", "enforced"], ["u2", "disabled"]]));
    expect(calls).toEqual({ listed: 0, batched: [["u1", "u2", "u3"]] });
  });
});
