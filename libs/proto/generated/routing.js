/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const switchyard = $root.switchyard = (() => {

    /**
     * Namespace switchyard.
     * @exports switchyard
     * @namespace
     */
    const switchyard = {};

    switchyard.routing = (function() {

        /**
         * Namespace routing.
         * @memberof switchyard
         * @namespace
         */
        const routing = {};

        routing.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof switchyard.routing
             * @namespace
             */
            const v1 = {};

            /**
             * CertificateSource enum.
             * @name switchyard.routing.v1.CertificateSource
             * @enum {number}
             * @property {number} CERTIFICATE_SOURCE_UNSPECIFIED=0 CERTIFICATE_SOURCE_UNSPECIFIED value
             * @property {number} CERTIFICATE_SOURCE_UPLOADED=1 CERTIFICATE_SOURCE_UPLOADED value
             * @property {number} CERTIFICATE_SOURCE_ACME=2 CERTIFICATE_SOURCE_ACME value
             */
            v1.CertificateSource = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "CERTIFICATE_SOURCE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "CERTIFICATE_SOURCE_UPLOADED"] = 1;
                values[valuesById[2] = "CERTIFICATE_SOURCE_ACME"] = 2;
                return values;
            })();

            v1.Certificate = (function() {

                /**
                 * Properties of a Certificate.
                 * @typedef {Object} switchyard.routing.v1.Certificate.$Properties
                 * @property {string|null} [id] Certificate id
                 * @property {string|null} [serviceId] Certificate serviceId
                 * @property {Array.<string>|null} [names] Certificate names
                 * @property {string|null} [chainPem] Certificate chainPem
                 * @property {string|null} [privateKeyPem] Certificate privateKeyPem
                 * @property {number|null} [notBeforeMs] Certificate notBeforeMs
                 * @property {number|null} [notAfterMs] Certificate notAfterMs
                 * @property {switchyard.routing.v1.CertificateSource|null} [source] Certificate source
                 * @property {number|null} [version] Certificate version
                 * @property {number|null} [commitTimeMs] Certificate commitTimeMs
                 * @property {string|null} [fingerprint] Certificate fingerprint
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Certificate.
                 * @memberof switchyard.routing.v1
                 * @interface ICertificate
                 * @augments switchyard.routing.v1.Certificate.$Properties
                 * @deprecated Use switchyard.routing.v1.Certificate.$Properties instead.
                 */

                /**
                 * Shape of a Certificate.
                 * @typedef {switchyard.routing.v1.Certificate.$Properties} switchyard.routing.v1.Certificate.$Shape
                 */

                /**
                 * Constructs a new Certificate.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a Certificate.
                 * @constructor
                 * @param {switchyard.routing.v1.Certificate.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Certificate = function (properties) {
                    this.names = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Certificate id.
                 * @member {string} id
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.id = "";

                /**
                 * Certificate serviceId.
                 * @member {string} serviceId
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.serviceId = "";

                /**
                 * Certificate names.
                 * @member {Array.<string>} names
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.names = $util.emptyArray;

                /**
                 * Certificate chainPem.
                 * @member {string} chainPem
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.chainPem = "";

                /**
                 * Certificate privateKeyPem.
                 * @member {string} privateKeyPem
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.privateKeyPem = "";

                /**
                 * Certificate notBeforeMs.
                 * @member {number} notBeforeMs
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.notBeforeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Certificate notAfterMs.
                 * @member {number} notAfterMs
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.notAfterMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Certificate source.
                 * @member {switchyard.routing.v1.CertificateSource} source
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.source = 0;

                /**
                 * Certificate version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Certificate commitTimeMs.
                 * @member {number} commitTimeMs
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.commitTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Certificate fingerprint.
                 * @member {string} fingerprint
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 */
                Certificate.prototype.fingerprint = "";

                /**
                 * Creates a new Certificate instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Certificate
                 * @static
                 * @param {switchyard.routing.v1.Certificate.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Certificate} Certificate instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Certificate.$Shape): switchyard.routing.v1.Certificate & switchyard.routing.v1.Certificate.$Shape;
                 *   (properties?: switchyard.routing.v1.Certificate.$Properties): switchyard.routing.v1.Certificate;
                 * }}
                 */
                Certificate.create = function(properties) {
                    return new Certificate(properties);
                };

                /**
                 * Encodes the specified Certificate message. Does not implicitly {@link switchyard.routing.v1.Certificate.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Certificate
                 * @static
                 * @param {switchyard.routing.v1.Certificate.$Properties} message Certificate message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Certificate.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                    if (message.serviceId != null && $Object.hasOwnProperty.call(message, "serviceId") && message.serviceId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.serviceId);
                    if (message.names != null && message.names.length)
                        for (let i = 0; i < message.names.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.names[i]);
                    if (message.chainPem != null && $Object.hasOwnProperty.call(message, "chainPem") && message.chainPem !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.chainPem);
                    if (message.privateKeyPem != null && $Object.hasOwnProperty.call(message, "privateKeyPem") && message.privateKeyPem !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.privateKeyPem);
                    if (message.notBeforeMs != null && $Object.hasOwnProperty.call(message, "notBeforeMs") && (typeof message.notBeforeMs === "object" ? message.notBeforeMs.low || message.notBeforeMs.high : message.notBeforeMs !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.notBeforeMs);
                    if (message.notAfterMs != null && $Object.hasOwnProperty.call(message, "notAfterMs") && (typeof message.notAfterMs === "object" ? message.notAfterMs.low || message.notAfterMs.high : message.notAfterMs !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.notAfterMs);
                    if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== 0)
                        writer.uint32(/* id 8, wireType 0 =*/64).int32(message.source);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.version);
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs") && (typeof message.commitTimeMs === "object" ? message.commitTimeMs.low || message.commitTimeMs.high : message.commitTimeMs !== 0))
                        writer.uint32(/* id 10, wireType 0 =*/80).int64(message.commitTimeMs);
                    if (message.fingerprint != null && $Object.hasOwnProperty.call(message, "fingerprint") && message.fingerprint !== "")
                        writer.uint32(/* id 11, wireType 2 =*/90).string(message.fingerprint);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Certificate message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Certificate
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Certificate & switchyard.routing.v1.Certificate.$Shape} Certificate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Certificate.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Certificate();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.id = value;
                                else
                                    delete message.id;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.serviceId = value;
                                else
                                    delete message.serviceId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.names && message.names.length))
                                    message.names = [];
                                message.names.push(reader.stringVerify());
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.chainPem = value;
                                else
                                    delete message.chainPem;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.privateKeyPem = value;
                                else
                                    delete message.privateKeyPem;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.notBeforeMs = value;
                                else
                                    delete message.notBeforeMs;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.notAfterMs = value;
                                else
                                    delete message.notAfterMs;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.source = value;
                                else
                                    delete message.source;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.commitTimeMs = value;
                                else
                                    delete message.commitTimeMs;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.fingerprint = value;
                                else
                                    delete message.fingerprint;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Certificate message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Certificate
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Certificate} Certificate
                 */
                Certificate.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Certificate)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Certificate: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Certificate();
                    if (object.id != null)
                        if (typeof object.id !== "string" || object.id.length)
                            message.id = $String(object.id);
                    if (object.serviceId != null)
                        if (typeof object.serviceId !== "string" || object.serviceId.length)
                            message.serviceId = $String(object.serviceId);
                    if (object.names) {
                        if (!$Array.isArray(object.names))
                            throw $TypeError(".switchyard.routing.v1.Certificate.names: array expected");
                        message.names = $Array(object.names.length);
                        for (let i = 0; i < object.names.length; ++i)
                            message.names[i] = $String(object.names[i]);
                    }
                    if (object.chainPem != null)
                        if (typeof object.chainPem !== "string" || object.chainPem.length)
                            message.chainPem = $String(object.chainPem);
                    if (object.privateKeyPem != null)
                        if (typeof object.privateKeyPem !== "string" || object.privateKeyPem.length)
                            message.privateKeyPem = $String(object.privateKeyPem);
                    if (object.notBeforeMs != null)
                        if (typeof object.notBeforeMs === "object" ? object.notBeforeMs.low || object.notBeforeMs.high : $Number(object.notBeforeMs) !== 0)
                            if ($util.Long)
                                message.notBeforeMs = $util.Long.fromValue(object.notBeforeMs, false);
                            else if (typeof object.notBeforeMs === "string")
                                message.notBeforeMs = $parseInt(object.notBeforeMs, 10);
                            else if (typeof object.notBeforeMs === "number")
                                message.notBeforeMs = object.notBeforeMs;
                            else if (typeof object.notBeforeMs === "object")
                                message.notBeforeMs = new $util.LongBits(object.notBeforeMs.low >>> 0, object.notBeforeMs.high >>> 0).toNumber();
                    if (object.notAfterMs != null)
                        if (typeof object.notAfterMs === "object" ? object.notAfterMs.low || object.notAfterMs.high : $Number(object.notAfterMs) !== 0)
                            if ($util.Long)
                                message.notAfterMs = $util.Long.fromValue(object.notAfterMs, false);
                            else if (typeof object.notAfterMs === "string")
                                message.notAfterMs = $parseInt(object.notAfterMs, 10);
                            else if (typeof object.notAfterMs === "number")
                                message.notAfterMs = object.notAfterMs;
                            else if (typeof object.notAfterMs === "object")
                                message.notAfterMs = new $util.LongBits(object.notAfterMs.low >>> 0, object.notAfterMs.high >>> 0).toNumber();
                    if (object.source !== 0 && (typeof object.source !== "string" || $root.switchyard.routing.v1.CertificateSource[object.source] !== 0))
                        switch (object.source) {
                        case "CERTIFICATE_SOURCE_UNSPECIFIED":
                        case 0:
                            message.source = 0;
                            break;
                        case "CERTIFICATE_SOURCE_UPLOADED":
                        case 1:
                            message.source = 1;
                            break;
                        case "CERTIFICATE_SOURCE_ACME":
                        case 2:
                            message.source = 2;
                            break;
                        default:
                            if (typeof object.source === "number" && (object.source | 0) === object.source)
                                message.source = object.source;
                        }
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.commitTimeMs != null)
                        if (typeof object.commitTimeMs === "object" ? object.commitTimeMs.low || object.commitTimeMs.high : $Number(object.commitTimeMs) !== 0)
                            if ($util.Long)
                                message.commitTimeMs = $util.Long.fromValue(object.commitTimeMs, false);
                            else if (typeof object.commitTimeMs === "string")
                                message.commitTimeMs = $parseInt(object.commitTimeMs, 10);
                            else if (typeof object.commitTimeMs === "number")
                                message.commitTimeMs = object.commitTimeMs;
                            else if (typeof object.commitTimeMs === "object")
                                message.commitTimeMs = new $util.LongBits(object.commitTimeMs.low >>> 0, object.commitTimeMs.high >>> 0).toNumber();
                    if (object.fingerprint != null)
                        if (typeof object.fingerprint !== "string" || object.fingerprint.length)
                            message.fingerprint = $String(object.fingerprint);
                    return message;
                };

                /**
                 * Creates a plain object from a Certificate message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Certificate
                 * @static
                 * @param {switchyard.routing.v1.Certificate} message Certificate
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Certificate.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.names = [];
                    if (options.defaults) {
                        object.id = "";
                        object.serviceId = "";
                        object.chainPem = "";
                        object.privateKeyPem = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.notBeforeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.notBeforeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.notAfterMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.notAfterMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.source = options.enums === $String ? "CERTIFICATE_SOURCE_UNSPECIFIED" : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.commitTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.commitTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.fingerprint = "";
                    }
                    if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                        object.id = message.id;
                    if (message.serviceId != null && $Object.hasOwnProperty.call(message, "serviceId"))
                        object.serviceId = message.serviceId;
                    if (message.names && message.names.length) {
                        object.names = $Array(message.names.length);
                        for (let j = 0; j < message.names.length; ++j)
                            object.names[j] = message.names[j];
                    }
                    if (message.chainPem != null && $Object.hasOwnProperty.call(message, "chainPem"))
                        object.chainPem = message.chainPem;
                    if (message.privateKeyPem != null && $Object.hasOwnProperty.call(message, "privateKeyPem"))
                        object.privateKeyPem = message.privateKeyPem;
                    if (message.notBeforeMs != null && $Object.hasOwnProperty.call(message, "notBeforeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.notBeforeMs = typeof message.notBeforeMs === "number" ? $BigInt(message.notBeforeMs) : $util.Long.fromBits(message.notBeforeMs.low >>> 0, message.notBeforeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.notBeforeMs === "number")
                            object.notBeforeMs = options.longs === $String ? $String(message.notBeforeMs) : message.notBeforeMs;
                        else
                            object.notBeforeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.notBeforeMs) : options.longs === $Number ? new $util.LongBits(message.notBeforeMs.low >>> 0, message.notBeforeMs.high >>> 0).toNumber() : message.notBeforeMs;
                    if (message.notAfterMs != null && $Object.hasOwnProperty.call(message, "notAfterMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.notAfterMs = typeof message.notAfterMs === "number" ? $BigInt(message.notAfterMs) : $util.Long.fromBits(message.notAfterMs.low >>> 0, message.notAfterMs.high >>> 0, false).toBigInt();
                        else if (typeof message.notAfterMs === "number")
                            object.notAfterMs = options.longs === $String ? $String(message.notAfterMs) : message.notAfterMs;
                        else
                            object.notAfterMs = options.longs === $String ? $util.Long.prototype.toString.call(message.notAfterMs) : options.longs === $Number ? new $util.LongBits(message.notAfterMs.low >>> 0, message.notAfterMs.high >>> 0).toNumber() : message.notAfterMs;
                    if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                        object.source = options.enums === $String ? $root.switchyard.routing.v1.CertificateSource[message.source] === $undefined ? message.source : $root.switchyard.routing.v1.CertificateSource[message.source] : message.source;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.commitTimeMs = typeof message.commitTimeMs === "number" ? $BigInt(message.commitTimeMs) : $util.Long.fromBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.commitTimeMs === "number")
                            object.commitTimeMs = options.longs === $String ? $String(message.commitTimeMs) : message.commitTimeMs;
                        else
                            object.commitTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.commitTimeMs) : options.longs === $Number ? new $util.LongBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0).toNumber() : message.commitTimeMs;
                    if (message.fingerprint != null && $Object.hasOwnProperty.call(message, "fingerprint"))
                        object.fingerprint = message.fingerprint;
                    return object;
                };

                /**
                 * Converts this Certificate to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Certificate
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Certificate.prototype.toJSON = function() {
                    return Certificate.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Certificate;
            })();

            v1.TicketKeys = (function() {

                /**
                 * Properties of a TicketKeys.
                 * @typedef {Object} switchyard.routing.v1.TicketKeys.$Properties
                 * @property {Array.<Uint8Array>|null} [keys] TicketKeys keys
                 * @property {number|null} [version] TicketKeys version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TicketKeys.
                 * @memberof switchyard.routing.v1
                 * @interface ITicketKeys
                 * @augments switchyard.routing.v1.TicketKeys.$Properties
                 * @deprecated Use switchyard.routing.v1.TicketKeys.$Properties instead.
                 */

                /**
                 * Shape of a TicketKeys.
                 * @typedef {switchyard.routing.v1.TicketKeys.$Properties} switchyard.routing.v1.TicketKeys.$Shape
                 */

                /**
                 * Constructs a new TicketKeys.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a TicketKeys.
                 * @constructor
                 * @param {switchyard.routing.v1.TicketKeys.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TicketKeys = function (properties) {
                    this.keys = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TicketKeys keys.
                 * @member {Array.<Uint8Array>} keys
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @instance
                 */
                TicketKeys.prototype.keys = $util.emptyArray;

                /**
                 * TicketKeys version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @instance
                 */
                TicketKeys.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new TicketKeys instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @static
                 * @param {switchyard.routing.v1.TicketKeys.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.TicketKeys} TicketKeys instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.TicketKeys.$Shape): switchyard.routing.v1.TicketKeys & switchyard.routing.v1.TicketKeys.$Shape;
                 *   (properties?: switchyard.routing.v1.TicketKeys.$Properties): switchyard.routing.v1.TicketKeys;
                 * }}
                 */
                TicketKeys.create = function(properties) {
                    return new TicketKeys(properties);
                };

                /**
                 * Encodes the specified TicketKeys message. Does not implicitly {@link switchyard.routing.v1.TicketKeys.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @static
                 * @param {switchyard.routing.v1.TicketKeys.$Properties} message TicketKeys message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TicketKeys.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.keys != null && message.keys.length)
                        for (let i = 0; i < message.keys.length; ++i)
                            writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.keys[i]);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TicketKeys message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.TicketKeys & switchyard.routing.v1.TicketKeys.$Shape} TicketKeys
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TicketKeys.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.TicketKeys();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.keys && message.keys.length))
                                    message.keys = [];
                                message.keys.push(reader.bytes());
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TicketKeys message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.TicketKeys} TicketKeys
                 */
                TicketKeys.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.TicketKeys)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.TicketKeys: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.TicketKeys();
                    if (object.keys) {
                        if (!$Array.isArray(object.keys))
                            throw $TypeError(".switchyard.routing.v1.TicketKeys.keys: array expected");
                        message.keys = $Array(object.keys.length);
                        for (let i = 0; i < object.keys.length; ++i)
                            if (typeof object.keys[i] === "string")
                                $util.base64.decode(object.keys[i], message.keys[i] = $util.newBuffer($util.base64.length(object.keys[i])), 0);
                            else if (object.keys[i].length >= 0)
                                message.keys[i] = object.keys[i];
                    }
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a TicketKeys message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @static
                 * @param {switchyard.routing.v1.TicketKeys} message TicketKeys
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TicketKeys.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.keys = [];
                    if (options.defaults)
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (message.keys && message.keys.length) {
                        object.keys = $Array(message.keys.length);
                        for (let j = 0; j < message.keys.length; ++j)
                            object.keys[j] = options.bytes === $String ? $util.base64.encode(message.keys[j], 0, message.keys[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.keys[j]) : message.keys[j];
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    return object;
                };

                /**
                 * Converts this TicketKeys to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.TicketKeys
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TicketKeys.prototype.toJSON = function() {
                    return TicketKeys.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TicketKeys;
            })();

            v1.AcmeChallenge = (function() {

                /**
                 * Properties of an AcmeChallenge.
                 * @typedef {Object} switchyard.routing.v1.AcmeChallenge.$Properties
                 * @property {string|null} [token] AcmeChallenge token
                 * @property {string|null} [hostname] AcmeChallenge hostname
                 * @property {string|null} [keyAuthorization] AcmeChallenge keyAuthorization
                 * @property {number|null} [expiresAtMs] AcmeChallenge expiresAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an AcmeChallenge.
                 * @memberof switchyard.routing.v1
                 * @interface IAcmeChallenge
                 * @augments switchyard.routing.v1.AcmeChallenge.$Properties
                 * @deprecated Use switchyard.routing.v1.AcmeChallenge.$Properties instead.
                 */

                /**
                 * Shape of an AcmeChallenge.
                 * @typedef {switchyard.routing.v1.AcmeChallenge.$Properties} switchyard.routing.v1.AcmeChallenge.$Shape
                 */

                /**
                 * Constructs a new AcmeChallenge.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents an AcmeChallenge.
                 * @constructor
                 * @param {switchyard.routing.v1.AcmeChallenge.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const AcmeChallenge = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * AcmeChallenge token.
                 * @member {string} token
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @instance
                 */
                AcmeChallenge.prototype.token = "";

                /**
                 * AcmeChallenge hostname.
                 * @member {string} hostname
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @instance
                 */
                AcmeChallenge.prototype.hostname = "";

                /**
                 * AcmeChallenge keyAuthorization.
                 * @member {string} keyAuthorization
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @instance
                 */
                AcmeChallenge.prototype.keyAuthorization = "";

                /**
                 * AcmeChallenge expiresAtMs.
                 * @member {number} expiresAtMs
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @instance
                 */
                AcmeChallenge.prototype.expiresAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new AcmeChallenge instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @static
                 * @param {switchyard.routing.v1.AcmeChallenge.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.AcmeChallenge} AcmeChallenge instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.AcmeChallenge.$Shape): switchyard.routing.v1.AcmeChallenge & switchyard.routing.v1.AcmeChallenge.$Shape;
                 *   (properties?: switchyard.routing.v1.AcmeChallenge.$Properties): switchyard.routing.v1.AcmeChallenge;
                 * }}
                 */
                AcmeChallenge.create = function(properties) {
                    return new AcmeChallenge(properties);
                };

                /**
                 * Encodes the specified AcmeChallenge message. Does not implicitly {@link switchyard.routing.v1.AcmeChallenge.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @static
                 * @param {switchyard.routing.v1.AcmeChallenge.$Properties} message AcmeChallenge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                AcmeChallenge.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                    if (message.hostname != null && $Object.hasOwnProperty.call(message, "hostname") && message.hostname !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.hostname);
                    if (message.keyAuthorization != null && $Object.hasOwnProperty.call(message, "keyAuthorization") && message.keyAuthorization !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.keyAuthorization);
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs") && (typeof message.expiresAtMs === "object" ? message.expiresAtMs.low || message.expiresAtMs.high : message.expiresAtMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.expiresAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an AcmeChallenge message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.AcmeChallenge & switchyard.routing.v1.AcmeChallenge.$Shape} AcmeChallenge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                AcmeChallenge.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.AcmeChallenge();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.token = value;
                                else
                                    delete message.token;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.hostname = value;
                                else
                                    delete message.hostname;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.keyAuthorization = value;
                                else
                                    delete message.keyAuthorization;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.expiresAtMs = value;
                                else
                                    delete message.expiresAtMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an AcmeChallenge message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.AcmeChallenge} AcmeChallenge
                 */
                AcmeChallenge.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.AcmeChallenge)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.AcmeChallenge: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.AcmeChallenge();
                    if (object.token != null)
                        if (typeof object.token !== "string" || object.token.length)
                            message.token = $String(object.token);
                    if (object.hostname != null)
                        if (typeof object.hostname !== "string" || object.hostname.length)
                            message.hostname = $String(object.hostname);
                    if (object.keyAuthorization != null)
                        if (typeof object.keyAuthorization !== "string" || object.keyAuthorization.length)
                            message.keyAuthorization = $String(object.keyAuthorization);
                    if (object.expiresAtMs != null)
                        if (typeof object.expiresAtMs === "object" ? object.expiresAtMs.low || object.expiresAtMs.high : $Number(object.expiresAtMs) !== 0)
                            if ($util.Long)
                                message.expiresAtMs = $util.Long.fromValue(object.expiresAtMs, false);
                            else if (typeof object.expiresAtMs === "string")
                                message.expiresAtMs = $parseInt(object.expiresAtMs, 10);
                            else if (typeof object.expiresAtMs === "number")
                                message.expiresAtMs = object.expiresAtMs;
                            else if (typeof object.expiresAtMs === "object")
                                message.expiresAtMs = new $util.LongBits(object.expiresAtMs.low >>> 0, object.expiresAtMs.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from an AcmeChallenge message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @static
                 * @param {switchyard.routing.v1.AcmeChallenge} message AcmeChallenge
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                AcmeChallenge.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.token = "";
                        object.hostname = "";
                        object.keyAuthorization = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.expiresAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.expiresAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.token != null && $Object.hasOwnProperty.call(message, "token"))
                        object.token = message.token;
                    if (message.hostname != null && $Object.hasOwnProperty.call(message, "hostname"))
                        object.hostname = message.hostname;
                    if (message.keyAuthorization != null && $Object.hasOwnProperty.call(message, "keyAuthorization"))
                        object.keyAuthorization = message.keyAuthorization;
                    if (message.expiresAtMs != null && $Object.hasOwnProperty.call(message, "expiresAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.expiresAtMs = typeof message.expiresAtMs === "number" ? $BigInt(message.expiresAtMs) : $util.Long.fromBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0, false).toBigInt();
                        else if (typeof message.expiresAtMs === "number")
                            object.expiresAtMs = options.longs === $String ? $String(message.expiresAtMs) : message.expiresAtMs;
                        else
                            object.expiresAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.expiresAtMs) : options.longs === $Number ? new $util.LongBits(message.expiresAtMs.low >>> 0, message.expiresAtMs.high >>> 0).toNumber() : message.expiresAtMs;
                    return object;
                };

                /**
                 * Converts this AcmeChallenge to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.AcmeChallenge
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                AcmeChallenge.prototype.toJSON = function() {
                    return AcmeChallenge.toObject(this, $protobuf.util.toJSONOptions);
                };

                return AcmeChallenge;
            })();

            v1.AcmeChallenges = (function() {

                /**
                 * Properties of an AcmeChallenges.
                 * @typedef {Object} switchyard.routing.v1.AcmeChallenges.$Properties
                 * @property {Array.<switchyard.routing.v1.AcmeChallenge.$Properties>|null} [challenges] AcmeChallenges challenges
                 * @property {number|null} [version] AcmeChallenges version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an AcmeChallenges.
                 * @memberof switchyard.routing.v1
                 * @interface IAcmeChallenges
                 * @augments switchyard.routing.v1.AcmeChallenges.$Properties
                 * @deprecated Use switchyard.routing.v1.AcmeChallenges.$Properties instead.
                 */

                /**
                 * Shape of an AcmeChallenges.
                 * @typedef {switchyard.routing.v1.AcmeChallenges.$Properties} switchyard.routing.v1.AcmeChallenges.$Shape
                 */

                /**
                 * Constructs a new AcmeChallenges.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents an AcmeChallenges.
                 * @constructor
                 * @param {switchyard.routing.v1.AcmeChallenges.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const AcmeChallenges = function (properties) {
                    this.challenges = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * AcmeChallenges challenges.
                 * @member {Array.<switchyard.routing.v1.AcmeChallenge.$Properties>} challenges
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @instance
                 */
                AcmeChallenges.prototype.challenges = $util.emptyArray;

                /**
                 * AcmeChallenges version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @instance
                 */
                AcmeChallenges.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new AcmeChallenges instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @static
                 * @param {switchyard.routing.v1.AcmeChallenges.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.AcmeChallenges} AcmeChallenges instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.AcmeChallenges.$Shape): switchyard.routing.v1.AcmeChallenges & switchyard.routing.v1.AcmeChallenges.$Shape;
                 *   (properties?: switchyard.routing.v1.AcmeChallenges.$Properties): switchyard.routing.v1.AcmeChallenges;
                 * }}
                 */
                AcmeChallenges.create = function(properties) {
                    return new AcmeChallenges(properties);
                };

                /**
                 * Encodes the specified AcmeChallenges message. Does not implicitly {@link switchyard.routing.v1.AcmeChallenges.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @static
                 * @param {switchyard.routing.v1.AcmeChallenges.$Properties} message AcmeChallenges message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                AcmeChallenges.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.challenges != null && message.challenges.length)
                        for (let i = 0; i < message.challenges.length; ++i)
                            $root.switchyard.routing.v1.AcmeChallenge.encode(message.challenges[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an AcmeChallenges message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.AcmeChallenges & switchyard.routing.v1.AcmeChallenges.$Shape} AcmeChallenges
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                AcmeChallenges.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.AcmeChallenges();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.challenges && message.challenges.length))
                                    message.challenges = [];
                                message.challenges.push($root.switchyard.routing.v1.AcmeChallenge.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an AcmeChallenges message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.AcmeChallenges} AcmeChallenges
                 */
                AcmeChallenges.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.AcmeChallenges)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.AcmeChallenges: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.AcmeChallenges();
                    if (object.challenges) {
                        if (!$Array.isArray(object.challenges))
                            throw $TypeError(".switchyard.routing.v1.AcmeChallenges.challenges: array expected");
                        message.challenges = $Array(object.challenges.length);
                        for (let i = 0; i < object.challenges.length; ++i) {
                            if (!$util.isObject(object.challenges[i]))
                                throw $TypeError(".switchyard.routing.v1.AcmeChallenges.challenges: object expected");
                            message.challenges[i] = $root.switchyard.routing.v1.AcmeChallenge.fromObject(object.challenges[i], _depth + 1);
                        }
                    }
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from an AcmeChallenges message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @static
                 * @param {switchyard.routing.v1.AcmeChallenges} message AcmeChallenges
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                AcmeChallenges.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.challenges = [];
                    if (options.defaults)
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (message.challenges && message.challenges.length) {
                        object.challenges = $Array(message.challenges.length);
                        for (let j = 0; j < message.challenges.length; ++j)
                            object.challenges[j] = $root.switchyard.routing.v1.AcmeChallenge.toObject(message.challenges[j], options, _depth + 1);
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    return object;
                };

                /**
                 * Converts this AcmeChallenges to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.AcmeChallenges
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                AcmeChallenges.prototype.toJSON = function() {
                    return AcmeChallenges.toObject(this, $protobuf.util.toJSONOptions);
                };

                return AcmeChallenges;
            })();

            v1.WatchRequest = (function() {

                /**
                 * Properties of a WatchRequest.
                 * @typedef {Object} switchyard.routing.v1.WatchRequest.$Properties
                 * @property {string|null} [region] WatchRequest region
                 * @property {string|null} [clientId] WatchRequest clientId
                 * @property {number|null} [fromVersion] WatchRequest fromVersion
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a WatchRequest.
                 * @memberof switchyard.routing.v1
                 * @interface IWatchRequest
                 * @augments switchyard.routing.v1.WatchRequest.$Properties
                 * @deprecated Use switchyard.routing.v1.WatchRequest.$Properties instead.
                 */

                /**
                 * Shape of a WatchRequest.
                 * @typedef {switchyard.routing.v1.WatchRequest.$Properties} switchyard.routing.v1.WatchRequest.$Shape
                 */

                /**
                 * Constructs a new WatchRequest.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a WatchRequest.
                 * @constructor
                 * @param {switchyard.routing.v1.WatchRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const WatchRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * WatchRequest region.
                 * @member {string} region
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @instance
                 */
                WatchRequest.prototype.region = "";

                /**
                 * WatchRequest clientId.
                 * @member {string} clientId
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @instance
                 */
                WatchRequest.prototype.clientId = "";

                /**
                 * WatchRequest fromVersion.
                 * @member {number} fromVersion
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @instance
                 */
                WatchRequest.prototype.fromVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new WatchRequest instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @static
                 * @param {switchyard.routing.v1.WatchRequest.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.WatchRequest} WatchRequest instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.WatchRequest.$Shape): switchyard.routing.v1.WatchRequest & switchyard.routing.v1.WatchRequest.$Shape;
                 *   (properties?: switchyard.routing.v1.WatchRequest.$Properties): switchyard.routing.v1.WatchRequest;
                 * }}
                 */
                WatchRequest.create = function(properties) {
                    return new WatchRequest(properties);
                };

                /**
                 * Encodes the specified WatchRequest message. Does not implicitly {@link switchyard.routing.v1.WatchRequest.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @static
                 * @param {switchyard.routing.v1.WatchRequest.$Properties} message WatchRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                WatchRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.region != null && $Object.hasOwnProperty.call(message, "region") && message.region !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.region);
                    if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId") && message.clientId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.clientId);
                    if (message.fromVersion != null && $Object.hasOwnProperty.call(message, "fromVersion") && (typeof message.fromVersion === "object" ? message.fromVersion.low || message.fromVersion.high : message.fromVersion !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.fromVersion);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a WatchRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.WatchRequest & switchyard.routing.v1.WatchRequest.$Shape} WatchRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                WatchRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.WatchRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.region = value;
                                else
                                    delete message.region;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.clientId = value;
                                else
                                    delete message.clientId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.fromVersion = value;
                                else
                                    delete message.fromVersion;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a WatchRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.WatchRequest} WatchRequest
                 */
                WatchRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.WatchRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.WatchRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.WatchRequest();
                    if (object.region != null)
                        if (typeof object.region !== "string" || object.region.length)
                            message.region = $String(object.region);
                    if (object.clientId != null)
                        if (typeof object.clientId !== "string" || object.clientId.length)
                            message.clientId = $String(object.clientId);
                    if (object.fromVersion != null)
                        if (typeof object.fromVersion === "object" ? object.fromVersion.low || object.fromVersion.high : $Number(object.fromVersion) !== 0)
                            if ($util.Long)
                                message.fromVersion = $util.Long.fromValue(object.fromVersion, true);
                            else if (typeof object.fromVersion === "string")
                                message.fromVersion = $parseInt(object.fromVersion, 10);
                            else if (typeof object.fromVersion === "number")
                                message.fromVersion = object.fromVersion;
                            else if (typeof object.fromVersion === "object")
                                message.fromVersion = new $util.LongBits(object.fromVersion.low >>> 0, object.fromVersion.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a WatchRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @static
                 * @param {switchyard.routing.v1.WatchRequest} message WatchRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                WatchRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.region = "";
                        object.clientId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.fromVersion = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.fromVersion = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.region != null && $Object.hasOwnProperty.call(message, "region"))
                        object.region = message.region;
                    if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId"))
                        object.clientId = message.clientId;
                    if (message.fromVersion != null && $Object.hasOwnProperty.call(message, "fromVersion"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.fromVersion = typeof message.fromVersion === "number" ? $BigInt(message.fromVersion) : $util.Long.fromBits(message.fromVersion.low >>> 0, message.fromVersion.high >>> 0, true).toBigInt();
                        else if (typeof message.fromVersion === "number")
                            object.fromVersion = options.longs === $String ? $String(message.fromVersion) : message.fromVersion;
                        else
                            object.fromVersion = options.longs === $String ? $util.Long.prototype.toString.call(message.fromVersion) : options.longs === $Number ? new $util.LongBits(message.fromVersion.low >>> 0, message.fromVersion.high >>> 0).toNumber(true) : message.fromVersion;
                    return object;
                };

                /**
                 * Converts this WatchRequest to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.WatchRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                WatchRequest.prototype.toJSON = function() {
                    return WatchRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return WatchRequest;
            })();

            v1.WatchEvent = (function() {

                /**
                 * Properties of a WatchEvent.
                 * @typedef {Object} switchyard.routing.v1.WatchEvent.$Properties
                 * @property {switchyard.routing.v1.SnapshotStart.$Properties|null} [snapshotStart] WatchEvent snapshotStart
                 * @property {switchyard.routing.v1.ServiceBatch.$Properties|null} [serviceBatch] WatchEvent serviceBatch
                 * @property {switchyard.routing.v1.SnapshotEnd.$Properties|null} [snapshotEnd] WatchEvent snapshotEnd
                 * @property {switchyard.routing.v1.Delta.$Properties|null} [delta] WatchEvent delta
                 * @property {switchyard.routing.v1.Heartbeat.$Properties|null} [heartbeat] WatchEvent heartbeat
                 * @property {"snapshotStart"|"serviceBatch"|"snapshotEnd"|"delta"|"heartbeat"} [event] WatchEvent event
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a WatchEvent.
                 * @memberof switchyard.routing.v1
                 * @interface IWatchEvent
                 * @augments switchyard.routing.v1.WatchEvent.$Properties
                 * @deprecated Use switchyard.routing.v1.WatchEvent.$Properties instead.
                 */

                /**
                 * Narrowed shape of a WatchEvent.
                 * @typedef {{
                 *   snapshotStart?: switchyard.routing.v1.SnapshotStart.$Shape|null;
                 *   serviceBatch?: switchyard.routing.v1.ServiceBatch.$Shape|null;
                 *   snapshotEnd?: switchyard.routing.v1.SnapshotEnd.$Shape|null;
                 *   delta?: switchyard.routing.v1.Delta.$Shape|null;
                 *   heartbeat?: switchyard.routing.v1.Heartbeat.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ event?: undefined; snapshotStart?: null; serviceBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotStart"; snapshotStart: switchyard.routing.v1.SnapshotStart.$Shape; serviceBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "serviceBatch"; snapshotStart?: null; serviceBatch: switchyard.routing.v1.ServiceBatch.$Shape; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotEnd"; snapshotStart?: null; serviceBatch?: null; snapshotEnd: switchyard.routing.v1.SnapshotEnd.$Shape; delta?: null; heartbeat?: null }|{ event?: "delta"; snapshotStart?: null; serviceBatch?: null; snapshotEnd?: null; delta: switchyard.routing.v1.Delta.$Shape; heartbeat?: null }|{ event?: "heartbeat"; snapshotStart?: null; serviceBatch?: null; snapshotEnd?: null; delta?: null; heartbeat: switchyard.routing.v1.Heartbeat.$Shape })
                 * )} switchyard.routing.v1.WatchEvent.$Shape
                 */

                /**
                 * Constructs a new WatchEvent.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a WatchEvent.
                 * @constructor
                 * @param {switchyard.routing.v1.WatchEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const WatchEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * WatchEvent snapshotStart.
                 * @member {switchyard.routing.v1.SnapshotStart.$Properties|null|undefined} snapshotStart
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 */
                WatchEvent.prototype.snapshotStart = null;

                /**
                 * WatchEvent serviceBatch.
                 * @member {switchyard.routing.v1.ServiceBatch.$Properties|null|undefined} serviceBatch
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 */
                WatchEvent.prototype.serviceBatch = null;

                /**
                 * WatchEvent snapshotEnd.
                 * @member {switchyard.routing.v1.SnapshotEnd.$Properties|null|undefined} snapshotEnd
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 */
                WatchEvent.prototype.snapshotEnd = null;

                /**
                 * WatchEvent delta.
                 * @member {switchyard.routing.v1.Delta.$Properties|null|undefined} delta
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 */
                WatchEvent.prototype.delta = null;

                /**
                 * WatchEvent heartbeat.
                 * @member {switchyard.routing.v1.Heartbeat.$Properties|null|undefined} heartbeat
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 */
                WatchEvent.prototype.heartbeat = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * WatchEvent event.
                 * @member {"snapshotStart"|"serviceBatch"|"snapshotEnd"|"delta"|"heartbeat"|undefined} event
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 */
                $Object.defineProperty(WatchEvent.prototype, "event", {
                    get: $util.oneOfGetter($oneOfFields = ["snapshotStart", "serviceBatch", "snapshotEnd", "delta", "heartbeat"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new WatchEvent instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @static
                 * @param {switchyard.routing.v1.WatchEvent.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.WatchEvent} WatchEvent instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.WatchEvent.$Shape): switchyard.routing.v1.WatchEvent & switchyard.routing.v1.WatchEvent.$Shape;
                 *   (properties?: switchyard.routing.v1.WatchEvent.$Properties): switchyard.routing.v1.WatchEvent;
                 * }}
                 */
                WatchEvent.create = function(properties) {
                    return new WatchEvent(properties);
                };

                /**
                 * Encodes the specified WatchEvent message. Does not implicitly {@link switchyard.routing.v1.WatchEvent.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @static
                 * @param {switchyard.routing.v1.WatchEvent.$Properties} message WatchEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                WatchEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.snapshotStart != null && $Object.hasOwnProperty.call(message, "snapshotStart"))
                        $root.switchyard.routing.v1.SnapshotStart.encode(message.snapshotStart, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.serviceBatch != null && $Object.hasOwnProperty.call(message, "serviceBatch"))
                        $root.switchyard.routing.v1.ServiceBatch.encode(message.serviceBatch, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.snapshotEnd != null && $Object.hasOwnProperty.call(message, "snapshotEnd"))
                        $root.switchyard.routing.v1.SnapshotEnd.encode(message.snapshotEnd, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.delta != null && $Object.hasOwnProperty.call(message, "delta"))
                        $root.switchyard.routing.v1.Delta.encode(message.delta, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                        $root.switchyard.routing.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a WatchEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.WatchEvent & switchyard.routing.v1.WatchEvent.$Shape} WatchEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                WatchEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.WatchEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.snapshotStart = $root.switchyard.routing.v1.SnapshotStart.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshotStart);
                                message.event = "snapshotStart";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.serviceBatch = $root.switchyard.routing.v1.ServiceBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.serviceBatch);
                                message.event = "serviceBatch";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.snapshotEnd = $root.switchyard.routing.v1.SnapshotEnd.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshotEnd);
                                message.event = "snapshotEnd";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.delta = $root.switchyard.routing.v1.Delta.decode(reader, reader.size(), $undefined, _depth + 1, message.delta);
                                message.event = "delta";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.heartbeat = $root.switchyard.routing.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                                message.event = "heartbeat";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a WatchEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.WatchEvent} WatchEvent
                 */
                WatchEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.WatchEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.WatchEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.WatchEvent();
                    if (object.snapshotStart != null) {
                        if (!$util.isObject(object.snapshotStart))
                            throw $TypeError(".switchyard.routing.v1.WatchEvent.snapshotStart: object expected");
                        message.snapshotStart = $root.switchyard.routing.v1.SnapshotStart.fromObject(object.snapshotStart, _depth + 1);
                    }
                    if (object.serviceBatch != null) {
                        if (!$util.isObject(object.serviceBatch))
                            throw $TypeError(".switchyard.routing.v1.WatchEvent.serviceBatch: object expected");
                        message.serviceBatch = $root.switchyard.routing.v1.ServiceBatch.fromObject(object.serviceBatch, _depth + 1);
                    }
                    if (object.snapshotEnd != null) {
                        if (!$util.isObject(object.snapshotEnd))
                            throw $TypeError(".switchyard.routing.v1.WatchEvent.snapshotEnd: object expected");
                        message.snapshotEnd = $root.switchyard.routing.v1.SnapshotEnd.fromObject(object.snapshotEnd, _depth + 1);
                    }
                    if (object.delta != null) {
                        if (!$util.isObject(object.delta))
                            throw $TypeError(".switchyard.routing.v1.WatchEvent.delta: object expected");
                        message.delta = $root.switchyard.routing.v1.Delta.fromObject(object.delta, _depth + 1);
                    }
                    if (object.heartbeat != null) {
                        if (!$util.isObject(object.heartbeat))
                            throw $TypeError(".switchyard.routing.v1.WatchEvent.heartbeat: object expected");
                        message.heartbeat = $root.switchyard.routing.v1.Heartbeat.fromObject(object.heartbeat, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a WatchEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @static
                 * @param {switchyard.routing.v1.WatchEvent} message WatchEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                WatchEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (message.snapshotStart != null && $Object.hasOwnProperty.call(message, "snapshotStart")) {
                        object.snapshotStart = $root.switchyard.routing.v1.SnapshotStart.toObject(message.snapshotStart, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "snapshotStart";
                    }
                    if (message.serviceBatch != null && $Object.hasOwnProperty.call(message, "serviceBatch")) {
                        object.serviceBatch = $root.switchyard.routing.v1.ServiceBatch.toObject(message.serviceBatch, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "serviceBatch";
                    }
                    if (message.snapshotEnd != null && $Object.hasOwnProperty.call(message, "snapshotEnd")) {
                        object.snapshotEnd = $root.switchyard.routing.v1.SnapshotEnd.toObject(message.snapshotEnd, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "snapshotEnd";
                    }
                    if (message.delta != null && $Object.hasOwnProperty.call(message, "delta")) {
                        object.delta = $root.switchyard.routing.v1.Delta.toObject(message.delta, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "delta";
                    }
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                        object.heartbeat = $root.switchyard.routing.v1.Heartbeat.toObject(message.heartbeat, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "heartbeat";
                    }
                    return object;
                };

                /**
                 * Converts this WatchEvent to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.WatchEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                WatchEvent.prototype.toJSON = function() {
                    return WatchEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return WatchEvent;
            })();

            v1.SnapshotStart = (function() {

                /**
                 * Properties of a SnapshotStart.
                 * @typedef {Object} switchyard.routing.v1.SnapshotStart.$Properties
                 * @property {number|null} [version] SnapshotStart version
                 * @property {number|null} [total] SnapshotStart total
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SnapshotStart.
                 * @memberof switchyard.routing.v1
                 * @interface ISnapshotStart
                 * @augments switchyard.routing.v1.SnapshotStart.$Properties
                 * @deprecated Use switchyard.routing.v1.SnapshotStart.$Properties instead.
                 */

                /**
                 * Shape of a SnapshotStart.
                 * @typedef {switchyard.routing.v1.SnapshotStart.$Properties} switchyard.routing.v1.SnapshotStart.$Shape
                 */

                /**
                 * Constructs a new SnapshotStart.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a SnapshotStart.
                 * @constructor
                 * @param {switchyard.routing.v1.SnapshotStart.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SnapshotStart = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SnapshotStart version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @instance
                 */
                SnapshotStart.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * SnapshotStart total.
                 * @member {number} total
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @instance
                 */
                SnapshotStart.prototype.total = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new SnapshotStart instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @static
                 * @param {switchyard.routing.v1.SnapshotStart.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.SnapshotStart} SnapshotStart instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.SnapshotStart.$Shape): switchyard.routing.v1.SnapshotStart & switchyard.routing.v1.SnapshotStart.$Shape;
                 *   (properties?: switchyard.routing.v1.SnapshotStart.$Properties): switchyard.routing.v1.SnapshotStart;
                 * }}
                 */
                SnapshotStart.create = function(properties) {
                    return new SnapshotStart(properties);
                };

                /**
                 * Encodes the specified SnapshotStart message. Does not implicitly {@link switchyard.routing.v1.SnapshotStart.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @static
                 * @param {switchyard.routing.v1.SnapshotStart.$Properties} message SnapshotStart message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SnapshotStart.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.version);
                    if (message.total != null && $Object.hasOwnProperty.call(message, "total") && (typeof message.total === "object" ? message.total.low || message.total.high : message.total !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.total);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SnapshotStart message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.SnapshotStart & switchyard.routing.v1.SnapshotStart.$Shape} SnapshotStart
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SnapshotStart.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.SnapshotStart();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.total = value;
                                else
                                    delete message.total;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a SnapshotStart message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.SnapshotStart} SnapshotStart
                 */
                SnapshotStart.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.SnapshotStart)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.SnapshotStart: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.SnapshotStart();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.total != null)
                        if (typeof object.total === "object" ? object.total.low || object.total.high : $Number(object.total) !== 0)
                            if ($util.Long)
                                message.total = $util.Long.fromValue(object.total, true);
                            else if (typeof object.total === "string")
                                message.total = $parseInt(object.total, 10);
                            else if (typeof object.total === "number")
                                message.total = object.total;
                            else if (typeof object.total === "object")
                                message.total = new $util.LongBits(object.total.low >>> 0, object.total.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a SnapshotStart message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @static
                 * @param {switchyard.routing.v1.SnapshotStart} message SnapshotStart
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                SnapshotStart.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.total = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.total = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.total = typeof message.total === "number" ? $BigInt(message.total) : $util.Long.fromBits(message.total.low >>> 0, message.total.high >>> 0, true).toBigInt();
                        else if (typeof message.total === "number")
                            object.total = options.longs === $String ? $String(message.total) : message.total;
                        else
                            object.total = options.longs === $String ? $util.Long.prototype.toString.call(message.total) : options.longs === $Number ? new $util.LongBits(message.total.low >>> 0, message.total.high >>> 0).toNumber(true) : message.total;
                    return object;
                };

                /**
                 * Converts this SnapshotStart to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.SnapshotStart
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                SnapshotStart.prototype.toJSON = function() {
                    return SnapshotStart.toObject(this, $protobuf.util.toJSONOptions);
                };

                return SnapshotStart;
            })();

            v1.ServiceBatch = (function() {

                /**
                 * Properties of a ServiceBatch.
                 * @typedef {Object} switchyard.routing.v1.ServiceBatch.$Properties
                 * @property {Array.<switchyard.routing.v1.Service.$Properties>|null} [services] ServiceBatch services
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ServiceBatch.
                 * @memberof switchyard.routing.v1
                 * @interface IServiceBatch
                 * @augments switchyard.routing.v1.ServiceBatch.$Properties
                 * @deprecated Use switchyard.routing.v1.ServiceBatch.$Properties instead.
                 */

                /**
                 * Shape of a ServiceBatch.
                 * @typedef {switchyard.routing.v1.ServiceBatch.$Properties} switchyard.routing.v1.ServiceBatch.$Shape
                 */

                /**
                 * Constructs a new ServiceBatch.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a ServiceBatch.
                 * @constructor
                 * @param {switchyard.routing.v1.ServiceBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ServiceBatch = function (properties) {
                    this.services = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ServiceBatch services.
                 * @member {Array.<switchyard.routing.v1.Service.$Properties>} services
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @instance
                 */
                ServiceBatch.prototype.services = $util.emptyArray;

                /**
                 * Creates a new ServiceBatch instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @static
                 * @param {switchyard.routing.v1.ServiceBatch.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.ServiceBatch} ServiceBatch instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.ServiceBatch.$Shape): switchyard.routing.v1.ServiceBatch & switchyard.routing.v1.ServiceBatch.$Shape;
                 *   (properties?: switchyard.routing.v1.ServiceBatch.$Properties): switchyard.routing.v1.ServiceBatch;
                 * }}
                 */
                ServiceBatch.create = function(properties) {
                    return new ServiceBatch(properties);
                };

                /**
                 * Encodes the specified ServiceBatch message. Does not implicitly {@link switchyard.routing.v1.ServiceBatch.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @static
                 * @param {switchyard.routing.v1.ServiceBatch.$Properties} message ServiceBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ServiceBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.services != null && message.services.length)
                        for (let i = 0; i < message.services.length; ++i)
                            $root.switchyard.routing.v1.Service.encode(message.services[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a ServiceBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.ServiceBatch & switchyard.routing.v1.ServiceBatch.$Shape} ServiceBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ServiceBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.ServiceBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.services && message.services.length))
                                    message.services = [];
                                message.services.push($root.switchyard.routing.v1.Service.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a ServiceBatch message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.ServiceBatch} ServiceBatch
                 */
                ServiceBatch.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.ServiceBatch)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.ServiceBatch: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.ServiceBatch();
                    if (object.services) {
                        if (!$Array.isArray(object.services))
                            throw $TypeError(".switchyard.routing.v1.ServiceBatch.services: array expected");
                        message.services = $Array(object.services.length);
                        for (let i = 0; i < object.services.length; ++i) {
                            if (!$util.isObject(object.services[i]))
                                throw $TypeError(".switchyard.routing.v1.ServiceBatch.services: object expected");
                            message.services[i] = $root.switchyard.routing.v1.Service.fromObject(object.services[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a ServiceBatch message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @static
                 * @param {switchyard.routing.v1.ServiceBatch} message ServiceBatch
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                ServiceBatch.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.services = [];
                    if (message.services && message.services.length) {
                        object.services = $Array(message.services.length);
                        for (let j = 0; j < message.services.length; ++j)
                            object.services[j] = $root.switchyard.routing.v1.Service.toObject(message.services[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this ServiceBatch to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.ServiceBatch
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                ServiceBatch.prototype.toJSON = function() {
                    return ServiceBatch.toObject(this, $protobuf.util.toJSONOptions);
                };

                return ServiceBatch;
            })();

            v1.SnapshotEnd = (function() {

                /**
                 * Properties of a SnapshotEnd.
                 * @typedef {Object} switchyard.routing.v1.SnapshotEnd.$Properties
                 * @property {number|null} [version] SnapshotEnd version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SnapshotEnd.
                 * @memberof switchyard.routing.v1
                 * @interface ISnapshotEnd
                 * @augments switchyard.routing.v1.SnapshotEnd.$Properties
                 * @deprecated Use switchyard.routing.v1.SnapshotEnd.$Properties instead.
                 */

                /**
                 * Shape of a SnapshotEnd.
                 * @typedef {switchyard.routing.v1.SnapshotEnd.$Properties} switchyard.routing.v1.SnapshotEnd.$Shape
                 */

                /**
                 * Constructs a new SnapshotEnd.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a SnapshotEnd.
                 * @constructor
                 * @param {switchyard.routing.v1.SnapshotEnd.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SnapshotEnd = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * SnapshotEnd version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @instance
                 */
                SnapshotEnd.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new SnapshotEnd instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @static
                 * @param {switchyard.routing.v1.SnapshotEnd.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.SnapshotEnd} SnapshotEnd instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.SnapshotEnd.$Shape): switchyard.routing.v1.SnapshotEnd & switchyard.routing.v1.SnapshotEnd.$Shape;
                 *   (properties?: switchyard.routing.v1.SnapshotEnd.$Properties): switchyard.routing.v1.SnapshotEnd;
                 * }}
                 */
                SnapshotEnd.create = function(properties) {
                    return new SnapshotEnd(properties);
                };

                /**
                 * Encodes the specified SnapshotEnd message. Does not implicitly {@link switchyard.routing.v1.SnapshotEnd.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @static
                 * @param {switchyard.routing.v1.SnapshotEnd.$Properties} message SnapshotEnd message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SnapshotEnd.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SnapshotEnd message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.SnapshotEnd & switchyard.routing.v1.SnapshotEnd.$Shape} SnapshotEnd
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SnapshotEnd.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.SnapshotEnd();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a SnapshotEnd message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.SnapshotEnd} SnapshotEnd
                 */
                SnapshotEnd.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.SnapshotEnd)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.SnapshotEnd: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.SnapshotEnd();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a SnapshotEnd message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @static
                 * @param {switchyard.routing.v1.SnapshotEnd} message SnapshotEnd
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                SnapshotEnd.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    return object;
                };

                /**
                 * Converts this SnapshotEnd to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.SnapshotEnd
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                SnapshotEnd.prototype.toJSON = function() {
                    return SnapshotEnd.toObject(this, $protobuf.util.toJSONOptions);
                };

                return SnapshotEnd;
            })();

            v1.Delta = (function() {

                /**
                 * Properties of a Delta.
                 * @typedef {Object} switchyard.routing.v1.Delta.$Properties
                 * @property {number|null} [version] Delta version
                 * @property {Array.<switchyard.routing.v1.Service.$Properties>|null} [upserts] Delta upserts
                 * @property {Array.<string>|null} [removedIds] Delta removedIds
                 * @property {number|null} [commitTimeMs] Delta commitTimeMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Delta.
                 * @memberof switchyard.routing.v1
                 * @interface IDelta
                 * @augments switchyard.routing.v1.Delta.$Properties
                 * @deprecated Use switchyard.routing.v1.Delta.$Properties instead.
                 */

                /**
                 * Shape of a Delta.
                 * @typedef {switchyard.routing.v1.Delta.$Properties} switchyard.routing.v1.Delta.$Shape
                 */

                /**
                 * Constructs a new Delta.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a Delta.
                 * @constructor
                 * @param {switchyard.routing.v1.Delta.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Delta = function (properties) {
                    this.upserts = [];
                    this.removedIds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Delta version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.Delta
                 * @instance
                 */
                Delta.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Delta upserts.
                 * @member {Array.<switchyard.routing.v1.Service.$Properties>} upserts
                 * @memberof switchyard.routing.v1.Delta
                 * @instance
                 */
                Delta.prototype.upserts = $util.emptyArray;

                /**
                 * Delta removedIds.
                 * @member {Array.<string>} removedIds
                 * @memberof switchyard.routing.v1.Delta
                 * @instance
                 */
                Delta.prototype.removedIds = $util.emptyArray;

                /**
                 * Delta commitTimeMs.
                 * @member {number} commitTimeMs
                 * @memberof switchyard.routing.v1.Delta
                 * @instance
                 */
                Delta.prototype.commitTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Delta instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Delta
                 * @static
                 * @param {switchyard.routing.v1.Delta.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Delta} Delta instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Delta.$Shape): switchyard.routing.v1.Delta & switchyard.routing.v1.Delta.$Shape;
                 *   (properties?: switchyard.routing.v1.Delta.$Properties): switchyard.routing.v1.Delta;
                 * }}
                 */
                Delta.create = function(properties) {
                    return new Delta(properties);
                };

                /**
                 * Encodes the specified Delta message. Does not implicitly {@link switchyard.routing.v1.Delta.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Delta
                 * @static
                 * @param {switchyard.routing.v1.Delta.$Properties} message Delta message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Delta.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.version);
                    if (message.upserts != null && message.upserts.length)
                        for (let i = 0; i < message.upserts.length; ++i)
                            $root.switchyard.routing.v1.Service.encode(message.upserts[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.removedIds != null && message.removedIds.length)
                        for (let i = 0; i < message.removedIds.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.removedIds[i]);
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs") && (typeof message.commitTimeMs === "object" ? message.commitTimeMs.low || message.commitTimeMs.high : message.commitTimeMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.commitTimeMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Delta message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Delta
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Delta & switchyard.routing.v1.Delta.$Shape} Delta
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Delta.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Delta();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.upserts && message.upserts.length))
                                    message.upserts = [];
                                message.upserts.push($root.switchyard.routing.v1.Service.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.removedIds && message.removedIds.length))
                                    message.removedIds = [];
                                message.removedIds.push(reader.stringVerify());
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.commitTimeMs = value;
                                else
                                    delete message.commitTimeMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Delta message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Delta
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Delta} Delta
                 */
                Delta.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Delta)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Delta: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Delta();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.upserts) {
                        if (!$Array.isArray(object.upserts))
                            throw $TypeError(".switchyard.routing.v1.Delta.upserts: array expected");
                        message.upserts = $Array(object.upserts.length);
                        for (let i = 0; i < object.upserts.length; ++i) {
                            if (!$util.isObject(object.upserts[i]))
                                throw $TypeError(".switchyard.routing.v1.Delta.upserts: object expected");
                            message.upserts[i] = $root.switchyard.routing.v1.Service.fromObject(object.upserts[i], _depth + 1);
                        }
                    }
                    if (object.removedIds) {
                        if (!$Array.isArray(object.removedIds))
                            throw $TypeError(".switchyard.routing.v1.Delta.removedIds: array expected");
                        message.removedIds = $Array(object.removedIds.length);
                        for (let i = 0; i < object.removedIds.length; ++i)
                            message.removedIds[i] = $String(object.removedIds[i]);
                    }
                    if (object.commitTimeMs != null)
                        if (typeof object.commitTimeMs === "object" ? object.commitTimeMs.low || object.commitTimeMs.high : $Number(object.commitTimeMs) !== 0)
                            if ($util.Long)
                                message.commitTimeMs = $util.Long.fromValue(object.commitTimeMs, false);
                            else if (typeof object.commitTimeMs === "string")
                                message.commitTimeMs = $parseInt(object.commitTimeMs, 10);
                            else if (typeof object.commitTimeMs === "number")
                                message.commitTimeMs = object.commitTimeMs;
                            else if (typeof object.commitTimeMs === "object")
                                message.commitTimeMs = new $util.LongBits(object.commitTimeMs.low >>> 0, object.commitTimeMs.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a Delta message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Delta
                 * @static
                 * @param {switchyard.routing.v1.Delta} message Delta
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Delta.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.upserts = [];
                        object.removedIds = [];
                    }
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.commitTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.commitTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.upserts && message.upserts.length) {
                        object.upserts = $Array(message.upserts.length);
                        for (let j = 0; j < message.upserts.length; ++j)
                            object.upserts[j] = $root.switchyard.routing.v1.Service.toObject(message.upserts[j], options, _depth + 1);
                    }
                    if (message.removedIds && message.removedIds.length) {
                        object.removedIds = $Array(message.removedIds.length);
                        for (let j = 0; j < message.removedIds.length; ++j)
                            object.removedIds[j] = message.removedIds[j];
                    }
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.commitTimeMs = typeof message.commitTimeMs === "number" ? $BigInt(message.commitTimeMs) : $util.Long.fromBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.commitTimeMs === "number")
                            object.commitTimeMs = options.longs === $String ? $String(message.commitTimeMs) : message.commitTimeMs;
                        else
                            object.commitTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.commitTimeMs) : options.longs === $Number ? new $util.LongBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0).toNumber() : message.commitTimeMs;
                    return object;
                };

                /**
                 * Converts this Delta to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Delta
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Delta.prototype.toJSON = function() {
                    return Delta.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Delta;
            })();

            v1.Heartbeat = (function() {

                /**
                 * Properties of a Heartbeat.
                 * @typedef {Object} switchyard.routing.v1.Heartbeat.$Properties
                 * @property {number|null} [version] Heartbeat version
                 * @property {number|null} [commitTimeMs] Heartbeat commitTimeMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Heartbeat.
                 * @memberof switchyard.routing.v1
                 * @interface IHeartbeat
                 * @augments switchyard.routing.v1.Heartbeat.$Properties
                 * @deprecated Use switchyard.routing.v1.Heartbeat.$Properties instead.
                 */

                /**
                 * Shape of a Heartbeat.
                 * @typedef {switchyard.routing.v1.Heartbeat.$Properties} switchyard.routing.v1.Heartbeat.$Shape
                 */

                /**
                 * Constructs a new Heartbeat.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a Heartbeat.
                 * @constructor
                 * @param {switchyard.routing.v1.Heartbeat.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Heartbeat = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Heartbeat version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Heartbeat commitTimeMs.
                 * @member {number} commitTimeMs
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @instance
                 */
                Heartbeat.prototype.commitTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Creates a new Heartbeat instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @static
                 * @param {switchyard.routing.v1.Heartbeat.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Heartbeat} Heartbeat instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Heartbeat.$Shape): switchyard.routing.v1.Heartbeat & switchyard.routing.v1.Heartbeat.$Shape;
                 *   (properties?: switchyard.routing.v1.Heartbeat.$Properties): switchyard.routing.v1.Heartbeat;
                 * }}
                 */
                Heartbeat.create = function(properties) {
                    return new Heartbeat(properties);
                };

                /**
                 * Encodes the specified Heartbeat message. Does not implicitly {@link switchyard.routing.v1.Heartbeat.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @static
                 * @param {switchyard.routing.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Heartbeat.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.version);
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs") && (typeof message.commitTimeMs === "object" ? message.commitTimeMs.low || message.commitTimeMs.high : message.commitTimeMs !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.commitTimeMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Heartbeat message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Heartbeat & switchyard.routing.v1.Heartbeat.$Shape} Heartbeat
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Heartbeat();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.commitTimeMs = value;
                                else
                                    delete message.commitTimeMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Heartbeat} Heartbeat
                 */
                Heartbeat.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Heartbeat)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Heartbeat: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Heartbeat();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.commitTimeMs != null)
                        if (typeof object.commitTimeMs === "object" ? object.commitTimeMs.low || object.commitTimeMs.high : $Number(object.commitTimeMs) !== 0)
                            if ($util.Long)
                                message.commitTimeMs = $util.Long.fromValue(object.commitTimeMs, false);
                            else if (typeof object.commitTimeMs === "string")
                                message.commitTimeMs = $parseInt(object.commitTimeMs, 10);
                            else if (typeof object.commitTimeMs === "number")
                                message.commitTimeMs = object.commitTimeMs;
                            else if (typeof object.commitTimeMs === "object")
                                message.commitTimeMs = new $util.LongBits(object.commitTimeMs.low >>> 0, object.commitTimeMs.high >>> 0).toNumber();
                    return message;
                };

                /**
                 * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @static
                 * @param {switchyard.routing.v1.Heartbeat} message Heartbeat
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Heartbeat.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.commitTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.commitTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.commitTimeMs = typeof message.commitTimeMs === "number" ? $BigInt(message.commitTimeMs) : $util.Long.fromBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.commitTimeMs === "number")
                            object.commitTimeMs = options.longs === $String ? $String(message.commitTimeMs) : message.commitTimeMs;
                        else
                            object.commitTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.commitTimeMs) : options.longs === $Number ? new $util.LongBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0).toNumber() : message.commitTimeMs;
                    return object;
                };

                /**
                 * Converts this Heartbeat to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Heartbeat
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Heartbeat.prototype.toJSON = function() {
                    return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Heartbeat;
            })();

            v1.GetServicesRequest = (function() {

                /**
                 * Properties of a GetServicesRequest.
                 * @typedef {Object} switchyard.routing.v1.GetServicesRequest.$Properties
                 * @property {Array.<string>|null} [ids] GetServicesRequest ids
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a GetServicesRequest.
                 * @memberof switchyard.routing.v1
                 * @interface IGetServicesRequest
                 * @augments switchyard.routing.v1.GetServicesRequest.$Properties
                 * @deprecated Use switchyard.routing.v1.GetServicesRequest.$Properties instead.
                 */

                /**
                 * Shape of a GetServicesRequest.
                 * @typedef {switchyard.routing.v1.GetServicesRequest.$Properties} switchyard.routing.v1.GetServicesRequest.$Shape
                 */

                /**
                 * Constructs a new GetServicesRequest.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a GetServicesRequest.
                 * @constructor
                 * @param {switchyard.routing.v1.GetServicesRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const GetServicesRequest = function (properties) {
                    this.ids = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * GetServicesRequest ids.
                 * @member {Array.<string>} ids
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @instance
                 */
                GetServicesRequest.prototype.ids = $util.emptyArray;

                /**
                 * Creates a new GetServicesRequest instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @static
                 * @param {switchyard.routing.v1.GetServicesRequest.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.GetServicesRequest} GetServicesRequest instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.GetServicesRequest.$Shape): switchyard.routing.v1.GetServicesRequest & switchyard.routing.v1.GetServicesRequest.$Shape;
                 *   (properties?: switchyard.routing.v1.GetServicesRequest.$Properties): switchyard.routing.v1.GetServicesRequest;
                 * }}
                 */
                GetServicesRequest.create = function(properties) {
                    return new GetServicesRequest(properties);
                };

                /**
                 * Encodes the specified GetServicesRequest message. Does not implicitly {@link switchyard.routing.v1.GetServicesRequest.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @static
                 * @param {switchyard.routing.v1.GetServicesRequest.$Properties} message GetServicesRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                GetServicesRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.ids != null && message.ids.length)
                        for (let i = 0; i < message.ids.length; ++i)
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.ids[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a GetServicesRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.GetServicesRequest & switchyard.routing.v1.GetServicesRequest.$Shape} GetServicesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                GetServicesRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.GetServicesRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.ids && message.ids.length))
                                    message.ids = [];
                                message.ids.push(reader.stringVerify());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a GetServicesRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.GetServicesRequest} GetServicesRequest
                 */
                GetServicesRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.GetServicesRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.GetServicesRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.GetServicesRequest();
                    if (object.ids) {
                        if (!$Array.isArray(object.ids))
                            throw $TypeError(".switchyard.routing.v1.GetServicesRequest.ids: array expected");
                        message.ids = $Array(object.ids.length);
                        for (let i = 0; i < object.ids.length; ++i)
                            message.ids[i] = $String(object.ids[i]);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a GetServicesRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @static
                 * @param {switchyard.routing.v1.GetServicesRequest} message GetServicesRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                GetServicesRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.ids = [];
                    if (message.ids && message.ids.length) {
                        object.ids = $Array(message.ids.length);
                        for (let j = 0; j < message.ids.length; ++j)
                            object.ids[j] = message.ids[j];
                    }
                    return object;
                };

                /**
                 * Converts this GetServicesRequest to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.GetServicesRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                GetServicesRequest.prototype.toJSON = function() {
                    return GetServicesRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return GetServicesRequest;
            })();

            v1.GetServicesResponse = (function() {

                /**
                 * Properties of a GetServicesResponse.
                 * @typedef {Object} switchyard.routing.v1.GetServicesResponse.$Properties
                 * @property {Array.<switchyard.routing.v1.Service.$Properties>|null} [services] GetServicesResponse services
                 * @property {Array.<string>|null} [missingIds] GetServicesResponse missingIds
                 * @property {number|null} [version] GetServicesResponse version
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a GetServicesResponse.
                 * @memberof switchyard.routing.v1
                 * @interface IGetServicesResponse
                 * @augments switchyard.routing.v1.GetServicesResponse.$Properties
                 * @deprecated Use switchyard.routing.v1.GetServicesResponse.$Properties instead.
                 */

                /**
                 * Shape of a GetServicesResponse.
                 * @typedef {switchyard.routing.v1.GetServicesResponse.$Properties} switchyard.routing.v1.GetServicesResponse.$Shape
                 */

                /**
                 * Constructs a new GetServicesResponse.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a GetServicesResponse.
                 * @constructor
                 * @param {switchyard.routing.v1.GetServicesResponse.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const GetServicesResponse = function (properties) {
                    this.services = [];
                    this.missingIds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * GetServicesResponse services.
                 * @member {Array.<switchyard.routing.v1.Service.$Properties>} services
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @instance
                 */
                GetServicesResponse.prototype.services = $util.emptyArray;

                /**
                 * GetServicesResponse missingIds.
                 * @member {Array.<string>} missingIds
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @instance
                 */
                GetServicesResponse.prototype.missingIds = $util.emptyArray;

                /**
                 * GetServicesResponse version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @instance
                 */
                GetServicesResponse.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new GetServicesResponse instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @static
                 * @param {switchyard.routing.v1.GetServicesResponse.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.GetServicesResponse} GetServicesResponse instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.GetServicesResponse.$Shape): switchyard.routing.v1.GetServicesResponse & switchyard.routing.v1.GetServicesResponse.$Shape;
                 *   (properties?: switchyard.routing.v1.GetServicesResponse.$Properties): switchyard.routing.v1.GetServicesResponse;
                 * }}
                 */
                GetServicesResponse.create = function(properties) {
                    return new GetServicesResponse(properties);
                };

                /**
                 * Encodes the specified GetServicesResponse message. Does not implicitly {@link switchyard.routing.v1.GetServicesResponse.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @static
                 * @param {switchyard.routing.v1.GetServicesResponse.$Properties} message GetServicesResponse message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                GetServicesResponse.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.services != null && message.services.length)
                        for (let i = 0; i < message.services.length; ++i)
                            $root.switchyard.routing.v1.Service.encode(message.services[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.missingIds != null && message.missingIds.length)
                        for (let i = 0; i < message.missingIds.length; ++i)
                            writer.uint32(/* id 2, wireType 2 =*/18).string(message.missingIds[i]);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.version);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a GetServicesResponse message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.GetServicesResponse & switchyard.routing.v1.GetServicesResponse.$Shape} GetServicesResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                GetServicesResponse.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.GetServicesResponse();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.services && message.services.length))
                                    message.services = [];
                                message.services.push($root.switchyard.routing.v1.Service.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.missingIds && message.missingIds.length))
                                    message.missingIds = [];
                                message.missingIds.push(reader.stringVerify());
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a GetServicesResponse message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.GetServicesResponse} GetServicesResponse
                 */
                GetServicesResponse.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.GetServicesResponse)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.GetServicesResponse: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.GetServicesResponse();
                    if (object.services) {
                        if (!$Array.isArray(object.services))
                            throw $TypeError(".switchyard.routing.v1.GetServicesResponse.services: array expected");
                        message.services = $Array(object.services.length);
                        for (let i = 0; i < object.services.length; ++i) {
                            if (!$util.isObject(object.services[i]))
                                throw $TypeError(".switchyard.routing.v1.GetServicesResponse.services: object expected");
                            message.services[i] = $root.switchyard.routing.v1.Service.fromObject(object.services[i], _depth + 1);
                        }
                    }
                    if (object.missingIds) {
                        if (!$Array.isArray(object.missingIds))
                            throw $TypeError(".switchyard.routing.v1.GetServicesResponse.missingIds: array expected");
                        message.missingIds = $Array(object.missingIds.length);
                        for (let i = 0; i < object.missingIds.length; ++i)
                            message.missingIds[i] = $String(object.missingIds[i]);
                    }
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a GetServicesResponse message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @static
                 * @param {switchyard.routing.v1.GetServicesResponse} message GetServicesResponse
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                GetServicesResponse.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.services = [];
                        object.missingIds = [];
                    }
                    if (options.defaults)
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (message.services && message.services.length) {
                        object.services = $Array(message.services.length);
                        for (let j = 0; j < message.services.length; ++j)
                            object.services[j] = $root.switchyard.routing.v1.Service.toObject(message.services[j], options, _depth + 1);
                    }
                    if (message.missingIds && message.missingIds.length) {
                        object.missingIds = $Array(message.missingIds.length);
                        for (let j = 0; j < message.missingIds.length; ++j)
                            object.missingIds[j] = message.missingIds[j];
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    return object;
                };

                /**
                 * Converts this GetServicesResponse to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.GetServicesResponse
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                GetServicesResponse.prototype.toJSON = function() {
                    return GetServicesResponse.toObject(this, $protobuf.util.toJSONOptions);
                };

                return GetServicesResponse;
            })();

            v1.WatchCertificatesRequest = (function() {

                /**
                 * Properties of a WatchCertificatesRequest.
                 * @typedef {Object} switchyard.routing.v1.WatchCertificatesRequest.$Properties
                 * @property {string|null} [region] WatchCertificatesRequest region
                 * @property {string|null} [clientId] WatchCertificatesRequest clientId
                 * @property {number|null} [fromVersion] WatchCertificatesRequest fromVersion
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a WatchCertificatesRequest.
                 * @memberof switchyard.routing.v1
                 * @interface IWatchCertificatesRequest
                 * @augments switchyard.routing.v1.WatchCertificatesRequest.$Properties
                 * @deprecated Use switchyard.routing.v1.WatchCertificatesRequest.$Properties instead.
                 */

                /**
                 * Shape of a WatchCertificatesRequest.
                 * @typedef {switchyard.routing.v1.WatchCertificatesRequest.$Properties} switchyard.routing.v1.WatchCertificatesRequest.$Shape
                 */

                /**
                 * Constructs a new WatchCertificatesRequest.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a WatchCertificatesRequest.
                 * @constructor
                 * @param {switchyard.routing.v1.WatchCertificatesRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const WatchCertificatesRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * WatchCertificatesRequest region.
                 * @member {string} region
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @instance
                 */
                WatchCertificatesRequest.prototype.region = "";

                /**
                 * WatchCertificatesRequest clientId.
                 * @member {string} clientId
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @instance
                 */
                WatchCertificatesRequest.prototype.clientId = "";

                /**
                 * WatchCertificatesRequest fromVersion.
                 * @member {number} fromVersion
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @instance
                 */
                WatchCertificatesRequest.prototype.fromVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new WatchCertificatesRequest instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @static
                 * @param {switchyard.routing.v1.WatchCertificatesRequest.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.WatchCertificatesRequest} WatchCertificatesRequest instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.WatchCertificatesRequest.$Shape): switchyard.routing.v1.WatchCertificatesRequest & switchyard.routing.v1.WatchCertificatesRequest.$Shape;
                 *   (properties?: switchyard.routing.v1.WatchCertificatesRequest.$Properties): switchyard.routing.v1.WatchCertificatesRequest;
                 * }}
                 */
                WatchCertificatesRequest.create = function(properties) {
                    return new WatchCertificatesRequest(properties);
                };

                /**
                 * Encodes the specified WatchCertificatesRequest message. Does not implicitly {@link switchyard.routing.v1.WatchCertificatesRequest.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @static
                 * @param {switchyard.routing.v1.WatchCertificatesRequest.$Properties} message WatchCertificatesRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                WatchCertificatesRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.region != null && $Object.hasOwnProperty.call(message, "region") && message.region !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.region);
                    if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId") && message.clientId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.clientId);
                    if (message.fromVersion != null && $Object.hasOwnProperty.call(message, "fromVersion") && (typeof message.fromVersion === "object" ? message.fromVersion.low || message.fromVersion.high : message.fromVersion !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.fromVersion);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a WatchCertificatesRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.WatchCertificatesRequest & switchyard.routing.v1.WatchCertificatesRequest.$Shape} WatchCertificatesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                WatchCertificatesRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.WatchCertificatesRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.region = value;
                                else
                                    delete message.region;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.clientId = value;
                                else
                                    delete message.clientId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.fromVersion = value;
                                else
                                    delete message.fromVersion;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a WatchCertificatesRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.WatchCertificatesRequest} WatchCertificatesRequest
                 */
                WatchCertificatesRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.WatchCertificatesRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.WatchCertificatesRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.WatchCertificatesRequest();
                    if (object.region != null)
                        if (typeof object.region !== "string" || object.region.length)
                            message.region = $String(object.region);
                    if (object.clientId != null)
                        if (typeof object.clientId !== "string" || object.clientId.length)
                            message.clientId = $String(object.clientId);
                    if (object.fromVersion != null)
                        if (typeof object.fromVersion === "object" ? object.fromVersion.low || object.fromVersion.high : $Number(object.fromVersion) !== 0)
                            if ($util.Long)
                                message.fromVersion = $util.Long.fromValue(object.fromVersion, true);
                            else if (typeof object.fromVersion === "string")
                                message.fromVersion = $parseInt(object.fromVersion, 10);
                            else if (typeof object.fromVersion === "number")
                                message.fromVersion = object.fromVersion;
                            else if (typeof object.fromVersion === "object")
                                message.fromVersion = new $util.LongBits(object.fromVersion.low >>> 0, object.fromVersion.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a WatchCertificatesRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @static
                 * @param {switchyard.routing.v1.WatchCertificatesRequest} message WatchCertificatesRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                WatchCertificatesRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.region = "";
                        object.clientId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.fromVersion = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.fromVersion = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.region != null && $Object.hasOwnProperty.call(message, "region"))
                        object.region = message.region;
                    if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId"))
                        object.clientId = message.clientId;
                    if (message.fromVersion != null && $Object.hasOwnProperty.call(message, "fromVersion"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.fromVersion = typeof message.fromVersion === "number" ? $BigInt(message.fromVersion) : $util.Long.fromBits(message.fromVersion.low >>> 0, message.fromVersion.high >>> 0, true).toBigInt();
                        else if (typeof message.fromVersion === "number")
                            object.fromVersion = options.longs === $String ? $String(message.fromVersion) : message.fromVersion;
                        else
                            object.fromVersion = options.longs === $String ? $util.Long.prototype.toString.call(message.fromVersion) : options.longs === $Number ? new $util.LongBits(message.fromVersion.low >>> 0, message.fromVersion.high >>> 0).toNumber(true) : message.fromVersion;
                    return object;
                };

                /**
                 * Converts this WatchCertificatesRequest to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.WatchCertificatesRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                WatchCertificatesRequest.prototype.toJSON = function() {
                    return WatchCertificatesRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return WatchCertificatesRequest;
            })();

            v1.CertificateEvent = (function() {

                /**
                 * Properties of a CertificateEvent.
                 * @typedef {Object} switchyard.routing.v1.CertificateEvent.$Properties
                 * @property {switchyard.routing.v1.SnapshotStart.$Properties|null} [snapshotStart] CertificateEvent snapshotStart
                 * @property {switchyard.routing.v1.CertificateBatch.$Properties|null} [certificateBatch] CertificateEvent certificateBatch
                 * @property {switchyard.routing.v1.CertificateSnapshotEnd.$Properties|null} [snapshotEnd] CertificateEvent snapshotEnd
                 * @property {switchyard.routing.v1.CertificateDelta.$Properties|null} [delta] CertificateEvent delta
                 * @property {switchyard.routing.v1.Heartbeat.$Properties|null} [heartbeat] CertificateEvent heartbeat
                 * @property {"snapshotStart"|"certificateBatch"|"snapshotEnd"|"delta"|"heartbeat"} [event] CertificateEvent event
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CertificateEvent.
                 * @memberof switchyard.routing.v1
                 * @interface ICertificateEvent
                 * @augments switchyard.routing.v1.CertificateEvent.$Properties
                 * @deprecated Use switchyard.routing.v1.CertificateEvent.$Properties instead.
                 */

                /**
                 * Narrowed shape of a CertificateEvent.
                 * @typedef {{
                 *   snapshotStart?: switchyard.routing.v1.SnapshotStart.$Shape|null;
                 *   certificateBatch?: switchyard.routing.v1.CertificateBatch.$Shape|null;
                 *   snapshotEnd?: switchyard.routing.v1.CertificateSnapshotEnd.$Shape|null;
                 *   delta?: switchyard.routing.v1.CertificateDelta.$Shape|null;
                 *   heartbeat?: switchyard.routing.v1.Heartbeat.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ event?: undefined; snapshotStart?: null; certificateBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotStart"; snapshotStart: switchyard.routing.v1.SnapshotStart.$Shape; certificateBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "certificateBatch"; snapshotStart?: null; certificateBatch: switchyard.routing.v1.CertificateBatch.$Shape; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotEnd"; snapshotStart?: null; certificateBatch?: null; snapshotEnd: switchyard.routing.v1.CertificateSnapshotEnd.$Shape; delta?: null; heartbeat?: null }|{ event?: "delta"; snapshotStart?: null; certificateBatch?: null; snapshotEnd?: null; delta: switchyard.routing.v1.CertificateDelta.$Shape; heartbeat?: null }|{ event?: "heartbeat"; snapshotStart?: null; certificateBatch?: null; snapshotEnd?: null; delta?: null; heartbeat: switchyard.routing.v1.Heartbeat.$Shape })
                 * )} switchyard.routing.v1.CertificateEvent.$Shape
                 */

                /**
                 * Constructs a new CertificateEvent.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a CertificateEvent.
                 * @constructor
                 * @param {switchyard.routing.v1.CertificateEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CertificateEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CertificateEvent snapshotStart.
                 * @member {switchyard.routing.v1.SnapshotStart.$Properties|null|undefined} snapshotStart
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 */
                CertificateEvent.prototype.snapshotStart = null;

                /**
                 * CertificateEvent certificateBatch.
                 * @member {switchyard.routing.v1.CertificateBatch.$Properties|null|undefined} certificateBatch
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 */
                CertificateEvent.prototype.certificateBatch = null;

                /**
                 * CertificateEvent snapshotEnd.
                 * @member {switchyard.routing.v1.CertificateSnapshotEnd.$Properties|null|undefined} snapshotEnd
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 */
                CertificateEvent.prototype.snapshotEnd = null;

                /**
                 * CertificateEvent delta.
                 * @member {switchyard.routing.v1.CertificateDelta.$Properties|null|undefined} delta
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 */
                CertificateEvent.prototype.delta = null;

                /**
                 * CertificateEvent heartbeat.
                 * @member {switchyard.routing.v1.Heartbeat.$Properties|null|undefined} heartbeat
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 */
                CertificateEvent.prototype.heartbeat = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * CertificateEvent event.
                 * @member {"snapshotStart"|"certificateBatch"|"snapshotEnd"|"delta"|"heartbeat"|undefined} event
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 */
                $Object.defineProperty(CertificateEvent.prototype, "event", {
                    get: $util.oneOfGetter($oneOfFields = ["snapshotStart", "certificateBatch", "snapshotEnd", "delta", "heartbeat"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new CertificateEvent instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @static
                 * @param {switchyard.routing.v1.CertificateEvent.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.CertificateEvent} CertificateEvent instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.CertificateEvent.$Shape): switchyard.routing.v1.CertificateEvent & switchyard.routing.v1.CertificateEvent.$Shape;
                 *   (properties?: switchyard.routing.v1.CertificateEvent.$Properties): switchyard.routing.v1.CertificateEvent;
                 * }}
                 */
                CertificateEvent.create = function(properties) {
                    return new CertificateEvent(properties);
                };

                /**
                 * Encodes the specified CertificateEvent message. Does not implicitly {@link switchyard.routing.v1.CertificateEvent.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @static
                 * @param {switchyard.routing.v1.CertificateEvent.$Properties} message CertificateEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CertificateEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.snapshotStart != null && $Object.hasOwnProperty.call(message, "snapshotStart"))
                        $root.switchyard.routing.v1.SnapshotStart.encode(message.snapshotStart, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.certificateBatch != null && $Object.hasOwnProperty.call(message, "certificateBatch"))
                        $root.switchyard.routing.v1.CertificateBatch.encode(message.certificateBatch, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.snapshotEnd != null && $Object.hasOwnProperty.call(message, "snapshotEnd"))
                        $root.switchyard.routing.v1.CertificateSnapshotEnd.encode(message.snapshotEnd, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.delta != null && $Object.hasOwnProperty.call(message, "delta"))
                        $root.switchyard.routing.v1.CertificateDelta.encode(message.delta, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                        $root.switchyard.routing.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CertificateEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateEvent & switchyard.routing.v1.CertificateEvent.$Shape} CertificateEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CertificateEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.CertificateEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.snapshotStart = $root.switchyard.routing.v1.SnapshotStart.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshotStart);
                                message.event = "snapshotStart";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.certificateBatch = $root.switchyard.routing.v1.CertificateBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.certificateBatch);
                                message.event = "certificateBatch";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.snapshotEnd = $root.switchyard.routing.v1.CertificateSnapshotEnd.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshotEnd);
                                message.event = "snapshotEnd";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.delta = $root.switchyard.routing.v1.CertificateDelta.decode(reader, reader.size(), $undefined, _depth + 1, message.delta);
                                message.event = "delta";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.heartbeat = $root.switchyard.routing.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                                message.event = "heartbeat";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a CertificateEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.CertificateEvent} CertificateEvent
                 */
                CertificateEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.CertificateEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.CertificateEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.CertificateEvent();
                    if (object.snapshotStart != null) {
                        if (!$util.isObject(object.snapshotStart))
                            throw $TypeError(".switchyard.routing.v1.CertificateEvent.snapshotStart: object expected");
                        message.snapshotStart = $root.switchyard.routing.v1.SnapshotStart.fromObject(object.snapshotStart, _depth + 1);
                    }
                    if (object.certificateBatch != null) {
                        if (!$util.isObject(object.certificateBatch))
                            throw $TypeError(".switchyard.routing.v1.CertificateEvent.certificateBatch: object expected");
                        message.certificateBatch = $root.switchyard.routing.v1.CertificateBatch.fromObject(object.certificateBatch, _depth + 1);
                    }
                    if (object.snapshotEnd != null) {
                        if (!$util.isObject(object.snapshotEnd))
                            throw $TypeError(".switchyard.routing.v1.CertificateEvent.snapshotEnd: object expected");
                        message.snapshotEnd = $root.switchyard.routing.v1.CertificateSnapshotEnd.fromObject(object.snapshotEnd, _depth + 1);
                    }
                    if (object.delta != null) {
                        if (!$util.isObject(object.delta))
                            throw $TypeError(".switchyard.routing.v1.CertificateEvent.delta: object expected");
                        message.delta = $root.switchyard.routing.v1.CertificateDelta.fromObject(object.delta, _depth + 1);
                    }
                    if (object.heartbeat != null) {
                        if (!$util.isObject(object.heartbeat))
                            throw $TypeError(".switchyard.routing.v1.CertificateEvent.heartbeat: object expected");
                        message.heartbeat = $root.switchyard.routing.v1.Heartbeat.fromObject(object.heartbeat, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a CertificateEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @static
                 * @param {switchyard.routing.v1.CertificateEvent} message CertificateEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CertificateEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (message.snapshotStart != null && $Object.hasOwnProperty.call(message, "snapshotStart")) {
                        object.snapshotStart = $root.switchyard.routing.v1.SnapshotStart.toObject(message.snapshotStart, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "snapshotStart";
                    }
                    if (message.certificateBatch != null && $Object.hasOwnProperty.call(message, "certificateBatch")) {
                        object.certificateBatch = $root.switchyard.routing.v1.CertificateBatch.toObject(message.certificateBatch, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "certificateBatch";
                    }
                    if (message.snapshotEnd != null && $Object.hasOwnProperty.call(message, "snapshotEnd")) {
                        object.snapshotEnd = $root.switchyard.routing.v1.CertificateSnapshotEnd.toObject(message.snapshotEnd, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "snapshotEnd";
                    }
                    if (message.delta != null && $Object.hasOwnProperty.call(message, "delta")) {
                        object.delta = $root.switchyard.routing.v1.CertificateDelta.toObject(message.delta, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "delta";
                    }
                    if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat")) {
                        object.heartbeat = $root.switchyard.routing.v1.Heartbeat.toObject(message.heartbeat, options, _depth + 1);
                        if (options.oneofs)
                            object.event = "heartbeat";
                    }
                    return object;
                };

                /**
                 * Converts this CertificateEvent to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.CertificateEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CertificateEvent.prototype.toJSON = function() {
                    return CertificateEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return CertificateEvent;
            })();

            v1.CertificateBatch = (function() {

                /**
                 * Properties of a CertificateBatch.
                 * @typedef {Object} switchyard.routing.v1.CertificateBatch.$Properties
                 * @property {Array.<switchyard.routing.v1.Certificate.$Properties>|null} [certificates] CertificateBatch certificates
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CertificateBatch.
                 * @memberof switchyard.routing.v1
                 * @interface ICertificateBatch
                 * @augments switchyard.routing.v1.CertificateBatch.$Properties
                 * @deprecated Use switchyard.routing.v1.CertificateBatch.$Properties instead.
                 */

                /**
                 * Shape of a CertificateBatch.
                 * @typedef {switchyard.routing.v1.CertificateBatch.$Properties} switchyard.routing.v1.CertificateBatch.$Shape
                 */

                /**
                 * Constructs a new CertificateBatch.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a CertificateBatch.
                 * @constructor
                 * @param {switchyard.routing.v1.CertificateBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CertificateBatch = function (properties) {
                    this.certificates = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CertificateBatch certificates.
                 * @member {Array.<switchyard.routing.v1.Certificate.$Properties>} certificates
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @instance
                 */
                CertificateBatch.prototype.certificates = $util.emptyArray;

                /**
                 * Creates a new CertificateBatch instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @static
                 * @param {switchyard.routing.v1.CertificateBatch.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.CertificateBatch} CertificateBatch instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.CertificateBatch.$Shape): switchyard.routing.v1.CertificateBatch & switchyard.routing.v1.CertificateBatch.$Shape;
                 *   (properties?: switchyard.routing.v1.CertificateBatch.$Properties): switchyard.routing.v1.CertificateBatch;
                 * }}
                 */
                CertificateBatch.create = function(properties) {
                    return new CertificateBatch(properties);
                };

                /**
                 * Encodes the specified CertificateBatch message. Does not implicitly {@link switchyard.routing.v1.CertificateBatch.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @static
                 * @param {switchyard.routing.v1.CertificateBatch.$Properties} message CertificateBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CertificateBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.certificates != null && message.certificates.length)
                        for (let i = 0; i < message.certificates.length; ++i)
                            $root.switchyard.routing.v1.Certificate.encode(message.certificates[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CertificateBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateBatch & switchyard.routing.v1.CertificateBatch.$Shape} CertificateBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CertificateBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.CertificateBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.certificates && message.certificates.length))
                                    message.certificates = [];
                                message.certificates.push($root.switchyard.routing.v1.Certificate.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a CertificateBatch message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.CertificateBatch} CertificateBatch
                 */
                CertificateBatch.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.CertificateBatch)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.CertificateBatch: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.CertificateBatch();
                    if (object.certificates) {
                        if (!$Array.isArray(object.certificates))
                            throw $TypeError(".switchyard.routing.v1.CertificateBatch.certificates: array expected");
                        message.certificates = $Array(object.certificates.length);
                        for (let i = 0; i < object.certificates.length; ++i) {
                            if (!$util.isObject(object.certificates[i]))
                                throw $TypeError(".switchyard.routing.v1.CertificateBatch.certificates: object expected");
                            message.certificates[i] = $root.switchyard.routing.v1.Certificate.fromObject(object.certificates[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a CertificateBatch message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @static
                 * @param {switchyard.routing.v1.CertificateBatch} message CertificateBatch
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CertificateBatch.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.certificates = [];
                    if (message.certificates && message.certificates.length) {
                        object.certificates = $Array(message.certificates.length);
                        for (let j = 0; j < message.certificates.length; ++j)
                            object.certificates[j] = $root.switchyard.routing.v1.Certificate.toObject(message.certificates[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this CertificateBatch to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.CertificateBatch
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CertificateBatch.prototype.toJSON = function() {
                    return CertificateBatch.toObject(this, $protobuf.util.toJSONOptions);
                };

                return CertificateBatch;
            })();

            v1.CertificateSnapshotEnd = (function() {

                /**
                 * Properties of a CertificateSnapshotEnd.
                 * @typedef {Object} switchyard.routing.v1.CertificateSnapshotEnd.$Properties
                 * @property {number|null} [version] CertificateSnapshotEnd version
                 * @property {switchyard.routing.v1.TicketKeys.$Properties|null} [ticketKeys] CertificateSnapshotEnd ticketKeys
                 * @property {switchyard.routing.v1.AcmeChallenges.$Properties|null} [acmeChallenges] CertificateSnapshotEnd acmeChallenges
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CertificateSnapshotEnd.
                 * @memberof switchyard.routing.v1
                 * @interface ICertificateSnapshotEnd
                 * @augments switchyard.routing.v1.CertificateSnapshotEnd.$Properties
                 * @deprecated Use switchyard.routing.v1.CertificateSnapshotEnd.$Properties instead.
                 */

                /**
                 * Shape of a CertificateSnapshotEnd.
                 * @typedef {switchyard.routing.v1.CertificateSnapshotEnd.$Properties} switchyard.routing.v1.CertificateSnapshotEnd.$Shape
                 */

                /**
                 * Constructs a new CertificateSnapshotEnd.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a CertificateSnapshotEnd.
                 * @constructor
                 * @param {switchyard.routing.v1.CertificateSnapshotEnd.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CertificateSnapshotEnd = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CertificateSnapshotEnd version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @instance
                 */
                CertificateSnapshotEnd.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * CertificateSnapshotEnd ticketKeys.
                 * @member {switchyard.routing.v1.TicketKeys.$Properties|null|undefined} ticketKeys
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @instance
                 */
                CertificateSnapshotEnd.prototype.ticketKeys = null;

                /**
                 * CertificateSnapshotEnd acmeChallenges.
                 * @member {switchyard.routing.v1.AcmeChallenges.$Properties|null|undefined} acmeChallenges
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @instance
                 */
                CertificateSnapshotEnd.prototype.acmeChallenges = null;

                /**
                 * Creates a new CertificateSnapshotEnd instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @static
                 * @param {switchyard.routing.v1.CertificateSnapshotEnd.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.CertificateSnapshotEnd} CertificateSnapshotEnd instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.CertificateSnapshotEnd.$Shape): switchyard.routing.v1.CertificateSnapshotEnd & switchyard.routing.v1.CertificateSnapshotEnd.$Shape;
                 *   (properties?: switchyard.routing.v1.CertificateSnapshotEnd.$Properties): switchyard.routing.v1.CertificateSnapshotEnd;
                 * }}
                 */
                CertificateSnapshotEnd.create = function(properties) {
                    return new CertificateSnapshotEnd(properties);
                };

                /**
                 * Encodes the specified CertificateSnapshotEnd message. Does not implicitly {@link switchyard.routing.v1.CertificateSnapshotEnd.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @static
                 * @param {switchyard.routing.v1.CertificateSnapshotEnd.$Properties} message CertificateSnapshotEnd message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CertificateSnapshotEnd.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.version);
                    if (message.ticketKeys != null && $Object.hasOwnProperty.call(message, "ticketKeys"))
                        $root.switchyard.routing.v1.TicketKeys.encode(message.ticketKeys, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.acmeChallenges != null && $Object.hasOwnProperty.call(message, "acmeChallenges"))
                        $root.switchyard.routing.v1.AcmeChallenges.encode(message.acmeChallenges, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CertificateSnapshotEnd message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateSnapshotEnd & switchyard.routing.v1.CertificateSnapshotEnd.$Shape} CertificateSnapshotEnd
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CertificateSnapshotEnd.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.CertificateSnapshotEnd();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.ticketKeys = $root.switchyard.routing.v1.TicketKeys.decode(reader, reader.size(), $undefined, _depth + 1, message.ticketKeys);
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.acmeChallenges = $root.switchyard.routing.v1.AcmeChallenges.decode(reader, reader.size(), $undefined, _depth + 1, message.acmeChallenges);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a CertificateSnapshotEnd message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.CertificateSnapshotEnd} CertificateSnapshotEnd
                 */
                CertificateSnapshotEnd.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.CertificateSnapshotEnd)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.CertificateSnapshotEnd: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.CertificateSnapshotEnd();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.ticketKeys != null) {
                        if (!$util.isObject(object.ticketKeys))
                            throw $TypeError(".switchyard.routing.v1.CertificateSnapshotEnd.ticketKeys: object expected");
                        message.ticketKeys = $root.switchyard.routing.v1.TicketKeys.fromObject(object.ticketKeys, _depth + 1);
                    }
                    if (object.acmeChallenges != null) {
                        if (!$util.isObject(object.acmeChallenges))
                            throw $TypeError(".switchyard.routing.v1.CertificateSnapshotEnd.acmeChallenges: object expected");
                        message.acmeChallenges = $root.switchyard.routing.v1.AcmeChallenges.fromObject(object.acmeChallenges, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a CertificateSnapshotEnd message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @static
                 * @param {switchyard.routing.v1.CertificateSnapshotEnd} message CertificateSnapshotEnd
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CertificateSnapshotEnd.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.ticketKeys = null;
                        object.acmeChallenges = null;
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.ticketKeys != null && $Object.hasOwnProperty.call(message, "ticketKeys"))
                        object.ticketKeys = $root.switchyard.routing.v1.TicketKeys.toObject(message.ticketKeys, options, _depth + 1);
                    if (message.acmeChallenges != null && $Object.hasOwnProperty.call(message, "acmeChallenges"))
                        object.acmeChallenges = $root.switchyard.routing.v1.AcmeChallenges.toObject(message.acmeChallenges, options, _depth + 1);
                    return object;
                };

                /**
                 * Converts this CertificateSnapshotEnd to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.CertificateSnapshotEnd
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CertificateSnapshotEnd.prototype.toJSON = function() {
                    return CertificateSnapshotEnd.toObject(this, $protobuf.util.toJSONOptions);
                };

                return CertificateSnapshotEnd;
            })();

            v1.CertificateDelta = (function() {

                /**
                 * Properties of a CertificateDelta.
                 * @typedef {Object} switchyard.routing.v1.CertificateDelta.$Properties
                 * @property {number|null} [version] CertificateDelta version
                 * @property {Array.<switchyard.routing.v1.Certificate.$Properties>|null} [upserts] CertificateDelta upserts
                 * @property {Array.<string>|null} [removedIds] CertificateDelta removedIds
                 * @property {number|null} [commitTimeMs] CertificateDelta commitTimeMs
                 * @property {switchyard.routing.v1.TicketKeys.$Properties|null} [ticketKeys] CertificateDelta ticketKeys
                 * @property {switchyard.routing.v1.AcmeChallenges.$Properties|null} [acmeChallenges] CertificateDelta acmeChallenges
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a CertificateDelta.
                 * @memberof switchyard.routing.v1
                 * @interface ICertificateDelta
                 * @augments switchyard.routing.v1.CertificateDelta.$Properties
                 * @deprecated Use switchyard.routing.v1.CertificateDelta.$Properties instead.
                 */

                /**
                 * Shape of a CertificateDelta.
                 * @typedef {switchyard.routing.v1.CertificateDelta.$Properties} switchyard.routing.v1.CertificateDelta.$Shape
                 */

                /**
                 * Constructs a new CertificateDelta.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a CertificateDelta.
                 * @constructor
                 * @param {switchyard.routing.v1.CertificateDelta.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const CertificateDelta = function (properties) {
                    this.upserts = [];
                    this.removedIds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * CertificateDelta version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 */
                CertificateDelta.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * CertificateDelta upserts.
                 * @member {Array.<switchyard.routing.v1.Certificate.$Properties>} upserts
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 */
                CertificateDelta.prototype.upserts = $util.emptyArray;

                /**
                 * CertificateDelta removedIds.
                 * @member {Array.<string>} removedIds
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 */
                CertificateDelta.prototype.removedIds = $util.emptyArray;

                /**
                 * CertificateDelta commitTimeMs.
                 * @member {number} commitTimeMs
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 */
                CertificateDelta.prototype.commitTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * CertificateDelta ticketKeys.
                 * @member {switchyard.routing.v1.TicketKeys.$Properties|null|undefined} ticketKeys
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 */
                CertificateDelta.prototype.ticketKeys = null;

                /**
                 * CertificateDelta acmeChallenges.
                 * @member {switchyard.routing.v1.AcmeChallenges.$Properties|null|undefined} acmeChallenges
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 */
                CertificateDelta.prototype.acmeChallenges = null;

                /**
                 * Creates a new CertificateDelta instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @static
                 * @param {switchyard.routing.v1.CertificateDelta.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.CertificateDelta} CertificateDelta instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.CertificateDelta.$Shape): switchyard.routing.v1.CertificateDelta & switchyard.routing.v1.CertificateDelta.$Shape;
                 *   (properties?: switchyard.routing.v1.CertificateDelta.$Properties): switchyard.routing.v1.CertificateDelta;
                 * }}
                 */
                CertificateDelta.create = function(properties) {
                    return new CertificateDelta(properties);
                };

                /**
                 * Encodes the specified CertificateDelta message. Does not implicitly {@link switchyard.routing.v1.CertificateDelta.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @static
                 * @param {switchyard.routing.v1.CertificateDelta.$Properties} message CertificateDelta message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                CertificateDelta.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.version);
                    if (message.upserts != null && message.upserts.length)
                        for (let i = 0; i < message.upserts.length; ++i)
                            $root.switchyard.routing.v1.Certificate.encode(message.upserts[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.removedIds != null && message.removedIds.length)
                        for (let i = 0; i < message.removedIds.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.removedIds[i]);
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs") && (typeof message.commitTimeMs === "object" ? message.commitTimeMs.low || message.commitTimeMs.high : message.commitTimeMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.commitTimeMs);
                    if (message.ticketKeys != null && $Object.hasOwnProperty.call(message, "ticketKeys"))
                        $root.switchyard.routing.v1.TicketKeys.encode(message.ticketKeys, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.acmeChallenges != null && $Object.hasOwnProperty.call(message, "acmeChallenges"))
                        $root.switchyard.routing.v1.AcmeChallenges.encode(message.acmeChallenges, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a CertificateDelta message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateDelta & switchyard.routing.v1.CertificateDelta.$Shape} CertificateDelta
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                CertificateDelta.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.CertificateDelta();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.upserts && message.upserts.length))
                                    message.upserts = [];
                                message.upserts.push($root.switchyard.routing.v1.Certificate.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.removedIds && message.removedIds.length))
                                    message.removedIds = [];
                                message.removedIds.push(reader.stringVerify());
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.commitTimeMs = value;
                                else
                                    delete message.commitTimeMs;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.ticketKeys = $root.switchyard.routing.v1.TicketKeys.decode(reader, reader.size(), $undefined, _depth + 1, message.ticketKeys);
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                message.acmeChallenges = $root.switchyard.routing.v1.AcmeChallenges.decode(reader, reader.size(), $undefined, _depth + 1, message.acmeChallenges);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a CertificateDelta message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.CertificateDelta} CertificateDelta
                 */
                CertificateDelta.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.CertificateDelta)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.CertificateDelta: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.CertificateDelta();
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.upserts) {
                        if (!$Array.isArray(object.upserts))
                            throw $TypeError(".switchyard.routing.v1.CertificateDelta.upserts: array expected");
                        message.upserts = $Array(object.upserts.length);
                        for (let i = 0; i < object.upserts.length; ++i) {
                            if (!$util.isObject(object.upserts[i]))
                                throw $TypeError(".switchyard.routing.v1.CertificateDelta.upserts: object expected");
                            message.upserts[i] = $root.switchyard.routing.v1.Certificate.fromObject(object.upserts[i], _depth + 1);
                        }
                    }
                    if (object.removedIds) {
                        if (!$Array.isArray(object.removedIds))
                            throw $TypeError(".switchyard.routing.v1.CertificateDelta.removedIds: array expected");
                        message.removedIds = $Array(object.removedIds.length);
                        for (let i = 0; i < object.removedIds.length; ++i)
                            message.removedIds[i] = $String(object.removedIds[i]);
                    }
                    if (object.commitTimeMs != null)
                        if (typeof object.commitTimeMs === "object" ? object.commitTimeMs.low || object.commitTimeMs.high : $Number(object.commitTimeMs) !== 0)
                            if ($util.Long)
                                message.commitTimeMs = $util.Long.fromValue(object.commitTimeMs, false);
                            else if (typeof object.commitTimeMs === "string")
                                message.commitTimeMs = $parseInt(object.commitTimeMs, 10);
                            else if (typeof object.commitTimeMs === "number")
                                message.commitTimeMs = object.commitTimeMs;
                            else if (typeof object.commitTimeMs === "object")
                                message.commitTimeMs = new $util.LongBits(object.commitTimeMs.low >>> 0, object.commitTimeMs.high >>> 0).toNumber();
                    if (object.ticketKeys != null) {
                        if (!$util.isObject(object.ticketKeys))
                            throw $TypeError(".switchyard.routing.v1.CertificateDelta.ticketKeys: object expected");
                        message.ticketKeys = $root.switchyard.routing.v1.TicketKeys.fromObject(object.ticketKeys, _depth + 1);
                    }
                    if (object.acmeChallenges != null) {
                        if (!$util.isObject(object.acmeChallenges))
                            throw $TypeError(".switchyard.routing.v1.CertificateDelta.acmeChallenges: object expected");
                        message.acmeChallenges = $root.switchyard.routing.v1.AcmeChallenges.fromObject(object.acmeChallenges, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a CertificateDelta message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @static
                 * @param {switchyard.routing.v1.CertificateDelta} message CertificateDelta
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                CertificateDelta.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.upserts = [];
                        object.removedIds = [];
                    }
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.commitTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.commitTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.ticketKeys = null;
                        object.acmeChallenges = null;
                    }
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.upserts && message.upserts.length) {
                        object.upserts = $Array(message.upserts.length);
                        for (let j = 0; j < message.upserts.length; ++j)
                            object.upserts[j] = $root.switchyard.routing.v1.Certificate.toObject(message.upserts[j], options, _depth + 1);
                    }
                    if (message.removedIds && message.removedIds.length) {
                        object.removedIds = $Array(message.removedIds.length);
                        for (let j = 0; j < message.removedIds.length; ++j)
                            object.removedIds[j] = message.removedIds[j];
                    }
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.commitTimeMs = typeof message.commitTimeMs === "number" ? $BigInt(message.commitTimeMs) : $util.Long.fromBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.commitTimeMs === "number")
                            object.commitTimeMs = options.longs === $String ? $String(message.commitTimeMs) : message.commitTimeMs;
                        else
                            object.commitTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.commitTimeMs) : options.longs === $Number ? new $util.LongBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0).toNumber() : message.commitTimeMs;
                    if (message.ticketKeys != null && $Object.hasOwnProperty.call(message, "ticketKeys"))
                        object.ticketKeys = $root.switchyard.routing.v1.TicketKeys.toObject(message.ticketKeys, options, _depth + 1);
                    if (message.acmeChallenges != null && $Object.hasOwnProperty.call(message, "acmeChallenges"))
                        object.acmeChallenges = $root.switchyard.routing.v1.AcmeChallenges.toObject(message.acmeChallenges, options, _depth + 1);
                    return object;
                };

                /**
                 * Converts this CertificateDelta to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.CertificateDelta
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                CertificateDelta.prototype.toJSON = function() {
                    return CertificateDelta.toObject(this, $protobuf.util.toJSONOptions);
                };

                return CertificateDelta;
            })();

            /**
             * ServiceKind enum.
             * @name switchyard.routing.v1.ServiceKind
             * @enum {number}
             * @property {number} SERVICE_KIND_UNSPECIFIED=0 SERVICE_KIND_UNSPECIFIED value
             * @property {number} SERVICE_KIND_WEB=1 SERVICE_KIND_WEB value
             * @property {number} SERVICE_KIND_STATIC=2 SERVICE_KIND_STATIC value
             */
            v1.ServiceKind = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "SERVICE_KIND_UNSPECIFIED"] = 0;
                values[valuesById[1] = "SERVICE_KIND_WEB"] = 1;
                values[valuesById[2] = "SERVICE_KIND_STATIC"] = 2;
                return values;
            })();

            /**
             * Plan enum.
             * @name switchyard.routing.v1.Plan
             * @enum {number}
             * @property {number} PLAN_UNSPECIFIED=0 PLAN_UNSPECIFIED value
             * @property {number} PLAN_FREE=1 PLAN_FREE value
             * @property {number} PLAN_PAID=2 PLAN_PAID value
             */
            v1.Plan = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "PLAN_UNSPECIFIED"] = 0;
                values[valuesById[1] = "PLAN_FREE"] = 1;
                values[valuesById[2] = "PLAN_PAID"] = 2;
                return values;
            })();

            /**
             * ServiceState enum.
             * @name switchyard.routing.v1.ServiceState
             * @enum {number}
             * @property {number} SERVICE_STATE_UNSPECIFIED=0 SERVICE_STATE_UNSPECIFIED value
             * @property {number} SERVICE_STATE_ACTIVE=1 SERVICE_STATE_ACTIVE value
             * @property {number} SERVICE_STATE_SUSPENDED=2 SERVICE_STATE_SUSPENDED value
             */
            v1.ServiceState = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "SERVICE_STATE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "SERVICE_STATE_ACTIVE"] = 1;
                values[valuesById[2] = "SERVICE_STATE_SUSPENDED"] = 2;
                return values;
            })();

            v1.Instance = (function() {

                /**
                 * Properties of an Instance.
                 * @typedef {Object} switchyard.routing.v1.Instance.$Properties
                 * @property {string|null} [host] Instance host
                 * @property {number|null} [port] Instance port
                 * @property {boolean|null} [ready] Instance ready
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Instance.
                 * @memberof switchyard.routing.v1
                 * @interface IInstance
                 * @augments switchyard.routing.v1.Instance.$Properties
                 * @deprecated Use switchyard.routing.v1.Instance.$Properties instead.
                 */

                /**
                 * Shape of an Instance.
                 * @typedef {switchyard.routing.v1.Instance.$Properties} switchyard.routing.v1.Instance.$Shape
                 */

                /**
                 * Constructs a new Instance.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents an Instance.
                 * @constructor
                 * @param {switchyard.routing.v1.Instance.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Instance = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Instance host.
                 * @member {string} host
                 * @memberof switchyard.routing.v1.Instance
                 * @instance
                 */
                Instance.prototype.host = "";

                /**
                 * Instance port.
                 * @member {number} port
                 * @memberof switchyard.routing.v1.Instance
                 * @instance
                 */
                Instance.prototype.port = 0;

                /**
                 * Instance ready.
                 * @member {boolean} ready
                 * @memberof switchyard.routing.v1.Instance
                 * @instance
                 */
                Instance.prototype.ready = false;

                /**
                 * Creates a new Instance instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Instance
                 * @static
                 * @param {switchyard.routing.v1.Instance.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Instance} Instance instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Instance.$Shape): switchyard.routing.v1.Instance & switchyard.routing.v1.Instance.$Shape;
                 *   (properties?: switchyard.routing.v1.Instance.$Properties): switchyard.routing.v1.Instance;
                 * }}
                 */
                Instance.create = function(properties) {
                    return new Instance(properties);
                };

                /**
                 * Encodes the specified Instance message. Does not implicitly {@link switchyard.routing.v1.Instance.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Instance
                 * @static
                 * @param {switchyard.routing.v1.Instance.$Properties} message Instance message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Instance.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.host != null && $Object.hasOwnProperty.call(message, "host") && message.host !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.host);
                    if (message.port != null && $Object.hasOwnProperty.call(message, "port") && message.port !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.port);
                    if (message.ready != null && $Object.hasOwnProperty.call(message, "ready") && message.ready !== false)
                        writer.uint32(/* id 3, wireType 0 =*/24).bool(message.ready);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Instance message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Instance
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Instance & switchyard.routing.v1.Instance.$Shape} Instance
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Instance.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Instance();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.host = value;
                                else
                                    delete message.host;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.port = value;
                                else
                                    delete message.port;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.ready = value;
                                else
                                    delete message.ready;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an Instance message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Instance
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Instance} Instance
                 */
                Instance.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Instance)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Instance: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Instance();
                    if (object.host != null)
                        if (typeof object.host !== "string" || object.host.length)
                            message.host = $String(object.host);
                    if (object.port != null)
                        if ($Number(object.port) !== 0)
                            message.port = object.port >>> 0;
                    if (object.ready != null)
                        if (object.ready)
                            message.ready = $Boolean(object.ready);
                    return message;
                };

                /**
                 * Creates a plain object from an Instance message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Instance
                 * @static
                 * @param {switchyard.routing.v1.Instance} message Instance
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Instance.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.host = "";
                        object.port = 0;
                        object.ready = false;
                    }
                    if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                        object.host = message.host;
                    if (message.port != null && $Object.hasOwnProperty.call(message, "port"))
                        object.port = message.port;
                    if (message.ready != null && $Object.hasOwnProperty.call(message, "ready"))
                        object.ready = message.ready;
                    return object;
                };

                /**
                 * Converts this Instance to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Instance
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Instance.prototype.toJSON = function() {
                    return Instance.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Instance;
            })();

            v1.RedirectRule = (function() {

                /**
                 * Properties of a RedirectRule.
                 * @typedef {Object} switchyard.routing.v1.RedirectRule.$Properties
                 * @property {string|null} [source] RedirectRule source
                 * @property {string|null} [destination] RedirectRule destination
                 * @property {number|null} [status] RedirectRule status
                 * @property {boolean|null} [force] RedirectRule force
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RedirectRule.
                 * @memberof switchyard.routing.v1
                 * @interface IRedirectRule
                 * @augments switchyard.routing.v1.RedirectRule.$Properties
                 * @deprecated Use switchyard.routing.v1.RedirectRule.$Properties instead.
                 */

                /**
                 * Shape of a RedirectRule.
                 * @typedef {switchyard.routing.v1.RedirectRule.$Properties} switchyard.routing.v1.RedirectRule.$Shape
                 */

                /**
                 * Constructs a new RedirectRule.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a RedirectRule.
                 * @constructor
                 * @param {switchyard.routing.v1.RedirectRule.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RedirectRule = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RedirectRule source.
                 * @member {string} source
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @instance
                 */
                RedirectRule.prototype.source = "";

                /**
                 * RedirectRule destination.
                 * @member {string} destination
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @instance
                 */
                RedirectRule.prototype.destination = "";

                /**
                 * RedirectRule status.
                 * @member {number} status
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @instance
                 */
                RedirectRule.prototype.status = 0;

                /**
                 * RedirectRule force.
                 * @member {boolean} force
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @instance
                 */
                RedirectRule.prototype.force = false;

                /**
                 * Creates a new RedirectRule instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @static
                 * @param {switchyard.routing.v1.RedirectRule.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.RedirectRule} RedirectRule instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.RedirectRule.$Shape): switchyard.routing.v1.RedirectRule & switchyard.routing.v1.RedirectRule.$Shape;
                 *   (properties?: switchyard.routing.v1.RedirectRule.$Properties): switchyard.routing.v1.RedirectRule;
                 * }}
                 */
                RedirectRule.create = function(properties) {
                    return new RedirectRule(properties);
                };

                /**
                 * Encodes the specified RedirectRule message. Does not implicitly {@link switchyard.routing.v1.RedirectRule.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @static
                 * @param {switchyard.routing.v1.RedirectRule.$Properties} message RedirectRule message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RedirectRule.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.source != null && $Object.hasOwnProperty.call(message, "source") && message.source !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.source);
                    if (message.destination != null && $Object.hasOwnProperty.call(message, "destination") && message.destination !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.destination);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.status);
                    if (message.force != null && $Object.hasOwnProperty.call(message, "force") && message.force !== false)
                        writer.uint32(/* id 4, wireType 0 =*/32).bool(message.force);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RedirectRule message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.RedirectRule & switchyard.routing.v1.RedirectRule.$Shape} RedirectRule
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RedirectRule.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.RedirectRule();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.source = value;
                                else
                                    delete message.source;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.destination = value;
                                else
                                    delete message.destination;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.force = value;
                                else
                                    delete message.force;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a RedirectRule message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.RedirectRule} RedirectRule
                 */
                RedirectRule.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.RedirectRule)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.RedirectRule: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.RedirectRule();
                    if (object.source != null)
                        if (typeof object.source !== "string" || object.source.length)
                            message.source = $String(object.source);
                    if (object.destination != null)
                        if (typeof object.destination !== "string" || object.destination.length)
                            message.destination = $String(object.destination);
                    if (object.status != null)
                        if ($Number(object.status) !== 0)
                            message.status = object.status >>> 0;
                    if (object.force != null)
                        if (object.force)
                            message.force = $Boolean(object.force);
                    return message;
                };

                /**
                 * Creates a plain object from a RedirectRule message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @static
                 * @param {switchyard.routing.v1.RedirectRule} message RedirectRule
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                RedirectRule.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.source = "";
                        object.destination = "";
                        object.status = 0;
                        object.force = false;
                    }
                    if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                        object.source = message.source;
                    if (message.destination != null && $Object.hasOwnProperty.call(message, "destination"))
                        object.destination = message.destination;
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = message.status;
                    if (message.force != null && $Object.hasOwnProperty.call(message, "force"))
                        object.force = message.force;
                    return object;
                };

                /**
                 * Converts this RedirectRule to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.RedirectRule
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                RedirectRule.prototype.toJSON = function() {
                    return RedirectRule.toObject(this, $protobuf.util.toJSONOptions);
                };

                return RedirectRule;
            })();

            v1.Header = (function() {

                /**
                 * Properties of a Header.
                 * @typedef {Object} switchyard.routing.v1.Header.$Properties
                 * @property {string|null} [name] Header name
                 * @property {string|null} [value] Header value
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Header.
                 * @memberof switchyard.routing.v1
                 * @interface IHeader
                 * @augments switchyard.routing.v1.Header.$Properties
                 * @deprecated Use switchyard.routing.v1.Header.$Properties instead.
                 */

                /**
                 * Shape of a Header.
                 * @typedef {switchyard.routing.v1.Header.$Properties} switchyard.routing.v1.Header.$Shape
                 */

                /**
                 * Constructs a new Header.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a Header.
                 * @constructor
                 * @param {switchyard.routing.v1.Header.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Header = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Header name.
                 * @member {string} name
                 * @memberof switchyard.routing.v1.Header
                 * @instance
                 */
                Header.prototype.name = "";

                /**
                 * Header value.
                 * @member {string} value
                 * @memberof switchyard.routing.v1.Header
                 * @instance
                 */
                Header.prototype.value = "";

                /**
                 * Creates a new Header instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Header
                 * @static
                 * @param {switchyard.routing.v1.Header.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Header} Header instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Header.$Shape): switchyard.routing.v1.Header & switchyard.routing.v1.Header.$Shape;
                 *   (properties?: switchyard.routing.v1.Header.$Properties): switchyard.routing.v1.Header;
                 * }}
                 */
                Header.create = function(properties) {
                    return new Header(properties);
                };

                /**
                 * Encodes the specified Header message. Does not implicitly {@link switchyard.routing.v1.Header.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Header
                 * @static
                 * @param {switchyard.routing.v1.Header.$Properties} message Header message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Header.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                    if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.value);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Header message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Header
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Header & switchyard.routing.v1.Header.$Shape} Header
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Header.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Header();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.name = value;
                                else
                                    delete message.name;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.value = value;
                                else
                                    delete message.value;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Header message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Header
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Header} Header
                 */
                Header.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Header)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Header: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Header();
                    if (object.name != null)
                        if (typeof object.name !== "string" || object.name.length)
                            message.name = $String(object.name);
                    if (object.value != null)
                        if (typeof object.value !== "string" || object.value.length)
                            message.value = $String(object.value);
                    return message;
                };

                /**
                 * Creates a plain object from a Header message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Header
                 * @static
                 * @param {switchyard.routing.v1.Header} message Header
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Header.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.name = "";
                        object.value = "";
                    }
                    if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                        object.name = message.name;
                    if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                        object.value = message.value;
                    return object;
                };

                /**
                 * Converts this Header to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Header
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Header.prototype.toJSON = function() {
                    return Header.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Header;
            })();

            v1.HeaderRule = (function() {

                /**
                 * Properties of a HeaderRule.
                 * @typedef {Object} switchyard.routing.v1.HeaderRule.$Properties
                 * @property {string|null} [pattern] HeaderRule pattern
                 * @property {Array.<switchyard.routing.v1.Header.$Properties>|null} [headers] HeaderRule headers
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HeaderRule.
                 * @memberof switchyard.routing.v1
                 * @interface IHeaderRule
                 * @augments switchyard.routing.v1.HeaderRule.$Properties
                 * @deprecated Use switchyard.routing.v1.HeaderRule.$Properties instead.
                 */

                /**
                 * Shape of a HeaderRule.
                 * @typedef {switchyard.routing.v1.HeaderRule.$Properties} switchyard.routing.v1.HeaderRule.$Shape
                 */

                /**
                 * Constructs a new HeaderRule.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a HeaderRule.
                 * @constructor
                 * @param {switchyard.routing.v1.HeaderRule.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HeaderRule = function (properties) {
                    this.headers = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * HeaderRule pattern.
                 * @member {string} pattern
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @instance
                 */
                HeaderRule.prototype.pattern = "";

                /**
                 * HeaderRule headers.
                 * @member {Array.<switchyard.routing.v1.Header.$Properties>} headers
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @instance
                 */
                HeaderRule.prototype.headers = $util.emptyArray;

                /**
                 * Creates a new HeaderRule instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @static
                 * @param {switchyard.routing.v1.HeaderRule.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.HeaderRule} HeaderRule instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.HeaderRule.$Shape): switchyard.routing.v1.HeaderRule & switchyard.routing.v1.HeaderRule.$Shape;
                 *   (properties?: switchyard.routing.v1.HeaderRule.$Properties): switchyard.routing.v1.HeaderRule;
                 * }}
                 */
                HeaderRule.create = function(properties) {
                    return new HeaderRule(properties);
                };

                /**
                 * Encodes the specified HeaderRule message. Does not implicitly {@link switchyard.routing.v1.HeaderRule.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @static
                 * @param {switchyard.routing.v1.HeaderRule.$Properties} message HeaderRule message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HeaderRule.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.pattern != null && $Object.hasOwnProperty.call(message, "pattern") && message.pattern !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.pattern);
                    if (message.headers != null && message.headers.length)
                        for (let i = 0; i < message.headers.length; ++i)
                            $root.switchyard.routing.v1.Header.encode(message.headers[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HeaderRule message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.HeaderRule & switchyard.routing.v1.HeaderRule.$Shape} HeaderRule
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HeaderRule.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.HeaderRule();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.pattern = value;
                                else
                                    delete message.pattern;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.headers && message.headers.length))
                                    message.headers = [];
                                message.headers.push($root.switchyard.routing.v1.Header.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a HeaderRule message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.HeaderRule} HeaderRule
                 */
                HeaderRule.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.HeaderRule)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.HeaderRule: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.HeaderRule();
                    if (object.pattern != null)
                        if (typeof object.pattern !== "string" || object.pattern.length)
                            message.pattern = $String(object.pattern);
                    if (object.headers) {
                        if (!$Array.isArray(object.headers))
                            throw $TypeError(".switchyard.routing.v1.HeaderRule.headers: array expected");
                        message.headers = $Array(object.headers.length);
                        for (let i = 0; i < object.headers.length; ++i) {
                            if (!$util.isObject(object.headers[i]))
                                throw $TypeError(".switchyard.routing.v1.HeaderRule.headers: object expected");
                            message.headers[i] = $root.switchyard.routing.v1.Header.fromObject(object.headers[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a HeaderRule message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @static
                 * @param {switchyard.routing.v1.HeaderRule} message HeaderRule
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                HeaderRule.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.headers = [];
                    if (options.defaults)
                        object.pattern = "";
                    if (message.pattern != null && $Object.hasOwnProperty.call(message, "pattern"))
                        object.pattern = message.pattern;
                    if (message.headers && message.headers.length) {
                        object.headers = $Array(message.headers.length);
                        for (let j = 0; j < message.headers.length; ++j)
                            object.headers[j] = $root.switchyard.routing.v1.Header.toObject(message.headers[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this HeaderRule to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.HeaderRule
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                HeaderRule.prototype.toJSON = function() {
                    return HeaderRule.toObject(this, $protobuf.util.toJSONOptions);
                };

                return HeaderRule;
            })();

            v1.StaticSite = (function() {

                /**
                 * Properties of a StaticSite.
                 * @typedef {Object} switchyard.routing.v1.StaticSite.$Properties
                 * @property {string|null} [activeBuildId] StaticSite activeBuildId
                 * @property {Array.<switchyard.routing.v1.RedirectRule.$Properties>|null} [rules] StaticSite rules
                 * @property {Array.<switchyard.routing.v1.HeaderRule.$Properties>|null} [headerRules] StaticSite headerRules
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StaticSite.
                 * @memberof switchyard.routing.v1
                 * @interface IStaticSite
                 * @augments switchyard.routing.v1.StaticSite.$Properties
                 * @deprecated Use switchyard.routing.v1.StaticSite.$Properties instead.
                 */

                /**
                 * Shape of a StaticSite.
                 * @typedef {switchyard.routing.v1.StaticSite.$Properties} switchyard.routing.v1.StaticSite.$Shape
                 */

                /**
                 * Constructs a new StaticSite.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a StaticSite.
                 * @constructor
                 * @param {switchyard.routing.v1.StaticSite.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StaticSite = function (properties) {
                    this.rules = [];
                    this.headerRules = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StaticSite activeBuildId.
                 * @member {string} activeBuildId
                 * @memberof switchyard.routing.v1.StaticSite
                 * @instance
                 */
                StaticSite.prototype.activeBuildId = "";

                /**
                 * StaticSite rules.
                 * @member {Array.<switchyard.routing.v1.RedirectRule.$Properties>} rules
                 * @memberof switchyard.routing.v1.StaticSite
                 * @instance
                 */
                StaticSite.prototype.rules = $util.emptyArray;

                /**
                 * StaticSite headerRules.
                 * @member {Array.<switchyard.routing.v1.HeaderRule.$Properties>} headerRules
                 * @memberof switchyard.routing.v1.StaticSite
                 * @instance
                 */
                StaticSite.prototype.headerRules = $util.emptyArray;

                /**
                 * Creates a new StaticSite instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.StaticSite
                 * @static
                 * @param {switchyard.routing.v1.StaticSite.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.StaticSite} StaticSite instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.StaticSite.$Shape): switchyard.routing.v1.StaticSite & switchyard.routing.v1.StaticSite.$Shape;
                 *   (properties?: switchyard.routing.v1.StaticSite.$Properties): switchyard.routing.v1.StaticSite;
                 * }}
                 */
                StaticSite.create = function(properties) {
                    return new StaticSite(properties);
                };

                /**
                 * Encodes the specified StaticSite message. Does not implicitly {@link switchyard.routing.v1.StaticSite.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.StaticSite
                 * @static
                 * @param {switchyard.routing.v1.StaticSite.$Properties} message StaticSite message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StaticSite.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.activeBuildId != null && $Object.hasOwnProperty.call(message, "activeBuildId") && message.activeBuildId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.activeBuildId);
                    if (message.rules != null && message.rules.length)
                        for (let i = 0; i < message.rules.length; ++i)
                            $root.switchyard.routing.v1.RedirectRule.encode(message.rules[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.headerRules != null && message.headerRules.length)
                        for (let i = 0; i < message.headerRules.length; ++i)
                            $root.switchyard.routing.v1.HeaderRule.encode(message.headerRules[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StaticSite message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.StaticSite
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.StaticSite & switchyard.routing.v1.StaticSite.$Shape} StaticSite
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StaticSite.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.StaticSite();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.activeBuildId = value;
                                else
                                    delete message.activeBuildId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.rules && message.rules.length))
                                    message.rules = [];
                                message.rules.push($root.switchyard.routing.v1.RedirectRule.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.headerRules && message.headerRules.length))
                                    message.headerRules = [];
                                message.headerRules.push($root.switchyard.routing.v1.HeaderRule.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a StaticSite message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.StaticSite
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.StaticSite} StaticSite
                 */
                StaticSite.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.StaticSite)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.StaticSite: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.StaticSite();
                    if (object.activeBuildId != null)
                        if (typeof object.activeBuildId !== "string" || object.activeBuildId.length)
                            message.activeBuildId = $String(object.activeBuildId);
                    if (object.rules) {
                        if (!$Array.isArray(object.rules))
                            throw $TypeError(".switchyard.routing.v1.StaticSite.rules: array expected");
                        message.rules = $Array(object.rules.length);
                        for (let i = 0; i < object.rules.length; ++i) {
                            if (!$util.isObject(object.rules[i]))
                                throw $TypeError(".switchyard.routing.v1.StaticSite.rules: object expected");
                            message.rules[i] = $root.switchyard.routing.v1.RedirectRule.fromObject(object.rules[i], _depth + 1);
                        }
                    }
                    if (object.headerRules) {
                        if (!$Array.isArray(object.headerRules))
                            throw $TypeError(".switchyard.routing.v1.StaticSite.headerRules: array expected");
                        message.headerRules = $Array(object.headerRules.length);
                        for (let i = 0; i < object.headerRules.length; ++i) {
                            if (!$util.isObject(object.headerRules[i]))
                                throw $TypeError(".switchyard.routing.v1.StaticSite.headerRules: object expected");
                            message.headerRules[i] = $root.switchyard.routing.v1.HeaderRule.fromObject(object.headerRules[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a StaticSite message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.StaticSite
                 * @static
                 * @param {switchyard.routing.v1.StaticSite} message StaticSite
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StaticSite.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.rules = [];
                        object.headerRules = [];
                    }
                    if (options.defaults)
                        object.activeBuildId = "";
                    if (message.activeBuildId != null && $Object.hasOwnProperty.call(message, "activeBuildId"))
                        object.activeBuildId = message.activeBuildId;
                    if (message.rules && message.rules.length) {
                        object.rules = $Array(message.rules.length);
                        for (let j = 0; j < message.rules.length; ++j)
                            object.rules[j] = $root.switchyard.routing.v1.RedirectRule.toObject(message.rules[j], options, _depth + 1);
                    }
                    if (message.headerRules && message.headerRules.length) {
                        object.headerRules = $Array(message.headerRules.length);
                        for (let j = 0; j < message.headerRules.length; ++j)
                            object.headerRules[j] = $root.switchyard.routing.v1.HeaderRule.toObject(message.headerRules[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this StaticSite to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.StaticSite
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StaticSite.prototype.toJSON = function() {
                    return StaticSite.toObject(this, $protobuf.util.toJSONOptions);
                };

                return StaticSite;
            })();

            v1.Service = (function() {

                /**
                 * Properties of a Service.
                 * @typedef {Object} switchyard.routing.v1.Service.$Properties
                 * @property {string|null} [id] Service id
                 * @property {string|null} [name] Service name
                 * @property {switchyard.routing.v1.ServiceKind|null} [kind] Service kind
                 * @property {switchyard.routing.v1.Plan|null} [plan] Service plan
                 * @property {switchyard.routing.v1.ServiceState|null} [state] Service state
                 * @property {string|null} [region] Service region
                 * @property {Array.<string>|null} [hostnames] Service hostnames
                 * @property {Array.<switchyard.routing.v1.Instance.$Properties>|null} [instances] Service instances
                 * @property {switchyard.routing.v1.StaticSite.$Properties|null} [staticSite] Service staticSite
                 * @property {string|null} [scalerRef] Service scalerRef
                 * @property {number|null} [version] Service version
                 * @property {number|null} [commitTimeMs] Service commitTimeMs
                 * @property {boolean|null} [httpsRedirect] Service httpsRedirect
                 * @property {switchyard.routing.v1.Hsts.$Properties|null} [hsts] Service hsts
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Service.
                 * @memberof switchyard.routing.v1
                 * @interface IService
                 * @augments switchyard.routing.v1.Service.$Properties
                 * @deprecated Use switchyard.routing.v1.Service.$Properties instead.
                 */

                /**
                 * Shape of a Service.
                 * @typedef {switchyard.routing.v1.Service.$Properties} switchyard.routing.v1.Service.$Shape
                 */

                /**
                 * Constructs a new Service.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a Service.
                 * @constructor
                 * @param {switchyard.routing.v1.Service.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Service = function (properties) {
                    this.hostnames = [];
                    this.instances = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Service id.
                 * @member {string} id
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.id = "";

                /**
                 * Service name.
                 * @member {string} name
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.name = "";

                /**
                 * Service kind.
                 * @member {switchyard.routing.v1.ServiceKind} kind
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.kind = 0;

                /**
                 * Service plan.
                 * @member {switchyard.routing.v1.Plan} plan
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.plan = 0;

                /**
                 * Service state.
                 * @member {switchyard.routing.v1.ServiceState} state
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.state = 0;

                /**
                 * Service region.
                 * @member {string} region
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.region = "";

                /**
                 * Service hostnames.
                 * @member {Array.<string>} hostnames
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.hostnames = $util.emptyArray;

                /**
                 * Service instances.
                 * @member {Array.<switchyard.routing.v1.Instance.$Properties>} instances
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.instances = $util.emptyArray;

                /**
                 * Service staticSite.
                 * @member {switchyard.routing.v1.StaticSite.$Properties|null|undefined} staticSite
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.staticSite = null;

                /**
                 * Service scalerRef.
                 * @member {string} scalerRef
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.scalerRef = "";

                /**
                 * Service version.
                 * @member {number} version
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Service commitTimeMs.
                 * @member {number} commitTimeMs
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.commitTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Service httpsRedirect.
                 * @member {boolean} httpsRedirect
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.httpsRedirect = false;

                /**
                 * Service hsts.
                 * @member {switchyard.routing.v1.Hsts.$Properties|null|undefined} hsts
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 */
                Service.prototype.hsts = null;

                /**
                 * Creates a new Service instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Service
                 * @static
                 * @param {switchyard.routing.v1.Service.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Service} Service instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Service.$Shape): switchyard.routing.v1.Service & switchyard.routing.v1.Service.$Shape;
                 *   (properties?: switchyard.routing.v1.Service.$Properties): switchyard.routing.v1.Service;
                 * }}
                 */
                Service.create = function(properties) {
                    return new Service(properties);
                };

                /**
                 * Encodes the specified Service message. Does not implicitly {@link switchyard.routing.v1.Service.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Service
                 * @static
                 * @param {switchyard.routing.v1.Service.$Properties} message Service message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Service.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                    if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.kind);
                    if (message.plan != null && $Object.hasOwnProperty.call(message, "plan") && message.plan !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.plan);
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).int32(message.state);
                    if (message.region != null && $Object.hasOwnProperty.call(message, "region") && message.region !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.region);
                    if (message.hostnames != null && message.hostnames.length)
                        for (let i = 0; i < message.hostnames.length; ++i)
                            writer.uint32(/* id 7, wireType 2 =*/58).string(message.hostnames[i]);
                    if (message.instances != null && message.instances.length)
                        for (let i = 0; i < message.instances.length; ++i)
                            $root.switchyard.routing.v1.Instance.encode(message.instances[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                    if (message.staticSite != null && $Object.hasOwnProperty.call(message, "staticSite"))
                        $root.switchyard.routing.v1.StaticSite.encode(message.staticSite, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                    if (message.scalerRef != null && $Object.hasOwnProperty.call(message, "scalerRef") && message.scalerRef !== "")
                        writer.uint32(/* id 10, wireType 2 =*/82).string(message.scalerRef);
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                        writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.version);
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs") && (typeof message.commitTimeMs === "object" ? message.commitTimeMs.low || message.commitTimeMs.high : message.commitTimeMs !== 0))
                        writer.uint32(/* id 12, wireType 0 =*/96).int64(message.commitTimeMs);
                    if (message.httpsRedirect != null && $Object.hasOwnProperty.call(message, "httpsRedirect") && message.httpsRedirect !== false)
                        writer.uint32(/* id 13, wireType 0 =*/104).bool(message.httpsRedirect);
                    if (message.hsts != null && $Object.hasOwnProperty.call(message, "hsts"))
                        $root.switchyard.routing.v1.Hsts.encode(message.hsts, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Service message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Service
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Service & switchyard.routing.v1.Service.$Shape} Service
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Service.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Service();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.id = value;
                                else
                                    delete message.id;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.name = value;
                                else
                                    delete message.name;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.kind = value;
                                else
                                    delete message.kind;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.plan = value;
                                else
                                    delete message.plan;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.state = value;
                                else
                                    delete message.state;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.region = value;
                                else
                                    delete message.region;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.hostnames && message.hostnames.length))
                                    message.hostnames = [];
                                message.hostnames.push(reader.stringVerify());
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.instances && message.instances.length))
                                    message.instances = [];
                                message.instances.push($root.switchyard.routing.v1.Instance.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 9: {
                                if (wireType !== 2)
                                    break;
                                message.staticSite = $root.switchyard.routing.v1.StaticSite.decode(reader, reader.size(), $undefined, _depth + 1, message.staticSite);
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.scalerRef = value;
                                else
                                    delete message.scalerRef;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 12: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.commitTimeMs = value;
                                else
                                    delete message.commitTimeMs;
                                continue;
                            }
                        case 13: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.httpsRedirect = value;
                                else
                                    delete message.httpsRedirect;
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                message.hsts = $root.switchyard.routing.v1.Hsts.decode(reader, reader.size(), $undefined, _depth + 1, message.hsts);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Service message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Service
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Service} Service
                 */
                Service.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Service)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Service: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Service();
                    if (object.id != null)
                        if (typeof object.id !== "string" || object.id.length)
                            message.id = $String(object.id);
                    if (object.name != null)
                        if (typeof object.name !== "string" || object.name.length)
                            message.name = $String(object.name);
                    if (object.kind !== 0 && (typeof object.kind !== "string" || $root.switchyard.routing.v1.ServiceKind[object.kind] !== 0))
                        switch (object.kind) {
                        case "SERVICE_KIND_UNSPECIFIED":
                        case 0:
                            message.kind = 0;
                            break;
                        case "SERVICE_KIND_WEB":
                        case 1:
                            message.kind = 1;
                            break;
                        case "SERVICE_KIND_STATIC":
                        case 2:
                            message.kind = 2;
                            break;
                        default:
                            if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                                message.kind = object.kind;
                        }
                    if (object.plan !== 0 && (typeof object.plan !== "string" || $root.switchyard.routing.v1.Plan[object.plan] !== 0))
                        switch (object.plan) {
                        case "PLAN_UNSPECIFIED":
                        case 0:
                            message.plan = 0;
                            break;
                        case "PLAN_FREE":
                        case 1:
                            message.plan = 1;
                            break;
                        case "PLAN_PAID":
                        case 2:
                            message.plan = 2;
                            break;
                        default:
                            if (typeof object.plan === "number" && (object.plan | 0) === object.plan)
                                message.plan = object.plan;
                        }
                    if (object.state !== 0 && (typeof object.state !== "string" || $root.switchyard.routing.v1.ServiceState[object.state] !== 0))
                        switch (object.state) {
                        case "SERVICE_STATE_UNSPECIFIED":
                        case 0:
                            message.state = 0;
                            break;
                        case "SERVICE_STATE_ACTIVE":
                        case 1:
                            message.state = 1;
                            break;
                        case "SERVICE_STATE_SUSPENDED":
                        case 2:
                            message.state = 2;
                            break;
                        default:
                            if (typeof object.state === "number" && (object.state | 0) === object.state)
                                message.state = object.state;
                        }
                    if (object.region != null)
                        if (typeof object.region !== "string" || object.region.length)
                            message.region = $String(object.region);
                    if (object.hostnames) {
                        if (!$Array.isArray(object.hostnames))
                            throw $TypeError(".switchyard.routing.v1.Service.hostnames: array expected");
                        message.hostnames = $Array(object.hostnames.length);
                        for (let i = 0; i < object.hostnames.length; ++i)
                            message.hostnames[i] = $String(object.hostnames[i]);
                    }
                    if (object.instances) {
                        if (!$Array.isArray(object.instances))
                            throw $TypeError(".switchyard.routing.v1.Service.instances: array expected");
                        message.instances = $Array(object.instances.length);
                        for (let i = 0; i < object.instances.length; ++i) {
                            if (!$util.isObject(object.instances[i]))
                                throw $TypeError(".switchyard.routing.v1.Service.instances: object expected");
                            message.instances[i] = $root.switchyard.routing.v1.Instance.fromObject(object.instances[i], _depth + 1);
                        }
                    }
                    if (object.staticSite != null) {
                        if (!$util.isObject(object.staticSite))
                            throw $TypeError(".switchyard.routing.v1.Service.staticSite: object expected");
                        message.staticSite = $root.switchyard.routing.v1.StaticSite.fromObject(object.staticSite, _depth + 1);
                    }
                    if (object.scalerRef != null)
                        if (typeof object.scalerRef !== "string" || object.scalerRef.length)
                            message.scalerRef = $String(object.scalerRef);
                    if (object.version != null)
                        if (typeof object.version === "object" ? object.version.low || object.version.high : $Number(object.version) !== 0)
                            if ($util.Long)
                                message.version = $util.Long.fromValue(object.version, true);
                            else if (typeof object.version === "string")
                                message.version = $parseInt(object.version, 10);
                            else if (typeof object.version === "number")
                                message.version = object.version;
                            else if (typeof object.version === "object")
                                message.version = new $util.LongBits(object.version.low >>> 0, object.version.high >>> 0).toNumber(true);
                    if (object.commitTimeMs != null)
                        if (typeof object.commitTimeMs === "object" ? object.commitTimeMs.low || object.commitTimeMs.high : $Number(object.commitTimeMs) !== 0)
                            if ($util.Long)
                                message.commitTimeMs = $util.Long.fromValue(object.commitTimeMs, false);
                            else if (typeof object.commitTimeMs === "string")
                                message.commitTimeMs = $parseInt(object.commitTimeMs, 10);
                            else if (typeof object.commitTimeMs === "number")
                                message.commitTimeMs = object.commitTimeMs;
                            else if (typeof object.commitTimeMs === "object")
                                message.commitTimeMs = new $util.LongBits(object.commitTimeMs.low >>> 0, object.commitTimeMs.high >>> 0).toNumber();
                    if (object.httpsRedirect != null)
                        if (object.httpsRedirect)
                            message.httpsRedirect = $Boolean(object.httpsRedirect);
                    if (object.hsts != null) {
                        if (!$util.isObject(object.hsts))
                            throw $TypeError(".switchyard.routing.v1.Service.hsts: object expected");
                        message.hsts = $root.switchyard.routing.v1.Hsts.fromObject(object.hsts, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Service message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Service
                 * @static
                 * @param {switchyard.routing.v1.Service} message Service
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Service.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.hostnames = [];
                        object.instances = [];
                    }
                    if (options.defaults) {
                        object.id = "";
                        object.name = "";
                        object.kind = options.enums === $String ? "SERVICE_KIND_UNSPECIFIED" : 0;
                        object.plan = options.enums === $String ? "PLAN_UNSPECIFIED" : 0;
                        object.state = options.enums === $String ? "SERVICE_STATE_UNSPECIFIED" : 0;
                        object.region = "";
                        object.staticSite = null;
                        object.scalerRef = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.version = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.version = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.commitTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.commitTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.httpsRedirect = false;
                        object.hsts = null;
                    }
                    if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                        object.id = message.id;
                    if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                        object.name = message.name;
                    if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                        object.kind = options.enums === $String ? $root.switchyard.routing.v1.ServiceKind[message.kind] === $undefined ? message.kind : $root.switchyard.routing.v1.ServiceKind[message.kind] : message.kind;
                    if (message.plan != null && $Object.hasOwnProperty.call(message, "plan"))
                        object.plan = options.enums === $String ? $root.switchyard.routing.v1.Plan[message.plan] === $undefined ? message.plan : $root.switchyard.routing.v1.Plan[message.plan] : message.plan;
                    if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                        object.state = options.enums === $String ? $root.switchyard.routing.v1.ServiceState[message.state] === $undefined ? message.state : $root.switchyard.routing.v1.ServiceState[message.state] : message.state;
                    if (message.region != null && $Object.hasOwnProperty.call(message, "region"))
                        object.region = message.region;
                    if (message.hostnames && message.hostnames.length) {
                        object.hostnames = $Array(message.hostnames.length);
                        for (let j = 0; j < message.hostnames.length; ++j)
                            object.hostnames[j] = message.hostnames[j];
                    }
                    if (message.instances && message.instances.length) {
                        object.instances = $Array(message.instances.length);
                        for (let j = 0; j < message.instances.length; ++j)
                            object.instances[j] = $root.switchyard.routing.v1.Instance.toObject(message.instances[j], options, _depth + 1);
                    }
                    if (message.staticSite != null && $Object.hasOwnProperty.call(message, "staticSite"))
                        object.staticSite = $root.switchyard.routing.v1.StaticSite.toObject(message.staticSite, options, _depth + 1);
                    if (message.scalerRef != null && $Object.hasOwnProperty.call(message, "scalerRef"))
                        object.scalerRef = message.scalerRef;
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.version = typeof message.version === "number" ? $BigInt(message.version) : $util.Long.fromBits(message.version.low >>> 0, message.version.high >>> 0, true).toBigInt();
                        else if (typeof message.version === "number")
                            object.version = options.longs === $String ? $String(message.version) : message.version;
                        else
                            object.version = options.longs === $String ? $util.Long.prototype.toString.call(message.version) : options.longs === $Number ? new $util.LongBits(message.version.low >>> 0, message.version.high >>> 0).toNumber(true) : message.version;
                    if (message.commitTimeMs != null && $Object.hasOwnProperty.call(message, "commitTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.commitTimeMs = typeof message.commitTimeMs === "number" ? $BigInt(message.commitTimeMs) : $util.Long.fromBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0, false).toBigInt();
                        else if (typeof message.commitTimeMs === "number")
                            object.commitTimeMs = options.longs === $String ? $String(message.commitTimeMs) : message.commitTimeMs;
                        else
                            object.commitTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.commitTimeMs) : options.longs === $Number ? new $util.LongBits(message.commitTimeMs.low >>> 0, message.commitTimeMs.high >>> 0).toNumber() : message.commitTimeMs;
                    if (message.httpsRedirect != null && $Object.hasOwnProperty.call(message, "httpsRedirect"))
                        object.httpsRedirect = message.httpsRedirect;
                    if (message.hsts != null && $Object.hasOwnProperty.call(message, "hsts"))
                        object.hsts = $root.switchyard.routing.v1.Hsts.toObject(message.hsts, options, _depth + 1);
                    return object;
                };

                /**
                 * Converts this Service to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Service
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Service.prototype.toJSON = function() {
                    return Service.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Service;
            })();

            v1.Hsts = (function() {

                /**
                 * Properties of a Hsts.
                 * @typedef {Object} switchyard.routing.v1.Hsts.$Properties
                 * @property {number|null} [maxAgeSeconds] Hsts maxAgeSeconds
                 * @property {boolean|null} [includeSubdomains] Hsts includeSubdomains
                 * @property {boolean|null} [preload] Hsts preload
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Hsts.
                 * @memberof switchyard.routing.v1
                 * @interface IHsts
                 * @augments switchyard.routing.v1.Hsts.$Properties
                 * @deprecated Use switchyard.routing.v1.Hsts.$Properties instead.
                 */

                /**
                 * Shape of a Hsts.
                 * @typedef {switchyard.routing.v1.Hsts.$Properties} switchyard.routing.v1.Hsts.$Shape
                 */

                /**
                 * Constructs a new Hsts.
                 * @memberof switchyard.routing.v1
                 * @classdesc Represents a Hsts.
                 * @constructor
                 * @param {switchyard.routing.v1.Hsts.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Hsts = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Hsts maxAgeSeconds.
                 * @member {number} maxAgeSeconds
                 * @memberof switchyard.routing.v1.Hsts
                 * @instance
                 */
                Hsts.prototype.maxAgeSeconds = 0;

                /**
                 * Hsts includeSubdomains.
                 * @member {boolean} includeSubdomains
                 * @memberof switchyard.routing.v1.Hsts
                 * @instance
                 */
                Hsts.prototype.includeSubdomains = false;

                /**
                 * Hsts preload.
                 * @member {boolean} preload
                 * @memberof switchyard.routing.v1.Hsts
                 * @instance
                 */
                Hsts.prototype.preload = false;

                /**
                 * Creates a new Hsts instance using the specified properties.
                 * @function create
                 * @memberof switchyard.routing.v1.Hsts
                 * @static
                 * @param {switchyard.routing.v1.Hsts.$Properties=} [properties] Properties to set
                 * @returns {switchyard.routing.v1.Hsts} Hsts instance
                 * @type {{
                 *   (properties: switchyard.routing.v1.Hsts.$Shape): switchyard.routing.v1.Hsts & switchyard.routing.v1.Hsts.$Shape;
                 *   (properties?: switchyard.routing.v1.Hsts.$Properties): switchyard.routing.v1.Hsts;
                 * }}
                 */
                Hsts.create = function(properties) {
                    return new Hsts(properties);
                };

                /**
                 * Encodes the specified Hsts message. Does not implicitly {@link switchyard.routing.v1.Hsts.verify|verify} messages.
                 * @function encode
                 * @memberof switchyard.routing.v1.Hsts
                 * @static
                 * @param {switchyard.routing.v1.Hsts.$Properties} message Hsts message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Hsts.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.maxAgeSeconds != null && $Object.hasOwnProperty.call(message, "maxAgeSeconds") && message.maxAgeSeconds !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.maxAgeSeconds);
                    if (message.includeSubdomains != null && $Object.hasOwnProperty.call(message, "includeSubdomains") && message.includeSubdomains !== false)
                        writer.uint32(/* id 2, wireType 0 =*/16).bool(message.includeSubdomains);
                    if (message.preload != null && $Object.hasOwnProperty.call(message, "preload") && message.preload !== false)
                        writer.uint32(/* id 3, wireType 0 =*/24).bool(message.preload);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Hsts message from the specified reader or buffer.
                 * @function decode
                 * @memberof switchyard.routing.v1.Hsts
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Hsts & switchyard.routing.v1.Hsts.$Shape} Hsts
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Hsts.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.switchyard.routing.v1.Hsts();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.maxAgeSeconds = value;
                                else
                                    delete message.maxAgeSeconds;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.includeSubdomains = value;
                                else
                                    delete message.includeSubdomains;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.preload = value;
                                else
                                    delete message.preload;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Hsts message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof switchyard.routing.v1.Hsts
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {switchyard.routing.v1.Hsts} Hsts
                 */
                Hsts.fromObject = function (object, _depth) {
                    if (object instanceof $root.switchyard.routing.v1.Hsts)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".switchyard.routing.v1.Hsts: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.switchyard.routing.v1.Hsts();
                    if (object.maxAgeSeconds != null)
                        if ($Number(object.maxAgeSeconds) !== 0)
                            message.maxAgeSeconds = object.maxAgeSeconds >>> 0;
                    if (object.includeSubdomains != null)
                        if (object.includeSubdomains)
                            message.includeSubdomains = $Boolean(object.includeSubdomains);
                    if (object.preload != null)
                        if (object.preload)
                            message.preload = $Boolean(object.preload);
                    return message;
                };

                /**
                 * Creates a plain object from a Hsts message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof switchyard.routing.v1.Hsts
                 * @static
                 * @param {switchyard.routing.v1.Hsts} message Hsts
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Hsts.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.maxAgeSeconds = 0;
                        object.includeSubdomains = false;
                        object.preload = false;
                    }
                    if (message.maxAgeSeconds != null && $Object.hasOwnProperty.call(message, "maxAgeSeconds"))
                        object.maxAgeSeconds = message.maxAgeSeconds;
                    if (message.includeSubdomains != null && $Object.hasOwnProperty.call(message, "includeSubdomains"))
                        object.includeSubdomains = message.includeSubdomains;
                    if (message.preload != null && $Object.hasOwnProperty.call(message, "preload"))
                        object.preload = message.preload;
                    return object;
                };

                /**
                 * Converts this Hsts to JSON.
                 * @function toJSON
                 * @memberof switchyard.routing.v1.Hsts
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Hsts.prototype.toJSON = function() {
                    return Hsts.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Hsts;
            })();

            return v1;
        })();

        return routing;
    })();

    return switchyard;
})();

export {
  $root as default
};
