import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { FormError } from '@/components/form-error';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { useClientConfig } from '@/lib/api/get-config';
import { showFormError } from '@/lib/form-errors';
import { useSignUp } from '../api/sign-up';
import { authErrorMessage } from '../lib/auth-error-message';
import { authPath, readReturnTo, SIGN_IN_PATH } from '../lib/return-to';
import { AuthCard } from './auth-card';

// Mirrors the server's rules so most mistakes are caught before a round trip; the server
// stays the authority and its 422 `errors[]` land on the same fields.
const schema = z.object({
  displayName: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter your name.'), z.maxLength(100, 'Use at most 100 characters.')),
  email: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Enter your email address.'),
      z.maxLength(254, 'Use at most 254 characters.'),
    ),
  password: z
    .string()
    .check(z.minLength(10, 'Use at least 10 characters.'), z.maxLength(256, 'Use at most 256 characters.')),
});
type SignUpValues = z.infer<typeof schema>;
const FIELDS = ['displayName', 'email', 'password'] as const;

function SignInLink({ returnTo }: { returnTo: string }) {
  return (
    <Link
      to={authPath(SIGN_IN_PATH, returnTo)}
      className="font-medium text-foreground underline underline-offset-4"
    >
      Sign in
    </Link>
  );
}

/** Sign-up; like sign-in, GuestOnly sends the new user on once the session starts. */
export function SignUpPage() {
  const [search] = useSearchParams();
  const returnTo = readReturnTo(search);
  const config = useClientConfig();
  const signUp = useSignUp();
  const form = useForm<SignUpValues>({
    resolver: zodResolver(schema),
    defaultValues: { displayName: '', email: '', password: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (signUp.isPending) return;
    try {
      await signUp.mutateAsync(values);
    } catch (error) {
      showFormError(error as Error, FIELDS, form.setError, {
        message: authErrorMessage,
        codeFields: { email_taken: 'email' },
      });
    }
  });

  if (config.isPending) return <Spinner label="Loading…" className="justify-center py-16" />;

  if (config.data?.signupEnabled === false) {
    return (
      <AuthCard
        title="Sign-up is switched off"
        footer={
          <>
            Already have an account? <SignInLink returnTo={returnTo} />
          </>
        }
      >
        <p className="text-sm text-muted-foreground">
          This Parley server does not take new accounts. Ask an administrator to create one for you.
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account? <SignInLink returnTo={returnTo} />
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} className="grid gap-4">
        <FormError message={errors.root?.server?.message} />
        <FormField label="Name" error={errors.displayName?.message}>
          <Input autoComplete="name" {...form.register('displayName')} />
        </FormField>
        <FormField label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" {...form.register('email')} />
        </FormField>
        <FormField
          label="Password"
          hint="At least 10 characters, and not your email address."
          error={errors.password?.message}
        >
          <Input type="password" autoComplete="new-password" {...form.register('password')} />
        </FormField>
        <Button type="submit" aria-disabled={signUp.isPending || undefined}>
          {signUp.isPending ? 'Creating account…' : 'Create account'}
        </Button>
      </form>
    </AuthCard>
  );
}
