import { useQueryClient } from '@tanstack/react-query';
import { Clock } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { meQueryOptions } from '../api/get-me';
import { useSignOut } from '../api/sign-out';

/** For a signed-in user whose chat flag is still off. */
export function ChatUnavailable({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  return (
    <div className="mx-auto grid max-w-md justify-items-center gap-4 py-12 text-center">
      <Clock aria-hidden="true" className="size-10 text-muted-foreground" />
      <h1 className="text-2xl font-semibold tracking-tight">Chat is not available for you yet</h1>
      <p className="text-muted-foreground">
        The team is rolling chat out gradually, a group of people at a time. It will appear here as soon as it
        is switched on for your account; there is nothing you need to do.
      </p>
      <p className="text-sm text-muted-foreground">
        Signed in as <span className="font-medium text-foreground">{email}</span>
      </p>
      <div className="flex flex-wrap justify-center gap-2">
        <Button
          variant="outline"
          onClick={() => void queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey })}
        >
          Check again
        </Button>
        <Button variant="ghost" onClick={() => signOut.mutate()}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
