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
