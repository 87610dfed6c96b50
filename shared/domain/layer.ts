/**
 * One layer of live tenant state as read from Microsoft 365. A read that failed is `unknown`,
 * never a guess: the domain treats it as "cannot tell", which is never a reason to change a tenant.
 */
export type Layer<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

export const known = <T>(value: T): Layer<T> => ({ known: true, value });
export const unknown = <T = never>(reason: string): Layer<T> => ({ known: false, reason });

export function valueOr<T, D>(layer: Layer<T>, fallback: D): T | D {
  return layer.known ? layer.value : fallback;
}
