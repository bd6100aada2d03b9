import * as $protobuf from "protobufjs";

/** Namespace switchyard. */
export namespace switchyard {

    /** Namespace routing. */
    namespace routing {

        /** Namespace v1. */
        namespace v1 {

            /** CertificateSource enum. */
            enum CertificateSource {

                /** CERTIFICATE_SOURCE_UNSPECIFIED value */
                CERTIFICATE_SOURCE_UNSPECIFIED = 0,

                /** CERTIFICATE_SOURCE_UPLOADED value */
                CERTIFICATE_SOURCE_UPLOADED = 1,

                /** CERTIFICATE_SOURCE_ACME value */
                CERTIFICATE_SOURCE_ACME = 2
            }

            /**
             * Properties of a Certificate.
             * @deprecated Use switchyard.routing.v1.Certificate.$Properties instead.
             */
            interface ICertificate extends switchyard.routing.v1.Certificate.$Properties {
            }

            /** Represents a Certificate. */
            class Certificate {

                /**
                 * Constructs a new Certificate.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Certificate.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Certificate id. */
                id: string;

                /** Certificate serviceId. */
                serviceId: string;

                /** Certificate names. */
                names: string[];

                /** Certificate chainPem. */
                chainPem: string;

                /** Certificate privateKeyPem. */
                privateKeyPem: string;

                /** Certificate notBeforeMs. */
                notBeforeMs: number;

                /** Certificate notAfterMs. */
                notAfterMs: number;

                /** Certificate source. */
                source: switchyard.routing.v1.CertificateSource;

                /** Certificate version. */
                version: number;

                /** Certificate commitTimeMs. */
                commitTimeMs: number;

                /** Certificate fingerprint. */
                fingerprint: string;

                /**
                 * Creates a new Certificate instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Certificate instance
                 */
                static create(properties: switchyard.routing.v1.Certificate.$Shape): switchyard.routing.v1.Certificate & switchyard.routing.v1.Certificate.$Shape;
                static create(properties?: switchyard.routing.v1.Certificate.$Properties): switchyard.routing.v1.Certificate;

                /**
                 * Encodes the specified Certificate message. Does not implicitly {@link switchyard.routing.v1.Certificate.verify|verify} messages.
                 * @param message Certificate message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Certificate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Certificate message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Certificate & switchyard.routing.v1.Certificate.$Shape} Certificate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Certificate & switchyard.routing.v1.Certificate.$Shape;

                /**
                 * Creates a Certificate message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Certificate
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Certificate;

                /**
                 * Creates a plain object from a Certificate message. Also converts values to other types if specified.
                 * @param message Certificate
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Certificate, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Certificate to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Certificate {

                /** Properties of a Certificate. */
                interface $Properties {

                    /** Certificate id */
                    id?: (string|null);

                    /** Certificate serviceId */
                    serviceId?: (string|null);

                    /** Certificate names */
                    names?: (string[]|null);

                    /** Certificate chainPem */
                    chainPem?: (string|null);

                    /** Certificate privateKeyPem */
                    privateKeyPem?: (string|null);

                    /** Certificate notBeforeMs */
                    notBeforeMs?: (number|null);

                    /** Certificate notAfterMs */
                    notAfterMs?: (number|null);

                    /** Certificate source */
                    source?: (switchyard.routing.v1.CertificateSource|null);

                    /** Certificate version */
                    version?: (number|null);

                    /** Certificate commitTimeMs */
                    commitTimeMs?: (number|null);

                    /** Certificate fingerprint */
                    fingerprint?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Certificate. */
                type $Shape = switchyard.routing.v1.Certificate.$Properties;
            }

            /**
             * Properties of a TicketKeys.
             * @deprecated Use switchyard.routing.v1.TicketKeys.$Properties instead.
             */
            interface ITicketKeys extends switchyard.routing.v1.TicketKeys.$Properties {
            }

            /** Represents a TicketKeys. */
            class TicketKeys {

                /**
                 * Constructs a new TicketKeys.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.TicketKeys.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TicketKeys keys. */
                keys: Uint8Array[];

                /** TicketKeys version. */
                version: number;

                /**
                 * Creates a new TicketKeys instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TicketKeys instance
                 */
                static create(properties: switchyard.routing.v1.TicketKeys.$Shape): switchyard.routing.v1.TicketKeys & switchyard.routing.v1.TicketKeys.$Shape;
                static create(properties?: switchyard.routing.v1.TicketKeys.$Properties): switchyard.routing.v1.TicketKeys;

                /**
                 * Encodes the specified TicketKeys message. Does not implicitly {@link switchyard.routing.v1.TicketKeys.verify|verify} messages.
                 * @param message TicketKeys message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.TicketKeys.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TicketKeys message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.TicketKeys & switchyard.routing.v1.TicketKeys.$Shape} TicketKeys
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.TicketKeys & switchyard.routing.v1.TicketKeys.$Shape;

                /**
                 * Creates a TicketKeys message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TicketKeys
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.TicketKeys;

                /**
                 * Creates a plain object from a TicketKeys message. Also converts values to other types if specified.
                 * @param message TicketKeys
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.TicketKeys, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TicketKeys to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace TicketKeys {

                /** Properties of a TicketKeys. */
                interface $Properties {

                    /** TicketKeys keys */
                    keys?: (Uint8Array[]|null);

                    /** TicketKeys version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TicketKeys. */
                type $Shape = switchyard.routing.v1.TicketKeys.$Properties;
            }

            /**
             * Properties of an AcmeChallenge.
             * @deprecated Use switchyard.routing.v1.AcmeChallenge.$Properties instead.
             */
            interface IAcmeChallenge extends switchyard.routing.v1.AcmeChallenge.$Properties {
            }

            /** Represents an AcmeChallenge. */
            class AcmeChallenge {

                /**
                 * Constructs a new AcmeChallenge.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.AcmeChallenge.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** AcmeChallenge token. */
                token: string;

                /** AcmeChallenge hostname. */
                hostname: string;

                /** AcmeChallenge keyAuthorization. */
                keyAuthorization: string;

                /** AcmeChallenge expiresAtMs. */
                expiresAtMs: number;

                /**
                 * Creates a new AcmeChallenge instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AcmeChallenge instance
                 */
                static create(properties: switchyard.routing.v1.AcmeChallenge.$Shape): switchyard.routing.v1.AcmeChallenge & switchyard.routing.v1.AcmeChallenge.$Shape;
                static create(properties?: switchyard.routing.v1.AcmeChallenge.$Properties): switchyard.routing.v1.AcmeChallenge;

                /**
                 * Encodes the specified AcmeChallenge message. Does not implicitly {@link switchyard.routing.v1.AcmeChallenge.verify|verify} messages.
                 * @param message AcmeChallenge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.AcmeChallenge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AcmeChallenge message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.AcmeChallenge & switchyard.routing.v1.AcmeChallenge.$Shape} AcmeChallenge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.AcmeChallenge & switchyard.routing.v1.AcmeChallenge.$Shape;

                /**
                 * Creates an AcmeChallenge message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AcmeChallenge
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.AcmeChallenge;

                /**
                 * Creates a plain object from an AcmeChallenge message. Also converts values to other types if specified.
                 * @param message AcmeChallenge
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.AcmeChallenge, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AcmeChallenge to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace AcmeChallenge {

                /** Properties of an AcmeChallenge. */
                interface $Properties {

                    /** AcmeChallenge token */
                    token?: (string|null);

                    /** AcmeChallenge hostname */
                    hostname?: (string|null);

