import { useQuota } from '../api/get-quota';
import { blockingWindow } from '../lib/quota';

/** Whether a limit refuses sends right now (the input is disabled until it resets). */
export function useQuotaGate({ enabled = true }: { enabled?: boolean } = {}): { blocked: boolean } {
  const quota = useQuota({ enabled });
  return { blocked: blockingWindow(quota.data) !== null };
}
