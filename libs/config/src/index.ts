export {
  ConfigError,
  type FlagSpec,
  type FlagSpecs,
  type FlagValues,
  flag,
  parseAddress,
  parseCount,
  parseDuration,
  parseFlags,
} from './flags.ts';