                    /** AcmeChallenge keyAuthorization */
                    keyAuthorization?: (string|null);

                    /** AcmeChallenge expiresAtMs */
                    expiresAtMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AcmeChallenge. */
                type $Shape = switchyard.routing.v1.AcmeChallenge.$Properties;
            }

            /**
             * Properties of an AcmeChallenges.
             * @deprecated Use switchyard.routing.v1.AcmeChallenges.$Properties instead.
             */
            interface IAcmeChallenges extends switchyard.routing.v1.AcmeChallenges.$Properties {
            }

            /** Represents an AcmeChallenges. */
            class AcmeChallenges {

                /**
                 * Constructs a new AcmeChallenges.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.AcmeChallenges.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** AcmeChallenges challenges. */
                challenges: switchyard.routing.v1.AcmeChallenge.$Properties[];

                /** AcmeChallenges version. */
                version: number;

                /**
                 * Creates a new AcmeChallenges instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns AcmeChallenges instance
                 */
                static create(properties: switchyard.routing.v1.AcmeChallenges.$Shape): switchyard.routing.v1.AcmeChallenges & switchyard.routing.v1.AcmeChallenges.$Shape;
                static create(properties?: switchyard.routing.v1.AcmeChallenges.$Properties): switchyard.routing.v1.AcmeChallenges;

                /**
                 * Encodes the specified AcmeChallenges message. Does not implicitly {@link switchyard.routing.v1.AcmeChallenges.verify|verify} messages.
                 * @param message AcmeChallenges message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.AcmeChallenges.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an AcmeChallenges message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.AcmeChallenges & switchyard.routing.v1.AcmeChallenges.$Shape} AcmeChallenges
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.AcmeChallenges & switchyard.routing.v1.AcmeChallenges.$Shape;

                /**
                 * Creates an AcmeChallenges message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns AcmeChallenges
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.AcmeChallenges;

                /**
                 * Creates a plain object from an AcmeChallenges message. Also converts values to other types if specified.
                 * @param message AcmeChallenges
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.AcmeChallenges, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this AcmeChallenges to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace AcmeChallenges {

                /** Properties of an AcmeChallenges. */
                interface $Properties {

                    /** AcmeChallenges challenges */
                    challenges?: (switchyard.routing.v1.AcmeChallenge.$Properties[]|null);

                    /** AcmeChallenges version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an AcmeChallenges. */
                type $Shape = switchyard.routing.v1.AcmeChallenges.$Properties;
            }

            /**
             * Properties of a WatchRequest.
             * @deprecated Use switchyard.routing.v1.WatchRequest.$Properties instead.
             */
            interface IWatchRequest extends switchyard.routing.v1.WatchRequest.$Properties {
            }

            /** Represents a WatchRequest. */
            class WatchRequest {

                /**
                 * Constructs a new WatchRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.WatchRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WatchRequest region. */
                region: string;

                /** WatchRequest clientId. */
                clientId: string;

                /** WatchRequest fromVersion. */
                fromVersion: number;

                /**
                 * Creates a new WatchRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns WatchRequest instance
                 */
                static create(properties: switchyard.routing.v1.WatchRequest.$Shape): switchyard.routing.v1.WatchRequest & switchyard.routing.v1.WatchRequest.$Shape;
                static create(properties?: switchyard.routing.v1.WatchRequest.$Properties): switchyard.routing.v1.WatchRequest;

                /**
                 * Encodes the specified WatchRequest message. Does not implicitly {@link switchyard.routing.v1.WatchRequest.verify|verify} messages.
                 * @param message WatchRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.WatchRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WatchRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.WatchRequest & switchyard.routing.v1.WatchRequest.$Shape} WatchRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.WatchRequest & switchyard.routing.v1.WatchRequest.$Shape;

                /**
                 * Creates a WatchRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns WatchRequest
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.WatchRequest;

                /**
                 * Creates a plain object from a WatchRequest message. Also converts values to other types if specified.
                 * @param message WatchRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.WatchRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this WatchRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace WatchRequest {

                /** Properties of a WatchRequest. */
                interface $Properties {

                    /** WatchRequest region */
                    region?: (string|null);

                    /** WatchRequest clientId */
                    clientId?: (string|null);

                    /** WatchRequest fromVersion */
                    fromVersion?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a WatchRequest. */
                type $Shape = switchyard.routing.v1.WatchRequest.$Properties;
            }

            /**
             * Properties of a WatchEvent.
             * @deprecated Use switchyard.routing.v1.WatchEvent.$Properties instead.
             */
            interface IWatchEvent extends switchyard.routing.v1.WatchEvent.$Properties {
            }

            /** Represents a WatchEvent. */
            class WatchEvent {

                /**
                 * Constructs a new WatchEvent.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.WatchEvent.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WatchEvent snapshotStart. */
                snapshotStart?: (switchyard.routing.v1.SnapshotStart.$Properties|null);

                /** WatchEvent serviceBatch. */
                serviceBatch?: (switchyard.routing.v1.ServiceBatch.$Properties|null);

                /** WatchEvent snapshotEnd. */
                snapshotEnd?: (switchyard.routing.v1.SnapshotEnd.$Properties|null);

                /** WatchEvent delta. */
                delta?: (switchyard.routing.v1.Delta.$Properties|null);

                /** WatchEvent heartbeat. */
                heartbeat?: (switchyard.routing.v1.Heartbeat.$Properties|null);

                /** WatchEvent event. */
                event?: ("snapshotStart"|"serviceBatch"|"snapshotEnd"|"delta"|"heartbeat");

                /**
                 * Creates a new WatchEvent instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns WatchEvent instance
                 */
                static create(properties: switchyard.routing.v1.WatchEvent.$Shape): switchyard.routing.v1.WatchEvent & switchyard.routing.v1.WatchEvent.$Shape;
                static create(properties?: switchyard.routing.v1.WatchEvent.$Properties): switchyard.routing.v1.WatchEvent;

                /**
                 * Encodes the specified WatchEvent message. Does not implicitly {@link switchyard.routing.v1.WatchEvent.verify|verify} messages.
                 * @param message WatchEvent message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.WatchEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WatchEvent message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.WatchEvent & switchyard.routing.v1.WatchEvent.$Shape} WatchEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.WatchEvent & switchyard.routing.v1.WatchEvent.$Shape;

                /**
                 * Creates a WatchEvent message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns WatchEvent
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.WatchEvent;

                /**
                 * Creates a plain object from a WatchEvent message. Also converts values to other types if specified.
                 * @param message WatchEvent
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.WatchEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this WatchEvent to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace WatchEvent {

                /** Properties of a WatchEvent. */
                interface $Properties {

                    /** WatchEvent snapshotStart */
                    snapshotStart?: (switchyard.routing.v1.SnapshotStart.$Properties|null);

                    /** WatchEvent serviceBatch */
                    serviceBatch?: (switchyard.routing.v1.ServiceBatch.$Properties|null);

                    /** WatchEvent snapshotEnd */
                    snapshotEnd?: (switchyard.routing.v1.SnapshotEnd.$Properties|null);

                    /** WatchEvent delta */
                    delta?: (switchyard.routing.v1.Delta.$Properties|null);

                    /** WatchEvent heartbeat */
                    heartbeat?: (switchyard.routing.v1.Heartbeat.$Properties|null);

