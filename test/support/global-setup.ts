/**
 * Starts what the tests need once per run. Filled in as the local stack lands: Azurite and the
 * simulator on free ports, their addresses handed to the test workers through the environment.
 */
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
