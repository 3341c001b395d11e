import { useId } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { UserSearch } from '../../shared/components/user-search';
import { RoleControl } from './role-control';

/** Find users and change their role (never your own). */
export function UsersTab({ currentUserId }: { currentUserId: string }) {
  const titleId = useId();
  return (
    <Card role="region" aria-labelledby={titleId}>
      <CardHeader>
        <div className="grid gap-1.5">
          <CardTitle asChild>
            <h2 id={titleId} className="text-lg">
              Users
            </h2>
          </CardTitle>
          <CardDescription>Find people by email or name and change their role.</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <UserSearch
          label="Find users"
          initialQuery=""
          badge={(user) => (user.id === currentUserId ? 'You' : undefined)}
          renderAction={(user) => <RoleControl user={user} isSelf={user.id === currentUserId} />}
        />
      </CardContent>
    </Card>
  );
}
