import type { GraphCall, GraphRequester } from "./graph-requester";

interface Page<T> {
  value?: T[];
  "@odata.nextLink"?: string;
}

/** Follows @odata.nextLink (an absolute URL, same headers) until Graph stops sending one. */
export async function* graphPages<T>(requester: GraphRequester, first: GraphCall): AsyncIterable<T[]> {
  let call: GraphCall | undefined = first;
  while (call) {
    const page: Page<T> = await requester.send<Page<T>>(call);
    yield page.value ?? [];
    const nextLink: string | undefined = page["@odata.nextLink"];
    call = nextLink ? { ...first, path: nextLink } : undefined;
  }
}

/** Every item of a paged collection. */
export async function allPages<T>(requester: GraphRequester, first: GraphCall): Promise<T[]> {
  const items: T[] = [];
  for await (const page of graphPages<T>(requester, first)) items.push(...page);
  return items;
}

/**
 * Type casts and $count on directory objects are advanced queries: Graph documents
 * `ConsistencyLevel: eventual` plus `$count=true` as required there.
 */
export const ADVANCED_QUERY = { headers: { ConsistencyLevel: "eventual" }, count: "$count=true" } as const;
