/** What the console needs to sign in and call the API; served by the app (`console/config.json`), no secrets. */
export interface ConsoleConfig {
  /** The console's app registration (a single-page application in Entra ID). */
  clientId: string;
  /** `https://login.microsoftonline.com/<operator tenant>`, or the simulator locally. */
  authority: string;
  /** The scope of this API's access tokens, e.g. `api://<api app id>/access_as_user`. */
  apiScope: string;
  /** Where the API lives; the console's own origin unless told. */
  apiBaseUrl: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch("console/config.json", { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`The console's configuration could not be loaded (${response.status}).`);
  return (await response.json()) as ConsoleConfig;
}
