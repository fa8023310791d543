import { z } from 'zod';
import { method, subscription } from './define.js';
import type { AppErrorData } from './errors.js';
import { NoParamsSchema } from './refs.js';

/** "host:port" — host is a name, IPv4, or [IPv6]. */
const hostPort = z
  .string()
  .trim()
  .max(260, 'A host name has at most 253 characters, plus the port')
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, 'Use host:port, for example localhost:9092')
  .refine((s) => {
    const port = Number(s.slice(s.lastIndexOf(':') + 1));
    return port > 0 && port < 65536;
  }, 'Port must be between 1 and 65535');

const ProfileIdSchema = z.string().min(1).max(200);

const SaslMechanismSchema = z.enum(['plain', 'scram-sha-256', 'scram-sha-512']);

export const SaslSchema = z.object({
  mechanism: SaslMechanismSchema,
  username: z.string().min(1, 'Username is required').max(1024, 'Usernames have at most 1024 characters'),
  password: z.string().min(1, 'Password is required').max(4096, 'Passwords have at most 4096 characters'),
});

/** What a person types in the connection form. A new SASL connection needs its password. */
export const ConnectionInputSchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'Name is too long (100 characters at most)'),
  bootstrapServers: z
    .array(hostPort)
    .min(1, 'At least one bootstrap server is required')
    .max(50, 'At most 50 bootstrap servers'),
  tls: z.boolean().default(false),
  sasl: SaslSchema.nullable().default(null),
});
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;

/**
 * Editing a saved connection: saved passwords never reach the renderer, so an empty (or
 * missing) password means "keep the saved one".
 */
export const ConnectionUpdateInputSchema = ConnectionInputSchema.extend({
  sasl: SaslSchema.extend({ password: z.string().max(4096, 'Passwords have at most 4096 characters').default('') })
    .nullable()
    .default(null),
});
export type ConnectionUpdateInput = z.input<typeof ConnectionUpdateInputSchema>;

/** Settings to try. With `id`, an empty password means the saved connection's password. */
export const ConnectionTestParamsSchema = ConnectionUpdateInputSchema.extend({
  id: ProfileIdSchema.optional(),
}).superRefine((p, ctx) => {
  if (p.sasl && !p.sasl.password && !p.id)
    ctx.addIssue({ code: 'custom', path: ['sasl', 'password'], message: 'Password is required' });
});
export type ConnectionTestParams = z.input<typeof ConnectionTestParamsSchema>;

/** A saved connection as the renderer sees it: whether a password is saved, never the password. */
export const ConnectionProfileSchema = ConnectionInputSchema.extend({
  sasl: z
    .object({
      mechanism: SaslMechanismSchema,
      username: z.string(),
      passwordSaved: z.boolean(),
      /** Set when a password is saved but cannot be used here (e.g. the keychain changed): ask for it. */
      passwordProblem: z.string().nullable().default(null),
    })
    .nullable(),
  id: z.string().min(1),
  /** True for the profile that points at the bundled sandbox broker. */
  sandbox: z.boolean().default(false),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ConnectionProfile = z.output<typeof ConnectionProfileSchema>;

export interface ConnectionTestResult {
  clusterId: string | null;
  brokerCount: number;
  controllerId: number | null;
  latencyMs: number;
}

/** Whether a saved connection answers now: 'checking' only until its first check ends. */
export type ConnectionHealthState = 'checking' | 'online' | 'offline';

export interface ConnectionHealth {
  id: string;
  state: ConnectionHealthState;
  /** When the newest check ended (ms since the epoch); null while the first one runs. */
  checkedAt: number | null;
  /** The last time the cluster answered, since the app started; null if it never did. */
  lastOnlineAt: number | null;
  /** Brokers the cluster reported at its last answer. */
  brokerCount: number | null;
  /** Why it is offline, worded for a person (the sandbox being stopped, a refused connection, a rejected login). */
  problem: AppErrorData | null;
}

export const connectionsMethods = {
  'connections.list': method(NoParamsSchema).returns<ConnectionProfile[]>(),
  'connections.create': method(ConnectionInputSchema).returns<ConnectionProfile>(),
  'connections.update': method(
    z.object({ id: ProfileIdSchema, input: ConnectionUpdateInputSchema }),
  ).returns<ConnectionProfile>(),
  'connections.remove': method(z.object({ id: ProfileIdSchema })).returns<{ removed: boolean }>(),
  /** Tries the given settings (saved or not) and answers within ~10 s. */
  'connections.test': method(ConnectionTestParamsSchema).returns<ConnectionTestResult>(),
  /** Checks one saved connection now (one metadata round trip, or the sandbox's state) and answers its health. */
  'connections.checkHealth': method(z.object({ id: ProfileIdSchema })).returns<ConnectionHealth>(),
};

export const connectionsSubscriptions = {
  /**
   * The health of every saved connection: the current one of each first, then each change. Checks run
   * only while someone listens: every 30 s for a cluster that answers, every 15 s for one that does not,
   * at once when a connection is saved or the sandbox starts or stops.
   */
  'connections.health': subscription(NoParamsSchema).emits<ConnectionHealth>(),
};
