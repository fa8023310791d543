import { QueryClient } from '@tanstack/react-query';
import { AppError } from '../contract.js';

// Every bridge call rejects with an AppError (see bridge/outcome.ts): say so once, for every query and mutation.
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AppError;
  }
}

// Errors a retry cannot fix are shown at once instead of after three silent attempts.
const NO_RETRY = new Set([
  'VALIDATION',
  'NOT_FOUND',
  'AUTH_FAILED',
  'TLS_FAILED',
  'NOT_AUTHORIZED',
  'UNKNOWN_METHOD',
  'CONNECTION_FAILED',
  'TIMEOUT',
]);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) => !(err instanceof AppError && NO_RETRY.has(err.code)) && count < 1,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
    },
  });
}
