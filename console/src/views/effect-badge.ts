import { EFFECT_PHRASES, type ChangeEffect } from "../../../shared/domain/security-effect";
import { h } from "../dom";
import { effectWords, locale } from "../i18n";

/**
 * What a change does to security, said in words with its scope and styled by effect: a weakening in
 * the warning style, a restored protection in the neutral one. The icon only repeats the words.
 */
export function effectBadge(change: ChangeEffect | null): HTMLElement | null {
  if (!change) return null;
  return h(
    "span",
    { class: `effect effect-${change.effect}`, "data-effect": change.effect, "data-scope": change.scope },
    h("span", { "aria-hidden": "true" }, change.effect === "weakens" ? "⚠ " : "✓ "),
    effectWords(change),
  );
}

/** A way off basic auth, in the neutral style: the readiness paths are moves towards safety. */
export function leavesBasicAuthBadge(): HTMLElement {
  return h("span", { class: "effect effect-tightens", "data-effect": "leaves-basic-auth" }, h("span", { "aria-hidden": "true" }, "✓ "), EFFECT_PHRASES["leaves-basic-auth"][locale()]);
}