                    /** WatchEvent event */
                    event?: ("snapshotStart"|"serviceBatch"|"snapshotEnd"|"delta"|"heartbeat");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a WatchEvent. */
                type $Shape = {
                  snapshotStart?: switchyard.routing.v1.SnapshotStart.$Shape|null;
                  serviceBatch?: switchyard.routing.v1.ServiceBatch.$Shape|null;
                  snapshotEnd?: switchyard.routing.v1.SnapshotEnd.$Shape|null;
                  delta?: switchyard.routing.v1.Delta.$Shape|null;
                  heartbeat?: switchyard.routing.v1.Heartbeat.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ event?: undefined; snapshotStart?: null; serviceBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotStart"; snapshotStart: switchyard.routing.v1.SnapshotStart.$Shape; serviceBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "serviceBatch"; snapshotStart?: null; serviceBatch: switchyard.routing.v1.ServiceBatch.$Shape; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotEnd"; snapshotStart?: null; serviceBatch?: null; snapshotEnd: switchyard.routing.v1.SnapshotEnd.$Shape; delta?: null; heartbeat?: null }|{ event?: "delta"; snapshotStart?: null; serviceBatch?: null; snapshotEnd?: null; delta: switchyard.routing.v1.Delta.$Shape; heartbeat?: null }|{ event?: "heartbeat"; snapshotStart?: null; serviceBatch?: null; snapshotEnd?: null; delta?: null; heartbeat: switchyard.routing.v1.Heartbeat.$Shape })
                );
            }

            /**
             * Properties of a SnapshotStart.
             * @deprecated Use switchyard.routing.v1.SnapshotStart.$Properties instead.
             */
            interface ISnapshotStart extends switchyard.routing.v1.SnapshotStart.$Properties {
            }

            /** Represents a SnapshotStart. */
            class SnapshotStart {

                /**
                 * Constructs a new SnapshotStart.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.SnapshotStart.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotStart version. */
                version: number;

                /** SnapshotStart total. */
                total: number;

                /**
                 * Creates a new SnapshotStart instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotStart instance
                 */
                static create(properties: switchyard.routing.v1.SnapshotStart.$Shape): switchyard.routing.v1.SnapshotStart & switchyard.routing.v1.SnapshotStart.$Shape;
                static create(properties?: switchyard.routing.v1.SnapshotStart.$Properties): switchyard.routing.v1.SnapshotStart;

                /**
                 * Encodes the specified SnapshotStart message. Does not implicitly {@link switchyard.routing.v1.SnapshotStart.verify|verify} messages.
                 * @param message SnapshotStart message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.SnapshotStart.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotStart message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.SnapshotStart & switchyard.routing.v1.SnapshotStart.$Shape} SnapshotStart
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.SnapshotStart & switchyard.routing.v1.SnapshotStart.$Shape;

                /**
                 * Creates a SnapshotStart message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotStart
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.SnapshotStart;

                /**
                 * Creates a plain object from a SnapshotStart message. Also converts values to other types if specified.
                 * @param message SnapshotStart
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.SnapshotStart, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotStart to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace SnapshotStart {

                /** Properties of a SnapshotStart. */
                interface $Properties {

                    /** SnapshotStart version */
                    version?: (number|null);

                    /** SnapshotStart total */
                    total?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotStart. */
                type $Shape = switchyard.routing.v1.SnapshotStart.$Properties;
            }

            /**
             * Properties of a ServiceBatch.
             * @deprecated Use switchyard.routing.v1.ServiceBatch.$Properties instead.
             */
            interface IServiceBatch extends switchyard.routing.v1.ServiceBatch.$Properties {
            }

            /** Represents a ServiceBatch. */
            class ServiceBatch {

                /**
                 * Constructs a new ServiceBatch.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.ServiceBatch.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ServiceBatch services. */
                services: switchyard.routing.v1.Service.$Properties[];

                /**
                 * Creates a new ServiceBatch instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ServiceBatch instance
                 */
                static create(properties: switchyard.routing.v1.ServiceBatch.$Shape): switchyard.routing.v1.ServiceBatch & switchyard.routing.v1.ServiceBatch.$Shape;
                static create(properties?: switchyard.routing.v1.ServiceBatch.$Properties): switchyard.routing.v1.ServiceBatch;

                /**
                 * Encodes the specified ServiceBatch message. Does not implicitly {@link switchyard.routing.v1.ServiceBatch.verify|verify} messages.
                 * @param message ServiceBatch message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.ServiceBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ServiceBatch message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.ServiceBatch & switchyard.routing.v1.ServiceBatch.$Shape} ServiceBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.ServiceBatch & switchyard.routing.v1.ServiceBatch.$Shape;

                /**
                 * Creates a ServiceBatch message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ServiceBatch
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.ServiceBatch;

                /**
                 * Creates a plain object from a ServiceBatch message. Also converts values to other types if specified.
                 * @param message ServiceBatch
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.ServiceBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ServiceBatch to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace ServiceBatch {

                /** Properties of a ServiceBatch. */
                interface $Properties {

                    /** ServiceBatch services */
                    services?: (switchyard.routing.v1.Service.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ServiceBatch. */
                type $Shape = switchyard.routing.v1.ServiceBatch.$Properties;
            }

            /**
             * Properties of a SnapshotEnd.
             * @deprecated Use switchyard.routing.v1.SnapshotEnd.$Properties instead.
             */
            interface ISnapshotEnd extends switchyard.routing.v1.SnapshotEnd.$Properties {
            }

            /** Represents a SnapshotEnd. */
            class SnapshotEnd {

                /**
                 * Constructs a new SnapshotEnd.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.SnapshotEnd.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** SnapshotEnd version. */
                version: number;

                /**
                 * Creates a new SnapshotEnd instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SnapshotEnd instance
                 */
                static create(properties: switchyard.routing.v1.SnapshotEnd.$Shape): switchyard.routing.v1.SnapshotEnd & switchyard.routing.v1.SnapshotEnd.$Shape;
                static create(properties?: switchyard.routing.v1.SnapshotEnd.$Properties): switchyard.routing.v1.SnapshotEnd;

                /**
                 * Encodes the specified SnapshotEnd message. Does not implicitly {@link switchyard.routing.v1.SnapshotEnd.verify|verify} messages.
                 * @param message SnapshotEnd message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.SnapshotEnd.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SnapshotEnd message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.SnapshotEnd & switchyard.routing.v1.SnapshotEnd.$Shape} SnapshotEnd
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.SnapshotEnd & switchyard.routing.v1.SnapshotEnd.$Shape;

                /**
                 * Creates a SnapshotEnd message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns SnapshotEnd
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.SnapshotEnd;

                /**
                 * Creates a plain object from a SnapshotEnd message. Also converts values to other types if specified.
                 * @param message SnapshotEnd
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.SnapshotEnd, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this SnapshotEnd to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace SnapshotEnd {

                /** Properties of a SnapshotEnd. */
                interface $Properties {

                    /** SnapshotEnd version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SnapshotEnd. */
                type $Shape = switchyard.routing.v1.SnapshotEnd.$Properties;
            }

            /**
             * Properties of a Delta.
             * @deprecated Use switchyard.routing.v1.Delta.$Properties instead.
             */
            interface IDelta extends switchyard.routing.v1.Delta.$Properties {
            }

            /** Represents a Delta. */
            class Delta {

                /**
                 * Constructs a new Delta.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Delta.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Delta version. */
                version: number;

                /** Delta upserts. */
                upserts: switchyard.routing.v1.Service.$Properties[];

                /** Delta removedIds. */
                removedIds: string[];

                /** Delta commitTimeMs. */
                commitTimeMs: number;

