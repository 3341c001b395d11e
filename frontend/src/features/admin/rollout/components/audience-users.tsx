import { Check, UserPlus, X } from 'lucide-react';
import { useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { UserSearch } from '../../shared/components/user-search';
import { useUserEmails } from '../../shared/hooks/use-names';
import { withAudience, type RuleControlProps } from '../lib/save-rules';

/** Users listed by name in the audience: they have chat whatever their role or cohorts. */
export function AudienceUsers({ feature, save, pending }: RuleControlProps) {
  const id = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const listed = feature.audience.userIds;
  const emailOf = useUserEmails(listed.length > 0);

  const remove = (userId: string, name: string) => {
    if (pending) return;
    void save(
      (rules) => withAudience(rules, { userIds: rules.audience.userIds.filter((u) => u !== userId) }),
      `${name} removed from the audience.`,
    ).then((saved) => {
      // The row (and the focused button) is gone: keep the keyboard user in this section.
      if (saved) titleRef.current?.focus();
    });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3">
      <div className="grid gap-1">
        <h4 id={`${id}-title`} ref={titleRef} tabIndex={-1} className="text-sm font-medium">
          Listed users
        </h4>
        <p className="text-xs text-muted-foreground">
          These users have chat whatever their role or cohorts. For more than a few people, use a cohort.
        </p>
      </div>
      {listed.length === 0 ? (
        <p className="text-sm text-muted-foreground">No users are listed.</p>
      ) : (
        <ul aria-label="Users in the audience" className="divide-y rounded-lg border">
          {listed.map((userId) => {
            const name = emailOf(userId) ?? `User ${userId}`;
            return (
              <li key={userId} className="flex items-center justify-between gap-3 px-3 py-2">
                <span className="truncate text-sm font-medium">{name}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove ${name} from the audience`}
                  aria-disabled={pending || undefined}
                  onClick={() => remove(userId, name)}
                >
                  <X aria-hidden="true" />
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <UserSearch
        label="Add a user to the audience"
        hint="Find them by email or name, then add them."
        renderAction={(user) => {
          const isListed = listed.includes(user.id);
          // The same button either way, so keyboard focus stays on it once the user is added.
          return (
            <Button
              variant="outline"
              size="sm"
              className="aria-disabled:opacity-60"
              aria-label={isListed ? `${user.email} is listed` : `Add ${user.email} to the audience`}
              aria-disabled={isListed || pending || undefined}
              onClick={() => {
                if (isListed || pending) return;
                void save(
                  (rules) =>
                    withAudience(rules, {
                      userIds: [...rules.audience.userIds.filter((u) => u !== user.id), user.id],
                    }),
                  `${user.email} added to the audience.`,
                );
              }}
            >
              {isListed ? <Check aria-hidden="true" /> : <UserPlus aria-hidden="true" />}
              {isListed ? 'Listed' : 'Add'}
            </Button>
          );
        }}
      />
    </section>
  );
}
