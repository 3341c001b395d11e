import { startStack } from './support/stack.js';

/** Starts the stack once for every journey; the returned function is Playwright's teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  // Workers inherit the environment of the runner process.
  process.env.PARLEY_E2E_BASE_URL = stack.baseURL;
  process.env.PARLEY_E2E_MODEL_URL = stack.modelURL;
  return () => stack.stop();
}
