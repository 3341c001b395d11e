import { Check, Minus, X } from 'lucide-react';
import { useState } from 'react';
import { SectionCard } from '@/components/section-card';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils';
import { LoadError } from '../../shared/components/load-error';
import { UserSearch } from '../../shared/components/user-search';
import type { AdminUser, EvaluationReason, Feature } from '../../shared/types';
import { useEvaluation } from '../api/evaluate-feature';
import { explainEvaluation, REASON_ORDER } from '../lib/evaluation';

const STEPS: Record<EvaluationReason, string> = {
  deployment_disabled: 'Is the deployment switch on?',
  flag_off: 'Is the chat flag on?',
  role: 'Is their role in the audience?',
  cohort: 'Are they in a cohort in the audience?',
  user: 'Are they listed by name?',
  percentage: 'Is their place within the percentage?',
  not_in_audience: 'Otherwise: no chat.',
};

/** Each rule's outcome for this user: the ones before the deciding rule passed on, the rest were not needed. */
function stepOutcome(step: EvaluationReason, decided: EvaluationReason) {
  const index = REASON_ORDER.indexOf(step);
  const decidedAt = REASON_ORDER.indexOf(decided);
  const isSwitch = step === 'deployment_disabled' || step === 'flag_off';
  if (index > decidedAt) return { text: 'Not checked', icon: Minus, decides: false };
  if (index < decidedAt)
    return isSwitch ? { text: 'Yes', icon: Check, decides: false } : { text: 'No', icon: X, decides: false };
  if (step === 'not_in_audience') return { text: 'Decides: no chat', icon: X, decides: true };
  return isSwitch
    ? { text: 'No: decides, no chat', icon: X, decides: true }
    : { text: 'Yes: decides, has chat', icon: Check, decides: true };
}

function EvaluationResult({ user, feature }: { user: AdminUser; feature: Feature }) {
  const evaluation = useEvaluation(feature.key, user.id);
  if (evaluation.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <span role="status" className="sr-only">
          Checking {user.email}…
        </span>
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  }
  if (evaluation.isError) {
    return <LoadError what={`The answer for ${user.email}`} onRetry={() => void evaluation.refetch()} />;
  }
  const { enabled, reason } = evaluation.data;
  const explanation = explainEvaluation(evaluation.data, user, feature);
  return (
    <div className="grid gap-3 rounded-lg border p-4">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={enabled ? 'success' : 'destructive'}>{enabled ? 'Has chat' : 'No chat'}</Badge>
        <p className="font-medium break-all">{explanation.verdict}.</p>
      </div>
      <p className="text-sm">{explanation.because}</p>
      {explanation.hint && <p className="text-sm text-muted-foreground">{explanation.hint}</p>}
      <ol aria-label="Rules, in the order they are checked" className="grid gap-1 text-sm">
        {REASON_ORDER.map((step) => {
          const outcome = stepOutcome(step, reason);
          const Icon = outcome.icon;
          return (
            <li
              key={step}
              aria-current={outcome.decides ? 'step' : undefined}
              className={cn(
                'flex items-center justify-between gap-3 rounded-md px-2 py-1',
                outcome.decides ? 'bg-accent font-medium' : 'text-muted-foreground',
              )}
            >
              <span>{STEPS[step]}</span>
              <span className="flex shrink-0 items-center gap-1">
                <Icon aria-hidden="true" className="size-4" />
                {outcome.text}
              </span>
            </li>
          );
        })}
      </ol>
      <Button
        variant="outline"
        size="sm"
        className="justify-self-start"
        disabled={evaluation.isFetching}
        onClick={() => void evaluation.refetch()}
      >
        {evaluation.isFetching ? 'Checking…' : 'Check again'}
      </Button>
    </div>
  );
}

/** "Check a user": does this person have chat right now, and which rule decides? */
export function CheckUserCard({ feature }: { feature: Feature }) {
  const [user, setUser] = useState<AdminUser | null>(null);
  return (
    <SectionCard
      title="Check a user"
      description="Whether someone has chat right now, and which rule decides."
      contentClassName="grid gap-4"
    >
      <UserSearch
        label="Find the user to check"
        renderAction={(found) => (
          <Button
            variant="outline"
            size="sm"
            aria-label={`Check ${found.email}`}
            aria-pressed={found.id === user?.id}
            onClick={() => setUser(found)}
          >
            Check
          </Button>
        )}
      />
      <div aria-live="polite">{user && <EvaluationResult user={user} feature={feature} />}</div>
    </SectionCard>
  );
}
