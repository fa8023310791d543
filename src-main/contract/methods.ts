import type { z } from 'zod';
import { appMethods } from './app.js';
import { clusterMethods } from './cluster.js';
import { configsMethods } from './configs.js';
import { connectionsMethods, connectionsSubscriptions } from './connections.js';
import { groupsMethods, groupsSubscriptions } from './groups.js';
import type { MethodsImplementation, SubscriptionsImplementation } from './define.js';
import { messagesMethods, messagesSubscriptions } from './messages.js';
import { produceMethods, produceSubscriptions } from './produce.js';
import { sandboxMethods, sandboxSubscriptions } from './sandbox.js';
import { topicsMethods } from './topics.js';

/**
 * The one API between renderer and main, merged from the domain files. Each domain declares its
 * own methods and subscriptions (`method(schema).returns<R>()`, `subscription(schema).emits<T>()`);
 * this file only puts them together.
 */
export const methods = {
  ...appMethods,
  ...connectionsMethods,
  ...clusterMethods,
  ...topicsMethods,
  ...configsMethods,
  ...messagesMethods,
  ...produceMethods,
  ...sandboxMethods,
  ...groupsMethods,
};

export const subscriptions = {
  ...connectionsSubscriptions,
  ...sandboxSubscriptions,
  ...messagesSubscriptions,
  ...produceSubscriptions,
  ...groupsSubscriptions,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
/** What the implementation receives (after validation, defaults applied). */
export type ValidParamsOf<M extends MethodName> = z.output<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = Methods[M]['result'];

export type Subscriptions = typeof subscriptions;
export type SubscriptionName = keyof Subscriptions;
export type SubscriptionParamsOf<S extends SubscriptionName> = z.input<Subscriptions[S]['params']>;
export type ValidSubscriptionParamsOf<S extends SubscriptionName> = z.output<Subscriptions[S]['params']>;
export type ItemOf<S extends SubscriptionName> = Subscriptions[S]['item'];

/** The implementation behind the contract (the core): one function per method and per subscription. */
export type ApiImplementation = MethodsImplementation<Methods> & SubscriptionsImplementation<Subscriptions>;
