import { TriangleAlert } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { ApiError } from '@/lib/api/api-error';
import { formErrorMessage } from '@/lib/form-errors';
import { plural } from '../../shared/lib/format';
import type { Cohort } from '../../shared/types';
import { useAddCohortMembers } from '../api/add-cohort-members';
import { parseEmailList, unknownEmailsFrom } from '../lib/emails';

const MAX_EMAILS = 1_000;

function addedMessage(added: number, alreadyMembers: number, cohortName: string) {
  if (added === 0) return 'Nobody new: everyone was already a member.';
  const already =
    alreadyMembers === 0
      ? ''
      : alreadyMembers === 1
        ? ' 1 was already a member.'
        : ` ${alreadyMembers} were already members.`;
  return `Added ${plural(added, 'member')} to ${cohortName}.${already}`;
}

type Outcome =
  | { kind: 'added'; added: number; alreadyMembers: number }
  | { kind: 'unknown'; unknown: string[]; other: string[] }
  | { kind: 'error'; message: string };

/**
 * Adds members by email, several at once. The server adds all or none: one unknown email
 * fails the call, and the form then lists every unknown email and offers to drop them.
 */
export function AddMembersForm({ cohort }: { cohort: Cohort }) {
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const add = useAddCohortMembers();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const invalid = outcome?.kind === 'unknown' || outcome?.kind === 'error';

  const submit = async () => {
    if (add.isPending) return;
    const emails = parseEmailList(text);
    if (emails.length === 0) {
      setOutcome({ kind: 'error', message: 'Enter at least one email address.' });
      textareaRef.current?.focus();
      return;
    }
    if (emails.length > MAX_EMAILS) {
      setOutcome({ kind: 'error', message: `Add at most ${MAX_EMAILS} emails at a time.` });
      return;
    }
    setOutcome(null);
    try {
      const result = await add.mutateAsync({ id: cohort.id, emails });
      setText('');
      setOutcome({
        kind: 'added',
        added: result.added.length,
        alreadyMembers: result.alreadyMembers.length,
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') {
        setOutcome({ kind: 'unknown', ...unknownEmailsFrom(error, emails) });
      } else {
        setOutcome({ kind: 'error', message: formErrorMessage(error as Error) });
      }
    }
  };

  const dropUnknown = (unknown: string[]) => {
    const keep = parseEmailList(text).filter((email) => !unknown.includes(email));
    setText(keep.join('\n'));
    setOutcome(null);
    textareaRef.current?.focus();
  };

  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor={`${id}-emails`}>Add members by email</Label>
        <Textarea
          id={`${id}-emails`}
          ref={textareaRef}
          rows={3}
          className="max-h-48"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-outcome` : ''}`}
          placeholder={'ada@example.com, grace@example.com'}
        />
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          Separate emails with commas, spaces or new lines. Everyone is added, or nobody is.
        </p>
      </div>

      <div id={`${id}-outcome`}>
        {outcome?.kind === 'unknown' && (
          <Alert variant="destructive" role="alert">
            <TriangleAlert aria-hidden="true" />
            <AlertTitle>Nobody was added</AlertTitle>
            <AlertDescription>
              {outcome.unknown.length > 0 && (
                <>
                  <p>
                    {outcome.unknown.length === 1
                      ? 'No account has this email:'
                      : `No account has these ${outcome.unknown.length} emails:`}
                  </p>
                  <ul aria-label="Unknown emails" className="list-disc pl-5">
                    {outcome.unknown.map((email) => (
                      <li key={email} className="break-all">
                        {email}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {outcome.other.map((message) => (
                <p key={message}>{message}</p>
              ))}
              {outcome.unknown.length > 0 && (
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  className="h-auto min-h-8 py-1 text-left whitespace-normal"
                  onClick={() => dropUnknown(outcome.unknown)}
                >
                  Remove unknown emails from the list
                </Button>
              )}
            </AlertDescription>
          </Alert>
        )}
        {outcome?.kind === 'error' && (
          <p role="alert" className="text-sm text-destructive">
            {outcome.message}
          </p>
        )}
        {/* Always rendered, so screen readers announce what appears in it. */}
        <p role="status" className="text-sm font-medium empty:hidden">
          {outcome?.kind === 'added' && addedMessage(outcome.added, outcome.alreadyMembers, cohort.name)}
        </p>
      </div>

      <Button type="submit" className="justify-self-start" aria-disabled={add.isPending || undefined}>
        {add.isPending ? 'Adding…' : 'Add members'}
      </Button>
    </form>
  );
}
