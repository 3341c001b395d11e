import { useMemo } from 'react';
import { ChatPage } from '@/features/chat/components/chat-page';
import { useRecordLimitError, useRefreshQuota } from '@/features/limits/api/get-quota';
import { QuotaDisplay } from '@/features/limits/components/quota-display';
import { QuotaNotice } from '@/features/limits/components/quota-notice';
import { useQuotaGate } from '@/features/limits/hooks/use-quota-gate';

/**
 * Where chat meets limits (features do not import each other): the quota under the input,
 * sending paused while a limit is used up, the numbers refreshed after each send and taken
 * straight from a 429.
 */
export function ChatSlot() {
  const { blocked } = useQuotaGate();
  const onSendSettled = useRefreshQuota();
  const onLimitError = useRecordLimitError();
  const limits = useMemo(
    () => ({
      blocked,
      notice: <QuotaNotice />,
      display: <QuotaDisplay />,
      onSendSettled,
      onLimitError,
    }),
    [blocked, onSendSettled, onLimitError],
  );
  return <ChatPage limits={limits} />;
}
