import { z } from 'zod';
import type { ClusterOverview } from './cluster.js';
import {
  ConnectionInputSchema,
  ConnectionTestParamsSchema,
  ConnectionUpdateInputSchema,
  type ConnectionProfile,
  type ConnectionTestResult,
} from './connections.js';
import { NewestMessagesParamsSchema, type NewestMessagesResult } from './messages.js';
import { ProduceParamsSchema, type ProduceResult } from './produce.js';
import type { SandboxLogLine, SandboxStatus } from './sandbox.js';
import type { TopicDetail, TopicSummary } from './topics.js';

/**
 * The one API between renderer and main. Each entry: a zod schema for the params (validated
 * by the dispatcher on every call) and the result type (a phantom, for the compiler only).
 */
function method<P extends z.ZodType, R>(params: P) {
  return { params, result: undefined as unknown as R };
}

const clusterRef = z.object({ clusterId: z.string().min(1, 'clusterId is required') });
const topicRef = clusterRef.extend({ topic: z.string().min(1, 'Topic is required').max(249) });

export interface AppInfo {
  version: string;
  /** 'electron' inside the desktop window, 'browser' when served by `npm run serve`. */
  mode: 'electron' | 'browser';
  dataDir: string;
  /** Problems found at start-up that the user should know about (e.g. an unreadable connections file). */
  notices: string[];
}

export const methods = {
  'app.info': method<z.ZodObject<{}>, AppInfo>(z.object({})),

  'connections.list': method<z.ZodObject<{}>, ConnectionProfile[]>(z.object({})),
  'connections.create': method<typeof ConnectionInputSchema, ConnectionProfile>(ConnectionInputSchema),
  'connections.update': method<
    z.ZodObject<{ id: z.ZodString; input: typeof ConnectionUpdateInputSchema }>,
    ConnectionProfile
  >(z.object({ id: z.string().min(1), input: ConnectionUpdateInputSchema })),
  'connections.remove': method<z.ZodObject<{ id: z.ZodString }>, { removed: boolean }>(
    z.object({ id: z.string().min(1) }),
  ),
  /** Tries the given settings (saved or not) and answers within ~10 s. */
  'connections.test': method<typeof ConnectionTestParamsSchema, ConnectionTestResult>(ConnectionTestParamsSchema),

  'cluster.overview': method<typeof clusterRef, ClusterOverview>(clusterRef),

  'topics.list': method<typeof clusterRef, TopicSummary[]>(clusterRef),
  'topics.get': method<typeof topicRef, TopicDetail>(topicRef),

  'messages.newest': method<typeof NewestMessagesParamsSchema, NewestMessagesResult>(NewestMessagesParamsSchema),

  'produce.send': method<typeof ProduceParamsSchema, ProduceResult>(ProduceParamsSchema),

  'sandbox.status': method<z.ZodObject<{}>, SandboxStatus>(z.object({})),
  'sandbox.start': method<z.ZodObject<{ port: z.ZodOptional<z.ZodNumber> }>, SandboxStatus>(
    z.object({ port: z.number().int().min(1).max(65535).optional() }),
  ),
  'sandbox.stop': method<z.ZodObject<{}>, SandboxStatus>(z.object({})),
  /** Stops the broker if running and deletes its data folder. */
  'sandbox.reset': method<z.ZodObject<{}>, SandboxStatus>(z.object({})),
  'sandbox.logs': method<z.ZodObject<{}>, SandboxLogLine[]>(z.object({})),
  /** Creates sample topics, keyed JSON records and a lagging consumer group on the sandbox. */
  'sandbox.loadSampleData': method<z.ZodObject<{}>, { topics: string[]; records: number; groups: string[] }>(
    z.object({}),
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
/** What the implementation receives (after validation, defaults applied). */
export type ValidParamsOf<M extends MethodName> = z.output<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = Methods[M]['result'];

export const methodNames = Object.keys(methods) as MethodName[];

/** The implementation behind the contract (core), one function per method. */
export type ApiImplementation = {
  [M in MethodName]: (params: ValidParamsOf<M>) => Promise<ResultOf<M>>;
};

/** What the renderer calls: one typed `call` for every method. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
}
