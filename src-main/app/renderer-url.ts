import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The one page our renderer lives at: the built index.html (any #route), or the dev server's
 * origin. Nothing else may load in the window or talk to main over IPC.
 */
export function rendererUrlMatcher(opts: { rendererDir: string; devServerUrl?: string }): (url: string) => boolean {
  if (opts.devServerUrl) {
    const origin = new URL(opts.devServerUrl).origin;
    return (url) => {
      try {
        return new URL(url).origin === origin;
      } catch {
        return false;
      }
    };
  }
  const page = pathToFileURL(join(opts.rendererDir, 'index.html')).href;
  return (url) => url === page || url.startsWith(`${page}#`);
}
