/**
 * Exports in browser mode: the core asks for a file, this hands back the HTTP response of a
 * download the window starts at `/api/export/<id>` (with the API token, like every API request).
 * One id per export, usable once, for 30 seconds.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../contract/errors.js';
import type { OpenExportTarget } from '../core/messages/export.js';

const CLAIM_WITHIN_MS = 30_000;
export const EXPORT_PATH = '/api/export/';

interface Pending {
  fileName: string;
  claim(res: ServerResponse): void;
}

export class ExportDownloads {
  private readonly pending = new Map<string, Pending>();

  readonly open: OpenExportTarget = ({ fileName, signal, announce }) =>
    new Promise((resolve, reject) => {
      const id = randomBytes(18).toString('base64url');
      const forget = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const timer = setTimeout(() => {
        forget();
        reject(
          new AppError('TIMEOUT', 'The browser did not start the download within 30 seconds. Try the export again.'),
        );
      }, CLAIM_WITHIN_MS);
      const onAbort = () => {
        forget();
        reject(new AppError('CANCELLED', 'Cancelled.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        fileName,
        claim: (res) => {
          forget();
          resolve({ stream: res, savedTo: null, discard: async () => void res.destroy() });
        },
      });
      announce(`${EXPORT_PATH}${id}`);
    });

  /** Answers GET /api/export/<id> (the token was already checked). */
  serve(req: IncomingMessage, res: ServerResponse, path: string): void {
    const id = path.slice(EXPORT_PATH.length);
    const p = this.pending.get(id);
    if (!p || req.method !== 'GET') {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('This export is not waiting for a download (it may have expired).');
      return;
    }
    const csv = p.fileName.endsWith('.csv');
    res.writeHead(200, {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      // Topic names are [a-zA-Z0-9._-] only, so the name needs no escaping.
      'content-disposition': `attachment; filename="${p.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    p.claim(res);
  }
}
