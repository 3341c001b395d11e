import { Component, type ErrorInfo, type ReactNode } from 'react';
import { TriangleAlert } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

interface Props {
  /** What failed, e.g. "The audit log". */
  section: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps a crash in one section from taking the whole admin page (and its kill switch) down:
 * the other tabs keep working, and "Try again" renders the section afresh.
 */
export class AdminErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    if (import.meta.env.DEV) console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert variant="destructive" role="alert">
        <TriangleAlert aria-hidden="true" />
        <AlertTitle>{this.props.section} stopped working</AlertTitle>
        <AlertDescription>
          <p>Something went wrong while showing it. The other sections still work.</p>
          <Button variant="outline" size="sm" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
}
