import { useMutation } from '@tanstack/react-query';
import { toApiError, networkError, ApiError } from '@/lib/api/api-error';
import { absoluteUrl, API_BASE_PATH } from '@/lib/api/base-url';
import { authFetch } from '@/lib/auth/auth-fetch';
import { saveFile } from '../lib/save-file';
import type { ExportFormat } from './types';

export interface ExportedFile {
  blob: Blob;
  filename: string;
}

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', json: 'json' };

/** `filename="..."` (or RFC 6266 `filename*=UTF-8''...`) from Content-Disposition. */
function filenameFrom(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
}

/**
 * GET /chat/sessions/{id}/export?format=: the whole conversation as a file. Fetched through
 * authFetch (a plain link would carry no bearer token), then handed to the browser to save.
 */
export async function exportSession(id: string, format: ExportFormat): Promise<ExportedFile> {
  const path = `${API_BASE_PATH}/chat/sessions/${encodeURIComponent(id)}/export?format=${format}`;
  let response: Response;
  try {
    response = await authFetch(absoluteUrl(path), {
      headers: { accept: format === 'json' ? 'application/json' : 'text/markdown' },
    });
  } catch (error) {
    throw error instanceof ApiError ? error : networkError();
  }
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  const filename = filenameFrom(response.headers.get('content-disposition')) ?? `chat.${EXTENSIONS[format]}`;
  return { blob, filename };
}

export function useExportSession() {
  return useMutation({
    mutationFn: ({ id, format }: { id: string; format: ExportFormat }) => exportSession(id, format),
    onSuccess: ({ blob, filename }) => saveFile(blob, filename),
  });
}
