import { useQuery } from '@tanstack/react-query';
import { useBridge } from '../bridge/context.js';

export const appKeys = {
  info: ['app', 'info'] as const,
};

export function useAppInfo() {
  const bridge = useBridge();
  return useQuery({
    queryKey: appKeys.info,
    queryFn: () => bridge.call('app.info', {}),
    staleTime: Infinity, // start-up facts: they do not change while the app runs
  });
}

/** Version, runtime and the licences of bundled packages (read once, when About first opens). */
export function useAbout(enabled: boolean) {
  const bridge = useBridge();
  return useQuery({
    queryKey: ['app', 'about'] as const,
    queryFn: () => bridge.call('app.about', {}),
    staleTime: Infinity,
    enabled,
  });
}