                /**
                 * Creates a new Delta instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Delta instance
                 */
                static create(properties: switchyard.routing.v1.Delta.$Shape): switchyard.routing.v1.Delta & switchyard.routing.v1.Delta.$Shape;
                static create(properties?: switchyard.routing.v1.Delta.$Properties): switchyard.routing.v1.Delta;

                /**
                 * Encodes the specified Delta message. Does not implicitly {@link switchyard.routing.v1.Delta.verify|verify} messages.
                 * @param message Delta message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Delta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Delta message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Delta & switchyard.routing.v1.Delta.$Shape} Delta
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Delta & switchyard.routing.v1.Delta.$Shape;

                /**
                 * Creates a Delta message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Delta
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Delta;

                /**
                 * Creates a plain object from a Delta message. Also converts values to other types if specified.
                 * @param message Delta
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Delta, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Delta to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Delta {

                /** Properties of a Delta. */
                interface $Properties {

                    /** Delta version */
                    version?: (number|null);

                    /** Delta upserts */
                    upserts?: (switchyard.routing.v1.Service.$Properties[]|null);

                    /** Delta removedIds */
                    removedIds?: (string[]|null);

                    /** Delta commitTimeMs */
                    commitTimeMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Delta. */
                type $Shape = switchyard.routing.v1.Delta.$Properties;
            }

            /**
             * Properties of a Heartbeat.
             * @deprecated Use switchyard.routing.v1.Heartbeat.$Properties instead.
             */
            interface IHeartbeat extends switchyard.routing.v1.Heartbeat.$Properties {
            }

            /** Represents a Heartbeat. */
            class Heartbeat {

                /**
                 * Constructs a new Heartbeat.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Heartbeat.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Heartbeat version. */
                version: number;

                /** Heartbeat commitTimeMs. */
                commitTimeMs: number;

                /**
                 * Creates a new Heartbeat instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Heartbeat instance
                 */
                static create(properties: switchyard.routing.v1.Heartbeat.$Shape): switchyard.routing.v1.Heartbeat & switchyard.routing.v1.Heartbeat.$Shape;
                static create(properties?: switchyard.routing.v1.Heartbeat.$Properties): switchyard.routing.v1.Heartbeat;

                /**
                 * Encodes the specified Heartbeat message. Does not implicitly {@link switchyard.routing.v1.Heartbeat.verify|verify} messages.
                 * @param message Heartbeat message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Heartbeat message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Heartbeat & switchyard.routing.v1.Heartbeat.$Shape} Heartbeat
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Heartbeat & switchyard.routing.v1.Heartbeat.$Shape;

                /**
                 * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Heartbeat
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Heartbeat;

                /**
                 * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                 * @param message Heartbeat
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Heartbeat to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Heartbeat {

                /** Properties of a Heartbeat. */
                interface $Properties {

                    /** Heartbeat version */
                    version?: (number|null);

                    /** Heartbeat commitTimeMs */
                    commitTimeMs?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Heartbeat. */
                type $Shape = switchyard.routing.v1.Heartbeat.$Properties;
            }

            /**
             * Properties of a GetServicesRequest.
             * @deprecated Use switchyard.routing.v1.GetServicesRequest.$Properties instead.
             */
            interface IGetServicesRequest extends switchyard.routing.v1.GetServicesRequest.$Properties {
            }

            /** Represents a GetServicesRequest. */
            class GetServicesRequest {

                /**
                 * Constructs a new GetServicesRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.GetServicesRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** GetServicesRequest ids. */
                ids: string[];

                /**
                 * Creates a new GetServicesRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns GetServicesRequest instance
                 */
                static create(properties: switchyard.routing.v1.GetServicesRequest.$Shape): switchyard.routing.v1.GetServicesRequest & switchyard.routing.v1.GetServicesRequest.$Shape;
                static create(properties?: switchyard.routing.v1.GetServicesRequest.$Properties): switchyard.routing.v1.GetServicesRequest;

                /**
                 * Encodes the specified GetServicesRequest message. Does not implicitly {@link switchyard.routing.v1.GetServicesRequest.verify|verify} messages.
                 * @param message GetServicesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.GetServicesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a GetServicesRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.GetServicesRequest & switchyard.routing.v1.GetServicesRequest.$Shape} GetServicesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.GetServicesRequest & switchyard.routing.v1.GetServicesRequest.$Shape;

                /**
                 * Creates a GetServicesRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns GetServicesRequest
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.GetServicesRequest;

                /**
                 * Creates a plain object from a GetServicesRequest message. Also converts values to other types if specified.
                 * @param message GetServicesRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.GetServicesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this GetServicesRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace GetServicesRequest {

                /** Properties of a GetServicesRequest. */
                interface $Properties {

                    /** GetServicesRequest ids */
                    ids?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a GetServicesRequest. */
                type $Shape = switchyard.routing.v1.GetServicesRequest.$Properties;
            }

            /**
             * Properties of a GetServicesResponse.
             * @deprecated Use switchyard.routing.v1.GetServicesResponse.$Properties instead.
             */
            interface IGetServicesResponse extends switchyard.routing.v1.GetServicesResponse.$Properties {
            }

            /** Represents a GetServicesResponse. */
            class GetServicesResponse {

                /**
                 * Constructs a new GetServicesResponse.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.GetServicesResponse.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** GetServicesResponse services. */
                services: switchyard.routing.v1.Service.$Properties[];

                /** GetServicesResponse missingIds. */
                missingIds: string[];

                /** GetServicesResponse version. */
                version: number;

                /**
                 * Creates a new GetServicesResponse instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns GetServicesResponse instance
                 */
                static create(properties: switchyard.routing.v1.GetServicesResponse.$Shape): switchyard.routing.v1.GetServicesResponse & switchyard.routing.v1.GetServicesResponse.$Shape;
                static create(properties?: switchyard.routing.v1.GetServicesResponse.$Properties): switchyard.routing.v1.GetServicesResponse;

                /**
                 * Encodes the specified GetServicesResponse message. Does not implicitly {@link switchyard.routing.v1.GetServicesResponse.verify|verify} messages.
                 * @param message GetServicesResponse message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.GetServicesResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a GetServicesResponse message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.GetServicesResponse & switchyard.routing.v1.GetServicesResponse.$Shape} GetServicesResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.GetServicesResponse & switchyard.routing.v1.GetServicesResponse.$Shape;

                /**
                 * Creates a GetServicesResponse message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns GetServicesResponse
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.GetServicesResponse;

                /**
                 * Creates a plain object from a GetServicesResponse message. Also converts values to other types if specified.
                 * @param message GetServicesResponse
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.GetServicesResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this GetServicesResponse to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace GetServicesResponse {

                /** Properties of a GetServicesResponse. */
                interface $Properties {

                    /** GetServicesResponse services */
                    services?: (switchyard.routing.v1.Service.$Properties[]|null);

                    /** GetServicesResponse missingIds */
                    missingIds?: (string[]|null);

                    /** GetServicesResponse version */
                    version?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a GetServicesResponse. */
                type $Shape = switchyard.routing.v1.GetServicesResponse.$Properties;
            }

            /**
             * Properties of a WatchCertificatesRequest.
             * @deprecated Use switchyard.routing.v1.WatchCertificatesRequest.$Properties instead.
             */
            interface IWatchCertificatesRequest extends switchyard.routing.v1.WatchCertificatesRequest.$Properties {
            }

            /** Represents a WatchCertificatesRequest. */
            class WatchCertificatesRequest {

