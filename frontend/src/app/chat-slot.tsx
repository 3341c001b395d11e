import { useMemo } from 'react';
import { chatAccess, useMe } from '@/features/auth/api/get-me';
import { ChatPage } from '@/features/chat/components/chat-page';
import { useRecordLimitError, useRefreshQuota } from '@/features/limits/api/get-quota';
import { QuotaDisplay } from '@/features/limits/components/quota-display';
import { QuotaNotice } from '@/features/limits/components/quota-notice';
import { useQuotaGate } from '@/features/limits/hooks/use-quota-gate';

/**
 * Where chat meets limits and the rollout (features do not import each other): the quota
 * under the input, sending paused while a limit is used up, the numbers refreshed after each
 * send and taken straight from a 429; and whether chat is paused for this user (RequireChatAccess
 * lets them in only when it is on or paused).
 */
export function ChatSlot() {
  const me = useMe();
  const paused = me.data !== undefined && chatAccess(me.data) === 'paused';
  const { blocked } = useQuotaGate({ enabled: !paused });
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
  return <ChatPage limits={limits} paused={paused} />;
}
