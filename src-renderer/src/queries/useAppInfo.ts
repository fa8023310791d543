import { useQuery } from '@tanstack/react-query';
import type { AppError, AppInfo } from '../contract.js';
import { useBridge } from '../bridge/context.js';

export function useAppInfo() {
  const bridge = useBridge();
  return useQuery<AppInfo, AppError>({
    queryKey: ['app', 'info'],
    queryFn: () => bridge.call('app.info', {}),
    staleTime: Infinity, // start-up facts: they do not change while the app runs
  });
}