                /**
                 * Constructs a new WatchCertificatesRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.WatchCertificatesRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WatchCertificatesRequest region. */
                region: string;

                /** WatchCertificatesRequest clientId. */
                clientId: string;

                /** WatchCertificatesRequest fromVersion. */
                fromVersion: number;

                /**
                 * Creates a new WatchCertificatesRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns WatchCertificatesRequest instance
                 */
                static create(properties: switchyard.routing.v1.WatchCertificatesRequest.$Shape): switchyard.routing.v1.WatchCertificatesRequest & switchyard.routing.v1.WatchCertificatesRequest.$Shape;
                static create(properties?: switchyard.routing.v1.WatchCertificatesRequest.$Properties): switchyard.routing.v1.WatchCertificatesRequest;

                /**
                 * Encodes the specified WatchCertificatesRequest message. Does not implicitly {@link switchyard.routing.v1.WatchCertificatesRequest.verify|verify} messages.
                 * @param message WatchCertificatesRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.WatchCertificatesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WatchCertificatesRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.WatchCertificatesRequest & switchyard.routing.v1.WatchCertificatesRequest.$Shape} WatchCertificatesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.WatchCertificatesRequest & switchyard.routing.v1.WatchCertificatesRequest.$Shape;

                /**
                 * Creates a WatchCertificatesRequest message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns WatchCertificatesRequest
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.WatchCertificatesRequest;

                /**
                 * Creates a plain object from a WatchCertificatesRequest message. Also converts values to other types if specified.
                 * @param message WatchCertificatesRequest
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.WatchCertificatesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this WatchCertificatesRequest to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace WatchCertificatesRequest {

                /** Properties of a WatchCertificatesRequest. */
                interface $Properties {

                    /** WatchCertificatesRequest region */
                    region?: (string|null);

                    /** WatchCertificatesRequest clientId */
                    clientId?: (string|null);

                    /** WatchCertificatesRequest fromVersion */
                    fromVersion?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a WatchCertificatesRequest. */
                type $Shape = switchyard.routing.v1.WatchCertificatesRequest.$Properties;
            }

            /**
             * Properties of a CertificateEvent.
             * @deprecated Use switchyard.routing.v1.CertificateEvent.$Properties instead.
             */
            interface ICertificateEvent extends switchyard.routing.v1.CertificateEvent.$Properties {
            }

            /** Represents a CertificateEvent. */
            class CertificateEvent {

                /**
                 * Constructs a new CertificateEvent.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.CertificateEvent.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CertificateEvent snapshotStart. */
                snapshotStart?: (switchyard.routing.v1.SnapshotStart.$Properties|null);

                /** CertificateEvent certificateBatch. */
                certificateBatch?: (switchyard.routing.v1.CertificateBatch.$Properties|null);

                /** CertificateEvent snapshotEnd. */
                snapshotEnd?: (switchyard.routing.v1.CertificateSnapshotEnd.$Properties|null);

                /** CertificateEvent delta. */
                delta?: (switchyard.routing.v1.CertificateDelta.$Properties|null);

                /** CertificateEvent heartbeat. */
                heartbeat?: (switchyard.routing.v1.Heartbeat.$Properties|null);

                /** CertificateEvent event. */
                event?: ("snapshotStart"|"certificateBatch"|"snapshotEnd"|"delta"|"heartbeat");

                /**
                 * Creates a new CertificateEvent instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CertificateEvent instance
                 */
                static create(properties: switchyard.routing.v1.CertificateEvent.$Shape): switchyard.routing.v1.CertificateEvent & switchyard.routing.v1.CertificateEvent.$Shape;
                static create(properties?: switchyard.routing.v1.CertificateEvent.$Properties): switchyard.routing.v1.CertificateEvent;

                /**
                 * Encodes the specified CertificateEvent message. Does not implicitly {@link switchyard.routing.v1.CertificateEvent.verify|verify} messages.
                 * @param message CertificateEvent message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.CertificateEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CertificateEvent message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateEvent & switchyard.routing.v1.CertificateEvent.$Shape} CertificateEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.CertificateEvent & switchyard.routing.v1.CertificateEvent.$Shape;

                /**
                 * Creates a CertificateEvent message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CertificateEvent
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.CertificateEvent;

                /**
                 * Creates a plain object from a CertificateEvent message. Also converts values to other types if specified.
                 * @param message CertificateEvent
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.CertificateEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CertificateEvent to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace CertificateEvent {

                /** Properties of a CertificateEvent. */
                interface $Properties {

                    /** CertificateEvent snapshotStart */
                    snapshotStart?: (switchyard.routing.v1.SnapshotStart.$Properties|null);

                    /** CertificateEvent certificateBatch */
                    certificateBatch?: (switchyard.routing.v1.CertificateBatch.$Properties|null);

                    /** CertificateEvent snapshotEnd */
                    snapshotEnd?: (switchyard.routing.v1.CertificateSnapshotEnd.$Properties|null);

                    /** CertificateEvent delta */
                    delta?: (switchyard.routing.v1.CertificateDelta.$Properties|null);

                    /** CertificateEvent heartbeat */
                    heartbeat?: (switchyard.routing.v1.Heartbeat.$Properties|null);

                    /** CertificateEvent event */
                    event?: ("snapshotStart"|"certificateBatch"|"snapshotEnd"|"delta"|"heartbeat");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of a CertificateEvent. */
                type $Shape = {
                  snapshotStart?: switchyard.routing.v1.SnapshotStart.$Shape|null;
                  certificateBatch?: switchyard.routing.v1.CertificateBatch.$Shape|null;
                  snapshotEnd?: switchyard.routing.v1.CertificateSnapshotEnd.$Shape|null;
                  delta?: switchyard.routing.v1.CertificateDelta.$Shape|null;
                  heartbeat?: switchyard.routing.v1.Heartbeat.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ event?: undefined; snapshotStart?: null; certificateBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotStart"; snapshotStart: switchyard.routing.v1.SnapshotStart.$Shape; certificateBatch?: null; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "certificateBatch"; snapshotStart?: null; certificateBatch: switchyard.routing.v1.CertificateBatch.$Shape; snapshotEnd?: null; delta?: null; heartbeat?: null }|{ event?: "snapshotEnd"; snapshotStart?: null; certificateBatch?: null; snapshotEnd: switchyard.routing.v1.CertificateSnapshotEnd.$Shape; delta?: null; heartbeat?: null }|{ event?: "delta"; snapshotStart?: null; certificateBatch?: null; snapshotEnd?: null; delta: switchyard.routing.v1.CertificateDelta.$Shape; heartbeat?: null }|{ event?: "heartbeat"; snapshotStart?: null; certificateBatch?: null; snapshotEnd?: null; delta?: null; heartbeat: switchyard.routing.v1.Heartbeat.$Shape })
                );
            }

            /**
             * Properties of a CertificateBatch.
             * @deprecated Use switchyard.routing.v1.CertificateBatch.$Properties instead.
             */
            interface ICertificateBatch extends switchyard.routing.v1.CertificateBatch.$Properties {
            }

            /** Represents a CertificateBatch. */
            class CertificateBatch {

                /**
                 * Constructs a new CertificateBatch.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.CertificateBatch.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CertificateBatch certificates. */
                certificates: switchyard.routing.v1.Certificate.$Properties[];

                /**
                 * Creates a new CertificateBatch instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CertificateBatch instance
                 */
                static create(properties: switchyard.routing.v1.CertificateBatch.$Shape): switchyard.routing.v1.CertificateBatch & switchyard.routing.v1.CertificateBatch.$Shape;
                static create(properties?: switchyard.routing.v1.CertificateBatch.$Properties): switchyard.routing.v1.CertificateBatch;

