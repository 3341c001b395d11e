import { useCallback, useState } from 'react';
import { readDraft, writeDraft } from '../lib/drafts';

/** The input's text, kept in localStorage under `key` as it is typed. */
export function useDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readDraft(key));
  const update = useCallback(
    (next: string) => {
      setText(next);
      writeDraft(key, next);
    },
    [key],
  );
  return [text, update];
}
