import { describe, expect, it } from "vitest";
import type { PerUserMfaState } from "../../../shared/domain/types";
import type { DirectoryUser, GraphGateway } from "../../../shared/m365/m365-gateway";
import { readMfaStates } from "../../../shared/audit/read-mfa-states";

type ListedUser = DirectoryUser & { perUserMfaState?: PerUserMfaState };

/** A Graph fake that records which route was taken. */
function graphWith(users: ListedUser[], batchStates: Record<string, PerUserMfaState>) {
  const calls = { listed: 0, batched: [] as string[][] };
  const graph = {
    async *listUsers() {
      calls.listed += 1;
      yield users;
    },
    async getPerUserMfaStates(ids: readonly string[]) {
      calls.batched.push([...ids]);
      return new Map(ids.flatMap((id) => (batchStates[id] ? [[id, batchStates[id]] as const] : [])));
    },
  } as unknown as GraphGateway;
  return { graph, calls };
}

const user = (id: string, perUserMfaState?: PerUserMfaState): ListedUser => ({ id, userPrincipalName: `${id}@x.com`, accountEnabled: true, exchangeLicensed: true, ...(perUserMfaState ? { perUserMfaState } : {}) });

describe("readMfaStates", () => {
  it("reads nothing when no user is wanted", async () => {
    const { graph, calls } = graphWith([], {});
    expect(await readMfaStates(graph, new Set(), 100_000)).toEqual(new Map());
    expect(calls).toEqual({ listed: 0, batched: [] });
  });

  it("uses $batch when a few users are wanted in a large tenant", async () => {
    const { graph, calls } = graphWith([], { u1: "enforced" });
    expect(await readMfaStates(graph, new Set(["u1"]), 100_000)).toEqual(new Map([["u1", "enforced"]]));
    expect(calls).toEqual({ listed: 0, batched: [["u1"]] });
  });

  it("uses the user listing when it is cheaper, falling back to $batch for users listed without the property", async () => {
    const { graph, calls } = graphWith([user("u1", "disabled"), user("u2"), user("u3", "enforced")], { u2: "enabled" });
    const states = await readMfaStates(graph, new Set(["u1", "u2"]), 3);
    expect(states).toEqual(new Map([["u1", "disabled"], ["u2", "enabled"]]));
    expect(calls).toEqual({ listed: 1, batched: [["u2"]] });
  });

  it("falls back to $batch for every wanted user when the listing route fails", async () => {
    const { graph, calls } = graphWith([], { u1: "enforced", u2: "disabled" });
    (graph as { listUsers: GraphGateway["listUsers"] }).listUsers = async function* () {
      calls.listed += 1;
      throw new Error("400 Could not find a property named 'perUserMfaState' on type 'microsoft.graph.user'");
    };
    const states = await readMfaStates(graph, new Set(["u1", "u2"]), 3);
    expect(states).toEqual(new Map([["u1", "enforced"], ["u2", "disabled"]]));
    expect(calls).toEqual({ listed: 1, batched: [["u1", "u2"]] });
  });
});