                /**
                 * Encodes the specified CertificateBatch message. Does not implicitly {@link switchyard.routing.v1.CertificateBatch.verify|verify} messages.
                 * @param message CertificateBatch message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.CertificateBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CertificateBatch message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateBatch & switchyard.routing.v1.CertificateBatch.$Shape} CertificateBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.CertificateBatch & switchyard.routing.v1.CertificateBatch.$Shape;

                /**
                 * Creates a CertificateBatch message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CertificateBatch
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.CertificateBatch;

                /**
                 * Creates a plain object from a CertificateBatch message. Also converts values to other types if specified.
                 * @param message CertificateBatch
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.CertificateBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CertificateBatch to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace CertificateBatch {

                /** Properties of a CertificateBatch. */
                interface $Properties {

                    /** CertificateBatch certificates */
                    certificates?: (switchyard.routing.v1.Certificate.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CertificateBatch. */
                type $Shape = switchyard.routing.v1.CertificateBatch.$Properties;
            }

            /**
             * Properties of a CertificateSnapshotEnd.
             * @deprecated Use switchyard.routing.v1.CertificateSnapshotEnd.$Properties instead.
             */
            interface ICertificateSnapshotEnd extends switchyard.routing.v1.CertificateSnapshotEnd.$Properties {
            }

            /** Represents a CertificateSnapshotEnd. */
            class CertificateSnapshotEnd {

                /**
                 * Constructs a new CertificateSnapshotEnd.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.CertificateSnapshotEnd.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CertificateSnapshotEnd version. */
                version: number;

                /** CertificateSnapshotEnd ticketKeys. */
                ticketKeys?: (switchyard.routing.v1.TicketKeys.$Properties|null);

                /** CertificateSnapshotEnd acmeChallenges. */
                acmeChallenges?: (switchyard.routing.v1.AcmeChallenges.$Properties|null);

                /**
                 * Creates a new CertificateSnapshotEnd instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CertificateSnapshotEnd instance
                 */
                static create(properties: switchyard.routing.v1.CertificateSnapshotEnd.$Shape): switchyard.routing.v1.CertificateSnapshotEnd & switchyard.routing.v1.CertificateSnapshotEnd.$Shape;
                static create(properties?: switchyard.routing.v1.CertificateSnapshotEnd.$Properties): switchyard.routing.v1.CertificateSnapshotEnd;

                /**
                 * Encodes the specified CertificateSnapshotEnd message. Does not implicitly {@link switchyard.routing.v1.CertificateSnapshotEnd.verify|verify} messages.
                 * @param message CertificateSnapshotEnd message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.CertificateSnapshotEnd.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CertificateSnapshotEnd message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateSnapshotEnd & switchyard.routing.v1.CertificateSnapshotEnd.$Shape} CertificateSnapshotEnd
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.CertificateSnapshotEnd & switchyard.routing.v1.CertificateSnapshotEnd.$Shape;

                /**
                 * Creates a CertificateSnapshotEnd message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CertificateSnapshotEnd
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.CertificateSnapshotEnd;

                /**
                 * Creates a plain object from a CertificateSnapshotEnd message. Also converts values to other types if specified.
                 * @param message CertificateSnapshotEnd
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.CertificateSnapshotEnd, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CertificateSnapshotEnd to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace CertificateSnapshotEnd {

                /** Properties of a CertificateSnapshotEnd. */
                interface $Properties {

                    /** CertificateSnapshotEnd version */
                    version?: (number|null);

                    /** CertificateSnapshotEnd ticketKeys */
                    ticketKeys?: (switchyard.routing.v1.TicketKeys.$Properties|null);

                    /** CertificateSnapshotEnd acmeChallenges */
                    acmeChallenges?: (switchyard.routing.v1.AcmeChallenges.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CertificateSnapshotEnd. */
                type $Shape = switchyard.routing.v1.CertificateSnapshotEnd.$Properties;
            }

            /**
             * Properties of a CertificateDelta.
             * @deprecated Use switchyard.routing.v1.CertificateDelta.$Properties instead.
             */
            interface ICertificateDelta extends switchyard.routing.v1.CertificateDelta.$Properties {
            }

            /** Represents a CertificateDelta. */
            class CertificateDelta {

                /**
                 * Constructs a new CertificateDelta.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.CertificateDelta.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** CertificateDelta version. */
                version: number;

                /** CertificateDelta upserts. */
                upserts: switchyard.routing.v1.Certificate.$Properties[];

                /** CertificateDelta removedIds. */
                removedIds: string[];

                /** CertificateDelta commitTimeMs. */
                commitTimeMs: number;

                /** CertificateDelta ticketKeys. */
                ticketKeys?: (switchyard.routing.v1.TicketKeys.$Properties|null);

                /** CertificateDelta acmeChallenges. */
                acmeChallenges?: (switchyard.routing.v1.AcmeChallenges.$Properties|null);

                /**
                 * Creates a new CertificateDelta instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns CertificateDelta instance
                 */
                static create(properties: switchyard.routing.v1.CertificateDelta.$Shape): switchyard.routing.v1.CertificateDelta & switchyard.routing.v1.CertificateDelta.$Shape;
                static create(properties?: switchyard.routing.v1.CertificateDelta.$Properties): switchyard.routing.v1.CertificateDelta;

                /**
                 * Encodes the specified CertificateDelta message. Does not implicitly {@link switchyard.routing.v1.CertificateDelta.verify|verify} messages.
                 * @param message CertificateDelta message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.CertificateDelta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a CertificateDelta message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.CertificateDelta & switchyard.routing.v1.CertificateDelta.$Shape} CertificateDelta
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.CertificateDelta & switchyard.routing.v1.CertificateDelta.$Shape;

                /**
                 * Creates a CertificateDelta message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns CertificateDelta
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.CertificateDelta;

                /**
                 * Creates a plain object from a CertificateDelta message. Also converts values to other types if specified.
                 * @param message CertificateDelta
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.CertificateDelta, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this CertificateDelta to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace CertificateDelta {

                /** Properties of a CertificateDelta. */
                interface $Properties {

                    /** CertificateDelta version */
                    version?: (number|null);

                    /** CertificateDelta upserts */
                    upserts?: (switchyard.routing.v1.Certificate.$Properties[]|null);

                    /** CertificateDelta removedIds */
                    removedIds?: (string[]|null);

                    /** CertificateDelta commitTimeMs */
                    commitTimeMs?: (number|null);

                    /** CertificateDelta ticketKeys */
                    ticketKeys?: (switchyard.routing.v1.TicketKeys.$Properties|null);

                    /** CertificateDelta acmeChallenges */
                    acmeChallenges?: (switchyard.routing.v1.AcmeChallenges.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a CertificateDelta. */
                type $Shape = switchyard.routing.v1.CertificateDelta.$Properties;
            }

            /** ServiceKind enum. */
            enum ServiceKind {

                /** SERVICE_KIND_UNSPECIFIED value */
                SERVICE_KIND_UNSPECIFIED = 0,

                /** SERVICE_KIND_WEB value */
                SERVICE_KIND_WEB = 1,

                /** SERVICE_KIND_STATIC value */
                SERVICE_KIND_STATIC = 2
            }

            /** Plan enum. */
            enum Plan {

                /** PLAN_UNSPECIFIED value */
                PLAN_UNSPECIFIED = 0,

