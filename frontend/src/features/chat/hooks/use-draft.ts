import { useCallback, useEffect, useState } from 'react';
import { onDraftRestored, readDraft, writeDraft } from '../lib/drafts';

/** The input's text, kept in localStorage under `key` as it is typed (and given back by a refused send). */
export function useDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readDraft(key));
  useEffect(
    () =>
      onDraftRestored((restored) => {
        if (restored === key) setText(readDraft(key));
      }),
    [key],
  );
  const update = useCallback(
    (next: string) => {
      setText(next);
      writeDraft(key, next);
    },
    [key],
  );
  return [text, update];
}
