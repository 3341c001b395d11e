import { LoaderCircle, WifiOff } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { useOnlineStatus } from '../hooks/use-online-status';
import { useReconnecting } from '../hooks/use-replies';

/** Says when the browser is offline, or a reply's connection dropped and is being restored. */
export function ConnectionStatus() {
  const online = useOnlineStatus();
  const reconnecting = useReconnecting();
  return (
    <div role="status" className="flex items-center">
      {!online ? (
        <Badge variant="destructive">
          <WifiOff aria-hidden="true" />
          Offline
        </Badge>
      ) : reconnecting ? (
        <Badge variant="warning">
          <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" />
          Reconnecting…
        </Badge>
      ) : null}
    </div>
  );
}