                /** PLAN_FREE value */
                PLAN_FREE = 1,

                /** PLAN_PAID value */
                PLAN_PAID = 2
            }

            /** ServiceState enum. */
            enum ServiceState {

                /** SERVICE_STATE_UNSPECIFIED value */
                SERVICE_STATE_UNSPECIFIED = 0,

                /** SERVICE_STATE_ACTIVE value */
                SERVICE_STATE_ACTIVE = 1,

                /** SERVICE_STATE_SUSPENDED value */
                SERVICE_STATE_SUSPENDED = 2
            }

            /**
             * Properties of an Instance.
             * @deprecated Use switchyard.routing.v1.Instance.$Properties instead.
             */
            interface IInstance extends switchyard.routing.v1.Instance.$Properties {
            }

            /** Represents an Instance. */
            class Instance {

                /**
                 * Constructs a new Instance.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Instance.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Instance host. */
                host: string;

                /** Instance port. */
                port: number;

                /** Instance ready. */
                ready: boolean;

                /**
                 * Creates a new Instance instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Instance instance
                 */
                static create(properties: switchyard.routing.v1.Instance.$Shape): switchyard.routing.v1.Instance & switchyard.routing.v1.Instance.$Shape;
                static create(properties?: switchyard.routing.v1.Instance.$Properties): switchyard.routing.v1.Instance;

                /**
                 * Encodes the specified Instance message. Does not implicitly {@link switchyard.routing.v1.Instance.verify|verify} messages.
                 * @param message Instance message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Instance.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Instance message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Instance & switchyard.routing.v1.Instance.$Shape} Instance
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Instance & switchyard.routing.v1.Instance.$Shape;

                /**
                 * Creates an Instance message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Instance
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Instance;

                /**
                 * Creates a plain object from an Instance message. Also converts values to other types if specified.
                 * @param message Instance
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Instance, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Instance to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Instance {

                /** Properties of an Instance. */
                interface $Properties {

                    /** Instance host */
                    host?: (string|null);

                    /** Instance port */
                    port?: (number|null);

                    /** Instance ready */
                    ready?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Instance. */
                type $Shape = switchyard.routing.v1.Instance.$Properties;
            }

            /**
             * Properties of a RedirectRule.
             * @deprecated Use switchyard.routing.v1.RedirectRule.$Properties instead.
             */
            interface IRedirectRule extends switchyard.routing.v1.RedirectRule.$Properties {
            }

            /** Represents a RedirectRule. */
            class RedirectRule {

                /**
                 * Constructs a new RedirectRule.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.RedirectRule.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RedirectRule source. */
                source: string;

                /** RedirectRule destination. */
                destination: string;

                /** RedirectRule status. */
                status: number;

                /** RedirectRule force. */
                force: boolean;

                /**
                 * Creates a new RedirectRule instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RedirectRule instance
                 */
                static create(properties: switchyard.routing.v1.RedirectRule.$Shape): switchyard.routing.v1.RedirectRule & switchyard.routing.v1.RedirectRule.$Shape;
                static create(properties?: switchyard.routing.v1.RedirectRule.$Properties): switchyard.routing.v1.RedirectRule;

                /**
                 * Encodes the specified RedirectRule message. Does not implicitly {@link switchyard.routing.v1.RedirectRule.verify|verify} messages.
                 * @param message RedirectRule message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.RedirectRule.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RedirectRule message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.RedirectRule & switchyard.routing.v1.RedirectRule.$Shape} RedirectRule
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.RedirectRule & switchyard.routing.v1.RedirectRule.$Shape;

                /**
                 * Creates a RedirectRule message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns RedirectRule
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.RedirectRule;

                /**
                 * Creates a plain object from a RedirectRule message. Also converts values to other types if specified.
                 * @param message RedirectRule
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.RedirectRule, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this RedirectRule to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace RedirectRule {

                /** Properties of a RedirectRule. */
                interface $Properties {

                    /** RedirectRule source */
                    source?: (string|null);

                    /** RedirectRule destination */
                    destination?: (string|null);

                    /** RedirectRule status */
                    status?: (number|null);

                    /** RedirectRule force */
                    force?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RedirectRule. */
                type $Shape = switchyard.routing.v1.RedirectRule.$Properties;
            }

            /**
             * Properties of a Header.
             * @deprecated Use switchyard.routing.v1.Header.$Properties instead.
             */
            interface IHeader extends switchyard.routing.v1.Header.$Properties {
            }

            /** Represents a Header. */
            class Header {

                /**
                 * Constructs a new Header.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Header.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Header name. */
                name: string;

                /** Header value. */
                value: string;

                /**
                 * Creates a new Header instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Header instance
                 */
                static create(properties: switchyard.routing.v1.Header.$Shape): switchyard.routing.v1.Header & switchyard.routing.v1.Header.$Shape;
                static create(properties?: switchyard.routing.v1.Header.$Properties): switchyard.routing.v1.Header;

                /**
                 * Encodes the specified Header message. Does not implicitly {@link switchyard.routing.v1.Header.verify|verify} messages.
                 * @param message Header message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Header.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Header message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Header & switchyard.routing.v1.Header.$Shape} Header
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Header & switchyard.routing.v1.Header.$Shape;

                /**
                 * Creates a Header message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Header
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Header;

                /**
                 * Creates a plain object from a Header message. Also converts values to other types if specified.
                 * @param message Header
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Header, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Header to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Header {

                /** Properties of a Header. */
                interface $Properties {

                    /** Header name */
                    name?: (string|null);

                    /** Header value */
                    value?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Header. */
                type $Shape = switchyard.routing.v1.Header.$Properties;
            }

            /**
             * Properties of a HeaderRule.
             * @deprecated Use switchyard.routing.v1.HeaderRule.$Properties instead.
             */
            interface IHeaderRule extends switchyard.routing.v1.HeaderRule.$Properties {
            }

            /** Represents a HeaderRule. */
            class HeaderRule {

                /**
                 * Constructs a new HeaderRule.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.HeaderRule.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HeaderRule pattern. */
                pattern: string;

                /** HeaderRule headers. */
                headers: switchyard.routing.v1.Header.$Properties[];

                /**
                 * Creates a new HeaderRule instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HeaderRule instance
                 */
                static create(properties: switchyard.routing.v1.HeaderRule.$Shape): switchyard.routing.v1.HeaderRule & switchyard.routing.v1.HeaderRule.$Shape;
                static create(properties?: switchyard.routing.v1.HeaderRule.$Properties): switchyard.routing.v1.HeaderRule;

                /**
                 * Encodes the specified HeaderRule message. Does not implicitly {@link switchyard.routing.v1.HeaderRule.verify|verify} messages.
                 * @param message HeaderRule message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.HeaderRule.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HeaderRule message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.HeaderRule & switchyard.routing.v1.HeaderRule.$Shape} HeaderRule
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.HeaderRule & switchyard.routing.v1.HeaderRule.$Shape;

                /**
                 * Creates a HeaderRule message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HeaderRule
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.HeaderRule;

                /**
                 * Creates a plain object from a HeaderRule message. Also converts values to other types if specified.
                 * @param message HeaderRule
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.HeaderRule, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HeaderRule to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace HeaderRule {

                /** Properties of a HeaderRule. */
                interface $Properties {

                    /** HeaderRule pattern */
                    pattern?: (string|null);

                    /** HeaderRule headers */
                    headers?: (switchyard.routing.v1.Header.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HeaderRule. */
                type $Shape = switchyard.routing.v1.HeaderRule.$Properties;
            }

