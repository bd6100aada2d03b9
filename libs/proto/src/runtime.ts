// 64-bit fields (versions, commit times) are plain JS numbers everywhere: xid8 versions and
// millisecond timestamps stay far below 2^53. protobufjs would otherwise decode them as `Long`
// because its `long` dependency is installed; this must run before any decode.
import protobuf from 'protobufjs/minimal.js';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
