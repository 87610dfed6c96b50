import { fluentAnchor, fluentButton, fluentCard, fluentProgressRing, fluentTextField, provideFluentDesignSystem } from "@fluentui/web-components";

/** Registers only the Fluent UI components the console uses, so the bundle stays small. */
export function registerFluent(): void {
  provideFluentDesignSystem().register(fluentAnchor(), fluentButton(), fluentCard(), fluentProgressRing(), fluentTextField());
}
