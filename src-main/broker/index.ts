/** Public API of the Samsa sandbox broker. */
export { startBroker, BrokerStartError, type BrokerOptions, type RunningBroker } from './broker.js';
export { main as runBrokerCli, parseArgs as parseBrokerArgs } from './cli.js';
export { ErrorCode, KafkaProtocolError } from '../kafka-protocol/index.js';
export type { LogLevel } from './apis/context.js';
