import { Check, UserPlus } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { UserSearch } from '../../shared/components/user-search';
import { useUserEmails } from '../../shared/hooks/use-names';
import { withAudience, type RuleControlProps } from '../lib/save-rules';
import { AudienceList } from './audience-list';

/** Users listed by name in the audience: they have chat whatever their role or cohorts. */
export function AudienceUsers({ feature, save, pending }: RuleControlProps) {
  const listed = feature.audience.userIds;
  const emailOf = useUserEmails(listed.length > 0);

  const items = listed.map((userId) => ({ id: userId, name: emailOf(userId) ?? `User ${userId}` }));

  return (
    <AudienceList
      title="Listed users"
      hint="These users have chat whatever their role or cohorts. For more than a few people, use a cohort."
      empty="No users are listed."
      label="Users in the audience"
      items={items}
      removeLabel={(name) => `Remove ${name} from the audience`}
      pending={pending}
      onRemove={({ id: userId, name }) =>
        save(
          (rules) => withAudience(rules, { userIds: rules.audience.userIds.filter((u) => u !== userId) }),
          `${name} removed from the audience.`,
        )
      }
    >
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
    </AudienceList>
  );
}