            /**
             * Properties of a StaticSite.
             * @deprecated Use switchyard.routing.v1.StaticSite.$Properties instead.
             */
            interface IStaticSite extends switchyard.routing.v1.StaticSite.$Properties {
            }

            /** Represents a StaticSite. */
            class StaticSite {

                /**
                 * Constructs a new StaticSite.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.StaticSite.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** StaticSite activeBuildId. */
                activeBuildId: string;

                /** StaticSite rules. */
                rules: switchyard.routing.v1.RedirectRule.$Properties[];

                /** StaticSite headerRules. */
                headerRules: switchyard.routing.v1.HeaderRule.$Properties[];

                /**
                 * Creates a new StaticSite instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns StaticSite instance
                 */
                static create(properties: switchyard.routing.v1.StaticSite.$Shape): switchyard.routing.v1.StaticSite & switchyard.routing.v1.StaticSite.$Shape;
                static create(properties?: switchyard.routing.v1.StaticSite.$Properties): switchyard.routing.v1.StaticSite;

                /**
                 * Encodes the specified StaticSite message. Does not implicitly {@link switchyard.routing.v1.StaticSite.verify|verify} messages.
                 * @param message StaticSite message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.StaticSite.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a StaticSite message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.StaticSite & switchyard.routing.v1.StaticSite.$Shape} StaticSite
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.StaticSite & switchyard.routing.v1.StaticSite.$Shape;

                /**
                 * Creates a StaticSite message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns StaticSite
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.StaticSite;

                /**
                 * Creates a plain object from a StaticSite message. Also converts values to other types if specified.
                 * @param message StaticSite
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.StaticSite, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this StaticSite to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace StaticSite {

                /** Properties of a StaticSite. */
                interface $Properties {

                    /** StaticSite activeBuildId */
                    activeBuildId?: (string|null);

                    /** StaticSite rules */
                    rules?: (switchyard.routing.v1.RedirectRule.$Properties[]|null);

                    /** StaticSite headerRules */
                    headerRules?: (switchyard.routing.v1.HeaderRule.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a StaticSite. */
                type $Shape = switchyard.routing.v1.StaticSite.$Properties;
            }

            /**
             * Properties of a Service.
             * @deprecated Use switchyard.routing.v1.Service.$Properties instead.
             */
            interface IService extends switchyard.routing.v1.Service.$Properties {
            }

            /** Represents a Service. */
            class Service {

                /**
                 * Constructs a new Service.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Service.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Service id. */
                id: string;

                /** Service name. */
                name: string;

                /** Service kind. */
                kind: switchyard.routing.v1.ServiceKind;

                /** Service plan. */
                plan: switchyard.routing.v1.Plan;

                /** Service state. */
                state: switchyard.routing.v1.ServiceState;

                /** Service region. */
                region: string;

                /** Service hostnames. */
                hostnames: string[];

                /** Service instances. */
                instances: switchyard.routing.v1.Instance.$Properties[];

                /** Service staticSite. */
                staticSite?: (switchyard.routing.v1.StaticSite.$Properties|null);

                /** Service scalerRef. */
                scalerRef: string;

                /** Service version. */
                version: number;

                /** Service commitTimeMs. */
                commitTimeMs: number;

                /** Service httpsRedirect. */
                httpsRedirect: boolean;

                /** Service hsts. */
                hsts?: (switchyard.routing.v1.Hsts.$Properties|null);

                /**
                 * Creates a new Service instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Service instance
                 */
                static create(properties: switchyard.routing.v1.Service.$Shape): switchyard.routing.v1.Service & switchyard.routing.v1.Service.$Shape;
                static create(properties?: switchyard.routing.v1.Service.$Properties): switchyard.routing.v1.Service;

                /**
                 * Encodes the specified Service message. Does not implicitly {@link switchyard.routing.v1.Service.verify|verify} messages.
                 * @param message Service message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Service.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Service message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Service & switchyard.routing.v1.Service.$Shape} Service
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Service & switchyard.routing.v1.Service.$Shape;

                /**
                 * Creates a Service message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Service
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Service;

                /**
                 * Creates a plain object from a Service message. Also converts values to other types if specified.
                 * @param message Service
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Service, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Service to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Service {

                /** Properties of a Service. */
                interface $Properties {

                    /** Service id */
                    id?: (string|null);

                    /** Service name */
                    name?: (string|null);

                    /** Service kind */
                    kind?: (switchyard.routing.v1.ServiceKind|null);

                    /** Service plan */
                    plan?: (switchyard.routing.v1.Plan|null);

                    /** Service state */
                    state?: (switchyard.routing.v1.ServiceState|null);

                    /** Service region */
                    region?: (string|null);

                    /** Service hostnames */
                    hostnames?: (string[]|null);

                    /** Service instances */
                    instances?: (switchyard.routing.v1.Instance.$Properties[]|null);

                    /** Service staticSite */
                    staticSite?: (switchyard.routing.v1.StaticSite.$Properties|null);

                    /** Service scalerRef */
                    scalerRef?: (string|null);

                    /** Service version */
                    version?: (number|null);

                    /** Service commitTimeMs */
                    commitTimeMs?: (number|null);

                    /** Service httpsRedirect */
                    httpsRedirect?: (boolean|null);

                    /** Service hsts */
                    hsts?: (switchyard.routing.v1.Hsts.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Service. */
                type $Shape = switchyard.routing.v1.Service.$Properties;
            }

            /**
             * Properties of a Hsts.
             * @deprecated Use switchyard.routing.v1.Hsts.$Properties instead.
             */
            interface IHsts extends switchyard.routing.v1.Hsts.$Properties {
            }

            /** Represents a Hsts. */
            class Hsts {

                /**
                 * Constructs a new Hsts.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: switchyard.routing.v1.Hsts.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Hsts maxAgeSeconds. */
                maxAgeSeconds: number;

                /** Hsts includeSubdomains. */
                includeSubdomains: boolean;

                /** Hsts preload. */
                preload: boolean;

                /**
                 * Creates a new Hsts instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Hsts instance
                 */
                static create(properties: switchyard.routing.v1.Hsts.$Shape): switchyard.routing.v1.Hsts & switchyard.routing.v1.Hsts.$Shape;
                static create(properties?: switchyard.routing.v1.Hsts.$Properties): switchyard.routing.v1.Hsts;

                /**
                 * Encodes the specified Hsts message. Does not implicitly {@link switchyard.routing.v1.Hsts.verify|verify} messages.
                 * @param message Hsts message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: switchyard.routing.v1.Hsts.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Hsts message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {switchyard.routing.v1.Hsts & switchyard.routing.v1.Hsts.$Shape} Hsts
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): switchyard.routing.v1.Hsts & switchyard.routing.v1.Hsts.$Shape;

                /**
                 * Creates a Hsts message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Hsts
                 */
                static fromObject(object: { [k: string]: any }): switchyard.routing.v1.Hsts;

                /**
                 * Creates a plain object from a Hsts message. Also converts values to other types if specified.
                 * @param message Hsts
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: switchyard.routing.v1.Hsts, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Hsts to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Hsts {

                /** Properties of a Hsts. */
                interface $Properties {

                    /** Hsts maxAgeSeconds */
                    maxAgeSeconds?: (number|null);

                    /** Hsts includeSubdomains */
                    includeSubdomains?: (boolean|null);

                    /** Hsts preload */
                    preload?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Hsts. */
                type $Shape = switchyard.routing.v1.Hsts.$Properties;
            }
        }
    }
}
